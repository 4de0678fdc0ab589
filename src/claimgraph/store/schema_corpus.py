"""Corpus tables: claims across many articles, sources, syndicated copies, families, provenance.

Why these tables and not more JSON in ``analyses``: questions across a corpus ("who else said
this", "who was first") are joins and lookups, and a claim needs a stable integer key so the
approximate-nearest-neighbour index beside the database can point back at it.

* ``corpus_articles``   – marks an article as fully ingested into the corpus (written in the
  same transaction as its claims, so "present" means "complete").
* ``corpus_claims``     – one row per claim occurrence: text, offsets, the attributed source as
  written, its type, and the canonical source key. ``n`` is the integer key used by the ANN
  index (assigned by the single writer, no AUTOINCREMENT for portability).
* ``corpus_sources``    – canonical source keys with a display name and kind.
* ``corpus_minhash``    – the MinHash signature of each article, so the LSH index can be
  rebuilt after a restart without re-reading texts.
* ``corpus_duplicates`` – an article that is a near-copy of an earlier stored one.
* ``corpus_families`` / ``corpus_family_members`` – the same claim in other words.
* ``corpus_edges``      – provenance edges of a family (cites, repeats, mutates, copies),
  rebuilt when the family is marked ``dirty``.

``corpus_claims.facts`` (``0102``): JSON of what families need beyond the text — whether the
claim is self-contained and may found a family, its event facts (days, places, counts, people,
reference date) and its live-blog entry time (``corpus/claimfit.py``, ``corpus/events.py``).
NULL for claims stored before it: they are treated as before (no event check).
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0101_corpus_claims_sources_families",
        """
        CREATE TABLE corpus_articles (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            outlet_key TEXT,
            claims INTEGER NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE TABLE corpus_sources (
            key TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE corpus_claims (
            n INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            claim_id TEXT NOT NULL,
            text TEXT NOT NULL,
            core TEXT NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            attribution_id TEXT,
            source_name TEXT,
            source_type TEXT,
            source_key TEXT REFERENCES corpus_sources(key),
            entities TEXT NOT NULL,
            tokens TEXT NOT NULL,
            indexed INTEGER NOT NULL,
            UNIQUE (article_id, claim_id)
        );
        CREATE INDEX corpus_claims_article ON corpus_claims(article_id);
        CREATE INDEX corpus_claims_source ON corpus_claims(source_key);
        CREATE TABLE corpus_minhash (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            signature BLOB NOT NULL
        );
        CREATE TABLE corpus_duplicates (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            original_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            similarity REAL NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE INDEX corpus_duplicates_original ON corpus_duplicates(original_id);
        CREATE TABLE corpus_families (
            id TEXT PRIMARY KEY,
            founder_n INTEGER NOT NULL,
            size INTEGER NOT NULL,
            dirty INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX corpus_families_size ON corpus_families(size);
        CREATE TABLE corpus_family_members (
            claim_n INTEGER PRIMARY KEY REFERENCES corpus_claims(n) ON DELETE CASCADE,
            family_id TEXT NOT NULL REFERENCES corpus_families(id) ON DELETE CASCADE,
            matched_n INTEGER,
            similarity REAL,
            lexical REAL,
            reason TEXT NOT NULL
        );
        CREATE INDEX corpus_family_members_family ON corpus_family_members(family_id);
        CREATE TABLE corpus_edges (
            family_id TEXT NOT NULL REFERENCES corpus_families(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            src TEXT NOT NULL,
            dst TEXT NOT NULL,
            detail TEXT NOT NULL,
            reason TEXT NOT NULL,
            PRIMARY KEY (family_id, kind, src, dst)
        )
        """,
    ),
    (
        "0102_corpus_claims_facts",
        "ALTER TABLE corpus_claims ADD COLUMN facts TEXT",
    ),
]
