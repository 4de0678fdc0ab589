"""Team ingest: two real ``claimgraph ingest`` processes write one corpus at the same time.

Both read a file of their own plus the same shared records, into one SQLite file and into one
PostgreSQL database (a real server, see ``conftest.pg_server``). Afterwards every article is
stored exactly once, claim numbers are unique and dense per article, family links point at
stored claims, the ANN index file holds every indexed claim (merged, not overwritten), and the
two writers really did interleave (otherwise the test would prove nothing).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

UNIQUE, SHARED = 24, 12
PLACES = ["Arden", "Bexley", "Corran", "Dunmore", "Elgin", "Fairlie", "Girvan", "Hawick", "Irvine", "Jedburgh",
          "Kelso", "Lanark"]
TOPICS = ["ferry timetable", "water tariff", "school roof", "bus depot", "harbour wall", "library hours"]


def _record(outlet: str, i: int) -> dict[str, Any]:
    place, topic = PLACES[i % len(PLACES)], TOPICS[(i * 5) % len(TOPICS)]
    text = (f"{place} {topic} dispute, report {outlet[:1]}{i}\n\n"
            f"The {place} council said on Tuesday that the {topic} would cost {i * 13 + 7} thousand pounds more "
            f"than planned in {2031 + i}.\n"
            f"“We were never consulted about the {topic},” said {['Ana', 'Tom', 'Ines', 'Raj'][i % 4]} "
            f"{['Hale', 'Moss', 'Reid', 'Quinn'][i % 4]}, who chairs the {place} residents' group number {i}.\n"
            f"According to the regional audit office, {i + 40} percent of the {place} budget for {topic} "
            f"work went unspent last year.\n")
    return {"text": text, "outlet": outlet, "published": f"2024-0{1 + i % 9}-1{i % 10}"}


def _inputs(tmp_path: Path) -> tuple[Path, Path]:
    shared = [_record("Shared Wire", i) for i in range(SHARED)]
    files = []
    for name, outlet in (("a", "Alpha Post"), ("b", "Beta Times")):
        rows = [_record(outlet, i) for i in range(UNIQUE)]
        # the shared records sit in the middle of both files, so both processes meet them at once
        rows[UNIQUE // 2: UNIQUE // 2] = shared
        path = tmp_path / f"{name}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        files.append(path)
    return files[0], files[1]


def _run_both(db: str, a: Path, b: Path, env: dict[str, str]) -> list[dict[str, Any]]:
    cmd = [sys.executable, "-m", "claimgraph.cli", "ingest", "--db", db, "--no-progress", "--json",
           "--embedder", "hashed-lexical-v1", "--batch-size", "1"]
    procs = [subprocess.Popen(cmd + [str(p)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for p in (a, b)]
    reports = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err[-2000:]
        reports.append(json.loads(out))
    return reports


def _check(rows: Any, reports: list[dict[str, Any]], index_meta: Path) -> None:
    """``rows(sql)`` runs a query on the corpus; the checks are the same for both databases."""
    total = 2 * UNIQUE + SHARED
    assert sum(r["stored"] for r in reports) == total
    assert all(not r["bad"] for r in reports)
    assert rows("SELECT count(*) FROM articles")[0][0] == total
    assert rows("SELECT count(*) FROM corpus_articles")[0][0] == total
    assert rows("SELECT count(*), count(DISTINCT n) FROM corpus_claims")[0][0] == rows(
        "SELECT count(*), count(DISTINCT n) FROM corpus_claims")[0][1]
    assert rows("SELECT count(*) FROM (SELECT article_id, claim_id FROM corpus_claims "
                "GROUP BY article_id, claim_id HAVING count(*) > 1) d")[0][0] == 0
    # each article's stored claim count matches its claims, and its numbers are one block
    for art, claims, lo, hi, n in rows("SELECT ca.article_id, ca.claims, min(c.n), max(c.n), count(c.n) "
                                       "FROM corpus_articles ca JOIN corpus_claims c ON c.article_id = ca.article_id "
                                       "GROUP BY ca.article_id, ca.claims"):
        assert claims == n == hi - lo + 1, art
    assert rows("SELECT count(*) FROM corpus_family_members m LEFT JOIN corpus_claims c ON c.n = m.claim_n "
                "WHERE c.n IS NULL")[0][0] == 0
    assert rows("SELECT count(*) FROM corpus_family_members m WHERE m.matched_n IS NOT NULL AND NOT EXISTS "
                "(SELECT 1 FROM corpus_claims c WHERE c.n = m.matched_n)")[0][0] == 0
    assert rows("SELECT count(*) FROM corpus_families f WHERE f.size <> (SELECT count(*) FROM "
                "corpus_family_members m WHERE m.family_id = f.id)")[0][0] == 0
    # the two writers interleaved: in claim-number order the outlets switch back and forth
    order = [r[0] for r in rows("SELECT a.outlet FROM corpus_articles ca JOIN articles a ON a.id = ca.article_id "
                                "JOIN corpus_claims c ON c.article_id = ca.article_id GROUP BY a.outlet, ca.article_id "
                                "ORDER BY min(c.n)") if r[0] != "Shared Wire"]
    switches = sum(1 for x, y in zip(order, order[1:]) if x != y)
    assert switches >= 2, f"the ingests did not overlap ({order}); the test proves nothing"
    # the ANN index on disk holds every indexed claim: the last save merged the other's entries
    meta = json.loads(index_meta.read_text(encoding="utf-8"))
    assert meta["count"] == rows("SELECT count(*) FROM corpus_claims WHERE indexed = 1")[0][0]


def test_two_concurrent_ingests_into_one_sqlite_file(tmp_path):
    a, b = _inputs(tmp_path)
    db = tmp_path / "team.db"
    reports = _run_both(str(db), a, b, dict(os.environ))
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        _check(lambda sql: con.execute(sql).fetchall(), reports, Path(f"{db}.claims.json"))
    finally:
        con.close()


def test_two_concurrent_ingests_into_one_postgres_database(pg_url, tmp_path):
    import psycopg

    a, b = _inputs(tmp_path)
    env = dict(os.environ, CLAIMGRAPH_INDEX_DIR=str(tmp_path))
    reports = _run_both(pg_url, a, b, env)
    with psycopg.connect(pg_url) as conn:
        _check(lambda sql: conn.execute(sql).fetchall(), reports,
               tmp_path / f"claimgraph-{pg_url.rsplit('/', 1)[1]}.claims.json")
