"""Download one web page, safely: every hop guarded, every limit enforced.

* Redirects are followed by hand (``follow_redirects=False``) so that each target goes
  through the address guard before anything connects to it, and so that their number is
  bounded by ``ReadOptions.max_redirects``.
* Connections are *pinned*: httpx is given a network backend whose ``connect_tcp`` resolves
  the host itself, checks every resolved address with the guard and connects to those exact
  addresses. There is no second DNS lookup between check and connect, so DNS rebinding
  cannot slip a private address in. TLS still verifies the certificate against the host
  name (httpcore passes the name, not the IP, as ``server_hostname``).
* Environment proxies are ignored (``trust_env=False``): a proxy would make the guard check
  the proxy instead of the page.
* Connect and read timeouts come from ``ReadOptions.timeout``; the whole fetch, redirects
  included, must also finish within :data:`TOTAL_TIMEOUT_FACTOR` × that timeout, so a server
  that drips one byte at a time cannot hold a worker forever.
* The body is streamed and refused as soon as it exceeds ``ReadOptions.max_bytes``
  (a ``Content-Length`` above the limit is refused before reading anything).
* Only HTML, plain text and JSON are accepted (``Content-Type``).
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from typing import Any

from ..errors import BlockedAddressError, FetchError
from ..options import ReadOptions
from .decode import format_size
from .formats import is_allowed_content_type
from .guard import Resolver, parse_target, resolve_checked
from .guard import shown_url as _show

TOTAL_TIMEOUT_FACTOR = 4
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ACCEPT = "text/html,application/xhtml+xml,application/json;q=0.9,text/plain;q=0.8"


@dataclass(frozen=True, slots=True)
class Fetched:
    """A downloaded document: the final URL (after redirects) and its raw bytes."""

    url: str
    status: int
    media_type: str | None  # "text/html", lower case, without parameters
    charset: str | None
    body: bytes
    redirects: tuple[str, ...] = ()


def fetch_url(
    url: str, options: ReadOptions | None = None, *, resolver: Resolver = socket.getaddrinfo
) -> Fetched:
    """Fetch ``url`` under the guard and the limits of ``options``; raise FetchError if not.

    ``resolver`` (signature of :func:`socket.getaddrinfo`) is the only name lookup used, both
    for the check and for the connection.
    """
    import httpx  # lazy

    options = options or ReadOptions()
    client = httpx.Client(
        transport=_guarded_transport(options, resolver),
        timeout=httpx.Timeout(options.timeout),
        follow_redirects=False,
        trust_env=False,
        headers={"User-Agent": options.user_agent, "Accept": ACCEPT},
    )
    deadline = time.monotonic() + TOTAL_TIMEOUT_FACTOR * options.timeout
    history: list[str] = []
    current = url
    with client:
        while True:
            _guard_hop(current, history, options)
            if time.monotonic() > deadline:
                total = TOTAL_TIMEOUT_FACTOR * options.timeout
                raise FetchError(f"timed out after {total:g} s fetching {_show(url)}")
            try:
                with client.stream("GET", current) as response:
                    target = _redirect_target(response, current)
                    if target is None:
                        return _read_response(response, current, history, options, deadline)
            except BlockedAddressError as exc:  # refused at connect time (see guarded_backend)
                if not history:
                    raise
                raise BlockedAddressError(
                    f"redirect from {_show(history[-1])} refused: {exc}"
                ) from None
            except httpx.TimeoutException:
                raise FetchError(
                    f"timed out after {options.timeout:g} s fetching {_show(current)}"
                ) from None
            except httpx.HTTPError as exc:
                raise FetchError(f"could not fetch {_show(current)}: {_reason(exc)}") from None
            if target in history or target == current:
                raise FetchError(
                    f"too many redirects: {_show(current)} redirects in a loop to {_show(target)}"
                )
            if len(history) >= options.max_redirects:
                raise FetchError(
                    f"too many redirects (more than {options.max_redirects}) fetching {_show(url)}"
                )
            history.append(current)
            current = target


def _trusted(host: str, port: int | None, options: ReadOptions) -> bool:
    host = host.strip("[]").lower()
    return f"{host}:{port}" in {h.lower() for h in options.trusted_hosts}


def _hop_allows_private(url: str, options: ReadOptions) -> bool:
    if options.allow_private:
        return True
    if not options.trusted_hosts:
        return False
    import urllib.parse

    parts = urllib.parse.urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return False
    return _trusted(parts.hostname or "", port, options)


def _guard_hop(current: str, history: list[str], options: ReadOptions) -> None:
    try:
        parse_target(current, allow_private=_hop_allows_private(current, options))
    except BlockedAddressError as exc:
        if not history:
            raise
        raise BlockedAddressError(f"redirect from {_show(history[-1])} refused: {exc}") from None


def _redirect_target(response: Any, current: str) -> str | None:
    if response.status_code not in REDIRECT_STATUSES:
        return None
    location = response.headers.get("location")
    if not location:
        raise FetchError(
            f"HTTP {response.status_code} from {_show(current)} without a Location header"
        )
    try:
        return str(response.url.join(location.strip()))
    except Exception:  # a malformed Location is the server's fault, not a crash of ours
        raise FetchError(
            f"HTTP {response.status_code} from {_show(current)} with an invalid Location"
        ) from None


def _read_response(
    response: Any, current: str, history: list[str], options: ReadOptions, deadline: float
) -> Fetched:
    status = response.status_code
    if status >= 400:
        raise FetchError(f"HTTP {status} from {_show(current)}")
    if not 200 <= status < 300:
        raise FetchError(f"unexpected HTTP {status} from {_show(current)}")
    media_type, charset = _content_type(response.headers.get("content-type"))
    if not is_allowed_content_type(media_type):
        raise FetchError(
            f"{_show(current)} is {media_type}, not a web page, plain text or JSON; "
            "refusing to read it"
        )
    declared = response.headers.get("content-length", "").strip()
    if declared.isdigit() and int(declared) > options.max_bytes:
        raise FetchError(
            f"the response from {_show(current)} is {format_size(int(declared))}, "
            f"more than the limit of {format_size(options.max_bytes)}"
        )
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > options.max_bytes:
            raise FetchError(
                f"the response from {_show(current)} is larger than the limit of "
                f"{format_size(options.max_bytes)}; stopped reading"
            )
        if time.monotonic() > deadline:
            total = TOTAL_TIMEOUT_FACTOR * options.timeout
            raise FetchError(
                f"timed out after {total:g} s fetching {_show(current)}: the server sends too slowly"
            )
        chunks.append(chunk)
    return Fetched(
        url=current,
        status=status,
        media_type=media_type,
        charset=charset,
        body=b"".join(chunks),
        redirects=tuple(history),
    )


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    media_type, *params = header.split(";")
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media_type.strip().lower() or None, charset


def _reason(exc: Exception) -> str:
    cause = exc.__cause__ or exc.__context__
    text = str(exc) or (str(cause) if cause else "") or type(exc).__name__
    return " ".join(text.split())


def guarded_backend(*, allow_private: bool, resolver: Resolver = socket.getaddrinfo,
                    trusted: tuple[str, ...] = ()) -> Any:
    """An httpcore network backend that resolves, checks all addresses, then connects to a
    checked one: the connection goes to the address that was checked, with no second lookup."""
    import httpcore

    class GuardedBackend(httpcore.NetworkBackend):
        def __init__(self) -> None:
            self._inner = httpcore.SyncBackend()

        def connect_tcp(
            self,
            host: str,
            port: int,
            timeout: float | None = None,
            local_address: str | None = None,
            socket_options: Any = None,
        ) -> httpcore.NetworkStream:
            exempt = allow_private or f"{host.strip('[]').lower()}:{port}" in {t.lower() for t in trusted}
            addresses = resolve_checked(host, port, allow_private=exempt, resolver=resolver)
            error: Exception = FetchError(f"could not connect to {host}")
            for ip in addresses:
                try:
                    return self._inner.connect_tcp(
                        str(ip), port, timeout, local_address, socket_options
                    )
                except httpcore.ConnectTimeout:
                    raise
                except httpcore.ConnectError as exc:
                    error = exc
            raise error

        def connect_unix_socket(
            self, path: str, timeout: float | None = None, socket_options: Any = None
        ) -> httpcore.NetworkStream:
            raise BlockedAddressError("refusing to connect to a unix socket")

        def sleep(self, seconds: float) -> None:
            self._inner.sleep(seconds)

    return GuardedBackend()


def _guarded_transport(options: ReadOptions, resolver: Resolver) -> Any:
    """An httpx transport whose every TCP connection goes through :func:`guarded_backend`."""
    import httpcore
    import httpx

    transport = httpx.HTTPTransport(trust_env=False, retries=0)
    # httpx has no public hook for the network backend, so the pool it built is replaced by
    # one that uses ours (same constructor httpx itself calls). tests/test_fetch.py proves the
    # swap works: a name known only to the test's resolver is fetched from the loopback server.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        max_connections=4,
        max_keepalive_connections=0,
        retries=0,
        network_backend=guarded_backend(allow_private=options.allow_private, resolver=resolver,
                                        trusted=options.trusted_hosts),
    )
    return transport
