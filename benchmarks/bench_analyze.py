"""Analysis throughput on real articles, against a bare spaCy pass of the same texts.

Run: .venv/bin/python benchmarks/bench_analyze.py [--limit 600] [--n-process 1]
Prints articles/s, words/s and the ratio (total analyse time) / (bare spaCy time), both
measured in this process on the same texts. Goal for issue 2: ratio ≤ 1.25.
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

    bare_times, full_times = [], []
    n_attr = n_claims = n_find = 0
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        for _doc in model.pipe(texts, batch_size=32):
            pass
        bare_times.append(time.perf_counter() - t0)

        t0 = time.perf_counter()
        n_attr = n_claims = n_find = 0
        for article, doc in zip(articles, model.pipe(texts, batch_size=32), strict=True):
            prepare(article)
            a = analyze_doc(article, doc)
            n_attr += len(a.attributions)
            n_claims += len(a.claims)
            n_find += len(a.findings)
        full_times.append(time.perf_counter() - t0)

    bare, full = min(bare_times), min(full_times)
    print(f"articles: {len(articles)}  words: {words:,}  rounds: {args.rounds}")
    print(f"bare spaCy pass:  {bare:7.2f} s  {len(articles)/bare:7.2f} articles/s  {words/bare:8.0f} words/s")
    print(f"full analysis:    {full:7.2f} s  {len(articles)/full:7.2f} articles/s  {words/full:8.0f} words/s")
    print(f"ratio analyse/spaCy: {full/bare:.3f}  (goal <= 1.25)")
    print(f"per article: {n_attr/len(articles):.1f} attributions, {n_claims/len(articles):.1f} claims, "
          f"{n_find/len(articles):.2f} findings")
    print(f"spread: bare {statistics.pstdev(bare_times):.2f} s, full {statistics.pstdev(full_times):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
