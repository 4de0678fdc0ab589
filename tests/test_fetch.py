"""URL fetching against a real HTTP server on 127.0.0.1 (in a thread). Nothing else is contacted:
names are resolved by a fake resolver or are IP literals."""

from __future__ import annotations

import socket
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from claimgraph.errors import BlockedAddressError, FetchError, InputError
from claimgraph.options import ReadOptions
from claimgraph.read import fetch_url, read_input
from claimgraph.read.fetch import guarded_backend

FIXTURES = Path(__file__).parent / "fixtures" / "read"
ARTICLE_HTML = (FIXTURES / "article.html").read_bytes()
PLAIN = (FIXTURES / "plain.txt").read_bytes()

LOCAL = ReadOptions(allow_private=True, timeout=5.0, max_redirects=3)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.hits: Counter[str] = Counter()
        self.hosts: list[str] = []
        self.release = threading.Event()  # ends the /slow handler at teardown

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        self.server.hits[self.path] += 1
        self.server.hosts.append(self.headers.get("Host", ""))
        routes = {
            "/article": lambda: self._send(200, "text/html; charset=utf-8", ARTICLE_HTML),
            "/plain": lambda: self._send(200, "text/plain", PLAIN),
            "/latin1": lambda: self._send(
                200,
                "text/plain; charset=iso-8859-1",
                "Caf\xe9 prices rose, owners said.".encode("cp1252"),
            ),
            "/json": lambda: self._send(
                200,
                "application/json",
                b'{"title": "T", "text": "The minister said taxes will fall."}',
            ),
            "/pdf": lambda: self._send(200, "application/pdf", b"%PDF-1.4\n..."),
            "/missing": lambda: self._send(404, "text/html", b"<h1>Not found</h1>"),
            "/error": lambda: self._send(500, "text/plain", b"boom"),
            "/empty": lambda: self._send(200, "text/plain", b""),
            "/big-declared": lambda: self._send(200, "text/plain", b"x" * 50_000),
            "/big-streamed": self._stream_big,
            "/slow": self._slow,
            "/host": lambda: self._send(
                200, "text/plain", f"Host was {self.headers['Host']}".encode()
            ),
            "/loop-a": lambda: self._redirect("/loop-b"),
            "/loop-b": lambda: self._redirect("/loop-a"),
            "/to-article": lambda: self._redirect("/article", status=301),
            # a redirect target the guard must refuse before connecting (never reached)
            "/to-metadata": lambda: self._redirect("http://169.254.169.254/latest/meta-data/"),  # refused
            "/to-mapped-metadata": lambda: self._redirect("http://[::ffff:169.254.169.254]/"),
            "/to-file": lambda: self._redirect("file:///etc/passwd"),
            "/to-credentials": lambda: self._redirect(
                f"{self.server.base}/article".replace("//", "//u:p@")
            ),
            "/to-zero": lambda: self._redirect(
                f"http://0.0.0.0:{self.server.server_address[1]}/secret"
            ),
            "/no-location": lambda: self._send(302, "text/plain", b""),
        }
        if self.path.startswith("/chain/"):
            n = int(self.path.rsplit("/", 1)[1])
            return self._redirect(f"/chain/{n + 1}")
        routes.get(self.path, lambda: self._send(404, "text/plain", b"no route"))()

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str, status: int = 302) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _stream_big(self) -> None:
        # No Content-Length (HTTP/1.0: the body ends when the connection closes), so only the
        # streaming byte cap can stop it.
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        try:
            for _ in range(100):
                self.wfile.write(b"y" * 4096)
        except OSError:
            pass  # the client hung up once it had enough: that is the point

    def _slow(self) -> None:
        self.server.release.wait(10)
        try:
            self._send(200, "text/plain", b"too late")
        except OSError:
            pass


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    srv = Server()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.release.set()
    srv.shutdown()
    srv.server_close()


def test_fetch_html_article(server: Server) -> None:
    article = read_input(f"{server.base}/article", LOCAL)
    assert article.format == "url"
    assert article.url == f"{server.base}/article"
    assert article.title == "Harbour council approves new flood barrier"
    assert article.published == "2023-04-12" and article.published_source == "metadata"
    assert "Tomas Berg" in article.text
    assert "Subscribe today" not in article.text and "cookies" not in article.text


def test_fetch_plain_and_json_and_declared_charset(server: Server) -> None:
    plain = read_input(f"{server.base}/plain", LOCAL)
    assert plain.title == "Ministry says rail strike cost the economy 120 million pounds"
    latin = read_input(f"{server.base}/latin1", LOCAL)
    assert latin.text.startswith("Café prices rose")
    record = read_input(f"{server.base}/json", LOCAL)
    assert record.text == "The minister said taxes will fall." and record.title == "T"


def test_relative_redirect_is_followed(server: Server) -> None:
    fetched = fetch_url(f"{server.base}/to-article", LOCAL)
    assert fetched.url == f"{server.base}/article"
    assert fetched.redirects == (f"{server.base}/to-article",)
    assert fetched.media_type == "text/html" and fetched.charset == "utf-8"


def test_timeout(server: Server) -> None:
    options = ReadOptions(allow_private=True, timeout=0.3)
    with pytest.raises(
        FetchError, match=r"timed out after 0.3 s fetching http://127\.0\.0\.1:\d+/slow"
    ):
        fetch_url(f"{server.base}/slow", options)


def test_redirect_loop(server: Server) -> None:
    with pytest.raises(FetchError, match="too many redirects"):
        fetch_url(f"{server.base}/loop-a", LOCAL)


def test_redirect_chain_longer_than_the_limit(server: Server) -> None:
    with pytest.raises(FetchError, match=r"too many redirects \(more than 3\)"):
        fetch_url(f"{server.base}/chain/0", LOCAL)
    assert server.hits["/chain/3"] == 1 and server.hits["/chain/4"] == 0


@pytest.mark.parametrize(
    "path, target, reason",
    [
        ("/to-metadata", "/latest/meta-data/", "cloud metadata"),
        ("/to-mapped-metadata", None, "cloud metadata"),
        ("/to-file", None, "file: scheme"),
        ("/to-credentials", None, "user name or password"),
    ],
)
def test_redirect_targets_go_through_the_guard(
    server: Server, path: str, target: str | None, reason: str
) -> None:
    # Even with allow_private (needed to reach the test server at all), these targets stay
    # blocked; the guard refuses them before any connection, so nothing is contacted.
    with pytest.raises(BlockedAddressError) as info:
        fetch_url(f"{server.base}{path}", LOCAL)
    assert f"redirect from {server.base}{path} refused" in str(info.value)
    assert reason in str(info.value)


def test_loopback_refused_without_allow_private(server: Server) -> None:
    before = sum(server.hits.values())
    for url in (f"{server.base}/article", f"http://2130706433:{server.server_address[1]}/article"):
        with pytest.raises(BlockedAddressError, match="loopback"):
            read_input(url, ReadOptions())
    assert sum(server.hits.values()) == before  # refused before connecting


def test_redirect_to_the_local_machine_by_another_name_is_refused(server: Server) -> None:
    # http://0.0.0.0:PORT/ reaches this machine's own services on Linux. It is refused even
    # with allow_private, before connecting: the server never sees the target path.
    before = server.hits["/secret"]
    with pytest.raises(BlockedAddressError, match="0.0.0.0 is the unspecified address"):
        fetch_url(f"{server.base}/to-zero", LOCAL)
    assert server.hits["/to-zero"] >= 1 and server.hits["/secret"] == before


def test_http_errors(server: Server) -> None:
    with pytest.raises(FetchError, match=r"HTTP 404 from http://127\.0\.0\.1:\d+/missing"):
        fetch_url(f"{server.base}/missing", LOCAL)
    with pytest.raises(FetchError, match="HTTP 500"):
        fetch_url(f"{server.base}/error", LOCAL)
    with pytest.raises(FetchError, match="without a Location header"):
        fetch_url(f"{server.base}/no-location", LOCAL)


def test_wrong_content_type(server: Server) -> None:
    with pytest.raises(FetchError, match="application/pdf, not a web page"):
        fetch_url(f"{server.base}/pdf", LOCAL)


def test_oversized_response(server: Server) -> None:
    small = ReadOptions(allow_private=True, max_bytes=10_000)
    with pytest.raises(
        FetchError, match=r"48\.8 KiB \(50,000 bytes\), more than the limit of 9\.8 KiB"
    ):
        fetch_url(f"{server.base}/big-declared", small)
    with pytest.raises(FetchError, match="larger than the limit of 9.8 KiB"):
        fetch_url(f"{server.base}/big-streamed", small)


def test_empty_page(server: Server) -> None:
    with pytest.raises(InputError, match="empty"):
        read_input(f"{server.base}/empty", LOCAL)


def test_connection_refused(server: Server) -> None:
    with socket.socket() as probe:  # a port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match=f"could not fetch http://127.0.0.1:{port}/"):
        fetch_url(f"http://127.0.0.1:{port}/", LOCAL)


class _Resolver:
    def __init__(self, table: dict[str, list[str]]) -> None:
        self.table = table
        self.asked: list[str] = []

    def __call__(self, host: str, port: int, *args: object, **kwargs: object) -> list[tuple]:
        self.asked.append(host)
        if host not in self.table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port)) for ip in self.table[host]]


def test_connection_is_pinned_to_the_checked_address(server: Server) -> None:
    # The name is looked up only through our resolver, and the connection goes to the
    # address it returned, while the request still names the host (Host header).
    resolver = _Resolver({"localhost": ["127.0.0.1"]})
    port = server.server_address[1]
    fetched = fetch_url(f"http://localhost:{port}/host", LOCAL, resolver=resolver)
    assert fetched.body == f"Host was localhost:{port}".encode()
    assert resolver.asked == ["localhost"]
    # Only now that the pinning is proven (no system DNS involved), a name whose answer is
    # loopback: allowed by the URL check (it is a name), refused at connect time.
    rebinding = _Resolver({"rebind.example.com": ["127.0.0.1"]})
    before = sum(server.hits.values())
    with pytest.raises(BlockedAddressError, match="it resolves to 127.0.0.1"):
        fetch_url(f"http://rebind.example.com:{port}/host", ReadOptions(), resolver=rebinding)
    assert rebinding.asked == ["rebind.example.com"]
    assert sum(server.hits.values()) == before


def test_guarded_backend_refuses_rebinding(server: Server) -> None:
    # A name that the check saw as fine but that now resolves to a loopback address: the
    # backend checks the addresses it is about to connect to, so it refuses.
    resolver = _Resolver({"rebind.example.com": ["127.0.0.1"]})
    backend = guarded_backend(allow_private=False, resolver=resolver)
    before = sum(server.hits.values())
    with pytest.raises(
        BlockedAddressError, match="rebind.example.com \\(it resolves to 127.0.0.1\\)"
    ):
        backend.connect_tcp("rebind.example.com", server.server_address[1])
    assert resolver.asked == ["rebind.example.com"]
    assert sum(server.hits.values()) == before
