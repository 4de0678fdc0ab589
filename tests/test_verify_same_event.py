"""Verdicts that do not overreach, on invented texts: a passage stating part of the claim, or the
same kind of news on another day, decides nothing (issue 15, after the fourth judged sample)."""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.model import Claim
from claimgraph.verify.agreement import contradiction_agrees, support_agrees
from claimgraph.verify.event_time import EVENT_WINDOW_DAYS, days_apart, other_time, quotations
from claimgraph.verify.options import VerifyOptions
from claimgraph.verify.signals import Signal

CLAIM = "The harbour board of Eastmouth raised the ferry fare to 14 crowns and cut the winter timetable for islanders."
PART = "The Eastmouth harbour board raised the ferry fare to 14 crowns on Tuesday."
WHOLE = ("The Eastmouth harbour board raised the ferry fare to 14 crowns and cut the winter timetable, "
         "angering islanders.")


def test_a_passage_stating_part_of_the_claim_does_not_support_it() -> None:
    ok, why = support_agrees(CLAIM, PART, [])
    assert not ok and "timetable" in why
    assert support_agrees(CLAIM, WHOLE, [])[0]


def test_one_of_two_tolls_is_part_of_the_claim() -> None:
    claim = "At least seven people were killed and dozens more wounded in Westbridge."
    ok, why = support_agrees(claim, "At least seven people were killed in Westbridge, the governor said.", [])
    assert not ok and "wounded" in why


def test_the_same_news_on_another_day_supports_nothing() -> None:
    claim = "Three people were killed in shelling of residential areas of Westbridge."
    passage = "Shelling of residential areas of Westbridge killed three people, officials said."
    assert support_agrees(claim, passage, [], apart=2)[0]
    assert support_agrees(claim, passage, [], apart=None)[0]  # a date unknown: no limit
    ok, why = support_agrees(claim, passage, [], apart=EVENT_WINDOW_DAYS + 30)
    assert not ok and "44 days" in why


def test_a_dated_event_or_a_quotation_is_the_same_event_whatever_the_gap() -> None:
    dated = "On 8 March in Westbridge, two missiles hit the railway station, killing 12 people."
    later = "On 8 March, two missiles hit the railway station in Westbridge, killing 12 people."
    assert support_agrees(dated, later, [], apart=60)[0]
    quoted = "Mira Olsen said the fare rise was “a price worth paying for the crossing”."
    again = "Months ago Mira Olsen called the fare rise “a price worth paying for the crossing”."
    assert support_agrees(quoted, again, [], apart=90)[0]
    assert quotations("Russia’s army and Ukraine’s navy") == []  # apostrophes are not quotation marks


def test_another_days_count_contradicts_nothing() -> None:
    claim = "The Eastmouth harbour board raised the ferry fare to 14 crowns."
    passage = "The Eastmouth harbour board raised the ferry fare to 12 crowns."
    number = Signal("conflicting_number", -1, "claim says 14 crowns, passage says 12 crowns", 0, 1, 0, 1)
    probs = {"supports": 0.1, "neutral": 0.2, "contradicts": 0.7}
    assert contradiction_agrees(claim, passage, probs, [number], apart=3)[0]
    ok, why = contradiction_agrees(claim, passage, probs, [number], apart=200)
    assert not ok and "200 days" in why


def test_a_complement_clause_with_a_pronoun_subject_is_unanchored() -> None:
    ok, why = support_agrees("that it would raise the ferry fare of Eastmouth",
                             "The Eastmouth harbour board said it would raise the ferry fare.", [])
    assert not ok and "pronoun" in why


def test_days_apart_reads_iso_dates_and_day_numbers() -> None:
    assert days_apart("2022-07-01", "2022-07-15") == 14
    assert days_apart(None, "2022-07-15") is None
    assert days_apart(738337, "2022-07-15") is not None
    assert other_time("x", "y", EVENT_WINDOW_DAYS) is None


class _FakeModel:
    def predict(self, pairs: list[tuple[str, str]]) -> list[dict[str, float]]:
        return [{"supports": 0.9, "neutral": 0.05, "contradicts": 0.05} for _ in pairs]


@pytest.mark.parametrize("published, agreed", [("2022-07-03", True), ("2022-10-01", False), (None, True)])
def test_judge_passages_compares_the_claims_date_with_the_passages(monkeypatch: Any, published: str | None,
                                                                   agreed: bool) -> None:
    from claimgraph.verify import stance
    from claimgraph.verify.textnorm import day_number
    from claimgraph.verify.verdict import judge_passages

    monkeypatch.setattr(stance.StanceModel, "load", classmethod(lambda cls, model_path=None: _FakeModel()))
    claim = Claim(id="c1", text=WHOLE, start=0, end=len(WHOLE))
    row = {"id": "d:0", "doc_id": "d", "source": "wire.txt", "text": WHOLE, "start": 0, "end": len(WHOLE),
           "cosine": 0.95, "published": published}
    item = judge_passages(claim, [row], 0, VerifyOptions(), day_number("2022-07-01"))[0]
    assert item.stance == "supports" and item.agreed is agreed, item.agreement


def test_a_preposition_opening_the_claim_is_not_a_name() -> None:
    ok, why = support_agrees("At least seven people were killed in the strike.",
                             "At least seven people were killed in the strike on Westbridge.", [])
    assert not ok and "names no" in why


def test_a_part_naming_the_country_is_stated_by_its_adjective() -> None:
    claim = "Westland soldiers are leaving their tanks and surrendering themselves to the citizens of Eastland."
    passage = ("Westland soldiers have been leaving their tanks and surrendering to Eastlandian civilians "
               "in several villages, officials said.")
    assert support_agrees(claim, passage, [])[0]
