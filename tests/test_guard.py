"""The address guard, called directly. Names are resolved by a fake resolver, so nothing here
ever connects anywhere (the only "network" is a dict)."""

from __future__ import annotations

import socket

import pytest

from claimgraph.errors import BlockedAddressError, FetchError
from claimgraph.read.guard import address_problem, check_url, parse_ip_literal

PUBLIC = "93.184.216.34"


class FakeResolver:
    """``socket.getaddrinfo`` over a fixed table; records every name it is asked."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.table = table
        self.asked: list[str] = []

    def __call__(self, host: str, port: int, *args: object, **kwargs: object) -> list[tuple]:
        self.asked.append(host)
        if host not in self.table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (
                socket.AF_INET6 if ":" in ip else socket.AF_INET,
                socket.SOCK_STREAM,
                6,
                "",
                (ip, port),
            )
            for ip in self.table[host]
        ]


def no_dns(host: str, port: int, *args: object, **kwargs: object) -> list[tuple]:
    raise AssertionError(f"the guard resolved {host!r}, which it should have judged without DNS")


@pytest.mark.parametrize(
    "url, reason",
    [
        ("file:///etc/passwd", "file: scheme"),
        ("ftp://ftp.example.com/x", "ftp: scheme"),
        ("gopher://example.com:70/_x", "gopher: scheme"),
        ("data:text/html,<script>alert(1)</script>", "data: scheme"),
        ("javascript:alert(1)", "javascript: scheme"),
        ("example.com/article", "without a scheme"),
        ("http:///path", "no host"),
        ("http://user:secret@example.com/", "user name or password"),
        ("https://user@example.com/", "user name or password"),
        ("http://127.0.0.1/", "loopback"),
        ("http://127.8.9.10:8080/", "loopback"),
        ("http://[::1]/", "loopback"),
        ("http://10.1.2.3/", "private"),
        ("http://172.16.0.1/", "private"),
        ("http://172.31.255.254/", "private"),
        ("http://192.168.1.1/", "private"),
        ("http://169.254.1.1/", "link-local"),
        ("http://[fe80::1]/", "link-local"),
        ("http://[fe80::1%25eth0]/", "link-local"),
        ("http://[fc00::1]/", "unique-local"),
        ("http://[fd12:3456::1]/", "unique-local"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://[::]/", "unspecified"),
        ("http://224.0.0.1/", "multicast"),
        ("http://[ff02::1]/", "multicast"),
        ("http://240.0.0.1/", "reserved"),
        ("http://255.255.255.255/", "reserved"),
        ("http://192.0.2.10/", "not a public address"),
        ("http://198.18.0.1/", "not a public address"),
        ("http://100.64.0.1/", "carrier-grade NAT"),
        ("http://100.127.255.254/", "carrier-grade NAT"),
        ("http://[::ffff:127.0.0.1]/", "IPv6 form of 127.0.0.1"),
        ("http://[::ffff:a9fe:a9fe]/", "cloud metadata"),
        ("http://[::ffff:10.0.0.1]/", "IPv6 form of 10.0.0.1"),
        ("http://[64:ff9b::c0a8:101]/", "IPv6 form of 192.168.1.1"),
        ("http://[2002:7f00:1::]/", "IPv6 form of 127.0.0.1"),
        ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
        ("http://[fd00:ec2::254]/", "cloud metadata"),
        ("http://metadata.google.internal/computeMetadata/v1/", "cloud metadata"),
        ("http://METADATA.GOOGLE.INTERNAL./", "cloud metadata"),
        ("http://localhost:8000/", "local machine"),
        ("http://admin.localhost/", "local machine"),
        # Legacy numeric forms that C resolvers (inet_aton) accept.
        ("http://2130706433/", "127.0.0.1 is a loopback"),
        ("http://0x7f.1/", "127.0.0.1 is a loopback"),
        ("http://0x7f000001/", "127.0.0.1 is a loopback"),
        ("http://0177.0.0.1/", "127.0.0.1 is a loopback"),
        ("http://127.1/", "127.0.0.1 is a loopback"),
        ("http://127.0.0.1./", "loopback"),
        ("http://0/", "unspecified"),
        ("http://167772161/", "10.0.0.1 is a private"),
        ("http://%31%32%37.0.0.1/", "not a valid host name"),
    ],
)
def test_blocked_without_dns(url: str, reason: str) -> None:
    with pytest.raises(BlockedAddressError) as info:
        check_url(url, resolver=no_dns)
    assert reason in str(info.value)
    assert info.value.code == "E003"


def test_public_names_and_addresses_pass() -> None:
    resolver = FakeResolver({"news.example.com": [PUBLIC, "2606:2800:220:1:248:1893:25c8:1946"]})
    check_url("https://news.example.com/2023/04/story.html", resolver=resolver)
    check_url("http://93.184.216.34:8080/x", resolver=no_dns)
    check_url("http://[2606:4700:4700::1111]/", resolver=no_dns)
    assert resolver.asked == ["news.example.com"]


def test_every_resolved_address_is_checked() -> None:
    # One public and one private answer: the connection could go to either, so refuse.
    resolver = FakeResolver({"mixed.example.com": [PUBLIC, "10.0.0.7"]})
    with pytest.raises(BlockedAddressError, match="resolves to 10.0.0.7"):
        check_url("http://mixed.example.com/", resolver=resolver)
    resolver = FakeResolver({"mapped.example.com": [PUBLIC, "::ffff:169.254.169.254"]})
    with pytest.raises(BlockedAddressError, match="cloud metadata"):
        check_url("http://mapped.example.com/", resolver=resolver)


def test_name_resolving_to_loopback_is_blocked() -> None:
    resolver = FakeResolver({"evil.example.com": ["127.0.0.1"]})
    with pytest.raises(BlockedAddressError, match="127.0.0.1 is a loopback"):
        check_url("https://evil.example.com/", resolver=resolver)


def test_unresolvable_name_is_a_fetch_error_not_a_block() -> None:
    with pytest.raises(FetchError) as info:
        check_url("http://no-such-host.example.com/", resolver=FakeResolver({}))
    assert not isinstance(info.value, BlockedAddressError)
    assert "could not resolve" in str(info.value)


def test_allow_private_opens_the_local_network_only() -> None:
    resolver = FakeResolver({"localhost": ["127.0.0.1", "::1"]})
    check_url("http://127.0.0.1:8000/", allow_private=True, resolver=no_dns)
    check_url("http://localhost:8000/", allow_private=True, resolver=resolver)
    check_url("http://10.0.0.1/", allow_private=True, resolver=no_dns)
    # Never allowed, whatever the flag says.
    for url in (
        "http://169.254.169.254/",
        "http://[fd00:ec2::254]/",
        "http://metadata.google.internal/",
        "file:///etc/passwd",
        "http://user:pw@127.0.0.1/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
    ):
        with pytest.raises(BlockedAddressError):
            check_url(url, allow_private=True, resolver=no_dns)


@pytest.mark.parametrize(
    "host, address",
    [
        ("2130706433", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0177.0.0.01", "127.0.0.1"),
        ("10.1", "10.0.0.1"),
        ("192.168.257", "192.168.1.1"),
        ("1.2.3.4", "1.2.3.4"),
        ("::ffff:7f00:1", "::ffff:7f00:1"),
    ],
)
def test_legacy_ipv4_literals(host: str, address: str) -> None:
    assert str(parse_ip_literal(host)) == address


@pytest.mark.parametrize("host", ["example.com", "1.2.3.4.5", "0x7f.example", "abc"])
def test_names_are_not_literals(host: str) -> None:
    assert parse_ip_literal(host) is None


def test_public_address_has_no_problem() -> None:
    import ipaddress

    assert address_problem(ipaddress.ip_address(PUBLIC)) is None
    assert "loopback" in (address_problem(ipaddress.ip_address("127.0.0.1")) or "")
