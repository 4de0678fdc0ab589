"""The PostgreSQL store (extra ``[postgres]``): the same API as the SQLite :class:`Store`.

For teams: several people ingest and read one corpus on a server. The migrations are the same
portable SQL as for SQLite (``BLOB`` becomes ``BYTEA``, nothing else changes); queries written
for the SQLite store run unchanged through :class:`_Conn`, which maps ``?`` placeholders to
psycopg's, ``BEGIN IMMEDIATE`` to ``BEGIN`` plus a transaction-scoped advisory lock (one writer
at a time, as SQLite's write lock: several ``claimgraph ingest`` processes can share a corpus), and
returns rows readable both by position and by column name, like ``sqlite3.Row``. The
connection is in autocommit mode, so explicit ``BEGIN``/``COMMIT`` delimit each article's
transaction exactly as on SQLite.

Vectors are not in PostgreSQL (no pgvector here): the ANN index files live in
``CLAIMGRAPH_INDEX_DIR`` (default: the working directory) as ``claimgraph-<database>.claims.*``
and are rebuilt from the claim texts when missing, so each machine can hold its own copy.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..model import Analysis
from .base import StoreReads
from .migrations import all_migrations
from .rows import write_analysis_rows
from .sqlite import now


class Row(tuple):  # type: ignore[type-arg]
    """A result row indexable by position and by column name (like ``sqlite3.Row``)."""

    _names: tuple[str, ...] = ()

    def __new__(cls, values: Sequence[Any], names: tuple[str, ...]) -> "Row":
        row = super().__new__(cls, values)
        row._names = names
        return row

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names.index(key))
        return tuple.__getitem__(self, key)

    def keys(self) -> tuple[str, ...]:
        return self._names


def _row_factory(cursor: Any) -> Any:
    names = tuple(c.name for c in cursor.description or ())
    return lambda values: Row(values, names)


WRITE_LOCK = 4243  # advisory lock key of "one writer transaction at a time" (4242: migrations)
_BEGIN = re.compile(r"^\s*BEGIN\s+IMMEDIATE\s*$", re.I)


def translate(sql: str) -> str:
    """SQLite-flavoured portable SQL → psycopg: ``?`` → ``%s`` (literal ``%`` escaped)."""
    if _BEGIN.match(sql):
        return "BEGIN"
    return sql.replace("%", "%%").replace("?", "%s")


class _Conn:
    """The slice of the sqlite3 connection API the stores and ``*_ops`` modules use."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        cur = self.raw.cursor(row_factory=_row_factory)
        if _BEGIN.match(sql):
            # SQLite's BEGIN IMMEDIATE takes the database's one write lock; the same here, so a
            # writer that reads max(n) + 1 (corpus_ops.write_article) is alone until it commits.
            cur.execute("BEGIN")
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            return cur
        cur.execute(translate(sql), tuple(params) if params else None)
        return cur

    def executemany(self, sql: str, rows: Any) -> Any:
        cur = self.raw.cursor()
        cur.executemany(translate(sql), list(rows))
        return cur

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def close(self) -> None:
        self.raw.close()


class PostgresStore(StoreReads):
    """Owns one PostgreSQL database given by a ``postgresql://`` URL."""

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError:
            raise StoreError("PostgreSQL storage needs psycopg: pip install 'claimgraph[postgres]'") from None
        self.path = re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)  # shown in messages, password hidden
        self.db_errors: tuple[type[BaseException], ...] = (psycopg.Error,)
        try:
            raw = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {' '.join(str(exc).split())[:200]}") from None
        self.conn = _Conn(raw)
        dbname = raw.info.dbname or "claimgraph"
        self.index_base = str(Path(os.environ.get("CLAIMGRAPH_INDEX_DIR", ".")) / f"claimgraph-{dbname}")
        self._migrate()

    def _migrate(self) -> None:
        c = self.conn
        c.execute("BEGIN")
        try:
            # one migrator at a time across processes: a transaction-scoped advisory lock, taken
            # before anything is created (two concurrent CREATE TABLE IF NOT EXISTS can collide)
            c.execute("SELECT pg_advisory_xact_lock(4242)")
            c.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            done = {r[0] for r in c.execute("SELECT name FROM migrations")}
            for name, sql in all_migrations():
                if name in done:
                    continue
                for statement in filter(str.strip, sql.split(";")):
                    c.raw.execute(re.sub(r"\bBLOB\b", "BYTEA", statement))
                c.execute("INSERT INTO migrations(name, applied_at) VALUES (?, ?)", (name, now()))
            c.execute("COMMIT")
        except Exception as exc:
            c.execute("ROLLBACK")
            raise StoreError(f"cannot migrate {self.path}: {' '.join(str(exc).split())[:200]}") from None

    def save(self, analysis: Analysis) -> bool:
        """Store an article and its analysis; True if the article was new. Idempotent."""
        c = self.conn
        try:
            c.execute("BEGIN")
            new = write_analysis_rows(c.execute, analysis.to_dict(with_text=True))
            c.execute("COMMIT")
            return new
        except self.db_errors as exc:
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise StoreError(f"cannot write to {self.path}: {' '.join(str(exc).split())[:200]}") from None
