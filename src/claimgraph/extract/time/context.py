"""What every rule needs while it runs: the text, the reference date, tense and sentences.

One :class:`Ctx` per call of ``extract_times``; sentence boundaries are computed once and
looked up by bisection so rules can ask "what sentence is this in" cheaply.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .anchors import Anchor, AnchorSet
from .patterns import FUTURE_CUES, PAST_CUES, SENTENCE_END


# ``Cand.anaphor`` of a month or day written without a year: in a narrative (a history,
# not news) it takes the year of the last date mentioned with its year.
YEARLESS = ("yearless", 0, "Y")


@dataclass(slots=True)
class Cand:
    """A candidate time expression before overlaps are resolved."""

    start: int
    end: int
    type: str
    value: str | None
    reason: str
    kind: str  # date | weekday | clock | duration | set | ref | period | eventday | ...
    anchor: str | None = None
    weekday: int | None = None  # the weekday named, for weekday-vs-date checks
    explicit_year: bool = False
    priority: int = 0  # higher wins among candidates of equal length
    # Refers back to the last date mentioned ("that year", "the next day"): (granularity of
    # the value, shift, unit of the shift), e.g. ("D", 1, "D"); resolved after selection.
    anaphor: tuple[str, int, str] | None = None


@dataclass(slots=True)
class Ctx:
    text: str
    ref: dt.date | None
    ref_note: str  # "publication date 2022-03-04" / "reference date 2022-03-03 inferred ..."
    anchorset: AnchorSet
    doc: Any = None
    events: list[Anchor] = field(default_factory=list)
    _sent_starts: list[int] | None = None

    def sentence(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence around offset ``pos`` (cheap punctuation split)."""
        if self._sent_starts is None:
            starts = [0]
            starts.extend(m.end() for m in SENTENCE_END.finditer(self.text))
            self._sent_starts = starts
        starts = self._sent_starts
        i = bisect.bisect_right(starts, pos) - 1
        end = starts[i + 1] if i + 1 < len(starts) else len(self.text)
        return starts[i], end

    def tense(self, start: int, end: int) -> str:
        """"past" or "future" for the clause around an expression.

        With a spaCy doc, the governing verb's tag and auxiliaries decide; without one, future
        cues ("will", "next", "scheduled") in the clause mean future and anything else past,
        because news reports mostly what happened.
        """
        if self.doc is not None:
            t = _doc_tense(self.doc, start, end)
            if t is not None:
                return t
        s, _ = self.sentence(start)
        before = self.text[max(s, start - 70): start]
        fut = past = -1
        for m in FUTURE_CUES.finditer(before):
            fut = m.start()
        for m in PAST_CUES.finditer(before):
            past = m.start()
        return "future" if fut >= 0 and fut >= past else "past"


def _doc_tense(doc: Any, start: int, end: int) -> str | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    kids = list(tok.children)
    for k in kids:
        if k.tag_ == "MD" and k.lower_ in ("will", "'ll", "shall", "wo", "would"):
            return "future"
    if tok.lower_ == "going" and any(k.lower_ == "to" for k in kids):
        return "future"
    if tok.tag_ in ("VBD",) or any(k.tag_ == "VBD" and k.dep_ in ("aux", "auxpass") for k in kids):
        return "past"
    if tok.tag_ == "VBN" and any(k.dep_ in ("aux", "auxpass") for k in kids):
        return "past"
    return None
