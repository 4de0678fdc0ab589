"""Seconds per article of ``claimgraph verify`` against a 10,000-passage evidence store of real news.

Issue 15 measured about 46 s per article. This benchmark builds (once, cached at ``--db``) an
evidence store of about 10,000 passages from development news through ``add_evidence`` (see
``news_sets``), then for each of ``--articles`` held-out Guardian/NYT Russia-Ukraine articles
and ``--self`` articles that are *in* the evidence, runs what ``claimgraph verify`` runs:
``analyze_article`` then ``verify_analysis`` with default options. In the same process, on the
same analyses, it runs the **baseline**: ``verify_analysis`` of the commit before issue 15's
verdict work (``--baseline-ref``, loaded from git as a module; every claim, one pass per
claim), so the ratio is measured on the same machine state, interleaved article by article.

Prints per article: claims verified, verdict counts, seconds for analysis and for each verify
path; then the mean seconds per article (analysis + verify) of both, and where the new path
spends its time (``--profile``).

    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/bench_verify.py --db /tmp/ev10k.db --articles 10 --self 2
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import io
import json
import os
import pstats
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from news_sets import NewsArticle, build_store

BASELINE_REF = "84b8a3f"  # main before issue 15 item 3 (verdicts)


def load_baseline(ref: str) -> ModuleType:
    """``claimgraph.verify.verdict`` as it was at ``ref``, importable beside the current one."""
    source = subprocess.run(["git", "show", f"{ref}:src/claimgraph/verify/verdict.py"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout
    spec = importlib.util.spec_from_loader("claimgraph.verify._baseline_verdict", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "claimgraph.verify"
    sys.modules[spec.name] = module
    exec(compile(source, f"{ref}:verdict.py", "exec"), module.__dict__)  # noqa: S102 - our own code at a git ref
    return module


def analyse(article: NewsArticle) -> Any:
    from claimgraph.options import AnalyzeOptions
    from claimgraph.pipeline import analyze_article
    from claimgraph.read.records import article_from_record

    return analyze_article(article_from_record(article.record()), AnalyzeOptions())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, default=Path("/tmp/claimgraph-bench-verify/ev10k.db"))
    ap.add_argument("--passages", type=int, default=10_000)
    ap.add_argument("--articles", type=int, default=10, help="held-out articles to verify")
    ap.add_argument("--self", dest="self_n", type=int, default=2, help="stored articles to verify")
    ap.add_argument("--baseline-ref", default=BASELINE_REF)
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--all", dest="all_claims", action="store_true", help="verify every claim (new path)")
    ap.add_argument("--profile", action="store_true", help="cProfile the new path")
    ap.add_argument("--json", type=Path, help="also write the per-article rows here")
    args = ap.parse_args()

    args.db.parent.mkdir(parents=True, exist_ok=True)
    stored, held = build_store(args.db, args.passages)
    todo = [("held-out", a) for a in held[: args.articles]] + [("in evidence", a) for a in stored[: args.self_n]]

    from claimgraph.store import open_store
    from claimgraph.store import verify_ops as ops
    from claimgraph.verify.options import VerifyOptions
    from claimgraph.verify.verdict import verify_analysis

    baseline = None if args.no_baseline else load_baseline(args.baseline_ref)
    options = VerifyOptions(all_claims=args.all_claims) if args.all_claims else VerifyOptions()
    profiler = cProfile.Profile() if args.profile else None
    rows: list[dict[str, Any]] = []
    with open_store(str(args.db)) as store:
        passages = ops.passage_count(store)
        analyse(todo[0][1])  # warm up: spaCy, check-worthiness, stance and MiniLM models
        verify_analysis(analyse(todo[0][1]), store, options)
        for kind, art in todo:
            t = time.perf_counter()
            analysis = analyse(art)
            t_an = time.perf_counter() - t
            row: dict[str, Any] = {"article": art.key, "kind": kind, "claims": len(analysis.claims),
                                   "analysis_s": round(t_an, 2)}
            if profiler:
                profiler.enable()
            t = time.perf_counter()
            verdicts = verify_analysis(analysis, store, options)
            row["verify_s"] = round(time.perf_counter() - t, 2)
            if profiler:
                profiler.disable()
            row["verified"] = len(verdicts)
            row["labels"] = dict(Counter(v.label for v in verdicts))
            row["excluded"] = sum(len(v.excluded) for v in verdicts)
            if baseline is not None:
                t = time.perf_counter()
                old = baseline.verify_analysis(analysis, store, VerifyOptions())
                row["baseline_verify_s"] = round(time.perf_counter() - t, 2)
                row["baseline_labels"] = dict(Counter(v.label for v in old))
            rows.append(row)
            print(json.dumps(row), flush=True)
    n = len(rows)
    mean = lambda key: sum(r[key] for r in rows) / n
    new_total = mean("analysis_s") + mean("verify_s")
    print(f"\n{passages} passages, {n} articles ({sum(r['kind'] == 'in evidence' for r in rows)} of them in the evidence)")
    print(f"analysis (same for both): {mean('analysis_s'):.2f} s/article")
    print(f"new:      verify {mean('verify_s'):.2f} s, total {new_total:.2f} s/article")
    if baseline is not None:
        old_total = mean("analysis_s") + mean("baseline_verify_s")
        print(f"baseline ({args.baseline_ref}): verify {mean('baseline_verify_s'):.2f} s, total {old_total:.2f} s/article; "
              f"speed-up x{old_total / new_total:.1f} (verify alone x{mean('baseline_verify_s') / max(mean('verify_s'), 1e-9):.1f})")
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
        print(out.getvalue())
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
