"""Publication dates from untrusted input: parsed, and kept within a sane range.

Why a range: every time check does calendar arithmetic around the publication date ("last
year", "the next day", a post dated after the article); at 9999-12-31 or 0001-01-01 that falls
off Python's calendar. No news article was published before printing presses had newspapers
or two centuries from now, so a date outside 1600-01-01 … 2199-12-31 is an input error, said in
one line (CLI exit 2, API 422, a skipped JSON record) when the user gave it, and ignored when a
page's or feed's metadata carries it (:func:`sane_date`).
"""

from __future__ import annotations

import datetime as dt

from ..errors import InputError

EARLIEST = dt.date(1600, 1, 1)
LATEST = dt.date(2199, 12, 31)


def _day_of(iso: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(iso[:10])
    except ValueError:
        return None


def check_published(value: str | None, what: str = "the publication date") -> str | None:
    """``value`` as an ISO 8601 date or datetime, None when absent; InputError when it is not a
    date or lies outside :data:`EARLIEST` … :data:`LATEST`."""
    from .records import normalise_date

    if value is None or not str(value).strip():
        return None
    if not isinstance(value, str):
        raise InputError(f"{what} must be a string such as 2024-05-14")
    shown = " ".join(value.split())[:40]
    iso = normalise_date(value)
    day = _day_of(iso) if iso else None
    if day is None:
        raise InputError(f"{what} '{shown}' is not a date (use ISO 8601, e.g. 2024-05-14)")
    if not EARLIEST <= day <= LATEST:
        raise InputError(f"{what} {day.isoformat()} is out of range: it must lie between "
                         f"{EARLIEST.isoformat()} and {LATEST.isoformat()}")
    return iso


def sane_date(value: str | None) -> str | None:
    """A metadata date (HTML, feed, WARC) if it is a date in range, else None (ignored)."""
    try:
        return check_published(value)
    except InputError:
        return None
