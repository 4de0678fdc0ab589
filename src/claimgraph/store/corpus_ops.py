"""Corpus reads and writes on a :class:`~claimgraph.store.Store` (tables in ``schema_corpus``).

The ingest writes one article — article row, analysis, claims, sources, MinHash signature,
copy link, family memberships and the ``corpus_articles`` marker — in ONE transaction
(:func:`write_article`): after a crash or ``kill -9`` an article is either wholly present or
absent, and a rerun skips exactly the present ones (:func:`ingested_ids`). The article and
analysis rows use the same SQL as ``Store.save`` (kept in step by ``tests/test_corpus_store``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import StoreError
from .base import like_exact, like_prefix
from .rows import write_analysis_rows
from .sqlite import Store, now


def _errors(store: Store) -> tuple[type[BaseException], ...]:
    """The driver's error classes (SQLite by default; the PostgreSQL store declares its own)."""
    return getattr(store, "db_errors", (sqlite3.DatabaseError,))


@dataclass(slots=True)
class Membership:
    """A claim's place in a family: the claim it matched (None for a founder) and why."""

    n: int
    family_id: str
    matched_n: int | None
    similarity: float | None
    lexical: float | None
    reason: str
    new_family: bool = False


@dataclass(slots=True)
class ArticleWrite:
    """Everything stored for one ingested article (built by the ingest from a worker result)."""

    result: dict[str, Any]
    claim_ns: list[int]
    memberships: list[Membership] = field(default_factory=list)
    duplicate_of: tuple[str, float] | None = None
    outlet_key: str | None = None
    sources: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (name, kind)
    post_refs: set[tuple[str, str, str, str]] = field(default_factory=set)  # links to posts (schema_posts)


def ingested_ids(store: Store) -> set[str]:
    return {r[0] for r in store.conn.execute("SELECT article_id FROM corpus_articles")}


def is_ingested(store: Store, article_id: str) -> bool:
    return store.conn.execute("SELECT 1 FROM corpus_articles WHERE article_id = ?", (article_id,)).fetchone() is not None


def max_claim_n(store: Store) -> int:
    row = store.conn.execute("SELECT max(n) FROM corpus_claims").fetchone()
    return -1 if row[0] is None else int(row[0])


Plan = Callable[[list[int]], ArticleWrite]


def write_article(store: Store, article_id: str, n_claims: int, plan: Plan) -> bool:
    """Store one analysed article and its corpus rows atomically; False if it was already there.

    Claim numbers come from the database inside the write transaction, not from a counter in
    the process: ``BEGIN IMMEDIATE`` takes SQLite's write lock (the PostgreSQL store takes a
    transaction-scoped advisory lock for it), so ``max(n) + 1`` is read and used by one writer
    at a time and any number of ingests can write one corpus. ``plan(ns)`` builds the rows for
    those numbers (family links need them) while the lock is held; it sees everything other
    writers committed before.
    """
    conn = store.conn
    stamp = now()
    try:
        conn.execute("BEGIN IMMEDIATE")
        if conn.execute("SELECT 1 FROM corpus_articles WHERE article_id = ?", (article_id,)).fetchone():
            conn.execute("ROLLBACK")
            return False
        first = max_claim_n(store) + 1
        w = plan(list(range(first, first + n_claims)))
        _write_rows(conn, w, stamp)
        conn.execute("COMMIT")
        return True
    except _errors(store) as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(f"cannot write to {store.path}: {' '.join(str(exc).split())[:300]}") from None
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _write_rows(conn: Any, w: ArticleWrite, stamp: str) -> None:
    analysis = w.result["analysis"]
    art = analysis["article"]
    write_analysis_rows(conn.execute, analysis)
    for key, (name, kind) in w.sources.items():
        conn.execute("INSERT INTO corpus_sources(key, name, kind, created_at) VALUES (?,?,?,?) "
                     "ON CONFLICT(key) DO NOTHING", (key, name, kind, stamp))
    for n, row in zip(w.claim_ns, w.result["claims"], strict=True):
        conn.execute(
            "INSERT INTO corpus_claims(n, article_id, claim_id, text, core, start_offset, end_offset, "
            "attribution_id, source_name, source_type, source_key, entities, tokens, indexed, facts) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (n, art["id"], row["claim_id"], row["text"], row["core"], row["start"], row["end"],
             row["attribution_id"], row["source_name"], row["source_type"], row["source_key"],
             json.dumps(row["entities"], ensure_ascii=False),
             json.dumps(row.get("tokens", []), ensure_ascii=False), 1 if row["indexed"] else 0,
             json.dumps(row["facts"], ensure_ascii=False) if row.get("facts") is not None else None),
        )
    conn.execute("INSERT INTO corpus_minhash(article_id, signature) VALUES (?,?) ON CONFLICT(article_id) DO NOTHING",
                 (art["id"], w.result["signature"]))
    if w.duplicate_of:
        conn.execute("INSERT INTO corpus_duplicates(article_id, original_id, similarity, reason) VALUES (?,?,?,?)",
                     (art["id"], w.duplicate_of[0], w.duplicate_of[1],
                      f"MinHash estimate of shared word 5-shingles {w.duplicate_of[1]:.2f}: a copy"))
    for m in w.memberships:
        if m.new_family:
            conn.execute("INSERT INTO corpus_families(id, founder_n, size, dirty, created_at, updated_at) "
                         "VALUES (?,?,0,1,?,?)", (m.family_id, m.n, stamp, stamp))
        conn.execute("INSERT INTO corpus_family_members(claim_n, family_id, matched_n, similarity, lexical, reason) "
                     "VALUES (?,?,?,?,?,?)", (m.n, m.family_id, m.matched_n, m.similarity, m.lexical, m.reason))
        conn.execute("UPDATE corpus_families SET size = size + 1, dirty = 1, updated_at = ? WHERE id = ?",
                     (stamp, m.family_id))
    if w.post_refs:
        from .posts_ops import insert_refs

        insert_refs(conn, art["id"], w.post_refs)
    conn.execute("INSERT INTO corpus_articles(article_id, outlet_key, claims, ingested_at) VALUES (?,?,?,?)",
                 (art["id"], w.outlet_key, len(w.claim_ns), stamp))


def claims_since(store: Store, n: int) -> list[tuple[int, str, str, bool]]:
    """(n, article id, core, indexed) of every claim numbered above ``n``: what other writers
    committed since this process last looked (numbers only grow, see :func:`write_article`)."""
    rows = store.conn.execute("SELECT n, article_id, core, indexed FROM corpus_claims WHERE n > ? ORDER BY n", (n,))
    return [(int(r[0]), r[1], r[2], bool(r[3])) for r in rows]


def signatures_of(store: Store, article_ids: Iterable[str]) -> Iterator[tuple[str, bytes]]:
    ids = sorted(set(article_ids))
    for i in range(0, len(ids), 500):
        part = ids[i : i + 500]
        marks = ",".join("?" * len(part))
        for r in store.conn.execute(f"SELECT article_id, signature FROM corpus_minhash WHERE article_id IN ({marks})",
                                    part):
            yield r[0], bytes(r[1])


def signatures(store: Store) -> Iterator[tuple[str, bytes]]:
    for r in store.conn.execute("SELECT article_id, signature FROM corpus_minhash"):
        yield r[0], bytes(r[1])


def duplicate_links(store: Store) -> dict[str, tuple[str, float]]:
    return {r[0]: (r[1], r[2]) for r in store.conn.execute("SELECT article_id, original_id, similarity FROM corpus_duplicates")}


def indexed_claims_after(store: Store, n: int) -> Iterator[tuple[int, str]]:
    for r in store.conn.execute("SELECT n, core FROM corpus_claims WHERE indexed = 1 AND n > ? ORDER BY n", (n,)):
        yield int(r[0]), r[1]


def claims_by_n(store: Store, ns: Iterable[int]) -> dict[int, dict[str, Any]]:
    ns = list(ns)
    if not ns:
        return {}
    marks = ",".join("?" * len(ns))
    rows = store.conn.execute(
        f"SELECT c.n, c.article_id, c.core, c.text, c.facts, m.family_id FROM corpus_claims c "
        f"LEFT JOIN corpus_family_members m ON m.claim_n = c.n WHERE c.n IN ({marks})", ns)
    return {int(r["n"]): _with_facts(dict(r)) for r in rows}


def _with_facts(d: dict[str, Any]) -> dict[str, Any]:
    d["facts"] = json.loads(d["facts"]) if d.get("facts") else None
    return d


_OCCURRENCE = (
    "SELECT c.n, c.article_id, c.claim_id, c.text, c.core, c.start_offset, c.end_offset, c.source_name, "
    "c.source_type, c.source_key, c.entities, c.tokens, c.facts, m.family_id, m.matched_n, m.similarity, m.lexical, m.reason, "
    "a.title, a.url, a.outlet, a.published, a.published_source, ca.outlet_key, d.original_id, d.similarity AS copy_similarity, "
    "p.post_key, p.platform, p.handle, p.handle_key, p.author, p.post_id, p.posted_at, p.permalink, p.forwarded_from, "
    "p.reply_to, p.media "
    "FROM corpus_family_members m JOIN corpus_claims c ON c.n = m.claim_n JOIN articles a ON a.id = c.article_id "
    "LEFT JOIN corpus_articles ca ON ca.article_id = c.article_id "
    "LEFT JOIN corpus_duplicates d ON d.article_id = c.article_id "
    "LEFT JOIN corpus_posts p ON p.article_id = c.article_id "
)


def family_occurrences(store: Store, family_id: str) -> list[dict[str, Any]]:
    rows = store.conn.execute(_OCCURRENCE + "WHERE m.family_id = ? ORDER BY c.n", (family_id,))
    out = []
    for r in rows:
        d = dict(r)
        d["entities"] = json.loads(d["entities"])
        d["tokens"] = json.loads(d["tokens"])
        out.append(_with_facts(d))
    return out


def family_of_claim(store: Store, n: int) -> str | None:
    row = store.conn.execute("SELECT family_id FROM corpus_family_members WHERE claim_n = ?", (n,)).fetchone()
    return None if row is None else row[0]


def claim_n_by_ref(store: Store, ref: str) -> int | None:
    """A claim by its integer key ("42") or "ARTICLE_ID:CLAIM_ID" (an id prefix of 6+ works)."""
    if ref.isascii() and ref.isdigit():
        if len(ref) > 18:  # beyond a 64-bit integer: no such claim (and no overflow in the driver)
            return None
        row = store.conn.execute("SELECT n FROM corpus_claims WHERE n = ?", (int(ref),)).fetchone()
        return None if row is None else int(row[0])
    if ":" in ref:
        art, cid = ref.rsplit(":", 1)
        pattern = like_prefix(art) if len(art) >= 6 else like_exact(art)  # a prefix needs 6+ characters
        rows = store.conn.execute("SELECT n FROM corpus_claims WHERE claim_id = ? AND (article_id = ? OR "
                                  "article_id LIKE ? ESCAPE '\\') LIMIT 2", (cid, art, pattern)).fetchall()
        return int(rows[0][0]) if len(rows) == 1 else None
    return None


_APPEARANCES = ("SELECT m.family_id, count(DISTINCT c.article_id) AS appearances FROM corpus_family_members m "
                "JOIN corpus_claims c ON c.n = m.claim_n JOIN corpus_families f ON f.id = m.family_id "
                "WHERE f.size >= ? GROUP BY m.family_id HAVING count(DISTINCT c.article_id) >= ?")


def families(store: Store, min_size: int = 2, limit: int = 50) -> list[dict[str, Any]]:
    """Families with at least ``min_size`` appearances (distinct articles: a live blog that
    repeats a claim four times is one appearance), most appearances first, then most claims."""
    rows = store.conn.execute(
        "SELECT f.id, f.size, a.appearances, f.founder_n, c.core, c.article_id FROM corpus_families f "
        f"JOIN ({_APPEARANCES}) a ON a.family_id = f.id "
        "JOIN corpus_claims c ON c.n = f.founder_n ORDER BY a.appearances DESC, f.size DESC, f.id LIMIT ?",
        (min_size, min_size, limit))
    return [dict(r) for r in rows]


def families_count(store: Store, min_size: int = 2) -> int:
    return int(store.conn.execute(f"SELECT count(*) FROM ({_APPEARANCES}) a", (min_size, min_size)).fetchone()[0])


def dirty_families(store: Store, min_size: int = 1) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT id FROM corpus_families WHERE dirty = 1 AND size >= ? ORDER BY id", (min_size,))]


def replace_edges(store: Store, family_id: str, edges: list[dict[str, Any]]) -> None:
    """Replace a family's provenance edges and clear its dirty mark, in one transaction."""
    conn = store.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM corpus_edges WHERE family_id = ?", (family_id,))
        for e in edges:
            conn.execute("INSERT INTO corpus_edges(family_id, kind, src, dst, detail, reason) VALUES (?,?,?,?,?,?) "
                         "ON CONFLICT DO NOTHING",
                         (family_id, e["kind"], e["src"], e["dst"], json.dumps(e.get("detail", {}), ensure_ascii=False), e["reason"]))
        conn.execute("UPDATE corpus_families SET dirty = 0 WHERE id = ?", (family_id,))
        conn.execute("COMMIT")
    except _errors(store) as exc:
        conn.execute("ROLLBACK")
        raise StoreError(f"cannot write to {store.path}: {exc}") from None


def stored_edges(store: Store, family_id: str) -> list[dict[str, Any]]:
    rows = store.conn.execute("SELECT kind, src, dst, detail, reason FROM corpus_edges WHERE family_id = ? "
                              "ORDER BY kind, src, dst", (family_id,))
    return [{**dict(r), "detail": json.loads(r["detail"])} for r in rows]


def source_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Every attributed claim with its source key, written name, type and the article's outlet."""
    for r in store.conn.execute(
        "SELECT c.source_key, c.source_name, c.source_type, a.outlet, ca.outlet_key, "
        "(d.article_id IS NOT NULL) AS is_copy FROM corpus_claims c JOIN articles a ON a.id = c.article_id "
        "LEFT JOIN corpus_articles ca ON ca.article_id = c.article_id "
        "LEFT JOIN corpus_duplicates d ON d.article_id = c.article_id WHERE c.source_key IS NOT NULL"):
        yield dict(r)


def source_names(store: Store) -> dict[str, tuple[str, str]]:
    return {r[0]: (r[1], r[2]) for r in store.conn.execute("SELECT key, name, kind FROM corpus_sources")}


def outlet_keys(store: Store) -> set[str]:
    return {r[0] for r in store.conn.execute("SELECT DISTINCT outlet_key FROM corpus_articles WHERE outlet_key IS NOT NULL")}


def corpus_counts(store: Store) -> dict[str, int]:
    one = lambda sql: int(store.conn.execute(sql).fetchone()[0])  # noqa: E731
    return {
        "articles": one("SELECT count(*) FROM corpus_articles"),
        "claims": one("SELECT count(*) FROM corpus_claims"),
        "copies": one("SELECT count(*) FROM corpus_duplicates"),
        "families": one("SELECT count(*) FROM corpus_families WHERE size >= 2"),
        "sources": one("SELECT count(DISTINCT source_key) FROM corpus_claims WHERE source_key IS NOT NULL"),
    }


def written_source_names(store: Store) -> Iterator[tuple[str, str]]:
    """(key, name as written) for every attributed source and every article outlet."""
    for r in store.conn.execute("SELECT DISTINCT source_key, source_name FROM corpus_claims WHERE source_key IS NOT NULL"):
        yield r[0], r[1] or ""
    for r in store.conn.execute("SELECT DISTINCT ca.outlet_key, a.outlet FROM corpus_articles ca "
                                "JOIN articles a ON a.id = ca.article_id WHERE ca.outlet_key IS NOT NULL"):
        yield r[0], r[1] or ""
