"""False alarms of the eleventh blind findings half, in invented articles of the same shapes:
each must stay quiet, and the useful finding next to it must still fire."""

from __future__ import annotations

from claimgraph import analyze
from claimgraph.extract.attribution.quotes import find_quotes


def _found(text: str, published: str = "2020-05-20") -> list[tuple[str, str, str]]:
    a = analyze(text, published=published)
    return [(f.kind, a.article.text[f.start:f.end], f.message) for f in a.findings]


def test_the_accused_of_a_participle_is_not_a_speaker():
    found = _found("Party rift\n\nThe anger recalled the unrest that fuelled primary challenges against sitting "
                   "Republican senators accused of appeasing an opposition president and his allies.")
    assert not [f for f in found if f[0] == "vague_source"]


def test_an_unclosed_straight_quote_does_not_swallow_the_credit():
    text = ('"He has made some outrageous comments that the inspector could not verify, Graham said. '
            '"He is getting into conspiracy land," he added.')
    assert [text[q.start:q.end] for q in find_quotes(text)] == ['"He is getting into conspiracy land,"']
    # an even number of marks pairs as before, a mark glued to the next word included
    even = 'Perry stated, "just when you thought it was over, it is wrong. "Perry meant a memo to "promote and protect" rights.'
    assert len(find_quotes(even)) == 1


def test_a_third_partys_inability_inside_a_named_speakers_words_is_not_the_outlets_disclosure():
    found = _found("Senators clash\n\nSen. Lindsey Graham also criticised Adam Schiff on Thursday.\n\n"
                   '"He has made some outrageous comments that the inspector could not verify, Graham said. '
                   '"He is getting into conspiracy land," he added.')
    assert not [f for f in found if f[0] == "unverified_media"]
    unquoted = _found("Senators clash\n\nSen. Lindsey Graham also criticised Adam Schiff on Thursday.\n\n"
                      "He has made some outrageous comments that the inspector could not verify, Graham said.")
    assert not [f for f in unquoted if f[0] == "unverified_media"]
    # an official reporting their own inability is the disclosure a fact-checker wants
    kept = _found("Missing volunteers\n\nTwo volunteers have not been heard from for a week.\n\n"
                  "White House spokesman John Kirby said he could not confirm the disappearance of the two men.")
    assert [f for f in kept if f[0] == "unverified_media"]


def test_a_figure_that_records_show_is_sourced():
    found = _found("County vote\n\nThe county is rural and conservative.\n\n"
                   "Smith won Clay County 79.8% to Jones's 16.2% in the 2016 presidential election, records show.")
    assert not [f for f in found if f[0] == "checkworthy_unsourced"]


def test_hearsay_inside_a_transcript_turn_is_the_speakers():
    text = ("Attorney general on the case\n\nThe attorney general spoke to the anchor on Sunday.\n\n"
            "BAIER: You mentioned the Flynn case. You are in the process of trying to dismiss that charge.\n\n"
            "BARR: Well, the argument is that it's always been understood that decisions to prosecute are "
            "vested in the executive branch.\n\nUPDATE: This story was changed on Monday.")
    a = analyze(text, published="2020-05-20")
    turns = [(x.source.text, x.mode, x.source_type) for x in a.attributions if x.cue.text == ":"]
    assert turns == [("BAIER", "direct", "named_person"), ("BARR", "direct", "named_person")]
    assert not [f for f in a.findings if f.kind == "anonymous_source"]
    # one capitalised label alone is a heading, not a transcript
    single = analyze("Notice\n\nWASHINGTON: It is understood that the talks will resume next week.",
                     published="2020-05-20")
    assert [f.kind for f in single.findings] == ["anonymous_source"]


def test_an_organisation_introduced_then_named_as_it_speaks_is_not_vague():
    text = ("Relief\n\nInsurers have said they support aid to hospitals.\n\n"
            "A lobbying group representing insurers and business groups raised concerns about the potential "
            "for investors to benefit from the request for $3.6 billion.\n\n"
            "“We need to do everything to support health care workers on the frontlines of this pandemic,” "
            "the Coalition Against Surprise Medical Billing said in a statement.")
    assert not [f for f in _found(text) if f[0] == "vague_source"]
    # with nobody named after it, the same group is still vague
    alone = ("Relief\n\nA lobbying group representing insurers and business groups raised concerns about the "
             "potential for investors to benefit from the request for $3.6 billion.\n\nHospitals disagree.")
    assert [f for f in _found(alone) if f[0] == "vague_source"]


def test_the_source_refers_back_to_the_unnamed_person_just_cited():
    found = _found("Tension\n\n“There is some tension. It has been public,” said one person familiar with their "
                   "talks. The source also dismissed the notion that the minister is about to quit.")
    anonymous = [f for f in found if f[0] == "anonymous_source"]
    assert len(anonymous) == 1 and "2 claims" in anonymous[0][2]


def test_a_report_credit_names_its_head_noun_not_its_last_word():
    found = _found("Travel costs\n\nAgencies spent about $13 million on four trips to the resort, according to a "
                   "report by a nonpartisan watchdog agency issued last month.", published="2019-02-10")
    messages = [m for k, _, m in found if k == "vague_source"]
    assert not any("which month" in m for m in messages)


def test_a_continued_call_is_a_demand_not_a_claim():
    found = _found("Arms\n\nThe statements suggest the allies expect no quick breakthrough, while officials in the "
                   "country have continued to call for rapid help.")
    assert not [f for f in found if f[0] == "vague_source"]
