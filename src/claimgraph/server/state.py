"""What the running app holds: config, per-thread database handles, the rate limiter.

SQLite connections may only be used by the thread that opened them, and FastAPI runs sync
routes on a pool of threads, so each thread gets its own :class:`~claimgraph.store.Store`
(opened on first use, reused afterwards). WAL mode lets them read while one writes.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from ..store import Store, open_store
from .config import ServerConfig


class StoreProvider:
    """One Store per thread for one database path."""

    def __init__(self, db: str) -> None:
        self.db = db
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.db)
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def close_all(self) -> None:
        with self._lock:
            for store in self._all:
                try:
                    store.close()
                except Exception:  # noqa: BLE001 - closing at shutdown must not fail
                    pass
            self._all.clear()


@dataclass
class _Bucket:
    tokens: float
    updated: float


@dataclass
class RateLimiter:
    """A token bucket per key (an API token id): ``burst`` requests at once, then
    ``per_minute`` a minute. In-process, so each server process counts on its own."""

    per_minute: float
    burst: int
    _buckets: dict[str, _Bucket] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def enabled(self) -> bool:
        return self.per_minute > 0 and self.burst > 0

    def wait(self, key: str, now: float | None = None) -> float:
        """Seconds until ``key`` has a token again (0: it has one now); spends nothing."""
        if not self.enabled:
            return 0.0
        now = time.monotonic() if now is None else now
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                return 0.0
            tokens = min(float(self.burst), bucket.tokens + (now - bucket.updated) * self.per_minute / 60.0)
            return 0.0 if tokens >= 1.0 else (1.0 - tokens) * 60.0 / self.per_minute

    def take(self, key: str, now: float | None = None) -> float:
        """Spend one token for ``key``; returns 0 if allowed, else seconds until one is free."""
        if not self.enabled:
            return 0.0
        now = time.monotonic() if now is None else now
        rate = self.per_minute / 60.0
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = _Bucket(float(self.burst), now)
            bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.updated) * rate)
            bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / rate


# Failed logins (a bad token on the login form or in an Authorization header) per client
# address: 20 at once, then 10 a minute; past that the address gets 429 before any token is
# checked, so guessing tokens is as slow as this, whatever the token space.
FAILED_LOGINS_PER_MINUTE = 10.0
FAILED_LOGINS_BURST = 20


@dataclass
class AppState:
    config: ServerConfig
    stores: StoreProvider
    limiter: RateLimiter
    failed_logins: RateLimiter = field(
        default_factory=lambda: RateLimiter(FAILED_LOGINS_PER_MINUTE, FAILED_LOGINS_BURST))
