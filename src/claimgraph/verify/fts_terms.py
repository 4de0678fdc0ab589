"""SQLite FTS5's own terms for a text, outside the store: the tokenizer of the passage text index.

The passage text index (``verify/textindex.py``) must hold exactly the terms the store's FTS5
table ``evidence_fts`` holds (``tokenize='porter unicode61'``), so that its BM25 is FTS5's
``bm25()`` and switching between the two changes no ranking. Re-implementing unicode61 (case
folding, diacritics, which characters separate tokens) and SQLite's porter variant in Python
would drift at the edges (``stems.fts_forms`` documents two step-2 rules where they part), so
the terms come from SQLite itself: a private in-memory database with a temporary FTS5 table of
the same tokenizer, read back through ``fts5vocab(..., 'instance')``.

Reading every token instance back from SQLite is slow (~48 s per million synthetic passages,
measured), so only *distinct whitespace-separated chunks* go through SQLite, each once, and are
cached. This is exact: every Unicode whitespace character is a separator for unicode61 (its
token characters are letters, numbers and private-use characters), so a text's tokens are its
chunks' tokens in order; porter stems each token alone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

CACHE_LIMIT = 1_000_000
"""Distinct chunks kept between calls: bounds memory on a large, varied corpus (a chunk is a
word with its punctuation and case, so real text has several per term); cleared when full."""


class Fts5Terms:
    """Text → FTS5 terms, with SQLite's ``porter unicode61`` tokenizer (see the module doc)."""

    def __init__(self) -> None:
        self.conn = sqlite3.connect(":memory:", isolation_level=None)
        self.conn.execute("CREATE VIRTUAL TABLE temp.tok USING fts5(text, tokenize='porter unicode61')")
        self.conn.execute("CREATE VIRTUAL TABLE temp.tok_i USING fts5vocab(temp, tok, 'instance')")
        self._chunks: dict[str, tuple[str, ...]] = {}

    @staticmethod
    def available() -> bool:
        """Whether this Python's SQLite has FTS5 (the text index needs it to tokenize)."""
        try:
            Fts5Terms()
            return True
        except sqlite3.OperationalError:
            return False

    def _learn(self, chunks: list[str]) -> None:
        """Tokenize unseen chunks in one SQLite round trip (one row per chunk)."""
        found: dict[int, list[tuple[int, str]]] = {}
        self.conn.execute("BEGIN")
        try:
            self.conn.executemany("INSERT INTO tok(rowid, text) VALUES (?, ?)", enumerate(chunks))
            for term, doc, offset in self.conn.execute("SELECT term, doc, offset FROM tok_i"):
                found.setdefault(doc, []).append((offset, term))
            self.conn.execute("DELETE FROM tok")
        finally:
            self.conn.execute("COMMIT")
        for i, chunk in enumerate(chunks):
            self._chunks[chunk] = tuple(t for _, t in sorted(found.get(i, ())))

    def terms(self, texts: Iterable[str]) -> list[list[str]]:
        """Each text's FTS5 terms in order (repeats kept: they are term frequencies)."""
        split = [t.split() for t in texts]
        new = {c for chunks in split for c in chunks if c not in self._chunks}
        if new and len(self._chunks) + len(new) > CACHE_LIMIT:
            self._chunks.clear()
            new = {c for chunks in split for c in chunks}
        if new:
            self._learn(sorted(new))
        cache = self._chunks
        out: list[list[str]] = []
        for chunks in split:
            terms: list[str] = []
            for c in chunks:
                terms.extend(cache[c])
            out.append(terms)
        return out

    def term(self, word: str) -> str | None:
        """The term FTS5 stores for one query word (None if it has no token or several)."""
        found = self.terms([word])[0]
        return found[0] if len(found) == 1 else None
