"""The REST API over a real ``claimgraph serve`` process on 127.0.0.1.

Team mode: authentication, roles, tokens, audit, rate limit, size limits. Single-user mode:
the analysis JSON equals the CLI's, errors have one shape, URL ingestion refuses SSRF targets.
Every request goes to loopback; the SSRF targets are refused before any connection is made
(the local test server counts its hits to prove which requests reached it).
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from test_server_process import ServerProcess, cli

from claimgraph.store import open_store
from claimgraph.store.accounts_ops import add_user

ARTICLE = (
    "Harbour tolls to double next year\n\n"
    "PORT ELLEN — The harbour authority will double its tolls from January, its chairman "
    "Tomas Reyes said on Monday. \"We have no choice,\" Reyes told the council. Fishermen say "
    "the rise will drive small boats away, according to a union spokesperson. The authority "
    "collected 2.4 million pounds in tolls last year.\n"
)
HOSTILE = (
    "Officials <script>window.pwned=1;alert('x')</script> said the plan "
    "<img src=x onerror=alert(1)> would work. \"It is safe,\" the mayor said. "
    "Read more at <a href=\"javascript:alert(2)\">this link</a> javascript:alert(3).\n"
)
PAGE = (
    "<!DOCTYPE html><html><head><title>Harbour tolls to double</title></head><body>"
    "<article><h1>Harbour tolls to double next year</h1>"
    + "".join(f"<p>{line}</p>" for line in ARTICLE.splitlines()[2:] if line)
    + "</article></body></html>"
)
MAX_BODY = 200_000
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def team(tmp_path_factory):
    db = tmp_path_factory.mktemp("team") / "team.db"
    proc = cli("users", "add", "chief", "--role", "admin", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    tokens = {"admin": proc.stdout.strip()}
    with open_store(db) as store:
        for name, role in (("ed", "editor"), ("vi", "viewer"), ("busy", "viewer"),
                           ("gone", "editor")):
            tokens[name if name in ("busy", "gone") else role] = add_user(store, name, role)[1]
    server = ServerProcess(db, "--team", "--max-body", str(MAX_BODY), "--rate-per-minute", "1",
                           "--rate-burst", "30", "--no-preload")
    server.tokens = tokens  # type: ignore[attr-defined]
    server.db = db  # type: ignore[attr-defined]
    yield server
    server.stop()


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    server = ServerProcess(tmp_path_factory.mktemp("local") / "local.db")
    yield server
    server.stop()


def _error(r: httpx.Response, status: int, code: str) -> str:
    assert r.status_code == status, (r.status_code, r.text)
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    assert body["error"]["code"] == code, body
    return body["error"]["message"]


# --- team mode -------------------------------------------------------------------------------


def test_team_mode_requires_a_token(team):
    with team.client() as c:
        for method, path in (("GET", "/api/articles"), ("GET", "/api/me"),
                             ("POST", "/api/analyze"), ("GET", "/api/articles/abcdef")):
            r = c.request(method, path, json={"text": "x"} if method == "POST" else None)
            assert "API token" in _error(r, 401, "unauthorized")
            assert r.headers["www-authenticate"].startswith("Bearer")
        page = c.get("/articles")
        assert page.status_code == 303 and page.headers["location"] == "/login?next=/articles"
    with team.client("cg_0123456789ab_" + "A" * 43) as c:
        _error(c.get("/api/me"), 401, "unauthorized")


def test_tokens_identify_their_users(team):
    for role in ("viewer", "editor", "admin"):
        with team.client(team.tokens[role]) as c:
            assert c.get("/api/me").json()["role"] == role


def test_viewer_reads_but_cannot_write(team):
    with team.client(team.tokens["viewer"]) as c:
        assert c.get("/api/articles").status_code == 200
        message = _error(c.post("/api/analyze", json={"text": ARTICLE}), 403, "forbidden")
        assert "viewer" in message and "editor" in message
        form = c.post("/analyze", data={"text": ARTICLE})
        assert form.status_code == 403 and "editor" in form.text
        _error(c.get("/api/audit"), 403, "forbidden")


def test_editor_analyses_viewer_reads_admin_sees_the_audit_entry(team):
    with team.client(team.tokens["editor"]) as ed:
        r = ed.post("/api/analyze", json={"text": ARTICLE, "published": "2024-03-04"})
        assert r.status_code == 200, r.text
        analysis = r.json()
        assert analysis["article"]["published"] == "2024-03-04"
        assert any("Reyes" in (a["source"] or {}).get("text", "") for a in analysis["attributions"])
        _error(ed.get("/api/audit"), 403, "forbidden")
    article_id = analysis["article"]["id"]
    with team.client(team.tokens["viewer"]) as vi:
        stored = vi.get(f"/api/articles/{article_id}").json()
        assert stored == analysis
        assert any(a["id"] == article_id for a in vi.get("/api/articles").json()["articles"])
    with team.client(team.tokens["admin"]) as ad:
        entries = ad.get("/api/audit").json()["entries"]
    entry = next(e for e in entries if e["target"] == article_id)
    assert entry["actor"] == "ed" and entry["action"] == "article.analyze"
    assert entry["detail"]["source"] == "text" and entry["at"].endswith("Z")


def test_disabled_user_is_locked_out_at_once(team):
    with team.client(team.tokens["gone"]) as c:
        assert c.get("/api/me").status_code == 200
        assert cli("users", "disable", "gone", "--db", str(team.db)).returncode == 0
        _error(c.get("/api/me"), 401, "unauthorized")


def test_oversized_bodies_are_refused(team):
    big = json.dumps({"text": "word " * (MAX_BODY // 4)}).encode()
    with team.client(team.tokens["editor"]) as c:
        r = c.post("/api/analyze", content=big, headers={"Content-Type": "application/json"})
        assert "limit" in _error(r, 413, "too_large")

        def chunks():  # no Content-Length: the server must count while reading
            for i in range(0, len(big), 16_384):
                yield big[i : i + 16_384]

        r = c.post("/api/analyze", content=chunks(), headers={"Content-Type": "application/json"})
        _error(r, 413, "too_large")
        r = c.post("/analyze", files={"file": ("big.txt", b"x" * (MAX_BODY + 1), "text/plain")})
        assert r.status_code == 413


def test_login_cookie_for_browsers(team):
    with team.client() as c:
        bad = c.post("/login", data={"token": "nope", "next": "/articles"})
        assert bad.status_code == 401 and "not valid" in bad.text
        r = c.post("/login", data={"token": team.tokens["viewer"], "next": "//evil.example/"})
        assert r.status_code == 303 and r.headers["location"] == "/"  # no open redirect
        cookie = r.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie
        page = c.get("/articles")
        assert page.status_code == 200 and "vi" in page.text and "viewer" in page.text
        home = c.get("/").text
        assert "but not analyse new ones" in home and 'action="/analyze"' not in home
        r = c.post("/analyze", data={"text": ARTICLE}, headers={"Origin": "https://evil.example"})
        assert r.status_code == 403  # cross-site form post, cookie or not


def test_rate_limit_per_token(team):
    with team.client(team.tokens["busy"]) as c:
        statuses = [c.get("/api/me").status_code for _ in range(40)]
        limited = c.get("/api/me")
    assert statuses.count(200) >= 30 and 429 in statuses
    assert "retry" in _error(limited, 429, "rate_limited")
    assert int(limited.headers["retry-after"]) >= 1
    with team.client(team.tokens["viewer"]) as other:  # another token has its own bucket
        assert other.get("/api/me").status_code == 200


# --- single-user mode ------------------------------------------------------------------------


def test_analyze_json_is_identical_to_the_cli(local, tmp_path):
    path = tmp_path / "tolls.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    proc = cli("analyze", str(path), "--json", "--published", "2024-03-04")
    assert proc.returncode == 0, proc.stderr
    with local.client() as c:
        r = c.post("/api/analyze", json={"text": ARTICLE, "published": "2024-03-04"})
    assert r.status_code == 200
    assert r.json() == json.loads(proc.stdout)


def test_errors_have_one_shape(local):
    with local.client() as c:
        _error(c.post("/api/analyze", json={}), 422, "invalid_request")
        _error(c.post("/api/analyze", json={"text": "x", "colour": "red"}), 422, "invalid_request")
        _error(c.post("/api/analyze", content=b"{not json", headers={"Content-Type": "application/json"}),
               422, "invalid_request")
        _error(c.post("/api/analyze", json={"text": "   "}), 422, "E001")
        german = ("Die Regierung hat am Montag angekündigt, dass die Steuern im nächsten Jahr "
                  "deutlich steigen werden, sagte der Minister vor Journalisten in Berlin.")
        assert "English" in _error(c.post("/api/analyze", json={"text": german}), 422, "E004")
        _error(c.get("/api/articles/0000000000000000"), 404, "not_found")
        _error(c.get("/api/articles", params={"limit": 0}), 422, "invalid_request")


class _Pages(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hits: Counter[str] = Counter()
        self.redirect_to = ""


class _Handler(BaseHTTPRequestHandler):
    server: _Pages

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.server.hits[self.path] += 1
        if self.path == "/article":
            body = PAGE.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_response(302)
        self.send_header("Location", self.server.redirect_to)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def pages():
    server = _Pages()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_ssrf_targets_are_refused_with_a_clear_error(local, pages):
    own = local.base + "/api/articles"
    side = f"http://127.0.0.1:{pages.server_address[1]}/article"
    cases = {
        own: "127.0.0.1 is a loopback address",
        f"http://[::1]:{local.port}/": "loopback",
        f"http://localhost:{local.port}/": "localhost is the local machine",
        "file:///etc/passwd": "the file: scheme is not allowed",
        "/etc/passwd": "without a scheme",
        "gopher://127.0.0.1:70/": "gopher: scheme",
        side: "loopback",  # the local page that would redirect: refused before connecting
    }
    with local.client() as c:
        for url, reason in cases.items():
            message = _error(c.post("/api/analyze", json={"url": url}), 400, "E003")
            assert message.startswith("refusing to") and reason in message, (url, message)
        form = c.post("/analyze", data={"url": "file:///etc/passwd"})
        assert form.status_code == 400 and "file: scheme is not allowed" in form.text
    assert sum(pages.hits.values()) == 0


@pytest.fixture(scope="module")
def intranet(tmp_path_factory):
    """A server allowed to fetch private/loopback pages (``--allow-private-urls``)."""
    server = ServerProcess(tmp_path_factory.mktemp("intranet") / "i.db", "--allow-private-urls",
                           "--no-preload")
    yield server
    server.stop()


def test_every_redirect_hop_is_checked(intranet, pages):
    """The first hop is allowed here (a loopback test page); the redirect it answers with
    points at this machine under another name (0.0.0.0) and is refused before connecting."""
    pages.redirect_to = f"http://0.0.0.0:{intranet.port}/api/articles"
    start = f"http://127.0.0.1:{pages.server_address[1]}/moved"
    with intranet.client() as c:
        message = _error(c.post("/api/analyze", json={"url": start}), 400, "E003")
    assert message.startswith(f"redirect from {start} refused"), message
    assert "0.0.0.0 is the unspecified address" in message
    assert pages.hits == Counter({"/moved": 1})


def test_redirect_to_loopback_is_refused_on_a_strict_server(tmp_path, pages):
    """Only the test page's host:port is trusted; its redirect to this machine's own API (a
    loopback address on another port) is refused on the redirect hop, before connecting."""
    side = f"127.0.0.1:{pages.server_address[1]}"
    server = ServerProcess(tmp_path / "s.db", "--trust-host", side, "--no-preload")
    try:
        pages.redirect_to = f"http://127.0.0.1:{server.port}/api/articles"
        start = f"http://{side}/moved"
        with server.client() as c:
            message = _error(c.post("/api/analyze", json={"url": start}), 400, "E003")
            assert message.startswith(f"redirect from {start} refused"), message
            assert "loopback" in message
            # the trusted page itself is fetched and analysed
            ok = c.post("/api/analyze", json={"url": f"http://{side}/article"})
            assert ok.status_code == 200, ok.text
        assert pages.hits["/moved"] == 1 and pages.hits["/article"] == 1
    finally:
        server.stop()


def test_intranet_server_fetches_a_loopback_page(intranet, pages):
    url = f"http://127.0.0.1:{pages.server_address[1]}/article"
    with intranet.client() as c:
        r = c.post("/api/analyze", json={"url": url, "published": "2024-03-04"})
    assert r.status_code == 200, r.text
    analysis = r.json()
    assert analysis["article"]["url"] == url and analysis["article"]["format"] == "url"
    assert analysis["article"]["published"] == "2024-03-04"
    assert "Tomas Reyes" in analysis["article"]["text"] and analysis["attributions"]
    assert pages.hits["/article"] == 1


def test_hostile_article_is_escaped_in_the_page(local):
    with local.client() as c:
        analysis = c.post("/api/analyze", json={"text": HOSTILE, "title": "<b>T</b>"}).json()
        page = c.get(f"/articles/{analysis['article']['id']}").text
    assert "<script>window.pwned" not in page and "<img src=x" not in page
    assert 'href="javascript' not in page and "<b>T</b>" not in page
    assert "&lt;script&gt;window.pwned=1;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert page.count("<script") == 1  # only /static/app.js


def test_upload_form_redirects_to_the_article_page(local):
    with local.client() as c:
        r = c.post("/analyze", files={"file": ("tolls.txt", ARTICLE.encode(), "text/plain")},
                   data={"title": "Tolls"})
        assert r.status_code == 303, r.text
        page = c.get(r.headers["location"])
        assert page.status_code == 200 and "Tolls" in page.text and "cg-src" in page.text
        both = c.post("/analyze", data={"text": ARTICLE, "url": "https://example.org/"})
        assert both.status_code == 422 and "exactly one" in both.text
        listing = c.get("/articles").text
        assert r.headers["location"] in listing
