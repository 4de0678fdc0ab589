"""Build the findings gold set by hand: pick articles, dump the product's findings, compile judgments.

``gold/findings/`` stores, per article, offsets, labels, reasons and a text hash, never article
text (``docs/gold-findings.md`` has the guidelines). The workflow:

    python scripts/annotate_findings.py pick --news ../shared/data/news --count 60 --manifest gold/findings/manifest.jsonl
    python scripts/annotate_findings.py dump --news ../shared/data/news --out DIR [--gold gold/findings] [--split tune]
    python scripts/annotate_findings.py compile DRAFT.json ... --news ../shared/data/news --out gold/findings/judged.jsonl

``dump`` runs the product on each picked article and writes, outside the repository, one
``<id>.md`` per article (the text with numbered paragraphs, then each finding with its kind,
quoted span and message) and a draft skeleton ``<id>.json``. With ``--gold`` it lists only the
findings that no judgment in the gold set matches yet (a second round after the product
changed). The annotator fills the draft::

    {"article": "<id>", "annotator": "...",
     "judged": [{"kind": "vague_source", "span": "exact words of the finding's span",
                 "label": "useful" | "trivial" | "wrong", "reason": "one line"}],
     "missing": [{"kind": "unverified_media", "span": "exact words", "near": "optional words before",
                  "reason": "one line"}]}

``compile`` locates each quoted span in the article (refusing text that is not found or is
ambiguous without ``near``) and merges the result into the gold file: judgments of a later
round are added to those of earlier rounds, never replace them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from annotate_news import MANIFEST as ATTRIBUTION_MANIFEST
from annotate_news import PICK_ORDER, _all, find_article

from claimgraph.eval.findings import LABELS, load_findings_gold, matches
from claimgraph.eval.newsgold import collection_articles, text_sha256

MANIFEST = Path(__file__).resolve().parents[1] / "gold" / "findings" / "manifest.jsonl"


def _manifest(path: Path) -> list[dict]:
    if not path.exists():
        raise SystemExit(f"error: {path} not found: run pick first")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def pick(news: Path, count: int, min_chars: int, max_chars: int) -> list[dict]:
    """Deterministic and disjoint from the attribution gold set (which was tuned on).

    Two thirds Guardian/NYT war coverage, a sixth each AllSides and BASIL; within a collection
    the order is a hash of the id (not the id itself, which the attribution pick used), and the
    tune/test split alternates in a second, unrelated hash order.
    """
    taken = {r["article"] for r in _manifest(ATTRIBUTION_MANIFEST)} if ATTRIBUTION_MANIFEST.exists() else set()
    shares = {PICK_ORDER[0]: count - 2 * (count // 6), PICK_ORDER[1]: count // 6, PICK_ORDER[2]: count // 6}
    out = []
    for coll in PICK_ORDER:
        unique = {a.id: a for a in collection_articles(news, coll)}  # a collection may hold a text twice
        arts = [a for a in unique.values() if min_chars <= len(a.text) <= max_chars and a.id not in taken]
        arts.sort(key=lambda a: hashlib.sha1(f"findings:{a.id}".encode()).hexdigest())
        chosen = arts[: shares[coll]]
        order = sorted(chosen, key=lambda a: hashlib.sha1(f"findings-split:{a.id}".encode()).hexdigest())
        for k, a in enumerate(order):
            out.append({"article": a.id, "collection": coll, "chars": len(a.text),
                        "split": "tune" if k % 2 == 0 else "test"})
    return out


def _numbered(text: str) -> str:
    lines, pos = [], 0
    for n, para in enumerate(text.split("\n"), 1):
        if para.strip():
            lines.append(f"[P{n} @{pos}] {para}")
        pos += len(para) + 1
    return "\n\n".join(lines)


def dump(news: Path, out: Path, manifest: Path, gold: Path | None, split: str | None,
         attribution: str) -> int:
    from claimgraph.options import AnalyzeOptions
    from claimgraph.pipeline import analyze_article

    done = {g.article: g for g in load_findings_gold(gold)} if gold else {}
    out.mkdir(parents=True, exist_ok=True)
    opts = AnalyzeOptions(attribution=attribution)
    written = 0
    for row in _manifest(manifest):
        if split and row["split"] != split:
            continue
        _, art = find_article(news, row["article"], row["collection"])
        analysis = analyze_article(art, opts)
        prior = done.get(art.id)
        todo = [f for f in analysis.findings
                if prior is None or not any(matches(f.kind, f.start, f.end, j) for j in prior.judged)]
        if prior is not None and not todo:
            continue
        head = f"# {art.id} · {row['collection']} · {art.outlet} · published {art.published} · split {row['split']}"
        items = []
        for n, f in enumerate(todo, 1):
            items.append(f"F{n}. kind={f.kind} severity={f.severity} span[{f.start}:{f.end}]=\n"
                         f"    «{art.text[f.start:f.end]}»\n    message: {f.message}")
        body = "\n\n".join(items) if items else "(the product reports no finding on this article)"
        (out / f"{art.id}.md").write_text(f"{head}\n\n## Article\n\n{_numbered(art.text)}\n\n"
                                          f"## Findings to judge\n\n{body}\n", encoding="utf-8")
        skeleton = {"article": art.id, "annotator": "",
                    "judged": [{"kind": f.kind, "span": art.text[f.start:f.end], "start": f.start,
                                "label": "", "reason": ""} for f in todo],
                    "missing": [] if prior is None else None}
        if prior is not None:
            del skeleton["missing"]
        (out / f"{art.id}.json").write_text(json.dumps(skeleton, ensure_ascii=False, indent=1), encoding="utf-8")
        written += 1
    return written


def _locate(text: str, span: str, near: str | None, start: int | None, where: str) -> tuple[int, int]:
    if start is not None and text[start:start + len(span)] == span:
        return start, start + len(span)
    hits = _all(text, span)
    if near:
        n_hits = _all(text, near)
        hits = [h for h in hits if any(0 <= h - (n + len(near)) <= 200 for n in n_hits)]
    if not hits:
        raise ValueError(f"{where}: span {span[:60]!r} not found" + (" after 'near'" if near else ""))
    if len(hits) > 1:
        raise ValueError(f"{where}: span {span[:60]!r} occurs {len(hits)} times: add 'near'")
    return hits[0], hits[0] + len(span)


def compile_draft(news: Path, draft: dict, manifest: Path, round_no: int) -> dict:
    rows = {r["article"]: r for r in _manifest(manifest)}
    if draft["article"] not in rows:
        raise SystemExit(f"error: article {draft['article']} is not in {manifest}")
    row = rows[draft["article"]]
    _, art = find_article(news, row["article"], row["collection"])
    judged, missing, errors = [], [], []
    for i, j in enumerate(draft.get("judged") or []):
        where = f"{art.id} judged #{i}"
        try:
            if j.get("label") not in LABELS:
                raise ValueError(f"{where}: label must be one of {', '.join(LABELS)}")
            s, e = _locate(art.text, j["span"], j.get("near"), j.get("start"), where)
            judged.append({"kind": j["kind"], "start": s, "end": e, "label": j["label"],
                           "reason": j.get("reason", ""), "round": round_no})
        except (ValueError, KeyError) as exc:
            errors.append(str(exc))
    for i, m in enumerate(draft.get("missing") or []):
        where = f"{art.id} missing #{i}"
        try:
            s, e = _locate(art.text, m["span"], m.get("near"), m.get("start"), where)
            missing.append({"kind": m["kind"], "start": s, "end": e, "reason": m.get("reason", "")})
        except (ValueError, KeyError) as exc:
            errors.append(str(exc))
    if errors:
        raise SystemExit("error: " + "\n       ".join(errors))
    return {"article": art.id, "sha256": text_sha256(art.text), "collection": row["collection"],
            "split": row["split"], "annotator": draft.get("annotator", ""), "judged": judged,
            "missing": missing, "no_missing": draft.get("missing") is not None}


def merge(old: dict | None, new: dict) -> dict:
    """A later round adds judgments (and misses, if it lists any) to the earlier ones. A span
    judged again in a later round (its message changed) keeps both judgments: the evaluation
    takes the latest round's, and the history stays readable."""
    if old is None:
        new.pop("no_missing", None)
        return new
    keys = {(j["kind"], j["start"], j["end"], j.get("round", 1)) for j in old["judged"]}
    old["judged"] += [j for j in new["judged"] if (j["kind"], j["start"], j["end"], j["round"]) not in keys]
    mkeys = {(m["start"], m["end"]) for m in old["missing"]}
    old["missing"] += [m for m in new["missing"] if (m["start"], m["end"]) not in mkeys]
    if new.get("annotator") and new["annotator"] not in old.get("annotator", ""):
        old["annotator"] = f"{old.get('annotator', '')}; {new['annotator']}".strip("; ")
    return old


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("pick")
    p.add_argument("--news", type=Path, required=True)
    p.add_argument("--count", type=int, default=60)
    p.add_argument("--min-chars", type=int, default=1500)
    p.add_argument("--max-chars", type=int, default=9000)
    p.add_argument("--manifest", type=Path)
    d = sub.add_parser("dump")
    d.add_argument("--news", type=Path, required=True)
    d.add_argument("--out", type=Path, required=True, help="a folder OUTSIDE the repository (it holds article text)")
    d.add_argument("--manifest", type=Path, default=MANIFEST)
    d.add_argument("--gold", type=Path, help="list only findings not yet judged in this gold set")
    d.add_argument("--split", choices=("tune", "test"))
    d.add_argument("--attribution", choices=("model", "rules"), default="model")
    c = sub.add_parser("compile")
    c.add_argument("drafts", nargs="+", type=Path)
    c.add_argument("--news", type=Path, required=True)
    c.add_argument("--manifest", type=Path, default=MANIFEST)
    c.add_argument("--out", type=Path, required=True)
    c.add_argument("--round", type=int, default=1, help="judging round (1 = the product before changes)")
    args = ap.parse_args()
    if args.cmd == "pick":
        rows = pick(args.news, args.count, args.min_chars, args.max_chars)
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        if args.manifest:
            args.manifest.parent.mkdir(parents=True, exist_ok=True)
            args.manifest.write_text(lines, encoding="utf-8")
        print(lines, end="")
    elif args.cmd == "dump":
        n = dump(args.news, args.out, args.manifest, args.gold, args.split, args.attribution)
        print(f"{n} article(s) written to {args.out}")
    else:
        existing: dict[str, dict] = {}
        if args.out.exists():
            for line in args.out.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    rec = json.loads(line)
                    existing[rec["article"]] = rec
        for path in args.drafts:
            data = json.loads(path.read_text(encoding="utf-8"))
            for draft in data if isinstance(data, list) else [data]:
                rec = compile_draft(args.news, draft, args.manifest, args.round)
                existing[rec["article"]] = merge(existing.get(rec["article"]), rec)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("".join(json.dumps(existing[k], ensure_ascii=False) + "\n" for k in sorted(existing)),
                            encoding="utf-8")
        print(f"{len(existing)} article(s) in {args.out}")


if __name__ == "__main__":
    main()
