"""Expressions that refer back to a date the article already gave, and the pass resolving them.

"That year", "the following month", "the next day", "the year before" and the earnings-report
"the quarter" / "year-earlier" do not name a date and do not count from the publication date:
TimeML resolves them against the last date mentioned before them ("He joined in March 1995;
the following year he left" → 1996). The rules below only *find* them and give a fallback value
computed from the reference date; :func:`resolve_anaphora` then walks the selected expressions
in text order, keeps a running "last date mentioned", and replaces the fallback whenever that
date is precise enough (a day for "the next day", a month for "that month", ...).

Also here: "the year" of a report ("for the year", "the end of the year"; "the year ended
Sept. 30" is a one-year stretch), and the adjective "current", which TimeML marks
as references to the present.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import normalise as nz
from .context import YEARLESS, Cand, Ctx

_I = re.IGNORECASE

ANAPHORIC_UNIT = re.compile(
    r"\b(?:(?P<pre>later|earlier)\s+(?:in\s+)?)?"
    r"(?P<det>that|the same|the following|the previous|the preceding|the prior|the next"
    r"(?=\s+day))\s+(?P<unit>day|week|month|year|quarter)\b(?![-'’]|\s+(?:old|long)\b)",
    _I,
)
UNIT_BEFORE_AFTER = re.compile(
    r"\b(?P<det>the)\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|after)(?=\s*(?:[.,;:)]|$))",
    _I,
)
IN_THE_UNIT = re.compile(r"\b(?P<pre>later|earlier)\s+in\s+the\s+(?P<unit>day|week|month)\b", _I)
THE_YEAR = re.compile(
    r"\b(?:(?P<pre>earlier|later)\s+in\s+)?(?:(?P<edge>the end of|the beginning of|the start of"
    r"|the middle of|the rest of|the remainder of|the balance of)\s+)?"
    r"the\s+(?P<mod>(?:full|fiscal|whole|entire|current fiscal|full fiscal)\s+)?year\b"
    r"(?![-'’]|\s+(?:\d|two thousand|before|after|earlier|ago|old|or)\b)"
    r"(?P<ended>\s+(?:ended|ending|that ended|that ends|to)\b)?",
    _I,
)
YEAR_AGO_ADJ = re.compile(r"\b[Yy]ear-(?:ago|earlier)\b")
# "recent" alone is left out: annotated as PAST_REF in under half of its uses in TimeBank.
CURRENT = re.compile(
    r"\b(?P<w>[Cc]urrent)\b(?!\s+(?:years|months|weeks|days|quarters|decades|account"
    r"|affairs|events|issue)\b)(?![-‐])"
)
_QUARTER_WORD = re.compile(r"\bquarter", _I)
_FINANCE = re.compile(r"earn|profit|\bnet\b|revenue|sales|loss|income|cents a share|dividend", _I)

_GRAN = {"day": "D", "week": "W", "month": "M", "year": "Y", "quarter": "Q"}
_SHIFT = {"that": 0, "the same": 0, "the following": 1, "the next": 1, "the previous": -1,
          "the preceding": -1, "the prior": -1}


def _fallback(ctx: Ctx, gran: str, shift: int, unit: str) -> str | None:
    """The value counted from the reference date, used when no earlier date is precise enough."""
    if ctx.ref is None:
        return None
    return _value(_Mention(ctx.ref.year, ctx.ref.month, ctx.ref.day, None), gran, shift, unit)


def anaphoric_unit(m: re.Match[str], ctx: Ctx) -> Cand | None:
    det = " ".join(m["det"].lower().split())
    gran = _GRAN[m["unit"].lower()]
    shift = _SHIFT[det]
    return Cand(m.start(), m.end(), "DATE", _fallback(ctx, gran, shift, gran),
                f"'{m.group(0)}' refers back to a date mentioned before it", "anaphor",
                anaphor=(gran, shift, gran), priority=1)


def unit_before_after(m: re.Match[str], ctx: Ctx) -> Cand | None:
    gran = _GRAN[m["unit"].lower()]
    shift = -1 if m["dir"].lower() == "before" else 1
    return Cand(m.start(), m.end(), "DATE", _fallback(ctx, gran, shift, gran),
                f"'{m.group(0)}' counts from a date mentioned before it", "anaphor",
                anaphor=(gran, shift, gran), priority=1)


def in_the_unit(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"later in the day": the day (week, month) the story is on."""
    gran = _GRAN[m["unit"].lower()]
    return Cand(m.start(), m.end(), "DATE", _fallback(ctx, gran, 0, gran),
                f"'{m.group(0)}' refers back to a date mentioned before it", "anaphor",
                anaphor=(gran, 0, gran))


def the_year(m: re.Match[str], ctx: Ctx) -> Cand | None:
    if m["ended"]:
        end = m.start("ended")
        return Cand(m.start(), end, "DURATION", "P1Y",
                    "'the year ended ...': a twelve-month accounting period", "duration")
    if ctx.ref is None:
        return None
    return Cand(m.start(), m.end(), "DATE", str(ctx.ref.year),
                f"'{m.group(0)}': the year of the {ctx.ref_note}", "date")


def _quarter_before(ctx: Ctx, pos: int) -> bool:
    return _QUARTER_WORD.search(ctx.text, 0, pos) is not None


def year_ago_adj(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"year-earlier profit": the same period a year before the one being reported."""
    gran = "Q" if _quarter_before(ctx, m.start()) and _FINANCE.search(ctx.text) else "Y"
    return Cand(m.start(), m.end(), "DATE", _fallback(ctx, "Y", -1, "Y"),
                f"'{m.group(0)}': a year before the period reported", "comparison",
                anaphor=(gran, -1, "Y"))


def current(m: re.Match[str], ctx: Ctx) -> Cand | None:
    return Cand(m.start(), m.end(), "DATE", "PRESENT_REF", "'current' refers to the present",
                "ref")


@dataclass(slots=True)
class _Mention:
    year: int
    month: int | None
    day: int | None
    quarter: int | None


_DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|T)")
_QUARTER_VALUE = re.compile(r"^(\d{4})-Q([1-4])$")
_WEEK_VALUE = re.compile(r"^(\d{4})-W(\d{2})$")


def _mention(value: str | None) -> _Mention | None:
    if not value:
        return None
    if q := _QUARTER_VALUE.match(value):
        return _Mention(int(q[1]), None, None, int(q[2]))
    if w := _WEEK_VALUE.match(value):
        try:
            d = dt.date.fromisocalendar(int(w[1]), int(w[2]), 1)
        except ValueError:
            return None
        return _Mention(d.year, d.month, d.day, None)
    if m := _DATE_VALUE.match(value):
        # No quarter from a day or month: "Oct. 31" in an earnings report is a payment
        # date, not the quarter the report is about.
        mon = int(m[2]) if m[2] else None
        return _Mention(int(m[1]), mon, int(m[3]) if m[3] else None, None)
    return None


def _value(last: _Mention, gran: str, shift: int, unit: str) -> str | None:
    """Value at granularity ``gran`` of ``last`` moved by ``shift`` ``unit``s; None when
    ``last`` is not precise enough."""
    if gran == "Y":
        return f"{last.year + (shift if unit == 'Y' else 0):04d}"
    if gran == "Q":
        if last.quarter is None:
            return None
        idx = last.year * 4 + last.quarter - 1 + (4 * shift if unit == "Y" else shift)
        return f"{idx // 4:04d}-Q{idx % 4 + 1}"
    if last.month is None:
        return None
    if gran == "M":
        d = nz.add_months(dt.date(last.year, last.month, 1), shift * (12 if unit == "Y" else 1))
        return nz.month(d.year, d.month)
    if last.day is None:
        return None
    d = dt.date(last.year, last.month, last.day)
    if gran == "W":
        return nz.iso_week(d + dt.timedelta(weeks=shift))
    return (d + dt.timedelta(days=shift)).isoformat()


_DEICTIC_KINDS = ("weekday", "weekday_rel", "deictic", "relative")
_STORY_REACH = 10**9  # characters: a year written further back no longer frames the story


def _is_narrative(cands: list[Cand], ref: dt.date | None) -> bool:
    """True when most years written out are far from the reference date: a history ("On
    September 1, 1939 ... in early October"), whose yearless dates follow the story's years,
    not the publication date. News mentions mostly recent years and keeps its yearless dates
    near the publication date."""
    if ref is None:
        return True
    years = [int(c.value[:4]) for c in cands
             if c.explicit_year and c.value and c.value[:4].isdigit()]
    far = sum(1 for y in years if abs(y - ref.year) >= 2)
    # News dates itself from the publication day ("on Tuesday", "yesterday", "last week");
    # a history hardly ever does.
    deictic = sum(1 for c in cands if c.kind in _DEICTIC_KINDS)
    return far >= 3 and far > len(years) / 2 and deictic * 5 < far


def resolve_anaphora(cands: list[Cand], text: str, ref: dt.date | None = None) -> None:
    """Resolve every anaphoric candidate against the last date mentioned before it (in place).

    Any DATE or TIME whose value starts with a year is a mention; a resolved anaphor is one
    too ("in 1995 ... the following year ... that year" → 1996, 1996). A comparison
    ("year-earlier profit", "a year ago" in an earnings report) is not: the report keeps
    talking about its own period, not the one it compares with.
    """
    last: _Mention | None = None
    last_text = ""
    narrative = _is_narrative(cands, ref)
    story_year: int | None = None  # year of the last date written with its year
    story_pos = -1
    for c in cands:
        if c.explicit_year and c.value and c.value[:4].isdigit():
            story_year, story_pos = int(c.value[:4]), c.end
        if c.anaphor == YEARLESS:
            near = story_pos >= 0 and c.start - story_pos <= _STORY_REACH
            if narrative and near and story_year is not None and c.value and c.value[:4].isdigit() \
                    and int(c.value[:4]) != story_year:
                c.value = f"{story_year:04d}{c.value[4:]}"
                c.reason = (f"{c.reason.split(';')[0]}; in a narrative, the year of the last date "
                            f"written with its year ({story_year})")
        elif c.anaphor is not None and last is not None:
            gran, shift, unit = c.anaphor
            try:
                value = _value(last, gran, shift, unit)
            except (OverflowError, ValueError):  # moved off the calendar (past year 9999)
                value = None
            if value is not None:
                c.value = value
                c.reason = (f"{c.reason}: resolved against the last date mentioned before it "
                            f"('{last_text}')")
        if c.type in ("DATE", "TIME") and c.kind != "comparison":
            mention = _mention(c.value)
            if mention is not None:
                last, last_text = mention, text[c.start: c.end]


Rule = tuple[re.Pattern[str], Callable[[re.Match[str], Ctx], Cand | None]]

ANAPHORA_RULES: list[Rule] = [
    (ANAPHORIC_UNIT, anaphoric_unit),
    (UNIT_BEFORE_AFTER, unit_before_after),
    (IN_THE_UNIT, in_the_unit),
    (THE_YEAR, the_year),
    (YEAR_AGO_ADJ, year_ago_adj),
    (CURRENT, current),
]
