"""Sentence vectors: all-MiniLM-L6-v2 through ONNX Runtime, no torch.

The model ships inside claimgraph (``data/minilm-embed.onnx``, exported once from the
sentence-transformers model by ``scripts/export_minilm_onnx.py``; see ``minilm-MODEL-CARD.md``)
with its own WordPiece tokenizer (``data/minilm-tokenizer.json``). Mean pooling and L2
normalisation are inside the graph, so a vector here is the sentence-transformers vector of
the same text (cosine ≥ 0.9999, tested in ``tests/test_embed_onnx.py``) and indexes built
before the switch stay valid under the same name. Run time needs ``onnxruntime`` and
``tokenizers`` only (base dependencies); nothing is downloaded. The session loads lazily, once
per process and thread count: importing claimgraph costs nothing.

Why ONNX rather than torch: the base install (``analyze``, ``ingest``, ``check``, ``verify``)
then works on a plain ``pip install claimgraph``, and ORT runs this model faster on a CPU core
than torch did (``benchmarks/bench_ingest.py --embed-only`` measures both).

When onnxruntime, tokenizers or the model file is missing, :class:`Embedder` falls back to a
hashed bag of stemmed content words and word bigrams (same 384 dimensions, cosine-comparable).
That only finds claims that share words, and the thresholds differ, so the active ``name`` is
stored beside the ANN index and reported by the CLI: an index built by one is never searched
with the other.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import threading
from collections import OrderedDict
from importlib import resources
from pathlib import Path
from typing import Sequence

import numpy as np

from ..errors import ModelError
from .text import content_tokens_v1

DIM = 384
MINILM = "all-MiniLM-L6-v2"
LEXICAL = "hashed-lexical-v1"
MODEL_FILE = "minilm-embed.onnx"
TOKENIZER_FILE = "minilm-tokenizer.json"
MAX_TOKENS = 256
"""Tokens per text, [CLS] and [SEP] included: the model's own ``max_seq_length`` (256), as
sentence-transformers truncated before. Claims and passages (≤ 600 characters) fit; longer
inputs are cut, as they always were."""
BATCH_TOKENS = 4096
"""Upper bound on batch size x padded length. Why: texts are sorted by length and cut into
batches, so padding is small; the bound keeps a batch of long texts from allocating
attention for hundreds of them at once."""
CLAIM_BATCH = 8
"""Texts per ONNX call when embedding claims (ingest, family index, lookups). Why 8, not 32:
claims are short (median 25 tokens) and an ingest call holds ~230 of them, so a batch of 32
spans a wide band of lengths and pads to its longest; measured on 2,000 real-news claims in one
process, one thread: 129.7 texts per CPU-second at 8, 124.4 at 16, 110.9 at 32 (4: 129.3; 1:
99.7, where per-call overhead dominates). Same vectors: a vector does not depend on its batch."""
CACHE_SIZE = 4096
"""Claim texts whose vectors a worker keeps (least recently used dropped first; ~6 MB). Why:
boilerplate ("Editor's note: …", newsletter and donation appeals) and syndicated sentences
recur across the articles of a corpus: 1.8 % of the indexed claims of 300 AllSides articles
repeat an earlier claim's text word for word, half of them within the same 8-article batch."""


def data_path(name: str) -> Path:
    return Path(str(resources.files("claimgraph.data").joinpath(name)))


class OnnxMiniLM:
    """An onnxruntime session of the exported encoder plus its tokenizer; thread-safe ``encode``.

    ``threads`` is ORT's intra-op thread count: 1 in ingest workers (parallelism comes from the
    worker processes), up to 2 for interactive ``check``/``verify``."""

    def __init__(self, model_path: Path, tokenizer_path: Path | None = None, threads: int = 1) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError:
            raise ModelError("sentence embeddings need onnxruntime and tokenizers: pip install onnxruntime tokenizers") from None
        tokenizer_path = tokenizer_path or model_path.with_name(TOKENIZER_FILE)
        if not model_path.exists() or not tokenizer_path.exists():
            raise ModelError(f"embedding model not found at {model_path}; rebuild it with scripts/export_minilm_onnx.py")
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = max(1, threads)
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(str(model_path), opts, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.no_padding()

    def encode(self, texts: Sequence[str], batch_size: int = 32, max_tokens: int = MAX_TOKENS) -> np.ndarray:
        """Unit-length float32 vectors, shape ``(len(texts), 384)``, in the order given.

        Texts are tokenized at once, sorted by length and batched neighbours with neighbours, so
        a batch pads to nearly its own length (a 12-token claim never pays for a 200-token one).
        A vector does not depend on its batch (tested). ``max_tokens`` (≤ 256) cuts longer texts
        as the tokenizer's truncation does: the first ``max_tokens - 1`` ids, then [SEP]."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        encs = [e.ids if len(e.ids) <= max_tokens else e.ids[: max_tokens - 1] + e.ids[-1:]
                for e in self.tokenizer.encode_batch(list(texts), add_special_tokens=True)]
        lengths = np.array([len(e) for e in encs])
        order = np.argsort(lengths, kind="stable")
        out = np.empty((len(encs), DIM), dtype=np.float32)
        start = 0
        while start < len(order):
            stop = start + 1  # ascending lengths: the last text of a batch is its widest
            while stop < len(order) and stop - start < batch_size and \
                    (stop - start + 1) * int(lengths[order[stop]]) <= BATCH_TOKENS:
                stop += 1
            idx = order[start:stop]
            width = int(lengths[idx[-1]])
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for row, i in enumerate(idx):
                ids[row, : len(encs[i])] = encs[i]
                mask[row, : len(encs[i])] = 1
            feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            out[idx] = self.session.run(["sentence_embedding"], {k: v for k, v in feed.items() if k in self.inputs})[0]
            start = stop
        return out


_sessions: dict[int, OnnxMiniLM] = {}
_lock = threading.Lock()


def minilm(threads: int = 1) -> OnnxMiniLM:
    """The shipped model, one session per process and thread count (raises :class:`ModelError`
    when it cannot run)."""
    with _lock:
        if threads not in _sessions:
            _sessions[threads] = OnnxMiniLM(data_path(MODEL_FILE), data_path(TOKENIZER_FILE), threads=threads)
        return _sessions[threads]


@functools.lru_cache(maxsize=1)
def minilm_available() -> bool:
    """Whether the ONNX MiniLM can run here (runtime libraries importable, model file shipped)."""
    return (all(importlib.util.find_spec(m) is not None for m in ("onnxruntime", "tokenizers"))
            and data_path(MODEL_FILE).exists() and data_path(TOKENIZER_FILE).exists())


class Embedder:
    """Turns claim texts into unit-length float32 vectors (rows of a ``(n, 384)`` array).

    Each distinct text is embedded once per call, and with ``cache_size`` > 0 the vectors of
    the most recently embedded texts are kept, so a text repeated across calls (boilerplate, a
    syndicated sentence) is not embedded again. Exact: a text's vector depends on nothing but
    the text (not on its batch or its neighbours), so a reused vector is the one a new run
    would give. ``encoded`` counts texts actually sent to the model (for benchmarks and tests).
    """

    def __init__(self, kind: str = "auto", threads: int = 1, cache_size: int = 0) -> None:
        if kind == "auto":
            kind = MINILM if minilm_available() else LEXICAL
        if kind not in (MINILM, LEXICAL):
            raise ValueError(f"unknown embedder {kind!r}")
        self.name = kind
        self.threads = threads
        self.cache_size = cache_size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self.encoded = 0

    @property
    def is_lexical(self) -> bool:
        return self.name == LEXICAL

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        todo: dict[str, list[int]] = {}  # each distinct uncached text -> its rows
        for row, text in enumerate(texts):
            hit = self._cache.get(text)
            if hit is not None:
                self._cache.move_to_end(text)
                out[row] = hit
            else:
                todo.setdefault(text, []).append(row)
        if todo:
            unique = list(todo)
            vectors = self._model_encode(unique)
            self.encoded += len(unique)
            for text, vec in zip(unique, vectors):
                out[todo[text]] = vec
                if self.cache_size:
                    self._cache[text] = vec.copy()  # not a view pinning the whole call's array
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return out

    def _model_encode(self, texts: list[str]) -> np.ndarray:
        if self.name == MINILM:
            return minilm(self.threads).encode(texts, batch_size=CLAIM_BATCH)
        return np.stack([hashed_vector(t) for t in texts]).astype(np.float32)


def hashed_vector(text: str) -> np.ndarray:
    """Feature-hashed content words and bigrams, L2-normalised (the lexical fallback).

    Its words are ``content_tokens_v1``, not today's ``content_tokens``: vectors of this
    embedder (``hashed-lexical-v1``) are kept in saved indexes and must stay comparable."""
    vec = np.zeros(DIM, dtype=np.float32)
    toks = content_tokens_v1(text)
    feats = sorted(set(toks)) + [f"{a} {b}" for a, b in zip(toks, toks[1:])]
    for feat in feats:
        h = int.from_bytes(hashlib.blake2b(feat.encode(), digest_size=8).digest(), "little")
        vec[h % DIM] += 1.0 if (h >> 63) & 1 else -1.0
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm else vec
