"""Turning parse-tree pieces into clean character spans.

Attribution parts come from dependency subtrees, which may have gaps (a nested clause that
belongs to another attribution) and ragged edges (commas, quote marks). These helpers make
every part one contiguous, trimmed span so it can be highlighted and compared exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...model import Span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

EDGE_PUNCT = " \t\n\r,.;:!?\"'“”‘’«»—–-()[]"
QUOTE_CHARS = "\"'“”‘’«»"


def trim(text: str, start: int, end: int, chars: str = EDGE_PUNCT) -> tuple[int, int]:
    """Shrink [start, end) past edge whitespace and punctuation; never below an empty span."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    # keep a closing bracket whose opening bracket is inside the span
    if end < len(text) and text[end : end + 1] == ")" and "(" in text[start:end]:
        if text[start:end].count("(") > text[start:end].count(")"):
            end += 1
    return start, end


def make_span(text: str, start: int, end: int, chars: str = EDGE_PUNCT) -> Span | None:
    s, e = trim(text, start, end, chars)
    return Span(text[s:e], s, e) if e > s else None


def tokens_span(doc: "Doc", i_start: int, i_end: int) -> tuple[int, int]:
    """Character range of tokens [i_start, i_end] inclusive."""
    return doc[i_start].idx, doc[i_end].idx + len(doc[i_end].text)


def contiguous_subtree(head: "Token", exclude: Iterable[int] = ()) -> tuple[int, int]:
    """Token range [first, last] of ``head``'s subtree, cut at the first excluded token.

    Excluded tokens are those of another attribution nested inside this subtree; the result
    is the longest contiguous run around ``head`` that avoids them.
    """
    banned = set(exclude)
    members = {t.i for t in head.subtree} - banned
    lo = hi = head.i
    while lo - 1 in members:
        lo -= 1
    while hi + 1 in members:
        hi += 1
    return lo, hi


def span_of_tokens(doc: "Doc", text: str, lo: int, hi: int, chars: str = EDGE_PUNCT) -> Span | None:
    s, e = tokens_span(doc, lo, hi)
    return make_span(text, s, e, chars)


def paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    """The paragraph (text between blank-ish line breaks) that contains ``pos``."""
    start = text.rfind("\n", 0, pos)
    start = 0 if start < 0 else start + 1
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    return start, end


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))
