"""Event compatibility beyond dates, places and figures (issue 15 item 1, round 2).

Two tellings that sound alike are one claim only when their main clauses tell one event: a
forecast is not the fact, a standing state is not a dated event, a place named only in an
"after …" clause is background, an article cannot report what happened after it was written,
and a noun phrase ("remarks that …") asserts nothing. All sentences are invented.
"""

from __future__ import annotations

import pytest

from claimgraph.corpus.clause import mood
from claimgraph.corpus.events import conflict, event_facts


@pytest.fixture(scope="module")
def nlp():
    from claimgraph import nlp as nlp_mod

    return nlp_mod.load()


def _facts(nlp, text: str, reference: str = "2031-05-02", days: list[str] | None = None,
           places: tuple[str, ...] = ()):
    """Event facts with the places given (the small NER model misses invented names)."""
    doc = nlp(text)
    ents = [{"text": p, "label": "GPE"} for p in places]
    return event_facts(list(doc), ents, [{"value": d, "type": "DATE"} for d in days or []], reference)


def test_the_mood_of_the_main_clause(nlp):
    def m(text: str) -> str:
        return mood(list(nlp(text)))

    assert m("Rebel units could soon encircle the river town.") == "forecast"
    assert m("The governor is set to visit the northern port next week.") == "forecast"
    assert m("Rebel units are trying to encircle the river town.") == "present"
    assert m("The governor visited the northern port.") == "event"
    assert m("The storm may have destroyed the old pier.") == "event"  # a hedged past, not a forecast
    assert m("The Harwick pipeline is operated by Norvex, the state energy company.") == "state"
    assert m("The two provinces together are known as the Lowlands.") == "state"


def test_a_forecast_is_not_the_fact(nlp):
    forecast = _facts(nlp, "Rebel units could soon encircle the river town.")
    trying = _facts(nlp, "Rebel units are trying to encircle the river town.")
    assert "forecast" in (conflict(forecast, trying) or "")
    # two forecasts of the same visit stay one claim
    a = _facts(nlp, "The governor is set to visit the northern port next week.")
    b = _facts(nlp, "The governor would travel to the northern port next week.")
    assert conflict(a, b) is None


def test_a_standing_state_is_not_a_dated_event(nlp):
    state = _facts(nlp, "The Harwick pipeline is operated by Norvex, the state energy company.")
    event = _facts(nlp, "Norvex cut the flows through the Harwick pipeline on Wednesday.", days=["2031-04-30"])
    assert "state" in (conflict(state, event) or "")
    # two tellings of the same standing fact stay one claim
    other = _facts(nlp, "The two provinces together are known as the Lowlands.")
    same = _facts(nlp, "The two provinces make up the Lowlands.")
    assert conflict(other, same) is None


def test_a_place_named_only_in_an_after_clause_is_background(nlp):
    entered = _facts(nlp, "Rebel fighters entered Lyon on Saturday after the garrison was ordered to withdraw "
                          "from Grenoble.", places=("Lyon", "Grenoble"))
    assert entered["main_places"] == ["lyon"]
    ordered = _facts(nlp, "The last soldiers defending Grenoble have been ordered to withdraw, as fears grow "
                          "that Lyon could fall within days.", places=("Grenoble", "Lyon"))
    assert ordered["main_places"] == ["grenoble"]
    assert "main clause" in (conflict(entered, ordered) or "")
    # a participle clause tells the same event: its place stays in the main clause
    hit = _facts(nlp, "Two missiles struck the station in Lyon, killing nine people in Grenoble.",
                 places=("Lyon", "Grenoble"))
    assert set(hit["main_places"]) == {"lyon", "grenoble"}


def test_an_article_cannot_report_what_happened_after_it(nlp):
    earlier = _facts(nlp, "The army intensified its shelling of the northern city.", reference="2031-06-21")
    later = _facts(nlp, "The army resumed its shelling of the northern city on Wednesday.", reference="2031-06-22",
                   days=["2031-06-22"])
    assert "before the event" in (conflict(earlier, later) or "")
    # the same day, or an article written after the event: no contradiction
    same_day = _facts(nlp, "The army intensified its shelling of the northern city.", reference="2031-06-22")
    assert conflict(same_day, later) is None
    # a dated forecast ("on Friday" still ahead) is not a reported event
    ahead = _facts(nlp, "The mayor will open the bridge on Friday.", reference="2031-06-21", days=["2031-06-24"])
    plan = _facts(nlp, "The mayor will open the bridge this week.", reference="2031-06-20")
    assert conflict(plan, ahead) is None


def test_a_noun_phrase_with_a_that_clause_is_a_fragment(nlp):
    from claimgraph.corpus.claimfit import fitness

    text = "The embassy summoned the envoy over remarks by the minister that the dam had burst on purpose."
    doc = nlp(text)
    start = text.index("remarks")
    span = doc.char_span(start, len(text) - 1, alignment_mode="expand")
    fit = fitness(list(span), span.text, start, None, None)
    assert not fit.self_contained and "noun phrase" in fit.why
    whole = fitness(list(doc), text, 0, None, None)
    assert whole.self_contained
