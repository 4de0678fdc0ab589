"""Sentence embeddings for verification: the shipped ONNX all-MiniLM-L6-v2 (``corpus.embed``).

The same model and session as claim families (no torch, nothing downloaded); here texts are
cut at 128 tokens, as before the switch to ONNX: claims are short, evidence passages are at most
600 characters, and stored passage vectors were made that way. Vectors are L2-normalised
float32, so a dot product is a cosine. A missing runtime or model file is a
:class:`ModelError` with the fix, not a traceback.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Sequence

import numpy as np

from ..corpus.embed import DIM, MINILM, minilm

MODEL_NAME = MINILM
MAX_TOKENS = 128
THREADS = max(1, min(2, os.cpu_count() or 1))
"""Intra-op threads for interactive ``check``/``verify``: at most 2, so a shared machine keeps
a core (ingest workers use 1 each, through ``corpus.embed.Embedder``)."""


def encode(texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """Normalised embeddings, shape (len(texts), 384)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    return minilm(THREADS).encode(list(texts), batch_size=batch_size, max_tokens=MAX_TOKENS)


def cache_dir() -> Path:
    base = os.environ.get("CLAIMGRAPH_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "claimgraph")
    return Path(base)


def encode_cached(texts: Sequence[str]) -> np.ndarray:
    """Embeddings of a large fixed collection, cached on disk by a hash of the texts.

    Why: evaluation re-embeds the same 14k-19k fact-checks on every run otherwise (minutes
    on 2 cores). The cache is keyed by content, so a changed collection is re-embedded.
    """
    digest = hashlib.sha256(("\x1e".join(texts) + MODEL_NAME).encode("utf-8")).hexdigest()[:24]
    path = cache_dir() / f"emb-{digest}.npy"
    if path.exists():
        vecs = np.load(path)
        if vecs.shape == (len(texts), DIM):
            return vecs
    vecs = encode(texts)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npy")
        np.save(tmp, vecs)
        tmp.replace(path)
    except OSError:
        pass  # a read-only cache is no reason to fail
    return vecs
