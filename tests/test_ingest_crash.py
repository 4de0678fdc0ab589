"""Crash safety: ``kill -9`` an ingest midway, run it again, nothing is lost or duplicated."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

TOWNS = ["Arden", "Bexley", "Corran", "Dunmore", "Elgin", "Fairlie", "Girvan", "Hawick", "Irvine", "Jedburgh"]


def _write_articles(folder: Path, n: int) -> None:
    for i in range(n):
        town = TOWNS[i % len(TOWNS)]
        text = (f"{town} council report number {i}\n\n"
                f"The {town} council approved {i + 3} new homes on the eastern edge of the town, the mayor said on Tuesday.\n"
                f"Residents of {town} said the plan for {i + 7} shops would bring traffic to the narrow high street.\n"
                f"A spokesperson for the {town} planning office said building work would start in {2030 + i}.\n")
        (folder / f"{i:03}.txt").write_text(text, encoding="utf-8")


def _count(db: Path, table: str) -> int:
    try:
        con = sqlite3.connect(db, timeout=30)
        try:
            return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        finally:
            con.close()
    except sqlite3.OperationalError:
        return 0


def _ingest_cmd(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "claimgraph.cli", "ingest", str(folder), "--db", str(db), "--no-progress",
            "--embedder", "hashed-lexical-v1", "--batch-size", "1"]


def test_kill_minus_nine_then_rerun_loses_and_duplicates_nothing(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    total = 30
    _write_articles(folder, total)
    db = tmp_path / "c.db"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    proc = subprocess.Popen(_ingest_cmd(folder, db), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    while _count(db, "corpus_articles") < 3:
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else "ingest ended early"
        assert time.monotonic() < deadline, "ingest made no progress"
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _count(db, "corpus_articles")
    assert 3 <= partial < total, "the kill must land midway for this test to mean anything"
    done = subprocess.run(_ingest_cmd(folder, db) + ["--json"], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == total
    assert con.execute("SELECT count(*) FROM corpus_articles").fetchone()[0] == total
    assert con.execute("SELECT count(*) FROM analyses").fetchone()[0] == total
    claims = con.execute("SELECT count(*) FROM corpus_claims").fetchone()[0]
    assert claims == con.execute("SELECT sum(claims) FROM corpus_articles").fetchone()[0]
    assert con.execute("SELECT count(*) FROM (SELECT article_id, claim_id FROM corpus_claims "
                       "GROUP BY 1, 2 HAVING count(*) > 1)").fetchone()[0] == 0
    indexed = con.execute("SELECT count(*) FROM corpus_claims WHERE indexed = 1").fetchone()[0]
    assert con.execute("SELECT count(*) FROM corpus_family_members").fetchone()[0] == indexed
    assert con.execute("SELECT sum(size) FROM corpus_families").fetchone()[0] == indexed
    con.close()
    import json

    from claimgraph.corpus.ann import VectorIndex, index_paths

    report = json.loads(done.stdout)
    assert report["stored"] == total - partial and report["skipped"] == partial
    index = VectorIndex.load("hashed-lexical-v1", *index_paths(str(db)))
    assert index is not None and len(index) == indexed
