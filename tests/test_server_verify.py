"""`GET /api/check` on a real server: the same answer as `claimgraph check --json`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from test_server_process import ServerProcess, cli

FEED = Path(__file__).parent / "fixtures" / "factchecks"
CLAIM = "Russian soldiers are leaving their tanks and surrendering to villagers"


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    db = tmp_path_factory.mktemp("verify") / "v.db"
    made = cli("factchecks", "import", str(FEED), "--db", str(db))
    assert made.returncode == 0, made.stderr
    server = ServerProcess(db, "--no-preload")
    yield server, db
    server.stop()


def test_check_endpoint_equals_the_cli(checked):
    server, db = checked
    with server.client() as c:
        r = c.get("/api/check", params={"text": CLAIM})
    assert r.status_code == 200, r.text
    api = r.json()
    out = cli("check", CLAIM, "--db", str(db), "--json")
    assert out.returncode == 0, out.stderr
    assert api == json.loads(out.stdout)
    assert api["earlier_factcheck"] is True
    assert api["matches"][0]["factcheck"]["url"].endswith("tanks-surrender")


def test_check_endpoint_errors(checked):
    server, _ = checked
    with server.client() as c:
        assert c.get("/api/check").json()["error"]["code"] == "invalid_request"
        r = c.get("/api/check", params={"text": "x" * 2001})
        assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"


def test_check_endpoint_takes_the_claims_date_like_the_cli(checked):
    server, db = checked
    with server.client() as c:
        r = c.get("/api/check", params={"text": CLAIM, "date": "2022-03-04"})
        bad = c.get("/api/check", params={"text": CLAIM, "date": "yesterday"})
    assert r.status_code == 200, r.text
    out = cli("check", CLAIM, "--db", str(db), "--json", "--date", "2022-03-04")
    assert out.returncode == 0, out.stderr
    assert r.json() == json.loads(out.stdout)
    assert bad.status_code == 422 and "not a date" in bad.json()["error"]["message"]
    wrong = cli("check", CLAIM, "--db", str(db), "--date", "yesterday")
    assert wrong.returncode == 2 and "not a date" in wrong.stderr and "Traceback" not in wrong.stderr
