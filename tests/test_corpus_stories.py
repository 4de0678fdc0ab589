"""Story clustering and its scores (pairwise, B-cubed) on toy clusters and on BASIL when present."""

from __future__ import annotations

import json

import pytest

from claimgraph.eval.stories import bcubed, pairwise


def test_scores_on_a_known_clustering():
    gold = ["a", "a", "a", "b", "b"]
    pred = [1, 1, 2, 3, 3]
    assert pairwise(pred, gold) == {"precision": 1.0, "recall": 0.5, "f1": 0.6667}
    b = bcubed(pred, gold)
    assert b["precision"] == 1.0 and b["recall"] == pytest.approx((2 / 3 * 2 + 1 / 3 + 1 + 1) / 5, abs=1e-4)
    assert pairwise(list(range(5)), gold)["precision"] == 0.0


def test_articles_of_one_event_cluster_and_other_days_do_not():
    from claimgraph.corpus.stories import cluster_stories

    texts = ["Ferry Aurora sinks off Port Calder; 14 passengers rescued by fishing boats",
             "Fishing boats rescue 14 passengers as the ferry Aurora sinks near Port Calder",
             "Ferry Aurora sinks off Port Calder, passengers rescued",
             "Elsby library reopens after winter flood, librarian says books replaced"]
    labels = cluster_stories(texts, ["2024-05-14", "2024-05-14", "2024-06-30", "2024-05-15"])
    assert labels[0] == labels[1]
    assert labels[2] != labels[0]  # same words, six weeks later: another event
    assert labels[3] != labels[0]


def test_eval_stories_cli_on_basil(tmp_path):
    from click.testing import CliRunner

    from claimgraph.cli import cli
    from conftest import shared_path

    folder = shared_path("data", "news", "basil")
    result = CliRunner().invoke(cli, ["eval", "stories", "--basil", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"pairwise", "bcubed"} and data["articles"] >= 150
    assert data["pairwise"]["f1"] > 0.9 and data["bcubed"]["precision"] > 0.95


def test_eval_stories_rejects_a_folder_without_articles(tmp_path):
    from click.testing import CliRunner

    from claimgraph.cli import cli

    result = CliRunner().invoke(cli, ["eval", "stories", "--basil", str(tmp_path)])
    assert result.exit_code != 0
