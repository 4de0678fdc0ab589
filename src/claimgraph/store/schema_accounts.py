"""Team-mode tables: users, their API tokens (hashed) and the audit log of writes.

Tokens are never stored: only the SHA-256 of the secret part, so a copy of the database does
not let anyone act as a user. Each token has a short public ``id`` (the prefix of the token
string) that selects the row; the hash is then compared in constant time.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0401_accounts_users_tokens_audit",
        """
        CREATE TABLE users (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE TABLE api_tokens (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            token_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            revoked_at TEXT
        );
        CREATE INDEX api_tokens_user ON api_tokens(user_id);
        CREATE TABLE audit_log (
            id TEXT PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT,
            detail TEXT
        );
        CREATE INDEX audit_log_at ON audit_log(at);
        """,
    ),
]
