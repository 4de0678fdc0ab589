"""Fact-check matching: which earlier fact-checks address this claim?

Hybrid retrieval, because each half fails differently: BM25 finds the rare names and numbers a
claim shares with its fact-check; MiniLM embeddings find paraphrases with no shared words.
Candidates from both are fused by reciprocal rank, then re-ranked by a small logistic model over
explicit features (lexical and embedding scores, coverage, shared or conflicting numbers and
names). Its output is a probability, so one calibrated threshold decides when the honest answer
is "no earlier fact-check" (see docs/calibration-verify.md).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from .bm25 import BM25, tokenize
from .factchecks import FactCheck
from .match_weights import FEATURES, WEIGHTS, BIAS, THRESHOLD
from .textnorm import day_number

_NUM = re.compile(r"\b\d[\d,.]*\b")
_LINK = re.compile(r"(?:https?://|pic\.twitter\.com/|www\.)\S+", re.I)
_SIGNATURE_DATE = re.compile(r"(\(@\w+\))\s+[A-Z][a-z]+ \d{1,2}, \d{4}\s*$")
_SIGNED = re.compile(r"\(@\w+\)\s+([A-Z][a-z]+ \d{1,2}, \d{4})\s*$")


def claim_day(text: str) -> int | None:
    """The date a pasted post carries in its embed signature ("— Name (@handle) May 3, 2021")."""
    m = _SIGNED.search(text)
    return day_number(m.group(1)) if m else None


def clean_query(text: str) -> str:
    """What the embedder sees of a claim: links and a post's trailing date carry no meaning."""
    text = _SIGNATURE_DATE.sub(r"\1", _LINK.sub(" ", text))
    return " ".join(text.split())
_NAME = re.compile(r"\b[A-Z][a-zA-Z'’-]+(?:\s+[A-Z][a-zA-Z'’-]+)*")


@dataclass(frozen=True, slots=True)
class MatchOptions:
    """How to match. ``threshold`` None means the calibrated default (match_weights.THRESHOLD)."""

    top_k: int = 5
    # per candidate list (BM25, embeddings, article texts); 150 rather than 50 brings the gold
    # fact-check into the candidates for 7 more of 119 2B dev queries and lifts 2A (dev 0.980 ->
    # 0.987, dev-test 0.951 -> 0.958 after refitting); more (400) no longer helped
    candidates: int = 150
    threshold: float | None = None
    use_embeddings: bool = True
    rrf_k: int = 60


@dataclass(slots=True)
class Match:
    """One earlier fact-check for a claim: probability it addresses the claim, and why."""

    factcheck: FactCheck
    score: float
    bm25: float
    cosine: float
    above_threshold: bool
    why: str
    features: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        fc = self.factcheck.to_dict()
        fc.pop("body", None)  # the article text can be long; the URL leads to it
        return {"factcheck": fc, "score": round(self.score, 4),
                "bm25": round(self.bm25, 3), "cosine": round(self.cosine, 4),
                "above_threshold": self.above_threshold, "why": self.why}


def _numbers(text: str) -> set[str]:
    return {n.rstrip(".,").replace(",", "") for n in _NUM.findall(text)}


def _names(text: str) -> set[str]:
    return {m.lower() for m in _NAME.findall(text) if len(m) > 2} - {"the", "this", "that"}


def features_for(query: str, q_tokens: set[str], doc: str, bm: float, bm_max: float, cos: float,
                 cos_max: float, rrf: float, d_tokens: frozenset[str] | None = None,
                 gap_days: float | None = None, body_gap: float = 0.0) -> dict[str, float]:
    """The re-ranker's inputs; names are the contract with match_weights.FEATURES.

    ``gap_days``: days between the claim and the fact-check when both are dated. Why: a
    fact-check usually follows the claim it checks within days (median 2 days, 86 % within
    60 days on CheckThat 2A train), and a collection spans decades, so closeness in time
    separates "the same story" from "a similar story from 2016".

    Every feature that may be missing is 0 when it is missing and there is no "is known"
    indicator: such an indicator learns which *task* a query came from (tweets with dates vs
    debate sentences without) and shifts every undated claim's probability, which moves the
    one calibrated threshold for all of them.
    """
    if d_tokens is None:
        d_tokens = frozenset(tokenize(doc))
    qn, dn = _numbers(query), _numbers(doc)
    qe, de = _names(query), _names(doc)
    inter = len(q_tokens & d_tokens)
    return {
        "bm25_rel": bm / bm_max if bm_max > 0 else 0.0,
        "bm25_log": math.log1p(max(bm, 0.0)),
        "cos": cos,
        "cos_gap": cos - cos_max,
        "rrf": rrf * 60.0,
        "q_cover": inter / max(1, len(q_tokens)),
        "d_cover": inter / max(1, len(d_tokens)),
        "num_shared": float(bool(qn & dn)),
        "num_conflict": float(bool(dn) and bool(qn) and not (qn & dn)),
        "name_shared": len(qe & de) / max(1, len(de)),
        "date_close": math.exp(-abs(gap_days) / 30.0) if gap_days is not None else 0.0,
        "date_far": math.log1p(abs(gap_days)) / 8.0 if gap_days is not None else 0.0,
        # article-text BM25: 0 for the best-matching article, negative below it; 0 without texts
        "body_gap": body_gap,
    }


def _why(f: dict[str, float], query_tokens: set[str], d_tokens: frozenset[str]) -> str:
    # longest first, then alphabetical: set order changes between processes (hash seed)
    shared = sorted(query_tokens & d_tokens, key=lambda w: (-len(w), w))[:5]
    parts = []
    if shared:
        parts.append("shares words " + ", ".join(f"'{w}'" for w in shared))
    parts.append(f"meaning similarity {f['cos']:.2f}")
    if f["num_shared"]:
        parts.append("same number")
    if f["num_conflict"]:
        parts.append("different numbers")
    if f.get("date_close", 0.0) >= 0.5:
        parts.append("dated within about three weeks")
    return "; ".join(parts)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


class FactCheckIndex:
    """Fact-checks indexed for hybrid search. Build once, query many times."""

    def __init__(self, factchecks: Sequence[FactCheck], options: MatchOptions | None = None,
                 vectors: np.ndarray | None = None) -> None:
        self.options = options or MatchOptions()
        self.factchecks = list(factchecks)
        self.texts = [fc.search_text() for fc in self.factchecks]
        self.bm25 = BM25(self.texts)
        # article texts, where the library has them: BM25 only (embedding 5 kB articles buys little)
        bodies = [fc.body or "" for fc in self.factchecks]
        self.body_bm25 = BM25(bodies, keep_sets=False) if any(bodies) else None
        self.days = np.array([day_number(fc.date) or np.nan for fc in self.factchecks], dtype=np.float64)
        self.vectors = vectors
        if self.vectors is None and self.options.use_embeddings and self.factchecks:
            from .embed import encode_cached

            self.vectors = encode_cached(self.texts)

    @property
    def threshold(self) -> float:
        return THRESHOLD if self.options.threshold is None else self.options.threshold

    def candidates(self, query: str, qvec: np.ndarray | None, exclude: set[int] | None = None,
                   when: int | None = None) -> list[tuple[int, dict[str, float]]]:
        """Fused candidates with their re-ranker features (``exclude``: indices to leave out;
        ``when``: the claim's date as an ordinal day, else the date of a pasted post's signature)."""
        n = self.options.candidates
        bm = self.bm25.scores(query)
        cos = self.vectors @ qvec if (qvec is not None and self.vectors is not None) else np.zeros_like(bm)
        if exclude:
            idx = np.fromiter(exclude, dtype=np.int64)
            bm[idx], cos[idx] = -1.0, -2.0
        k = min(n, len(bm))
        if k == 0:
            return []
        bm_top = np.argpartition(-bm, k - 1)[:k]
        bm_top = bm_top[np.argsort(-bm[bm_top])]
        cos_top = np.argpartition(-cos, k - 1)[:k]
        cos_top = cos_top[np.argsort(-cos[cos_top])]
        lists = [bm_top, cos_top if qvec is not None else []]
        body = self.body_bm25.scores(query) if self.body_bm25 is not None else None
        if body is not None:
            if exclude:
                body[idx] = -1.0
            body_top = np.argpartition(-body, k - 1)[:k]
            lists.append(body_top[np.argsort(-body[body_top])])
        rrf: dict[int, float] = {}
        for ranked in lists:
            for r, i in enumerate(ranked):
                rrf[int(i)] = rrf.get(int(i), 0.0) + 1.0 / (self.options.rrf_k + r + 1)
        q_tokens = set(tokenize(query))
        bm_max, cos_max = float(bm.max()), float(cos.max())
        sets = self.bm25.token_sets
        when = claim_day(query) if when is None else when

        def gap(i: int) -> float | None:
            return None if when is None or np.isnan(self.days[i]) else float(self.days[i] - when)

        body_max = float(body.max()) if body is not None else 0.0

        def body_gap(i: int) -> float:
            return float(body[i]) / body_max - 1.0 if body is not None and body_max > 0 else 0.0

        return [(i, features_for(query, q_tokens, self.texts[i], float(bm[i]), bm_max, float(cos[i]), cos_max, s,
                                 sets[i], gap(i), body_gap(i))) for i, s in rrf.items() if bm[i] >= 0]

    def rerank(self, feats: list[dict[str, float]]) -> np.ndarray:
        x = np.array([[f[name] for name in FEATURES] for f in feats], dtype=np.float64)
        return _sigmoid(x @ np.asarray(WEIGHTS) + BIAS) if len(feats) else np.zeros(0)

    def search(self, query: str, qvec: np.ndarray | None = None, top_k: int | None = None,
               exclude: set[int] | None = None, when: int | None = None) -> list[Match]:
        """The best fact-checks for a claim, most likely first, each with a score and why.

        ``when``: the claim's date (ordinal day, e.g. the article's publication date), if known.
        """
        if qvec is None and self.vectors is not None:
            from .embed import encode

            qvec = encode([clean_query(query)])[0]
        cands = self.candidates(query, qvec, exclude, when)
        if not cands:
            return []
        probs = self.rerank([f for _, f in cands])
        order = np.argsort(-probs, kind="stable")[: top_k or self.options.top_k]
        q_tokens = set(tokenize(query))
        out = []
        for j in order:
            i, f = cands[int(j)]
            out.append(Match(self.factchecks[i], float(probs[j]), float(f["bm25_log"]), f["cos"],
                             bool(probs[j] >= self.threshold), _why(f, q_tokens, self.bm25.token_sets[i]), f))
        return out

    def search_many(self, queries: Sequence[str], top_k: int | None = None) -> list[list[Match]]:
        qvecs = None
        if self.vectors is not None:
            from .embed import encode

            qvecs = encode([clean_query(q) for q in queries])
        return [self.search(q, qvecs[n] if qvecs is not None else None, top_k) for n, q in enumerate(queries)]
