"""Date-consistency checks: a weekday that does not fit its date, a day count that does not fit
the date beside it, a post dated after the article, two start dates for one event.

A false alarm is a bug here: each check fires only when the two statements are tied together
tightly enough that they must describe the same day (written side by side, or in one sentence
with nothing else to confuse them), and day counts get one day of slack because outlets count
"day 1" differently (the day of the invasion, or the first full day after it).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ..extract.time import default_anchors
from ..extract.time import normalise as nz
from ..extract.time import patterns as P
from ..extract.time.anchors import find_stated
from ..model import Attribution, Claim, Finding, TimeExpr
from .nearby import containing

KIND = "date_inconsistency"
_BARE_WEEKDAY = re.compile(
    rf"^(?:on\s+)?(?P<wd>{P.WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?$"
)
_WEEKDAY_THEN_DATE = re.compile(rf"^(?P<wd>{P.WEEKDAY}),?\s+(?P<date>\S.*)$", re.DOTALL)
_CALENDAR = re.compile(rf"{P.MONTH}|\b\d{{4}}-\d\d-\d\d\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b")
_HAS_YEAR = re.compile(rf"\b{P.YEAR}\b")
_ADJACENT = re.compile(r"^[ \t]*(?:,|\(|\[|—|–|-|:)?[ \t]*(?:on[ \t]+|the[ \t]+)?$")
_ADJACENT_BACK = re.compile(r"^[ \t]*(?:,|\(|\[)[ \t]*$")  # "March 3 (Thursday)", "March 3, Thursday"
_OTHER_EVENT_CUE = re.compile(
    r"(?:began|begun|started|launched|since|from|until|till|before|after|invaded|attacked"
    r"|announced|signed|born|died|founded|ended|as of|by|on which)\s*(?:on\s+)?$",
    re.IGNORECASE,
)
_POST_SIGNATURE = re.compile(r"[—–-]\s*[^\n—–]{0,80}\(@\w{1,30}\)\s*$")
_INFERRED_WINDOW = 120  # days: a date without a year is trusted only this close to the reference


def _day(t: TimeExpr) -> dt.date | None:
    if t.value and len(t.value) == 10 and t.value[4] == "-":
        return nz.parse_iso(t.value)
    return None


def _is_calendar(t: TimeExpr) -> bool:
    """A date written as a calendar date ("March 3, 2022", "2022-03-03"), not a weekday or
    a relative word, and not a day count of an event."""
    return t.anchor is None and _day(t) is not None and bool(_CALENDAR.search(t.text))


def _reference(times: Sequence[TimeExpr], published: str | None) -> dt.date | None:
    pub = nz.parse_iso(published)
    if pub is not None:
        return pub
    dates = [d for t in times if _is_calendar(t) and _HAS_YEAR.search(t.text)
             if (d := _day(t)) is not None]
    return max(dates) if dates else None


def _trusted_date(t: TimeExpr, ref: dt.date | None) -> dt.date | None:
    """The date of a calendar expression if its year is written or safely inferable."""
    d = _day(t)
    if d is None:
        return None
    if _HAS_YEAR.search(t.text):
        return d
    if ref is not None and abs((d - ref).days) <= _INFERRED_WINDOW:
        return d
    return None


def _sentences(text: str) -> list[tuple[int, int]]:
    starts = [0] + [m.end() for m in P.SENTENCE_END.finditer(text)]
    ends = starts[1:] + [len(text)]
    return list(zip(starts, ends))


def _sentence_of(starts: list[int], ends: list[int], pos: int) -> int:
    i = containing(starts, ends, pos)
    return len(starts) - 1 if i is None else i


def check_dates(
    text: str,
    times: Sequence[TimeExpr],
    attributions: Sequence[Attribution],
    published: str | None,
    claims: Sequence[Claim] = (),
) -> list[Finding]:
    """``date_inconsistency`` findings (severity "warning") for ``text``.

    ``times`` are the article's time expressions, ``attributions`` may carry post dates (a
    post's finding is ``about`` the attribution id); any other finding is ``about`` the claim
    that holds it (``claims``), or about nothing (``docs/json-schema.md``: an attribution or a
    claim id). ``published`` is the publication date from metadata; pass None when it is
    unknown (an inferred date is not good enough to call a post "from the future").
    A date outside the calendar's range (year 1 or 9999 and the arithmetic around them) is never
    compared: such a check is skipped, not raised.
    """
    order = sorted(range(len(times)), key=lambda i: times[i].start)
    ref = _reference(times, published)
    findings: list[Finding] = []
    for check in (lambda: _weekday_vs_date(text, times, order, ref),
                  lambda: _day_count_vs_date(text, times, order, ref),
                  lambda: _posts_after_publication(text, times, attributions, published),
                  lambda: _two_start_dates(text, times, ref)):
        try:
            findings += check()
        except (OverflowError, ValueError):
            continue  # date arithmetic at the ends of the calendar: nothing sound to compare
    post_ids = {a.id for a in attributions}
    by_start = sorted(claims, key=lambda c: c.start)
    starts, ends = [c.start for c in by_start], [c.end for c in by_start]
    for f in findings:
        if f.about not in post_ids:
            i = containing(starts, ends, f.start)
            f.about = by_start[i].id if i is not None else None
    findings.sort(key=lambda f: (f.start, f.end))
    return findings


def _weekday_vs_date(
    text: str, times: Sequence[TimeExpr], order: list[int], ref: dt.date | None
) -> list[Finding]:
    out = []
    for k, i in enumerate(order):
        t = times[i]
        joined = _WEEKDAY_THEN_DATE.match(t.text)
        if joined and _is_calendar(t):
            # "Friday, March 3, 2022" extracted as one expression (TimeML extent): check it.
            msg = _weekday_mismatch(joined["wd"], t, ref)
            if msg:
                out.append(Finding(KIND, "warning", msg, t.start, t.end, str(i)))
            continue
        wm = _BARE_WEEKDAY.match(t.text)
        if not wm:
            continue
        named = P.WEEKDAYS[wm["wd"].lower()]
        for j, after in ((order[k + 1] if k + 1 < len(order) else None, True),
                         (order[k - 1] if k > 0 else None, False)):
            if j is None:
                continue
            other = times[j]
            gap = text[t.end: other.start] if after else text[other.end: t.start]
            if not (_ADJACENT.match(gap) if after else _ADJACENT_BACK.match(gap)):
                continue
            if other.anchor is not None:  # "Friday, the eighth day of the war"
                d = _day(other)
                if d is None:
                    continue
                fits = {(d + dt.timedelta(days=x)).weekday() for x in (-1, 0, 1)}
                if named not in fits:
                    out.append(Finding(
                        KIND, "warning",
                        f"'{wm['wd']}' is written next to '{other.text}', which counts to "
                        f"{d.isoformat()}, a {P.WEEKDAY_NAMES[d.weekday()]} "
                        f"({other.anchor}).",
                        min(t.start, other.start), max(t.end, other.end), str(i)))
                break
            if not _is_calendar(other):
                continue
            msg = _weekday_mismatch(wm["wd"], other, ref)
            if msg:
                out.append(Finding(KIND, "warning", msg, min(t.start, other.start),
                                   max(t.end, other.end), str(i)))
            break
    return out


def _weekday_mismatch(weekday: str, date: TimeExpr, ref: dt.date | None) -> str | None:
    """The message when ``weekday`` is not the weekday of the calendar expression ``date``."""
    named = P.WEEKDAYS[weekday.lower()]
    d = _trusted_date(date, ref)
    if d is None:
        return None
    if not _HAS_YEAR.search(date.text) and any(
        (alt := nz.safe_date(d.year + k, d.month, d.day)) is not None
        and alt.weekday() == named for k in (-1, 1)
    ):
        return None  # the year was inferred; another nearby year fits, so it may be ours
    if d.weekday() == named:
        return None
    date_text = date.text
    if (joined := _WEEKDAY_THEN_DATE.match(date_text)) is not None:
        date_text = joined["date"]
    return (f"'{weekday}' is written next to '{date_text}', but {d.isoformat()} "
            f"was a {P.WEEKDAY_NAMES[d.weekday()]}.")


def _day_count_vs_date(
    text: str, times: Sequence[TimeExpr], order: list[int], ref: dt.date | None
) -> list[Finding]:
    spans = _sentences(text)
    starts, ends = [s for s, _ in spans], [e for _, e in spans]
    by_sentence: dict[int, list[int]] = {}
    for i in order:
        by_sentence.setdefault(_sentence_of(starts, ends, times[i].start), []).append(i)
    out = []
    for idx in by_sentence.values():
        counts = [i for i in idx if times[i].anchor is not None and _day(times[i]) is not None]
        dates = [i for i in idx if _is_calendar(times[i])]
        if len(counts) != 1 or len(dates) != 1:
            continue  # several dates or counts in one sentence: cannot tell what pairs with what
        c, d_i = times[counts[0]], times[dates[0]]
        before = text[max(0, d_i.start - 30): d_i.start]
        if _OTHER_EVENT_CUE.search(before):
            continue  # "since February 24", "began on 24 February": another moment
        d = _trusted_date(d_i, ref)
        counted = _day(c)
        if d is None or counted is None:
            continue
        diff = (d - counted).days
        if abs(diff) < 2:
            continue  # one day of slack: outlets count day 1 differently
        out.append(Finding(
            KIND, "warning",
            f"'{c.text}' counts to {counted.isoformat()} ({c.anchor}), but the same sentence "
            f"dates it '{d_i.text}' ({d.isoformat()}), {abs(diff)} days "
            f"{'later' if diff > 0 else 'earlier'}.",
            min(c.start, d_i.start), max(c.end, d_i.end), str(counts[0])))
    return out


def _posts_after_publication(
    text: str, times: Sequence[TimeExpr], attributions: Sequence[Attribution],
    published: str | None,
) -> list[Finding]:
    pub = nz.parse_iso(published)
    if pub is None:
        return []
    limit = pub + dt.timedelta(days=1)  # time zones: a post can be "tomorrow" somewhere
    out = []
    flagged_dates: set[tuple[int, int]] = set()
    for a in attributions:
        d = nz.parse_iso(a.date)
        if d is None or d <= limit:
            continue
        span = a.content if a.content else a.cue
        out.append(Finding(
            KIND, "warning",
            f"The embedded post is dated {d.isoformat()}, after the article's publication "
            f"date {pub.isoformat()}.",
            span.start, span.end, a.id))
        flagged_dates.add((span.start, span.end))
    for i, t in enumerate(times):
        d = _day(t)
        if d is None or d <= limit or not _is_calendar(t):
            continue
        line_start = text.rfind("\n", 0, t.start) + 1
        if not _POST_SIGNATURE.search(text[max(line_start, t.start - 120): t.start]):
            continue
        if any(s <= t.start <= e + 200 for s, e in flagged_dates):
            continue
        out.append(Finding(
            KIND, "warning",
            f"The embedded post signed '{t.text}' is dated after the article's publication "
            f"date {pub.isoformat()}.",
            t.start, t.end, str(i)))
    return out


def _two_start_dates(text: str, times: Sequence[TimeExpr], ref: dt.date | None) -> list[Finding]:
    day_times: dict[int, tuple[int, int, dt.date]] = {}
    for i, t in enumerate(times):
        d = _trusted_date(t, ref) if _is_calendar(t) else None
        if d is not None:
            day_times[t.start] = (i, t.end, d)
    if len(day_times) < 2:
        return []
    events = default_anchors().applicable(text, ref) if ref else []
    stated = find_stated(text, day_times, events)
    out = []
    first: dict[str, object] = {}
    for s in stated:
        prev = first.get(s.key)
        if prev is None:
            first[s.key] = s
            continue
        if prev.date != s.date:  # type: ignore[attr-defined]
            out.append(Finding(
                KIND, "warning",
                f"The article gives two start dates for the same event: "
                f"'{text[prev.start:prev.end]}' ({prev.date.isoformat()}) and "  # type: ignore[attr-defined]
                f"'{text[s.start:s.end]}' ({s.date.isoformat()}).",
                s.start, s.end, str(s.time_index)))
    return out
