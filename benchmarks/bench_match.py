"""Matching latency per claim: against N fact-checks and against M evidence passages.

Measures the search itself (BM25 + dense fusion + re-ranking for fact-checks; FTS5 + dense +
fusion for passages), with query vectors computed beforehand, because embedding one claim costs
the same whatever the collection size (it is reported separately). Texts are synthetic
(Zipf-distributed vocabulary) unless ``--claims`` gives a real collection; fact-check vectors
are random unit vectors, which cost the same to search as real ones.

Passages go through the real store path: ``add_evidence_doc`` and ``put_vectors`` into a
SQLite file, then ``EvidenceIndex`` as the application opens it. Their vectors are clustered
(unit centres plus noise, queries near a stored passage) because uniformly random 384-d
vectors have no near neighbours and would make the ANN recall meaningless. Each passage
phase runs in its own child process so its peak RSS is its own, not the generator's:

* ``build``: first open above ``ann_min_passages``: builds ``<db>.passages.usearch`` from the DB;
* ``ann``: later opens: the saved index is memory-mapped; search latency and RSS;
* ``brute`` (``--compare-brute``): the brute-force path (every vector loaded), for comparison;
* ``recall`` (``--recall N``): dense top-10 of the ANN path against an exact streamed scan;
* ``fts`` (``--fts-compare``): full-text search through SQLite FTS5 and through the passage
  text index (``<db>.passages.fts``, built by this phase's first open if missing; with
  ``--fts-postings N`` also FTS5 with a posting budget), interleaved query by query in one
  process: latency of the lexical list and of the whole search, and recall (see
  ``fts_compare``). ``--no-vectors`` stores passages without vectors (no ANN build: the
  full-text side alone, quickly). ``--keep-db PATH`` keeps the passage database (and its
  index files) and reuses it on the next run when it holds ``--passages`` passages.

    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/bench_match.py --factchecks 20000 --passages 1000000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from claimgraph.store import Store  # noqa: E402
from claimgraph.store import verify_ops as ops  # noqa: E402
from claimgraph.verify.embed import MODEL_NAME  # noqa: E402
from claimgraph.verify.evidence import EvidenceIndex, EvidenceOptions  # noqa: E402
from claimgraph.verify.factchecks import FactCheck, load_factchecks  # noqa: E402
from claimgraph.verify.match import FactCheckIndex, MatchOptions  # noqa: E402
from claimgraph.verify.textindex import text_index_path  # noqa: E402


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


PASSAGE_SEED = 11
CENTRES = 2_000


def clustered(rng: np.random.Generator, centres: np.ndarray, n: int) -> np.ndarray:
    """Unit vectors around random centres (topics), like sentence embeddings of a news corpus."""
    v = centres[rng.integers(0, len(centres), n)] + 0.8 * unit(rng, n)
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def build_passage_db(db: Path, total: int, rng: np.random.Generator, vectors: bool = True) -> float:
    """Synthetic passages and their vectors written as ``evidence add`` writes them; seconds."""
    store = Store(db)
    centres = unit(np.random.default_rng(PASSAGE_SEED), CENTRES)
    t0 = time.perf_counter()
    batch = 10_000
    for d in range(0, total, batch):
        texts = synthetic_sentences(min(batch, total - d), rng)
        doc = {"id": f"d{d}", "source": "synthetic", "text": "\n".join(texts)}
        pos, rows = 0, []
        for n, t in enumerate(texts):
            rows.append({"id": f"d{d}:{n}", "seq": n, "start": pos, "end": pos + len(t), "text": t})
            pos += len(t) + 1
        ops.add_evidence_doc(store, doc, rows)
        if not vectors:
            continue
        vecs = clustered(rng, centres, len(rows))
        ops.put_vectors(store, "passage", MODEL_NAME, [(r["id"], v) for r, v in zip(rows, vecs)])
    store.close()
    return time.perf_counter() - t0


def passage_queries(store: Store, n: int) -> tuple[list[str], np.ndarray]:
    """Query texts and vectors near stored passages (the same in every phase: fixed seed)."""
    rng = np.random.default_rng(PASSAGE_SEED + 1)
    total = ops.passage_count(store)
    keys = [int(k) for k in rng.integers(1, total + 1, n)]
    marks = ",".join("?" * len(keys))
    rows = store.conn.execute(f"SELECT p.n, p.text, v.vector FROM evidence_passages p JOIN verify_vectors v "
                              f"ON v.kind='passage' AND v.item_id=p.id AND v.model=? WHERE p.n IN ({marks})",
                              [MODEL_NAME, *keys]).fetchall()
    by_key = {int(r[0]): (r[1], np.frombuffer(r[2], dtype=np.float32)) for r in rows}
    texts = [by_key[k][0] for k in keys]
    vecs = np.vstack([by_key[k][1] for k in keys]) + 0.5 * unit(rng, n)
    return texts, (vecs / np.linalg.norm(vecs, axis=1, keepdims=True)).astype(np.float32)


def partial_query(text: str, rng: np.random.Generator) -> str:
    """A harder query than the stored sentence itself: half its words, shuffled, plus two
    words from elsewhere (a claim shares some words with its evidence, not all)."""
    words = text.split()
    keep = list(rng.permutation(words)[: max(3, len(words) // 2)])
    return " ".join(keep + [f"w{int(x)}" for x in rng.integers(100, 50_000, 2)])


def passage_texts(store: Store, n: int) -> tuple[list[str], list[str]]:
    """Query sentences and the id of the passage each was taken from (fixed seed), vector-free."""
    rng = np.random.default_rng(PASSAGE_SEED + 1)
    total = ops.passage_count(store)
    keys = [int(k) for k in rng.integers(1, total + 1, n)]
    marks = ",".join("?" * len(keys))
    rows = {int(r[0]): (r[1], r[2]) for r in store.conn.execute(
        f"SELECT n, id, text FROM evidence_passages WHERE n IN ({marks})", keys)}
    return [rows[k][1] for k in keys], [rows[k][0] for k in keys]


def _beyond_ties(old: list[tuple[str, float]], new: list[tuple[str, float]], eps: float = 1e-9) -> bool:
    """Whether two lexical top-n lists hold different passages other than ones tied with the
    last score kept (FTS5 orders ties as it meets them; any passage of that score is right)."""
    a, b = dict(old), dict(new)
    if a.keys() == b.keys() or not old:
        return False
    cut = min(a.values())
    return any(abs(s - cut) > eps for p, s in [*a.items(), *b.items()] if p not in a or p not in b)


def fts_compare(store: Store, queries: int, postings: int) -> dict[str, object]:
    """Full-text search through FTS5 (``fts5``) and through the passage text index (``index``),
    and with ``postings`` > 0 FTS5 with that posting budget (``fts5_budget``), on the same store
    and queries, interleaved query by query.

    The first ``index`` open builds ``<db>.passages.fts`` if it is missing or behind
    (``index_open_s``; ``--rebuild-text-index`` deletes it first). Recall: ``target_at_5`` /
    ``target_at_50``: share of queries whose source passage is in the whole search's top 5 /
    the lexical top 50. Against ``fts5``: ``same_top5`` (share of its top 5 returned),
    ``lexical_overlap_50`` (share of its lexical top 50 returned) and ``lexical_differs``
    (share of queries whose lexical top 50 differs beyond passages tied at the cut). Two
    query sets: the stored sentence itself (``exact``) and ``partial_query``."""
    dense = ops.has_passage_vectors_after(store, MODEL_NAME, -1)
    t0 = time.perf_counter()
    variants = {"index": EvidenceIndex(store, EvidenceOptions(use_embeddings=dense, text_index_min_passages=0))}
    out: dict[str, object] = {"index_open_s": round(time.perf_counter() - t0, 2), "rss_after_index_open_mb": round(rss_mb()),
                              "dense": dense}
    path = text_index_path(store)
    if path is not None and path.exists():
        out["index_file_mb"] = round(path.stat().st_size / 2**20, 1)
    variants["fts5"] = EvidenceIndex(store, EvidenceOptions(use_embeddings=dense, text_index_min_passages=10**12))
    if postings:
        variants["fts5_budget"] = EvidenceIndex(store, EvidenceOptions(use_embeddings=dense, fts_postings=postings,
                                                                       text_index_min_passages=10**12))
    assert variants["index"].text is not None and variants["fts5"].text is None
    texts, targets = passage_texts(store, queries)
    rng = np.random.default_rng(PASSAGE_SEED + 2)
    sets = {"exact": texts, "partial": [partial_query(t, rng) for t in texts]}
    for name, qs in sets.items():
        stats: dict[str, dict[str, list[float]]] = {v: {"lexical": [], "search": []} for v in variants}
        lexs: dict[str, list[list[tuple[str, float]]]] = {v: [] for v in variants}
        top5s: dict[str, list[list[str]]] = {v: [] for v in variants}
        for q in qs:
            for label, ev in variants.items():
                t = time.perf_counter()
                lex = ev.lexical(q, 50)
                stats[label]["lexical"].append(time.perf_counter() - t)
                t = time.perf_counter()
                found = ev.search(q, 5)
                stats[label]["search"].append(time.perf_counter() - t)
                lexs[label].append(lex)
                top5s[label].append([r["id"] for r in found])
        res: dict[str, object] = {}
        for label in variants:
            row: dict[str, object] = {
                "lexical": pct(stats[label]["lexical"]), "search": pct(stats[label]["search"]),
                "target_at_5": round(float(np.mean([t in top5 for t, top5 in zip(targets, top5s[label])])), 4),
                "target_at_50": round(float(np.mean([t in {p for p, _ in lex} for t, lex in zip(targets, lexs[label])])), 4)}
            if label != "fts5":
                pairs = list(zip(lexs["fts5"], lexs[label]))
                row["same_top5"] = round(float(np.mean([len(set(o) & set(n)) / max(1, len(o))
                                                        for o, n in zip(top5s["fts5"], top5s[label])])), 4)
                row["lexical_overlap_50"] = round(float(np.mean([len(dict(o).keys() & dict(n).keys()) / max(1, len(o))
                                                                 for o, n in pairs])), 4)
                row["lexical_differs"] = round(float(np.mean([_beyond_ties(o, n) for o, n in pairs])), 4)
            res[label] = row
        out[name] = res
    return out


def passage_phase(phase: str, db: Path, queries: int, ann_min: int) -> dict[str, object]:
    """One passage measurement, run in a child process (see the module docstring)."""
    store = Store(db)
    if phase == "fts":  # before any other open, which would build a missing text index
        if os.environ.get("BENCH_REBUILD_TEXT_INDEX") and (path := text_index_path(store)) is not None:
            path.unlink(missing_ok=True)
        result = {"phase": phase, "n": ops.passage_count(store),
                  **fts_compare(store, queries, int(os.environ.get("BENCH_FTS_POSTINGS", "0"))),
                  "rss_mb": round(rss_mb())}
        store.close()
        return result
    options = EvidenceOptions(ann_min_passages=10**12 if phase == "brute" else ann_min)
    t0 = time.perf_counter()
    ev = EvidenceIndex(store, options)
    opened = time.perf_counter() - t0
    out: dict[str, object] = {"phase": phase, "n": ops.passage_count(store), "open_s": round(opened, 2),
                              "ann": ev.ann is not None, "rss_after_open_mb": round(rss_mb())}
    if phase == "build":
        out["index_file_mb"] = round(os.path.getsize(str(db) + ".passages.usearch") / 2**20)
        return out
    texts, qv = passage_queries(store, queries)
    if phase == "recall":
        out["recall"] = recall(store, ev, qv)
        return out
    times, lex_times, dense_times = [], [], []
    for q, v in zip(texts, qv):
        t = time.perf_counter()
        ev.search(q, 5, v)
        times.append(time.perf_counter() - t)
        t = time.perf_counter()
        ev.lexical(q, 50)
        lex_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        ev.dense(v, 50)
        dense_times.append(time.perf_counter() - t)
    out.update(fts5=ev.fts, **pct(times), lexical_only=pct(lex_times), dense_only=pct(dense_times),
               rss_mb=round(rss_mb()))
    store.close()
    return out


def exact_top(store: Store, qv: np.ndarray, k: int = 10) -> list[list[tuple[str, float]]]:
    """Exact dense top-k per query, (passage id, cosine) best first, streamed over every stored
    vector (never all in memory at once). Shared with ``bench_ann_real.py``."""
    best = [np.full(k, -2.0, dtype=np.float32) for _ in qv]
    best_keys = [np.zeros(k, dtype=np.int64) for _ in qv]
    for keys, vecs in ops.passage_vectors_after(store, MODEL_NAME, -1):
        sims = vecs @ qv.T
        karr = np.asarray(keys)
        for j in range(len(qv)):
            s = np.concatenate([best[j], sims[:, j]])
            ks = np.concatenate([best_keys[j], karr])
            top = np.argsort(-s)[:k]
            best[j], best_keys[j] = s[top], ks[top]
    wanted = sorted({int(x) for b in best_keys for x in b})
    ids: dict[int, str] = {}
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        ids.update((int(r[0]), r[1]) for r in store.conn.execute(
            f"SELECT n, id FROM evidence_passages WHERE n IN ({','.join('?' * len(chunk))})", chunk))
    return [[(ids[int(x)], float(c)) for x, c in zip(b, s) if int(x) in ids] for b, s in zip(best_keys, best)]


def ann_recall(ev: EvidenceIndex, qv: np.ndarray, exact: list[list[tuple[str, float]]], k: int = 10,
               candidates: int | None = None, eps: float = 1e-5) -> dict[str, float]:
    """Share of the exact top-k passage ids (from ``exact_top``) that ``ev.dense`` returns
    (``recall_at_<k>``), share of queries whose exact best passage it ranks first
    (``recall_at_1``), and its latency, with ``evidence.ANN_MIN_CANDIDATES`` set to
    ``candidates`` meanwhile. ``*_ties`` also count a returned passage whose exact cosine ties
    the exact k-th (or best) one within ``eps``: duplicate passages (syndicated copy) tie."""
    import claimgraph.verify.evidence as evidence

    default = evidence.ANN_MIN_CANDIDATES
    evidence.ANN_MIN_CANDIDATES = candidates or default
    times, hit, hit_t, first, first_t = [], 0, 0, 0, 0
    try:
        for j, v in enumerate(qv):
            t = time.perf_counter()
            found = ev.dense(v, k)
            times.append(time.perf_counter() - t)
            want = {p for p, _ in exact[j]}
            hit += len(want & {p for p, _ in found})
            hit_t += min(k, sum(1 for p, c in found if p in want or c >= exact[j][-1][1] - eps))
            first += bool(found) and found[0][0] == exact[j][0][0]
            first_t += bool(found) and found[0][1] >= exact[j][0][1] - eps
    finally:
        evidence.ANN_MIN_CANDIDATES = default
    n = len(qv)
    return {f"recall_at_{k}": round(hit / (k * n), 4), "recall_at_1": round(first / n, 4),
            f"recall_at_{k}_ties": round(hit_t / (k * n), 4), "recall_at_1_ties": round(first_t / n, 4),
            **pct(times)}


def recall(store: Store, ev: EvidenceIndex, qv: np.ndarray, k: int = 10) -> dict[str, object]:
    """Share of the exact dense top-k (streamed over every stored vector) the ANN path returns,
    and its dense latency, for several ANN candidate counts (``evidence.ANN_MIN_CANDIDATES``)."""
    import claimgraph.verify.evidence as evidence

    exact = exact_top(store, qv, k)
    out: dict[str, object] = {}
    for candidates in (100, 200, 400, 800):
        r = ann_recall(ev, qv, exact, k, candidates)
        out[str(candidates)] = {"recall_at_10": r[f"recall_at_{k}"], "p50_ms": r["p50_ms"], "p95_ms": r["p95_ms"]}
    return {"default_candidates": evidence.ANN_MIN_CANDIDATES, "by_candidates": out}


def run_phase(phase: str, db: Path, args: argparse.Namespace) -> dict[str, object]:
    os.environ["BENCH_FTS_POSTINGS"] = str(args.fts_postings)
    os.environ["BENCH_REBUILD_TEXT_INDEX"] = "1" if args.rebuild_text_index else ""
    cmd = [sys.executable, __file__, "--phase", phase, "--db", str(db), "--queries", str(args.queries),
           "--ann-min-passages", str(args.ann_min_passages)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(json.dumps(result), flush=True)
    return result


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--factchecks", type=int, default=20_000)
    ap.add_argument("--passages", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--claims", type=Path, help="a real fact-check collection instead of synthetic text")
    ap.add_argument("--baseline-candidates", type=int, default=0,
                    help="also time fact-check search with this many candidates per list (same process)")
    ap.add_argument("--embed-queries", action="store_true", help="also time MiniLM query embedding")
    ap.add_argument("--ann-min-passages", type=int, default=20_000)
    ap.add_argument("--compare-brute", action="store_true", help="also time the brute-force passage path")
    ap.add_argument("--recall", type=int, default=0, help="queries for the ANN recall@10 check (0: skip)")
    ap.add_argument("--fts-compare", action="store_true",
                    help="full-text search through FTS5 and through the passage text index, side by side")
    ap.add_argument("--fts-postings", type=int, default=0,
                    help="--fts-compare also tries FTS5 with this posting budget (0: not)")
    ap.add_argument("--rebuild-text-index", action="store_true",
                    help="--fts-compare deletes <db>.passages.fts first, to time its build")
    ap.add_argument("--no-vectors", action="store_true", help="store passages without vectors (full-text side only)")
    ap.add_argument("--keep-db", type=Path, help="build the passage database here and keep it (reused if present)")
    ap.add_argument("--phase", choices=["build", "ann", "brute", "recall", "fts"], help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.phase:
        print(json.dumps(passage_phase(args.phase, args.db, args.recall or args.queries, args.ann_min_passages)))
        return 0
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

    def timed(options: MatchOptions) -> list[float]:
        index.options = options
        times = []
        for q, v in zip(queries, qv):
            t = time.perf_counter()
            index.search(q, v)
            times.append(time.perf_counter() - t)
        return times

    report["factchecks"] = {"n": len(fcs), "build_s": round(build, 2), **pct(timed(MatchOptions())),
                            "candidates": MatchOptions().candidates, "rss_mb": round(rss_mb())}
    if args.baseline_candidates:  # the same index and queries in the same process, fewer candidates
        report["factchecks"]["baseline"] = {"candidates": args.baseline_candidates,
                                            **pct(timed(MatchOptions(candidates=args.baseline_candidates)))}
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

    # passages: SQLite FTS5 + vectors, ANN index above the threshold (each phase a child process)
    if args.passages:
        with tempfile.TemporaryDirectory() as tmp:
            db = args.keep_db or Path(tmp) / "bench.db"
            ingest = 0.0
            if not db.exists():
                ingest = build_passage_db(db, args.passages, rng, vectors=not args.no_vectors)
            else:  # a kept database is reused only for the size asked
                kept = Store(db)
                found = ops.passage_count(kept)
                kept.close()
                if found != args.passages:
                    sys.exit(f"{db} holds {found} passages, not --passages {args.passages}: "
                             "give another --keep-db path")
            print(json.dumps({"passages": args.passages, "ingest_s": round(ingest, 1), "reused": ingest == 0.0}),
                  flush=True)
            phases = [] if args.no_vectors else ["build", "ann"] + (["brute"] if args.compare_brute else [])
            phases += ["fts"] if args.fts_compare else []
            results = {p: run_phase(p, db, args) for p in phases}
            if args.recall:
                args.queries = args.recall
                results["recall"] = run_phase("recall", db, args)
            report["passages"] = {"n": args.passages, "ingest_s": round(ingest, 1), **results}
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
