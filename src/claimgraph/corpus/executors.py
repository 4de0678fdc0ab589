"""Where the per-article work runs: in-process, on local cores, or on a Ray cluster.

All three run :meth:`claimgraph.corpus.work.Worker.run` on batches of article dicts and yield
result batches (in completion order); the parent process alone writes to the database. The
local pool keeps a bounded number of batches in flight, so memory stays flat however large
the input. Each process/actor builds its :class:`Worker` (one spaCy pipeline, one embedding
model) once.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import ClaimgraphError
from .work import WorkOptions, Worker

Batch = list[dict[str, Any]]
_WORKER: Worker | None = None


def _init(options: WorkOptions) -> None:
    global _WORKER
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    _WORKER = Worker(options)


def _run(batch: Batch) -> Batch:
    assert _WORKER is not None
    return _WORKER.run(batch)


class LocalExecutor:
    """``workers`` processes (1 = in this process, no pool), each with its own models."""

    def __init__(self, workers: int, options: WorkOptions) -> None:
        self.workers = max(1, workers)
        self.options = options

    def run(self, batches: Iterable[Batch]) -> Iterator[Batch]:
        if self.workers == 1:
            worker = Worker(self.options)
            for batch in batches:
                yield worker.run(batch)
            return
        ctx = mp.get_context("forkserver")
        with ctx.Pool(self.workers, initializer=_init, initargs=(self.options,)) as pool:
            pending: deque[Any] = deque()
            for batch in batches:
                pending.append(pool.apply_async(_run, (batch,)))
                while len(pending) >= 2 * self.workers:
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()


class RayExecutor:
    """Ray Data ``map_batches`` over an actor pool: one :class:`Worker` per actor.

    Connects to a running cluster when ``RAY_ADDRESS`` is set, else starts a local instance
    with ``workers`` CPUs and no dashboard; usage statistics are always off. Input batches are
    materialised in windows of ``window`` articles so a huge input never sits in memory whole.

    Why a large window: each window is one Ray Dataset, and each Dataset starts its own actor
    pool, i.e. loads spaCy and the embedder again in every actor. With 512-article windows that
    start-up recurred every few minutes on a 2-core machine; 4,096 articles (~20 MB of text)
    keeps it to a fraction of a percent. ``batch_size`` is the ingest batch size, the same the
    local pool uses, so both embed the same number of claims per call.
    """

    def __init__(self, workers: int, options: WorkOptions, batch_size: int = 8, window: int = 4096) -> None:
        self.workers = max(1, workers)
        self.options = options
        self.batch_size = batch_size
        self.window = window

    def run(self, batches: Iterable[Batch]) -> Iterator[Batch]:
        os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
        try:
            import ray
        except ImportError:
            raise ClaimgraphError("--executor ray needs Ray: pip install 'ray[data]'") from None
        started = False
        if not ray.is_initialized():
            if os.environ.get("RAY_ADDRESS"):
                ray.init(include_dashboard=False, log_to_driver=False)
            else:
                ray.init(num_cpus=max(2, self.workers), include_dashboard=False, log_to_driver=False,
                         configure_logging=False)
            started = True
        try:
            ray.data.DataContext.get_current().enable_progress_bars = False
            window: list[dict[str, Any]] = []
            for batch in batches:
                window.extend(batch)
                if len(window) >= self.window:
                    yield from self._window(window)
                    window = []
            if window:
                yield from self._window(window)
        finally:
            if started:
                ray.shutdown()

    def _window(self, items: list[dict[str, Any]]) -> Iterator[Batch]:
        import json

        import ray

        options = self.options

        class _Actor:
            def __init__(self) -> None:
                os.environ.setdefault("OMP_NUM_THREADS", "1")
                self.worker = Worker(options)

            def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
                results = self.worker.run([json.loads(p) for p in batch["payload"]])
                return {"result": [json.dumps(_jsonable(r)) for r in results]}

        ds = ray.data.from_items([{"payload": json.dumps(it)} for it in items])
        # a fixed pool of ``workers`` actors (``compute=`` replaces ``concurrency=`` since Ray 2.51)
        ds = ds.map_batches(_Actor, batch_size=self.batch_size, compute=ray.data.ActorPoolStrategy(size=self.workers),
                            num_cpus=1, batch_format="numpy")
        for batch in ds.iter_batches(batch_size=self.batch_size, batch_format="numpy"):
            yield [_from_jsonable(json.loads(r)) for r in batch["result"]]


def _jsonable(result: dict[str, Any]) -> dict[str, Any]:
    import base64

    out = dict(result)
    for key in ("vectors", "signature"):
        if isinstance(out.get(key), bytes):
            out[key] = base64.b64encode(out[key]).decode("ascii")
    return out


def _from_jsonable(result: dict[str, Any]) -> dict[str, Any]:
    import base64

    for key in ("vectors", "signature"):
        if isinstance(result.get(key), str):
            result[key] = base64.b64decode(result[key])
    return result


def make_executor(kind: str, workers: int, options: WorkOptions, batch_size: int = 8) -> LocalExecutor | RayExecutor:
    if kind == "local":
        return LocalExecutor(workers, options)
    if kind == "ray":
        return RayExecutor(workers, options, batch_size=batch_size)
    raise ClaimgraphError(f"unknown executor {kind!r}: use local or ray")
