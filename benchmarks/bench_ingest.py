"""Ingest rate on real news articles, local executor and Ray executor in the same run.

    .venv/bin/python benchmarks/bench_ingest.py --news ../shared/data/news --limit 2000 --workers 2

Articles come from the AllSides 2020 collection (then the Guardian/NYT 2022 CSVs if more are
asked for), written once to a JSON Lines file; each executor ingests that file into a fresh
database with the same options (``--workers`` processes locally, ``--workers`` Ray actors).
Reported per executor: wall time, articles/s, articles/s per core (workers), claims, and the
peak resident memory of the whole process tree (sampled every 0.5 s from /proc), plus the
Ray/local per-core ratio (goal ≥ 0.8).
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--news", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data" / "news")
    ap.add_argument("--limit", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--embedder", default="auto")
    ap.add_argument("--executors", nargs="+", default=["local", "ray"])
    ap.add_argument("--workdir", type=Path)
    args = ap.parse_args()
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    work = args.workdir or Path(tempfile.mkdtemp(prefix="cg-ingest-"))
    work.mkdir(parents=True, exist_ok=True)
    jsonl = work / "articles.jsonl"
    n = write_input(args.news, args.limit, jsonl)
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
