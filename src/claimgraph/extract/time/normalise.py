"""Calendar arithmetic and TIMEX3 value formatting.

Kept apart from the patterns so that the rules that *find* an expression and the rules that
*compute* its value can be read (and tested) separately. Values follow TimeML TIMEX3 as
scored by TempEval-3: ``2022-03-03``, ``2022-03``, ``2022``, ``2022-W09``, ``2022-Q1``,
``2022-SU``, ``199`` (a decade), ``19`` (a century), ``P3Y``, ``PT48H``, ``XXXX-WXX-4``.
"""

from __future__ import annotations

import calendar
import datetime as dt

Date = dt.date
# a week inside either end of the calendar: no weekday or "next day" arithmetic can leave it
MIN_DAY = dt.date.min + dt.timedelta(days=7)
MAX_DAY = dt.date.max - dt.timedelta(days=7)


def parse_iso(value: str | None) -> Date | None:
    """The calendar date at the start of an ISO-8601 date or datetime, or None."""
    if not value:
        return None
    text = value.strip()
    if len(text) >= 10 and text[4] in "-/" and text[7] in "-/":
        try:
            return dt.date(int(text[0:4]), int(text[5:7]), int(text[8:10]))
        except ValueError:
            return None
    if len(text) == 8 and text.isdigit():
        try:
            return dt.date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
        except ValueError:
            return None
    return None


def day(d: Date) -> str:
    return d.isoformat()


def month(year: int, m: int) -> str:
    return f"{year:04d}-{m:02d}"


def iso_week(d: Date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter_of(d: Date) -> int:
    return (d.month - 1) // 3 + 1


def safe_date(year: int, m: int, d: int) -> Date | None:
    try:
        return dt.date(year, m, d)
    except ValueError:
        return None


def add_months(d: Date, n: int) -> Date:
    total = d.year * 12 + (d.month - 1) + n
    y, m = divmod(total, 12)
    last = calendar.monthrange(y, m + 1)[1]
    return dt.date(y, m + 1, min(d.day, last))


def shift(ref: Date, n: int, unit: str) -> Date:
    """``ref`` moved by ``n`` units (negative = back); unit is D, W, M, Y, Q or E (decade)."""
    if unit == "D":
        return ref + dt.timedelta(days=n)
    if unit == "W":
        return ref + dt.timedelta(weeks=n)
    if unit == "M":
        return add_months(ref, n)
    if unit == "Q":
        return add_months(ref, 3 * n)
    if unit == "Y":
        return add_months(ref, 12 * n)
    if unit == "E":
        return add_months(ref, 120 * n)
    raise ValueError(unit)


def at_granularity(d: Date, unit: str) -> str:
    """The value of a shifted date at the granularity of the unit that moved it.

    "two days ago" names a day, "six weeks ago" a week, "a year ago" a year: TIMEX3 values keep
    only as much precision as the expression carries.
    """
    if unit == "D":
        return day(d)
    if unit == "W":
        return iso_week(d)
    if unit == "M":
        return month(d.year, d.month)
    if unit == "Q":
        return f"{d.year:04d}-Q{quarter_of(d)}"
    if unit == "E":
        return str(d.year // 10)
    return f"{d.year:04d}"


def weekday_relative(ref: Date, weekday: int, direction: str) -> Date:
    """The date of ``weekday`` (0 = Monday) near ``ref``.

    ``direction``: "past" = on or before ref (news: "said on Thursday"), "future" = on or after,
    "last" = strictly before, "next" = strictly after, "nearest" = closest either way.
    """
    back = (ref.weekday() - weekday) % 7
    fwd = (weekday - ref.weekday()) % 7
    if direction == "past":
        return ref - dt.timedelta(days=back)
    if direction == "future":
        return ref + dt.timedelta(days=fwd)
    if direction == "last":
        return ref - dt.timedelta(days=back or 7)
    if direction == "next":
        return ref + dt.timedelta(days=fwd or 7)
    return ref - dt.timedelta(days=back) if back <= fwd else ref + dt.timedelta(days=fwd)


def nearest_year(ref: Date, m: int, d: int | None) -> int:
    """The year that puts month ``m`` (day ``d``) closest to the reference date.

    "Sept. 30" in an article of 1989-10-27 is 1989-09-30, "Dec. 30" in one of 2021-01-03 is
    2020-12-30: news talks about the recent past and the near future, rarely a year away.
    """
    best_year, best_gap = ref.year, None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        cand = safe_date(year, m, d or 15)
        if cand is None:
            continue
        gap = abs((cand - ref).days)
        if best_gap is None or gap < best_gap:
            best_year, best_gap = year, gap
    return best_year


def month_year(ref: Date, m: int, direction: str) -> int:
    """Year of a bare month name: "last March" / "next March" / plain, by tense.

    In past-tense news a month up to two months ahead of the reference is still this year's
    (reports written in late October about "mid-November" plans); further ahead it is last
    year's. Measured on TimeBank/AQUAINT.
    """
    if direction == "last":
        return ref.year if m < ref.month else ref.year - 1
    if direction == "next":
        return ref.year if m > ref.month else ref.year + 1
    if direction == "future":
        return ref.year if m >= ref.month else ref.year + 1
    if direction == "past":
        ahead = (m - ref.month) % 12
        if 0 < ahead <= 2:  # "January" written in November: the coming one
            return ref.year if m > ref.month else ref.year + 1
        return ref.year if m <= ref.month else ref.year - 1
    return ref.year


def month_day_year(ref: Date, m: int, d: int, direction: str) -> int:
    """Year of "Oct. 23" with no year: the past occurrence unless the tense is future or the
    next occurrence is within 90 days (news reports the recent past and the near future)."""
    past = next((c for y in (ref.year, ref.year - 1, ref.year - 2)
                 if (c := safe_date(y, m, d)) is not None and c <= ref), None)
    future = next((c for y in (ref.year, ref.year + 1, ref.year + 2)
                   if (c := safe_date(y, m, d)) is not None and c > ref), None)
    if past is None:
        return future.year if future else ref.year
    if future is None:
        return past.year
    if direction == "future":
        return future.year if (ref - past).days > 7 else past.year
    return future.year if (future - ref).days <= 90 else past.year


def quarter_year(ref: Date, q: int) -> int:
    """Year of "the third quarter": the nearest such quarter, ties to the past (results season)."""
    cur = quarter_of(ref)
    diff = q - cur
    if diff > 1:
        return ref.year - 1
    if diff < -2:
        return ref.year + 1
    return ref.year


def decade(year: int) -> str:
    return str(year // 10)


def century_value(n: int) -> str:
    """"the 20th century" → "19" (TIMEX3 century values are the first two digits)."""
    return f"{n - 1:02d}"
