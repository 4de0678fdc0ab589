"""What every store does the same way, whatever the database: reading articles back.

``Store`` (SQLite) and ``PostgresStore`` differ in connecting, migrating and transaction
syntax; reads use portable SQL through ``self.conn.execute`` (rows indexable by column name),
so they live here once.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..model import Analysis


def like_exact(text: str) -> str:
    """``text`` as a LIKE pattern that matches only itself (``%``, ``_`` and ``\\`` escaped;
    use with ``ESCAPE '\\'``): an id typed by a user must never act as a wildcard."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like_prefix(text: str) -> str:
    """A LIKE pattern for "starts with ``text``" (escaped as in :func:`like_exact`)."""
    return like_exact(text) + "%"


class StoreReads:
    """Read methods shared by the stores; subclasses provide ``self.conn``."""

    conn: Any

    def applied_migrations(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM migrations ORDER BY name")]

    def get(self, article_id: str) -> Analysis | None:
        """The stored analysis of an article (an id prefix of 6+ characters is enough)."""
        pattern = like_prefix(article_id) if len(article_id) >= 6 else like_exact(article_id)
        rows = self.conn.execute(
            "SELECT a.text, n.json FROM articles a JOIN analyses n ON n.article_id = a.id "
            "WHERE a.id = ? OR a.id LIKE ? ESCAPE '\\' LIMIT 2", (article_id, pattern)).fetchall()
        if len(rows) != 1:
            return None
        data = json.loads(rows[0]["json"])
        data["article"]["text"] = rows[0]["text"]
        return Analysis.from_dict(data)

    def articles(self, limit: int = 50) -> Iterator[dict]:
        """Stored articles, newest first."""
        for r in self.conn.execute("SELECT id, title, outlet, published, language, created_at FROM articles "
                                   "ORDER BY created_at DESC LIMIT ?", (limit,)):
            yield {k: r[k] for k in r.keys()}

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
