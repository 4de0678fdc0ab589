"""A small Okapi BM25 over a sparse term matrix (numpy + scipy), built in memory.

Why our own: it is a few dozen lines, needs nothing beyond what scikit-learn already brings,
and the same code serves fact-checks and (where SQLite FTS5 is missing) evidence passages.
Scoring a query is one sparse row-slice per query term, so 20k documents score in well under
a millisecond per term.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ..stems import light as stem

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_URL = re.compile(r"(?:https?://|pic\.twitter\.com/)\S+", re.I)
STOP = frozenset("""a about above after again against all am an and any are aren't as at be because been before
being below between both but by can did do does doing don't down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it it's its itself just me more most my
myself no nor not of off on once only or other our ours ourselves out over own same she should so some such than
that that's the their theirs them themselves then there these they this those through to too under until up very
was we were what when where which while who whom why will with would you your yours yourself yourselves says said
say also via""".split())


def tokenize(text: str) -> list[str]:
    """Lower-cased content words, lightly stemmed; URLs dropped (they never match a fact-check)."""
    text = _URL.sub(" ", text.lower().replace("’", "'"))
    return [stem(w) for w in _WORD.findall(text) if w not in STOP and len(w) > 1]


RULE_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def content_stems(text: str) -> dict[str, tuple[int, int]]:
    """Content-word stems → offsets of their first word, for the stance rules (agreement
    signals, the nationality rule): hyphenated words kept whole, no numbers, 3+ letters, the
    same stop words and stems as :func:`tokenize`."""
    out: dict[str, tuple[int, int]] = {}
    for m in RULE_WORD.finditer(text):
        w = m.group(0).lower()
        if w not in STOP and len(w) > 2:
            out.setdefault(stem(w), (m.start(), m.end()))
    return out


class BM25:
    """Okapi BM25 (k1, b) over a fixed list of texts."""

    def __init__(self, texts: Sequence[str], k1: float = 1.2, b: float = 0.75, keep_sets: bool = True) -> None:
        """``keep_sets=False`` for long texts (fact-check articles): their word sets are not needed."""
        from scipy import sparse

        self.vocab: dict[str, int] = {}
        self.token_sets: list[frozenset[str]] = []  # kept: re-ranking features need them per candidate
        rows, cols, vals = [], [], []
        lengths = np.zeros(len(texts), dtype=np.float32)
        for i, text in enumerate(texts):
            counts: dict[int, int] = {}
            toks = tokenize(text)
            if keep_sets:
                self.token_sets.append(frozenset(toks))
            lengths[i] = len(toks)
            for t in toks:
                j = self.vocab.setdefault(t, len(self.vocab))
                counts[j] = counts.get(j, 0) + 1
            rows.extend([i] * len(counts))
            cols.extend(counts.keys())
            vals.extend(counts.values())
        n = max(1, len(texts))
        tf = sparse.csr_matrix((np.asarray(vals, dtype=np.float32), (rows, cols)),
                               shape=(len(texts), max(1, len(self.vocab))))
        df = np.bincount(np.asarray(cols, dtype=np.int64), minlength=tf.shape[1]).astype(np.float32)
        self.idf = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
        avg = float(lengths.mean()) if len(texts) else 1.0
        norm = k1 * (1 - b + b * lengths / max(avg, 1e-6))
        tf = tf.tocoo()
        weight = tf.data * (k1 + 1) / (tf.data + norm[tf.row])
        self.matrix = sparse.csc_matrix((weight.astype(np.float32), (tf.row, tf.col)), shape=tf.shape)
        self.size = len(texts)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every document for the query (zeros where nothing matches)."""
        out = np.zeros(self.size, dtype=np.float32)
        ids = [self.vocab[t] for t in set(tokenize(query)) if t in self.vocab]
        ptr, rows, data = self.matrix.indptr, self.matrix.indices, self.matrix.data
        for j in ids:
            lo, hi = ptr[j], ptr[j + 1]
            out[rows[lo:hi]] += data[lo:hi] * self.idf[j]
        return out
