"""Verification tables: earlier fact-checks, the user's trusted evidence, vectors, verdicts.

Portable SQL only. The SQLite full-text index over passages (FTS5) is not a migration: it is
SQLite-specific, so ``verify_ops`` creates it when the engine offers it and falls back to an
in-process BM25 otherwise.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0301_verify_factchecks_evidence_verdicts",
        """
        CREATE TABLE factchecks (
            id TEXT PRIMARY KEY,
            collection TEXT NOT NULL,
            claim TEXT NOT NULL,
            rating TEXT,
            rating_value REAL,
            reviewer TEXT,
            claimant TEXT,
            date TEXT,
            url TEXT,
            title TEXT,
            json TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX factchecks_url ON factchecks(url);
        CREATE TABLE evidence_docs (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            title TEXT,
            url TEXT,
            published TEXT,
            text TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE evidence_passages (
            id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES evidence_docs(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX evidence_passages_doc ON evidence_passages(doc_id, seq);
        CREATE TABLE verify_vectors (
            kind TEXT NOT NULL,
            item_id TEXT NOT NULL,
            model TEXT NOT NULL,
            dim INTEGER NOT NULL,
            vector BLOB NOT NULL,
            PRIMARY KEY (kind, item_id, model)
        );
        CREATE TABLE verdicts (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL,
            claim_id TEXT NOT NULL,
            label TEXT NOT NULL,
            reason TEXT NOT NULL,
            json TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX verdicts_article ON verdicts(article_id)
        """,
    ),
]
