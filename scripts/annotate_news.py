"""Build the real-news attribution gold set by hand: pick articles, show them, compile drafts.

The gold set in ``gold/attribution/`` stores offsets, labels and a text hash, never article
text. Annotators write *drafts* outside the repository that quote the words they mean
(easier and less error-prone than counting characters), and ``compile`` turns a draft into
offsets, refusing anything ambiguous or not found. Guidelines: ``docs/gold-attribution.md``.

    python scripts/annotate_news.py pick --news ../shared/data/news --count 60
    python scripts/annotate_news.py show <article-id> --news ../shared/data/news
    python scripts/annotate_news.py compile draft.json --news ../shared/data/news --out gold/attribution/part-1.jsonl

A draft is JSON: ``{"article": "<id>", "collection": "...", "annotator": "...",
"attributions": [{"source": "he" | null, "cue": "said" | ["according", "to"] | null,
"content": "exact words" | ["first part", "second part"], "type": "named_person",
"speaker": "Volodymyr Zelenskiy" | null, "mode": "direct" | "indirect",
"near": "optional words just before the content, to pick one of several occurrences"}]}``
or a list of such objects. Content is located first (the ``near`` text, when given, must end
right before it or within 200 characters before it); the cue is the occurrence closest to the
content; the source the occurrence closest to the cue (same paragraph preferred). The speaker
mention is the first occurrence of the speaker's name in the article, if any.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from claimgraph.eval.newsgold import (  # noqa: E402
    GOLD_TYPES,
    collection_articles,
    text_sha256,
)

PICK_ORDER = ("guardian-nyt-russia-ukraine-2022", "allsides-article-bias-2020", "basil")


MANIFEST = Path(__file__).resolve().parents[1] / "gold" / "attribution" / "manifest.jsonl"


def split_of(article_id: str, manifest: Path = MANIFEST) -> str:
    """The split fixed when the articles were picked (``manifest.jsonl``): tune or test."""
    if manifest.exists():
        for line in manifest.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["article"] == article_id:
                return row["split"]
    raise SystemExit(f"error: article {article_id} is not in {manifest}: pick it first")


def pick(news: Path, count: int, skip: int, min_chars: int, max_chars: int) -> list[dict]:
    """Deterministic choice: per collection, articles sorted by id, within the length bounds.

    Two thirds from the Guardian/NYT war coverage, a sixth each from AllSides and BASIL.
    ``skip`` leaves out that many leading candidates per collection (for a second, disjoint set).
    """
    shares = {PICK_ORDER[0]: count - 2 * (count // 6), PICK_ORDER[1]: count // 6, PICK_ORDER[2]: count // 6}
    out = []
    for coll in PICK_ORDER:
        arts = sorted((a for a in collection_articles(news, coll) if min_chars <= len(a.text) <= max_chars),
                      key=lambda a: a.id)
        chosen = arts[skip * shares[coll] // count if skip else 0:][: shares[coll]]
        # alternate tune/test within each collection, in an order unrelated to the pick order
        order = sorted(chosen, key=lambda a: hashlib.sha1(f"split:{a.id}".encode()).hexdigest())
        for k, a in enumerate(order):
            out.append({"article": a.id, "collection": coll, "chars": len(a.text),
                        "split": "tune" if k % 2 == 0 else "test"})
    return out


def find_article(news: Path, article_id: str, collection: str | None):
    for coll in [collection] if collection else PICK_ORDER:
        for a in collection_articles(news, coll):
            if a.id == article_id:
                return coll, a
    raise SystemExit(f"error: article {article_id} not found under {news}")


def _all(text: str, needle: str) -> list[int]:
    """Occurrences of ``needle`` that do not start or end inside a word ("he" is not in "the")."""
    out, i = [], text.find(needle)
    while i >= 0:
        j = i + len(needle)
        left_ok = not (needle[:1].isalnum() and i > 0 and text[i - 1].isalnum())
        right_ok = not (needle[-1:].isalnum() and j < len(text) and text[j].isalnum())
        if left_ok and right_ok:
            out.append(i)
        i = text.find(needle, i + 1)
    return out


def _para(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, len(text) if e < 0 else e


def _nearest(text: str, needle: str, anchor: int | tuple[int, int], where: str) -> tuple[int, int]:
    """The occurrence of ``needle`` closest to ``anchor`` (a position or an interval), preferring
    the anchor's sentence, then its paragraph: "…, according to X" after a content must not take
    the "according to" of the sentence before."""
    hits = _all(text, needle)
    if not hits:
        raise ValueError(f"{where}: {needle!r} not found")
    lo, hi = anchor if isinstance(anchor, tuple) else (anchor, anchor)
    ps = _para(text, lo)

    def sentence_gap(h: int) -> int:
        a, b = (h + len(needle), lo) if h < lo else (hi, h)
        return sum(text[a:b].count(c) for c in ".?!")

    def cost(h: int) -> tuple[int, int, int]:
        inside = lo <= h < hi
        dist = 0 if inside else (lo - (h + len(needle)) if h < lo else h - hi)
        return (0 if ps[0] <= h < ps[1] else 1, min(sentence_gap(h), 1) if not inside else 1, dist)

    h = min(hits, key=cost)
    return h, h + len(needle)


def compile_one(text: str, att: dict, where: str) -> dict:
    contents = att["content"] if isinstance(att["content"], list) else [att["content"]]
    near = att.get("near")
    first = contents[0]
    hits = _all(text, first)
    if near:
        n_hits = _all(text, near)
        hits = [h for h in hits if any(0 <= h - (n + len(near)) <= 200 for n in n_hits)]
    if not hits:
        raise ValueError(f"{where}: content {first[:60]!r} not found" + (" after 'near'" if near else ""))
    if len(hits) > 1:
        raise ValueError(f"{where}: content {first[:60]!r} occurs {len(hits)} times: add 'near'")
    frags = [(hits[0], hits[0] + len(first))]
    for part in contents[1:]:
        j = text.find(part, frags[-1][1])
        if j < 0:
            raise ValueError(f"{where}: content part {part[:60]!r} not found after the previous part")
        frags.append((j, j + len(part)))
    anchor = (frags[0][0], frags[-1][1])
    cues = att.get("cue")
    cue_frags = []
    if cues:
        for c in cues if isinstance(cues, list) else [cues]:
            cue_frags.append(_nearest(text, c, anchor, where))
    src = []
    if att.get("source"):
        src = [_nearest(text, att["source"], cue_frags[0] if cue_frags else anchor, where)]
    t = att.get("type")
    if t not in GOLD_TYPES:
        raise ValueError(f"{where}: type {t!r} is not one of {', '.join(GOLD_TYPES)}")
    speaker = att.get("speaker")
    mention = None
    if speaker:
        i = text.find(speaker)
        mention = [i, i + len(speaker)] if i >= 0 else None
    mode = att.get("mode", "indirect")
    if mode not in ("direct", "indirect"):
        raise ValueError(f"{where}: mode must be direct or indirect")
    return {"source": [list(f) for f in src], "cue": [list(f) for f in cue_frags],
            "content": [list(f) for f in frags], "type": t, "speaker": speaker,
            "speaker_mention": mention, "mode": mode}


def compile_draft(news: Path, draft: dict) -> dict:
    coll, art = find_article(news, draft["article"], draft.get("collection"))
    atts, errors = [], []
    for i, a in enumerate(draft["attributions"]):
        try:
            atts.append(compile_one(art.text, a, f"{draft['article']} #{i}"))
        except (ValueError, KeyError) as exc:
            errors.append(str(exc))
    if errors:
        raise SystemExit("error: " + "\n       ".join(errors))
    atts.sort(key=lambda a: a["content"][0][0])
    return {"article": art.id, "sha256": text_sha256(art.text), "collection": coll,
            "split": split_of(art.id), "annotator": draft.get("annotator", ""), "attributions": atts}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("pick")
    p.add_argument("--news", type=Path, required=True)
    p.add_argument("--count", type=int, default=60)
    p.add_argument("--skip", type=int, default=0, help="leave out the first picks (a disjoint second set)")
    p.add_argument("--min-chars", type=int, default=700)
    p.add_argument("--max-chars", type=int, default=6000)
    p.add_argument("--manifest", type=Path, help="write the picks (id, collection, split) here")
    s = sub.add_parser("show")
    s.add_argument("article")
    s.add_argument("--news", type=Path, required=True)
    s.add_argument("--gold", type=Path, help="also print this gold file's attributions for the article")
    c = sub.add_parser("compile")
    c.add_argument("drafts", nargs="+", type=Path)
    c.add_argument("--news", type=Path, required=True)
    c.add_argument("--out", type=Path, required=True, help="gold JSONL (replaced articles are updated)")
    args = ap.parse_args()
    if args.cmd == "pick":
        rows = pick(args.news, args.count, args.skip, args.min_chars, args.max_chars)
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        if args.manifest:
            args.manifest.parent.mkdir(parents=True, exist_ok=True)
            args.manifest.write_text(lines, encoding="utf-8")
        print(lines, end="")
    elif args.cmd == "show":
        coll, art = find_article(args.news, args.article, None)
        print(f"# {art.id} {coll} {art.outlet} {art.published}")
        print(art.text)
        if args.gold and args.gold.exists():
            for line in args.gold.read_text().splitlines():
                g = json.loads(line)
                if g["article"] == art.id:
                    for a in g["attributions"]:
                        seg = lambda fr: " … ".join(art.text[s:e] for s, e in fr)  # noqa: E731
                        print(f"- [{a['type']}] {seg(a['source']) or '∅'} ⟨{seg(a['cue'])}⟩ "
                              f"{seg(a['content'])[:100]!r} → {a['speaker']}")
    else:
        existing: dict[str, str] = {}
        if args.out.exists():
            for line in args.out.read_text().splitlines():
                if line.strip():
                    existing[json.loads(line)["article"]] = line
        for path in args.drafts:
            data = json.loads(path.read_text(encoding="utf-8"))
            for draft in data if isinstance(data, list) else [data]:
                rec = compile_draft(args.news, draft)
                existing[rec["article"]] = json.dumps(rec, ensure_ascii=False)
                print(f"{rec['article']}: {len(rec['attributions'])} attributions ({rec['split']})")
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("".join(v + "\n" for v in existing.values()), encoding="utf-8")


if __name__ == "__main__":
    main()
