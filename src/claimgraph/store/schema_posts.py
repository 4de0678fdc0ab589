"""Archived social posts (Telegram, X/Twitter) and the post links found in articles.

* ``corpus_posts``      – one row per archived post: platform, handle, timestamp, permalink,
  forward, links. ``article_id`` is the id the post's text has as an article (a hash of the
  post's identity, ``read/posts.py``); the article row exists once its text is analysed, and
  never for a post without text (a bare video), which is archived all the same so an
  article's link to it can still be followed.
* ``corpus_post_refs``  – what an article (or a post) points at: ``t.me/<name>/<n>``,
  ``x.com/<name>/status/<n>`` links (``post_id`` set) and ``@handles`` (``post_id`` empty,
  ``platform`` empty when the text does not say which). Written with the article, in its
  transaction; provenance follows them to archived posts.
* ``corpus_backfills``  – one-off jobs a migration leaves for Python code: here, filling
  ``corpus_post_refs`` for articles ingested before this migration (from their stored
  analyses), done by the next ``ingest``.

No foreign keys to ``articles``: a post row and its refs are written before the post's text
is analysed (or when it never will be).
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0501_posts_archived_posts_and_refs",
        """
        CREATE TABLE corpus_posts (
            post_key TEXT PRIMARY KEY,
            article_id TEXT NOT NULL,
            platform TEXT NOT NULL,
            handle TEXT,
            handle_key TEXT NOT NULL,
            channel_id TEXT,
            author TEXT,
            post_id TEXT NOT NULL,
            posted_at TEXT NOT NULL,
            permalink TEXT,
            forwarded_from TEXT,
            reply_to TEXT,
            media TEXT,
            links TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX corpus_posts_article ON corpus_posts(article_id);
        CREATE INDEX corpus_posts_target ON corpus_posts(platform, handle_key, post_id);
        CREATE INDEX corpus_posts_id ON corpus_posts(platform, post_id);
        CREATE TABLE corpus_post_refs (
            article_id TEXT NOT NULL,
            platform TEXT NOT NULL,
            handle_key TEXT NOT NULL,
            post_id TEXT NOT NULL,
            ref TEXT NOT NULL,
            PRIMARY KEY (article_id, platform, handle_key, post_id)
        );
        CREATE INDEX corpus_post_refs_target ON corpus_post_refs(handle_key, post_id);
        CREATE INDEX corpus_post_refs_id ON corpus_post_refs(platform, post_id);
        CREATE TABLE corpus_backfills (
            name TEXT PRIMARY KEY
        );
        INSERT INTO corpus_backfills(name) VALUES ('post_refs')
        """,
    ),
]
