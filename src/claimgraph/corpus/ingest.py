"""Ingest: many articles in, one crash-safe corpus out.

The parent process reads inputs, skips what is already stored, sends batches to an executor
(in-process, local cores, or Ray) and is the only writer. For each analysed article it finds a
near-duplicate (MinHash LSH), places each claim in a family (ANN + word overlap), and writes
everything in one transaction (``corpus_ops.write_article``). Only after the commit do the
article's vectors and signature enter the in-memory indexes, and the ANN file is saved every
``save_every`` articles and at the end; a crash loses at most index entries that the next run
re-derives from the database. Finally the provenance edges of families that changed are
rebuilt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import ClaimgraphError
from ..options import ReadOptions
from ..store import corpus_ops as ops
from ..store.sqlite import Store
from .dedup import NearDuplicates
from .embed import Embedder
from .executors import make_executor
from .families import FamilyLinker
from .inputs import iter_articles
from .sources import display_name, source_key, source_kind
from .work import WorkOptions, article_to_dict


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How to ingest: executor ("local" | "ray"), worker count, batch size, embedder, limits.

    ``time_budget``: seconds one article may take to analyse; a longer one is stopped, reported
    among the bad inputs, and the worker goes on (``budget.py``).
    """

    executor: str = "local"
    workers: int = 1
    batch_size: int = 4
    embedder: str = "auto"
    require_english: bool = True
    attribution: str = "model"
    save_every: int = 200
    build_provenance: bool = True
    time_budget: float | None = 300.0  # seconds per article; one over it is reported as bad and skipped
    read: ReadOptions = field(default_factory=ReadOptions)


@dataclass(slots=True)
class IngestReport:
    stored: int = 0
    skipped: int = 0
    copies: int = 0
    claims: int = 0
    bad: list[tuple[str, str]] = field(default_factory=list)
    embedder: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"stored": self.stored, "skipped": self.skipped, "copies": self.copies, "claims": self.claims,
                "bad": [{"input": a, "error": b} for a, b in self.bad], "embedder": self.embedder}


Progress = Callable[[str, str | None], None]  # (event, detail): "stored" | "skipped" | "bad"


class Corpus:
    """The in-memory side of a corpus store: near-duplicate LSH and the family linker.

    Other ``claimgraph ingest`` processes may write the same store at the same time: each write
    takes the database's write lock, and under it :meth:`catch_up` first adds what the others
    committed since (their claims to the ANN index, their articles' signatures to the LSH), so
    a copy or a family spanning two concurrent ingests is still found.
    """

    def __init__(self, store: Store, embedder_name: str) -> None:
        self.store = store
        self.dedup = NearDuplicates()
        for article_id, sig in ops.signatures(store):
            self.dedup.add(article_id, sig)
        self.linker = FamilyLinker(store, embedder_name)

    def catch_up(self) -> None:
        """Index what other writers committed since we last looked (call with the write lock)."""
        others = self.linker.catch_up()
        for article_id, sig in ops.signatures_of(self.store, others):
            self.dedup.add(article_id, sig)

    def add(self, result: dict[str, Any]) -> tuple[bool, bool]:
        """Link and store one worker result; returns (stored, is_copy)."""
        claims = result["claims"]
        vectors = np.frombuffer(result["vectors"], dtype=np.float32).reshape(-1, 384) if result["vectors"] else np.zeros((0, 384), np.float32)
        sources: dict[str, tuple[str, str]] = {}
        for row in claims:
            if row["source_key"]:
                sources.setdefault(row["source_key"], (display_name(row["source_key"], row["source_name"]),
                                                       source_kind(row["source_key"], row["source_type"])))
        outlet = result["analysis"]["article"].get("outlet")
        outlet_key = source_key(outlet)
        if outlet_key:
            kind = source_kind(outlet_key, None)
            sources.setdefault(outlet_key, (display_name(outlet_key, outlet), "outlet" if kind == "organisation" else kind))
        found: list[tuple[str, float] | None] = [None]

        def plan(ns: list[int]) -> ops.ArticleWrite:
            self.catch_up()
            found[0] = self.dedup.best_match(result["id"], result["signature"])
            memberships = self.linker.link(claims, ns, vectors)
            return ops.ArticleWrite(result, ns, memberships, found[0], outlet_key, sources)

        try:
            stored = ops.write_article(self.store, result["id"], len(claims), plan)
        except BaseException:
            self.linker.rolled_back()
            raise
        if not stored:
            self.linker.rolled_back()
            return False, False
        self.linker.committed()
        self.dedup.add(result["id"], result["signature"])
        return True, found[0] is not None


def _batches(items: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(store: Store, paths: list[str], options: IngestOptions | None = None,
           progress: Progress | None = None) -> IngestReport:
    """Ingest every article under ``paths`` into ``store``; idempotent and resumable."""
    options = options or IngestOptions()
    note = progress or (lambda event, detail: None)
    embedder = Embedder(options.embedder)
    report = IngestReport(embedder=embedder.name)
    corpus = Corpus(store, embedder.name)
    done = ops.ingested_ids(store)
    seen: set[str] = set()

    def todo() -> Iterator[dict[str, Any]]:
        for label, item in iter_articles(paths, options.read):
            if isinstance(item, ClaimgraphError):
                report.bad.append((label, str(item)))
                note("bad", f"{label}: {item}")
            elif item.id in done or item.id in seen:
                report.skipped += 1
                note("skipped", label)
            else:
                seen.add(item.id)
                d = article_to_dict(item)
                d["label"] = label
                yield d

    work = WorkOptions(embedder=embedder.name, require_english=options.require_english,
                       time_budget=options.time_budget, attribution=options.attribution)
    executor = make_executor(options.executor, options.workers, work, options.batch_size)
    since_save = 0
    try:
        for results in executor.run(_batches(todo(), options.batch_size)):
            for result in results:
                if "error" in result:
                    report.bad.append((result.get("label") or result.get("id") or "?", result["error"]))
                    note("bad", f"{result.get('label')}: {result['error']}")
                    continue
                stored, is_copy = corpus.add(result)
                if stored:
                    report.stored += 1
                    report.copies += int(is_copy)
                    report.claims += len(result["claims"])
                    since_save += 1
                    note("stored", result.get("label"))
                else:
                    report.skipped += 1
                    note("skipped", result.get("label"))
                if since_save >= options.save_every:
                    corpus.linker.save()
                    since_save = 0
    finally:
        corpus.linker.save()
    if options.build_provenance:
        from .provenance import refresh_edges

        refresh_edges(store)
    return report
