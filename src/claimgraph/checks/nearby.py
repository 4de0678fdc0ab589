"""Span lookups by position in O(log n), so checks stay linear in article length.

The checks ask the same questions for every claim or attribution ("which times lie inside this
claim?", "which claim holds this offset?"); scanning every item for every question made a
10,000-sentence article cost ~sentences² comparisons. Items are sorted once by start offset and
each question is a binary search plus the items actually returned.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import Any, Callable, Generic, TypeVar

T = TypeVar("T")


class ByStart(Generic[T]):
    """Items with ``start``/``end`` offsets (or a ``start`` key, e.g. an attribution's cue),
    searchable by where they start."""

    def __init__(self, items: Iterable[T], start: Callable[[Any], int] = lambda x: x.start) -> None:
        self.items = sorted(items, key=start)
        self.starts = [start(x) for x in self.items]

    def starting_in(self, lo: int, hi: int) -> list[T]:
        """Items whose start lies in ``[lo, hi)``, in text order."""
        return self.items[bisect_left(self.starts, lo): bisect_left(self.starts, hi)]

    def inside(self, lo: int, hi: int) -> list[T]:
        """Items wholly inside ``[lo, hi]``."""
        return [x for x in self.starting_in(lo, hi + 1) if x.end <= hi]  # type: ignore[attr-defined]


class Intervals:
    """A union of ``(start, end)`` intervals; answers "does [s, e) overlap any?" in O(log n)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(x for x in spans if x[1] > x[0]):  # an empty span covers nothing
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def overlaps(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` shares at least one position with an interval."""
        i = bisect_left(self.starts, end) - 1  # the last interval starting before ``end``
        return i >= 0 and self.ends[i] > start and end > start


def containing(starts: list[int], ends: list[int], pos: int) -> int | None:
    """Index of the span (sorted, disjoint; given as parallel lists) holding ``pos``, or None."""
    i = bisect_right(starts, pos) - 1
    return i if i >= 0 and pos < ends[i] else None
