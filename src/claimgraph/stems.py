"""Word stems: the one place claimgraph turns a word into its stem, and which stem each part uses.

Stemming is not one decision: each part that compares words was measured with the stems it
uses, and the best stem differs (numbers from ``claimgraph eval …``, docs/calibration.md and
docs/calibration-verify.md):

* :func:`snowball` — Snowball English (PyStemmer, the libstemmer C library). Content words of
  claims (``corpus.text.content_tokens``): claim families' word overlap, provenance's closest
  earlier telling. On the CLEF 2B family pairs it raised dev precision 0.842 → 0.875 and F0.5
  0.370 → 0.445 with the same calibrated thresholds (the calibration picks them again).
* :func:`fts_forms` — the term SQLite FTS5's ``porter`` tokenizer stores for a word, to look
  query words up in the FTS5 vocabulary (``store.verify_ops.fts_rarest``). The search itself is
  stemmed by SQLite; only the document-frequency lookup needs our copy of its stemmer.
* :func:`light` — a hand-written plural and -ing/-ed stripper, kept for fact-check matching
  (``verify.bm25``) and the stance rules (``verify.signals``, ``verify.nationality``): the
  matching re-ranker's weights and threshold were fitted on these stems, and Snowball lowered
  CLEF 2B dev MAP@5 0.451 → 0.439 (Porter: 0.428).
* :func:`light_v1` — frozen: the stems of ``hashed-lexical-v1`` vectors, which live on in saved
  ANN indexes; new vectors must come out the same until that embedder gets a new name.
"""

from __future__ import annotations

import functools
import threading

import Stemmer

_local = threading.local()


def _stemmer(algorithm: str) -> Stemmer.Stemmer:
    """This thread's stemmer: a PyStemmer object is not safe to share between threads (ingest
    workers and the server's request threads stem at the same time)."""
    stemmer: Stemmer.Stemmer | None = getattr(_local, algorithm, None)
    if stemmer is None:
        stemmer = Stemmer.Stemmer(algorithm)
        setattr(_local, algorithm, stemmer)
    return stemmer


def snowball(word: str) -> str:
    """Snowball English stem of a lower-cased word ("elections" → "elect")."""
    return str(_stemmer("english").stemWord(word))


def snowball_all(words: list[str]) -> list[str]:
    """:func:`snowball` of every word, in one call (cheaper per word)."""
    return [str(w) for w in _stemmer("english").stemWords(words)]


# SQLite's porter tokenizer departs from the Porter algorithm of PyStemmer in two step-2 rules,
# as Porter's own C release does: "-logi" → "-log" and "-bli" → "-ble" (then step 5 drops the
# "e"). On 39,837 distinct words of PolitiFact articles these were the only differences (58
# words, 0.05 % of tokens: "apology", "assembly", "credibly").
_SQLITE_DEPARTURES = ("logi", "bli")


def fts_forms(word: str) -> set[str]:
    """The forms under which SQLite FTS5 (``tokenize='porter unicode61'``) may have stored
    ``word``: the word itself (a term porter leaves alone) and its Porter stem, with SQLite's
    own variant where it departs from the algorithm."""
    stem = str(_stemmer("porter").stemWord(word))
    forms = {word, stem}
    if stem.endswith(_SQLITE_DEPARTURES):
        forms.add(stem[:-1])
    return forms


@functools.lru_cache(maxsize=200_000)
def light(word: str) -> str:
    """A deliberately light suffix stripper: plural and common inflections only (no Porter
    rules), for fact-check matching (see the module docstring for why it stays)."""
    word = word.removesuffix("'s")
    for suf, min_len in (("ies", 5), ("ing", 6), ("ed", 5), ("es", 5), ("s", 4)):
        if word.endswith(suf) and len(word) >= min_len and not word.endswith("ss"):
            return word[: -len(suf)] + ("y" if suf == "ies" else "")
    return word


def light_v1(word: str) -> str:
    """The stems of ``hashed-lexical-v1`` vectors (plural and -ing/-ed endings); frozen, see the
    module docstring."""
    for suffix, keep in (("ies", 3), ("ing", 4), ("ed", 4), ("es", 4), ("s", 3)):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            return word[: -len(suffix)]
    return word
