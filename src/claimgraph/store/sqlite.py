"""The SQLite store: the embedded default, a single file, no service.

WAL mode so readers (the web app) never block the writer (an ingest); foreign keys on;
migrations applied by name inside a transaction, so a crash mid-upgrade leaves the old schema.
Every write of one article is one transaction: it is stored whole or not at all.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from ..errors import StoreError
from ..model import Analysis
from .migrations import all_migrations
from .rows import now, write_analysis_rows


class Store:
    """Owns one SQLite database file (or ``:memory:``)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from None

    def _migrate(self) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in self.conn.execute("SELECT name FROM migrations")}
        for name, sql in all_migrations():
            if name in done:
                continue
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in filter(str.strip, sql.split(";")):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO migrations(name, applied_at) VALUES (?, ?)", (name, now()))
                self.conn.execute("COMMIT")
            except Exception:
                self.conn.execute("ROLLBACK")
                raise

    def applied_migrations(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM migrations ORDER BY name")]

    def save(self, analysis: Analysis) -> bool:
        """Store an article and its analysis; True if the article was new. Idempotent."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            new = write_analysis_rows(self.conn.execute, analysis.to_dict(with_text=True))
            self.conn.execute("COMMIT")
            return new
        except sqlite3.DatabaseError as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise StoreError(f"cannot write to {self.path}: {exc}") from None

    def get(self, article_id: str) -> Analysis | None:
        """The stored analysis of an article (an id prefix of 6+ characters is enough)."""
        row = self.conn.execute(
            "SELECT a.text, n.json FROM articles a JOIN analyses n ON n.article_id = a.id "
            "WHERE a.id = ? OR (length(?) >= 6 AND a.id LIKE ? || '%') LIMIT 2",
            (article_id, article_id, article_id),
        ).fetchall()
        if len(row) != 1:
            return None
        data = json.loads(row[0]["json"])
        data["article"]["text"] = row[0]["text"]
        return Analysis.from_dict(data)

    def articles(self, limit: int = 50) -> Iterator[dict]:
        for r in self.conn.execute(
            "SELECT id, title, outlet, published, language, created_at FROM articles "
            "ORDER BY created_at DESC LIMIT ?",
            (limit,),
        ):
            yield dict(r)

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(spec: str | Path) -> Store:
    """Open the store named by a path (SQLite). PostgreSQL URLs arrive with the corpus work."""
    spec = str(spec)
    if spec.startswith(("postgres://", "postgresql://")):
        from .postgres import PostgresStore  # extra [postgres]

        return PostgresStore(spec)  # type: ignore[return-value]
    return Store(spec)
