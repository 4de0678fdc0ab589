"""Findings about claims the author makes alone.

A check-worthy sentence with no source is the classic fact-check target, but most of an
article's own narration ("the soldier surrenders", "the Dow fell 5.9%") is implicitly sourced
to the reporting itself, and flagging it all would bury the few that matter. So the finding
needs more than a score: the claim must carry a statistic (a percentage, a large count, a toll)
that nothing sources — no reporting verb in the sentence, no named source earlier in its
paragraph or a named poll/report in the one before, and the same figure not attributed elsewhere
in the article — or a background fact about a period at least ten years before the article
(where writers most often slip, as in "Ukraine … fought the Soviets in World War 2").
Measured on 60 AllSides articles: see the issue notes.
"""

from __future__ import annotations

import re

from ..model import Analysis, Attribution, Finding
from .context import sentence_bounds
from .nearby import ByStart

DIGIT = re.compile(r"\d")
MAGNITUDE = re.compile(r"\b(?:hundreds|thousands|millions|billions|million|billion|trillion)\b|\d\s*(?:bn|tn|trn)\b", re.I)
# a count in the millions written in words: "more than a million Americans", "four million people"
# (not the vague plural "millions of dollars")
MILLIONS = re.compile(r"\b(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d[\d.,]*)\s+(?:million|billion|trillion)\b",
                      re.I)
# a share the recogniser split from its sign: "about 50-60% of wages", "by 37 percentage points"
SHARE = re.compile(r"\d[\d.,]*(?:\s*[-–]\s*\d[\d.,]*)?\s*(?:%|per\s*cent\b|percentage\s+points?\b)", re.I)
TOLL = re.compile(r"\b(?:killed|killing|dead|died|deaths|wounded|injured|injuring|fled|displaced|refugees|casualties|"
                  r"missing)\b", re.I)
MODAL = re.compile(r"\b(?:could|would|might|may|will|should|expected|forecast|projected)\b|’ll|'ll", re.I)
# the sentence names where its figure comes from: "Surveys from Monmouth University show …"
OWN_SOURCE = re.compile(r"\b(?:according\s+to|surveys?|polls?|data|figures|statistics|estimates?|census|report|"
                        r"study|analysis|records|documents|filings)\b[^.]{0,60}\b(?:show|shows|showed|found|finds|suggest|suggests|estimated?)\b"
                        r"|\baccording\s+to\b"
                        # "In CNN's December poll of the state, Biden garnered 35 percent": a named poll
                        r"|\b(?:in|by)\s+(?:the\s+|a\s+|an\s+)?(?-i:[A-Z])[\w’'.&-]*(?:\s+[\w’'.&-]+){0,3}?\s+"
                        r"(?:poll|survey|study|report|analysis|census|count|tally)\b"
                        # "the researchers behind a model from the University of Washington … their projection"
                        r"|\b(?:researchers|scientists|economists|modellers|modelers|forecasters)\s+(?:[\w’'-]+\s+){0,6}?"
                        r"(?:at|from|of|with)\s+(?:the\s+)?(?-i:[A-Z])", re.I)
# a reporting verb the extractor did not link ("The UN high commissioner for refugees reports
# that …", "…, the country estimated on Monday"): the figure is someone's, not the author's
REPORTED = re.compile(r"\b(?:says|said|reports|reported|estimates|estimated|announced|told|according|"
                      r"compiled\s+by|collected\s+by|gathered\s+by)\b", re.I)
YEAR = re.compile(r"(\d{4})")
# a standing fact about a place or an account, found on its own page: "a city with a population
# of 1.4 million", "a Telegram channel with a following of 450,000" (judged encyclopaedic each time)
STANDING = re.compile(r"\b(?:a|its|their)\s+(?:pre-?war\s+|total\s+)?population\s+of\b"
                      r"|\b(?:a\s+following\s+of|followers|subscribers)\b", re.I)
# the writer describing the article's own graphics: "Each of these charts spans the same period and
# the width of each corresponds to 2.0% of …" (a design parameter, judged wrong as a figure to source)
OWN_GRAPHIC = re.compile(r"\b(?:this|these|our|each\s+of\s+the)\s+(?:charts?|graphs?|graphics?|maps?|tables?|"
                         r"visuali[sz]ations?|infographics?)\b"
                         r"|\b(?:charts?|graphs?|graphics?|maps?|tables?)\s+(?:below|above)\b", re.I)
# a named period used only to date something else: "an agency established after World War II",
# "created to contain Russia after the second world war" (judged encyclopaedic each time)
ANCHORED_AFTER = re.compile(r"\b(?:after|since|following|until|before)\s+(?:the\s+)?$", re.I)
HISTORY_YEARS = 10  # a time expression at least this many years before the article is background
FIGURE_LABELS = frozenset({"PERCENT", "CARDINAL", "MONEY", "QUANTITY"})  # statistics: "71 percent of Americans", "a 40 percent share"
FIGURE_SCORE = 0.9
TOLL_SCORE = 0.7


def _is_figure(label: str, text: str, sentence: str) -> bool:
    """A statistic worth checking: a percentage, a count in the thousands or more ("250,000
    tests", "hundreds of thousands"), a sum in millions; "hundreds" or "thousands" without digits only
    as a toll ("hundreds were killed"). Small counts ("a $20 bill", "14 years"), sizes ("the 72-metre yacht"), vague sums
    ("billions of dollars") and predictions ("could force thousands more to leave") were judged
    trivial or are not checkable."""
    if MODAL.search(sentence):
        return False
    if label == "PERCENT":
        return bool(DIGIT.search(text))
    if label == "MONEY":
        return bool(MAGNITUDE.search(text) and DIGIT.search(text))
    if label == "QUANTITY":  # "almost 60,000 tonnes of grain", "22 million tons"
        digits = re.sub(r"[^\d]", "", text.split(".")[0])
        return bool(MILLIONS.search(text)) or len(digits) >= 4
    if label == "CARDINAL":
        if re.search(rf"{re.escape(text)}\s*(?:%|per\s*cent\b|percentage\s+points?\b)", sentence, re.I) \
                or re.search(rf"{re.escape(text)}\s*[-–]\s*\d[\d.,]*\s*%", sentence):
            return bool(DIGIT.search(text))  # "by 37 percentage points", "about 50-60%": a share
        if MAGNITUDE.search(text):
            return bool(DIGIT.search(text)) or bool(TOLL.search(sentence)) or bool(MILLIONS.search(text))
        if DIGIT.search(text) and TOLL.search(sentence):
            return True  # "six people were killed and 20 injured": a toll, whatever its size
        digits = re.sub(r"[^\d.]", "", text.split(".")[0] if text.count(".") == 1 and "," in text else text)
        try:
            return float(digits or 0) >= 1000
        except ValueError:
            return False
    return False


def _years_before(value: str | None, reference: str | None) -> int | None:
    if not value or not reference:
        return None
    v, r = YEAR.match(value), YEAR.match(reference)
    if not v or not r:
        return None
    return int(r.group(1)) - int(v.group(1))


DATA_SOURCE = re.compile(r"\b(?:poll|polls|survey|surveys|study|report|data|figures|census|statistics|index|"
                         r"estimates?|analysis|tally|count)\b", re.I)


def _sourced_nearby(text: str, cues: ByStart[Attribution], pos: int, end: int) -> bool:
    """A named source that the figure can be read as coming from: one cited in the claim's
    paragraph up to the end of the claim, or a poll, survey, report or data set named in the
    paragraph before (its figures given in the next). A source cited in the paragraph only
    after the figure, or a person quoted on something else in the paragraph before, does not
    source "the strike killed 23 people" (those tolls were the most missed findings)."""
    p0 = text.rfind("\n", 0, pos) + 1
    prev0 = text.rfind("\n", 0, max(0, p0 - 2)) + 1 if p0 > 1 else p0
    if any(a.source_type != "anonymous" for a in cues.starting_in(p0, end)):
        return True
    # "Raw recruits hit targets 50% of the time. Now it is 80%, one British trainer said.": the
    # next sentence of the paragraph attributes, after the fact, figures that continue the claim's
    # ("Vladimir Putin said more than 17,000 …" opens a claim of its own)
    _, n1 = sentence_bounds(text, min(end + 1, len(text) - 1))
    if any(a.source_type != "anonymous" and a.cue.start > a.content.start and any(ch.isdigit() for ch in a.content.text)
           for a in cues.starting_in(end, n1)):
        return True
    return any(a.source_type != "anonymous" and a.source is not None and DATA_SOURCE.search(a.source.text)
               for a in cues.starting_in(prev0, p0))


def _attributed_elsewhere(text: str, cues: ByStart[Attribution], numbers: list, pos: int) -> bool:
    """The same figure ("6 in 1 million", "23 people") stands elsewhere in the article in a
    sentence with a named source: the article does give its source, just not here."""
    for e in numbers:
        digits = re.search(r"\d[\d,.]*", e.text)
        if digits is None or len(digits.group(0)) < 2 and not e.text.strip().isdigit():
            continue
        for m in re.finditer(rf"(?<![\d,.]){re.escape(digits.group(0))}(?![\d])", text):
            if abs(m.start() - pos) < 300:
                continue
            s0, s1 = sentence_bounds(text, m.start())
            if any(a.source_type != "anonymous" for a in cues.starting_in(s0, s1)):
                return True
    return False


def _inside_quotation(text: str, pos: int) -> bool:
    """``pos`` lies between an opening and a closing quotation mark of its paragraph: the words
    are someone's ("…Colbert offered his own entry. “… around $553 million.”"), not the author's."""
    p0 = text.rfind("\n", 0, pos) + 1
    before = text[p0:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def checkworthy_findings(analysis: Analysis, threshold: float) -> list[Finding]:
    out: list[Finding] = []
    reference = analysis.article.published
    all_times, entities = ByStart(analysis.times), ByStart(analysis.entities)
    cues: ByStart[Attribution] = ByStart(analysis.attributions, start=lambda a: a.cue.start)
    text = analysis.article.text
    figure_paragraphs: dict[int, Finding] = {}
    for claim in analysis.claims:
        if claim.attribution is not None or claim.checkworthiness is None:
            continue
        if claim.checkworthiness < threshold or claim.reason.startswith("headline"):
            continue
        times = all_times.inside(claim.start, claim.end)
        ents = entities.inside(claim.start, claim.end)
        # a figure written in digits ("58,000", "47 percent"), not "three" or "one"
        numbers = [e for e in ents if _is_figure(e.label, e.text, claim.text) and not any(t.start <= e.start < t.end for t in times)]
        numbers = [e for e in numbers if not _inside_quotation(text, e.start)]
        if claim.checkworthiness < (TOLL_SCORE if TOLL.search(claim.text) else FIGURE_SCORE):
            numbers = []  # a casualty toll is worth checking at a lower score than any other figure
        if numbers and STANDING.search(claim.text) and not TOLL.search(claim.text):
            numbers = []  # background anyone can look up, not a claim of the story
        if numbers and OWN_GRAPHIC.search(claim.text):
            numbers = []  # how the article's chart is drawn, not a figure about the world
        if numbers and (_sourced_nearby(text, cues, claim.start, claim.end) or OWN_SOURCE.search(claim.text)
                        or REPORTED.search(claim.text) or _attributed_elsewhere(text, cues, numbers, claim.start)):
            numbers = []  # the sentence, its paragraph, a named data source before it or the same figure elsewhere sources it
        # a named period ("World War 2"), not any old year: dated background ("In 1962, Kennedy
        # signed…", "founded in 2004") is encyclopaedic and judged trivial on real articles
        history = [t for t in times if t.reason.startswith("named period")
                   and (_years_before(t.value, reference) or 0) >= HISTORY_YEARS
                   and not ANCHORED_AFTER.search(text, max(0, t.start - 30), t.start)]
        events = [e for e in ents if e.label == "EVENT"
                  and any(t.start < e.end and e.start < t.end for t in history)]
        if history or events:
            what, severity = f"a historical reference (“{(history or events)[0].text}”)", "warning"
        elif numbers:
            para = text.rfind("\n", 0, claim.start)
            if para in figure_paragraphs:  # a series of figures in one paragraph: one notice
                figure_paragraphs[para].also.append([claim.start, claim.end])
                continue
            share = SHARE.match(text, numbers[0].start)  # "37" → "37 percentage points"
            shown = share.group(0) if share and share.end() > numbers[0].end else numbers[0].text
            what, severity = f"a figure (“{shown}”)", "info"
        else:
            continue
        finding = Finding(
            kind="checkworthy_unsourced", severity=severity, start=claim.start, end=claim.end,
            about=claim.id,
            message=f"The author states {what} with no source, in a claim scored check-worthy "
                    f"({claim.checkworthiness:.2f}: {claim.checkworthy_reason or 'model score'}).",
        )
        if numbers and not (history or events):
            figure_paragraphs[text.rfind("\n", 0, claim.start)] = finding
        out.append(finding)
    return out
