"""A disk cache of MiniLM sentence vectors for training (``~/.cache/claimgraph/checkworthy``).

Why: embedding the ~60,000 training sentences takes minutes on two cores; hyper-parameter runs
and rebuilds of the model should not pay that again. Vectors are keyed by a hash of the exact
text and of the embedding model file's size, stored as float16 (the model itself stores its
weights in float16; the rounding moves a cosine by < 1e-3). Run time never reads this cache.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

from .data import text_key

CACHE_DIR = Path(os.environ.get("CLAIMGRAPH_CACHE", Path.home() / ".cache" / "claimgraph")) / "checkworthy"


def _model_tag() -> str:
    from ...corpus.embed import MODEL_FILE, data_path

    return f"minilm-{data_path(MODEL_FILE).stat().st_size}"


class EmbeddingCache:
    """``vectors(texts)`` returns float32 rows, embedding only texts never seen before."""

    def __init__(self, directory: Path = CACHE_DIR, threads: int = 2) -> None:
        self.directory = directory
        self.threads = threads
        tag = _model_tag()
        self.keys_path = directory / f"{tag}-keys.json"
        self.vecs_path = directory / f"{tag}-vecs.npy"
        self.index: dict[str, int] = {}
        self.matrix = np.zeros((0, 384), dtype=np.float16)
        if self.keys_path.exists() and self.vecs_path.exists():
            keys = json.loads(self.keys_path.read_text(encoding="utf-8"))
            matrix = np.load(self.vecs_path)
            if len(keys) == len(matrix):
                self.index = {k: i for i, k in enumerate(keys)}
                self.matrix = matrix

    def vectors(self, texts: list[str], progress: bool = False) -> np.ndarray:
        from ...corpus.embed import minilm

        keys = [text_key(t) for t in texts]
        missing: dict[str, str] = {}
        for k, t in zip(keys, texts):
            if k not in self.index:
                missing.setdefault(k, t)
        if missing:
            encoder = minilm(self.threads)
            items = list(missing.items())
            new = []
            for start in range(0, len(items), 2048):
                chunk = items[start:start + 2048]
                new.append(encoder.encode([t for _, t in chunk], batch_size=64).astype(np.float16))
                if progress:
                    print(f"  embedded {start + len(chunk)}/{len(items)} new sentences", flush=True)
            base = len(self.matrix)
            self.matrix = np.concatenate([self.matrix, *new])
            for i, (k, _) in enumerate(items):
                self.index[k] = base + i
            self._save()
        return self.matrix[[self.index[k] for k in keys]].astype(np.float32)

    def _save(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        keys = sorted(self.index, key=self.index.__getitem__)
        tmp = self.vecs_path.with_suffix(".tmp.npy")
        np.save(tmp, self.matrix)
        tmp.replace(self.vecs_path)
        self.keys_path.write_text(json.dumps(keys), encoding="utf-8")
