"""Family rules chosen on gold rounds 1-2 (issue 15 item 1, round 3): attempts, intentions
named by a noun, credit lines. All sentences are invented."""

from __future__ import annotations

import pytest

from claimgraph.corpus.clause import aim, mood
from claimgraph.corpus.events import conflict, event_facts


@pytest.fixture(scope="module")
def nlp():
    from claimgraph import nlp as nlp_mod

    return nlp_mod.load()


def _facts(nlp, text: str, reference: str = "2031-05-02", places: tuple[str, ...] = ()):
    doc = nlp(text)
    ents = [{"text": p, "label": "GPE"} for p in places]
    return event_facts(list(doc), ents, [], reference)


def test_an_attempt_is_not_the_deed_nor_another_attempt(nlp):
    assert aim(list(nlp("Rebel units were trying to surround Harwick."))) == "surround"
    assert aim(list(nlp("Rebel units sought to cross the river."))) == "cross"
    assert aim(list(nlp("Rebel units crossed the river."))) == ""
    surround = _facts(nlp, "Rebel units were trying to surround Harwick.", places=("harwick",))
    approach = _facts(nlp, "Rebel units were trying to approach Harwick, which was shelled earlier in the war.",
                      places=("harwick",))
    assert "attempts" in (conflict(surround, approach) or "")
    trying = _facts(nlp, "Rebel units have been trying to seize Harwick in a northern advance.", places=("harwick",))
    taken = _facts(nlp, "Rebel units have taken control of most of Harwick.", places=("harwick",))
    assert "attempt" in (conflict(trying, taken) or "")
    # the same attempt told twice stays one claim
    again = _facts(nlp, "Rebel units are trying to seize Harwick.", places=("harwick",))
    assert conflict(trying, again) is None


def test_facts_stored_before_attempts_were_known_separate_nothing(nlp):
    old = _facts(nlp, "Rebel units have taken control of most of Harwick.", places=("harwick",))
    old.pop("aim")
    trying = _facts(nlp, "Rebel units have been trying to seize Harwick.", places=("harwick",))
    assert conflict(old, trying) is None


def test_an_intention_named_by_a_noun_is_a_forecast(nlp):
    assert mood(list(nlp("The council has no intention of closing the harbour."))) == "forecast"
    assert mood(list(nlp("The council has plans to close the harbour."))) == "forecast"
    assert mood(list(nlp("The council has a harbour."))) == "present"
    needed = _facts(nlp, "A negotiated peace is necessary for the islands.")
    refusal = _facts(nlp, "The council has no intention of giving up the islands in a negotiated peace.")
    assert "forecast" in (conflict(needed, refusal) or "")


def test_a_credit_line_takes_no_part_in_families(nlp):
    from claimgraph.corpus.claimfit import fitness

    for text in ("Harbour Wire and Coastline Press contributed to this report.",
                 "Two correspondents in Harwick contributed reporting."):
        fit = fitness(list(nlp(text)), text, 0, None, None)
        assert not fit.self_contained and "credit line" in fit.why
    text = "Harbour Wire contributed a photograph of the flooded pier."  # not a credit line
    assert fitness(list(nlp(text)), text, 0, None, None).self_contained


def test_a_reaction_is_not_the_event_it_reacts_to(nlp):
    from claimgraph.corpus.clause import reaction

    assert reaction(list(nlp("Concerns were raised in Harwick about the status of the volunteer, who was captured.")))
    assert reaction(list(nlp("The mayor condemned the sentencing of the two sailors.")))
    assert not reaction(list(nlp("The volunteer was captured during fighting near Harwick.")))
    assert not reaction(list(nlp("Gas flows through the Harwick pipeline decreased sharply.")))  # not "decried"
    captured = _facts(nlp, "Tom Ashby, 41, a father of two, was captured during fighting in the south.")
    concern = _facts(nlp, "Concerns were also raised about the status of Tom Ashby, 41, who was captured in the south.")
    assert "reaction" in (conflict(captured, concern) or "")
    # two tellings of one reaction stay one claim
    again = _facts(nlp, "The mayor utterly condemns the sentencing.")
    assert conflict(_facts(nlp, "The mayor condemned the sentencing of the two sailors."), again) is None


def test_a_judgement_is_not_the_fact_it_judges(nlp):
    opinion = _facts(nlp, "Reopening the old peat plants was painful, but it is a sheer necessity.")
    fact = _facts(nlp, "The old peat plants are being reopened.")
    assert opinion["judgement"] and not fact["judgement"]
    assert "judgement" in (conflict(opinion, fact) or "")


def test_an_action_in_progress_weeks_apart_is_another_phase(nlp):
    early = _facts(nlp, "Rebel units continued to shell the northern districts of Harwick.", reference="2031-06-01",
                   places=("harwick",))
    later = _facts(nlp, "Rebel units had massed their forces to take Harwick and Dunmore over the summer.",
                   reference="2031-07-05", places=("harwick", "dunmore"))
    assert early["ongoing"] and not later["ongoing"]
    assert "in progress" in (conflict(early, later) or "")
    # told a few days apart, the same shelling stays one claim
    soon = _facts(nlp, "Rebel units are shelling the northern districts of Harwick.", reference="2031-06-04",
                  places=("harwick",))
    assert conflict(early, soon) is None


def test_a_past_progressive_is_a_past_moment_not_an_action_in_progress(nlp):
    from claimgraph.corpus.clause import ongoing

    assert ongoing(list(nlp("Rebel units have been trying to seize Harwick.")))
    assert not ongoing(list(nlp("The skipper was carrying two crates of cigars when he was detained.")))
    arrest = _facts(nlp, "A search of the skipper's boat revealed crates that allegedly held cigars.",
                    reference="2031-05-13")
    retold = _facts(nlp, "The skipper was carrying two crates of cigars in his boat.", reference="2031-07-29")
    assert conflict(arrest, retold) is None
