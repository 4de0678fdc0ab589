"""Build the claim-family gold set by hand: sample claim pairs, dump them to judge, compile judgments.

``gold/families/pairs.jsonl`` holds article ids, character offsets, labels, a one-line reason and
each article's SHA-256 — never article text (``docs/gold-families.md`` has the guidelines).

    python scripts/annotate_families.py sample --db corpus.db --news ../shared/data/news \\
        --out /work/families-drafts/round1 [--count 360] [--seed 15]
    python scripts/annotate_families.py sample --db corpus.db --out /work/families-drafts/round2 \\
        --seed 16 --count 140 --quota mutates=40,member=40 --exclude gold/families/pairs.jsonl
    python scripts/annotate_families.py compile /work/families-drafts/round1 --out gold/families/pairs.jsonl
    python scripts/annotate_families.py compile /work/families-drafts/round2 --round 2 --annotator "…"

``sample`` reads a corpus built by ``claimgraph ingest`` from a development collection and
draws cross-article claim pairs of three kinds, so that both precision and recall can be
estimated: pairs the product put in one family (``member``), pairs joined by a ``mutates``
edge (``mutates``), and near misses — the most similar claims of another article by sentence
vector that the product kept apart (``near_miss``). The draw is deterministic (``--seed``).
Each pair goes to the ``test`` or ``tune`` half by a hash of its key. It writes, outside the
repository, ``sample.jsonl`` (ids and offsets only), ``test.md`` / ``tune.md`` (both claims
with their paragraph, outlet, date and source — what a fact-checker reads to judge; the way a
pair was sampled is not shown) and empty ``test.judged.jsonl`` / ``tune.judged.jsonl`` to fill
with ``{"pair", "label", "reason"}`` lines. ``compile`` joins them into the gold file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from claimgraph.eval.families import LABELS, collection_texts
from claimgraph.eval.newsgold import text_sha256

COLLECTION = "guardian-nyt-russia-ukraine-2022"


def pair_key(a: dict[str, Any], b: dict[str, Any]) -> str:
    ends = sorted(f"{x['article_id']}:{x['start_offset']}-{x['end_offset']}" for x in (a, b))
    return hashlib.sha1("|".join(ends).encode()).hexdigest()[:12]


def split_of(key: str) -> str:
    return "test" if int(hashlib.sha1(f"families-split:{key}".encode()).hexdigest(), 16) % 2 else "tune"


def _claims(store: Any) -> dict[int, dict[str, Any]]:
    rows = store.conn.execute(
        "SELECT c.n, c.article_id, c.text, c.core, c.start_offset, c.end_offset, c.source_name, c.indexed, "
        "m.family_id FROM corpus_claims c LEFT JOIN corpus_family_members m ON m.claim_n = c.n ORDER BY c.n")
    return {int(r["n"]): dict(r) for r in rows}


def _judged_spans(paths: list[Path]) -> dict[frozenset[str], list[tuple[dict[str, Any], dict[str, Any]]]]:
    """The sides of every pair already judged in ``paths``, by the pair's two articles."""
    out: dict[frozenset[str], list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                out.setdefault(frozenset((r["a"]["article"], r["b"]["article"])), []).append((r["a"], r["b"]))
    return out


def _already_judged(a: dict[str, Any], b: dict[str, Any],
                    judged: dict[frozenset[str], list[tuple[dict[str, Any], dict[str, Any]]]]) -> bool:
    """True when an earlier round judged this pair: same two articles, and each claim overlaps
    the judged span of its article (offsets move a little when claim extraction changes, so an
    exact key match would let the same pair be judged twice)."""
    def overlaps(c: dict[str, Any], s: dict[str, Any]) -> bool:
        return c["article_id"] == s["article"] and min(c["end_offset"], s["end"]) > max(c["start_offset"], s["start"])

    for x, y in judged.get(frozenset((a["article_id"], b["article_id"])), []):
        if (overlaps(a, x) and overlaps(b, y)) or (overlaps(a, y) and overlaps(b, x)):
            return True
    return False


def _quotas(count: int, spec: str, mutates_pool: int) -> dict[str, int]:
    """``mutates=N,member=N[,near_miss=N]``; default: a fifth ``mutates`` (at most the pool), a
    third ``member``. Without an explicit ``near_miss`` quota (-1 here), near misses fill the
    count left after the other two were drawn (a small pool of joins leaves more near misses)."""
    given = {k: int(v) for k, v in (kv.split("=") for kv in spec.split(",") if kv)} if spec else {}
    return {"mutates": min(mutates_pool, given.get("mutates", count // 5)), "member": given.get("member", count // 3),
            "near_miss": given.get("near_miss", -1)}


def sample(db: str, news: Path, out: Path, count: int, seed: int, quota: str = "",
           exclude: list[Path] | None = None) -> None:
    import numpy as np

    from claimgraph.corpus.embed import Embedder
    from claimgraph.store import open_store

    rng = random.Random(seed)
    with open_store(db) as store:
        claims = _claims(store)
        edges = [dict(r) for r in store.conn.execute("SELECT family_id, kind, src, dst FROM corpus_edges")]
    fams: dict[str, list[dict[str, Any]]] = {}
    for c in claims.values():
        if c["family_id"]:
            fams.setdefault(c["family_id"], []).append(c)
    member: list[tuple[int, int]] = []
    for members in fams.values():
        firsts: dict[str, dict[str, Any]] = {}
        for c in members:
            firsts.setdefault(c["article_id"], c)
        xs = sorted(firsts.values(), key=lambda c: c["n"])
        member += [(a["n"], b["n"]) for i, a in enumerate(xs) for b in xs[i + 1:]]
    mutates = []
    for e in edges:
        if e["kind"] == "mutates" and e["src"].startswith("c") and e["dst"].startswith("c"):
            a, b = claims.get(int(e["src"][1:])), claims.get(int(e["dst"][1:]))
            if a and b and a["article_id"] != b["article_id"]:
                mutates.append((min(a["n"], b["n"]), max(a["n"], b["n"])))
    indexed = [c for c in claims.values() if c["indexed"]]
    vecs = Embedder("auto").encode([c["core"] for c in indexed])
    sims = vecs @ vecs.T
    near: list[tuple[int, int]] = []
    for i, c in enumerate(indexed):
        order = np.argsort(-sims[i])[:12]
        for j in order:
            d = indexed[int(j)]
            if d["article_id"] == c["article_id"] or sims[i, j] < 0.5:
                continue
            if c["family_id"] and c["family_id"] == d["family_id"]:
                continue
            near.append((min(c["n"], d["n"]), max(c["n"], d["n"])))
            break  # the closest one of another article that the product kept apart
    near = sorted(set(near))
    judged = _judged_spans(exclude or [])
    skipped = 0
    chosen: dict[tuple[int, int], str] = {}
    pools = {"mutates": sorted(set(mutates)), "member": sorted(set(member)), "near_miss": near}
    for kind in pools:
        fresh = [p for p in pools[kind] if not _already_judged(claims[p[0]], claims[p[1]], judged)]
        skipped += len(pools[kind]) - len(fresh)
        pools[kind] = fresh
    quotas = _quotas(count, quota, len(pools["mutates"]))
    for kind, pool in pools.items():
        if quotas[kind] < 0:
            quotas[kind] = count - len(chosen)
        pool = [p for p in pool if p not in chosen]
        rng.shuffle(pool)
        for p in pool[: quotas[kind]]:
            chosen[p] = kind
    texts = {a.id: a for a in collection_texts(news, {COLLECTION})}
    out.mkdir(parents=True, exist_ok=True)
    records = []
    for (x, y), kind in chosen.items():
        a, b = claims[x], claims[y]
        key = pair_key(a, b)
        records.append({"pair": key, "split": split_of(key), "sampled_as": kind, "collection": COLLECTION,
                        "a": _side(a, texts), "b": _side(b, texts)})
    records.sort(key=lambda r: hashlib.sha1(f"families-order:{r['pair']}".encode()).hexdigest())
    with (out / "sample.jsonl").open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r) + "\n")
    for split in ("test", "tune"):
        mine = [r for r in records if r["split"] == split]
        (out / f"{split}.md").write_text(_render(mine, texts), encoding="utf-8")
        judged = out / f"{split}.judged.jsonl"
        if not judged.exists():
            judged.write_text("", encoding="utf-8")
    counts = {k: sum(1 for v in chosen.values() if v == k) for k in quotas}
    print(f"{len(records)} pairs ({counts}); pools not yet judged: member {len(pools['member'])}, "
          f"mutates {len(pools['mutates'])}, near misses {len(pools['near_miss'])} ({skipped} judged before) -> {out}")


def _side(c: dict[str, Any], texts: dict[str, Any]) -> dict[str, Any]:
    return {"article": c["article_id"], "sha256": text_sha256(texts[c["article_id"]].text),
            "start": c["start_offset"], "end": c["end_offset"]}


def _paragraph(text: str, start: int, end: int) -> str:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    if hi - lo > 1600:
        lo, hi = max(lo, start - 600), min(hi, end + 600)
    return text[lo:start] + "[[" + text[start:end] + "]]" + text[end:hi]


def _render(records: list[dict[str, Any]], texts: dict[str, Any]) -> str:
    out = []
    for r in records:
        out.append(f"## {r['pair']}\n")
        for tag in ("a", "b"):
            s = r[tag]
            art = texts[s["article"]]
            out.append(f"**{tag.upper()}** {art.outlet}, {art.published} — {art.title}\n\n"
                       f"> {_paragraph(art.text, s['start'], s['end'])}\n")
        out.append("")
    return "\n".join(out)


def compile_gold(folder: Path, out: Path, annotator: str, round_: int = 1) -> None:
    """Join the judged halves of ``folder`` into ``out``; pairs of other rounds already in ``out``
    are kept (a new round adds to the gold, it does not replace the earlier one)."""
    sampled = {r["pair"]: r for r in map(json.loads, (folder / "sample.jsonl").read_text().splitlines()) if r}
    gold = []
    for split in ("test", "tune"):
        path = folder / f"{split}.judged.jsonl"
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            j = json.loads(line)
            if j["pair"] not in sampled or j["label"] not in LABELS or not j.get("reason"):
                raise SystemExit(f"{path}:{i}: unknown pair, bad label or no reason: {line}")
            rec = dict(sampled[j["pair"]])
            if rec["split"] != split:
                raise SystemExit(f"{path}:{i}: pair {j['pair']} belongs to the {rec['split']} half")
            rec.update(label=j["label"], reason=" ".join(j["reason"].split()), annotator=annotator)
            if round_ != 1:
                rec["round"] = round_
            gold.append(rec)
    kept = []
    if out.exists():
        kept = [r for r in (json.loads(x) for x in out.read_text(encoding="utf-8").splitlines() if x.strip())
                if r.get("round", 1) != round_]
    clash = {r["pair"] for r in kept} & {r["pair"] for r in gold}
    if clash:
        raise SystemExit(f"pairs judged in an earlier round too: {sorted(clash)[:5]}")
    gold = kept + gold
    gold.sort(key=lambda r: (r.get("round", 1), r["split"], r["pair"]))
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for r in gold:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(gold)} judged pairs ({len(kept)} of other rounds kept) -> {out}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--db", required=True)
    s.add_argument("--news", type=Path, default=Path("../shared/data/news"))
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--count", type=int, default=360)
    s.add_argument("--seed", type=int, default=15)
    s.add_argument("--quota", default="", help="mutates=N,member=N[,near_miss=N]; near misses take the rest")
    s.add_argument("--exclude", type=Path, action="append", default=[],
                   help="a gold file whose pairs are not drawn again (repeatable)")
    c = sub.add_parser("compile")
    c.add_argument("folder", type=Path)
    c.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "gold" / "families" / "pairs.jsonl")
    c.add_argument("--annotator", default="claimgraph engineer (issue 15)")
    c.add_argument("--round", type=int, default=1, help="the sampling round of these pairs (others in --out are kept)")
    args = ap.parse_args()
    if args.cmd == "sample":
        if Path(__file__).resolve().parents[1] in args.out.resolve().parents:
            raise SystemExit("error: --out must be outside the repository (drafts hold article text)")
        sample(args.db, args.news, args.out, args.count, args.seed, args.quota, args.exclude)
    else:
        compile_gold(args.folder, args.out, args.annotator, args.round)


if __name__ == "__main__":
    main()
