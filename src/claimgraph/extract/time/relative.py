"""Rules for expressions whose value depends on the reference date: weekdays, "yesterday",
"last week", "two days ago", durations, sets, and day counts of anchored events.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from . import normalise as nz
from . import patterns as P
from .anchors import alias_in, choose
from .context import Cand, Ctx
from .cycles import (
    CYCLE_RULES,
    season_year,
)

_UNIT_CODE = {
    "second": "S", "minute": "MIN", "min": "MIN", "hour": "H", "hr": "H", "day": "D",
    "night": "D", "week": "W", "fortnight": "FN", "month": "M", "quarter": "Q", "year": "Y",
    "yr": "Y", "decade": "E", "century": "C", "centurie": "C", "weekend": "WE",
}


def unit_code(word: str) -> str:
    w = word.lower()
    if w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith("s") and w[:-1] in _UNIT_CODE:
        w = w[:-1]
    return _UNIT_CODE[w]


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration: (3, "Y") → P3Y, (48, "H") → PT48H, (None, "D") → PXD."""
    if unit == "FN":
        n, unit = (None if n is None else n * 2), "W"
    if unit == "WE":
        return "P2D" if n in (None, 1) else f"P{int(2 * n)}D"
    if unit == "E":
        return "PXE" if n is None else f"P{_num(n * 10)}Y"
    if unit == "C":
        return "PXC" if n is None else f"P{_num(n * 100)}Y"
    if n is None:
        return {"S": "PTXS", "MIN": "PTXM", "H": "PTXH"}.get(unit, f"PX{unit}")
    whole, frac = int(n), n - int(n)
    if unit in ("S", "MIN", "H"):
        letter = "M" if unit == "MIN" else unit
        if frac and unit == "H":
            return f"PT{whole}H{int(frac * 60)}M"
        if frac and unit == "MIN":
            return f"PT{whole}M{int(frac * 60)}S"
        return f"PT{_num(n)}{letter}"
    if frac:
        sub = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "Q": (3, "M")}
        k, letter = sub[unit]
        tail = f"T{int(frac * k)}H" if letter == "H" else f"{int(frac * k)}{letter}"
        return f"P{whole}{unit}{tail}"
    return f"P{whole}{unit}"


def _num(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


def weekday(m: re.Match[str], ctx: Ctx) -> Cand | None:
    wd = P.WEEKDAYS[m["wd"].lower()]
    rel = (m["rel"] or "").lower()
    part = (m["part"] or "").lower()
    if (m["pl"] or m["ppl"]) and not rel:  # "Tuesdays", "Tuesday nights"
        suffix = f"T{P.PARTS_OF_DAY[part]}" if part else ""
        return Cand(m.start(), m.end(), "SET", f"XXXX-WXX-{wd + 1}{suffix}",
                    f"plural weekday: every {m['wd']}", "set")
    if m["pl"]:
        return None
    if ctx.ref is None:
        return Cand(m.start(), m.end(), "DATE", f"XXXX-WXX-{wd + 1}",
                    "weekday with no reference date to resolve it", "weekday", weekday=wd)
    if rel in ("last", "this past", "the previous"):
        direction, why = "last", f"the last {m['wd']} before"
    elif rel in ("next", "this coming", "the following"):
        direction, why = "next", f"the next {m['wd']} after"
    else:
        tense = ctx.tense(m.start(), m.end())
        if rel == "this":
            direction = "future" if tense == "future" else "nearest"
            why = f"the {m['wd']} of the week of"
        else:
            direction = tense
            why = (f"{tense} tense: the most recent {m['wd']} on or before" if tense == "past"
                   else f"future tense: the first {m['wd']} on or after")
    date = nz.weekday_relative(ctx.ref, wd, direction)
    kind = "weekday" if not rel or rel in ("early", "late", "earlier", "later") else "weekday_rel"
    if part:
        return Cand(m.start(), m.end(), "TIME", f"{date.isoformat()}T{P.PARTS_OF_DAY[part]}",
                    f"weekday resolved to {why} the {ctx.ref_note}; {part}", kind, weekday=wd)
    return Cand(m.start(), m.end(), "DATE", date.isoformat(),
                f"weekday resolved to {why} the {ctx.ref_note}", kind, weekday=wd)


def every_weekday(m: re.Match[str], ctx: Ctx) -> Cand | None:
    wd = P.WEEKDAYS[m["wd"].lower()]
    return Cand(m.start(), m.end(), "SET", f"XXXX-WXX-{wd + 1}", f"every {m['wd']}", "set",
                priority=1)


_DEICTIC_SHIFT = {"the day before yesterday": -2, "yesterday": -1, "today": 0, "tonight": 0,
                  "tomorrow": 1, "the day after tomorrow": 2}


def deictic(m: re.Match[str], ctx: Ctx) -> Cand | None:
    w = m["w"].lower()
    part = (m["part"] or "").lower() or ("night" if w == "tonight" else "")
    if ctx.ref is None:
        return Cand(m.start(), m.end(), "DATE", None, f"'{w}' with no reference date", "deictic")
    date = ctx.ref + dt.timedelta(days=_DEICTIC_SHIFT[w])
    why = f"'{w}' relative to the {ctx.ref_note}"
    if part:
        return Cand(m.start(), m.end(), "TIME", f"{date.isoformat()}T{P.PARTS_OF_DAY[part]}",
                    why, "deictic")
    return Cand(m.start(), m.end(), "DATE", date.isoformat(), why, "deictic")


def part_of_day(m: re.Match[str], ctx: Ctx) -> Cand | None:
    rel, part = m["rel"].lower(), m["part"].lower()
    if ctx.ref is None:
        return None
    shift = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
    if rel == "last" and part != "night":
        shift = -1
    date = ctx.ref + dt.timedelta(days=shift)
    return Cand(m.start(), m.end(), "TIME", f"{date.isoformat()}T{P.PARTS_OF_DAY[part]}",
                f"'{m.group(0)}' relative to the {ctx.ref_note}", "deictic")


def relative_unit(m: re.Match[str], ctx: Ctx) -> Cand | None:
    rel = " ".join(m["rel"].lower().split())
    word = m["unit"].lower()
    if rel in ("the past", "the last", "the next", "the coming"):
        if word in P.SEASONS:
            return None
        code = unit_code(word)
        return Cand(m.start(), m.end(), "DURATION", duration_value(1, code),
                    f"'{m.group(0)}' is a stretch of time", "duration")
    if ctx.ref is None:
        return None
    shift = {"last": -1, "this past": -1, "this": 0, "the current": 0, "next": 1,
             "this coming": 1}[rel]
    if word in P.SEASONS:
        code = P.SEASONS[word]
        value = f"{season_year(ctx.ref, code, shift):04d}-{code}"
    else:
        code = unit_code(word)
        if code == "WE":
            d = ctx.ref + dt.timedelta(weeks=shift)
            value = nz.iso_week(d) + "-WE"
        elif code == "C":
            value = f"{ctx.ref.year // 100 + shift:02d}"
        else:
            value = nz.at_granularity(nz.shift(ctx.ref, shift, code), code)
    return Cand(m.start(), m.end(), "DATE", value,
                f"'{m.group(0)}' relative to the {ctx.ref_note}", "relative")


def duration(m: re.Match[str], ctx: Ctx) -> Cand | None:
    num_text = m["num"]
    n = P.number_value(num_text)
    if n is None and num_text.lower() not in P.VAGUE_NUMBERS:
        return None
    if n == 0:
        return None
    code = unit_code(m["unit"])
    tail = (m["tail"] or "").lower()
    unit_word = m["unit"].lower()
    num_l = num_text.lower()
    start = m.start()
    whole = m.group(0)
    hyphen_adj = re.search(r"[\w]-" + re.escape(m["unit"]) + r"\b", whole) is not None
    if num_l in ("a", "an") and (unit_word.endswith("s") or unit_word in ("second", "quarter")):
        return None  # "a second time", "a quarter of"
    if code == "Q" and hyphen_adj:
        return None  # "three-quarters": a fraction
    if num_l in ("a", "an") and not tail and re.search(
        r"(?:\d|percent|per cent|%|times|once|twice)\W{0,3}\s*$", ctx.text[max(0, start - 14): start]
    ):
        return None  # "$5 a year", "twice a week": a rate, not a stretch of time
    if hyphen_adj and m["det"] and not m["mod"] and not m["approx1"]:
        start = m.start("num")  # "a 16-hour" -> "16-hour" (TimeML leaves the article out)
    if tail == "into":
        ev = _event_after(ctx, m.end())
        if ev is not None and n is not None and code in ("D", "W", "M"):
            anchor, ev_end = ev
            try:
                date = nz.shift(anchor.day_one, int(n), code)  # type: ignore[attr-defined]
            except (ValueError, OverflowError):
                return None
            return Cand(start, ev_end, "DATE", nz.at_granularity(date, code),
                        f"{m.group(0)} {anchor.id} (day 1 = "  # type: ignore[attr-defined]
                        f"{anchor.day_one.isoformat()})", "eventday",  # type: ignore[attr-defined]
                        anchor=anchor.describe(), priority=2)  # type: ignore[attr-defined]
    if tail in ("ago", "earlier", "from now", "hence"):
        sign = -1 if tail in ("ago", "earlier") else 1
        if n is None or ctx.ref is None or code in ("S", "MIN", "H", "WE", "FN"):
            value = None
            if n is None:
                value = "PAST_REF" if sign < 0 else "FUTURE_REF"
            elif ctx.ref is not None:
                value = ctx.ref.isoformat()
            return Cand(start, m.end(), "DATE", value,
                        f"'{m.group(0)}' relative to the {ctx.ref_note}", "relative")
        try:
            if code == "C":
                date = nz.shift(ctx.ref, sign * int(n) * 10, "E")
                value = f"{date.year // 100:02d}"
            else:
                date = nz.shift(ctx.ref, sign * int(n), code)
                value = nz.at_granularity(date, code)
                if code == "Y" and n == 1 and (q := _year_ago_quarter(ctx, m.start())):
                    return Cand(start, m.end(), "DATE", q,
                                f"'{m.group(0)}' in an earnings report: the same quarter a "
                                f"year before", "comparison")
        except (ValueError, OverflowError):  # "2,600 years ago": outside the calendar
            value = "PAST_REF" if sign < 0 else "FUTURE_REF"
        return Cand(start, m.end(), "DATE", value,
                    f"'{m.group(0)}' counted from the {ctx.ref_note}", "relative")
    end = m.start("tail") if tail else m.end()
    text = ctx.text[start:end].rstrip()
    return Cand(start, start + len(text), "DURATION", duration_value(n, code),
                "a length of time", "duration")


_QUARTER_IN_SENTENCE = re.compile(
    r"\b(first|second|third|fourth)[\s-]+quarter|\b(?:the|this|latest)\s+quarter\b", re.I)


_FINANCE = re.compile(r"earn|profit|net\b|revenue|sales|loss|income|cents|a share|dividend", re.I)


def _year_ago_quarter(ctx: Ctx, pos: int) -> str | None:
    """"a year ago" in an earnings sentence means the same quarter a year before."""
    if ctx.ref is None:
        return None
    s, e = ctx.sentence(pos)
    if not _FINANCE.search(ctx.text[s:e]):
        return None
    q = None
    for q in _QUARTER_IN_SENTENCE.finditer(ctx.text[max(0, pos - 1500): e]):
        pass
    if q is None:
        return None
    if q.group(1):
        n = {"first": 1, "second": 2, "third": 3, "fourth": 4}[q.group(1).lower()]
        year = nz.quarter_year(ctx.ref, n)
    else:
        prev = nz.add_months(ctx.ref, -3)
        n, year = nz.quarter_of(prev), prev.year
    return f"{year - 1}-Q{n}"


def recent_units(m: re.Match[str], ctx: Ctx) -> Cand | None:
    code = unit_code(m["unit"])
    return Cand(m.start(), m.end(), "DURATION", duration_value(None, code),
                "an unspecified stretch of time", "duration")


def for_units(m: re.Match[str], ctx: Ctx) -> Cand | None:
    code = unit_code(m["unit"])
    return Cand(m.start(), m.end(), "DURATION", duration_value(None, code),
                "'for' + a bare plural unit: an unspecified stretch", "duration")


_SET_UNIT = {"day": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y", "quarter": "P1Q",
             "hour": "PT1H", "minute": "PT1M", "decade": "P10Y", "morning": "XXXX-XX-XXTMO",
             "evening": "XXXX-XX-XXTEV", "night": "XXXX-XX-XXTNI", "weekend": "XXXX-WXX-WE",
             "summer": "XXXX-SU", "winter": "XXXX-WI", "spring": "XXXX-SP"}
_SET_ADV = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y",
            "annually": "P1Y", "hourly": "PT1H", "nightly": "XXXX-XX-XXTNI", "quarterly": "P3M",
            "biweekly": "P2W"}


def sets(m: re.Match[str], ctx: Ctx) -> Cand | None:
    if m["adv"] and re.match(r"\s+[A-Z]", ctx.text[m.end(): m.end() + 2]):
        return None  # "the Communist Party daily Granma": a newspaper, not a frequency
    if m["adv"]:
        value = _SET_ADV[m["adv"]]
    else:
        unit = (m["unit"] or m["unit2"]).lower()
        value = _SET_UNIT[unit]
        if "other" in m.group(0) and value.startswith("P1"):
            value = "P2" + value[2:]
    return Cand(m.start(), m.end(), "SET", value, f"recurring: '{m.group(0)}'", "set", priority=1)


_REF_VALUES = {"now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
               "nowadays": "PRESENT_REF", "at present": "PRESENT_REF",
               "these days": "PRESENT_REF", "recently": "PAST_REF", "in recent times": "PAST_REF",
               "the past": "PAST_REF", "previously": "PAST_REF", "formerly": "PAST_REF",
               "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "soon": "FUTURE_REF"}


def ref_word(m: re.Match[str], ctx: Ctx) -> Cand | None:
    w = " ".join(m["w"].lower().split())
    if w == "now" and re.match(r"[-‐]", ctx.text[m.end(): m.end() + 1]):
        return None  # "now-defunct"
    return Cand(m.start(), m.end(), "DATE", _REF_VALUES[w], f"'{w}': a reference to "
                + _REF_VALUES[w].split("_")[0].lower() + " time", "ref")


_OF_EVENT = re.compile(r"\s+of\s+(?:the\s+|this\s+|Russia['’]s\s+|a\s+)?((?:[\w'’-]+\s+){0,3}[\w'’-]+)")


def _event_after(ctx: Ctx, pos: int) -> tuple[object, int] | None:
    """The anchor named right after ``pos`` ("… of the war", "… into the invasion")."""
    if not ctx.events:
        return None
    m = re.match(r"\s+(?:of\s+|into\s+)?(?:the\s+|this\s+|a\s+|[A-Z][a-z]+['’]s\s+)?"
                 r"((?:[\w'’-]+\s+){0,3}[\w'’-]+)", ctx.text[pos: pos + 80])
    if not m:
        return None
    phrase = m.group(1)
    anchor, _ = choose(ctx.events, phrase)
    if anchor is None:
        return None
    hit = alias_in(anchor.aliases, phrase)
    assert hit is not None
    return anchor, pos + m.start(1) + hit.end()


def _event_day(m: re.Match[str], ctx: Ctx, n: int, label: str) -> Cand | None:
    if not ctx.events or n < 1 or n > 5000:
        return None
    after = ctx.text[m.end(): m.end() + 80]
    end = m.end()
    if re.match(r"\s+of\b", after):
        ev = _event_after(ctx, m.end())
        if ev is None:
            return None  # "the first day of school": another event, not ours
        anchor, end = ev
        where = "named after it"
    else:
        s, e = ctx.sentence(m.start())
        anchor, _ = choose(ctx.events, ctx.text[s:e])
        if anchor is None:
            return None
        where = "named in the same sentence"
    date = anchor.day_one + dt.timedelta(days=n - 1)  # type: ignore[attr-defined]
    return Cand(m.start(), end, "DATE", date.isoformat(),
                f"{label} {n} of {anchor.id} (day 1 = {anchor.day_one.isoformat()}, event "  # type: ignore[attr-defined]
                f"{where})", "eventday", anchor=anchor.describe(), priority=3)  # type: ignore[attr-defined]


def ordinal_day(m: re.Match[str], ctx: Ctx) -> Cand | None:
    n = P.ordinal_value(m["ord"])
    return None if n is None else _event_day(m, ctx, n, "day")


def day_n(m: re.Match[str], ctx: Ctx) -> Cand | None:
    n = P.number_value(m["n"])
    return None if n is None or n != int(n) else _event_day(m, ctx, int(n), "day")


Rule = tuple[re.Pattern[str], Callable[[re.Match[str], Ctx], Cand | None]]

RELATIVE_RULES: list[Rule] = [
    (P.WEEKDAY_RE, weekday),
    (P.EVERY_WEEKDAY, every_weekday),
    (P.DEICTIC, deictic),
    (P.PART_OF_DAY, part_of_day),
    (P.RELATIVE_UNIT, relative_unit),
    (P.DURATION, duration),
    (P.RECENT_UNITS, recent_units),
    (P.FOR_UNITS, for_units),
    *CYCLE_RULES,
    (P.SETS, sets),
    (P.REF_WORDS, ref_word),
]
EVENT_RULES: list[Rule] = [(P.ORDINAL_DAY, ordinal_day), (P.DAY_N, day_n)]
