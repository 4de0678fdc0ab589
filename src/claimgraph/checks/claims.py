"""Findings about claims the author makes alone.

A check-worthy sentence with no source is the classic fact-check target, but most of an
article's own narration ("the soldier surrenders") is implicitly sourced to the reporting
itself. So the finding needs more than a high score: the claim must carry something a
checker can look up — a statistic, or a background fact about a named historical event or a
period well before the article (where writers most often slip, as in "Ukraine … fought the
Soviets in World War 2").
"""

from __future__ import annotations

import re

from ..model import Analysis, Finding

NUMERIC_LABELS = frozenset({"PERCENT", "MONEY", "QUANTITY", "CARDINAL"})
YEAR = re.compile(r"(\d{4})")
HISTORY_YEARS = 1  # a time expression at least this many years before the article is background


def _years_before(value: str | None, reference: str | None) -> int | None:
    if not value or not reference:
        return None
    v, r = YEAR.match(value), YEAR.match(reference)
    if not v or not r:
        return None
    return int(r.group(1)) - int(v.group(1))


def checkworthy_findings(analysis: Analysis, threshold: float) -> list[Finding]:
    out: list[Finding] = []
    reference = analysis.article.published
    for claim in analysis.claims:
        if claim.attribution is not None or claim.checkworthiness is None:
            continue
        if claim.checkworthiness < threshold or claim.reason.startswith("headline"):
            continue
        inside = lambda s, e: claim.start <= s and e <= claim.end  # noqa: E731
        times = [t for t in analysis.times if inside(t.start, t.end)]
        numbers = [e for e in analysis.entities if e.label in NUMERIC_LABELS and inside(e.start, e.end)
                   and not any(t.start <= e.start < t.end for t in times)]
        events = [e for e in analysis.entities if e.label == "EVENT" and inside(e.start, e.end)]
        history = [t for t in times if (_years_before(t.value, reference) or 0) >= HISTORY_YEARS]
        if numbers:
            what = f"a figure (“{numbers[0].text}”)"
        elif history or events:
            what = f"a historical reference (“{(history or events)[0].text}”)"
        else:
            continue
        out.append(Finding(
            kind="checkworthy_unsourced", severity="warning", start=claim.start, end=claim.end,
            about=claim.id,
            message=f"The author states {what} with no source, in a claim scored check-worthy "
                    f"({claim.checkworthiness:.2f}: {claim.checkworthy_reason or 'model score'}).",
        ))
    return out
