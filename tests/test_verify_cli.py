"""End to end through the CLI: import fact-checks, add evidence, verify an article, export ClaimReview."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIX = Path(__file__).parent / "fixtures"

ARTICLE = """Soldiers give up on the northern front

Russian soldiers are leaving their tanks and surrendering to the citizens of Ukraine, the newspaper reported on Thursday.

The city council tripled the bridge toll to 12 dollars last year.
"""


def _run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, HF_HUB_OFFLINE="1", OPENBLAS_NUM_THREADS="1")
    return subprocess.run([sys.executable, "-m", "claimgraph.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=600, env=env)


def test_verify_command_gives_verdicts_with_evidence_factchecks_and_claimreview(tmp_path: Path) -> None:
    db = str(tmp_path / "v.db")
    out = _run("factchecks", "import", str(FIX / "factchecks"), "--db", db)
    assert out.returncode == 0, out.stderr
    assert "library holds 4" in out.stdout
    out = _run("evidence", "add", str(FIX / "evidence" / "supporting"), "--db", db)
    assert out.returncode == 0, out.stderr
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    # by default only check-worthy claims are verified; --all verifies every claim
    default = json.loads(_run("verify", str(article), "--db", db, "--json").stdout)
    from claimgraph.report.html import checkworthy_threshold

    worthy = {c["id"] for c in default["claims"] if c["checkworthiness"] >= checkworthy_threshold()}
    assert {v["claim_id"] for v in default["verdicts"]} == worthy
    out = _run("verify", str(article), "--db", db, "--json", "--save", "--all")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert len(data["verdicts"]) == len(data["claims"]) > len(worthy)
    by_text = {v["claim_text"]: v for v in data["verdicts"]}
    tanks = next(v for t, v in by_text.items() if "leaving their tanks" in t)
    assert tanks["label"] == "supported", tanks["reason"]
    assert ARTICLE[tanks["start"]:tanks["end"]] == tanks["claim_text"]
    assert any(f["factcheck"]["url"].endswith("tanks-surrender") for f in tanks["factchecks"])
    toll = next(v for t, v in by_text.items() if "bridge toll" in t)
    assert toll["label"] == "contradicted"  # only the earlier fact-check ("Mostly false") speaks to it
    assert not [e for e in toll["evidence"] if e["stance"] != "neutral"]
    reviews = {r["claimReviewed"]: r for r in data["claimreview"]}
    assert reviews[tanks["claim_text"]]["reviewRating"]["alternateName"] == "supported"


def test_missing_database_is_a_one_line_error(tmp_path: Path) -> None:
    out = _run("check", "anything at all", "--db", str(tmp_path / "nope.db"))
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "no database" in out.stderr


def test_evidence_add_reads_jsonl_like_ingest_and_skips_a_bad_record(tmp_path: Path) -> None:
    db = str(tmp_path / "ev.db")
    records = tmp_path / "wire.jsonl"
    records.write_text(
        json.dumps({"title": "Harbour", "text": "Harbour\n\nThe harbour authority said the quay wall was rebuilt in 2019."}) + "\n"
        + "{not json\n"
        + json.dumps({"title": "Bridge", "text": "Bridge\n\nThe county said the bridge reopened to traffic on Monday."}) + "\n",
        encoding="utf-8",
    )
    out = _run("evidence", "add", str(records), "--db", db, "--no-embeddings")
    assert out.returncode == 0, out.stderr
    assert "evidence holds" in out.stdout
    assert out.stderr.count("passage(s)") == 2 and "skipped" in out.stderr and "Traceback" not in out.stderr
    again = _run("evidence", "add", str(records), "--db", db, "--no-embeddings")  # same records: replaced
    assert again.stdout == out.stdout and "(replaced)" in again.stderr
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    bad = _run("evidence", "add", str(binary), "--db", db, "--no-embeddings")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
    assert _run("evidence", "add", str(records), "--db", db, "--no-embeddings").stdout == out.stdout  # nothing lost
