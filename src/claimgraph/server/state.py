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


# Buckets kept before full ones are forgotten (see RateLimiter.take).
PRUNE_AT = 10_000


@dataclass
class RateLimiter:
    """A token bucket per key (an API token id, a client address): ``burst`` requests at once,
    then ``per_minute`` a minute. In-process, so each server process counts on its own.

    Why hand-written and not a rate-limit library: the maintained in-process one (``limits``,
    5.8) offers fixed, moving and sliding windows but no token bucket, and a window changes what
    clients see. With the same burst and long-run rate (20 per 20 s for 60/min, burst 20), a
    client that sent 30 requests at once and then one a second for a minute gets 59 answers
    instead of 80 and is told to retry in 20 s instead of 1 s; an address past its 20 failed
    logins waits 120 s instead of 6 s between tries. ``limits`` also reads the wall clock
    (a clock step unlocks or locks everyone), takes whole-second windows (``per_minute`` is a
    float here) and starts a timer thread per burst of hits; ``pyrate-limiter`` is a sliding log
    as well. The bucket below is a few lines, uses the monotonic clock and is tested with an
    injected clock.
    """

    per_minute: float
    burst: int
    _buckets: dict[str, _Bucket] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _prune_at: int = PRUNE_AT

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
                if len(self._buckets) >= self._prune_at:
                    self._prune(now)
                bucket = self._buckets[key] = _Bucket(float(self.burst), now)
            bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.updated) * rate)
            bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / rate

    def _prune(self, now: float) -> None:
        """Forget the buckets that have refilled (a full bucket is the same as none), so keys
        that come once — the addresses of failed logins — cannot grow the table without bound.
        Called under the lock when the table reaches ``_prune_at``; the next prune waits until
        the table is twice what stayed, so a table of busy keys is not scanned on every new key."""
        full = [k for k, b in self._buckets.items()
                if b.tokens + (now - b.updated) * self.per_minute / 60.0 >= self.burst]
        for k in full:
            del self._buckets[k]
        self._prune_at = max(PRUNE_AT, 2 * len(self._buckets))


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
