"""Running analyses off the event loop, and the one place where a request becomes an Analysis.

spaCy parsing is CPU-bound and takes from tens of milliseconds to seconds; run on the event
loop it would stall every other request (page loads, health checks). Requests therefore run
on a small dedicated thread pool (``ServerConfig.analysis_workers``), separate from the pool
FastAPI uses for quick database reads, so a queue of analyses never starves the pages.

The analysis itself runs in one of as many worker *processes*, under the per-article time
budget (``ServerConfig.analysis_budget``, ``budget.py``): an article that takes longer is
stopped inside its process, the request gets a 422 saying so, and the process takes the next
article. A process that does not come back even after a grace period (stuck in native code)
is killed with its pool and a new pool starts; with the budget off, analyses run on the
request thread as before.

Storing the result and writing the audit entry happen in the same worker thread, right after
the analysis, with that thread's own database handle.
"""

from __future__ import annotations

import asyncio
import functools
import re
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from ..errors import InputError, TimeBudgetError
from ..model import Analysis, Article
from ..options import AnalyzeOptions
from ..store.accounts_ops import audit
from .config import ServerConfig
from .errors import HttpError
from .state import StoreProvider

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class AnalysisRequest:
    """One thing to analyse: exactly one of ``text``, ``upload`` (bytes) or ``fetch_url``.

    ``url`` is metadata (the article's original address, not fetched), like the CLI's
    ``--url``; ``fetch_url`` is a page to download through the address guard.
    """

    text: str | None = None
    upload: bytes | None = None
    upload_name: str | None = None
    fetch_url: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    allow_non_english: bool = False

    @property
    def kind(self) -> str:
        return "text" if self.text is not None else "upload" if self.upload is not None else "url"


GRACE_SECONDS = 30.0  # beyond the budget, before a silent worker process is killed


def _warm_up() -> None:
    """Load the model and every lazy table once (in whichever process will analyse)."""
    from importlib import resources

    from ..pipeline import analyze

    text = resources.files("claimgraph.examples").joinpath("harbour-fire.txt").read_text("utf-8")
    analyze(text, published="2024-05-14")


def _analyze_within(article: Article, options: AnalyzeOptions, seconds: float) -> Analysis:
    """Runs in a worker process (main thread, so the budget's timer can stop it)."""
    from ..budget import time_budget
    from ..pipeline import analyze_article

    with time_budget(seconds, "the analysis of this article"):
        return analyze_article(article, options)


class Analyzer:
    """The request thread pool, the analysis worker processes, and what runs on them."""

    def __init__(self, config: ServerConfig, stores: StoreProvider) -> None:
        self.config = config
        self.stores = stores
        self.pool = ThreadPoolExecutor(
            max_workers=max(1, config.analysis_workers), thread_name_prefix="claimgraph-analyze"
        )
        self._processes: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, functools.partial(fn, *args))

    def shutdown(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            if self._processes is not None:
                self._processes.shutdown(wait=False, cancel_futures=True)
                self._processes = None

    def _process_pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._processes is None:
                import multiprocessing as mp

                self._processes = ProcessPoolExecutor(
                    max_workers=max(1, self.config.analysis_workers),
                    mp_context=mp.get_context("forkserver"), initializer=_warm_up)
            return self._processes

    def _discard_pool(self, pool: ProcessPoolExecutor) -> None:
        """Kill a pool whose process is stuck past the budget; the next analysis starts a new one."""
        with self._lock:
            if self._processes is pool:
                self._processes = None
        for proc in list(getattr(pool, "_processes", {}).values()):
            proc.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def warm_up(self) -> None:
        """Load the model and every lazy table once, before serving."""
        if self.config.analysis_budget:
            pool = self._process_pool()
            for f in [pool.submit(_warm_up) for _ in range(max(1, self.config.analysis_workers))]:
                f.result()
        else:
            _warm_up()

    def analyze(self, article: Article, options: AnalyzeOptions) -> Analysis:
        """Analyse under the time budget in a worker process (or here when the budget is off)."""
        seconds = self.config.analysis_budget
        if not seconds:
            from ..pipeline import analyze_article

            return analyze_article(article, options)
        pool = self._process_pool()
        try:
            future = pool.submit(_analyze_within, article, options, seconds)
            return future.result(timeout=seconds + GRACE_SECONDS)
        except FuturesTimeout:
            self._discard_pool(pool)
            raise TimeBudgetError(f"the analysis of this article took longer than the time budget of "
                                  f"{seconds:g} s and was stopped") from None
        except BrokenProcessPool:
            self._discard_pool(pool)
            raise TimeBudgetError("the analysis of this article stopped its worker process (out of memory?); "
                                  "the worker was restarted") from None

    def analyze_and_store(self, request: AnalysisRequest, actor: str) -> Analysis:
        """Read, analyse, store and audit one request (runs on a request thread)."""
        article = self.article_of(request)
        options = self.config.analyze_options
        if request.allow_non_english:
            options = replace(options, require_english=False)
        analysis = self.analyze(article, options)
        store = self.stores.get()
        new = store.save(analysis)
        detail: dict[str, Any] = {"source": request.kind, "new": new}
        if request.fetch_url:
            detail["url"] = article.url
        if request.upload_name:
            detail["file"] = request.upload_name
        audit(store, actor, "article.analyze", article.id, detail)
        return analysis

    def article_of(self, request: AnalysisRequest) -> Article:
        from ..read import article_from_text, read_bytes, read_input

        read_options = self.config.read_options()
        max_chars = self.config.analyze_options.max_chars
        if request.text is not None:
            if len(request.text) > max_chars:
                raise HttpError(413, f"the article is {len(request.text):,} characters long; "
                                     f"the limit is {max_chars:,}")
            article = article_from_text(request.text, title=request.title, url=request.url,
                                        published=request.published)
            return article
        if request.upload is not None:
            limit = self.config.max_body_bytes
            if len(request.upload) > limit:
                raise HttpError(413, f"the file is {len(request.upload):,} bytes; the limit is "
                                     f"{limit:,}")
            article = read_bytes(request.upload, request.upload_name, read_options)
        elif request.fetch_url:
            article = read_input(_only_url(request.fetch_url), read_options)
        else:
            raise InputError("give the article text, a file, or a URL to fetch")
        if request.title:
            article.title = request.title
        if request.url and request.fetch_url is None:
            article.url = request.url
        if request.published:
            from ..read.dates import check_published

            article.published, article.published_source = check_published(request.published), "metadata"
        return article


def _only_url(spec: str) -> str:
    """``read_input`` also reads local files and stdin; from the network only URLs may come.

    Anything that is not an http(s) URL goes to the guard's syntax check, which refuses it
    with a clear reason ("the file: scheme is not allowed", "a URL without a scheme"),
    instead of ever being opened as a path on the server.
    """
    from ..errors import BlockedAddressError
    from ..read.guard import parse_target, shown_url

    spec = spec.strip()
    if not _HTTP_URL.match(spec):
        parse_target(spec)  # raises BlockedAddressError with the reason
        raise BlockedAddressError(f"refusing to fetch {shown_url(spec)}: only http(s) URLs")
    return spec


_HTTP_URL = re.compile(r"^https?://", re.I)
