"""Claim-family lookup latency at 100k and 1M stored claims, and peak memory.

    .venv/bin/python benchmarks/bench_families.py --news ../shared/data/news --sizes 100000 1000000

Stored claims are generated from real sentences: ``--base`` sentences from the AllSides
articles are embedded with all-MiniLM-L6-v2, and each stored claim is one of them with a small
random perturbation of its vector (renormalised), so the index holds a realistic, clustered
distribution without embedding a million sentences (that alone would take ~2 h on one core).
Claim rows (text, family, article) are bulk-inserted into a real corpus database, the usearch
index is built and saved beside it, then reloaded from disk as an ingest would. A lookup is what
``claimgraph trace "text"`` does: embed the query, ANN search, fetch candidate rows from SQLite,
compute word overlap. Query sentences are real sentences not among the stored ones. Reported:
p50/p95 of the whole lookup and of the search+fetch part alone, build time, peak RSS.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from claimgraph.corpus.ann import VectorIndex, index_paths  # noqa: E402
from claimgraph.corpus.embed import Embedder  # noqa: E402
from claimgraph.corpus.families import lookup  # noqa: E402
from claimgraph.store import Store  # noqa: E402
from claimgraph.store.sqlite import now  # noqa: E402


def real_sentences(news: Path, limit: int) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for f in sorted((news / "allsides-article-bias-2020" / "jsons").glob("*.json")):
        body = json.loads(f.read_text(encoding="utf-8")).get("content_original") or ""
        for s in re.split(r"(?<=[.!?])\s+", body):
            s = " ".join(s.split())
            if 8 <= len(s.split()) <= 40 and s not in seen:
                seen.add(s)
                out.append(s)
                if len(out) >= limit:
                    return out
    return out


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(db: Path, size: int, base: list[str], base_vecs: np.ndarray, embedder_name: str) -> float:
    rng = np.random.default_rng(0)
    store = Store(db)
    t0 = time.perf_counter()
    conn = store.conn
    conn.execute("BEGIN")
    stamp = now()
    per_article = 20
    for a in range(0, size, per_article):
        aid = f"bench{a // per_article:08d}"
        conn.execute("INSERT INTO articles(id, text, created_at) VALUES (?,?,?)", (aid, "", stamp))
        conn.execute("INSERT INTO corpus_articles(article_id, claims, ingested_at) VALUES (?,?,?)", (aid, per_article, stamp))
    rows = ((n, f"bench{n // per_article:08d}", f"c{n % per_article}", base[n % len(base)]) for n in range(size))
    conn.executemany("INSERT INTO corpus_claims(n, article_id, claim_id, text, core, start_offset, end_offset, entities, "
                     "tokens, indexed) VALUES (?1,?2,?3,?4,?4,0,0,'[]','[]',1)", rows)
    conn.executemany("INSERT INTO corpus_families(id, founder_n, size, dirty, created_at, updated_at) VALUES (?,?,1,0,?,?)",
                     ((f"f{n}", n, stamp, stamp) for n in range(size)))
    conn.executemany("INSERT INTO corpus_family_members(claim_n, family_id, reason) VALUES (?,?,'bench')",
                     ((n, f"f{n}") for n in range(size)))
    conn.execute("COMMIT")
    index = VectorIndex(embedder_name)
    chunk = 50_000
    for start in range(0, size, chunk):
        keys = list(range(start, min(size, start + chunk)))
        vecs = base_vecs[np.asarray(keys) % len(base)] + rng.normal(0, 0.02, (len(keys), base_vecs.shape[1])).astype(np.float32)
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        index.add(keys, vecs)
    index.save(*index_paths(str(db)))
    store.close()
    return time.perf_counter() - t0


def measure(db: Path, queries: list[str], embedder: Embedder) -> dict[str, float]:
    store = Store(db)
    lookup(store, queries[0], embedder)  # load the index and warm up
    total, search = [], []
    index = VectorIndex.load(embedder.name, *index_paths(str(db)))
    assert index is not None
    from claimgraph.store import corpus_ops as ops

    qvecs = embedder.encode(queries)
    for q, v in zip(queries, qvecs):
        t = time.perf_counter()
        hits = index.search(v, 10)
        ops.claims_by_n(store, [n for n, _ in hits])
        search.append(time.perf_counter() - t)
        t = time.perf_counter()
        lookup(store, q, embedder)
        total.append(time.perf_counter() - t)
    store.close()
    ms = lambda xs, p: round(1000 * float(np.percentile(xs, p)), 2)  # noqa: E731
    return {"lookup_p50_ms": ms(total, 50), "lookup_p95_ms": ms(total, 95),
            "search_fetch_p50_ms": ms(search, 50), "search_fetch_p95_ms": ms(search, 95)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--news", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data" / "news")
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--base", type=int, default=5000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--embedder", default="auto")
    ap.add_argument("--workdir", type=Path)
    args = ap.parse_args()
    embedder = Embedder(args.embedder)
    sentences = real_sentences(args.news, args.base + args.queries)
    random.Random(0).shuffle(sentences)
    base, queries = sentences[: args.base], sentences[args.base : args.base + args.queries]
    t = time.perf_counter()
    base_vecs = embedder.encode(base)
    embed_s = time.perf_counter() - t
    results = {"embedder": embedder.name, "base_sentences": len(base), "base_embed_s": round(embed_s, 1), "sizes": {}}
    work = args.workdir or Path(tempfile.mkdtemp(prefix="cg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        db = work / f"families-{size}.db"
        for p in work.glob(f"families-{size}.db*"):
            p.unlink()
        build_s = build(db, size, base, base_vecs, embedder.name)
        res = measure(db, queries, embedder)
        res.update({"build_s": round(build_s, 1), "peak_rss_mb": round(peak_mb())})
        results["sizes"][size] = res
        print(json.dumps({size: res}), flush=True)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
