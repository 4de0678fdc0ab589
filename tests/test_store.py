"""The SQLite store on real files: idempotent saves, migrations, round trips."""

from __future__ import annotations

import sqlite3

import pytest

from claimgraph import analyze
from claimgraph.errors import StoreError
from claimgraph.store import Store, open_store


@pytest.fixture(scope="module")
def example_analysis(example_text):
    return analyze(example_text, published="2024-05-14")


def test_save_is_idempotent_and_round_trips(tmp_path, example_analysis):
    db = tmp_path / "cg.db"
    with Store(db) as store:
        assert store.save(example_analysis) is True
        assert store.save(example_analysis) is False
        assert store.count() == 1
        back = store.get(example_analysis.article.id)
    assert back is not None
    assert back.to_dict() == example_analysis.to_dict()
    # prefix lookup, and a fresh connection sees the same data
    with Store(db) as store:
        assert store.get(example_analysis.article.id[:8]) is not None
        assert "0001_core_articles_and_analyses" in store.applied_migrations()
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_migration_applied_by_another_process_meanwhile_is_skipped(tmp_path):
    """Two ingests opening a new file at once: the second read the list before the first wrote."""

    class Stale(Store):
        def applied_migrations(self) -> list[str]:
            return []  # what this process read before the other one took the write lock

    db = tmp_path / "race.db"
    Store(db).close()
    with Stale(db) as store:
        names = [r[0] for r in store.conn.execute("SELECT name FROM migrations")]
    assert len(names) == len(set(names)) and "0001_core_articles_and_analyses" in names


def test_corrupt_database_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database file at all" * 100)
    with pytest.raises(StoreError) as exc:
        Store(bad)
    assert "bad.db" in str(exc.value)


def test_unreachable_postgres_is_a_clear_error():
    """Port 9 on loopback refuses at once: a one-line StoreError, no traceback, no hang."""
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError) as exc:
        open_store("postgresql://user@127.0.0.1:9/db?connect_timeout=3")
    assert "\n" not in str(exc.value)


def test_failed_write_keeps_earlier_articles(tmp_path, example_analysis):
    db = tmp_path / "cg.db"
    with Store(db) as store:
        store.save(example_analysis)
    ro = Store(db)
    ro.conn.execute("PRAGMA query_only = ON")
    other = analyze("A second story\n\nThe mayor said that the bridge would reopen in June.")
    with pytest.raises(StoreError):
        ro.save(other)
    ro.close()
    with Store(db) as store:
        assert store.count() == 1
        assert sqlite3.connect(db).execute("SELECT count(*) FROM analyses").fetchone()[0] == 1
