"""Core tables: articles and their analyses."""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_core_articles_and_analyses",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            title TEXT,
            url TEXT,
            outlet TEXT,
            published TEXT,
            published_source TEXT,
            language TEXT,
            format TEXT,
            text TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE analyses (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            schema_version TEXT NOT NULL,
            json TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_url ON articles(url);
        """,
    ),
]
