"""Analysis throughput on real articles, against a bare spaCy pass of the same texts.

Run: .venv/bin/python benchmarks/bench_analyze.py [--limit 600] [--n-process 1]
Prints articles/s, words/s and the ratio (total analyse time) / (bare spaCy time) for the
trained attribution extractor (default) and the rules, all measured in this process on the same
texts in alternating rounds, and the peak RSS. Goal for issue 12: ratio ≤ 2.0 with the model.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "data" / "news"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=600)
    ap.add_argument("--rounds", type=int, default=2, help="alternating rounds; the best of each is kept")
    args = ap.parse_args()
    if not NEWS.exists():
        print(f"skip: {NEWS} is absent", file=sys.stderr)
        return 0
    from claimgraph import nlp
    from claimgraph.eval.corpora import allsides_articles
    from claimgraph.pipeline import analyze_doc, prepare

    articles = list(allsides_articles(NEWS / "allsides-article-bias-2020", limit=args.limit))
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    model = nlp.load()
    list(model.pipe(texts[:5]))  # warm up

    import resource

    from claimgraph.options import AnalyzeOptions

    def run(method: str) -> tuple[float, int, int, int]:
        options = AnalyzeOptions(attribution=method)
        t0 = time.perf_counter()
        n_attr = n_claims = n_find = 0
        for article, doc in zip(articles, model.pipe(texts, batch_size=32), strict=True):
            prepare(article, options)
            a = analyze_doc(article, doc, options)
            n_attr += len(a.attributions)
            n_claims += len(a.claims)
            n_find += len(a.findings)
        return time.perf_counter() - t0, n_attr, n_claims, n_find

    bare_times: list[float] = []
    full: dict[str, list[float]] = {"model": [], "rules": []}
    counts: dict[str, tuple[int, int, int]] = {}
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        for _doc in model.pipe(texts, batch_size=32):
            pass
        bare_times.append(time.perf_counter() - t0)
        for method in full:
            secs, *c = run(method)
            full[method].append(secs)
            counts[method] = tuple(c)  # type: ignore[assignment]

    bare = min(bare_times)
    print(f"articles: {len(articles)}  words: {words:,}  rounds: {args.rounds}")
    print(f"bare spaCy pass:  {bare:7.2f} s  {len(articles)/bare:7.2f} articles/s  {words/bare:8.0f} words/s")
    for method, times in full.items():
        best = min(times)
        n_attr, n_claims, n_find = counts[method]
        print(f"analyse ({method:5}): {best:7.2f} s  {len(articles)/best:7.2f} articles/s  "
              f"ratio to spaCy {best/bare:.3f}  per article: {n_attr/len(articles):.1f} attributions, "
              f"{n_claims/len(articles):.1f} claims, {n_find/len(articles):.2f} findings")
    print(f"goal: ratio <= 2.0 with the model; spread bare {statistics.pstdev(bare_times):.2f} s")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
