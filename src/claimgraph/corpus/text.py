"""Word-level text helpers shared by near-duplicate detection, families and diffs.

A regex tokenizer and a small stop list of our own, because they run on every claim of every
article in the ingest loop, and because the same tokens must come out in the worker that
computes a signature and in the process that compares two claims (word shingles feed MinHash
signatures stored in the database: :func:`words` must not change). Stems come from
:mod:`claimgraph.stems`, the one home of every stemmer.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Set as AbstractSet

from ..stems import light_v1, snowball_all

_WORD = re.compile(r"[A-Za-z0-9]+(?:[.,'’][A-Za-z0-9]+)*")

STOPWORDS = frozenset(
    """a an the and or but if of at by for with about against between into through during before
    after above below to from up down in out on off over under again further then once here there
    when where why how all any both each few more most other some such only own same so than too
    very can will just should now is are was were be been being have has had having do does did
    doing would could might must shall may this that these those it its it's i me my we our you
    your he him his she her they them their what which who whom as also said says say told
    according""".split()
)


def words(text: str) -> list[str]:
    """Lower-cased word tokens (numbers with separators kept whole: "1,200", "3.5")."""
    # each match lower-cased on its own, never the text first: "K" (Kelvin sign) lower-cases to
    # an ASCII "k" and would become a word
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """Word tokens with their offsets, original case kept (for diffs shown to people)."""
    return [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]


def _content(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS and len(w) > 1]


def content_tokens(text: str) -> list[str]:
    """Stemmed words that carry meaning, in order (no stop words, no one-letter tokens).

    Snowball stems (``stems.snowball``): they link the forms of one word that the old
    plural/-ing/-ed stripper missed ("elections"/"elected", "vaccines"/"vaccination"), which
    measured better for claim families (see ``claimgraph.stems``)."""
    return snowball_all(_content(text))


def content_tokens_v1(text: str) -> list[str]:
    """:func:`content_tokens` as ``hashed-lexical-v1`` vectors were made (``stems.light_v1``):
    those vectors live on in saved indexes, so their words must not change."""
    return [light_v1(w) for w in _content(text)]


def content_words(text: str) -> set[str]:
    """The set of :func:`content_tokens`."""
    return set(content_tokens(text))


@functools.lru_cache(maxsize=32_768)
def content_word_set(text: str) -> frozenset[str]:
    """:func:`content_words`, kept for the most recent texts.

    The family linker compares each new claim with ~40 stored and same-article claims and
    needs their words every time; recomputing them (regex, stop list, stemmer) was the largest
    cost of linking. Frozen, so a caller cannot change what the next one gets."""
    return frozenset(content_tokens(text))


def lexical_overlap(a: str | AbstractSet[str], b: str | AbstractSet[str]) -> float:
    """Overlap coefficient of content words: |A∩B| / min(|A|,|B|).

    The overlap coefficient, not Jaccard, because one outlet often shortens a claim another
    outlet tells in full; the shorter telling should still count as the same claim.
    """
    sa = a if isinstance(a, (set, frozenset)) else content_words(a)
    sb = b if isinstance(b, (set, frozenset)) else content_words(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def coverage(a: str | AbstractSet[str], b: str | AbstractSet[str]) -> float:
    """Shared content words over the *longer* claim's: |A∩B| / max(|A|,|B|).

    The complement of :func:`lexical_overlap`: a four-word fragment inside a 30-word sentence
    has overlap 1.0 but coverage 0.13, so "contained in" is not taken for "the same claim".
    """
    sa = a if isinstance(a, (set, frozenset)) else content_words(a)
    sb = b if isinstance(b, (set, frozenset)) else content_words(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / max(len(sa), len(sb))


def shingles(text: str, size: int = 5) -> set[str]:
    """Word n-gram shingles for MinHash; short texts give their whole word sequence."""
    toks = words(text)
    if len(toks) < size:
        return {" ".join(toks)} if toks else set()
    return {" ".join(toks[i : i + size]) for i in range(len(toks) - size + 1)}
