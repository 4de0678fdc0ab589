"""The findings gold set and its scorer: matching by kind and overlap, misses, unjudged findings,
and ``claimgraph eval findings`` on a real judged article (skipped without ../shared)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph.cli import cli
from claimgraph.errors import DataError
from claimgraph.eval.findings import (
    FindingsGold,
    FindingsTally,
    Judgment,
    Miss,
    load_findings_gold,
    score_findings,
)
from claimgraph.model import Finding

from conftest import shared_path

ROOT = Path(__file__).resolve().parents[1]


def _gold() -> FindingsGold:
    return FindingsGold("a" * 16, "0" * 64, "basil", "test", "t",
                        judged=[Judgment("vague_source", 10, 20, "useful"), Judgment("anonymous_source", 40, 50, "wrong"),
                                Judgment("secondhand_unlinked", 60, 70, "trivial")],
                        missing=[Miss("unsourced_figure", 100, 110), Miss("vague_source", 200, 210)])


def test_scoring_matches_kind_and_overlap_counts_misses_and_unjudged():
    tally, unjudged = FindingsTally(), []
    found = [
        Finding("vague_source", "warning", "m", 15, 25),           # overlaps the useful judgment
        Finding("anonymous_source", "warning", "m", 45, 48),       # judged wrong
        Finding("vague_source", "warning", "m", 60, 70),           # other kind at 60-70: not judged there
        Finding("checkworthy_unsourced", "info", "m", 300, 310, also=[[105, 108]]),  # covers a miss via also
        Finding("wire_credit", "note", "m", 400, 410),             # quiet: reported apart
    ]
    score_findings(_gold(), found, tally, unjudged)
    s = tally.summary()
    assert (s["useful"], s["trivial"], s["wrong"], s["unjudged"], s["notes"]) == (2, 0, 1, 1, 1)
    assert s["findings"] == 4 and s["false_alarms_per_100"] == 100.0
    assert s["misses"] == 1 and s["gold_missing"] == 2
    assert unjudged == [{"article": "a" * 16, "split": "test", "kind": "vague_source", "start": 60, "end": 70,
                         "message": "m"}]


def test_gold_with_a_bad_label_or_a_duplicate_article_is_a_data_error(tmp_path):
    row = {"article": "b" * 16, "sha256": "0" * 64, "collection": "basil", "split": "tune",
           "judged": [{"kind": "x", "start": 1, "end": 2, "label": "great"}], "missing": []}
    (tmp_path / "g.jsonl").write_text(json.dumps(row) + "\n")
    with pytest.raises(DataError, match="label"):
        load_findings_gold(tmp_path)
    row["judged"][0]["label"] = "useful"
    (tmp_path / "g.jsonl").write_text((json.dumps(row) + "\n") * 2)
    with pytest.raises(DataError, match="twice"):
        load_findings_gold(tmp_path)


def test_repository_gold_set_is_offsets_labels_and_hashes_only():
    gold = load_findings_gold(ROOT / "gold" / "findings")
    assert len(gold) >= 59 and {g.split for g in gold} == {"tune", "test"}
    for g in gold:
        assert len(g.sha256) == 64 and all(j.start < j.end for j in g.judged)
    raw = (ROOT / "gold" / "findings" / "judged.jsonl").read_text(encoding="utf-8")
    assert '"text"' not in raw  # never the article text


def test_cli_scores_one_real_judged_article(tmp_path):
    news = shared_path("data", "news")
    first = (ROOT / "gold" / "findings" / "judged.jsonl").read_text(encoding="utf-8").splitlines()[0]
    (tmp_path / "one.jsonl").write_text(first + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "findings", "--gold", str(tmp_path / "one.jsonl"), "--news", str(news),
                                      "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    split = json.loads(first)["split"]
    assert data[split]["articles"] == 1 and data[split]["judged"] + data[split]["unjudged"] == data[split]["findings"]


def test_cli_missing_gold_is_a_one_line_error(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "claimgraph", "eval", "findings", "--gold", str(tmp_path / "none"),
                           "--news", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "not found" in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
