"""Span arithmetic for scoring extracted spans against gold annotations.

Gold spans may be discontinuous (a list of ``(start, end)`` fragments), predicted spans are
one ``(start, end)`` interval. Annotators and extractors disagree about whether the quotation
marks, the trailing comma or the full stop belong to a span; that disagreement says nothing
about whether the extractor found the right words, so exact matching trims those characters
from both sides first (the CofeNet evaluation did the same).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

Fragment = tuple[int, int]

# Double quotation marks only: single ones are also apostrophes ("Jones'", "'90s").
DOUBLE_QUOTES = frozenset('"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033')
QUOTE_MARKS = DOUBLE_QUOTES | frozenset("'\u2018\u2019\u201a\u201b\u2039\u203a`")
DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
# Characters trimmed from both edges before exact comparison.
EDGE_CHARS = QUOTE_MARKS | DASHES | frozenset(",.:;\u2026")


def trim(text: str, start: int, end: int) -> Fragment | None:
    """``(start, end)`` without edge whitespace, quotes, commas, periods, colons, dashes.

    Returns None when nothing is left (a span made only of punctuation), so such a span
    can neither match nor be missed.
    """
    start, end = max(0, start), min(len(text), end)
    while start < end and (text[start].isspace() or text[start] in EDGE_CHARS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in EDGE_CHARS):
        end -= 1
    return (start, end) if start < end else None


def outer(fragments: Sequence[Fragment]) -> Fragment | None:
    """The interval from the first fragment's start to the last fragment's end."""
    if not fragments:
        return None
    return min(s for s, _ in fragments), max(e for _, e in fragments)


def trimmed_outer(text: str, fragments: Sequence[Fragment]) -> Fragment | None:
    """Outer interval of a (possibly discontinuous) span, trimmed for exact comparison."""
    span = outer(fragments)
    return None if span is None else trim(text, *span)


def merge(fragments: Iterable[Fragment]) -> list[Fragment]:
    """Sorted, non-overlapping fragments covering the same characters."""
    merged: list[Fragment] = []
    for s, e in sorted(f for f in fragments if f[1] > f[0]):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def covered(fragments: Sequence[Fragment]) -> int:
    """Number of characters covered by the fragments (overlaps counted once)."""
    return sum(e - s for s, e in merge(fragments))


def overlap(fragments: Sequence[Fragment], span: Fragment) -> int:
    """Number of characters of ``fragments`` that also lie inside ``span``."""
    lo, hi = span
    return sum(max(0, min(e, hi) - max(s, lo)) for s, e in merge(fragments))


def is_quoted(text: str, fragments: Sequence[Fragment]) -> bool:
    """True when the span is a direct quotation: double quotes open and close it.

    The quote marks may lie just inside or just outside the span (annotators differ), and a
    closing mark may follow trailing punctuation (``...gone."`` or ``...gone,"``).
    """
    span = outer(fragments)
    if span is None:
        return False
    s, e = span
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if s >= e:
        return False
    opens = text[s] in DOUBLE_QUOTES or (s > 0 and text[s - 1] in DOUBLE_QUOTES)
    j = e
    while j > s and text[j - 1] in ",.;:!?\u2026":
        j -= 1
    closes = text[j - 1] in DOUBLE_QUOTES if j > s else False
    k = e
    while not closes and k < len(text) and k < e + 2:
        if text[k] in DOUBLE_QUOTES:
            closes = True
        elif text[k] not in ",.;:!?":
            break
        k += 1
    return opens and closes


def contains_quote(text: str, fragments: Sequence[Fragment]) -> bool:
    """True when a double quotation mark appears anywhere inside the span (partial quotes)."""
    return any(ch in DOUBLE_QUOTES for s, e in fragments for ch in text[s:e])


def prf(tp: int, predicted: int, gold: int) -> dict[str, float | int]:
    """Precision, recall and F1 from counts; 0.0 where a denominator is zero."""
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "tp": tp,
        "predicted": predicted,
        "gold": gold,
    }
