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


def test_opposite_actors_are_two_claims(nlp):
    ours = _facts(nlp, "Russian forces were behind the prison explosion.")
    theirs = _facts(nlp, "Ukrainian forces had struck the prison with rockets.")
    assert ours["actors"] == ["russia"] and theirs["actors"] == ["ukraine"]
    assert "actors" in (conflict(ours, theirs) or "")
    # a capital stands for its country; a clause inside the subject is not the actor
    assert _facts(nlp, "The Kremlin said the prison was hit.")["actors"] == ["russia"]
    both = _facts(nlp, "Russia and Ukraine signed the grain agreement on Friday.")
    again = _facts(nlp, "Ukraine and Russia have signed a deal on grain.")
    assert conflict(both, again) is None


def test_an_intention_is_a_forecast_and_a_duty_a_state(nlp):
    assert mood(list(nlp("The envoy was ready to talk with the minister."))) == "forecast"
    assert mood(list(nlp("The council plans to close the harbour."))) == "forecast"
    assert mood(list(nlp("All 30 members must ratify the treaty."))) == "state"
    ready = _facts(nlp, "The envoy was ready to talk with the minister for the first time.")
    would = _facts(nlp, "The envoy would speak to the minister for the first time.")
    assert conflict(ready, would) is None


def test_a_noun_phrase_that_goes_on_is_not_a_fragment(nlp):
    from claimgraph.corpus.claimfit import fitness

    text = ("Officials rejected Moscow's claims that any depot was hit, saying the attack, which took place "
            "far from the front, killed nine people.")
    doc = nlp(text)
    start = text.index("claims")
    span = doc.char_span(start, len(text) - 1, alignment_mode="expand")
    assert fitness(list(span), span.text, start, None, None).self_contained


def test_a_claim_must_agree_with_the_family_founder_too(tmp_path):
    """A chain of matches must not put two events in one family: the toll of a strike weeks
    later matches a telling that gives no figure, but not the family's founder."""
    import json

    from claimgraph.corpus.ingest import IngestOptions, ingest
    from claimgraph.store import Store

    said = "and wounded many more, the regional governor said."
    articles = [("2031-04-01", f"Shelling of the central market killed eight people {said}"),
                ("2031-04-20", f"Shelling of the central market killed people {said}"),
                ("2031-04-21", f"Shelling of the central market killed four people {said}")]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"title": f"Market report {i}", "published": day, "outlet": "Test Wire",
                                       "text": f"Market report {i}\n\n{text}\n"}) + "\n"
                           for i, (day, text) in enumerate(articles)), encoding="utf-8")
    with Store(tmp_path / "c.db") as store:
        ingest(store, [str(src)], IngestOptions(workers=1, embedder="hashed-lexical-v1"))
        rows = store.conn.execute(
            "SELECT a.published, m.family_id, m.reason FROM corpus_claims c JOIN articles a ON a.id = c.article_id "
            "LEFT JOIN corpus_family_members m ON m.claim_n = c.n ORDER BY a.published").fetchall()
    fams = [r["family_id"] for r in rows]
    assert len(rows) == 3 and fams[0] and fams[1] == fams[0]
    assert fams[2] != fams[0] and "another event" in rows[2]["reason"]


def test_a_note_to_readers_takes_no_part_in_families(nlp):
    from claimgraph.corpus.claimfit import fitness

    for text in ("Morning Ferry is delivered to thousands of inboxes every weekday.",
                 "Sign up to our harbour newsletter for the latest news."):
        fit = fitness(list(nlp(text)), text, 0, None, None)
        assert not fit.self_contained and "readers" in fit.why
