"""Shared test fixtures: the shared data folder (skip when absent) and one spaCy model per run."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a reason when the folder is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (the evaluation data lives outside the repo; CI has it)")
    return path


@pytest.fixture(scope="session")
def seed_text() -> str:
    return shared_path("seed", "article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_expected() -> dict:
    return json.loads(shared_path("seed", "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_analysis(seed_text: str):
    from claimgraph import analyze

    return analyze(seed_text)


@pytest.fixture(scope="session")
def example_text() -> str:
    from importlib import resources

    return resources.files("claimgraph.examples").joinpath("harbour-fire.txt").read_text(encoding="utf-8")


PG_BIN = Path(os.environ.get("CLAIMGRAPH_PG_BIN", "/usr/lib/postgresql/15/bin"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL server on 127.0.0.1 for this test session (initdb + pg_ctl in a temp dir)."""
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL server binaries not found in {PG_BIN} (apt-get install postgresql)")
    if importlib.util.find_spec("psycopg") is None:
        pytest.skip("psycopg is not installed (extra [postgres])")
    base = Path(tempfile.mkdtemp(prefix="cg-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        import pwd

        user = pwd.getpwnam("postgres")
        os.chown(base, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    data = base / "data"
    subprocess.run(prefix + [str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                             "--no-sync"], check=True, capture_output=True)
    subprocess.run(prefix + [str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(base / "log"), "-w", "-t", "60", "-o",
                             f"-p {port} -c listen_addresses=127.0.0.1 -k {base} -c fsync=off", "start"],
                   check=True, capture_output=True)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(prefix + [str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def pg_url(pg_server, request):
    """A fresh database on the session's PostgreSQL server, one per test module."""
    import psycopg

    name = "cg_" + "".join(ch if ch.isalnum() else "_" for ch in request.module.__name__.rsplit(".", 1)[-1])
    with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return f"{pg_server}/{name}"


# --- headless Chromium (Debian package) driven by PyPI playwright; never `playwright install` ---
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module; skips with the reason when Chromium or playwright is absent."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium; CI installs it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="PyPI playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@contextmanager
def guarded_page(browser: Any, base: str) -> Iterator[Any]:
    """A fresh Chromium page that records what it should never do: dialogs, page errors,
    console errors and any request off ``base`` (aborted). ``page.seen`` holds the lists;
    a clean page leaves them all empty. Shared by the browser tests of the web pages."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    seen: dict[str, list[str]] = {"dialogs": [], "errors": [], "outside": [], "console": []}
    pg.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: seen["errors"].append(str(e)))

    def console(m: Any) -> None:
        # Chromium asks every new origin for /favicon.ico on its own; that 404 is not the page's.
        if m.type == "error" and not (m.location or {}).get("url", "").endswith("/favicon.ico"):
            seen["console"].append(m.text)

    def route(r: Any) -> None:
        if r.request.url.startswith(base + "/"):
            r.continue_()
        else:
            seen["outside"].append(r.request.url)
            r.abort()

    pg.on("console", console)
    pg.route("**/*", route)
    pg.seen = seen
    try:
        yield pg
    finally:
        context.close()
