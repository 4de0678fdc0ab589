"""Fact-check library: ClaimReview JSON-LD (pages and feeds), CheckThat collections, the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.errors import InputError
from claimgraph.store import Store
from claimgraph.store import verify_ops as ops
from claimgraph.verify.factchecks import load_factchecks, parse_claimreviews, read_qrels, read_queries

FIX = Path(__file__).parent / "fixtures" / "factchecks"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (evaluation data lives outside the repo; CI has it)")
    return path


def test_claimreview_embedded_in_page_keeps_claim_rating_reviewer_date_url() -> None:
    [fc] = load_factchecks(FIX / "example-review-page.html")
    assert fc.claim == "A video shows the Port Calder harbour fire spreading to a cruise ship."
    assert fc.rating == "False" and fc.rating_value == 0.0
    assert fc.reviewer == "Example Fact Desk"
    assert fc.date == "2024-05-16"
    assert fc.url == "https://factcheck.example.org/2024/05/harbour-fire-video"
    assert fc.claimant == "A viral social media post"


def test_datafeed_with_many_reviews_and_string_rating_values() -> None:
    found = load_factchecks(FIX / "example-feed.json")
    assert [f.rating for f in found] == ["Mostly true", "Unproven", "Mostly false"]
    assert found[0].rating_value == pytest.approx(0.75)
    assert found[1].rating_value is None
    assert found[2].rating_value == pytest.approx(0.25)  # "2" on a 1..5 scale given as strings


def test_json_array_graph_and_jsonl_forms() -> None:
    review = {"@type": "ClaimReview", "claimReviewed": "The moon is made of cheese.", "url": "https://f.example/1",
              "reviewRating": {"alternateName": "False"}, "author": "Desk"}
    other = dict(review, claimReviewed="Cats can fly.", url="https://f.example/2")
    as_array = parse_claimreviews(json.dumps([review, other]))
    as_graph = parse_claimreviews(json.dumps({"@context": "https://schema.org", "@graph": [review, other]}))
    as_lines = parse_claimreviews(json.dumps(review) + "\n" + json.dumps(other) + "\n")
    assert [f.claim for f in as_array] == [f.claim for f in as_graph] == [f.claim for f in as_lines] == [
        "The moon is made of cheese.", "Cats can fly."]
    assert as_array[0].id == as_lines[0].id  # stable ids across forms
    assert parse_claimreviews(json.dumps({"@type": "ClaimReview", "url": "x"})) == []  # no claim: nothing to match


def test_broken_jsonl_line_is_a_user_error() -> None:
    with pytest.raises(InputError, match="line 2"):
        parse_claimreviews('{"@type": "ClaimReview", "claimReviewed": "a b c"}\n{broken\n')


def test_store_round_trip_and_reimport_is_idempotent(tmp_path: Path) -> None:
    found = load_factchecks(FIX / "example-feed.json")
    with Store(tmp_path / "v.db") as store:
        assert "0301_verify_factchecks_evidence_verdicts" in store.applied_migrations()
        ops.add_factchecks(store, found)
        ops.add_factchecks(store, found)
        assert ops.factcheck_count(store) == 3
        back = {f.id: f for f in ops.factchecks(store)}
    for f in found:
        assert back[f.id].claim == f.claim and back[f.id].rating == f.rating and back[f.id].url == f.url


def test_checkthat_collections_load_with_ids_that_match_qrels() -> None:
    base = shared_path("data", "claim-matching")
    snopes = load_factchecks(base / "clef2022-task2a-en-tweets" / "vclaims.jsonl")
    politifact = load_factchecks(base / "clef2022-task2b-en-debates" / "politifact-vclaims.jsonl")
    docs2020 = load_factchecks(base / "clef2020-task2-en-tweets" / "verified_claims.docs.tsv")
    assert (len(snopes), len(politifact), len(docs2020)) == (14231, 19250, 10375)
    assert politifact[0].rating and politifact[0].url.startswith("https://www.politifact.com/")
    ids = {f.id for f in snopes}
    qrels = read_qrels(base / "clef2022-task2a-en-tweets" / "CT2022-Task2A-EN-Dev-Test_QRELs.tsv")
    assert all(d in ids for docs in qrels.values() for d in docs)
    queries = read_queries(base / "clef2022-task2b-en-debates" / "CT2022-Task2B-EN-Train-Dev_Queries.tsv")
    assert len(queries) == 591  # duplicate rows collapse by id
