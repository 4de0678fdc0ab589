"""Rules for calendar cycles: quarters, halves, seasons, weekends, and the financial "quarter".

Kept apart from the other relative rules because their values follow calendar conventions
(ISO weeks, TIMEX3 season codes, fiscal reporting) rather than simple offsets.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from . import normalise as nz
from . import patterns as P
from .context import YEARLESS, Cand, Ctx

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def season_year(ref: dt.date, code: str, shift: int) -> int:
    first, last = _SEASON_MONTHS[code]
    if code == "WI":
        current = ref.year if ref.month == 12 else ref.year - 1
        in_or_after = True
    else:
        current = ref.year
        in_or_after = ref.month >= first
    if shift < 0:
        ended = code != "WI" and ref.month > last
        return current if ended else current - 1
    if shift > 0:
        return current + 1 if in_or_after else current
    return current


def quarter(m: re.Match[str], ctx: Ctx) -> Cand | None:
    q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
         "4th": 4}[m["q"].lower()]
    det = (m["det"] or "").lower()
    mod = (m["mod"] or "").lower()
    if m["y"]:
        return Cand(m.start(), m.end(), "DATE", f"{m['y']}-Q{q}", "quarter with its year", "date",
                    explicit_year=True, priority=1)
    if ctx.ref is None:
        return Cand(m.start(), m.end(), "DATE", f"XXXX-Q{q}", "quarter with no reference date",
                    "date")
    year = nz.quarter_year(ctx.ref, q)
    if det.startswith("last year"):
        year = ctx.ref.year - 1
    elif det.startswith("next year"):
        year = ctx.ref.year + 1
    elif det.startswith("this year"):
        year = ctx.ref.year
    if mod == "fiscal":
        year = ctx.ref.year  # results season: the fiscal quarter just reported
    if mod in ("year-ago", "year-earlier"):
        year -= 1
    return Cand(m.start(), m.end(), "DATE", f"{year}-Q{q}",
                f"quarter nearest the {ctx.ref_note}", "date", priority=1)


def half(m: re.Match[str], ctx: Ctx) -> Cand | None:
    y = m["y"]
    if not y:
        return None
    h = 1 if m["h"].lower() == "first" else 2
    if y[0].isdigit():
        year = int(y)
    elif ctx.ref is None:
        return None
    else:
        year = ctx.ref.year - (1 if y.lower().startswith("last") else 0)
    return Cand(m.start(), m.end(), "DATE", f"{year}-H{h}", "half of a year", "date", priority=1)


def season(m: re.Match[str], ctx: Ctx) -> Cand | None:
    code = P.SEASONS[m["s"].lower()]
    rel = (m["rel"] or "").lower()
    if m["y"]:
        return Cand(m.start(), m.end(), "DATE", f"{m['y']}-{code}", "season of a year", "date",
                    explicit_year=True)
    if ctx.ref is None:
        return None
    if not rel and m["the"] and code in ("SU", "WI"):
        # "the summer", "the early summer": this year's, or the last one when the tense is
        # past and it has not begun yet ("fall" and "spring" are left out: "the fall of").
        first = _SEASON_MONTHS[code][0]
        begun = ctx.ref.month >= first or (code == "WI" and ctx.ref.month <= 2)
        tense = ctx.tense(m.start(), m.end())
        shift = -1 if tense == "past" and not begun else (1 if tense == "future" and not begun
                                                          else 0)
        year = season_year(ctx.ref, code, shift) if shift else season_year(ctx.ref, code, 0)
        return Cand(m.start(), m.end(), "DATE", f"{year}-{code}",
                    f"'{m.group(0)}': the nearest such season to the {ctx.ref_note} "
                    f"({tense} tense)", "date", anaphor=YEARLESS)
    if not rel or rel in ("early", "late"):
        return None
    shift = {"last": -1, "this past": -1, "this": 0, "next": 1, "this coming": 1}[rel]
    return Cand(m.start(), m.end(), "DATE", f"{season_year(ctx.ref, code, shift)}-{code}",
                f"season relative to the {ctx.ref_note}", "date")


def financial_period(m: re.Match[str], ctx: Ctx) -> Cand | None:
    """"the quarter", "the latest period": the quarter just reported (the one before the
    reference date's quarter), in the earnings-report sense; "year-ago" moves it back a year."""
    if ctx.ref is None:
        return None
    mod = (m["mod"] or "").lower()
    unit = m["unit"].lower()
    if unit == "period" and not mod:
        return None
    # The whole article decides, not the sentence: "Sales in the latest period were $1.76
    # billion" is about the quarter its earnings report named earlier.
    if not _QUARTERLY_REPORT.search(ctx.text):
        return None
    if unit == "period" and "quarter" not in ctx.text.lower():
        return None
    base = ctx.ref if mod == "current" else nz.add_months(ctx.ref, -3)
    year = base.year - (1 if "year" in mod else 0)
    anaphor = None
    if mod in ("", "same", "year-ago", "year-earlier", "comparable year-ago",
               "comparable year-earlier") and (m["det"] or "").lower() != "this":
        # the quarter the report is about: the last quarter named before it, when there is one
        anaphor = ("Q", -1, "Y") if "year" in mod else ("Q", 0, "Q")
    return Cand(m.start(), m.end(), "DATE", f"{year}-Q{nz.quarter_of(base)}",
                f"'{m.group(0)}' in a financial report: the quarter reported, before the "
                f"{ctx.ref_note}", "comparison" if "year" in mod else "date", anaphor=anaphor)


_QUARTERLY_REPORT = re.compile(
    r"earn|profit|\bnet\b|revenue|sales|loss|income|results|a share|dividend|gdp|econom", re.I)


def weekend(m: re.Match[str], ctx: Ctx) -> Cand | None:
    if ctx.ref is None:
        return None
    rel = (m["rel"] or "").lower()
    if rel in ("next", "this coming"):
        d = ctx.ref + dt.timedelta(days=(5 - ctx.ref.weekday()) % 7 or 7)
    elif rel == "this":
        d = ctx.ref + dt.timedelta(days=(5 - ctx.ref.weekday()) % 7) if ctx.tense(
            m.start(), m.end()) == "future" else ctx.ref - dt.timedelta(days=2)
    else:
        # "the weekend" / "last weekend": the one just before (or including) the reference date
        d = ctx.ref - dt.timedelta(days=(ctx.ref.weekday() - 5) % 7)
        if rel == "last" and ctx.ref.weekday() >= 5:
            d -= dt.timedelta(weeks=1)
    return Cand(m.start(), m.end(), "DATE", nz.iso_week(d) + "-WE",
                f"'{m.group(0)}' relative to the {ctx.ref_note}", "relative")



Rule = tuple[re.Pattern[str], Callable[[re.Match[str], Ctx], Cand | None]]

CYCLE_RULES: list[Rule] = [
    (P.QUARTER, quarter),
    (P.HALF, half),
    (P.FINANCIAL_PERIOD, financial_period),
    (P.WEEKEND, weekend),
    (P.SEASON, season),
]
