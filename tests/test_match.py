"""Fact-check matching: BM25, hybrid search with the real MiniLM, metrics, `claimgraph check`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.verify.bm25 import BM25, tokenize
from claimgraph.verify.evaluate import average_precision, match_metrics, reciprocal_rank
from claimgraph.verify.factchecks import load_factchecks
from claimgraph.verify.match import FactCheckIndex, MatchOptions

FIX = Path(__file__).parent / "fixtures" / "factchecks"
ROOT = Path(__file__).resolve().parents[1]


def _library():
    return load_factchecks(FIX / "example-feed.json") + load_factchecks(FIX / "example-review-page.html")


def test_tokenize_drops_urls_and_stopwords_and_stems_plurals() -> None:
    assert tokenize("The tanks were abandoned https://t.co/x pic.twitter.com/abc") == ["tank", "abandon"]


def test_bm25_prefers_the_document_sharing_rare_terms() -> None:
    bm = BM25(["the bridge toll rose", "a pilot shot down jets", "the toll on the bridge tripled to 12 dollars"])
    scores = bm.scores("bridge toll tripled")
    assert scores.argmax() == 2 and scores[1] == 0.0


def test_metrics_follow_the_checkthat_scorer() -> None:
    assert average_precision({"a"}, ["x", "a"], 5) == 0.5
    assert average_precision({"a", "b"}, ["a", "x", "b"], 5) == pytest.approx((1 + 2 / 3) / 2)
    assert average_precision({"a"}, ["x", "y", "z", "w", "v", "a"], 5) == 0.0
    assert reciprocal_rank({"b"}, ["a", "b"]) == 0.5
    m = match_metrics({"q1": ["a", "b"], "q2": ["c"]}, {"q1": {"a"}, "q2": {"d"}})
    assert m == {"map@5": 0.5, "mrr": 0.5, "p@1": 0.5, "queries": 2}


def test_lexical_matching_ranks_the_right_factcheck_first() -> None:
    index = FactCheckIndex(_library(), MatchOptions(use_embeddings=False))
    top = index.search("Russian soldiers are leaving their tanks and surrendering to the citizens of Ukraine")
    assert "tanks" in top[0].factcheck.claim and "'tank'" in top[0].why


def test_hybrid_matching_answers_and_abstains() -> None:
    pytest.importorskip("sentence_transformers")
    index = FactCheckIndex(_library(), MatchOptions())
    hit = index.search("Russian troops abandon their tanks and give themselves up to Ukrainian villagers")
    assert hit[0].factcheck.url == "https://factcheck.example.org/2022/03/tanks-surrender"
    assert hit[0].above_threshold and hit[0].cosine > 0.6
    miss = index.search("The new stadium will host the athletics championships next summer")
    assert not any(m.above_threshold for m in miss)  # "no earlier fact-check" is a real answer


def test_check_command_prints_json_with_scores_and_reasons() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "claimgraph.cli", "check", "--factchecks", str(FIX / "example-feed.json"),
         "--no-embeddings", "--json", "Did the council triple the bridge toll to 12 dollars?"],
        capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["matches"][0]["factcheck"]["rating"] == "Mostly false"
    assert "same number" in data["matches"][0]["why"]
