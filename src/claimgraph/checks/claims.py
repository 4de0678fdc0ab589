"""Findings about claims the author makes alone.

A check-worthy sentence with no source is the classic fact-check target, but most of an
article's own narration ("the soldier surrenders", "the Dow fell 5.9%") is implicitly sourced
to the reporting itself, and flagging it all would bury the few that matter. So the finding
needs more than a score: the claim must carry a statistic (a percentage, in a paragraph that
names no source) or a background fact about a period at least ten years before the article
(where writers most often slip, as in "Ukraine … fought the Soviets in World War 2").
Measured on 60 AllSides articles: see the issue notes.
"""

from __future__ import annotations

import re

from ..model import Analysis, Attribution, Finding
from .nearby import ByStart

DIGIT = re.compile(r"\d")
YEAR = re.compile(r"(\d{4})")
HISTORY_YEARS = 10  # a time expression at least this many years before the article is background
FIGURE_LABELS = frozenset({"PERCENT"})  # statistics: "71 percent of Americans", "a 40 percent share"
FIGURE_SCORE = 0.9


def _years_before(value: str | None, reference: str | None) -> int | None:
    if not value or not reference:
        return None
    v, r = YEAR.match(value), YEAR.match(reference)
    if not v or not r:
        return None
    return int(r.group(1)) - int(v.group(1))


def _sourced_nearby(text: str, cues: ByStart[Attribution], pos: int) -> bool:
    p0 = text.rfind("\n", 0, pos) + 1
    p1 = text.find("\n", pos)
    p1 = len(text) if p1 < 0 else p1
    return any(a.source_type != "anonymous" for a in cues.starting_in(p0, p1))


def checkworthy_findings(analysis: Analysis, threshold: float) -> list[Finding]:
    out: list[Finding] = []
    reference = analysis.article.published
    all_times, entities = ByStart(analysis.times), ByStart(analysis.entities)
    cues: ByStart[Attribution] = ByStart(analysis.attributions, start=lambda a: a.cue.start)
    for claim in analysis.claims:
        if claim.attribution is not None or claim.checkworthiness is None:
            continue
        if claim.checkworthiness < threshold or claim.reason.startswith("headline"):
            continue
        times = all_times.inside(claim.start, claim.end)
        ents = entities.inside(claim.start, claim.end)
        # a figure written in digits ("58,000", "47 percent"), not "three" or "one"
        numbers = [e for e in ents if e.label in FIGURE_LABELS
                   and DIGIT.search(e.text) and not any(t.start <= e.start < t.end for t in times)]
        if claim.checkworthiness < FIGURE_SCORE:
            numbers = []
        if numbers and _sourced_nearby(analysis.article.text, cues, claim.start):
            numbers = []  # the paragraph names its sources; the figure most likely comes from them
        history = [t for t in times if (_years_before(t.value, reference) or 0) >= HISTORY_YEARS]
        events = [e for e in ents if e.label == "EVENT"
                  and any(t.start < e.end and e.start < t.end for t in history)]
        if history or events:
            what, severity = f"a historical reference (“{(history or events)[0].text}”)", "warning"
        elif numbers:
            what, severity = f"a figure (“{numbers[0].text}”)", "info"
        else:
            continue
        out.append(Finding(
            kind="checkworthy_unsourced", severity=severity, start=claim.start, end=claim.end,
            about=claim.id,
            message=f"The author states {what} with no source, in a claim scored check-worthy "
                    f"({claim.checkworthiness:.2f}: {claim.checkworthy_reason or 'model score'}).",
        ))
    return out
