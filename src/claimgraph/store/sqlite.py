"""The SQLite store: the embedded default, a single file, no service.

WAL mode so readers (the web app) never block the writer (an ingest); foreign keys on;
migrations applied by name inside a transaction, so a crash mid-upgrade leaves the old schema.
Every write of one article is one transaction: it is stored whole or not at all.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import StoreError
from ..model import Analysis
from .base import StoreReads
from .migrations import all_migrations
from .rows import now, write_analysis_rows


class Store(StoreReads):
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
        done = set(self.applied_migrations())
        for name, sql in all_migrations():
            if name in done:
                continue
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                # another process may have applied it between our read and our write lock
                if self.conn.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                    self.conn.execute("COMMIT")
                    continue
                for statement in filter(str.strip, sql.split(";")):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO migrations(name, applied_at) VALUES (?, ?)", (name, now()))
                self.conn.execute("COMMIT")
            except Exception:
                self.conn.execute("ROLLBACK")
                raise

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


def open_store(spec: str | Path) -> Store:
    """Open the store named by a path (SQLite) or a ``postgresql://`` URL (extra ``[postgres]``)."""
    spec = str(spec)
    if spec.startswith(("postgres://", "postgresql://")):
        from .postgres import PostgresStore  # extra [postgres]

        return PostgresStore(spec)  # type: ignore[return-value]
    return Store(spec)
