"""The address guard: which URLs claimgraph may fetch, and which addresses it may connect to.

A URL given to claimgraph (on the command line, or by anyone who can reach the server) is
untrusted. Without a guard it could make claimgraph read the cloud metadata service, an
admin page on the local network, or a local file. The guard therefore refuses:

* schemes other than http and https (``file:``, ``ftp:``, ``gopher:``, ``data:``, ``javascript:``),
* URLs without a host, or with credentials in them (``http://user:pw@host/``),
* hosts that are, or resolve to, any non-public address: loopback, private, link-local,
  unique-local, CGNAT, unspecified, multicast, reserved, documentation ranges, and the same
  addresses hidden in IPv4-mapped, NAT64, 6to4 or Teredo IPv6 forms,
* the cloud metadata endpoints, always, even with ``allow_private``,
* legacy numeric hosts (``http://2130706433/``, ``http://0x7f.1/``, ``http://0177.0.0.1/``),
  which C resolvers still accept and which therefore must be judged as the address they mean.

Every resolved address is checked, not just the first: a name that resolves to one public
and one private address is refused, because the connection could go to either.

DNS rebinding: checking a name and then letting the HTTP client resolve it again would let
a hostile DNS server answer "public" to the check and "127.0.0.1" to the connection. The
fetcher (``fetch.py``) avoids the second lookup altogether: :func:`resolve_checked` returns
the vetted addresses and the connection is opened to exactly those (the check *is* the
resolution used to connect).
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import BlockedAddressError, FetchError

Resolver = Callable[..., list[Any]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

ALLOWED_SCHEMES = ("http", "https")

# Cloud metadata services: never reachable, whatever ``allow_private`` says.
METADATA_ADDRESSES = frozenset(
    {
        ipaddress.ip_address("169.254.169.254"),  # AWS, GCP, Azure, OpenStack, ...
        ipaddress.ip_address("169.254.170.2"),  # AWS ECS task metadata
        ipaddress.ip_address("fd00:ec2::254"),  # AWS IPv6
        ipaddress.ip_address("100.100.100.200"),  # Alibaba Cloud
    }
)
METADATA_NAMES = frozenset({"metadata.google.internal", "metadata", "instance-data"})

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_ULA = ipaddress.ip_network("fc00::/7")
_RFC1918 = tuple(ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))
_HOST_CHARS = re.compile(r"^[a-z0-9._-]+$")
_LEGACY_IPV4_PART = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$")


@dataclass(frozen=True, slots=True)
class Target:
    """The part of a URL that decides where a connection goes."""

    scheme: str
    host: str  # ASCII (IDNA) host, lower case, no trailing dot, no IPv6 brackets
    port: int
    literal: IPAddress | None  # set when the host is an IP address in any notation


def check_url(
    url: str, *, allow_private: bool = False, resolver: Resolver = socket.getaddrinfo
) -> None:
    """Raise :class:`BlockedAddressError` unless ``url`` is an http(s) URL of a public host.

    ``resolver`` has the signature of :func:`socket.getaddrinfo`; tests pass a fake one so
    that checking a name never touches the network.
    """
    target = parse_target(url, allow_private=allow_private)
    resolve_checked(target.host, target.port, allow_private=allow_private, resolver=resolver)


def parse_target(url: str, *, allow_private: bool = False) -> Target:
    """Check everything that can be judged without DNS: scheme, host syntax, credentials,
    literal addresses and blocked names."""
    import httpx  # lazy: importing claimgraph must stay cheap

    if not isinstance(url, str) or not url.strip():
        raise BlockedAddressError("refusing to fetch an empty URL")
    shown = shown_url(url)
    scheme_match = re.match(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):", url)
    scheme = scheme_match.group(1).lower() if scheme_match else ""
    if scheme not in ALLOWED_SCHEMES:
        what = f"the {scheme}: scheme" if scheme else "a URL without a scheme"
        raise BlockedAddressError(
            f"refusing to fetch {shown}: {what} is not allowed (only http and https)"
        )
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, ValueError, UnicodeError) as exc:
        _explain_invalid(url, allow_private=allow_private, shown=shown)
        raise BlockedAddressError(f"refusing to fetch {shown}: not a valid URL ({exc})") from None
    if parsed.userinfo:
        raise BlockedAddressError(
            f"refusing to fetch {shown}: URLs with a user name or password are not allowed"
        )
    try:
        host = parsed.raw_host.decode("ascii").lower()
    except UnicodeDecodeError:
        raise BlockedAddressError(f"refusing to fetch {shown}: the host is not valid") from None
    host = host.strip("[]").rstrip(".")
    if not host:
        raise BlockedAddressError(f"refusing to fetch {shown}: the URL has no host")
    port = parsed.port or (443 if scheme == "https" else 80)
    literal = parse_ip_literal(host)
    if literal is None:
        if not _HOST_CHARS.match(host) or ".." in host:
            raise BlockedAddressError(
                f"refusing to fetch {shown}: the host {host!r} is not a valid host name"
            )
        _check_name(host, allow_private=allow_private, shown=shown)
    else:
        reason = address_problem(literal, allow_private=allow_private)
        if reason:
            raise BlockedAddressError(f"refusing to fetch {shown}: {literal} is {reason}")
    return Target(scheme=scheme, host=host, port=port, literal=literal)


def resolve_checked(
    host: str,
    port: int,
    *,
    allow_private: bool = False,
    resolver: Resolver = socket.getaddrinfo,
) -> list[IPAddress]:
    """Resolve ``host`` and return its addresses, refusing if *any* of them is blocked.

    The fetcher connects only to the addresses returned here, so the address checked is
    the address used.
    """
    host = host.strip("[]").rstrip(".").lower()
    literal = parse_ip_literal(host)
    if literal is not None:
        addresses = [literal]
    else:
        _check_name(host, allow_private=allow_private, shown=host)
        try:
            infos = resolver(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise FetchError(f"could not resolve the host {host} ({exc})") from None
        addresses = []
        for info in infos:
            ip = _ip_of(info[4][0])
            if ip is None:
                raise BlockedAddressError(
                    f"refusing to connect to {host}: it resolved to an unusable address "
                    f"{info[4][0]!r}"
                )
            if ip not in addresses:
                addresses.append(ip)
        if not addresses:
            raise FetchError(f"could not resolve the host {host} (no addresses)")
    for ip in addresses:
        reason = address_problem(ip, allow_private=allow_private)
        if reason:
            via = "" if literal is not None else f" (it resolves to {ip})"
            raise BlockedAddressError(f"refusing to connect to {host}{via}: {ip} is {reason}")
    return addresses


def address_problem(ip: IPAddress, *, allow_private: bool = False) -> str | None:
    """Why ``ip`` must not be contacted, in words, or None if it is a public address."""
    if ip in METADATA_ADDRESSES:
        return "a cloud metadata address"
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            inner = address_problem(embedded, allow_private=allow_private)
            return f"an IPv6 form of {embedded}, which is {inner}" if inner else None
    if ip.is_unspecified:
        return "the unspecified address"
    if ip.is_multicast:
        return "a multicast address"
    internal = _internal_kind(ip)
    if internal:
        return None if allow_private else internal
    if ip.is_reserved:
        return "a reserved address"
    if not ip.is_global:
        return "not a public address"
    return None


def parse_ip_literal(host: str) -> IPAddress | None:
    """The address meant by ``host`` if it is an IP literal in any notation C resolvers accept.

    Besides dotted decimal and IPv6, ``inet_aton`` accepts 1 to 4 parts in decimal, octal
    (leading 0) or hex (0x), e.g. ``2130706433``, ``0x7f.1``, ``0177.0.0.1`` = 127.0.0.1.
    """
    host = host.strip("[]").rstrip(".").lower()
    if ":" in host:
        return _ip_of(host)
    parts = host.split(".")
    if not 1 <= len(parts) <= 4 or not all(_LEGACY_IPV4_PART.match(p) for p in parts):
        return None
    values: list[int] = []
    for part in parts:
        if part.startswith("0x"):
            values.append(int(part[2:] or "0", 16))
        elif len(part) > 1 and part.startswith("0"):
            if not set(part) <= set("01234567"):  # "09": resolvers reject it, so do we
                raise BlockedAddressError(f"refusing to fetch: {host!r} is not a valid address")
            values.append(int(part, 8))
        else:
            values.append(int(part))
    *head, last = values
    if any(v > 255 for v in head) or last >= 256 ** (5 - len(values)):
        raise BlockedAddressError(f"refusing to fetch: {host!r} is not a valid address")
    number = 0
    for v in head:
        number = number * 256 + v
    number = (number << (8 * (5 - len(values)))) + last
    return ipaddress.IPv4Address(number)


def _explain_invalid(url: str, *, allow_private: bool, shown: str) -> None:
    """Give the real reason when httpx rejects a legacy address form (``0177.0.0.1``)."""
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url.strip()).hostname or ""
        literal = parse_ip_literal(host)
    except (ValueError, BlockedAddressError):
        return
    reason = address_problem(literal, allow_private=allow_private) if literal else None
    if reason:
        raise BlockedAddressError(f"refusing to fetch {shown}: {literal} is {reason}")


def _check_name(host: str, *, allow_private: bool, shown: str) -> None:
    if host in METADATA_NAMES or host.endswith(".metadata.google.internal"):
        raise BlockedAddressError(f"refusing to fetch {shown}: {host} is a cloud metadata service")
    if not allow_private and (host == "localhost" or host.endswith(".localhost")):
        raise BlockedAddressError(f"refusing to fetch {shown}: {host} is the local machine")


def _internal_kind(ip: IPAddress) -> str | None:
    if ip.is_loopback:
        return "a loopback address"
    if isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT:
        return "a carrier-grade NAT (100.64.0.0/10) address"
    if ip.is_link_local:
        return "a link-local address"
    if isinstance(ip, ipaddress.IPv6Address) and ip in _ULA:
        return "a unique-local (private) IPv6 address"
    if isinstance(ip, ipaddress.IPv4Address) and any(ip in net for net in _RFC1918):
        return "a private address"
    return None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    return None


def _ip_of(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text.split("%", 1)[0] if "%" in text else text)
    except ValueError:
        return None


def shown_url(url: str, limit: int = 120) -> str:
    """The URL as shown in an error message: one line, bounded length."""
    one_line = " ".join(url.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"
