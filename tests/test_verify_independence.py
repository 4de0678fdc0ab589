"""Independent evidence and agreement, on invented texts: no verdict from the article itself or a
copy of it; supported / contradicted only when the stance model and the rules agree."""

from __future__ import annotations

from claimgraph.verify.agreement import contradiction_agrees, support_agrees
from claimgraph.verify.independence import SourceFilter, evidence_doc_id, normalise_url
from claimgraph.verify.signals import Signal

ARTICLE = (
    "Ferry fares rise on the northern route\n\n"
    "The harbour board of Eastmouth voted on Tuesday to raise the ferry fare to 14 crowns, "
    "its chairwoman Mira Olsen told reporters after the meeting. "
    "Islanders who cross daily said the rise would cost them more than a week's wages a year. "
    "The board said fuel had doubled in price since the spring and that the old fare of 9 crowns "
    "no longer paid for the crossing. A petition against the rise has gathered 3,000 signatures.\n"
)
OTHER = (
    "Council approves new library\n\n"
    "The town council of Westbridge approved plans for a new public library on Monday. "
    "Building work on the site of the old bus depot is due to start next year, the mayor said.\n"
)


def _passage(doc_text: str, start: int, end: int, doc_id: str | None = None, url: str | None = None) -> dict:
    return {"id": f"{doc_id or evidence_doc_id(doc_text)}:0", "doc_id": doc_id or evidence_doc_id(doc_text),
            "source": "wire.txt", "text": doc_text[start:end], "start": start, "end": end, "url": url}


def _filter(docs: dict[str, str], url: str | None = None) -> SourceFilter:
    return SourceFilter(ARTICLE, url, docs.get)


def _first_sentence(text: str) -> tuple[int, int]:
    start = text.index("\n\n") + 2
    return start, text.index(". ", start) + 1


def test_a_passage_of_the_article_itself_is_left_out_with_its_reason() -> None:
    s, e = _first_sentence(ARTICLE)
    why = _filter({evidence_doc_id(ARTICLE): ARTICLE}).exclusion(_passage(ARTICLE, s, e))
    assert why is not None and why.kind == "same_article" and "article itself" in why.reason
    assert (why.start, why.end) == (s, e)


def test_the_same_url_is_the_same_article_whatever_its_text() -> None:
    s, e = _first_sentence(OTHER)
    p = _passage(OTHER, s, e, url="http://www.eastmouth-news.example/ferry/?utm_source=x")
    why = _filter({p["doc_id"]: OTHER}, url="https://eastmouth-news.example/ferry").exclusion(p)
    assert why is not None and why.kind == "same_article" and "same URL" in why.reason
    assert normalise_url("https://WWW.a.example/x/") == normalise_url("http://a.example/x?q=1")


def test_an_edited_copy_of_the_article_is_a_near_duplicate() -> None:
    copy = ARTICLE.replace("Ferry fares rise on the northern route", "Islanders angry at fare rise").replace(
        "told reporters after the meeting", "said after the meeting on Tuesday evening")
    copy += "Updated at 18.00 with the petition figures.\n"
    s, e = _first_sentence(copy)
    why = _filter({evidence_doc_id(copy): copy}).exclusion(_passage(copy, s, e))
    assert why is not None and why.kind == "near_duplicate" and "%" in why.reason


def test_a_paragraph_copied_into_another_document_is_not_a_second_witness() -> None:
    lifted = ARTICLE[ARTICLE.index("The board said"):ARTICLE.index(" A petition")]
    digest = OTHER + "\nIn other news: " + lifted + "\n"
    s = digest.index("The board said")
    why = _filter({evidence_doc_id(digest): digest}).exclusion(_passage(digest, s, s + len(lifted)))
    assert why is not None and why.kind == "copied_text"


def test_an_independent_report_of_the_same_event_is_kept() -> None:
    report = ("Eastmouth ferry to cost more\n\n"
              "Passengers on the Eastmouth crossing will pay 14 crowns from next month after the harbour "
              "board approved an increase, citing the cost of diesel. Mira Olsen, who chairs the board, "
              "said the decision had not been easy.\n")
    s = report.index("Passengers")
    f = _filter({evidence_doc_id(report): report, evidence_doc_id(OTHER): OTHER})
    assert f.exclusion(_passage(report, s, report.index("diesel.") + 7)) is None
    assert f.exclusion(_passage(OTHER, *_first_sentence(OTHER))) is None


CLAIM = "The harbour board of Eastmouth raised the ferry fare to 14 crowns."


def test_support_needs_the_claims_words_and_figures() -> None:
    ok, why = support_agrees(CLAIM, "The Eastmouth harbour board raised the ferry fare to 14 crowns on Tuesday.", [])
    assert ok, why
    ok, why = support_agrees(CLAIM, "The Eastmouth harbour board raised the ferry fare on Tuesday.", [])
    assert not ok and "14" in why
    ok, why = support_agrees(CLAIM, "Talks between the two sides continued on Tuesday, officials said.", [])
    assert not ok and "shares only" in why


PASSAGE = "The Eastmouth harbour board raised the ferry fare to 12 crowns on Tuesday."


def test_contradiction_needs_a_strong_rule_and_the_model() -> None:
    number = Signal("conflicting_number", -1, "claim says 14 crowns, passage says 12 crowns", 0, 1, 0, 1)
    assert contradiction_agrees(CLAIM, PASSAGE, {"supports": 0.1, "neutral": 0.2, "contradicts": 0.7}, [number])[0]
    ok, why = contradiction_agrees(CLAIM, PASSAGE, {"supports": 0.4, "neutral": 0.3, "contradicts": 0.3}, [number])
    assert not ok and "model does not" in why
    ok, why = contradiction_agrees(CLAIM, PASSAGE, {"supports": 0.05, "neutral": 0.05, "contradicts": 0.9}, [])
    assert not ok and "no rule" in why
    one_word = Signal("negation", -1, "the passage negates 'Russia'", 0, 1, 0, 1)
    ok, why = contradiction_agrees(CLAIM, PASSAGE, {"supports": 0.05, "neutral": 0.05, "contradicts": 0.9}, [one_word])
    assert not ok and "weak" in why
    # another count in a report of something else is no contradiction
    ok, why = contradiction_agrees(CLAIM, "Ticket sales at the Westbridge cinema rose to 12 crowns a seat.",
                                   {"supports": 0.1, "neutral": 0.2, "contradicts": 0.7}, [number])
    assert not ok and "same event" in why


def test_a_claim_without_a_subject_or_a_name_is_not_checked_against_other_articles() -> None:
    ok, why = support_agrees("it had been accused of spreading false news about the harbour board",
                             "Eastmouth Radio had been accused of spreading false news about the harbour board.", [])
    assert not ok and "pronoun" in why
    ok, why = support_agrees("Three children were among the wounded.",
                             "Three children were among the wounded after the shelling of Westbridge.", [])
    assert not ok and "names no" in why


def test_a_debunking_passage_contradicts_although_the_model_reads_it_as_support() -> None:
    debunk = Signal("debunked", -1, "the passage calls it untrue ('… to 14 crowns are false')", 0, 1, 0, 1)
    assert contradiction_agrees(CLAIM, PASSAGE, {"supports": 0.84, "neutral": 0.06, "contradicts": 0.10}, [debunk])[0]
    assert not contradiction_agrees(CLAIM, PASSAGE, {"supports": 0.2, "neutral": 0.7, "contradicts": 0.1}, [debunk])[0]


def test_support_needs_every_name_and_figure_of_the_claim() -> None:
    claim = "Four were killed in shelling in the town of Lyman in Donetsk."
    ok, why = support_agrees(claim, "Four people were killed in shelling in the town of Toretsk in Donetsk.", [])
    assert not ok and "Lyman" in why
    ok, why = support_agrees("Eight have died after Russian attacks on Donetsk.",
                             "At least 24 people have died after Russian attacks on Donetsk.", [])
    assert not ok and "Eight" in why
    assert support_agrees(claim, "Four people were killed in shelling in Lyman, a town in Donetsk, officials said.", [])[0]
