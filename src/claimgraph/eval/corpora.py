"""Loaders for the real news collections used by benchmarks and evaluations.

They read third-party data from ``../shared/data/news`` at run time; nothing is copied into
the repository. Each yields :class:`~claimgraph.model.Article` records with outlet and date.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from ..errors import DataError
from ..model import Article
from ..read.plain import article_from_text


def allsides_articles(folder: Path, limit: int | None = None) -> Iterator[Article]:
    """AllSides 2020 subset: one JSON file per article (``jsons/<ID>.json``)."""
    jsons = folder / "jsons" if (folder / "jsons").is_dir() else folder
    files = sorted(jsons.glob("*.json"))
    if not files:
        raise DataError(f"no AllSides JSON files under {folder}")
    n = 0
    for f in files:
        d = json.loads(f.read_text(encoding="utf-8"))
        body = (d.get("content_original") or "").strip()
        if not body:
            continue
        title = (d.get("title") or "").strip() or None
        text = f"{title}\n\n{body}" if title else body
        yield article_from_text(text, title=title, url=d.get("url"), published=d.get("date"),
                                outlet=d.get("source"))
        n += 1
        if limit is not None and n >= limit:
            return


def guardian_nyt_articles(folder: Path, limit: int | None = None) -> Iterator[Article]:
    """Guardian/NYT Russia–Ukraine 2022 CSVs (columns are sniffed: title, text/body, date)."""
    csv.field_size_limit(sys.maxsize)
    n = 0
    for f in sorted(folder.glob("*.csv")):
        with f.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                low = {k.lower().strip(): v for k, v in row.items() if k}
                body = next((low[k] for k in ("text", "body", "content", "article", "articles", "body_text") if low.get(k)), "")
                if not body.strip():
                    continue
                title = next((low[k] for k in ("title", "headline", "headlines", "webtitle") if low.get(k)), None)
                date = next((low[k] for k in ("date", "published", "webpublicationdate", "pub_date") if low.get(k)), None)
                text = f"{title}\n\n{body}" if title else body
                yield article_from_text(text, title=title, published=(date or "")[:10].replace("/", "-") or None,
                                        outlet="The Guardian" if "guardian" in f.name.lower() else "The New York Times")
                n += 1
                if limit is not None and n >= limit:
                    return
