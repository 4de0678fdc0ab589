"""Verification tables: earlier fact-checks, the user's trusted evidence, vectors, verdicts.

Portable SQL only. The SQLite full-text index over passages (FTS5) is not a migration: it is
SQLite-specific, so ``verify_ops`` creates it when the engine offers it and falls back to an
in-process BM25 otherwise.

``0302`` gives every passage a stable integer key ``n`` for the ANN index of passage vectors
(``<db>.passages.usearch``). Keys come from the ``verify_counters`` row and are never reused:
re-adding a document deletes its passages and inserts new ones, and a reused key would make
a saved index (which may still hold the old vector) point at the wrong passage. Existing
passages are numbered in (document, sequence) order; ``UPDATE … FROM`` and window functions
run on SQLite ≥ 3.33 and PostgreSQL alike.
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
    (
        "0302_verify_passage_keys",
        """
        ALTER TABLE evidence_passages ADD COLUMN n BIGINT;
        UPDATE evidence_passages SET n = k.r
            FROM (SELECT id, row_number() OVER (ORDER BY doc_id, seq) AS r FROM evidence_passages) AS k
            WHERE k.id = evidence_passages.id;
        CREATE UNIQUE INDEX evidence_passages_n ON evidence_passages(n);
        CREATE TABLE verify_counters (
            name TEXT PRIMARY KEY,
            value BIGINT NOT NULL
        );
        INSERT INTO verify_counters(name, value)
            SELECT 'evidence_passages', count(*) FROM evidence_passages
        """,
    ),
]
