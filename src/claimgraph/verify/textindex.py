"""The passage text index: FTS5's terms and BM25 in memory-mapped numpy postings beside the store.

Why: at a million passages SQLite FTS5 took ~170 ms a query (p50, 2 shared cores), 90 % of
evidence search, though each query only ORs its ten rarest words: FTS5 computes ``bm25()`` for
every passage holding any of them (up to 5 % of the store each) through an auxiliary-function
callback, one row at a time, then sorts. The same scores are a handful of vectorised numpy
operations over each word's postings: passage numbers and term frequencies (uint16: passages
are at most 600 characters), read straight from a memory-mapped file. The ranking is FTS5's, not an
approximation: the terms are those SQLite's own ``porter unicode61`` tokenizer produces
(``verify/fts_terms.py``), the words kept are those ``store.verify_ops.rarest_words`` keeps for
FTS5, and the score is FTS5's ``bm25()`` (k1 = 1.2, b = 0.75, its idf with the 1e-6 floor,
document length in tokens, the average over the live passages, one addend per query word). A
store switching between the two paths above ``TEXT_INDEX_MIN_PASSAGES`` keeps its results.

The file ``<db>.passages.fts`` (``verify/arrayfile.py``) is derived, like the ANN file
``<db>.passages.usearch``: SQLite stays the source of truth. Passages are numbered in key
order (``evidence_passages.n``, never reused), so the index is current exactly when it has as
many passages as the database and the same highest key (an added passage raises the highest
key, a removed one lowers the count). Otherwise it is caught up on open (and at the end of
``evidence add``): new passages are tokenized and appended, removed ones dropped, and the file
rewritten; it never answers from a stale state. Postings of one term are sorted by passage,
not by impact: exhaustive scoring of the rarest words measured fast enough (docs/verify.md), so
no early termination, which would need impacts fixed at build time while FTS5's depend on
the current average length.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from .arrayfile import load_arrays, save_arrays
from .fts_terms import Fts5Terms

FORMAT = 2
K1, B = 1.2, 0.75  # FTS5 bm25() defaults
PREFIX = 16  # bytes of each term kept in the sorted lookup array
_ARRAYS = ("keys", "lengths", "term_blob", "term_offsets", "term_order", "term_prefix", "post_offsets",
           "post_docs", "post_tfs")


class TextIndex:
    """BM25 postings of passages (see the module docstring); arrays may be memory-mapped."""

    def __init__(self, arrays: dict[str, np.ndarray], max_key: int, total_tokens: int) -> None:
        for name in _ARRAYS:
            setattr(self, name, arrays[name])
        self.keys: np.ndarray  # passage key (evidence_passages.n) of each passage number, ascending
        self.lengths: np.ndarray  # tokens per passage (FTS5's document size)
        self.term_blob: np.ndarray  # UTF-8 of every term, in term-id order
        self.term_offsets: np.ndarray  # term id -> its slice of term_blob
        self.term_order: np.ndarray  # term ids sorted by term (UTF-8 bytes)
        self.term_prefix: np.ndarray  # the first PREFIX bytes of those terms, for np.searchsorted
        self.post_offsets: np.ndarray  # term id -> its slice of post_docs / post_tfs
        self.post_docs: np.ndarray  # passage numbers, ascending within a term
        self.post_tfs: np.ndarray  # occurrences of the term in that passage
        self.max_key = max_key
        self.total_tokens = total_tokens
        self._norm: np.ndarray | None = None
        self._acc: np.ndarray | None = None

    @classmethod
    def empty(cls) -> TextIndex:
        return cls({"keys": np.empty(0, np.int64), "lengths": np.empty(0, np.int32),
                    "term_blob": np.empty(0, np.uint8), "term_offsets": np.zeros(1, np.int64),
                    "term_order": np.empty(0, np.int32), "term_prefix": np.empty(0, f"S{PREFIX}"), "post_offsets": np.zeros(1, np.int64),
                    "post_docs": np.empty(0, np.int32), "post_tfs": np.empty(0, np.uint16)}, -1, 0)

    def __len__(self) -> int:
        return len(self.keys)

    # -- files --------------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> TextIndex | None:
        """The saved index, memory-mapped; None when absent, unreadable or of another format."""
        loaded = load_arrays(path)
        if loaded is None:
            return None
        meta, arrays = loaded
        if meta.get("format") != FORMAT or any(a not in arrays for a in _ARRAYS):
            return None
        return cls(arrays, int(meta["max_key"]), int(meta["total_tokens"]))

    def save(self, path: Path) -> None:
        save_arrays(path, {"format": FORMAT, "max_key": self.max_key, "total_tokens": self.total_tokens,
                           "passages": len(self)}, {a: getattr(self, a) for a in _ARRAYS})

    # -- lookups and search -------------------------------------------------------------------

    def term_text(self, tid: int) -> str:
        return bytes(self.term_blob[self.term_offsets[tid]: self.term_offsets[tid + 1]]).decode()

    def term_id(self, term: str) -> int | None:
        """The term's id, by binary search over the mapped prefixes (one numpy call; a
        vocabulary of hundreds of thousands of terms is never read into a dict)."""
        key = term.encode()
        lo, hi = int(np.searchsorted(self.term_prefix, key[:PREFIX], "left")), \
            int(np.searchsorted(self.term_prefix, key[:PREFIX], "right"))
        for i in range(lo, hi):  # one candidate unless terms share their first PREFIX bytes
            tid = int(self.term_order[i])
            if bytes(self.term_blob[self.term_offsets[tid]: self.term_offsets[tid + 1]]) == key:
                return tid
        return None

    def df(self, term: str) -> int:
        """Passages holding ``term`` (0 if none): FTS5's ``fts5vocab`` ``doc`` column."""
        tid = self.term_id(term)
        return 0 if tid is None else int(self.post_offsets[tid + 1] - self.post_offsets[tid])

    def search(self, terms: list[str | None], n: int) -> list[tuple[int, float]]:
        """(passage key, bm25) of the ``n`` best passages holding any of ``terms``, best first:
        FTS5's ``bm25()`` for the OR of the terms, one addend per term (a repeated term counts
        twice, as a repeated phrase does in FTS5); None or unknown terms match nothing."""
        rows = len(self)
        if not rows:
            return []
        if self._norm is None:  # FTS5's length normalisation, per passage, once per open
            avgdl = self.total_tokens / rows
            self._norm = K1 * (1 - B + B * np.asarray(self.lengths, dtype=np.float64) / avgdl)
        if self._acc is None:  # reused: zeroed again where a query touched it
            self._acc = np.zeros(rows, dtype=np.float64)
        acc = self._acc
        hits = []
        for term in terms:
            tid = None if term is None else self.term_id(term)
            if tid is None:
                continue
            lo, hi = int(self.post_offsets[tid]), int(self.post_offsets[tid + 1])
            if lo == hi:
                continue
            idf = math.log((rows - (hi - lo) + 0.5) / ((hi - lo) + 0.5))
            docs = self.post_docs[lo:hi]
            tf = self.post_tfs[lo:hi].astype(np.float64)
            # FTS5's expression, grouped as fts5_aux.c groups it, so sums are bit-identical and
            # tied passages stay tied
            acc[docs] += max(idf, 1e-6) * ((tf * (K1 + 1)) / (tf + self._norm[docs]))
            hits.append(docs)
        if not hits:
            return []
        cand = np.concatenate(hits) if len(hits) > 1 else hits[0]
        # a passage appears once per term it holds: the top n·terms entries hold n distinct ones
        m = min(len(cand), n * len(hits))
        scores = acc[cand]
        acc[cand] = 0.0
        if m < len(cand):  # every entry tied with the m-th too, so ties are cut as FTS5 cuts them
            top = np.flatnonzero(scores >= -np.partition(-scores, m - 1)[m - 1])
        else:
            top = np.arange(len(cand))
        # best first, ties in passage order (FTS5's: it meets rows in rowid order, which is key order)
        top = top[np.lexsort((cand[top], -scores[top]))]
        out: list[tuple[int, float]] = []
        seen: set[int] = set()
        for i in top:
            doc = int(cand[i])
            if doc not in seen:
                seen.add(doc)
                out.append((int(self.keys[doc]), float(scores[i])))
                if len(out) == n:
                    break
        return out

    # -- updates ------------------------------------------------------------------------------

    def updated(self, alive: np.ndarray | None, batches: Iterable[tuple[list[int], list[list[str]]]]) -> TextIndex:
        """A new in-memory index: this one without the passages ``alive`` marks False (None:
        all kept), plus each batch of (ascending keys above ``max_key``, their terms)."""
        vocab = {self.term_text(t): t for t in range(len(self.term_offsets) - 1)}
        term_of = np.repeat(np.arange(len(vocab), dtype=np.int32), np.diff(self.post_offsets))
        docs, tfs, keys, lengths = self.post_docs, self.post_tfs, self.keys, self.lengths
        if alive is not None and not alive.all():
            renumber = np.cumsum(alive, dtype=np.int64) - 1
            keep = alive[docs]
            term_of, docs, tfs = term_of[keep], renumber[docs[keep]].astype(np.int32), tfs[keep]
            keys, lengths = keys[alive], lengths[alive]
        parts = [(term_of, np.asarray(docs), np.asarray(tfs))]
        new_keys, new_lengths = [np.asarray(keys)], [np.asarray(lengths)]
        first = len(keys)
        for batch_keys, term_lists in batches:
            if not batch_keys:
                continue
            ids = np.fromiter((vocab.setdefault(t, len(vocab)) for terms in term_lists for t in terms),
                              dtype=np.int64)
            sizes = np.fromiter((len(terms) for terms in term_lists), dtype=np.int64, count=len(term_lists))
            owner = np.repeat(np.arange(first, first + len(term_lists), dtype=np.int64), sizes)
            pairs, counts = np.unique((ids << 32) | owner, return_counts=True)  # sorted by (term, passage)
            parts.append(((pairs >> 32).astype(np.int32), (pairs & 0xFFFFFFFF).astype(np.int32),
                          np.minimum(counts, np.iinfo(np.uint16).max).astype(np.uint16)))
            new_keys.append(np.asarray(batch_keys, dtype=np.int64))
            new_lengths.append(sizes.astype(np.int32))
            first += len(term_lists)
        all_terms = np.concatenate([p[0] for p in parts])
        by_term = np.argsort(all_terms, kind="stable")  # stable: passages stay ascending per term
        all_keys, all_lengths = np.concatenate(new_keys), np.concatenate(new_lengths)
        encoded = [t.encode() for t in vocab]
        order = np.asarray(sorted(range(len(encoded)), key=encoded.__getitem__), dtype=np.int32)
        arrays = {
            "keys": all_keys, "lengths": all_lengths,
            "term_blob": np.frombuffer(b"".join(encoded), dtype=np.uint8).copy(),
            "term_offsets": np.concatenate([[0], np.cumsum([len(e) for e in encoded], dtype=np.int64)]).astype(np.int64),
            "term_order": order,
            "term_prefix": np.array([encoded[i][:PREFIX] for i in order], dtype=f"S{PREFIX}"),
            "post_offsets": np.concatenate([[0], np.cumsum(np.bincount(all_terms, minlength=len(encoded)))]).astype(np.int64),
            "post_docs": np.concatenate([p[1] for p in parts])[by_term],
            "post_tfs": np.concatenate([p[2] for p in parts])[by_term],
        }
        return TextIndex(arrays, int(all_keys[-1]) if len(all_keys) else -1, int(all_lengths.sum()))


# -- the index of one store -------------------------------------------------------------------

TEXT_INDEX = "passages.fts"  # file <db>.passages.fts


def text_index_path(store: Any) -> Path | None:
    """``<db>.passages.fts`` for a SQLite file store; None for an in-memory one. PostgreSQL
    stores have no FTS5 table, so no text index (``EvidenceIndex`` uses its in-process BM25)."""
    base = str(getattr(store, "index_base", None) or getattr(store, "path", ""))
    return None if base in ("", ":memory:") else Path(f"{base}.{TEXT_INDEX}")


def open_text_index(store: Any, key_range: tuple[int, int] | None = None) -> TextIndex | None:
    """The store's text index, current with its passages (caught up and saved if behind);
    None for a store without a file location or when SQLite has no FTS5.

    Catching up reads only what changed: passages with a key above the index's highest are
    tokenized and appended; if the count still differs, passages were removed (a document
    re-added), and the index keeps only keys still in the database. Two processes take turns
    (a lock file); a place that cannot be written only costs this process an in-memory index.
    ``key_range``: ``verify_ops.passage_key_range`` if the caller has it (``count(*)`` costs
    tens of milliseconds at a million passages)."""
    from ..corpus.ann import file_lock
    from ..store import verify_ops as ops

    path = text_index_path(store)
    if path is None or not Fts5Terms.available():
        return None
    count, max_key = key_range or ops.passage_key_range(store)
    index = TextIndex.load(path)
    if index is not None and len(index) == count and index.max_key == max_key:
        return index
    try:
        with file_lock(path.with_name(path.name + ".lock")):
            return _catch_up(store, path, Fts5Terms())
    except OSError:  # no lock file possible: read-only place
        return _catch_up(store, path, Fts5Terms(), save=False)


def _catch_up(store: Any, path: Path, terms: Fts5Terms, save: bool = True) -> TextIndex:
    from ..store import verify_ops as ops

    count, max_key = ops.passage_key_range(store)
    index = TextIndex.load(path)  # another process may have caught it up meanwhile
    if index is not None and len(index) == count and index.max_key == max_key:
        return index
    index = index or TextIndex.empty()
    alive = None
    if len(index) + ops.passage_count_after(store, index.max_key, max_key) != count:
        # passages were removed (a document re-added): keep the keys the database still has
        alive = np.isin(np.asarray(index.keys), ops.passage_key_array(store, index.max_key), assume_unique=True)
    batches = ((keys, terms.terms(texts)) for keys, texts in ops.passage_texts_after(store, index.max_key, max_key))
    index = index.updated(alive, batches)
    if save:
        try:
            index.save(path)
            return TextIndex.load(path) or index  # search the mapped file, not a private copy
        except OSError:
            pass
    return index
