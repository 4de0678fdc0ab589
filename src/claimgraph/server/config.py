"""Server settings in one object, so the CLI, tests and benchmarks configure it the same way."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

from ..errors import InputError
from ..options import AnalyzeOptions, ReadOptions

LOCAL_HOSTS = ("127.0.0.1", "::1", "localhost")


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """How the server runs.

    ``team``: require an API token (or a login cookie holding one) on every request and
    enforce roles; without it the server is single-user and must listen on loopback only,
    because anyone who can reach it could use it.
    ``max_body_bytes``: largest request body; larger ones are refused with 413 while reading,
    before the whole body is in memory.
    ``rate_per_minute`` / ``rate_burst``: token bucket per API token (per client address in
    local mode); 0 disables it.
    ``analysis_workers``: threads that run analyses (spaCy is CPU-bound; running it on the
    event loop would stall every other request), and as many analysis processes.
    ``analysis_budget``: seconds one article may take to analyse; a longer one is stopped in
    its worker process and answered with 422 (0: no budget, analyses run on the threads).
    ``allow_private_urls``: let URL ingestion reach private and loopback addresses (an
    intranet CMS); metadata and unspecified addresses stay refused. Off by default.
    ``trusted_hosts``: "host:port" pairs that may be private or loopback (one CMS), while
    every other address — redirect targets included — is still refused.
    ``preload``: load the language model at start-up so the first request is not slow.
    ``max_fetch_bytes``: largest page URL ingestion downloads (news pages carry megabytes of
    markup around a few kilobytes of text, so this is larger than the body limit).
    """

    db: str = "claimgraph.db"
    host: str = "127.0.0.1"
    port: int = 8000
    team: bool = False
    max_body_bytes: int = 2 * 1024 * 1024
    rate_per_minute: float = 60.0
    rate_burst: int = 20
    analysis_workers: int = 2
    analysis_budget: float = 60.0
    allow_private_urls: bool = False
    trusted_hosts: tuple[str, ...] = ()
    preload: bool = True
    secure_cookies: bool = False
    fetch_timeout: float = ReadOptions().timeout
    max_fetch_bytes: int = ReadOptions().max_bytes
    analyze_options: AnalyzeOptions = field(default_factory=AnalyzeOptions)

    def read_options(self) -> ReadOptions:
        """Limits for URL fetches (uploads are already bounded by ``max_body_bytes``)."""
        return ReadOptions(
            max_bytes=self.max_fetch_bytes,
            timeout=self.fetch_timeout,
            allow_private=self.allow_private_urls,
            trusted_hosts=self.trusted_hosts,
        )

    def check_bind(self) -> None:
        """Refuse to serve an unauthenticated app on anything but loopback."""
        if self.team:
            return
        if not is_loopback_host(self.host):
            raise InputError(
                f"refusing to listen on {self.host}: without --team the server has no login, so "
                "it only listens on 127.0.0.1 or ::1 (use --team and create users for a shared server)"
            )


def is_loopback_host(host: str) -> bool:
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
