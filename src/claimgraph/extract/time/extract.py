"""``extract_times``: find, normalise and anchor every time expression in an article.

Order of work, and why:
1. Decide the reference date: the publication date when known, else the latest full date the
   text itself gives (marked as inferred in every reason that uses it).
2. Run the rules (one regex pass each) to get candidates; keep the longest non-overlapping ones
   ("the past three years" beats "three years").
3. Resolve a weekday written next to a date ("Thursday (March 3, 2022)") to that date ("Monday,
   Oct. 26" becomes one expression), and give a clock time written next to a date that date.
   Then resolve expressions that refer back ("that year", "the next day") against the last
   date mentioned before them (``anaphora.py``).
4. Find anchors the article states ("the war began on 24 February"), then resolve day counts
   ("the eighth day of the war") against stated anchors first, then the anchors file.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import Any

from ...model import TimeExpr
from . import normalise as nz
from . import patterns as P
from .absolute import ABSOLUTE_RULES, period
from .anaphora import ANAPHORA_RULES, resolve_anaphora
from .anchors import AnchorSet, default_anchors, find_stated, stated_anchor_objects
from .context import Cand, Ctx
from .relative import EVENT_RULES, RELATIVE_RULES

ADJACENT_GAP = re.compile(r"^\s*(?:,|\(|\[|—|–|-|:)?\s*(?:on\s+)?$")
_WEEKDAY_DATE_GAP = re.compile(r"^,?\s+$")
_CLOCK_DATE_GAP = re.compile(r"^\s*,?\s*(?:on\s+)?$")
_DATE_CLOCK_GAP = re.compile(r"^\s*,?\s*(?:at|from|around|about|by|until)?\s*$")
_FULL_DATE_RULES = (P.ISO_DATE, P.MONTH_DAY, P.DAY_MONTH, P.NUMERIC_DATE)


def infer_reference(text: str) -> dt.date | None:
    """The latest full date (day, month and year) written in the text, or None.

    An article without metadata usually dates its own events ("On Thursday (March 3, 2022)");
    the latest such date is the best available stand-in for the publication date.
    """
    best: dt.date | None = None
    ctx = Ctx(text, None, "", AnchorSet())
    for rx, rule in ABSOLUTE_RULES:
        if rx not in _FULL_DATE_RULES:
            continue
        for m in P.find(rx, text):
            if not m.groupdict().get("y"):
                continue
            c = _apply(rule, m, ctx)
            if c is None or c.value is None or not c.explicit_year:
                continue
            d = nz.parse_iso(c.value)
            if d is not None and (best is None or d > best):
                best = d
    return best


def _select(cands: list[Cand]) -> list[Cand]:
    """Longest non-overlapping candidates; ties go to the higher priority, then the earlier.

    The taken spans are disjoint, so they are kept sorted and each candidate is checked against
    its two neighbours only (a binary search, not a scan: long articles have thousands)."""
    taken: list[Cand] = []
    starts: list[int] = []
    ends: list[int] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
        if c.end <= c.start:
            continue
        i = bisect.bisect_left(starts, c.end)  # spans at i and after start at or after c.end
        if i > 0 and ends[i - 1] > c.start:
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        taken.append(c)
    return sorted(taken, key=lambda c: c.start)


def _apply(rule: Any, m: re.Match[str], ctx: Ctx) -> Cand | None:
    """One rule on one match; an expression whose value falls off the calendar (before year 1
    or after 9999, e.g. "next year" in an article dated 9999-12-31) is no expression."""
    try:
        return rule(m, ctx)
    except (OverflowError, ValueError):
        return None


def _is_day(c: Cand) -> bool:
    return c.value is not None and len(c.value) == 10 and c.value[4] == "-" and c.kind == "date"


def _resolve_adjacent(text: str, cands: list[Cand]) -> list[Cand]:
    """Weekday next to a date takes the date; a clock next to a date takes its day."""
    out: list[Cand] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        gap = text[c.end: nxt.start] if nxt else ""
        # "10 p.m. Wednesday" / "5 p.m. EST Nov. 9": one TIME expression.
        if nxt and c.kind == "clock" and nxt.kind in ("date", "weekday") and _CLOCK_DATE_GAP.match(
            gap
        ) and nxt.value and len(nxt.value) == 10 and c.value:
            c = Cand(c.start, nxt.end, "TIME", nxt.value + c.value[10:],
                     f"{c.reason}, on the day named after it ({nxt.reason})", "clock")
            out.append(c)
            i += 2
            continue
        # "Monday, Oct. 26": one DATE (TimeML), valued by the date, the weekday checked.
        if nxt and c.kind in ("weekday",) and _is_day(nxt) and _WEEKDAY_DATE_GAP.match(gap):
            _pin_weekday(c, nxt)
            reason = nxt.reason if c.value == nxt.value else f"{nxt.reason}; {c.reason}"
            out.append(Cand(c.start, nxt.end, "DATE", nxt.value, reason, "date",
                            explicit_year=nxt.explicit_year, priority=nxt.priority))
            i += 2
            continue
        out.append(c)
        i += 1
    for a, b in zip(out, out[1:]):
        gap = text[a.end: b.start]
        if a.kind == "weekday" and _is_day(b) and ADJACENT_GAP.match(gap):
            _pin_weekday(a, b)
        elif b.kind == "weekday" and _is_day(a) and (ADJACENT_GAP.match(gap) or (
            gap.strip() in ("(", ", (") )):
            _pin_weekday(b, a)
        elif b.kind == "clock" and _is_day(a) and _DATE_CLOCK_GAP.match(gap) and b.value:
            b.value = a.value + b.value[10:]  # type: ignore[operator]
            b.reason += f" on the date before it ({a.value})"
        elif b.kind == "clock" and a.kind == "weekday" and _DATE_CLOCK_GAP.match(gap) and b.value \
                and a.value and len(a.value) == 10:
            b.value = a.value + b.value[10:]
            b.reason += f" on the weekday before it ({a.value})"
    return out


def _pin_weekday(w: Cand, d: Cand) -> None:
    date = nz.parse_iso(d.value)
    if date is None or w.weekday is None or not nz.MIN_DAY < date < nz.MAX_DAY:
        return
    if date.weekday() == w.weekday:
        w.value = d.value
        w.reason = f"weekday resolved to the adjacent date {d.value} (a {P.WEEKDAY_NAMES[w.weekday]})"
    else:
        named = P.WEEKDAY_NAMES[w.weekday]
        actual = P.WEEKDAY_NAMES[date.weekday()]
        near = nz.weekday_relative(date, w.weekday, "nearest")
        w.value = near.isoformat()
        w.reason = (f"weekday {named} is written next to {d.value}, which is a {actual}; "
                    f"taken as the nearest {named}, {w.value}")


def extract_times(
    text: str,
    published: str | None,
    anchors: AnchorSet | None = None,
    doc: Any = None,
) -> tuple[list[TimeExpr], str | None]:
    """Time expressions in ``text`` with TIMEX3 values, and the reference date used.

    ``published``: ISO date or datetime of publication; when None the reference is inferred
    from the text (the latest full date) and every reason says so. ``anchors``: event anchors
    and named periods (default: the shipped ``anchors.json``). ``doc``: the spaCy doc of
    ``text`` when the caller already parsed it; used only for verb tense of weekdays/months.
    """
    anchorset = anchors if anchors is not None else default_anchors()
    ref = nz.parse_iso(published)
    if ref is not None:
        note = f"publication date {ref.isoformat()}"
    else:
        ref = infer_reference(text)
        note = (f"reference date {ref.isoformat()} (inferred: the latest full date in the text)"
                if ref else "")
    ctx = Ctx(text, ref, note, anchorset, doc)
    cands: list[Cand] = []
    for rules in (ABSOLUTE_RULES, RELATIVE_RULES, ANAPHORA_RULES):
        for rx, rule in rules:
            for m in P.find(rx, text):
                c = _apply(rule, m, ctx)
                if c is not None:
                    cands.append(c)
    prx = anchorset.period_regex()
    if prx is not None:
        for m in prx.finditer(text):
            c = _apply(period, m, ctx)
            if c is not None:
                cands.append(c)
    # Stated anchors need day-valued dates; events then count from them.
    events = anchorset.applicable(text, ref)
    day_starts: dict[int, tuple[int, int, dt.date]] = {}
    for i, c in enumerate(cands):
        d = nz.parse_iso(c.value) if c.kind == "date" and c.value and len(c.value) == 10 else None
        if d is not None and (c.start not in day_starts or day_starts[c.start][1] < c.end):
            day_starts[c.start] = (i, c.end, d)
    stated = find_stated(text, day_starts, events)
    ctx.events = stated_anchor_objects(stated, events) + events
    for rx, rule in EVENT_RULES:
        for m in P.find(rx, text):
            c = _apply(rule, m, ctx)
            if c is not None:
                cands.append(c)
    chosen = _resolve_adjacent(text, _select(cands))
    resolve_anaphora(chosen, text, ref)
    times = [
        TimeExpr(text[c.start: c.end], c.start, c.end, c.type, c.value, c.anchor, c.reason)
        for c in chosen
    ]
    return times, (ref.isoformat() if ref else None)
