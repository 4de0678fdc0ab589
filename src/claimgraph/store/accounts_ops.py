"""Users, API tokens and the audit log, on a :class:`~claimgraph.store.Store`.

A token looks like ``cg_<id>_<secret>``: ``id`` (12 hex characters) is public and picks the
database row, ``secret`` (32 random bytes, URL-safe base64) is shown once and stored only as
its SHA-256. Verification compares hashes with :func:`hmac.compare_digest`, so the time taken
does not reveal how much of a guessed secret was right. SHA-256 (not a slow password hash) is
enough because the secret has 256 bits of entropy: there is nothing to brute-force.

Roles are ordered: a viewer reads, an editor also writes (analyses, ingests), an admin also
manages users and reads the audit log.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from .sqlite import Store, now

ROLES: tuple[str, ...] = ("viewer", "editor", "admin")
ROLE_RANK = {role: i for i, role in enumerate(ROLES)}
TOKEN_PREFIX = "cg_"
_TOKEN = re.compile(r"^cg_([0-9a-f]{12})_([A-Za-z0-9_-]{20,100})$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")


@dataclass(frozen=True, slots=True)
class User:
    """Who is acting; ``name`` is what the audit log records."""

    id: str
    name: str
    role: str
    disabled: bool = False
    created_at: str = ""

    def can(self, role: str) -> bool:
        """True if this user has ``role`` or a higher one."""
        return not self.disabled and ROLE_RANK.get(self.role, -1) >= ROLE_RANK[role]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "disabled": self.disabled,
                "created_at": self.created_at}


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _check_role(role: str) -> None:
    if role not in ROLE_RANK:
        raise InputError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")


def add_user(store: Store, name: str, role: str = "viewer") -> tuple[User, str]:
    """Create a user and a first API token; returns the user and the token (shown once)."""
    _check_role(role)
    if not _NAME.match(name):
        raise InputError(
            f"invalid user name {name!r}: use 1-64 letters, digits, '.', '_', '@' or '-'"
        )
    if get_user(store, name) is not None:
        raise InputError(f"a user named {name!r} already exists")
    user = User(id=uuid.uuid4().hex, name=name, role=role, created_at=now())
    store.conn.execute(
        "INSERT INTO users(id, name, role, disabled, created_at) VALUES (?,?,?,?,?)",
        (user.id, user.name, user.role, 0, user.created_at),
    )
    token = issue_token(store, name)
    return user, token


def get_user(store: Store, name: str) -> User | None:
    row = store.conn.execute(
        "SELECT id, name, role, disabled, created_at FROM users WHERE name = ?", (name,)
    ).fetchone()
    return None if row is None else _user(row)


def list_users(store: Store) -> list[User]:
    rows = store.conn.execute(
        "SELECT id, name, role, disabled, created_at FROM users ORDER BY name"
    ).fetchall()
    return [_user(r) for r in rows]


def set_role(store: Store, name: str, role: str) -> User:
    _check_role(role)
    user = _require(store, name)
    store.conn.execute("UPDATE users SET role = ? WHERE id = ?", (role, user.id))
    return _require(store, name)


def set_disabled(store: Store, name: str, disabled: bool = True) -> User:
    """Disable (or re-enable) a user: their tokens stop working at once."""
    user = _require(store, name)
    store.conn.execute("UPDATE users SET disabled = ? WHERE id = ?", (int(disabled), user.id))
    return _require(store, name)


def issue_token(store: Store, name: str) -> str:
    """A new API token for an existing user (older tokens keep working until revoked)."""
    user = _require(store, name)
    token_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    store.conn.execute(
        "INSERT INTO api_tokens(id, user_id, token_hash, created_at, revoked_at) "
        "VALUES (?,?,?,?,NULL)",
        (token_id, user.id, _hash(secret), now()),
    )
    return f"{TOKEN_PREFIX}{token_id}_{secret}"


def revoke_tokens(store: Store, name: str) -> int:
    """Revoke every token of a user; returns how many were active."""
    user = _require(store, name)
    cur = store.conn.execute(
        "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
        (now(), user.id),
    )
    return cur.rowcount


def token_id(token: str) -> str | None:
    """The public id of a well-formed token (used as the rate-limit key), else None."""
    m = _TOKEN.match(token or "")
    return m.group(1) if m else None


def authenticate(store: Store, token: str) -> User | None:
    """The active user holding ``token``, or None (malformed, unknown, revoked, disabled)."""
    m = _TOKEN.match(token or "")
    if m is None:
        return None
    row = store.conn.execute(
        "SELECT t.token_hash, u.id, u.name, u.role, u.disabled, u.created_at "
        "FROM api_tokens t JOIN users u ON u.id = t.user_id "
        "WHERE t.id = ? AND t.revoked_at IS NULL",
        (m.group(1),),
    ).fetchone()
    # Hash even when the row is missing so a miss costs the same as a wrong secret.
    expected = row["token_hash"] if row is not None else _hash("")
    if not hmac.compare_digest(_hash(m.group(2)), expected) or row is None:
        return None
    user = _user(row)
    return None if user.disabled else user


def audit(store: Store, actor: str, action: str, target: str | None = None,
          detail: dict[str, Any] | None = None) -> None:
    """Record one write: who did what to which object, when (UTC)."""
    store.conn.execute(
        "INSERT INTO audit_log(id, at, actor, action, target, detail) VALUES (?,?,?,?,?,?)",
        (uuid.uuid4().hex, now(), actor, action, target,
         json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail else None),
    )


def audit_log(store: Store, limit: int = 100) -> list[dict[str, Any]]:
    """The newest audit entries first."""
    rows = store.conn.execute(
        "SELECT at, actor, action, target, detail FROM audit_log ORDER BY at DESC, id LIMIT ?",
        (limit,),
    ).fetchall()
    return [
        {"at": r["at"], "actor": r["actor"], "action": r["action"], "target": r["target"],
         "detail": json.loads(r["detail"]) if r["detail"] else None}
        for r in rows
    ]


def _require(store: Store, name: str) -> User:
    user = get_user(store, name)
    if user is None:
        raise InputError(f"no user named {name!r}")
    return user


def _user(row: Any) -> User:
    return User(id=row["id"], name=row["name"], role=row["role"],
                disabled=bool(row["disabled"]), created_at=row["created_at"])
