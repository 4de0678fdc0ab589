"""The SQL that writes an article and its analysis, shared by every store and by ingest.

One function, so the SQLite store, the PostgreSQL store and the corpus ingest (which adds its
own rows in the same transaction) cannot drift apart. The caller owns the transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

ARTICLE_INSERT = (
    "INSERT INTO articles(id, title, url, outlet, published, published_source, language, format, "
    "text, created_at) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING"
)
ANALYSIS_UPSERT = (
    "INSERT INTO analyses(article_id, schema_version, json, created_at) VALUES (?,?,?,?) "
    "ON CONFLICT(article_id) DO UPDATE SET schema_version=excluded.schema_version, "
    "json=excluded.json, created_at=excluded.created_at"
)


def now() -> str:
    """UTC timestamp written by Python, so the SQL stays portable across databases."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def write_analysis_rows(execute: Callable[..., Any], analysis: dict[str, Any]) -> bool:
    """Insert the article (once) and upsert its analysis from ``Analysis.to_dict()`` form.

    Returns True when the article row is new. ``analysis["article"]["text"]`` is stored in the
    articles table only, not repeated in the analysis JSON.
    """
    art = analysis["article"]
    stamp = now()
    cur = execute(ARTICLE_INSERT, (
        art["id"], art.get("title"), art.get("url"), art.get("outlet"), art.get("published"),
        art.get("published_source"), art.get("language"), art.get("format", "text"), art["text"], stamp,
    ))
    payload = dict(analysis)
    payload["article"] = {k: v for k, v in art.items() if k != "text"}
    execute(ANALYSIS_UPSERT, (art["id"], analysis.get("schema_version", "1.0"),
                              json.dumps(payload, ensure_ascii=False), stamp))
    return getattr(cur, "rowcount", 0) == 1
