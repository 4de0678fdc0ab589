"""The trusted evidence corpus: the user's own documents, split into passages, searchable.

Any format the readers accept (text, HTML, JSON records) becomes one evidence document; its
text is split into sentence passages (short ones merged) that keep their character offsets into
the document, so every piece of evidence shown can be traced to its exact words. Search is
hybrid like fact-check matching: SQLite FTS5 when available (BM25 in process otherwise) plus
MiniLM vectors, fused by reciprocal rank.

Dense search is exact brute force (one matrix product) for small evidence sets and an HNSW
index (``corpus.ann.VectorIndex``, files ``<db>.passages.usearch``/``.json`` beside the
database, keyed by ``evidence_passages.n``) from ``ANN_MIN_PASSAGES`` on. As for claim families,
the database is the source of truth: ``add_evidence`` adds vectors to the index after they
commit and saves it at the end; an index found behind the database is caught up, one of
another embedder or unreadable is rebuilt from the stored vectors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import numpy as np

from ..corpus.ann import VectorIndex, index_paths
from ..store import verify_ops as ops
from ..store.sqlite import Store
from .bm25 import BM25, tokenize
from .fts_terms import Fts5Terms
from .independence import evidence_doc_id
from .textindex import TextIndex, open_text_index, text_index_path

_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“'(]?[A-Z0-9])|\n\s*\n|\n(?=\S)")
MIN_PASSAGE = 40
MAX_PASSAGE = 600
PASSAGE_INDEX = "passages"  # file kind: <db>.passages.usearch / .json
ANN_MIN_PASSAGES = 20_000
"""Passage count from which dense search uses the ANN index instead of brute force.

Why: below it, brute force is exact and cheap (20k x 384 float32 is 30 MB, one product a few
ms on one core), so small evidence sets keep exact results and no index files. Above
it, loading every vector per ``EvidenceIndex`` and the O(n) product grow linearly (1M passages:
1.5 GB, 11 s to open and ~135 ms a query), while a memory-mapped HNSW index opens in 0.2 s and
answers in ~8 ms with re-scoring (docs/verify.md)."""
ANN_MIN_CANDIDATES = 400
"""At least this many neighbours are asked of the ANN index, then re-scored exactly with the
stored float32 vectors: the wider beam buys recall, the re-scoring exact cosines and order.
Measured on 1M synthetic passages (``bench_match.py --recall``), dense recall@10 / p50 for
100, 200, 400, 800 candidates: 0.76 / 4.8 ms, 0.89 / 5.8 ms, 0.93 / 12 ms, 0.94 / 21 ms (brute
force: 135 ms); at 200k, 100 candidates already give 0.998. 400 is where recall levels off."""
ANN_EXPANSION_ADD = 64
"""HNSW build beam for passages (claims use 128): measured on 20k clustered vectors, 64 builds
1.7x faster than 128 for recall@10 0.989 instead of 0.990 (100 candidates); a million
passages is a long build, so the faster one."""
ANN_BUILD_THREADS = 1
"""Passages are inserted on one thread. Why: concurrent inserts were measured to leave HNSW
nodes hard to reach (3,000 clustered vectors: up to 12 of 2,000 top-10 neighbours and even a
query's best passage missed with 2 threads, none with 1), while on this 2-core machine 30k
inserts took the same time either way (7.7 s vs 7.6 s)."""


TEXT_INDEX_MIN_PASSAGES = 20_000
"""Passage count from which full-text search uses the passage text index
(``verify/textindex.py``, ``<db>.passages.fts``) instead of querying FTS5.

Why a threshold: both rank the same (the index reproduces FTS5's terms, words and ``bm25()``),
but FTS5 needs no extra file and is fast on a small store (26-53 ms p50 at 200k passages on a
busy machine, 2-3 ms for the index), while at 1M passages it took 407 ms p50 against 12 ms for
the index, side by side with identical results (docs/verify.md). 20,000 is where the passage
ANN index starts too, so a store grows both derived files at once."""

FTS_POSTINGS: int | None = None
"""Optional full-text budget (off by default): the OR query keeps only the rarest claim words
whose passages add up to at most this many. Measured at 1M synthetic passages
(``benchmarks/bench_match.py --fts-compare --fts-postings 20000``, docs/verify.md) it cut the
full-text p50 by only ~15-20 % and lost recall (source passage in the top 5: 0.52 -> 0.37 on
partial-word queries), so it is not on; kept so the trade-off can be re-measured."""


@dataclass(frozen=True, slots=True)
class EvidenceOptions:
    """``k``: passages returned per claim; ``candidates``: taken from each retriever before fusion;
    ``ann_min_passages``: store size from which dense search uses the ANN index;
    ``text_index_min_passages``: store size from which full-text search uses the passage text
    index (``TEXT_INDEX_MIN_PASSAGES``) rather than FTS5;
    ``fts_postings``: the full-text budget (``FTS_POSTINGS``; None: no budget)."""

    k: int = 5
    candidates: int = 50
    use_embeddings: bool = True
    rrf_k: int = 60
    ann_min_passages: int = ANN_MIN_PASSAGES
    text_index_min_passages: int = TEXT_INDEX_MIN_PASSAGES
    fts_postings: int | None = FTS_POSTINGS


def split_passages(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of a document; sentences under 40 characters join the next."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    pending: tuple[int, int] | None = None
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s >= e:
            continue
        if pending:
            s = pending[0]
            pending = None
        if e - s < MIN_PASSAGE:
            pending = (s, e)
            continue
        while e - s > MAX_PASSAGE:  # run-on text without punctuation: cut at a space
            cut = text.rfind(" ", s, s + MAX_PASSAGE)
            cut = cut if cut > s else s + MAX_PASSAGE
            out.append((s, cut))
            s = cut + 1
        out.append((s, e))
    if pending:
        if out and pending[0] - out[-1][1] < 3:
            out[-1] = (out[-1][0], pending[1])
        else:
            out.append(pending)
    return out


def add_evidence(store: Store, paths: Iterable[str | Path], read_options: Any = None,
                 embed: bool = True, options: EvidenceOptions | None = None) -> list[dict[str, Any]]:
    """Read, split, store and (optionally) embed each file; returns one summary per document.

    The passage ANN index, when the store has one or has grown to ``options.ann_min_passages``,
    is kept in step: each document's vectors enter it after their transaction commits, the keys
    of a replaced document leave it, and it is saved once at the end (even after an error,
    since it only ever holds committed rows). The passage text index (from
    ``options.text_index_min_passages``) is caught up once at the end, so the first search
    after an ``evidence add`` does not pay for it."""
    from ..corpus.inputs import iter_articles
    from ..errors import ClaimgraphError, InputError
    from ..options import ReadOptions

    # the ingest reader: every format `ingest` accepts (JSONL records, feeds, WARC records,
    # folders) is evidence too, and a bad record is reported and skipped, not fatal
    options = options or EvidenceOptions()
    items = list(iter_articles([str(p) for p in paths], read_options or ReadOptions()))
    ann = _open_for_update(store, options.ann_min_passages)
    summaries: list[dict[str, Any]] = []
    try:
        for label, item in items:
            if isinstance(item, ClaimgraphError):
                summaries.append({"source": label, "passages": 0, "new": False, "error": str(item)})
                continue
            summaries.append(_add_document(store, item, label, embed, ann))
        if ann is None:  # the store may just have reached the threshold: build from the database
            ann = _open_for_update(store, options.ann_min_passages)
    finally:
        if ann is not None:
            _save(ann, store)
    _update_text_index(store, options.text_index_min_passages)
    if summaries and all("error" in s for s in summaries):
        raise InputError(summaries[0]["error"] if len(summaries) == 1
                         else f"nothing added: {len(summaries)} inputs could not be read "
                              f"(first: {summaries[0]['source']}: {summaries[0]['error']})")
    return summaries


def _add_document(store: Store, article: Any, source: str, embed: bool,
                  ann: VectorIndex | None) -> dict[str, Any]:
    """Store one read document (replacing an earlier copy) and embed its passages."""
    text = article.text
    doc_id = evidence_doc_id(text)  # the article's own id too: see independence.SourceFilter
    passages = [{"id": f"{doc_id}:{n}", "seq": n, "start": s, "end": e, "text": text[s:e]}
                for n, (s, e) in enumerate(split_passages(text))]
    stale = list(ops.passage_keys(store, doc_id).values()) if ann is not None else []
    new = ops.add_evidence_doc(store, {"id": doc_id, "source": source, "title": article.title,
                                       "url": article.url, "published": article.published,
                                       "text": text}, passages)
    if ann is not None:
        ann.remove(stale)
    if embed and passages:
        from .embed import MODEL_NAME, encode

        vecs = encode([p["text"] for p in passages])
        ops.put_vectors(store, "passage", MODEL_NAME, [(p["id"], v) for p, v in zip(passages, vecs)])
        if ann is not None:
            keys = ops.passage_keys(store, doc_id)
            ann.add([keys[p["id"]] for p in passages], vecs)
    return {"doc_id": doc_id, "source": source, "passages": len(passages), "new": new}


def _update_text_index(store: Store, min_passages: int) -> None:
    """Catch the passage text index up if this store keeps one (file exists or big enough)."""
    path = text_index_path(store)
    if path is not None and ops.fts_available(store) and (
            path.exists() or ops.passage_count(store) >= min_passages):
        open_text_index(store)


def _open_for_update(store: Store, ann_min_passages: int) -> VectorIndex | None:
    """The writable, caught-up passage index if this store keeps one (files exist or it is big
    enough); None for an in-memory store or a small one."""
    paths = index_paths(store, PASSAGE_INDEX)
    if paths is None or (not paths[0].exists() and ops.passage_count(store) < ann_min_passages):
        return None
    return open_passage_index(store, view=False)


def open_passage_index(store: Store, view: bool = True) -> VectorIndex | None:
    """The store's passage ANN index, caught up with the database; None without index files.

    ``view=True`` (search only) memory-maps the saved file when it is current: no vector is
    read into memory. Otherwise the saved index is loaded (or, if missing, unreadable or of
    another embedder, started empty), given every stored vector with a key above its
    ``max_key``, and saved when that changed anything."""
    from .embed import MODEL_NAME

    paths = index_paths(store, PASSAGE_INDEX)
    if paths is None:
        return None
    if view:
        meta = VectorIndex.read_meta(MODEL_NAME, paths[1])
        if meta is not None and not ops.has_passage_vectors_after(store, MODEL_NAME, int(meta.get("max_key", -1))):
            current = VectorIndex.load(MODEL_NAME, *paths, view=True)
            if current is not None:
                return current
    index = VectorIndex.load(MODEL_NAME, *paths, threads=ANN_BUILD_THREADS)
    changed = index is None
    index = index or VectorIndex(MODEL_NAME, expansion_add=ANN_EXPANSION_ADD, threads=ANN_BUILD_THREADS)
    for keys, vectors in ops.passage_vectors_after(store, MODEL_NAME, index.max_key):
        index.add(keys, vectors)
        changed = True
    if changed:
        _save(index, store)
    if view:  # search from the mapped file, not from a private in-memory copy
        return VectorIndex.load(MODEL_NAME, *paths, view=True) or index
    return index


def _save(index: VectorIndex, store: Store) -> None:
    """Save the passage index beside the database; a read-only place only costs a rebuild later."""
    paths = index_paths(store, PASSAGE_INDEX)
    if paths is not None:
        try:
            index.save(*paths)
        except (OSError, RuntimeError):
            pass


class EvidenceIndex:
    """Passages of one store, opened once for hybrid search.

    Dense search uses the passage ANN index when the store has a file location and at least
    ``options.ann_min_passages`` passages (``self.ann``); otherwise every vector is loaded as
    one numpy matrix (``self.ids``/``self.vectors``) and searched exactly. Full-text search
    uses the passage text index (``self.text``) from ``options.text_index_min_passages`` on
    SQLite files, FTS5 below it, the in-process BM25 where SQLite has no FTS5 (PostgreSQL)."""

    def __init__(self, store: Store, options: EvidenceOptions | None = None) -> None:
        self.store = store
        self.options = options or EvidenceOptions()
        self.fts = ops.fts_available(store)
        self.ids: list[str] = []
        self.vectors: np.ndarray | None = None
        self.ann: VectorIndex | None = None
        self.text: TextIndex | None = None
        self._terms: Fts5Terms | None = None
        self._bm25: BM25 | None = None
        self._texts: list[str] | None = None
        count, max_key = ops.passage_key_range(store)
        if self.options.use_embeddings:
            if count >= self.options.ann_min_passages:
                self.ann = open_passage_index(store, view=True)
            if self.ann is None:
                self._load_vectors()
        # a word in over 5 % of passages ranks little and costs a scan of its postings
        self.max_df = max(50, int(0.05 * count)) if self.fts else None
        if self.fts and count >= self.options.text_index_min_passages:
            self.text = open_text_index(store, (count, max_key))
            self._terms = Fts5Terms() if self.text is not None else None
        if not self.fts:
            rows = list(ops.passages(store))
            self._texts = [r["text"] for r in rows]
            self._bm25 = BM25(self._texts)
            self._bm25_ids = [r["id"] for r in rows]

    def _load_vectors(self) -> None:
        from .embed import MODEL_NAME

        stored = ops.get_vectors(self.store, "passage", MODEL_NAME)
        if stored:
            self.ids = list(stored)
            self.vectors = np.vstack([stored[i] for i in self.ids])

    @property
    def has_vectors(self) -> bool:
        if self.ann is not None:
            return len(self.ann) > 0
        return self.vectors is not None and len(self.ids) > 0

    def lexical(self, query: str, n: int) -> list[tuple[str, float]]:
        terms = sorted(set(tokenize(query)))
        if self.fts:
            # FTS5 has its own tokenizer; raw lower-case words match better than our stems
            words = sorted({w for w in re.findall(r"[a-z0-9]+", query.lower()) if len(w) > 2} - _fts_stop())
            if self.text is not None:
                return self._lexical_index(words, n)
            return ops.fts_search(self.store, words, n, self.max_df, self.options.fts_postings)
        assert self._bm25 is not None
        scores = self._bm25.scores(" ".join(terms))
        top = np.argsort(-scores)[:n]
        return [(self._bm25_ids[i], float(scores[i])) for i in top if scores[i] > 0]

    def _lexical_index(self, words: list[str], n: int) -> list[tuple[str, float]]:
        """FTS5's ranking from the passage text index: the same words (``ops.rarest_words``),
        each scored as the FTS5 term SQLite makes of it; passages removed since the index was
        opened drop out."""
        assert self.text is not None and self._terms is not None
        if not words:
            return []
        kept = ops.rarest_words(words, self.text.df, max_df=self.max_df, postings=self.options.fts_postings)
        terms = [found[0] if len(found) == 1 else None for found in self._terms.terms(kept)]
        hits = self.text.search(terms, n)
        ids = ops.passage_ids_by_key(self.store, [key for key, _ in hits])
        return [(ids[key], score) for key, score in hits if key in ids]

    def dense(self, qvec: np.ndarray, n: int) -> list[tuple[str, float]]:
        """The ``n`` passages nearest a unit query vector, (passage id, cosine) best first."""
        if self.ann is not None:
            return self._dense_ann(qvec, n)
        if self.vectors is None or not len(self.ids):
            return []
        sims = self.vectors @ qvec
        n = min(n, len(sims))
        top = np.argpartition(-sims, n - 1)[:n]  # no full sort: 1M passages cost a full sort ~0.1 s
        top = top[np.argsort(-sims[top])]
        return [(self.ids[i], float(sims[i])) for i in top]

    def _dense_ann(self, qvec: np.ndarray, n: int) -> list[tuple[str, float]]:
        """ANN candidates re-scored with their stored float32 vectors: exact cosines (the index
        holds float16), and keys of passages deleted since the index was saved drop out."""
        from .embed import MODEL_NAME

        assert self.ann is not None
        hits = self.ann.search(qvec, max(2 * n, ANN_MIN_CANDIDATES))
        rows = ops.passage_vectors_by_key(self.store, MODEL_NAME, [key for key, _ in hits])
        scored = sorted(((pid, float(vec @ qvec)) for pid, vec in rows), key=lambda r: -r[1])
        return scored[:n]

    def search(self, query: str, k: int | None = None, qvec: np.ndarray | None = None) -> list[dict[str, Any]]:
        """Best passages for a claim: fused rank, plus the lexical and cosine scores behind it."""
        n = self.options.candidates
        lex = self.lexical(query, n)
        dense: list[tuple[str, float]] = []
        if self.has_vectors:
            if qvec is None:
                from .embed import encode

                qvec = encode([query])[0]
            dense = self.dense(qvec, n)
        cos_of = dict(dense)
        fused: dict[str, float] = {}
        for ranked in (lex, dense):
            for r, (pid, _) in enumerate(ranked):
                fused[pid] = fused.get(pid, 0.0) + 1.0 / (self.options.rrf_k + r + 1)
        lex_of = dict(lex)
        best = sorted(fused, key=lambda p: -fused[p])[: k or self.options.k]
        rows = ops.passages_by_id(self.store, best)
        out = []
        for pid in best:
            if pid in rows:
                row = dict(rows[pid])
                row.update(fused=fused[pid], lexical=lex_of.get(pid, 0.0), cosine=cos_of.get(pid))
                out.append(row)
        return out


def _fts_stop() -> set[str]:
    from .bm25 import STOP

    return set(STOP)
