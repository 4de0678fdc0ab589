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

``compile``: joins the draft and the labels into ``gold/verdicts/pairs.jsonl`` (offsets and
SHA-256 hashes, no text; format in ``claimgraph.eval.verdicts``).

    python scripts/annotate_verdicts.py dump --db /work/verdict-drafts/ev10k.db --out /work/verdict-drafts/pairs-draft.jsonl
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
        if lab is None:
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
                    "annotator": args.annotator})
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
    c = sub.add_parser("compile")
    c.add_argument("--draft", type=Path, required=True)
    c.add_argument("--labels", type=Path, required=True)
    c.add_argument("--news", default=str(ROOT.parent / "shared" / "data" / "news"))
    c.add_argument("--annotator", default="helper-verdicts-1")
    c.add_argument("--out", type=Path, default=ROOT / "gold" / "verdicts" / "pairs.jsonl")
    args = ap.parse_args()
    if ROOT in args.__dict__.get("out", Path("/")).resolve().parents and args.step == "dump":
        raise SystemExit("the draft holds article texts: write it outside the repository")
    return dump(args) if args.step == "dump" else compile_gold(args)


if __name__ == "__main__":
    raise SystemExit(main())
