"""The approximate-nearest-neighbour index of claim vectors, kept in plain files beside the DB.

``<db>.claims.usearch`` is a usearch HNSW index (its own binary format, no pickle) keyed by
``corpus_claims.n``; ``<db>.claims.json`` records the embedder name, dimensions and the highest
key saved. The database is the source of truth: the index is written after the database
commits (atomically, via a temporary file and ``os.replace``), so after a crash it can only be
*behind*. On open, claims with a key above the saved maximum are re-embedded and added; an
index built by another embedder, or unreadable, is rebuilt from the claim texts.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from .embed import DIM


def index_paths(where: Any) -> tuple[Path, Path] | None:
    """Index files for a store (its ``index_base``, else its file path) or a database path."""
    db_path = str(getattr(where, "index_base", None) or getattr(where, "path", where))
    if db_path == ":memory:":
        return None
    return Path(db_path + ".claims.usearch"), Path(db_path + ".claims.json")


class VectorIndex:
    """Cosine HNSW index of unit vectors; ``search`` returns (key, cosine similarity) pairs."""

    def __init__(self, embedder_name: str, dtype: str = "f16") -> None:
        from usearch.index import Index

        self.embedder_name = embedder_name
        self.dtype = dtype
        self.index: Any = Index(ndim=DIM, metric="cos", dtype=dtype, connectivity=16,
                                expansion_add=128, expansion_search=64)
        self.max_key = -1

    def __len__(self) -> int:
        return len(self.index)

    def add(self, keys: list[int], vectors: np.ndarray) -> None:
        if not keys:
            return
        self.index.add(np.asarray(keys, dtype=np.uint64), np.asarray(vectors, dtype=np.float32))
        self.max_key = max(self.max_key, max(keys))

    def search(self, vector: np.ndarray, k: int = 10) -> list[tuple[int, float]]:
        if len(self.index) == 0:
            return []
        found = self.index.search(np.asarray(vector, dtype=np.float32), min(k, len(self.index)))
        return [(int(key), 1.0 - float(dist)) for key, dist in zip(found.keys, found.distances)]

    def save(self, index_file: Path, meta_file: Path) -> None:
        tmp = index_file.with_name(index_file.name + ".tmp")
        self.index.save(str(tmp))
        os.replace(tmp, index_file)
        meta = {"embedder": self.embedder_name, "dim": DIM, "dtype": self.dtype,
                "max_key": self.max_key, "count": len(self.index)}
        tmp_meta = meta_file.with_name(meta_file.name + ".tmp")
        tmp_meta.write_text(json.dumps(meta), encoding="utf-8")
        os.replace(tmp_meta, meta_file)

    @classmethod
    def load(cls, embedder_name: str, index_file: Path, meta_file: Path) -> "VectorIndex | None":
        """The saved index, or None when absent, unreadable or built by another embedder."""
        from usearch.index import Index

        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
            if meta.get("embedder") != embedder_name or meta.get("dim") != DIM:
                return None
            loaded = Index.restore(str(index_file), view=False)
            if loaded is None or len(loaded) != meta.get("count"):
                return None
        except (OSError, ValueError, RuntimeError):
            return None
        self = cls(embedder_name, meta.get("dtype", "f16"))
        self.index = loaded
        self.max_key = int(meta.get("max_key", -1))
        return self
