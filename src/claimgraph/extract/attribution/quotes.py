"""Find quoted passages: straight and curly, double and single, within one paragraph.

Single quotes double as apostrophes ("soldier’s", "rock 'n' roll"), so a single quote opens
only at a word start and closes only before a non-letter, and a quote must hold at least two
words. Quotes never cross a paragraph break: an unclosed quote is ignored, not guessed (in a
paragraph with an odd number of straight double quotes, one followed by another opening one
before any close is the unclosed one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PAIRS = (("“", "”"), ("«", "»"), ("‘", "’"), ('"', '"'), ("'", "'"))


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # the opening mark
    end: int  # just after the closing mark
    inner_start: int
    inner_end: int


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:;,\"“") and not after.isspace()


def _closes(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    before = text[i - 1] if i > 0 else " "
    return not after.isalnum() and not before.isspace()


def find_quotes(text: str, min_words: int = 2) -> list[Quote]:
    """All quoted passages, outermost first in text order; nested quotes are not returned."""
    found: list[Quote] = []
    for para in re.finditer(r"[^\n]+", text):
        p0, ptext = para.start(), para.group()
        taken: list[tuple[int, int]] = []
        # an odd number of straight double quotes: one of them is unclosed (with an even number a
        # mark glued to the next word, 'wrong. "Perry is …', is still read as a close)
        odd_straight = ptext.count('"') % 2 == 1
        for open_mark, close_mark in PAIRS:
            i = 0
            while i < len(ptext):
                j = ptext.find(open_mark, i)
                if j < 0:
                    break
                if open_mark in "‘'\"" and not _opens(ptext, j):
                    i = j + 1
                    continue
                k = j + 1
                close = -1
                reopen = -1
                while True:
                    k = ptext.find(close_mark, k)
                    if k < 0:
                        break
                    if close_mark in "’'\"" and not _closes(ptext, k):
                        if open_mark == '"' and odd_straight and _opens(ptext, k):
                            # a second opening mark before any close: the first quote was never
                            # closed ("He said …, Graham said. "He is …"), so it is ignored and
                            # the second one is paired instead of swallowing the credit between
                            reopen = k
                            break
                        k += 1
                        continue
                    close = k
                    break
                if close < 0:
                    if reopen < 0:
                        break
                    i = reopen
                    continue
                inner = ptext[j + 1 : close]
                if len(inner.split()) >= min_words and not any(
                    a <= j < b or a < close < b for a, b in taken
                ):
                    taken.append((j, close + 1))
                    found.append(Quote(p0 + j, p0 + close + 1, p0 + j + 1, p0 + close))
                i = close + 1
    found.sort(key=lambda q: q.start)
    return found


def quote_at(quotes: list[Quote], start: int, end: int, min_share: float = 0.6) -> Quote | None:
    """The quote that covers most of [start, end), if it covers at least ``min_share`` of it."""
    best, best_cov = None, 0
    for q in quotes:
        cov = max(0, min(end, q.inner_end) - max(start, q.inner_start))
        if cov > best_cov:
            best, best_cov = q, cov
    if best is not None and end > start and best_cov / (end - start) >= min_share:
        return best
    return None
