"""The approximate-nearest-neighbour index of claim vectors, kept in plain files beside the DB.

``<db>.claims.usearch`` is a usearch HNSW index (its own binary format, no pickle) keyed by
``corpus_claims.n``; ``<db>.claims.json`` records the embedder name, dimensions and the highest
key saved. The database is the source of truth: the index is written after the database
commits (atomically, via a temporary file and ``os.replace``), so after a crash it can only be
*behind*. On open, claims with a key above the saved maximum are re-embedded and added; an
index built by another embedder, or unreadable, is rebuilt from the claim texts.

The same class serves other collections under another file ``kind``: evidence passages use
``<db>.passages.usearch``/``.json`` keyed by ``evidence_passages.n`` (``verify/evidence.py``).
A reader that only searches may open the file as a memory-mapped *view* (``load(view=True)``):
nothing is copied into memory, and opening a million-vector index takes milliseconds.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from .embed import DIM


def index_paths(where: Any, kind: str = "claims") -> tuple[Path, Path] | None:
    """Index files of one ``kind`` for a store (its ``index_base``, else its file path) or a
    database path; None for an in-memory store, which has nowhere to keep them."""
    db_path = str(getattr(where, "index_base", None) or getattr(where, "path", where))
    if db_path == ":memory:":
        return None
    return Path(f"{db_path}.{kind}.usearch"), Path(f"{db_path}.{kind}.json")


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """An exclusive advisory lock on ``path`` (created if needed) between processes on this
    machine: two ingests saving the same index files take turns."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: saves stay atomic, only not serialised
        yield
        return
    with open(path, "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _usearch_index() -> Any:
    """usearch's ``Index`` class, imported only after onnxruntime when that is installed.

    Why: with usearch 2.26.6 and onnxruntime 1.32.0 in one process, importing onnxruntime
    *after* usearch kills the process (segmentation fault while onnxruntime loads); the other
    order works. ``claimgraph verify`` searches evidence passages (usearch) and then runs the
    stance model (onnxruntime), so the order is fixed here for every user of the index."""
    import importlib.util

    if importlib.util.find_spec("onnxruntime") is not None:
        import onnxruntime  # noqa: F401
    from usearch.index import Index

    return Index


class VectorIndex:
    """Cosine HNSW index of unit vectors; ``search`` returns (key, cosine similarity) pairs."""

    def __init__(self, embedder_name: str, dtype: str = "f16", expansion_add: int = 128,
                 threads: int = 0) -> None:
        """``expansion_add``: HNSW build beam; lower builds faster at slightly lower recall.
        ``threads``: insertion threads (0: all cores; 1: a deterministic graph)."""
        Index = _usearch_index()

        self.embedder_name = embedder_name
        self.dtype = dtype
        self.index: Any = Index(ndim=DIM, metric="cos", dtype=dtype, connectivity=16,
                                expansion_add=expansion_add, expansion_search=64)
        self.threads = threads
        self.max_key = -1
        self.view = False  # a memory-mapped file: searchable, never writable

    def __len__(self) -> int:
        return len(self.index)

    def add(self, keys: list[int], vectors: np.ndarray) -> None:
        if not keys:
            return
        if self.view:  # usearch crashes the process when a view is written to
            raise ValueError("a memory-mapped index view is read-only")
        self.index.add(np.asarray(keys, dtype=np.uint64), np.asarray(vectors, dtype=np.float32),
                       threads=self.threads)
        self.max_key = max(self.max_key, max(keys))

    def remove(self, keys: list[int]) -> None:
        """Forget keys whose rows the database deleted (absent keys are ignored)."""
        if keys:
            if self.view:
                raise ValueError("a memory-mapped index view is read-only")
            self.index.remove(np.asarray(keys, dtype=np.uint64))

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

    @staticmethod
    def read_meta(embedder_name: str, meta_file: Path) -> dict[str, Any] | None:
        """The saved index's description, or None when absent, unreadable or of another embedder."""
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or meta.get("embedder") != embedder_name or meta.get("dim") != DIM:
            return None
        return meta

    @classmethod
    def load(cls, embedder_name: str, index_file: Path, meta_file: Path, view: bool = False,
             threads: int = 0) -> "VectorIndex | None":
        """The saved index, or None when absent, unreadable or built by another embedder.

        ``view=True`` memory-maps the file instead of reading it (search only)."""
        Index = _usearch_index()

        meta = cls.read_meta(embedder_name, meta_file)
        if meta is None:
            return None
        try:
            loaded = Index.restore(str(index_file), view=view)
            if loaded is None or len(loaded) != meta.get("count"):
                return None
        except (OSError, ValueError, RuntimeError):
            return None
        self = cls(embedder_name, meta.get("dtype", "f16"), threads=threads)
        self.index = loaded
        self.view = view
        self.max_key = int(meta.get("max_key", -1))
        return self
