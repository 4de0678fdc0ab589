"""Live-blog entry times: "23 Jul 2022 22.52" at the start of an entry is a timestamp, not text.

A live blog flattened to text (a feed, a scraped page, a data set) starts each entry with its
time, often with "From" before the first one: "From 27 Jul 2022 17.47 Russia will not …",
"12 Jul 2022 23.04 Summary It's 1am in Kyiv …". Left in, the stamp becomes part of the first
claim or source of the entry ("23 Jul 2022 22.52 The governor of the Zaporizhizhia" as a
source name), so a claim never matches its retelling and a time of day reads as a name. Read
as what it is, it is the most precise time the article gives for that entry: the entry's
event time for claim families and its place on a provenance time line.

Only a stamp that opens a paragraph (or the text) counts: day, month name, four-digit year
and a clock time ``HH.MM`` / ``HH:MM``. Mid-sentence dates ("on 12 Jul 2022 at 10.30") are
ordinary time expressions. The time is the blog's own (local) clock, kept without a zone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Analysis

MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}

_STAMP = re.compile(
    r"(?:(?<=\n)|^)[ \t]*(?:From[ \t]+)?(?P<stamp>(?P<d>\d{1,2})[ \t]+(?P<mon>[A-Z][a-z]{2})[a-z]*\.?[ \t]+"
    r"(?P<y>\d{4})[ \t]+(?P<h>\d{1,2})[.:](?P<mi>\d{2}))(?![\d.:])[ \t]*"
)


@dataclass(frozen=True, slots=True)
class EntryStamp:
    """One entry time: ``start``/``end`` cover "From 12 Jul 2022 22.37 " (trailing blanks too),
    ``text_start`` where the stamp's own words begin; ``value`` is ISO ``2022-07-12T22:37``."""

    start: int
    end: int
    text_start: int
    text_end: int
    value: str


def entry_stamps(text: str) -> list[EntryStamp]:
    """Every entry time that opens a paragraph, in text order."""
    out: list[EntryStamp] = []
    for m in _STAMP.finditer(text):
        month = MONTHS.get(m["mon"].lower())
        day, hour, minute = int(m["d"]), int(m["h"]), int(m["mi"])
        if month is None or not (1 <= day <= 31 and hour < 24 and minute < 60):
            continue
        value = f"{int(m['y']):04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}"
        out.append(EntryStamp(m.start(), m.end(), m.start("stamp"), m.end("stamp"), value))
    return out


def entry_time_at(stamps: list[EntryStamp], offset: int) -> str | None:
    """The time of the entry that ``offset`` falls in (the last stamp before it), if any."""
    i = bisect_right([s.start for s in stamps], offset) - 1
    return stamps[i].value if i >= 0 else None


def apply_entry_stamps(analysis: Analysis) -> None:
    """Cut entry stamps out of claims and attributions, and make each one a TIME expression.

    A claim or span that begins inside a stamp starts after it (a claim that is only the stamp
    is dropped); a source name that begins with the stamp loses it. The date-only expression
    the time extractor read from the stamp ("12 Jul 2022") becomes the stamp's full time.
    """
    from ..model import Span, TimeExpr

    text = analysis.article.text
    stamps = entry_stamps(text)
    if not stamps:
        return

    def trimmed(start: int, end: int) -> int:
        for s in stamps:
            if s.start <= start < s.end or (start < s.start < end and not text[start:s.start].strip()):
                return s.end
        return start

    kept = []
    for c in analysis.claims:
        start = trimmed(c.start, c.end)
        if start != c.start:
            if start >= c.end or not text[start:c.end].strip():
                continue
            c.start, c.text = start, text[start:c.end]
        kept.append(c)
    analysis.claims = kept
    for a in analysis.attributions:
        for name in ("source", "content"):
            span = getattr(a, name)
            if span is None:
                continue
            start = trimmed(span.start, span.end)
            if start != span.start and start < span.end:
                setattr(a, name, Span(text[start:span.end], start, span.end))
        if a.source_name:
            a.source_name = _strip_stamp(a.source_name)
    times = [t for t in analysis.times if not any(t.start < s.text_end and t.end > s.text_start for s in stamps)]
    times += [TimeExpr(text[s.text_start:s.text_end], s.text_start, s.text_end, "TIME", s.value,
                       reason="live-blog entry time (day, month, year and clock time opening an entry)")
              for s in stamps]
    analysis.times = sorted(times, key=lambda t: (t.start, t.end))


def _strip_stamp(name: str) -> str:
    m = _STAMP.match(name)
    return name[m.end():] if m and m.end() < len(name) else name
