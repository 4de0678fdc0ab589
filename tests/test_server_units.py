"""Small server parts on their own: the token bucket, the loopback checks, the redirect guard."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the [server] extra is not installed")

from claimgraph.errors import InputError  # noqa: E402
from claimgraph.server.auth import _safe_next  # noqa: E402
from claimgraph.server.config import ServerConfig, is_loopback_host  # noqa: E402
from claimgraph.server.security import _cross_site, _is_loopback_authority  # noqa: E402
from claimgraph.server.state import RateLimiter  # noqa: E402


def test_token_bucket_allows_the_burst_then_the_rate():
    limiter = RateLimiter(per_minute=60, burst=3)
    assert [limiter.take("t", now=100.0) for _ in range(3)] == [0.0, 0.0, 0.0]
    wait = limiter.take("t", now=100.0)
    assert wait == pytest.approx(1.0)
    assert limiter.take("other", now=100.0) == 0.0  # buckets are per key
    assert limiter.take("t", now=101.0) == 0.0  # one token refilled after a second
    assert limiter.take("t", now=101.0) > 0
    assert [limiter.take("t", now=1000.0) for _ in range(4)].count(0.0) == 3  # capped at burst
    assert RateLimiter(per_minute=0, burst=3).take("t") == 0.0  # disabled


def test_token_bucket_forgets_refilled_keys():
    """Keys seen once (addresses of failed logins) must not grow the table without bound."""
    limiter = RateLimiter(per_minute=60, burst=2)
    limiter._prune_at = 3
    for i in range(3):
        limiter.take(f"addr{i}", now=0.0)
    limiter.take("busy", now=10.0)  # the table is at its limit: addr0..2 have refilled by now
    limiter.take("busy", now=10.0)
    assert set(limiter._buckets) == {"busy"}
    assert limiter.take("busy", now=10.0) > 0  # a bucket still in use keeps its count
    assert limiter.take("addr0", now=10.0) == 0.0  # a forgotten key starts full, as it would have


def test_bind_check():
    for host in ("127.0.0.1", "::1", "[::1]", "localhost", "127.0.0.2"):
        assert is_loopback_host(host), host
        ServerConfig(host=host).check_bind()
    for host in ("0.0.0.0", "::", "192.168.1.10", "example.org", ""):
        assert not is_loopback_host(host), host
        with pytest.raises(InputError, match="refusing to listen"):
            ServerConfig(host=host).check_bind()
        ServerConfig(host=host, team=True).check_bind()


def test_host_header_check():
    for ok in ("127.0.0.1:8000", "127.0.0.1", "localhost:1", "[::1]:8000", "[::1]"):
        assert _is_loopback_authority(ok), ok
    for bad in ("attacker.example", "attacker.example:8000", "127.0.0.1.nip.io:80",
                "localhost.attacker.example", "[::ffff:1.2.3.4]:80", ""):
        assert not _is_loopback_authority(bad), bad


def test_cross_site_detection():
    def scope(**headers: str) -> dict:
        return {"headers": [(k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()]}

    host = "127.0.0.1:8000"
    assert not _cross_site(scope(), host)  # scripts send neither header
    assert not _cross_site(scope(origin="http://127.0.0.1:8000", sec_fetch_site="same-origin"), host)
    assert _cross_site(scope(origin="http://evil.example"), host)
    assert _cross_site(scope(origin="null"), host)  # sandboxed frames
    assert _cross_site(scope(sec_fetch_site="cross-site"), host)
    assert _cross_site(scope(sec_fetch_site="same-site"), host)


def test_login_redirect_stays_on_this_site():
    assert _safe_next("/articles/abc?x=1") == "/articles/abc?x=1"
    for bad in ("//evil.example/", "/\\evil.example", "https://evil.example/", "javascript:x", None, ""):
        assert _safe_next(bad) == "/", bad
