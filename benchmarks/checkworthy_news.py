"""How check-worthiness scores spread on real news: the share of claims at or above 0.9 and above
the model's threshold, for all claims and for the unattributed ones (those the
``checkworthy_unsourced`` finding looks at).

Run: .venv/bin/python benchmarks/checkworthy_news.py [--articles 45] [--model clean|checkthat|PATH]
Articles: every 20th AllSides 2020 article and every 20th Guardian/NYT 2022 article of
../shared/data/news (deterministic), analysed by the full pipeline. Issue 14 measured the old
model: 29 % of unattributed claims at ≥ 0.9.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "data" / "news"


def sample_articles(n: int) -> list:
    from claimgraph.eval.corpora import allsides_articles, guardian_nyt_articles

    half = n - n // 3
    allsides = itertools.islice(allsides_articles(NEWS / "allsides-article-bias-2020", limit=20 * half), 0, None, 20)
    guardian = itertools.islice(guardian_nyt_articles(NEWS / "guardian-nyt-russia-ukraine-2022", limit=20 * (n - half)),
                                0, None, 20)
    return list(allsides) + list(guardian)


def summarise(claims: list, threshold: float) -> str:
    def share(rows: list, cut: float) -> str:
        return f"{sum(1 for c in rows if c.checkworthiness >= cut) / len(rows):.1%}" if rows else "n/a"

    free = [c for c in claims if c.attribution is None]
    return (f"claims {len(claims)}: >=0.9 {share(claims, 0.9)}, >=threshold {threshold:.2f} "
            f"{share(claims, threshold)} | unattributed {len(free)}: >=0.9 {share(free, 0.9)}, "
            f">=threshold {share(free, threshold)}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=45)
    ap.add_argument("--model", default=None, help="clean, checkthat or a model file (default: the default)")
    args = ap.parse_args()
    if not NEWS.exists():
        print(f"skip: {NEWS} is absent", file=sys.stderr)
        return 0
    import os

    from claimgraph.extract.checkworthy.model import MODEL_ENV, CheckworthyModel
    from claimgraph.pipeline import analyze_article

    if args.model:
        os.environ[MODEL_ENV] = args.model
    model = CheckworthyModel.load()
    claims = []
    for article in sample_articles(args.articles):
        claims += analyze_article(article).claims
    print(f"model {model.name}: {summarise(claims, model.threshold)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
