"""The server as a user starts it: ``claimgraph serve`` in a real subprocess on 127.0.0.1.

Also home of :class:`ServerProcess`, which the other server and browser tests import to start
their own servers. Nothing here contacts anything but loopback.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest

pytest.importorskip("fastapi", reason="the [server] extra is not installed")
pytest.importorskip("uvicorn", reason="the [server] extra is not installed")

CLI = [sys.executable, "-m", "claimgraph.cli"]
START_TIMEOUT = 180.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(CLI + list(args), capture_output=True, timeout=timeout, env=env, text=True)


class ServerProcess:
    """``claimgraph serve`` on a free loopback port; ready once ``/healthz`` answers."""

    def __init__(self, db: Path | str, *args: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        # a PostgreSQL URL has no folder of its own: its log goes to a temporary one
        self.log_path = (db.with_suffix(".server.log") if isinstance(db, Path)
                         else Path(tempfile.mkdtemp(prefix="cg-srv-")) / "server.log")
        self._log = open(self.log_path, "w", encoding="utf-8")  # noqa: SIM115 - closed in stop()
        env = dict(os.environ, PYTHONIOENCODING="utf-8")
        self.proc = subprocess.Popen(
            CLI + ["serve", "--host", "127.0.0.1", "--port", str(self.port), "--db", str(db),
                   "--log-level", "warning", *args],
            stdout=self._log, stderr=subprocess.STDOUT, env=env,
        )
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n{self.log()}")
            try:
                if httpx.get(self.base + "/healthz", timeout=2, trust_env=False).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"server not ready after {START_TIMEOUT} s:\n{self.log()}")

    def client(self, token: str | None = None, **kwargs: object) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.base, headers=headers, timeout=120, trust_env=False,
                            **kwargs)  # type: ignore[arg-type]

    def log(self) -> str:
        if not self._log.closed:
            self._log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)
        self._log.close()


@pytest.fixture(scope="module")
def plain_server(tmp_path_factory):
    server = ServerProcess(tmp_path_factory.mktemp("srv") / "cg.db", "--no-preload")
    yield server
    server.stop()


def test_single_user_mode_refuses_to_listen_beyond_loopback(tmp_path):
    for host in ("0.0.0.0", "::", "192.0.2.2"):
        proc = cli("serve", "--host", host, "--port", str(free_port()), "--db", str(tmp_path / "x.db"))
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.startswith("claimgraph: error: refusing to listen on"), proc.stderr
        assert "--team" in proc.stderr and "Traceback" not in proc.stderr


def test_every_response_carries_the_security_headers(plain_server):
    with plain_server.client() as c:
        for path in ("/healthz", "/", "/articles", "/static/app.css", "/api/articles",
                     "/api/articles/nope404", "/no-such-page", "/openapi.json"):
            r = c.get(path)
            csp = r.headers.get("content-security-policy", "")
            assert "default-src 'none'" in csp and "script-src 'self'" in csp, path
            assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp, path
            assert r.headers.get("x-content-type-options") == "nosniff", path
            assert r.headers.get("x-frame-options") == "DENY", path
            assert r.headers.get("referrer-policy") == "same-origin", path


def test_pages_load_only_local_assets(plain_server):
    with plain_server.client() as c:
        page = c.get("/").text
        assert '<script src="/static/app.js"' in page and 'href="/static/app.css"' in page
        for attr in re.findall(r'(?:src|href|action)="([^"]*)"', page):
            assert attr.startswith(("/", "#")) and not attr.startswith("//"), attr
        for asset, kind in (("/static/app.js", "text/javascript"), ("/static/app.css", "text/css"),
                            ("/static/report.css", "text/css")):
            r = c.get(asset)
            assert r.status_code == 200 and r.headers["content-type"].startswith(kind)
        assert c.get("/static/..%2Fapp.py").status_code == 404
        assert c.get("/static/app.py").status_code == 404


def test_swagger_ui_is_not_served_but_the_spec_is(plain_server):
    with plain_server.client() as c:
        assert c.get("/docs").status_code == 404  # it would load scripts from a CDN
        spec = c.get("/openapi.json").json()
        for path in ("/api/analyze", "/api/articles", "/api/articles/{article_id}"):
            assert path in spec["paths"], path
        assert "post" in spec["paths"]["/api/analyze"]
        assert "GET" in c.get("/api-docs").text


def test_host_header_must_name_loopback_in_single_user_mode(plain_server):
    """A web page could reach a local server through DNS rebinding; its Host gives it away."""
    with plain_server.client() as c:
        r = c.get("/api/articles", headers={"Host": "attacker.example"})
        assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
        assert c.get("/api/articles", headers={"Host": f"localhost:{plain_server.port}"}).status_code == 200


def test_cross_site_writes_are_refused(plain_server):
    with plain_server.client() as c:
        for headers in ({"Origin": "https://attacker.example"}, {"Sec-Fetch-Site": "cross-site"}):
            r = c.post("/api/analyze", json={"text": "The minister said taxes will fall."},
                       headers=headers)
            assert r.status_code == 403, headers
            assert "cross-site" in r.json()["error"]["message"]
