"""A per-article time budget that frees the worker running it.

A hostile or merely enormous article must not hold a server worker or an ingest process for
minutes. Analysis is pure Python plus spaCy, and spaCy now parses in pieces of a few hundred
milliseconds (``nlp.parse``), so a timer signal interrupts it promptly: when the budget runs out
the work raises, the worker goes on with the next article, and the caller gets a
:class:`~claimgraph.errors.TimeBudgetError` (one line; CLI exit 2, API 422, a skipped ingest
record).

Signals reach only a process's main thread, which is where analyses run: the CLI and ingest
workers run them there, and the server sends them to worker processes
(``server/work.py``). Anywhere else (a thread, a platform without ``setitimer``) the budget is
not enforced by this module, and the caller must isolate the work itself.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import TimeBudgetError


class _Expired(BaseException):
    """Raised by the timer; a BaseException so no ``except Exception`` in the work swallows it."""


def enforceable() -> bool:
    """Whether :func:`time_budget` can stop work in this thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


RETRY_SECONDS = 0.05


def _expire(signum: int, frame: object) -> None:
    # The signal can land while Python runs a callback whose exceptions are swallowed (a gc
    # callback, a weakref finaliser): the raise would be lost and the work would run on. So the
    # timer is re-armed first, and fires again shortly until the budget's ``finally`` disarms it.
    signal.setitimer(signal.ITIMER_REAL, RETRY_SECONDS)
    raise _Expired()


@contextmanager
def time_budget(seconds: float | None, what: str = "the analysis") -> Iterator[None]:
    """Run the block for at most ``seconds`` (None or 0: no limit), else raise TimeBudgetError."""
    if not seconds or seconds <= 0 or not enforceable():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, seconds)
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)  # disarmed before anything else runs
    except _Expired:
        raise TimeBudgetError(
            f"{what} took longer than the time budget of {seconds:g} s and was stopped "
            "(split the article, or raise the budget)"
        ) from None
    finally:
        signal.signal(signal.SIGALRM, previous)
