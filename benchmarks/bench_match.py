"""Matching latency per claim: against N fact-checks and against M evidence passages.

Measures the search itself (BM25 + dense fusion + re-ranking for fact-checks; FTS5 + dense +
fusion for passages), with query vectors computed beforehand, because embedding one claim costs
the same whatever the collection size (it is reported separately). Texts are synthetic
(Zipf-distributed vocabulary) unless ``--claims`` gives a real collection; vectors are random
unit vectors, which cost the same to search as real ones.

    .venv/bin/python benchmarks/bench_match.py --factchecks 20000 --passages 1000000
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from claimgraph.store import Store  # noqa: E402
from claimgraph.store import verify_ops as ops  # noqa: E402
from claimgraph.verify.evidence import EvidenceIndex, EvidenceOptions  # noqa: E402
from claimgraph.verify.factchecks import FactCheck, load_factchecks  # noqa: E402
from claimgraph.verify.match import FactCheckIndex, MatchOptions  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic_sentences(n: int, rng: np.random.Generator, vocab: int = 50_000) -> list[str]:
    words = np.array([f"w{i}" for i in range(vocab)])
    lengths = rng.integers(8, 30, size=n)
    # content words only: the ~100 commonest words of real text are stop words, dropped by both indexes
    ids = np.minimum(rng.zipf(1.3, size=int(lengths.sum())) + 100, vocab) - 1
    out, pos = [], 0
    for ln in lengths:
        out.append(" ".join(words[ids[pos : pos + ln]]))
        pos += ln
    return out


def unit(rng: np.random.Generator, n: int, dim: int = 384) -> np.ndarray:
    v = rng.standard_normal((n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def pct(xs: list[float]) -> dict[str, float]:
    return {"p50_ms": round(float(np.percentile(xs, 50)) * 1000, 2),
            "p95_ms": round(float(np.percentile(xs, 95)) * 1000, 2)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--factchecks", type=int, default=20_000)
    ap.add_argument("--passages", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--claims", type=Path, help="a real fact-check collection instead of synthetic text")
    ap.add_argument("--embed-queries", action="store_true", help="also time MiniLM query embedding")
    args = ap.parse_args()
    rng = np.random.default_rng(7)
    report: dict[str, object] = {}

    # fact-checks
    if args.claims:
        fcs = load_factchecks(args.claims)[: args.factchecks]
    else:
        fcs = [FactCheck(id=f"fc{i}", claim=t) for i, t in enumerate(synthetic_sentences(args.factchecks, rng))]
    queries = synthetic_sentences(args.queries, rng) if not args.claims else [f.claim for f in fcs[: args.queries]]
    t0 = time.perf_counter()
    index = FactCheckIndex(fcs, MatchOptions(), vectors=unit(rng, len(fcs)))
    build = time.perf_counter() - t0
    qv = unit(rng, len(queries))
    times = []
    for q, v in zip(queries, qv):
        t = time.perf_counter()
        index.search(q, v)
        times.append(time.perf_counter() - t)
    report["factchecks"] = {"n": len(fcs), "build_s": round(build, 2), **pct(times), "rss_mb": round(rss_mb())}
    print(json.dumps(report["factchecks"]), flush=True)
    if args.embed_queries:
        from claimgraph.verify.embed import encode

        encode(["warm up"])
        times = []
        for q in queries[:50]:
            t = time.perf_counter()
            encode([q])
            times.append(time.perf_counter() - t)
        report["query_embedding"] = pct(times)
        print(json.dumps(report["query_embedding"]), flush=True)

    # passages: SQLite FTS5 + in-memory vectors
    if args.passages:
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Path(tmp) / "bench.db")
            t0 = time.perf_counter()
            batch = 10_000
            for d in range(0, args.passages, batch):
                texts = synthetic_sentences(min(batch, args.passages - d), rng)
                doc = {"id": f"d{d}", "source": "synthetic", "text": "\n".join(texts)}
                pos, rows = 0, []
                for n, t in enumerate(texts):
                    rows.append({"id": f"d{d}:{n}", "seq": n, "start": pos, "end": pos + len(t), "text": t})
                    pos += len(t) + 1
                ops.add_evidence_doc(store, doc, rows)
            ingest = time.perf_counter() - t0
            ev = EvidenceIndex(store, EvidenceOptions(use_embeddings=False))
            ev.ids = [f"d{d}:{n}" for d in range(0, args.passages, batch)
                      for n in range(min(batch, args.passages - d))]
            ev.vectors = unit(rng, len(ev.ids))
            qv = unit(rng, len(queries))
            times, lex_times, dense_times = [], [], []
            for q, v in zip(queries, qv):
                t = time.perf_counter()
                ev.search(q, 5, v)
                times.append(time.perf_counter() - t)
                t = time.perf_counter()
                ev.lexical(q, 50)
                lex_times.append(time.perf_counter() - t)
                t = time.perf_counter()
                ev.vectors @ v
                dense_times.append(time.perf_counter() - t)
            report["passages"] = {"n": args.passages, "ingest_s": round(ingest, 1), "fts5": ev.fts, **pct(times),
                                  "lexical_only": pct(lex_times), "dense_dot_only": pct(dense_times),
                                  "rss_mb": round(rss_mb())}
            print(json.dumps(report["passages"]), flush=True)
            store.close()
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
