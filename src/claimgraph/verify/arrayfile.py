"""Named numpy arrays plus a JSON description in one file, read back memory-mapped.

Why one file rather than ``.npz`` or a folder of ``.npy``: an ``.npz`` cannot be memory-mapped
(numpy reads every member into memory), and a folder cannot be replaced atomically. One file is
written beside its final name and moved over it with ``os.replace``, so a reader sees the old
index or the new one, never half of each; opening it maps the arrays without reading them, so a
million-passage index opens in milliseconds and only the postings a query touches are read.

Layout: ``MAGIC``, the header's length (8 bytes, little-endian), the JSON header (``meta``, per
array dtype, length and offset, and the arrays' total size), then each array at a 64-byte aligned offset.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np

MAGIC = b"claimgraph-arrays\n"
_ALIGN = 64


def save_arrays(path: Path, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
    """Write ``arrays`` (one-dimensional) and ``meta`` atomically to ``path``."""
    specs: dict[str, list[Any]] = {}
    offset = 0
    for name, arr in arrays.items():
        specs[name] = [arr.dtype.str, int(arr.shape[0]), offset]
        offset += -(-arr.nbytes // _ALIGN) * _ALIGN
    header = json.dumps({"meta": meta, "arrays": specs, "bytes": offset}).encode()
    start = -(-(len(MAGIC) + 8 + len(header)) // _ALIGN) * _ALIGN
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(MAGIC + len(header).to_bytes(8, "little") + header)
        for name, arr in arrays.items():
            fh.seek(start + specs[name][2])
            fh.write(np.ascontiguousarray(arr).tobytes())
        fh.truncate(start + offset)
    os.replace(tmp, path)


def load_arrays(path: Path) -> tuple[dict[str, Any], dict[str, np.ndarray]] | None:
    """``(meta, arrays)`` with the arrays memory-mapped read-only; None when the file is absent,
    truncated or not of this format (the caller rebuilds it from the database)."""
    try:
        with open(path, "rb") as fh:
            if fh.read(len(MAGIC)) != MAGIC:
                return None
            size = int.from_bytes(fh.read(8), "little")
            header = json.loads(fh.read(size))
        start = -(-(len(MAGIC) + 8 + size) // _ALIGN) * _ALIGN
        if os.path.getsize(path) != start + int(header["bytes"]):  # truncated (or grown)
            return None
        arrays: dict[str, np.ndarray] = {}
        for name, (dtype, length, offset) in header["arrays"].items():
            dt = np.dtype(dtype)
            if offset + length * dt.itemsize > int(header["bytes"]):
                return None
            arrays[name] = (np.memmap(path, dtype=dt, mode="r", offset=start + offset, shape=(length,))
                            if length else np.empty(0, dtype=dt))
        return header["meta"], arrays
    except (OSError, ValueError, KeyError, TypeError):
        return None
