"""What the sourcing checks need to know about an attribution's surroundings.

A finding decides on the attribution layer, not on words alone: a speaker the extractor
resolved is not anonymous, an attribution nested in a named speaker's own quotation belongs to
that speaker's claim ("…according to preliminary data," the minister said), and a source that
is named in the same sentence or the next is not unnamed. These questions are asked once per
attribution, so they are answered from indexes built once per article.
"""

from __future__ import annotations

import re

from ..extract.attribution.sources import RELATIVE_PRONOUNS
from ..model import Analysis, Attribution, Finding, Span, TimeExpr
from .nearby import ByStart

NAMED_TYPES = frozenset({"named_person", "named_org", "social_post"})


def source_phrase(a: Attribution) -> Span | None:
    """The words that name the source: for "a European official who said" the source span is the
    relative pronoun (the extractor keeps PolNeAR's convention) and its speaker mention is the
    phrase the checks must read."""
    if a.source is not None and a.speaker_mention is not None and a.source.text.strip().lower() in RELATIVE_PRONOUNS:
        return a.speaker_mention
    return a.source


# a full stop after these ends no sentence: "Mr. Lavrov", "Gen. Milley", "Vladimir V. Putin"
ABBREVIATIONS = frozenset("mr mrs ms dr st gen sen rep gov lt col sgt capt prof jr sr no vs rev hon".split())


def _abbreviation(text: str, dot: int) -> bool:
    j = dot
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    word = text[j:dot]
    return len(word) == 1 and word.isupper() or word.lower() in ABBREVIATIONS


def _stop_before(text: str, pos: int) -> int:
    i = text.rfind(". ", 0, pos)
    while i >= 0 and _abbreviation(text, i):
        i = text.rfind(". ", 0, i)
    return i


def _stop_after(text: str, pos: int) -> int:
    i = text.find(". ", pos)
    while i >= 0 and _abbreviation(text, i):
        i = text.find(". ", i + 1)
    return i


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The sentence holding ``pos``: from after the previous full stop or line break to the next
    (a title's or an initial's full stop, "Mr. Lavrov", ends no sentence)."""
    before = _stop_before(text, pos)
    lo = max(before + 2 if before >= 0 else 0, text.rfind("\n", 0, pos) + 1)
    hi_candidates = [i for i in (_stop_after(text, pos), text.find("\n", pos)) if i >= 0]
    return lo, (min(hi_candidates) + 1 if hi_candidates else len(text))


CAPTION_PARAGRAPH = re.compile(r"^(?:FILE\s*[-–—]|FILE PHOTO\b|In this [^.]{0,80}\bphoto\b)"
                               r"|\((?:AP|Reuters|AFP|Getty)\s+Photo(?:/[^)]*)?\)$")


class SourcingContext:
    """Indexes over one analysis: named quotations, entities, times."""

    def __init__(self, analysis: Analysis) -> None:
        self.text = analysis.article.text
        self.attributions = analysis.attributions
        title = analysis.article.title
        stripped = self.text.lstrip()
        # the headline repeats the story's claim in headline grammar ("Diplomats Fear …", "…, says
        # Biden"): its sources are named in the body, so it is never a finding of its own
        self.title_end = (self.text.find(title) + len(title)) if title and stripped.startswith(title) else 0
        named_quotes = [a for a in analysis.attributions
                        if a.mode == "direct" and a.source_type in NAMED_TYPES]
        self._quotes = ByStart(named_quotes, start=lambda a: a.content.start)
        self._longest = max((a.content.end - a.content.start for a in named_quotes), default=0)
        named = [a for a in analysis.attributions if a.source_type in NAMED_TYPES]
        self._named = ByStart(named, start=lambda a: a.content.start)
        self._longest_named = max((a.content.end - a.content.start for a in named), default=0)
        self.entities = ByStart([e for e in analysis.entities if e.label in ("PERSON", "ORG")])
        self.places = ByStart([e for e in analysis.entities if e.label == "GPE"])  # "A Moscow court"
        self.times: ByStart[TimeExpr] = ByStart(analysis.times)

    def enclosing_speaker(self, a: Attribution) -> Attribution | None:
        """The named speaker whose direct quotation holds ``a``'s cue, if any."""
        for q in self._quotes.starting_in(a.cue.start - self._longest, a.cue.start + 1):
            if q is not a and q.content.start <= a.cue.start and a.cue.end <= q.content.end:
                return q
        return None

    def in_title(self, pos: int) -> bool:
        return pos < self.title_end

    def in_caption(self, pos: int) -> bool:
        """``pos`` is in a photo caption pasted into the text: a paragraph that opens "FILE -" or
        "In this … photo", or closes with a photo credit "(AP Photo/…)". Its words describe a
        picture and repeat the story's lead; they are not the article's claims (a caption's
        "according to a person familiar with the matter" was judged wrong as a finding)."""
        p0 = self.text.rfind("\n", 0, pos) + 1
        p1 = self.text.find("\n", pos)
        para = self.text[p0:len(self.text) if p1 < 0 else p1].strip()
        return CAPTION_PARAGRAPH.search(para) is not None

    def in_named_quote(self, pos: int) -> bool:
        """``pos`` lies inside a named speaker's direct quotation."""
        return _covers(self._quotes, self._longest, pos)

    def in_named_words(self, pos: int) -> bool:
        """``pos`` lies inside what a named speaker says, quoted or reported ("…, Graham said")."""
        return _covers(self._named, self._longest_named, pos)

    def named_in(self, start: int, end: int) -> bool:
        return bool(self.entities.inside(start, end))


def _covers(index: ByStart[Attribution], longest: int, pos: int) -> bool:
    """Some attribution of ``index`` (by content start; ``longest`` its longest content) has
    ``pos`` inside its content."""
    return any(q.content.start <= pos < q.content.end for q in index.starting_in(pos - longest, pos + 1))


def without_captions(findings: list[Finding], ctx: SourcingContext) -> list[Finding]:
    """Findings outside photo captions. A notice grouped over several places (one per source)
    moves to its first place outside a caption; one that only points into captions goes."""
    out = []
    for f in findings:
        if not ctx.in_caption(f.start):
            f.also = [p for p in f.also if not ctx.in_caption(p[0])]
            out.append(f)
            continue
        rest = [p for p in f.also if not ctx.in_caption(p[0])]
        if rest:
            f.start, f.end = rest[0][0], rest[0][1]
            f.also = rest[1:]
            out.append(f)
    return out
