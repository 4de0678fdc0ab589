"""Ingest: many articles in, one crash-safe corpus out.

The parent process reads inputs, skips what is already stored, sends batches to an executor
(in-process, local cores, or Ray) and is the only writer. For each analysed article it finds a
near-duplicate (MinHash LSH), places each claim in a family (ANN + word overlap), and writes
everything in one transaction (``corpus_ops.write_article``). Only after the commit do the
article's vectors and signature enter the in-memory indexes, and the ANN file is saved every
``save_every`` articles and at the end; a crash loses at most index entries that the next run
re-derives from the database. Finally the provenance edges of families that changed are
rebuilt.

Social posts (a Telegram export, an X archive) are archived as ``corpus_posts`` rows in
batches as they are read; each post with English text (or any text with
``require_english=False``) then goes through the same analysis as an article, so its claims
join families by the same matching. Posts without text, or not in English, stay archived
(an article's link to them still resolves) and are counted, not reported as bad.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import ClaimgraphError
from ..options import ReadOptions
from ..read.posts import Post
from ..store import corpus_ops as ops
from ..store import posts_ops
from ..store.sqlite import Store
from .dedup import NearDuplicates
from .embed import Embedder
from .executors import make_executor
from .families import FamilyLinker
from .inputs import iter_inputs
from .postlinks import refs_of_media, refs_of_urls
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
    handle: str | None = None  # the channel/account of a post export that does not carry it


@dataclass(slots=True)
class IngestReport:
    stored: int = 0
    skipped: int = 0
    copies: int = 0
    claims: int = 0
    bad: list[tuple[str, str]] = field(default_factory=list)
    embedder: str = ""
    posts: int = 0  # archived posts read (each stored once; their texts are among ``stored``)
    posts_without_text: int = 0
    posts_not_english: int = 0
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"stored": self.stored, "skipped": self.skipped, "copies": self.copies, "claims": self.claims,
                "bad": [{"input": a, "error": b} for a, b in self.bad], "embedder": self.embedder,
                "posts": {"archived": self.posts, "without_text": self.posts_without_text,
                          "not_english": self.posts_not_english}, "notes": list(self.notes)}


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
        posts_ops.backfill_refs(store, refs_of_media)  # once, for articles stored before posts existed

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
            if result["analysis"]["article"].get("format") == "post":
                kind = "post"
            sources.setdefault(outlet_key, (display_name(outlet_key, outlet), "outlet" if kind == "organisation" else kind))
        refs = refs_of_media(result["analysis"].get("media") or [])
        found: list[tuple[str, float] | None] = [None]

        def plan(ns: list[int]) -> ops.ArticleWrite:
            self.catch_up()
            found[0] = self.dedup.best_match(result["id"], result["signature"])
            memberships = self.linker.link(claims, ns, vectors)
            return ops.ArticleWrite(result, ns, memberships, found[0], outlet_key, sources, refs)

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


class PostBatch:
    """Archives posts as they are read, ``size`` rows per transaction; returns each post's
    article to analyse, or None when it has no text or is not English (counted, not bad)."""

    def __init__(self, store: Store, report: IngestReport, size: int = 500) -> None:
        self.store, self.report, self.size = store, report, size
        self.rows: list[dict[str, Any]] = []
        self.refs: dict[str, set[tuple[str, str, str, str]]] = {}
        self.channels: set[tuple[str, str]] = set()

    def add(self, label: str, post: Post, require_english: bool) -> Any:
        self.report.posts += 1
        self._note_channel(label, post)
        self.rows.append(post.row())
        found = refs_of_urls(post.links)
        if found:
            self.refs[post.article_id] = found
        if len(self.rows) >= self.size:
            self.flush()
        try:
            article = post.article()
        except ClaimgraphError as exc:
            return exc
        if article is None:
            self.report.posts_without_text += 1
        elif require_english and article.language != "en":
            self.report.posts_not_english += 1
            return None
        return article

    def flush(self) -> None:
        if self.rows:
            posts_ops.write_posts(self.store, self.rows, self.refs)
            self.rows, self.refs = [], {}

    def _note_channel(self, label: str, post: Post) -> None:
        channel = (post.platform, post.channel_id or post.handle_key)
        if channel in self.channels:
            return
        self.channels.add(channel)
        where = label.rsplit("#", 1)[0]
        who = post.author or post.channel_id or "the account"
        if post.handle and post.handle_note and post.handle_note.startswith("inferred"):
            self.report.notes.append(f"{where}: {who!r} has no username in the export; using @{post.handle} "
                                     f"({post.handle_note}); pass --handle to override")
        elif not post.handle and post.platform == "telegram":
            self.report.notes.append(f"{where}: {who!r} has no username in the export, so t.me/<name>/<n> and "
                                     "@name links cannot reach its posts; pass --handle NAME")
        elif not post.handle:
            self.report.notes.append(f"{where}: no account.js beside it, so the account's @name is unknown "
                                     "(status links still match by id); pass --handle NAME")


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
    posts = PostBatch(store, report)

    def todo() -> Iterator[dict[str, Any]]:
        for label, item in iter_inputs(paths, options.read, options.handle):
            if isinstance(item, Post):
                item = posts.add(label, item, options.require_english)
                if item is None:
                    continue
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
        posts.flush()

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
        posts.flush()
    if options.build_provenance:
        from .provenance import refresh_edges

        refresh_edges(store)
    return report
