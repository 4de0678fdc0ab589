"""Elapsed-time counts against the article's own date: "three months into the invasion".

"Three months into an invasion…" in an article dated nine weeks after 24 February cannot be
right, whatever moment the sentence describes: every moment an article narrates lies on or
before the day it was published. So the check needs no guess about which day a sentence means;
it fires only when the count reaches *past* the publication date, by more than the rounding
writers use ("three months" for eleven weeks is rounding, for nine weeks it is not).

Counts are read from the time extractor's durations ("Three months" → P3M) followed by "into
the war", "after the invasion began", and from ordinals ("the war is in its fourth month",
"the third week of the invasion"). The event comes from the anchors file (``anchors.json``:
"war", "invasion" with context words such as "Ukraine"), exactly as day counts do. The
publication date must come from metadata: a date inferred from the text is not trusted.
Hedged ("nearly three months", "less than a month"), future or conditional sentences ("will
be a year into the war", "by the time") are never compared.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence

from ..extract.time import default_anchors
from ..extract.time import normalise as nz
from ..extract.time.anchors import Anchor, AnchorSet, alias_in, choose
from ..model import Finding, TimeExpr
from .context import sentence_bounds

KIND = "date_inconsistency"
_DURATION = re.compile(r"^P(\d+)([DWMY])$")
_INTO = re.compile(r"^\s*(?:in)?to\s+|^\s+(?:after|since)\s+", re.I)
_HEDGE = re.compile(r"(?:nearly|almost|about|around|approaching|close\s+to|roughly|some|less\s+than|under|"
                    r"fewer\s+than|up\s+to|barely|just\s+under|approximately|more\s+or\s+less|the\s+first)\s*$", re.I)
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "one two three four five six seven eight nine ten eleven twelve".split(), 1)} | {str(i): i for i in range(1, 100)}
_AGO_TEXT = re.compile(r"\b(\w+)\s+(day|week|month|year)s?\s+ago$", re.IGNORECASE)
_AGO = re.compile(r"^\s+ago\b", re.IGNORECASE)
_STARTED = re.compile(r"\b(?:invaded|invasion|began|begun|started|launched|broke\s+out)\b(?:\s+\w+){0,2}\s*$",
                      re.IGNORECASE)
_HEDGE_WORD = re.compile(r"(?:nearly|almost|about|around|approaching|roughly|some|less|under|fewer|up|barely|"
                         r"approximately|close)\b", re.IGNORECASE)  # the extractor may keep the hedge
_FUTURE = re.compile(r"\b(?:will|would|shall|could|might|may|if|by\s+the\s+time|expected|until|next)\b|’ll|'ll",
                     re.I)
_ORDINALS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(), 1)}
_ORDINAL = re.compile(r"\b(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
                      r"twelfth|\d{1,2}(?:st|nd|rd|th))\s+(?P<unit>week|month|year)\b", re.I)
# rounding writers use before a count is wrong: by unit, in days past the publication date
_SLACK = {"D": 2, "W": 4, "M": 10, "Y": 45}


def _add(start: dt.date, n: int, unit: str) -> dt.date:
    if unit == "D":
        return start + dt.timedelta(days=n)
    if unit == "W":
        return start + dt.timedelta(weeks=n)
    months = n * (12 if unit == "Y" else 1)
    y, m = divmod(start.month - 1 + months, 12)
    year, month = start.year + y, m + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _implausible(anchor: Anchor, counted: dt.date, published: dt.date, unit: str) -> bool:
    """Past the publication date by more than rounding, yet not so far that the sentence must be
    about another, older conflict ("Syria's war, now in its 11th year" in a 2022 article)."""
    over = (counted - published).days
    return _SLACK[unit] < over <= (published - anchor.start).days + 31


def _elapsed(start: dt.date, end: dt.date) -> str:
    days = (end - start).days
    if days < 14:
        return f"{days} days"
    if days < 70:
        return f"{days // 7} weeks and {days % 7} days" if days % 7 else f"{days // 7} weeks"
    return f"about {days / 30.44:.1f} months"


def _anchor_for(text: str, lo: int, hi: int, events: list[Anchor]) -> Anchor | None:
    anchor, _ = choose([a for a in events if not a.stated], text[lo:hi])
    return anchor


def _finding(phrase: tuple[int, int], text: str, anchor: Anchor, counted: dt.date,
             published: dt.date) -> Finding:
    s, e = phrase
    label = anchor.label or anchor.name
    label = label if label[:1].isupper() or label.startswith("the ") else f"the {label}"
    return Finding(
        KIND, "warning",
        f"“{' '.join(text[s:e].split())}”: counted from {label} ({anchor.start.isoformat()}) that is "
        f"{counted.isoformat()} or later, but the article is dated {published.isoformat()}, only "
        f"{_elapsed(anchor.start, published)} after it began.",
        s, e, None)


def elapsed_findings(text: str, times: Sequence[TimeExpr], published: str | None,
                     anchors: AnchorSet | None = None) -> list[Finding]:
    """``date_inconsistency`` findings for counts that reach past the publication date."""
    pub = nz.parse_iso(published) if published else None
    if pub is None:
        return []
    events = [a for a in (anchors or default_anchors()).applicable(text, pub) if not a.stated]
    if not events:
        return []
    out: list[Finding] = []
    for t in times:
        m = _DURATION.match(t.value or "") if t.type == "DURATION" else None
        written_ago = _AGO_TEXT.search(t.text)
        if m:
            n, unit = int(m.group(1)), m.group(2)
        elif written_ago and written_ago.group(1).lower() in _NUMBER_WORDS:
            n, unit = _NUMBER_WORDS[written_ago.group(1).lower()], written_ago.group(2)[0].upper()
        else:
            continue
        after = text[t.end: t.end + 60]
        ago = _AGO.match(after) or written_ago
        if not (_INTO.match(after) or ago) or _HEDGE.search(text[max(0, t.start - 25): t.start]) \
                or _HEDGE_WORD.match(t.text):
            continue
        s0, s1 = sentence_bounds(text, t.start)
        if _FUTURE.search(text[s0:s1]):
            continue
        if ago:  # "since Russia invaded just over six months ago": the start verb right before
            before = text[max(s0, t.start - 50): t.start]
            if not _STARTED.search(before):
                continue
            sentence = text[s0:s1]
            fits = [a for a in events if alias_in(a.aliases, sentence) or alias_in(a.context, sentence)]
            anchor = fits[0] if len(fits) == 1 else None
        else:
            anchor = _anchor_for(text, t.end, min(s1, t.end + 60), events)
        if anchor is None:
            continue
        counted = _add(anchor.start, n, unit)
        if _implausible(anchor, counted, pub, unit):
            hit = alias_in(anchor.aliases, after)
            end = t.end + hit.end() if hit else t.end
            out.append(_finding((t.start, end), text, anchor, counted, pub))
    for m in _ORDINAL.finditer(text):
        word = m.group("ord").lower()
        n = _ORDINALS.get(word) or int(re.sub(r"\D", "", word))
        unit = m.group("unit")[0].upper()
        s0, s1 = sentence_bounds(text, m.start())
        window = text[max(s0, m.start() - 40): min(s1, m.end() + 40)]
        if _FUTURE.search(text[s0:s1]) or _HEDGE.search(text[max(0, m.start() - 25): m.start()]):
            continue
        if not re.search(r"\b(?:its|the|their)\s+$", text[max(0, m.start() - 8): m.start()]):
            continue
        anchor = _anchor_for(window, 0, len(window), events)
        if anchor is None or n < 2:
            continue
        counted = _add(anchor.start, n - 1, unit)  # "in its fourth month": at least three have passed
        if _implausible(anchor, counted, pub, unit):
            out.append(_finding((m.start(), m.end()), text, anchor, counted, pub))
    return out
