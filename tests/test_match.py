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


def test_day_number_reads_the_dates_collections_and_posts_carry() -> None:
    import datetime as dt

    from claimgraph.verify.match import claim_day
    from claimgraph.verify.textnorm import day_number

    def day(y: int, m: int, d: int) -> int:
        return dt.date(y, m, d).toordinal()

    assert day_number("26 May 2015") == day(2015, 5, 26)
    assert day_number("stated on October 22, 2019 in a campaign mailer.:") == day(2019, 10, 22)
    assert day_number("2021-03-06T10:00:00Z") == day(2021, 3, 6)
    assert day_number("Sept. 3, 2020") == day(2020, 9, 3)
    assert day_number("31 February 2020") is None and day_number("no date") is None and day_number(None) is None
    assert claim_day("Bridge closed — Kim Lee (@kimlee) January 6, 2021") == day(2021, 1, 6)
    assert claim_day("Bridge closed on January 6, 2021 says the mayor") is None  # only a signature dates a post


def _dated_library(tmp_path):
    rows = [
        {"vclaim_id": "v-old", "vclaim": "The river bridge toll will triple next month.", "date": "2 March 2015",
         "title": "Will the Bridge Toll Triple?"},
        {"vclaim_id": "v-new", "vclaim": "The river bridge toll will triple next month.", "date": "4 March 2022",
         "title": "Will the Bridge Toll Triple?"},
    ]
    path = tmp_path / "vclaims.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_a_fact_check_from_the_same_weeks_ranks_above_an_old_one(tmp_path) -> None:
    import datetime as dt

    index = FactCheckIndex(load_factchecks(_dated_library(tmp_path)), MatchOptions(use_embeddings=False))
    query = "The bridge toll on the river will triple next month"
    assert {m.factcheck.id for m in index.search(query)} == {"v-old", "v-new"}
    for when, first in ((dt.date(2022, 3, 1), "v-new"), (dt.date(2015, 2, 27), "v-old")):
        top = index.search(query, when=when.toordinal())
        assert top[0].factcheck.id == first and "dated within about three weeks" in top[0].why
        assert top[0].score > top[1].score
    # a pasted post dates itself
    top = index.search(query + " — Kim Lee (@kimlee) March 3, 2022")
    assert top[0].factcheck.id == "v-new"


def test_article_texts_beside_a_collection_are_read_and_searched(tmp_path) -> None:
    rows = [{"vclaim_id": f"v{i}", "vclaim": f"Says the county budget for item {i} doubled."} for i in range(3)]
    (tmp_path / "pf.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    import gzip

    with gzip.open(tmp_path / "pf-text.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"vclaim_id": "v2", "text": "At the town hall she said: our ferry fares went up "
                                                     "fourfold while the harbour stayed closed."}) + "\n")
    library = load_factchecks(tmp_path / "pf.jsonl")
    assert [fc.body is not None for fc in library] == [False, False, True]
    index = FactCheckIndex(library, MatchOptions(use_embeddings=False))
    top = index.search("Our ferry fares went up fourfold while the harbour stayed closed")
    assert top[0].factcheck.id == "v2" and top[0].features["body_gap"] == 0.0
    assert "body" not in top[0].to_dict()["factcheck"]  # the article text stays out of answers
    # a broken text file is a warning, never a failure
    (tmp_path / "pf-text.jsonl.gz").write_bytes(b"not gzip")
    assert all(fc.body is None for fc in load_factchecks(tmp_path / "pf.jsonl"))


def test_claimreview_review_body_becomes_the_article_text() -> None:
    from claimgraph.verify.factchecks import parse_claimreviews

    page = json.dumps({"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": "The dam burst.",
                       "reviewBody": "The dam  did not burst &amp; held.", "url": "https://fc.example.org/dam"})
    (fc,) = parse_claimreviews(page)
    assert fc.body == "The dam did not burst & held."
