"""The team server on a real PostgreSQL database: users, tokens, analyses and the audit log."""

from __future__ import annotations

import pytest

from test_server_process import ServerProcess, cli


@pytest.fixture(scope="module")
def pg_team(pg_url):
    made = cli("users", "add", "rosa", "--role", "editor", "--db", pg_url)
    assert made.returncode == 0, made.stderr
    token = next(w for w in made.stdout.split() if w.startswith("cg_"))
    server = ServerProcess(pg_url, "--team", "--no-preload")
    yield server, token
    server.stop()


def test_team_server_stores_and_audits_on_postgres(pg_team, pg_url):
    server, token = pg_team
    with server.client() as anonymous:
        assert anonymous.post("/api/analyze", json={"text": "x"}).status_code == 401
    with server.client(token) as c:
        r = c.post("/api/analyze", json={"text": "Harbour\n\nThe ferry will stop on Sundays, the harbour "
                                                  "authority said on Monday.", "published": "2024-03-04"})
        assert r.status_code == 200, r.text
        article_id = r.json()["article"]["id"]
        got = c.get(f"/api/articles/{article_id}")
        assert got.status_code == 200 and got.json()["attributions"][0]["cue"]["text"] == "said"
    from claimgraph.store import open_store
    from claimgraph.store.accounts_ops import audit_log

    with open_store(pg_url) as store:
        assert type(store).__name__ == "PostgresStore"
        entries = audit_log(store, 10)
    assert any(getattr(e, "actor", None) == "rosa" or (isinstance(e, dict) and e.get("actor") == "rosa")
               for e in entries)
