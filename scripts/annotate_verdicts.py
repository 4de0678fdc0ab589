"""Draw claim–passage pairs that ``claimgraph verify`` turns into verdicts, for hand judging.

Two steps, texts only ever outside the repository:

``dump``: builds (or reuses) the 10,000-passage evidence store of ``benchmarks/news_sets.py``
(Guardian/NYT Russia-Ukraine development articles plus BASIL; the held-out articles are not in
it), verifies every held-out article with the product *before* issue 15's verdict work (the
``verdict.py`` of ``--baseline-ref``, loaded from git, every claim) and with the current one,
and writes every pair that decided a supported / contradicted / disputed verdict (at most two
per verdict) to a draft JSONL with both texts and an empty label. Pairs of the old product are
sampled deterministically (hash order) down to ``--max-before``; the current product's pairs
are all kept. Labels go in a separate file, one ``{"pair", "label", "reason"}`` per line.

``dump --current-only`` (the fourth sample): only the *current* product, which gives few
verdicts, so more articles are needed: ``--folds 6`` verifies every sixth of the Russia-Ukraine
articles of ``--salt`` in turn, each against its own 10,000-passage store of the other articles
(``<db stem>-<salt>-f<k>.db``); articles held out by ``--exclude-salts`` (the earlier samples)
are skipped. Each article is verified by default (check-worthy claims: stratum ``default``)
and, with ``--all-stratum``, with ``--all`` as well; a pair that only ``--all`` gives is stratum
``all``. Besides the draft (with the product's stance, for the compile step) it writes, with
``--judge-dir``, ``pairs.jsonl`` for the judge (both texts, titles, outlets and dates, an empty
label and reason, no stance and no stratum, in pair-id order) and ``INSTRUCTIONS.md``, after
keeping every ``default`` pair and ``all`` pairs article by article up to ``--target``; the
``judge`` step does the same from an existing full draft.

``dump --current-only --stories`` (the fifth sample: the Russia-Ukraine articles are used up):
AllSides 2020 stories instead (``news_sets.story_split``: per (topic, date) group of three or
more articles, about half stored and the rest held out, so that each held-out article has other
outlets' coverage of its story in its store; folds 0-2 cover every such story, fold 3 holds out
one BASIL article per triplet), each fold against its own 10,000-passage store; one process per
fold with ``--first-fold K --folds K+1``. ``judge --kit scripts/verdict_judge_kit`` then writes
that kit's ``INSTRUCTIONS.md`` (labels go to a separate ``judged.jsonl``) and ``validate.py``
beside ``pairs.jsonl``, and ``compile --labels judged.jsonl`` reads it.

``compile``: joins the draft and the labels into ``gold/verdicts/pairs.jsonl`` (offsets and
SHA-256 hashes, no text; format in ``claimgraph.eval.verdicts``).

    python scripts/annotate_verdicts.py dump --db /work/verdict-drafts/ev10k.db --out /work/verdict-drafts/pairs-draft.jsonl
    python scripts/annotate_verdicts.py dump --current-only --salt verify4 --folds 6 \\
        --exclude-salts verify,verify2,verify3 --all-stratum --target 110 --db /tmp/verd4/ev10k.db \\
        --out /tmp/verd4/draft-all.jsonl --judge-dir /work/verdicts-drafts/round4  # + draft-all-selected.jsonl
    python scripts/annotate_verdicts.py judge --draft /tmp/verd4/draft-all.jsonl --target 110 \\
        --out /tmp/verd4/draft.jsonl --judge-dir /work/verdicts-drafts/round4
    python scripts/annotate_verdicts.py dump --current-only --stories --salt verify5 --all-stratum \\
        --db /tmp/verd5/ev10k.db --out /tmp/verd5/draft-all.jsonl      # fold 0; then, one process each:
    python scripts/annotate_verdicts.py dump --current-only --stories --salt verify5 --first-fold 1 --folds 2 \\
        --db /tmp/verd5/ev10k.db --out /tmp/verd5/draft-f1.jsonl        # (2 and 3 alike)
    cat /tmp/verd5/draft-all.jsonl /tmp/verd5/draft-f[123].jsonl > /tmp/verd5/merged.jsonl
    python scripts/annotate_verdicts.py judge --draft /tmp/verd5/merged.jsonl --salt verify5 --target 130 \\
        --out /tmp/verd5/draft.jsonl --judge-dir /work/verdict-drafts-5 --kit scripts/verdict_judge_kit
    python scripts/annotate_verdicts.py compile --draft /work/verdict-drafts/pairs-draft.jsonl \\
        --labels /work/verdict-drafts/labels.jsonl --out gold/verdicts/pairs.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path
from collections import Counter
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

DECIDING = {"supported": ("supports",), "contradicted": ("contradicts",), "disputed": ("supports", "contradicts")}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _pairs(verdicts: list[Any], new: bool) -> list[tuple[Any, Any, str]]:
    """(verdict, evidence item, stance) for the items that decided each verdict, two at most."""
    out = []
    for v in verdicts:
        stances = DECIDING.get(v.label)
        if not stances:
            continue
        items = [e for e in v.evidence if e.stance in stances and (not new or e.agreed)]
        out += [(v, e, e.stance) for e in items[:2]]
    return out


def dump(args: argparse.Namespace) -> int:
    if args.current_only:
        return dump_current(args)
    from bench_verify import load_baseline
    from news_sets import build_store

    from claimgraph.pipeline import analyze_article
    from claimgraph.read.plain import article_from_text
    from claimgraph.store import open_store
    from claimgraph.verify.independence import evidence_doc_id
    from claimgraph.verify.options import VerifyOptions
    from claimgraph.verify.verdict import verify_analysis

    stored, held = build_store(args.db, salt=args.salt)
    by_doc = {evidence_doc_id(a.text): a for a in stored}
    old = load_baseline(args.baseline_ref)
    rows: dict[str, dict[str, Any]] = {}
    with open_store(str(args.db)) as store:
        for n, art in enumerate(held[: args.articles or None]):
            article = article_from_text(art.text, title=art.title or None, published=art.published,
                                        outlet=art.outlet)
            assert article.id == art.key, "the reader changed: ids differ"
            analysis = analyze_article(article)
            for which, verdicts in (("before", old.verify_analysis(analysis, store, VerifyOptions())),
                                    ("after", verify_analysis(analysis, store, VerifyOptions()))):
                for v, e, stance in _pairs(verdicts, which == "after"):
                    ev = by_doc.get(e.doc_id)
                    if ev is None or ev.text[e.start:e.end] != e.text:
                        print(f"skip: passage {e.passage_id} is not a stored article's text", file=sys.stderr)
                        continue
                    pid = _sha(f"{art.key}:{v.start}:{v.end}:{ev.key}:{e.start}:{e.end}")[:12]
                    row = rows.setdefault(pid, {
                        "pair": pid, "article": art.key, "collection": art.collection, "title": art.title,
                        "claim": [v.start, v.end], "claim_text": v.claim_text,
                        "evidence_article": ev.key, "evidence_collection": ev.collection, "evidence_title": ev.title,
                        "passage": [e.start, e.end], "passage_text": e.text, "before": None, "after": None})
                    row[which] = {"verdict": v.label, "stance": stance, "reason": e.reason,
                                  "agreement": getattr(e, "agreement", "")}
            print(f"{n + 1}/{len(held)} {art.key} {len(rows)} pairs", file=sys.stderr, flush=True)
    before = sorted((r for r in rows.values() if r["before"]), key=lambda r: r["pair"])[: args.max_before]
    keep = {r["pair"] for r in before} | {r["pair"] for r in rows.values() if r["after"]}
    with args.out.open("w", encoding="utf-8") as fh:
        for r in sorted(rows.values(), key=lambda r: r["pair"]):
            if r["pair"] in keep:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(keep)} pairs ({len(before)} of the old product, "
          f"{sum(1 for r in rows.values() if r['after'])} of the current one) -> {args.out}", file=sys.stderr)
    return 0


JUDGE_KEYS = ("pair", "claim_text", "passage_text")


def judge_rows(rows: list[dict[str, Any]], meta: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """What the judge sees of each drafted pair: both texts with title, outlet and date, an empty
    label and reason; never the product's stance, verdict, rule or stratum. Pair-id order (hash
    order: the strata and verdicts are mixed)."""
    out = []
    for r in sorted(rows, key=lambda r: r["pair"]):
        a, e = meta[r["article"]], meta[r["evidence_article"]]
        out.append({"pair": r["pair"],
                    "claim": {"outlet": a.get("outlet"), "published": a.get("published"), "title": a.get("title"),
                              "text": r["claim_text"]},
                    "passage": {"outlet": e.get("outlet"), "published": e.get("published"),
                                "title": e.get("title"), "text": r["passage_text"]},
                    "label": "", "reason": ""})
    return out


def select_strata(rows: list[dict[str, Any]], order: list[str], target: int) -> list[dict[str, Any]]:
    """Every pair of the ``default`` stratum; then ``all``-stratum pairs whole article by whole
    article (in ``order``) until ``target`` pairs are reached (0: all of them)."""
    chosen = [r for r in rows if r["stratum"] == "default"]
    extra: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        if r["stratum"] == "all":
            extra.setdefault(r["article"], []).append(r)
    for key in dict.fromkeys(order):  # the collection repeats a few texts: an id may come twice
        if target and len(chosen) >= target:
            break
        chosen += extra.get(key, [])
    return chosen


INSTRUCTIONS = """# Verdict gold, round 4: instructions for the judge

You judge {n} claim–passage pairs in `pairs.jsonl`, one JSON object per line. Each pair has a
**claim** (a span of a Guardian or New York Times 2022 article about the war in Ukraine) and a
**passage** (from *another* news article: Guardian/NYT war coverage or, rarely, US politics),
each with outlet, publication date and headline.

## Question

Reading both texts (and the dates and headlines), does the passage, taken as evidence, settle
the claim? Label each pair with one of (the labels of `docs/verify.md`, "Verdict precision"):

* `supports` — the passage states the claim's content: the same fact about the same event or
  state (same actors, place, time and figures; a reworded or quoted version counts, and so does
  the same sentence reused word for word in another article: its content agrees).
* `refutes` — the passage states something about the *same* event or state that cannot be true
  together with the claim (another figure for the same toll, the opposite outcome).
* `not enough info` — same subject, but the passage does not settle the claim: a related fact,
  part of the claim only, the same kind of news on another day or in another place, another
  speaker's opinion, a forecast vs a fact, numbers of another event.
* `unrelated` — different subjects; or the claim asserts nothing checkable (a fragment, a bare
  phrase, boilerplate).

Check dates, places, actors and numbers: "three killed in Kharkiv" on two different days are two
events (`not enough info`, not `supports` and not `refutes`). An opinion or a call ("Russia must
be held to account") is supported only by a passage saying that the same speaker said it.
A claim whose subject is a bare pronoun is judged by what the span itself says.

Judge each pair on its own, from what is shown. The pairs come in no particular order and the
way they were picked is not shown (nor what any software made of them): do not try to guess it.

## Output

Edit `pairs.jsonl` in place: fill `label` (one of `supports`, `refutes`, `not enough info`,
`unrelated`) and `reason` (required: one line in your own words saying why; do not paste long
article text) of every pair. Change nothing else (ids, texts). Keep one JSON object per line.
When every pair is labelled, create the empty file `JUDGED` in this folder.
"""


def dump_current(args: argparse.Namespace) -> int:
    """The fourth sample: pairs that the current product alone turns into verdicts (see above)."""
    import time

    from news_sets import RUUKR, articles, build_store, is_held_out

    from claimgraph.pipeline import analyze_article
    from claimgraph.read.plain import article_from_text
    from claimgraph.store import open_store
    from claimgraph.verify.independence import evidence_doc_id
    from claimgraph.verify.options import VerifyOptions
    from claimgraph.verify.verdict import verify_analysis

    ru = [] if args.stories else articles(RUUKR)
    skip = {a.key for a in ru for salt in args.exclude_salts if salt and is_held_out(a, salt)}
    meta = {a.key: {"title": a.title, "outlet": a.outlet, "published": a.published} for a in ru}
    rows: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    t0 = time.process_time()
    strata = [("default", VerifyOptions())] + ([("all", VerifyOptions(all_claims=True))] if args.all_stratum else [])
    for fold in range(args.first_fold, args.folds):
        db = args.db.with_name(f"{args.db.stem}-{args.salt}-f{fold}{args.db.suffix}")
        db.parent.mkdir(parents=True, exist_ok=True)
        stored, held = build_store(db, salt=args.salt, fold=fold, stories=args.stories)
        meta.update({a.key: {"title": a.title, "outlet": a.outlet, "published": a.published} for a in stored + held})
        by_doc = {evidence_doc_id(a.text): a for a in stored}
        todo = [a for a in held if a.key not in skip]
        with open_store(str(db)) as store:
            for n, art in enumerate(todo):
                article = article_from_text(art.text, title=art.title or None, published=art.published,
                                            outlet=art.outlet)
                assert article.id == art.key, "the reader changed: ids differ"
                analysis = analyze_article(article)
                order.append(art.key)
                for stratum, options in strata:
                    for v, e, stance in _pairs(verify_analysis(analysis, store, options), True):
                        ev = by_doc.get(e.doc_id)
                        if ev is None or ev.text[e.start:e.end] != e.text:
                            print(f"skip: passage {e.passage_id} is not a stored article's text", file=sys.stderr)
                            continue
                        pid = _sha(f"{art.key}:{v.start}:{v.end}:{ev.key}:{e.start}:{e.end}")[:12]
                        if pid in rows:
                            continue
                        rows[pid] = {"pair": pid, "article": art.key, "collection": art.collection,
                                     "title": art.title, "claim": [v.start, v.end], "claim_text": v.claim_text,
                                     "evidence_article": ev.key, "evidence_collection": ev.collection,
                                     "evidence_title": ev.title, "passage": [e.start, e.end], "passage_text": e.text,
                                     "before": None, "stratum": stratum, "fold": fold,
                                     "after": {"verdict": v.label, "stance": stance, "reason": e.reason,
                                               "agreement": getattr(e, "agreement", "")}}
                counts = Counter(r["stratum"] for r in rows.values())
                print(f"fold {fold} {n + 1}/{len(todo)} {art.key} pairs {dict(counts)} "
                      f"cpu {time.process_time() - t0:.0f}s", file=sys.stderr, flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for r in sorted(rows.values(), key=lambda r: r["pair"]):
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} pairs {dict(Counter(r['stratum'] for r in rows.values()))} "
          f"({len(order)} articles verified, {len(skip)} skipped as earlier samples' articles) -> {args.out}",
          file=sys.stderr)
    if args.judge_dir:
        write_judge(list(rows.values()), meta, args.salt, args.target, args.judge_dir,
                    args.out.with_name(f"{args.out.stem}-selected.jsonl"))
    return 0


def write_judge(rows: list[dict[str, Any]], meta: dict[str, dict[str, Any]], salt: str, target: int,
                judge_dir: Path, draft: Path) -> None:
    """Select (``select_strata``, the ``all`` articles in salted hash order), write the selected
    pairs to ``draft`` (what ``compile`` reads), and write the judge's ``pairs.jsonl`` and ``INSTRUCTIONS.md``."""
    order = sorted({r["article"] for r in rows}, key=lambda k: _sha(f"{salt}:{k}"))
    chosen = select_strata(rows, order, target)
    with draft.open("w", encoding="utf-8") as fh:
        for r in sorted(chosen, key=lambda r: r["pair"]):
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    judge_dir.mkdir(parents=True, exist_ok=True)
    (judge_dir / "pairs.jsonl").write_text(
        "".join(json.dumps(j, ensure_ascii=False) + "\n" for j in judge_rows(chosen, meta)), encoding="utf-8")
    (judge_dir / "INSTRUCTIONS.md").write_text(INSTRUCTIONS.format(n=len(chosen)), encoding="utf-8")
    print(f"{len(chosen)} pairs {dict(Counter(r['stratum'] for r in chosen))} from "
          f"{len({r['article'] for r in chosen})} articles -> {draft}; judge file -> {judge_dir / 'pairs.jsonl'}",
          file=sys.stderr)


def judge_step(args: argparse.Namespace) -> int:
    """``judge``: select from a ``dump --current-only`` draft and write the judge's files."""
    from news_sets import ALLSIDES, RUUKR, articles

    rows = list({r["pair"]: r for r in (json.loads(x) for x in args.draft.read_text(encoding="utf-8").splitlines()
                                           if x.strip())}.values())
    meta = {a.key: {"title": a.title, "outlet": a.outlet, "published": a.published}
            for coll in (RUUKR, "basil", ALLSIDES) for a in articles(coll)}
    write_judge(rows, meta, args.salt, args.target, args.judge_dir, args.out)
    if args.kit:
        for name in ("INSTRUCTIONS.md", "validate.py"):
            (args.judge_dir / name).write_text((args.kit / name).read_text(encoding="utf-8"), encoding="utf-8")
    return 0

def compile_gold(args: argparse.Namespace) -> int:
    from claimgraph.eval.newsgold import load_articles
    from claimgraph.eval.verdicts import LABELS

    draft = [json.loads(x) for x in args.draft.read_text(encoding="utf-8").splitlines() if x.strip()]
    labels = {d["pair"]: d for d in (json.loads(x) for x in args.labels.read_text(encoding="utf-8").splitlines() if x.strip())}
    wanted: dict[str, set[str]] = {}
    for r in draft:
        wanted.setdefault(r["collection"], set()).add(r["article"])
        wanted.setdefault(r["evidence_collection"], set()).add(r["evidence_article"])
    news = Path(args.news)
    arts = load_articles(news, wanted)
    out, missing = [], 0
    for r in draft:
        lab = labels.get(r["pair"])
        if lab is None or not lab.get("label"):
            missing += 1
            continue
        assert lab["label"] in LABELS, lab
        a, ev = arts[r["article"]], arts[r["evidence_article"]]
        (cs, ce), (ps, pe) = r["claim"], r["passage"]
        assert a.text[cs:ce] == r["claim_text"] and ev.text[ps:pe] == r["passage_text"], r["pair"]
        before = r["before"] and {"verdict": r["before"]["verdict"], "stance": r["before"]["stance"]}
        out.append({"pair": r["pair"], "article": r["article"], "collection": r["collection"], "sha256": _sha(a.text),
                    "claim": r["claim"], "claim_sha256": _sha(r["claim_text"]),
                    "evidence_article": r["evidence_article"], "evidence_collection": r["evidence_collection"],
                    "evidence_sha256": _sha(ev.text), "passage": r["passage"], "passage_sha256": _sha(r["passage_text"]),
                    "before": before or None, "label": lab["label"], "reason": lab["reason"],
                    "annotator": args.annotator, **({"stratum": r["stratum"]} if r.get("stratum") else {})})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in out), encoding="utf-8")
    print(f"{len(out)} judged pairs -> {args.out}; {missing} drafted pairs without a label", file=sys.stderr)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="step", required=True)
    d = sub.add_parser("dump")
    d.add_argument("--db", type=Path, default=Path("/work/verdict-drafts/ev10k.db"))
    d.add_argument("--out", type=Path, default=Path("/work/verdict-drafts/pairs-draft.jsonl"))
    d.add_argument("--articles", type=int, default=0, help="held-out articles to verify (0: all)")
    d.add_argument("--max-before", type=int, default=130)
    d.add_argument("--baseline-ref", default="84b8a3f")
    d.add_argument("--salt", default="verify", help="another salt holds out other articles (a second sample)")
    d.add_argument("--current-only", action="store_true", help="only the current product's verdicts (fourth sample)")
    d.add_argument("--folds", type=int, default=1, help="with --current-only: verify folds 0..N-1 of --salt (at most 6)")
    d.add_argument("--first-fold", type=int, default=0, help="with --current-only: start at this fold (one process per fold)")
    d.add_argument("--exclude-salts", type=lambda s: s.split(","), default=[],
                   help="with --current-only: skip articles held out by these salts (earlier samples), comma-separated")
    d.add_argument("--stories", action="store_true",
                   help="with --current-only: AllSides stories instead of the Russia-Ukraine folds (fifth sample, "
                        "news_sets.story_split; one store, --folds 1)")
    d.add_argument("--all-stratum", action="store_true", help="with --current-only: also verify every claim (--all)")
    d.add_argument("--target", type=int, default=0,
                   help="with --current-only: add --all pairs article by article up to this many pairs (0: all)")
    d.add_argument("--judge-dir", type=Path, default=None,
                   help="with --current-only: write the judge's pairs.jsonl (no stance) and INSTRUCTIONS.md here")
    j = sub.add_parser("judge", help="select from a --current-only draft and write the judge's files")
    j.add_argument("--draft", type=Path, required=True, help="the full draft of dump --current-only")
    j.add_argument("--out", type=Path, required=True, help="the selected pairs (draft for compile)")
    j.add_argument("--judge-dir", type=Path, required=True)
    j.add_argument("--salt", default="verify4", help="orders the --all articles (hash of salt and article id)")
    j.add_argument("--target", type=int, default=110)
    j.add_argument("--kit", type=Path, default=None,
                   help="a folder with INSTRUCTIONS.md and validate.py for the judge (scripts/verdict_judge_kit)")
    c = sub.add_parser("compile")
    c.add_argument("--draft", type=Path, required=True)
    c.add_argument("--labels", type=Path, required=True)
    c.add_argument("--news", default=str(ROOT.parent / "shared" / "data" / "news"))
    c.add_argument("--annotator", default="helper-verdicts-1")
    c.add_argument("--out", type=Path, default=ROOT / "gold" / "verdicts" / "pairs.jsonl")
    args = ap.parse_args()
    if args.step in ("dump", "judge"):
        for path in (args.out, args.judge_dir):
            if path is not None and (ROOT == path.resolve() or ROOT in path.resolve().parents):
                raise SystemExit("the draft holds article texts: write it outside the repository")
        if args.step == "dump" and not 1 <= args.folds <= 6:
            raise SystemExit("--folds is 1 to 6 (a salt has six folds)")
    return {"dump": dump, "judge": judge_step, "compile": compile_gold}[args.step](args)


if __name__ == "__main__":
    raise SystemExit(main())
