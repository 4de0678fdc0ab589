"""Rules for expressions that name their date: calendar dates, years, decades, periods, clock times.

Each rule takes a regex match and the context and returns a :class:`Cand` or None (None means
"this match is not a time expression after all", e.g. "2000 troops").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from . import normalise as nz
from . import patterns as P
from .context import YEARLESS, Cand, Ctx

_QUANTITY_NOUNS = re.compile(
    r"\s+(?:people|persons|troops|soldiers|dollars|euros|pounds|yards|feet|foot|meters|metres"
    r"|miles|kilometres|kilometers|km|tons|tonnes|votes|cases|deaths|jobs|units|shares"
    r"|employees|workers|members|students|homes|houses|acres|hectares|points|residents"
    r"|patients|cars|vehicles|rubles|roubles|yuan|barrels|rounds|beds|calories|words|pages"
    r"|copies|seats|images|photos|tanks|missiles|drones|civilians|refugees|children|women"
    r"|men|officers|police|sq|square|mg|kg|lbs|ft|m|to\s+\d)\b",
    re.IGNORECASE,
)
_NUM_DEPENDENT = re.compile(r"(?:about|nearly|almost|some|over|than|approximately|roughly|around)\s+$")


def _day_cand(m: re.Match[str], ctx: Ctx, y: str | None, mon: int, d: int, how: str) -> Cand | None:
    if y:
        date = nz.safe_date(int(y), mon, d)
        if date is None:
            return None
        return Cand(m.start(), m.end(), "DATE", date.isoformat(),
                    f"{how} with its year", "date", weekday=None, explicit_year=True, priority=2)
    if ctx.ref is None:
        if nz.safe_date(2000, mon, d) is None:
            return None
        return Cand(m.start(), m.end(), "DATE", f"XXXX-{mon:02d}-{d:02d}",
                    f"{how} without a year and no reference date", "date", priority=2)
    if nz.safe_date(2000, mon, d) is None:
        return None
    tense = ctx.tense(m.start(), m.end())
    year = nz.month_day_year(ctx.ref, mon, d, tense)
    date = nz.safe_date(year, mon, d)
    if date is None:
        return None
    side = "next" if date > ctx.ref else "last"
    return Cand(m.start(), m.end(), "DATE", date.isoformat(),
                f"{how}; year {year}: the {side} such date from the {ctx.ref_note} "
                f"({tense} tense)", "date", priority=2, anaphor=YEARLESS)


def iso_date(m: re.Match[str], ctx: Ctx) -> Cand | None:
    return _day_cand(m, ctx, m["y"], int(m["m"]), int(m["d"]), "ISO date")


def numeric_date(m: re.Match[str], ctx: Ctx) -> Cand | None:
    a, b, y = int(m["a"]), int(m["b"]), m["y"]
    if len(y) == 2:
        y = ("20" if int(y) < 50 else "19") + y
    if 1 <= a <= 12 and 1 <= b <= 31:
        return _day_cand(m, ctx, y, a, b, "numeric date read month first (US style)")
    if 1 <= b <= 12 and 13 <= a <= 31:
        return _day_cand(m, ctx, y, b, a, "numeric date read day first")
    return None


def month_day(m: re.Match[str], ctx: Ctx) -> Cand | None:
    mon, d = P.month_number(m["mon"]), int(re.sub(r"\D", "", m["d"]))
    start = m.start("mon")
    c = _day_cand(m, ctx, m["y"], mon, d, "month and day")
    if c is not None:
        c.start = start
    return c


def day_month(m: re.Match[str], ctx: Ctx) -> Cand | None:
    mon, d = P.month_number(m["mon"]), int(re.sub(r"\D", "", m["d"]))
    return _day_cand(m, ctx, m["y"], mon, d, "day and month")


def month_year(m: re.Match[str], ctx: Ctx) -> Cand | None:
    mon = P.month_number(m["mon"])
    return Cand(m.start(), m.end(), "DATE", nz.month(int(m["y"]), mon),
                "month with its year", "date", explicit_year=True, priority=1)


def month_rel_year(m: re.Match[str], ctx: Ctx) -> Cand | None:
    if ctx.ref is None:
        return None
    mon = P.month_number(m["mon"])
    year = ctx.ref.year + {"this": 0, "last": -1, "next": 1}[m["rel"]]
    return Cand(m.start(), m.end(), "DATE", nz.month(year, mon),
                f"month of {m['rel']} year relative to the {ctx.ref_note}", "date", priority=1)


_MAY_OK_BEFORE = re.compile(
    r"\b(?:in|since|until|till|by|of|from|through|during|before|after|early|late|mid|to|last"
    r"|next|this|between|and|or|for|on)\s*-?\s*$", re.IGNORECASE)


def month_alone(m: re.Match[str], ctx: Ctx) -> Cand | None:
    name = m["mon"]
    rel = (m["rel"] or "").lower()
    after = ctx.text[m.end(): m.end() + 20]
    before = ctx.text[max(0, m.start() - 12): m.start()]
    if name.endswith(".") is False and re.match(r"\s+[A-Z][a-z]", after) and not re.match(
        r"\s+(?:The|This|That|It|He|She|They|We|I|A|An|In|On|At)\b", after
    ):
        return None  # "April Ryan", "June Almeida": a name, not a month
    if name == "May" and not rel and not _MAY_OK_BEFORE.search(before):
        return None
    if name in ("March",) and not rel and not _MAY_OK_BEFORE.search(before) and re.match(
        r"\s+(?:on|to|for|against|through|in)\b", after
    ):
        return None  # "March on Washington", "march to the capitol"
    mon = P.month_number(name)
    if ctx.ref is None:
        return Cand(m.start(), m.end(), "DATE", f"XXXX-{mon:02d}",
                    "month without a year and no reference date", "date")
    if rel in ("last", "this past"):
        direction, why = "last", "the last such month before"
    elif rel in ("next", "this coming"):
        direction, why = "next", "the next such month after"
    elif rel == "this":
        direction, why = "this", "this year's month, from"
    else:
        direction = ctx.tense(m.start(), m.end())
        why = ("past tense: the latest such month (or one at most two months ahead) from"
               if direction == "past" else "future tense: the next such month from")
    year = nz.month_year(ctx.ref, mon, direction)
    return Cand(m.start(), m.end(), "DATE", nz.month(year, mon),
                f"month name; {why} the {ctx.ref_note}", "date",
                anaphor=YEARLESS if direction in ("past", "future") else None)


def year_alone(m: re.Match[str], ctx: Ctx) -> Cand | None:
    ys = m.start("y")
    before = ctx.text[max(0, ys - 20): ys]
    after = ctx.text[m.end("y"): m.end("y") + 24]
    if not m["edge"] and (_QUANTITY_NOUNS.match(after) or _NUM_DEPENDENT.search(before)):
        return None
    if ys > 0 and ctx.text[ys - 1] in "$£€#":
        return None
    if not m["edge"] and ys > 0 and ctx.text[ys - 1] == "-":
        return None  # second half of a range or an identifier ("F-1998"); not worth the risk
    if re.match(r"\s*(?:[-–]\s*\d{1,3}\b(?!\d)|\s*x\s*\d|\.\d)", after) and not re.match(
        r"\s*[-–]\s*\d{2}\b", after
    ):
        return None
    year = int(m["y"])
    edge = (m["edge"] or "").lower()
    value = f"{year:04d}"
    if "first half" in edge:
        value += "-H1"
    elif "second half" in edge:
        value += "-H2"
    else:
        for season, code in P.SEASONS.items():
            if season in edge:
                value += "-" + code
    return Cand(m.start(), m.end(), "DATE", value, "a year number", "date",
                explicit_year=True)


_TENS_VALUE = {"twenty": 2, "thirty": 3, "forty": 4, "fifty": 5, "sixty": 6, "seventy": 7,
               "eighty": 8, "ninety": 9}
_ONES_VALUE = {w: i for i, w in enumerate(P._ONES.split("|"), start=1)}
_TEEN_TWENTY = {w: i for i, w in enumerate(P._TEENS.split("|") + ["twenty"], start=10)}


def spelled_year(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """Years in words, as broadcast transcripts write them ("nineteen ninety-six")."""
    if m["t"]:
        year = 1900 + 10 * _TENS_VALUE[m["t"].lower()] + _ONES_VALUE.get((m["o"] or "").lower(), 0)
    else:
        o = (m["o2"] or "").lower()
        year = 2000 + (_ONES_VALUE.get(o) or _TEEN_TWENTY.get(o, 0))
        if not m.group(0).lower().startswith("the year") and not o:
            return None  # bare "two thousand" is usually a number
    value = f"{year:04d}"
    if m["mon"]:
        value += f"-{P.month_number(m['mon']):02d}"
    return Cand(m.start(), m.end(), "DATE", value, "a year written in words", "date",
                explicit_year=True)


def decade(m: re.Match[str], ctx: Ctx) -> Cand | None:
    if m["c"]:
        value = f"{m['c']}{m['d']}"
    elif m["d2"]:
        d = int(m["d2"])
        cent = "20" if (ctx.ref and ctx.ref.year >= 2000 and d <= 2) else "19"
        value = f"{cent}{d}"
    else:
        value = f"19{P.DECADE_WORDS[m['w'].lower()]}"
    return Cand(m.start(), m.end(), "DATE", value, "a decade", "date", priority=1)


def century(m: re.Match[str], ctx: Ctx) -> Cand | None:
    n = P.ordinal_value(m["n"])
    if not n or n > 22:
        return None
    return Cand(m.start(), m.end(), "DATE", nz.century_value(n), f"the {m['n']} century", "date")


def period(m: re.Match[str], ctx: Ctx) -> Cand | None:
    p = ctx.anchorset.period(m.group(0))
    if p is None:
        return None
    return Cand(m.start(), m.end(), "DATE", p.value,
                f"named period {p.id} ({p.value}) from the anchors file", "period", priority=3)


def _thanksgiving(year: int) -> dt.date:
    d = dt.date(year, 11, 1)
    first_thu = d + dt.timedelta(days=(3 - d.weekday()) % 7)
    return first_thu + dt.timedelta(weeks=3)


def _election_day(year: int) -> dt.date:
    d = dt.date(year, 11, 1)
    first_mon = d + dt.timedelta(days=(0 - d.weekday()) % 7)
    return first_mon + dt.timedelta(days=1)


_FIXED_HOLIDAYS = {
    "christmas day": (12, 25), "christmas eve": (12, 24), "christmas": (12, 25),
    "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31),
    "independence day": (7, 4), "fourth of july": (7, 4), "july fourth": (7, 4),
    "valentine's day": (2, 14), "boxing day": (12, 26),
}


def holiday(m: re.Match[str], ctx: Ctx) -> Cand | None:
    name = m["h"].lower().replace("’", "'")
    if ctx.ref is None:
        return None
    if name in _FIXED_HOLIDAYS:
        mon, d = _FIXED_HOLIDAYS[name]
        date = dt.date(nz.nearest_year(ctx.ref, mon, d), mon, d)
    else:
        fn = _thanksgiving if name.startswith("thanksgiving") else _election_day
        date = min((fn(y) for y in (ctx.ref.year - 1, ctx.ref.year, ctx.ref.year + 1)),
                   key=lambda x: abs((x - ctx.ref).days))  # type: ignore[operator]
    return Cand(m.start(), m.end(), "DATE", date.isoformat(),
                f"holiday {m['h']}, the occurrence nearest the {ctx.ref_note}", "date")


def _clock_value(ctx: Ctx, hh: int, mm: int) -> str:
    day = ctx.ref.isoformat() if ctx.ref else "XXXX-XX-XX"
    return f"{day}T{hh:02d}:{mm:02d}"


def clock(m: re.Match[str], ctx: Ctx) -> Cand | None:
    h, mm = int(m["h"]), int(m["m"] or 0)
    ampm = m["ampm"].lower()
    if ampm.startswith("o"):
        if not 1 <= h <= 12:
            return None
    elif not 1 <= h <= 12:
        return None
    elif ampm.startswith("p") and h != 12:
        h += 12
    elif ampm.startswith("a") and h == 12:
        h = 0
    return Cand(m.start(), m.end(), "TIME", _clock_value(ctx, h, mm),
                "clock time on the " + ctx.ref_note if ctx.ref else "clock time", "clock")


def clock24(m: re.Match[str], ctx: Ctx) -> Cand | None:
    return Cand(m.start(), m.end(), "TIME", _clock_value(ctx, int(m["h"]), int(m["m"])),
                "24-hour clock time after 'at'", "clock")


def noon(m: re.Match[str], ctx: Ctx) -> Cand | None:
    hh = {"noon": 12, "midday": 12, "midnight": 24}[m["w"].lower()]
    return Cand(m.start(), m.end(), "TIME", _clock_value(ctx, hh, 0), m["w"].lower(), "clock")


Rule = tuple[re.Pattern[str], Callable[[re.Match[str], Ctx], Cand | None]]

ABSOLUTE_RULES: list[Rule] = [
    (P.ISO_DATE, iso_date),
    (P.NUMERIC_DATE, numeric_date),
    (P.MONTH_DAY, month_day),
    (P.DAY_MONTH, day_month),
    (P.MONTH_YEAR, month_year),
    (P.MONTH_REL_YEAR, month_rel_year),
    (P.MONTH_ALONE, month_alone),
    (P.YEAR_ALONE, year_alone),
    (P.DECADE, decade),
    (P.SPELLED_YEAR, spelled_year),
    (P.CENTURY, century),
    (P.HOLIDAY, holiday),
    (P.CLOCK, clock),
    (P.CLOCK_24, clock24),
    (P.NOON, noon),
]
