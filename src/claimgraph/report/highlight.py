"""Turn possibly-overlapping spans into a flat run of segments, and segments into safe HTML.

Attributions nest (a hedge inside a content inside a claim) and sometimes cross (a time
expression that starts inside a quote and ends after it). Emitting one ``<span>`` per mark
would break tag nesting as soon as two marks cross, so instead the text is cut at every
mark boundary: each resulting segment is covered by a fixed set of marks and becomes at
most one ``<span>`` whose classes are the union of those marks. Tags therefore never nest
inside the article text, and stripping them gives back the text exactly.

Every piece of article text passes through :func:`html.escape` (``quote=True``); so do
titles, classes and ids, which come from the analysis and are therefore untrusted too.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from itertools import pairwise

_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")
_CLASS_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlighted range: classes to apply, an optional anchor id and a tooltip."""

    start: int
    end: int
    classes: tuple[str, ...]
    anchor: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Segment:
    """A maximal run of text covered by the same marks (in the order they were given)."""

    start: int
    end: int
    marks: tuple[Mark, ...]


def safe_id(raw: str, prefix: str) -> str:
    """An HTML id built from untrusted data: only ``[A-Za-z0-9_.-]``, always prefixed.

    The prefix keeps ids from different record kinds apart ("att-a1" vs "claim-a1") and
    guarantees the id starts with a letter.
    """
    return f"{prefix}-{_ID_UNSAFE.sub('_', raw) or '_'}"


def safe_class(raw: str) -> str:
    """A CSS class from untrusted data (a source type, a severity): ``[A-Za-z0-9_-]`` only."""
    return _CLASS_UNSAFE.sub("_", raw) or "unknown"


def clip(start: int, end: int, length: int) -> tuple[int, int] | None:
    """Clamp ``[start, end)`` to ``[0, length]``; None if nothing is left.

    Offsets come from extractors (or a stored JSON file); a bad offset must not crash a
    report or swallow text, so it is clipped rather than trusted.
    """
    s, e = max(0, min(start, length)), max(0, min(end, length))
    return (s, e) if e > s else None


def segments(length: int, marks: list[Mark]) -> list[Segment]:
    """Cut ``[0, length)`` at every mark boundary; each segment lists the marks covering it.

    The segments are contiguous, non-empty and cover the whole text (unmarked gaps are
    segments with no marks), so concatenating their text reproduces the article. Marks
    are reported as given (not clipped), in the order given.
    """
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for i, m in enumerate(marks):
        span = clip(m.start, m.end, length)
        if span is not None:
            starts.setdefault(span[0], []).append(i)
            ends.setdefault(span[1], []).append(i)
    cuts = sorted({0, length, *starts, *ends})
    active: set[int] = set()
    out: list[Segment] = []
    for a, b in pairwise(cuts):
        active.difference_update(ends.get(a, ()))
        active.update(starts.get(a, ()))
        out.append(Segment(a, b, tuple(marks[i] for i in sorted(active))))
    return out


def escape_text(text: str) -> str:
    """Escape article text for an HTML text node; CR becomes ``&#13;`` so it survives parsing."""
    return html.escape(text, quote=True).replace("\r", "&#13;")


def render_marked(text: str, marks: list[Mark]) -> str:
    """HTML for ``text`` with ``marks`` as flat ``<span>`` elements; never nests tags.

    The first segment of each mark carries its ``id`` (so a side panel can link to
    ``#id``); when several marks start at the same place, the extra ids go on empty
    anchor spans just before it. Tooltips join the titles of every covering mark.
    """
    parts: list[str] = []
    placed: set[str] = set()
    for seg in segments(len(text), marks):
        piece = escape_text(text[seg.start : seg.end])
        if not seg.marks:
            parts.append(piece)
            continue
        new_ids = []
        for m in seg.marks:
            if m.anchor and m.anchor not in placed:
                placed.add(m.anchor)
                new_ids.append(m.anchor)
        for extra in new_ids[1:]:
            parts.append(f'<span class="cg-anchor" id="{html.escape(extra, quote=True)}"></span>')
        classes: list[str] = []
        titles: list[str] = []
        for m in seg.marks:
            for c in m.classes:
                c = safe_class(c)
                if c not in classes:
                    classes.append(c)
            if m.title and m.title not in titles:
                titles.append(m.title)
        attrs = f' class="{html.escape(" ".join(classes), quote=True)}"'
        if new_ids:
            attrs += f' id="{html.escape(new_ids[0], quote=True)}"'
        if titles:
            attrs += f' title="{html.escape(chr(10).join(titles), quote=True)}"'
        parts.append(f"<span{attrs}>{piece}</span>")
    return "".join(parts)
