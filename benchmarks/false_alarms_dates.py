"""Count date_inconsistency findings on real articles, to be read by a person.

A date check that cries wolf on ordinary news is worse than none, so this runs the check over
real articles with their publication dates (AllSides 2020 JSONs, Guardian/NYT Russia-Ukraine
2022 CSVs) and prints every finding with its context for a person to judge.

    .venv/bin/python benchmarks/false_alarms_dates.py ../shared/data/news [--limit N]

No network; reads the data folders given on the command line only.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

from claimgraph.checks.dates import check_dates
from claimgraph.extract.time import extract_times

csv.field_size_limit(sys.maxsize)


def allsides(folder: Path) -> list[tuple[str, str, str | None]]:
    out = []
    for f in sorted((folder / "jsons").glob("*.json")):
        d = json.loads(f.read_text("utf-8"))
        out.append((f"allsides/{f.stem}", d.get("content_original") or "", d.get("date")))
    return out


def guardian_nyt(folder: Path) -> list[tuple[str, str, str | None]]:
    out = []
    for f in sorted(folder.glob("*.csv")):
        with f.open(encoding="utf-8", newline="") as fh:
            for i, row in enumerate(csv.DictReader(fh)):
                pub = (row.get("published") or "").strip().replace("/", "-")[:10] or None
                out.append((f"{f.stem}/{i}", row.get("articles") or "", pub))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("news", type=Path, help="the news data folder (../shared/data/news)")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    docs: list[tuple[str, str, str | None]] = []
    a = args.news / "allsides-article-bias-2020"
    g = args.news / "guardian-nyt-russia-ukraine-2022"
    if a.is_dir():
        docs += allsides(a)
    if g.is_dir():
        docs += guardian_nyt(g)
    if not docs:
        print(f"no articles found under {args.news}", file=sys.stderr)
        return 2
    if args.limit:
        docs = docs[: args.limit]
    n_flags = n_times = n_words = 0
    t0 = time.perf_counter()
    for name, text, pub in docs:
        times, _ = extract_times(text, pub)
        n_times += len(times)
        n_words += len(text.split())
        for f in check_dates(text, times, [], pub):
            n_flags += 1
            ctx = text[max(0, f.start - 120): f.end + 80].replace("\n", " ")
            print(f"--- {name} (published {pub})\n{f.message}\n  …{ctx}…")
    secs = time.perf_counter() - t0
    print(f"\narticles: {len(docs)}  words: {n_words}  time expressions: {n_times}")
    print(f"date_inconsistency findings: {n_flags} "
          f"({100 * n_flags / len(docs):.2f} per 100 articles)")
    print(f"extraction + check: {1000 * secs / len(docs):.1f} ms/article, "
          f"{1000 * secs / max(1, n_words) * 1000:.1f} ms per 1,000 words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
