"""Archived posts and post references on a store (tables in ``schema_posts``).

Post rows are written in batches, one transaction each, before their texts are analysed
(the text of a post, if any, is stored later as an ordinary article). Writing them marks
dirty every family in which an article refers to one of their channels or ids, so the next
edge refresh links those articles to the posts, whichever came into the corpus first.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from ..errors import StoreError
from .corpus_ops import _errors
from .sqlite import Store, now

Ref = tuple[str, str, str, str]

_UPSERT = (
    "INSERT INTO corpus_posts(post_key, article_id, platform, handle, handle_key, channel_id, author, post_id, "
    "posted_at, permalink, forwarded_from, reply_to, media, links, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
    # a later ingest with --handle names a channel first archived without its username
    "ON CONFLICT(post_key) DO UPDATE SET handle = excluded.handle, handle_key = excluded.handle_key, "
    "permalink = excluded.permalink WHERE corpus_posts.handle IS NULL AND excluded.handle IS NOT NULL"
)


def write_posts(store: Store, rows: list[dict[str, Any]], refs: dict[str, set[Ref]]) -> None:
    """Store post rows and the references in their links, and mark affected families dirty."""
    if not rows:
        return
    conn = store.conn
    stamp = now()
    try:
        conn.execute("BEGIN IMMEDIATE")
        for r in rows:
            conn.execute(_UPSERT, (r["post_key"], r["article_id"], r["platform"], r["handle"], r["handle_key"],
                                   r["channel_id"], r["author"], r["post_id"], r["posted_at"], r["permalink"],
                                   r["forwarded_from"], r["reply_to"], r["media"],
                                   json.dumps(r["links"], ensure_ascii=False), stamp))
        for article_id, found in refs.items():
            insert_refs(conn, article_id, found)
        _dirty_referring(conn, {r["handle_key"] for r in rows if r["handle_key"]},
                         {r["post_id"] for r in rows if r["platform"] == "twitter"})
        conn.execute("COMMIT")
    except _errors(store) as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(f"cannot write to {store.path}: {' '.join(str(exc).split())[:300]}") from None
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def insert_refs(conn: Any, article_id: str, refs: Iterable[Ref]) -> None:
    for platform, key, pid, ref in refs:
        conn.execute("INSERT INTO corpus_post_refs(article_id, platform, handle_key, post_id, ref) VALUES (?,?,?,?,?) "
                     "ON CONFLICT DO NOTHING", (article_id, platform, key, pid, ref[:2048]))


def _dirty_referring(conn: Any, handle_keys: set[str], tweet_ids: set[str]) -> None:
    """Mark dirty the families of claims whose article refers to these channels or tweets
    (a generous test: any reference to the channel; a needless rebuild costs little)."""
    sub = ("SELECT m.family_id FROM corpus_post_refs r JOIN corpus_claims c ON c.article_id = r.article_id "
           "JOIN corpus_family_members m ON m.claim_n = c.n WHERE ")
    for column, values, extra in (("r.handle_key", sorted(handle_keys), ""),
                                  ("r.post_id", sorted(tweet_ids), "r.platform = 'twitter' AND ")):
        for i in range(0, len(values), 500):
            part = values[i : i + 500]
            conn.execute(f"UPDATE corpus_families SET dirty = 1 WHERE id IN ({sub}{extra}{column} IN "
                         f"({','.join('?' * len(part))}))", part)


def backfill_refs(store: Store, refs_of: Callable[[list[dict[str, Any]]], set[Ref]]) -> int:
    """Fill ``corpus_post_refs`` for articles stored before the posts migration, once (the
    migration leaves a ``post_refs`` job in ``corpus_backfills``); returns articles scanned."""
    conn = store.conn
    if conn.execute("SELECT 1 FROM corpus_backfills WHERE name = 'post_refs'").fetchone() is None:
        return 0
    scanned = 0
    try:
        conn.execute("BEGIN IMMEDIATE")
        if conn.execute("SELECT 1 FROM corpus_backfills WHERE name = 'post_refs'").fetchone() is not None:
            rows = conn.execute("SELECT ca.article_id, n.json FROM corpus_articles ca "
                                "JOIN analyses n ON n.article_id = ca.article_id").fetchall()
            for row in rows:
                scanned += 1
                found = refs_of(json.loads(row[1]).get("media") or [])
                if found:
                    insert_refs(conn, row[0], found)
            conn.execute("DELETE FROM corpus_backfills WHERE name = 'post_refs'")
        conn.execute("COMMIT")
    except _errors(store) as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(f"cannot write to {store.path}: {' '.join(str(exc).split())[:300]}") from None
    return scanned


def refs_of_articles(store: Store, article_ids: Iterable[str]) -> dict[str, set[Ref]]:
    ids = sorted(set(article_ids))
    out: dict[str, set[Ref]] = {}
    for i in range(0, len(ids), 500):
        part = ids[i : i + 500]
        for r in store.conn.execute("SELECT article_id, platform, handle_key, post_id, ref FROM corpus_post_refs "
                                    f"WHERE article_id IN ({','.join('?' * len(part))})", part):
            out.setdefault(r[0], set()).add((r[1], r[2], r[3], r[4]))
    return out


_POST_COLUMNS = ("SELECT p.post_key, p.article_id, p.platform, p.handle, p.handle_key, p.author, p.post_id, "
                 "p.posted_at, p.permalink, p.forwarded_from, p.reply_to, p.media, "
                 "(ca.article_id IS NOT NULL) AS analysed FROM corpus_posts p "
                 "LEFT JOIN corpus_articles ca ON ca.article_id = p.article_id ")


def posts_named(store: Store, refs: Iterable[Ref]) -> dict[tuple[str, str, str], dict[str, Any]]:
    """Archived posts named exactly by references: (platform, handle key or "" for X, post id) → row."""
    out: dict[tuple[str, str, str], dict[str, Any]] = {}
    for platform, key, pid, _ in {r for r in refs if r[2]}:
        if platform == "twitter":
            row = store.conn.execute(_POST_COLUMNS + "WHERE p.platform = 'twitter' AND p.post_id = ?", (pid,)).fetchone()
            k = ("twitter", "", pid)
        else:
            row = store.conn.execute(_POST_COLUMNS + "WHERE p.platform = ? AND p.handle_key = ? AND p.post_id = ?",
                                     (platform, key, pid)).fetchone()
            k = (platform, key, pid)
        if row is not None:
            d = dict(zip(row.keys(), row, strict=True))
            d["analysed"] = bool(d["analysed"])
            out[k] = d
    return out


def post_counts(store: Store) -> dict[str, int]:
    return {r[0]: int(r[1]) for r in store.conn.execute("SELECT platform, count(*) FROM corpus_posts GROUP BY platform")}
