"""Users, tokens and the audit log on a real SQLite file, and the ``claimgraph users`` CLI."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest

from claimgraph.errors import InputError
from claimgraph.store import open_store
from claimgraph.store.accounts_ops import (
    add_user,
    audit,
    audit_log,
    authenticate,
    issue_token,
    list_users,
    revoke_tokens,
    set_disabled,
    set_role,
    token_id,
)


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "accounts.db") as s:
        yield s


def test_token_authenticates_its_user_and_is_stored_only_as_a_hash(store):
    user, token = add_user(store, "ana", "editor")
    assert token.startswith("cg_") and len(token) > 50
    found = authenticate(store, token)
    assert found is not None and found.name == "ana" and found.role == "editor"
    rows = store.conn.execute("SELECT id, token_hash FROM api_tokens").fetchall()
    assert len(rows) == 1
    secret = token.split("_", 2)[2]
    assert rows[0]["token_hash"] == hashlib.sha256(secret.encode()).hexdigest()
    dump = "\n".join(store.conn.iterdump())
    assert secret not in dump and token not in dump


def test_wrong_malformed_and_foreign_tokens_are_refused(store):
    _, token = add_user(store, "ana", "viewer")
    _, other = add_user(store, "bo", "viewer")
    tid = token_id(token)
    assert tid is not None
    forged = f"cg_{tid}_{other.split('_', 2)[2]}"  # ana's id with bo's secret
    for bad in ("", "cg_", token + "x", token[:-1] + ("A" if token[-1] != "A" else "B"), forged,
                "Bearer " + token, "cg_000000000000_" + "a" * 43):
        assert authenticate(store, bad) is None, bad


def test_roles_are_ordered(store):
    viewer, _ = add_user(store, "v", "viewer")
    editor, _ = add_user(store, "e", "editor")
    admin, _ = add_user(store, "a", "admin")
    assert viewer.can("viewer") and not viewer.can("editor") and not viewer.can("admin")
    assert editor.can("editor") and not editor.can("admin")
    assert admin.can("viewer") and admin.can("editor") and admin.can("admin")
    assert set_role(store, "v", "admin").can("admin")
    with pytest.raises(InputError, match="unknown role"):
        add_user(store, "x", "owner")


def test_revoked_tokens_and_disabled_users_stop_working(store):
    _, first = add_user(store, "ana", "editor")
    second = issue_token(store, "ana")
    assert authenticate(store, first) and authenticate(store, second)
    assert revoke_tokens(store, "ana") == 2
    assert authenticate(store, first) is None and authenticate(store, second) is None
    third = issue_token(store, "ana")
    assert authenticate(store, third) is not None
    set_disabled(store, "ana")
    assert authenticate(store, third) is None
    set_disabled(store, "ana", False)
    assert authenticate(store, third) is not None


def test_names_are_checked_and_unique(store):
    add_user(store, "ana", "viewer")
    with pytest.raises(InputError, match="already exists"):
        add_user(store, "ana", "editor")
    for bad in ("", "a b", "<script>", "x" * 65, "-lead"):
        with pytest.raises(InputError, match="invalid user name"):
            add_user(store, bad, "viewer")


def test_audit_log_records_who_what_when(store):
    audit(store, "ana", "article.analyze", "abc123", {"source": "text", "new": True})
    audit(store, "bo", "user.add", "cy")
    entries = audit_log(store)
    assert [e["actor"] for e in entries] == ["bo", "ana"]  # newest first
    assert entries[1]["detail"] == {"new": True, "source": "text"}
    assert entries[1]["target"] == "abc123" and entries[1]["at"].endswith("Z")


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "claimgraph.cli", *args], capture_output=True,
                          text=True, timeout=120, env=env)


def test_users_cli_prints_the_token_once_and_lists_without_it(tmp_path):
    db = str(tmp_path / "team.db")
    proc = _cli("users", "add", "desk-editor", "--role", "editor", "--db", db)
    assert proc.returncode == 0, proc.stderr
    token = proc.stdout.strip()
    assert token.startswith("cg_") and "not be shown again" in proc.stderr
    listed = _cli("users", "list", "--db", db)
    assert listed.returncode == 0 and "desk-editor" in listed.stdout and "editor" in listed.stdout
    assert token not in listed.stdout
    again = _cli("users", "add", "desk-editor", "--db", db)
    assert again.returncode == 2 and again.stderr.startswith("claimgraph: error:")
    with open_store(db) as s:
        assert authenticate(s, token) is not None
        assert [u.name for u in list_users(s)] == ["desk-editor"]
        assert audit_log(s)[0]["action"] == "user.add"
