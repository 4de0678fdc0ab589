"""Store operations for verification: fact-checks, evidence passages, vectors, verdicts.

Functions take a :class:`Store` rather than living on it, so the core store stays small and
this concept owns its own SQL. Every multi-row write is one transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy as np

from ..errors import StoreError
from ..stems import fts_forms
from .sqlite import Store, now


def _tx(store: Store):  # small context manager without importing contextlib at call sites
    class _T:
        def __enter__(self) -> None:
            store.conn.execute("BEGIN IMMEDIATE")

        def __exit__(self, et: object, ev: object, tb: object) -> None:
            if et is None:
                store.conn.execute("COMMIT")
            elif store.conn.in_transaction:
                store.conn.execute("ROLLBACK")

    return _T()


# -- fact-checks -----------------------------------------------------------------------------

def add_factchecks(store: Store, factchecks: Iterable[Any]) -> int:
    """Insert or refresh fact-checks (by id); returns how many were written."""
    rows = []
    stamp = now()
    for fc in factchecks:
        rows.append((fc.id, fc.collection, fc.claim, fc.rating, fc.rating_value, fc.reviewer,
                     fc.claimant, fc.date, fc.url, fc.title,
                     json.dumps(fc.to_dict(), ensure_ascii=False), stamp))
    try:
        with _tx(store):
            store.conn.executemany(
                "INSERT INTO factchecks(id, collection, claim, rating, rating_value, reviewer, claimant, "
                "date, url, title, json, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT(id) DO UPDATE SET claim=excluded.claim, rating=excluded.rating, "
                "rating_value=excluded.rating_value, reviewer=excluded.reviewer, claimant=excluded.claimant, "
                "date=excluded.date, url=excluded.url, title=excluded.title, json=excluded.json",
                rows)
            # a changed claim invalidates its stored vector
            store.conn.executemany("DELETE FROM verify_vectors WHERE kind='factcheck' AND item_id=?",
                                   [(r[0],) for r in rows])
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot write fact-checks to {store.path}: {exc}") from None
    return len(rows)


def factchecks(store: Store) -> list[Any]:
    from ..verify.factchecks import FactCheck

    return [FactCheck.from_dict(json.loads(r[0]))
            for r in store.conn.execute("SELECT json FROM factchecks ORDER BY id")]


def factcheck_count(store: Store) -> int:
    return int(store.conn.execute("SELECT count(*) FROM factchecks").fetchone()[0])


# -- evidence ----------------------------------------------------------------------------------

def fts_available(store: Store) -> bool:
    """Create the SQLite FTS5 index over passages if this SQLite has FTS5; False otherwise
    (and for PostgreSQL, whose error for the SQLite-only statement is not sqlite3's)."""
    if not isinstance(store.conn, sqlite3.Connection):
        return False
    try:
        store.conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS evidence_fts USING fts5(passage_id UNINDEXED, text, tokenize='porter unicode61')")
        return True
    except sqlite3.OperationalError:
        return False


def add_evidence_doc(store: Store, doc: dict[str, Any], passages: list[dict[str, Any]]) -> bool:
    """Store one evidence document with its passages; True if new. Re-adding replaces it."""
    use_fts = fts_available(store)
    try:
        with _tx(store):
            old = store.conn.execute("SELECT 1 FROM evidence_docs WHERE id=?", (doc["id"],)).fetchone()
            if old:
                ids = [r[0] for r in store.conn.execute(
                    "SELECT id FROM evidence_passages WHERE doc_id=?", (doc["id"],))]
                if use_fts:
                    store.conn.executemany("DELETE FROM evidence_fts WHERE passage_id=?", [(i,) for i in ids])
                store.conn.executemany("DELETE FROM verify_vectors WHERE kind='passage' AND item_id=?",
                                       [(i,) for i in ids])
                store.conn.execute("DELETE FROM evidence_passages WHERE doc_id=?", (doc["id"],))
                store.conn.execute("DELETE FROM evidence_docs WHERE id=?", (doc["id"],))
            store.conn.execute(
                "INSERT INTO evidence_docs(id, source, title, url, published, text, created_at) "
                "VALUES (?,?,?,?,?,?,?)",
                (doc["id"], doc["source"], doc.get("title"), doc.get("url"), doc.get("published"),
                 doc["text"], now()))
            first = _reserve_passage_keys(store, len(passages))
            store.conn.executemany(
                "INSERT INTO evidence_passages(id, doc_id, seq, start_char, end_char, text, n) "
                "VALUES (?,?,?,?,?,?,?)",
                [(p["id"], doc["id"], p["seq"], p["start"], p["end"], p["text"], first + i)
                 for i, p in enumerate(passages)])
            if use_fts:
                store.conn.executemany("INSERT INTO evidence_fts(passage_id, text) VALUES (?,?)",
                                       [(p["id"], p["text"]) for p in passages])
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot write evidence to {store.path}: {exc}") from None
    return old is None


def _reserve_passage_keys(store: Store, count: int) -> int:
    """The first of ``count`` fresh passage keys (``evidence_passages.n``), inside the caller's
    transaction. Keys are never reused, so an ANN index saved before a document was replaced
    can hold stale keys (filtered out at search) but never a key pointing at another passage."""
    if count == 0:
        return 0
    row = store.conn.execute("UPDATE verify_counters SET value = value + ? WHERE name = 'evidence_passages' "
                             "RETURNING value", (count,)).fetchone()
    return int(row[0]) - count + 1


def passage_keys(store: Store, doc_id: str) -> dict[str, int]:
    """Passage id → ANN key for one document's passages."""
    return {r[0]: int(r[1]) for r in store.conn.execute(
        "SELECT id, n FROM evidence_passages WHERE doc_id = ?", (doc_id,))}


_PASSAGE_COLS = ("p.id, p.doc_id, p.seq, p.start_char, p.end_char, p.text, d.source, d.title, d.url, "
                 "d.published")


def _passage(row: sqlite3.Row) -> dict[str, Any]:
    return {"id": row[0], "doc_id": row[1], "seq": row[2], "start": row[3], "end": row[4],
            "text": row[5], "source": row[6], "title": row[7], "url": row[8], "published": row[9]}


def passages(store: Store) -> Iterator[dict[str, Any]]:
    for r in store.conn.execute(f"SELECT {_PASSAGE_COLS} FROM evidence_passages p "
                                "JOIN evidence_docs d ON d.id = p.doc_id ORDER BY p.doc_id, p.seq"):
        yield _passage(r)


def passages_by_id(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for r in store.conn.execute(f"SELECT {_PASSAGE_COLS} FROM evidence_passages p JOIN evidence_docs d "
                                    f"ON d.id = p.doc_id WHERE p.id IN ({marks})", chunk):
            out[r[0]] = _passage(r)
    return out


def evidence_doc_text(store: Store, doc_id: str) -> str | None:
    """The full text of one evidence document (the near-duplicate test compares whole texts)."""
    row = store.conn.execute("SELECT text FROM evidence_docs WHERE id=?", (doc_id,)).fetchone()
    return None if row is None else str(row[0])


def passage_count(store: Store) -> int:
    return int(store.conn.execute("SELECT count(*) FROM evidence_passages").fetchone()[0])


def passage_key_range(store: Store) -> tuple[int, int]:
    """(number of passages, highest passage key or -1): what a derived passage index must
    match to be current (keys only grow, so a change of either means rows came or went)."""
    row = store.conn.execute("SELECT count(*), max(n) FROM evidence_passages").fetchone()
    return int(row[0]), -1 if row[1] is None else int(row[1])


def passage_texts_after(store: Store, key: int, upto: int,
                        batch: int = 20_000) -> Iterator[tuple[list[int], list[str]]]:
    """(keys, texts) of passages with key in (``key``, ``upto``], in key order, in keyset pages."""
    while True:
        rows = store.conn.execute("SELECT n, text FROM evidence_passages WHERE n > ? AND n <= ? ORDER BY n "
                                  "LIMIT ?", (key, upto, batch)).fetchall()
        if not rows:
            return
        key = int(rows[-1][0])
        yield [int(r[0]) for r in rows], [str(r[1]) for r in rows]


def passage_count_after(store: Store, key: int, upto: int) -> int:
    """Passages with key in (``key``, ``upto``]."""
    return int(store.conn.execute("SELECT count(*) FROM evidence_passages WHERE n > ? AND n <= ?",
                                  (key, upto)).fetchone()[0])


def passage_key_array(store: Store, upto: int) -> np.ndarray:
    """Every passage key up to ``upto``, ascending (int64)."""
    return np.fromiter((r[0] for r in store.conn.execute(
        "SELECT n FROM evidence_passages WHERE n <= ? ORDER BY n", (upto,))), dtype=np.int64)


def passage_ids_by_key(store: Store, keys: list[int]) -> dict[int, str]:
    """Passage key → passage id for the keys still in the database (removed ones drop out)."""
    out: dict[int, str] = {}
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        out.update((int(r[0]), r[1]) for r in store.conn.execute(
            f"SELECT n, id FROM evidence_passages WHERE n IN ({','.join('?' * len(chunk))})", chunk))
    return out


def fts_rarest(store: Store, words: list[str], keep: int = 10, max_df: int | None = None,
               postings: int | None = None) -> list[str]:
    """The query words FTS5 is asked for: ``rarest_words`` by the document frequencies of the
    FTS5 vocabulary table.

    Why not all of them: an OR query makes FTS5 compute bm25 for every passage containing any
    of its words, so its cost is the sum of their document frequencies; the rare words carry
    the match (bm25's idf: a word in 100 of 1M passages weighs ~9, one in 50,000 ~3). A word
    is looked up under the forms SQLite's porter tokenizer stores (``stems.fts_forms``).
    Looking it up raw and lightly stemmed, as before, missed every word porter cuts deeper
    ("government" is stored as "govern") and dropped it from the query: on CLEF 2B debate
    sentences over 276,682 PolitiFact article passages the gold article's passage was in the
    lexical top 5 for 52.6 % of queries then, 61.3 % now.
    """
    if len(words) <= keep and max_df is None and postings is None:
        return words
    store.conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS evidence_fts_vocab USING fts5vocab(evidence_fts, 'row')")

    def doc_count(form: str) -> int:
        row = store.conn.execute("SELECT doc FROM evidence_fts_vocab WHERE term = ?", (form,)).fetchone()
        return int(row[0]) if row else 0

    return rarest_words(words, doc_count, keep, max_df, postings)


def rarest_words(words: list[str], doc_count: Callable[[str], int], keep: int = 10,
                 max_df: int | None = None, postings: int | None = None) -> list[str]:
    """The ``keep`` rarest of the query words, ``doc_count`` giving the passages holding an
    FTS5 term (0: none); with a ``postings`` budget, only as many of them (rarest first, at
    least one) as have that many passages between them. A word's frequency is the lowest
    among its ``stems.fts_forms`` found; words found under none are dropped (they cannot
    match), and words in over ``max_df`` passages too (they rank little but cost a scan of
    their postings), unless nothing else is left. Shared by FTS5 (``fts_rarest``) and the
    passage text index (``verify/textindex.py``), so both search the same words.
    """
    df: dict[str, int] = {}
    for w in words:
        for form in fts_forms(w):
            count = doc_count(form)
            if count:
                df[w] = min(df.get(w, count), count)
    known = sorted(df, key=lambda w: (df[w], w))
    if max_df is not None:
        known = [w for w in known if df[w] <= max_df] or known[:1]
    if not known:
        return words[:keep]
    known = known[:keep]
    if postings is not None:
        total, n = 0, 0
        while n < len(known) and (n == 0 or total + df[known[n]] <= postings):
            total += df[known[n]]
            n += 1
        known = known[:n]
    return known


def fts_search(store: Store, query_terms: list[str], limit: int = 50, max_df: int | None = None,
               postings: int | None = None) -> list[tuple[str, float]]:
    """FTS5 BM25 over passages (OR of the rarest terms, see ``fts_rarest``); higher score is
    better. [] if no FTS5."""
    if not query_terms or not fts_available(store):
        return []
    query_terms = fts_rarest(store, query_terms, max_df=max_df, postings=postings)
    expr = " OR ".join('"' + t.replace('"', "") + '"' for t in query_terms)
    rows = store.conn.execute(
        "SELECT passage_id, bm25(evidence_fts) AS s FROM evidence_fts WHERE evidence_fts MATCH ? "
        "ORDER BY s LIMIT ?", (expr, limit)).fetchall()
    return [(r[0], -float(r[1])) for r in rows]  # FTS5 bm25() is lower-is-better


# -- vectors -----------------------------------------------------------------------------------

def put_vectors(store: Store, kind: str, model: str, items: list[tuple[str, np.ndarray]]) -> None:
    with _tx(store):
        store.conn.executemany(
            "INSERT INTO verify_vectors(kind, item_id, model, dim, vector) VALUES (?,?,?,?,?) "
            "ON CONFLICT(kind, item_id, model) DO UPDATE SET dim=excluded.dim, vector=excluded.vector",
            [(kind, i, model, int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes()) for i, v in items])


def get_vectors(store: Store, kind: str, model: str) -> dict[str, np.ndarray]:
    return {r[0]: np.frombuffer(r[1], dtype=np.float32)
            for r in store.conn.execute("SELECT item_id, vector FROM verify_vectors WHERE kind=? AND model=?",
                                        (kind, model))}


# The vector as a correlated sub-query rather than a join: the planner otherwise scans every
# passage vector (the primary key starts with ``kind``) instead of following ``p.n``.
_KEYED_VECTOR = ("(SELECT v.vector FROM verify_vectors v "
                 "WHERE v.kind = 'passage' AND v.item_id = p.id AND v.model = ?)")


def passage_vectors_after(store: Store, model: str, key: int,
                          batch: int = 10_000) -> Iterator[tuple[list[int], np.ndarray]]:
    """Passage vectors with ANN key above ``key``, in key order, ``batch`` rows at a time.

    Keyset pages rather than one cursor: PostgreSQL's client cursor would fetch every row
    at once, and a rebuild of a million passages must not hold 1.5 GB of float32 in memory."""
    while True:
        rows = store.conn.execute(f"SELECT p.n, {_KEYED_VECTOR} FROM evidence_passages p "
                                  "WHERE p.n > ? ORDER BY p.n LIMIT ?", (model, key, batch)).fetchall()
        if not rows:
            return
        key = int(rows[-1][0])
        rows = [r for r in rows if r[1] is not None]  # passages stored without embeddings
        if rows:
            yield [int(r[0]) for r in rows], np.vstack([np.frombuffer(bytes(r[1]), dtype=np.float32) for r in rows])


def has_passage_vectors_after(store: Store, model: str, key: int) -> bool:
    """Whether the database holds passage vectors an ANN index saved up to ``key`` lacks."""
    return store.conn.execute(f"SELECT 1 FROM evidence_passages p WHERE p.n > ? AND EXISTS {_KEYED_VECTOR} "
                              "LIMIT 1", (key, model)).fetchone() is not None


def passage_vectors_by_key(store: Store, model: str, keys: list[int]) -> list[tuple[str, np.ndarray]]:
    """(passage id, float32 vector) for the ANN keys still in the database (stale keys drop out)."""
    out: list[tuple[str, np.ndarray]] = []
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        marks = ",".join("?" * len(chunk))
        out.extend((r[0], np.frombuffer(bytes(r[1]), dtype=np.float32)) for r in store.conn.execute(
            f"SELECT p.id, {_KEYED_VECTOR} FROM evidence_passages p WHERE p.n IN ({marks})", [model, *chunk])
            if r[1] is not None)
    return out


# -- verdicts ----------------------------------------------------------------------------------

def save_verdicts(store: Store, article_id: str, verdicts: list[dict[str, Any]]) -> None:
    """Replace the stored verdicts of one article (a re-run supersedes the previous one)."""
    with _tx(store):
        store.conn.execute("DELETE FROM verdicts WHERE article_id=?", (article_id,))
        store.conn.executemany(
            "INSERT INTO verdicts(id, article_id, claim_id, label, reason, json, created_at) VALUES (?,?,?,?,?,?,?)",
            [(f"{article_id}:{v['claim_id']}", article_id, v["claim_id"], v["label"], v["reason"],
              json.dumps(v, ensure_ascii=False), now()) for v in verdicts])


def verdicts(store: Store, article_id: str) -> list[dict[str, Any]]:
    return [json.loads(r[0]) for r in store.conn.execute(
        "SELECT json FROM verdicts WHERE article_id=? ORDER BY claim_id", (article_id,))]
