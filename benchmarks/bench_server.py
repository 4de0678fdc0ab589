"""Throughput and latency of ``POST /api/analyze`` over a real server on 127.0.0.1.

Run: .venv/bin/python benchmarks/bench_server.py [--concurrency 1 8 32] [--requests 64]
     [--seconds 60] [--workers 2] [--json]

Starts ``claimgraph serve`` (single-user mode, a fresh SQLite file in a temporary folder) on
a free loopback port, picks one real article (the first Guardian/NYT article of
../shared/data/news whose length is near the median of the first 50) and, for each
concurrency level, has that many clients post it back to back. Each level stops after
``--requests`` requests or ``--seconds`` seconds, whichever comes first, so a run is bounded.
Reports requests/s, p50/p95/max latency and errors, and the slowest ``/healthz`` answer
seen meanwhile (shows whether analyses block the event loop). Only loopback is contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "data" / "news"


def pick_article() -> str:
    from claimgraph.eval.corpora import guardian_nyt_articles

    articles = [a for a in guardian_nyt_articles(NEWS / "guardian-nyt-russia-ukraine-2022", 50)
                if a.text.strip()]
    median = statistics.median(len(a.text) for a in articles)
    return min(articles, key=lambda a: abs(len(a.text) - median)).text


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, workers: int) -> tuple[subprocess.Popen, str]:
    import httpx

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimgraph.cli", "serve", "--host", "127.0.0.1", "--port",
         str(port), "--db", str(db), "--workers", str(workers), "--log-level", "warning"],
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            if httpx.get(base + "/healthz", timeout=2, trust_env=False).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("server did not start")


async def run_level(base: str, text: str, clients: int, max_requests: int, seconds: float) -> dict:
    import httpx

    latencies: list[float] = []
    errors: dict[str, int] = {}
    issued = 0
    start = time.perf_counter()
    deadline = start + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=600, trust_env=False, limits=limits) as c:

        async def client() -> None:
            nonlocal issued
            while issued < max_requests and time.perf_counter() < deadline:
                issued += 1
                t0 = time.perf_counter()
                try:
                    r = await c.post("/api/analyze", json={"text": text})
                    ok = r.status_code == 200
                    key = str(r.status_code)
                except httpx.HTTPError as exc:
                    ok, key = False, type(exc).__name__
                if ok:
                    latencies.append(time.perf_counter() - t0)
                else:
                    errors[key] = errors.get(key, 0) + 1

        health: list[float] = []
        done = asyncio.Event()

        async def probe() -> None:
            """Is the event loop free while analyses run? /healthz should stay fast."""
            async with httpx.AsyncClient(base_url=base, timeout=60, trust_env=False) as h:
                while not done.is_set():
                    t0 = time.perf_counter()
                    await h.get("/healthz")
                    health.append(time.perf_counter() - t0)
                    await asyncio.sleep(0.25)

        prober = asyncio.create_task(probe())
        await asyncio.gather(*(client() for _ in range(clients)))
        done.set()
        await prober
    elapsed = time.perf_counter() - start
    health.sort()
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, round(p * (len(latencies) - 1)))] if latencies else float("nan")

    return {"clients": clients, "requests": len(latencies), "errors": errors,
            "seconds": round(elapsed, 2), "rps": round(len(latencies) / elapsed, 2),
            "p50_ms": round(pct(0.50) * 1000), "p95_ms": round(pct(0.95) * 1000),
            "max_ms": round(latencies[-1] * 1000) if latencies else None,
            "healthz_max_ms": round(health[-1] * 1000, 1) if health else None}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    ap.add_argument("--requests", type=int, default=64, help="most requests per level")
    ap.add_argument("--seconds", type=float, default=60, help="most seconds per level")
    ap.add_argument("--workers", type=int, default=2, help="server analysis threads")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not NEWS.exists():
        print(f"skip: {NEWS} is absent", file=sys.stderr)
        return 0
    text = pick_article()
    with tempfile.TemporaryDirectory() as tmp:
        proc, base = start_server(Path(tmp) / "bench.db", args.workers)
        try:
            asyncio.run(run_level(base, text, 1, 2, 60))  # warm-up, not counted
            results = [asyncio.run(run_level(base, text, n, args.requests, args.seconds))
                       for n in args.concurrency]
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    words = len(text.split())
    if args.json:
        print(json.dumps({"article_chars": len(text), "article_words": words,
                          "workers": args.workers, "levels": results}, indent=2))
        return 0
    print(f"POST /api/analyze, one article of {len(text):,} characters ({words:,} words), "
          f"server analysis threads: {args.workers}, CPUs: {os.cpu_count()}")
    print(f"{'clients':>7} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} "
          f"{'healthz max ms':>14}  errors")
    for r in results:
        print(f"{r['clients']:>7} {r['requests']:>8} {r['rps']:>7} {r['p50_ms']:>7} "
              f"{r['p95_ms']:>7} {r['max_ms']!s:>7} {r['healthz_max_ms']!s:>14}  "
              f"{r['errors'] or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
