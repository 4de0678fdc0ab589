"""Recall of the ANN (HNSW) evidence search against exact brute force, on real news passages.

Why: ``bench_match.py --recall`` measures recall on synthetic clustered vectors only; real
MiniLM passage vectors are distributed differently (and hold duplicate sentences). This
benchmark stores real articles as trusted evidence through the product path (``add_evidence``,
what ``claimgraph evidence add`` runs, with ``EvidenceOptions(ann_min_passages=0)`` so the HNSW index is built
beside the database whatever the size), then asks claim-like sentences of *held-out* articles
(never stored; a sentence that is also a stored passage is skipped), embedded one at a time as
``EvidenceIndex.search`` does. For each query the exact top-k (a streamed scan of every stored
vector, ``bench_match.exact_top``) is compared with the ANN path ``EvidenceIndex.dense``
(candidates, then exact re-scoring), by ``bench_match.ann_recall``.

Articles come from ``../shared/data/news`` (AllSides 2020, BASIL, Guardian/NYT Russia-Ukraine,
MEANTIME); their text is written only to a temporary folder, never into the repository. An
article is held out for queries iff sha1("heldout:" + key) % 10 == 0, whatever ``--limit``.
Everything is local (``HF_HUB_OFFLINE=1``); without the news folder the benchmark skips (exit 2).

    OPENBLAS_NUM_THREADS=1 nice -n 19 .venv/bin/python benchmarks/bench_ann_real.py --limit 200
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_match import ann_recall, exact_top, pct  # noqa: E402  (also puts src/ on the path)

from claimgraph.corpus.ann import VectorIndex, index_paths  # noqa: E402
from claimgraph.store import Store  # noqa: E402
from claimgraph.store import verify_ops as ops  # noqa: E402
from claimgraph.verify import embed  # noqa: E402
from claimgraph.verify import evidence  # noqa: E402

Article = tuple[str, str, str]  # (key, title, body)
CANDIDATES = (100, 200, 400, 800)
_DETOK = re.compile(r" ([,.;:!?%)\]]|'s\b|n't\b|'re\b|'ve\b|'ll\b|'d\b)")


def meantime_text(path: Path) -> tuple[str, str]:
    """Title and body of a MEANTIME CAT file, rebuilt from its tokens (sentence 0 is the title)."""
    sents: dict[int, list[str]] = {}
    for tok in ET.parse(path).getroot().iter("token"):
        sents.setdefault(int(tok.get("sentence", "0")), []).append(tok.text or "")
    text = [re.sub(r"([($]) ", r"\1", _DETOK.sub(r"\1", " ".join(words)))
            for _, words in sorted(sents.items())]
    return (text[0] if text else ""), " ".join(text[1:])


def load_articles(news: Path) -> list[Article]:
    """Every article text of the news folder (files in sorted order), 50 words or more."""
    out: list[Article] = []
    for f in sorted((news / "allsides-article-bias-2020" / "jsons").glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        out.append(("allsides:" + f.stem, d.get("title") or "", d.get("content_original") or ""))
    for f in sorted((news / "basil" / "articles").glob("*/*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        body = "\n\n".join(" ".join(p) for p in d.get("body-paragraphs") or [])
        out.append(("basil:" + f.stem, d.get("title") or "", body))
    csv.field_size_limit(2**31 - 1)
    for f in sorted((news / "guardian-nyt-russia-ukraine-2022").glob("*.csv")):
        with f.open(encoding="utf-8", newline="") as fh:
            for n, r in enumerate(csv.DictReader(fh)):
                out.append((f"ruukr:{f.stem}:{n}", r.get("headlines") or "", r.get("articles") or ""))
    for f in sorted((news / "meantime").glob("corpus_*/*.xml")):
        out.append(("meantime:" + f.stem, *meantime_text(f)))
    return [a for a in out if len(a[2].split()) >= 50]


def _h(s: str) -> int:
    return int(hashlib.sha1(s.encode("utf-8")).hexdigest(), 16)


def split_articles(arts: list[Article], limit: int) -> tuple[list[Article], list[Article]]:
    """(stored, held out): a hash order mixes the sources, so ``--limit`` takes some of each."""
    arts = sorted(arts, key=lambda a: _h(a[0]))[: limit or None]
    held = [a for a in arts if _h("heldout:" + a[0]) % 10 == 0]
    return [a for a in arts if _h("heldout:" + a[0]) % 10 != 0], held


def ingest(store: Store, stored: list[Article]) -> dict[str, float]:
    """``add_evidence`` on the articles as .txt files, ANN forced on; embedding and HNSW insert
    time measured by wrapping ``embed.encode`` and ``VectorIndex.add``."""
    timed = {"embed_s": 0.0, "hnsw_insert_s": 0.0, "embedded": 0.0}
    real_encode, real_add = embed.encode, VectorIndex.add
    t0 = time.perf_counter()

    def encode(texts: Any, batch_size: int = 64) -> np.ndarray:
        t = time.perf_counter()
        vecs = real_encode(texts, batch_size)
        timed["embed_s"] += time.perf_counter() - t
        before, timed["embedded"] = timed["embedded"], timed["embedded"] + len(texts)
        if int(before) // 5000 != int(timed["embedded"]) // 5000:
            print(f"  {int(timed['embedded'])} passages embedded, {time.perf_counter() - t0:.0f} s",
                  file=sys.stderr, flush=True)
        return vecs

    def add(self: VectorIndex, keys: list[int], vectors: np.ndarray) -> None:
        t = time.perf_counter()
        real_add(self, keys, vectors)
        timed["hnsw_insert_s"] += time.perf_counter() - t

    with tempfile.TemporaryDirectory() as tmp:
        for i, (_, title, body) in enumerate(stored):
            (Path(tmp) / f"{i:05d}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        embed.encode, VectorIndex.add = encode, add  # type: ignore[method-assign]
        try:
            t = time.perf_counter()
            evidence.add_evidence(store, [tmp], options=evidence.EvidenceOptions(ann_min_passages=0))
            timed["evidence_add_s"] = time.perf_counter() - t
        finally:
            embed.encode, VectorIndex.add = real_encode, real_add  # type: ignore[method-assign]
    del timed["embedded"]
    return {key: round(v, 1) for key, v in timed.items()}


def pick_queries(held: list[Article], stored_texts: set[str], n: int) -> list[str]:
    """Up to ``n`` sentences (8-60 words) of held-out articles that are not stored passages."""
    seen: dict[str, None] = {}
    for _, _, body in held:
        for s, e in evidence.split_passages(body):
            t = " ".join(body[s:e].split())
            if 8 <= len(t.split()) <= 60 and t not in stored_texts:
                seen[t] = None
    cands = list(seen)
    pick = np.random.default_rng(13).permutation(len(cands))[:n]
    return [cands[i] for i in sorted(pick)]


def measure(store: Store, queries: list[str], k: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    embed.encode(["warm up"])
    vecs, times = [], []
    for q in queries:  # as EvidenceIndex.search embeds a claim: one at a time
        t = time.perf_counter()
        vecs.append(embed.encode([q])[0])
        times.append(time.perf_counter() - t)
    qv = np.vstack(vecs)
    out["query_embedding"] = pct(times)
    t = time.perf_counter()
    ev = evidence.EvidenceIndex(store, evidence.EvidenceOptions(ann_min_passages=0))
    out["ann_open_s"] = round(time.perf_counter() - t, 3)
    if ev.ann is None:
        raise SystemExit("bench_ann_real: the ANN index did not open")
    t = time.perf_counter()
    exact = exact_top(store, qv, k)
    out["exact_scan_s"] = round(time.perf_counter() - t, 1)
    out["ann"] = {str(c): ann_recall(ev, qv, exact, k, c) for c in CANDIDATES}
    t = time.perf_counter()
    brute = evidence.EvidenceIndex(store, evidence.EvidenceOptions(ann_min_passages=10**12))
    out["brute_open_s"] = round(time.perf_counter() - t, 3)
    times, agree = [], 0
    for j, v in enumerate(qv):
        t = time.perf_counter()
        found = brute.dense(v, k)
        times.append(time.perf_counter() - t)
        agree += len(found) == len(exact[j]) and all(abs(a[1] - b[1]) < 1e-5 for a, b in zip(found, exact[j]))
    out["brute"] = {**pct(times), "same_cosines_as_scan": round(agree / len(qv), 4)}
    return out


def table(r: dict[str, Any]) -> str:
    k = r["k"]
    lines = [f"ANN vs exact dense search on {r['passages']:,} real passages ({r['stored_articles']} stored "
             f"articles); {r['queries']} queries from {r['heldout_articles']} held-out articles; k={k}",
             f"ingest (evidence add, ANN on): {r['ingest']}",
             f"index file {r['index_file_mb']} MB; ANN open {r['ann_open_s']} s, brute-force open "
             f"{r['brute_open_s']} s; query embedding p50/p95 {r['query_embedding']['p50_ms']}/"
             f"{r['query_embedding']['p95_ms']} ms", "",
             f"{'dense search':<24}{'R@' + str(k):>8}{'R@1':>8}{'R@' + str(k) + ' ties':>11}"
             f"{'R@1 ties':>10}{'p50 ms':>9}{'p95 ms':>9}"]
    b = r["brute"]
    lines.append(f"{'exact brute force':<24}{1.0:>8}{1.0:>8}{1.0:>11}{1.0:>10}{b['p50_ms']:>9}{b['p95_ms']:>9}")
    for c, a in r["ann"].items():
        name = f"ANN {c} candidates" + (" *" if int(c) == r["default_candidates"] else "")
        lines.append(f"{name:<24}{a[f'recall_at_{k}']:>8}{a['recall_at_1']:>8}{a[f'recall_at_{k}_ties']:>11}"
                     f"{a['recall_at_1_ties']:>10}{a['p50_ms']:>9}{a['p95_ms']:>9}")
    lines.append(f"* product default (evidence.ANN_MIN_CANDIDATES); ties: a returned passage with the "
                 f"exact k-th (best) cosine counts; brute force = streamed scan: {b['same_cosines_as_scan']}")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--news", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared/data/news")
    ap.add_argument("--limit", type=int, default=0, help="articles taken (stored + held out); 0: all")
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--db", type=Path, help="database to build (or reuse if it holds passages); default: temp")
    ap.add_argument("--threads", type=int, default=2, help="embedding threads (the product uses at most 2)")
    ap.add_argument("--json", action="store_true", help="print the result as JSON instead of a table")
    args = ap.parse_args()
    arts = load_articles(args.news) if args.news.is_dir() else []
    if not arts:
        print(f"bench_ann_real: skipped: no news articles under {args.news.resolve()}", file=sys.stderr)
        return 2
    import torch

    torch.set_num_threads(max(1, args.threads))
    stored, held = split_articles(arts, args.limit)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "evidence.db"
        store = Store(db)
        result: dict[str, Any] = {"k": args.k, "stored_articles": len(stored), "heldout_articles": len(held),
                                  "default_candidates": evidence.ANN_MIN_CANDIDATES}
        if ops.passage_count(store):
            print(f"reusing {db}: {ops.passage_count(store)} passages", file=sys.stderr)
            result["ingest"] = "reused"
        else:
            print(f"storing {len(stored)} articles as evidence ...", file=sys.stderr, flush=True)
            result["ingest"] = ingest(store, stored)
        result["passages"] = ops.passage_count(store)
        paths = index_paths(store, evidence.PASSAGE_INDEX)
        stored_texts = {" ".join(r[0].split()) for r in store.conn.execute("SELECT text FROM evidence_passages")}
        queries = pick_queries(held, stored_texts, args.queries)
        result["queries"] = len(queries)
        result.update(measure(store, queries, args.k))
        result["index_file_mb"] = round(os.path.getsize(paths[0]) / 2**20, 1) if paths else None
        store.close()
    print(json.dumps(result, indent=2) if args.json else table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
