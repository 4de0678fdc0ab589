"""A vertical time line drawn as static SVG: the dated events of an article, the appearances of a family.

Why SVG drawn on the server: a reader takes in "three things on 3 March, then a jump back to
1939" faster from a picture than from a list, and the web app's CSP (and the offline HTML
report's ``default-src 'none'``) allow no script and no chart library. The line runs top to
bottom so it fits a phone: the SVG has a fixed drawing width and a ``viewBox``, and the
stylesheet lets it shrink (``max-width: 100%; height: auto``) but never overflow.

Spacing is by time, compressed: consecutive events are further apart the longer the gap
(logarithmic, capped), and a gap of two days or more is written next to the line ("2 days
later", "83 years later"), so neither a ten-minute nor an eighty-year gap breaks the layout.
Every string is escaped; links are the caller's (``#anchor`` or a site-relative path).
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from datetime import date

from . import clip

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ](\d{2}):(\d{2}))?")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
ROW = 40  # height of one event (two text lines)
CHAR = 6.6  # average width of a 12 px system-ui character, for clipping text to the box


@dataclass(frozen=True, slots=True)
class Event:
    """One point on the line. ``when`` is an ISO/TIMEX value ("2022-03-03", "1939/1945",
    "2022-05-21T23:17:58+00:00"); ``href`` is where a click goes; ``tip`` is the full text."""

    when: str
    label: str
    text: str
    href: str | None = None
    tip: str = ""
    cls: str = ""


def parse_when(value: str | None) -> tuple[date, date, str] | None:
    """(start, end, shown) for a dated value, or None when it is not a calendar date.

    A range "1939/1945" spans both ends; a month or a year spans its first day only (the
    ordering needs a point, the label keeps the precision: "Mar 2022", "1939–1945").
    """
    if not value:
        return None
    first, _, second = value.partition("/")
    a = _point(first)
    if a is None:
        return None
    b = _point(second) if second else None
    shown = a[1] if b is None else f"{a[1]}–{b[1]}"
    return a[0], (b or a)[0], shown


def _point(value: str) -> tuple[date, str] | None:
    m = _DATE.match(value.strip())
    if not m:
        return None
    y, mo, d, hh, mm = m.groups()
    try:
        day = date(int(y), int(mo or 1), int(d or 1))
    except ValueError:
        return None
    if d:
        shown = f"{int(d)} {MONTHS[day.month - 1]} {y}" + (f" {hh}:{mm}" if hh else "")
    elif mo:
        shown = f"{MONTHS[day.month - 1]} {y}"
    else:
        shown = y
    return day, shown


def gap_words(days: int) -> str:
    """"2 days later", "5 weeks later", "83 years later" (rounded, for the reader's eye)."""
    if days >= 730:
        n, unit = round(days / 365.25), "year"
    elif days >= 60:
        n, unit = round(days / 30.44), "month"
    elif days >= 14:
        n, unit = round(days / 7), "week"
    else:
        n, unit = days, "day"
    return f"{n} {unit}{'s' if n != 1 else ''} later"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def timeline_svg(events: list[Event], title: str, width: int = 360, css_class: str = "cg-tl") -> str:
    """The events (any order) as an ``<svg>``; events without a calendar date are left out.

    Returns "" when no event has a date, so the caller can fall back to a list.
    """
    dated = []
    for i, ev in enumerate(events):
        parsed = parse_when(ev.when)
        if parsed is not None:
            dated.append((parsed[0], i, parsed, ev))
    if not dated:
        return ""
    dated.sort(key=lambda t: (t[0], t[1]))
    date_w = 92  # left column: the date
    axis = date_w + 8
    text_x = axis + 14
    chars = max(12, int((width - text_x - 6) / CHAR))
    y, prev = 22.0, None
    parts: list[str] = []
    for start, _, (_, end, shown), ev in dated:
        if prev is not None:
            days = (start - prev).days
            extra = min(46.0, 9.0 * math.log2(1 + days)) if days > 0 else 0.0
            if days >= 2:
                extra = max(extra, 18.0)
                parts.append(f'<text class="tl-gap" x="{axis + 8}" y="{y + extra / 2 - 2:.0f}">'
                             f"{_e(gap_words(days))}</text>")
            y += extra
        date_lines = shown.rsplit(" ", 1) if re.search(r" \d\d:\d\d$", shown) else [shown]
        label = "".join(f'<text class="tl-date" x="{date_w}" y="{y + 4 + 13 * k:.0f}">{_e(t)}</text>'
                        for k, t in enumerate(date_lines))
        span = end > start
        mark = (f'<rect class="tl-range" x="{axis - 4}" y="{y - 6:.0f}" width="8" height="14" rx="3"/>'
                if span else f'<circle class="tl-dot" cx="{axis}" cy="{y:.0f}" r="5"/>')
        body = (f'<text class="tl-label" x="{text_x}" y="{y + 4:.0f}">{_e(clip(ev.label, chars))}</text>'
                f'<text class="tl-text" x="{text_x}" y="{y + 20:.0f}">{_e(clip(ev.text, chars))}</text>')
        tip = f"<title>{_e(shown + ' — ' + (ev.tip or ev.text))}</title>"
        cls = "tl-ev" + (f" {_e(ev.cls)}" if ev.cls else "")
        inner = f"{tip}{mark}{label}{body}"
        if ev.href:
            parts.append(f'<a class="{cls}" href="{_e(ev.href)}">{inner}</a>')
        else:
            parts.append(f'<g class="{cls}">{inner}</g>')
        prev = start
        y += ROW
    height = y - ROW + 34
    line = f'<line class="tl-axis" x1="{axis}" y1="10" x2="{axis}" y2="{height - 8:.0f}"/>'
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="{_e(css_class)}" width="{width}" '
            f'height="{height:.0f}" viewBox="0 0 {width} {height:.0f}" role="group" '
            f'aria-label="{_e(title)}"><title>{_e(title)}</title>{line}{"".join(parts)}</svg>')
