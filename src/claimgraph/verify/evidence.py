"""The trusted evidence corpus: the user's own documents, split into passages, searchable.

Any format the readers accept (text, HTML, JSON records) becomes one evidence document; its
text is split into sentence passages (short ones merged) that keep their character offsets into
the document, so every piece of evidence shown can be traced to its exact words. Search is
hybrid like fact-check matching: SQLite FTS5 when available (BM25 in process otherwise) plus
MiniLM vectors, fused by reciprocal rank.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import numpy as np

from ..store import verify_ops as ops
from ..store.sqlite import Store
from .bm25 import BM25, tokenize
from .factchecks import iter_files

_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“'(]?[A-Z0-9])|\n\s*\n|\n(?=\S)")
MIN_PASSAGE = 40
MAX_PASSAGE = 600


@dataclass(frozen=True, slots=True)
class EvidenceOptions:
    """``k``: passages returned per claim; ``candidates``: taken from each retriever before fusion."""

    k: int = 5
    candidates: int = 50
    use_embeddings: bool = True
    rrf_k: int = 60


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
                 embed: bool = True) -> list[dict[str, Any]]:
    """Read, split, store and (optionally) embed each file; returns one summary per document."""
    from ..options import ReadOptions
    from ..read import read_input

    summaries = []
    for path in iter_files(paths):
        article = read_input(str(path), read_options or ReadOptions())
        text = article.text
        doc_id = "ev-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
        passages = [{"id": f"{doc_id}:{n}", "seq": n, "start": s, "end": e, "text": text[s:e]}
                    for n, (s, e) in enumerate(split_passages(text))]
        new = ops.add_evidence_doc(store, {"id": doc_id, "source": str(path), "title": article.title,
                                           "url": article.url, "published": article.published,
                                           "text": text}, passages)
        if embed and passages:
            from .embed import MODEL_NAME, encode

            vecs = encode([p["text"] for p in passages])
            ops.put_vectors(store, "passage", MODEL_NAME, [(p["id"], v) for p, v in zip(passages, vecs)])
        summaries.append({"doc_id": doc_id, "source": str(path), "passages": len(passages), "new": new})
    return summaries


class EvidenceIndex:
    """Passages of one store, loaded once for hybrid search (vectors as one numpy matrix)."""

    def __init__(self, store: Store, options: EvidenceOptions | None = None) -> None:
        self.store = store
        self.options = options or EvidenceOptions()
        self.fts = ops.fts_available(store)
        self.ids: list[str] = []
        self.vectors: np.ndarray | None = None
        self._bm25: BM25 | None = None
        self._texts: list[str] | None = None
        if self.options.use_embeddings:
            from .embed import MODEL_NAME

            stored = ops.get_vectors(store, "passage", MODEL_NAME)
            if stored:
                self.ids = list(stored)
                self.vectors = np.vstack([stored[i] for i in self.ids])
        # a word in over 5 % of passages ranks little and costs a scan of its postings
        self.max_df = max(50, int(0.05 * ops.passage_count(store))) if self.fts else None
        if not self.fts:
            rows = list(ops.passages(store))
            self._texts = [r["text"] for r in rows]
            self._bm25 = BM25(self._texts)
            self._bm25_ids = [r["id"] for r in rows]

    def lexical(self, query: str, n: int) -> list[tuple[str, float]]:
        terms = sorted(set(tokenize(query)))
        if self.fts:
            # FTS5 has its own tokenizer; raw lower-case words match better than our stems
            words = sorted({w for w in re.findall(r"[a-z0-9]+", query.lower()) if len(w) > 2} - _fts_stop())
            return ops.fts_search(self.store, words, n, self.max_df)
        assert self._bm25 is not None
        scores = self._bm25.scores(" ".join(terms))
        top = np.argsort(-scores)[:n]
        return [(self._bm25_ids[i], float(scores[i])) for i in top if scores[i] > 0]

    def search(self, query: str, k: int | None = None, qvec: np.ndarray | None = None) -> list[dict[str, Any]]:
        """Best passages for a claim: fused rank, plus the lexical and cosine scores behind it."""
        n = self.options.candidates
        lex = self.lexical(query, n)
        dense: list[tuple[str, float]] = []
        cos_of: dict[str, float] = {}
        if self.vectors is not None and len(self.ids):
            if qvec is None:
                from .embed import encode

                qvec = encode([query])[0]
            sims = self.vectors @ qvec
            n = min(n, len(sims))
            top = np.argpartition(-sims, n - 1)[:n]  # no full sort: 1M passages cost a full sort ~0.1 s
            top = top[np.argsort(-sims[top])]
            dense = [(self.ids[i], float(sims[i])) for i in top]
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
