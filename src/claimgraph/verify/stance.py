"""Claim vs passage stance: supports / neutral / contradicts, with probabilities.

The model is a MiniLM-L6 cross-encoder trained by ``scripts/train_stance.py`` on openly
licensed NLI data and shipped as int8 ONNX (``claimgraph/data/stance-minilm-int8.onnx``, see
``stance-MODEL-CARD.md``). Run time needs onnxruntime and ``tokenizers`` only, never torch.
The session is created once, lazily, on first use.

Small NLI models are weakest exactly where fact-checking needs them (numbers, dates, places,
negation), so ``claimgraph.verify.signals`` adds explicit rules on top; this module is only
the learned part.
"""

from __future__ import annotations

import json
import threading
from importlib import resources
from pathlib import Path
from typing import Sequence

import numpy as np

from ..errors import ModelError

MODEL_FILE = "stance-minilm-int8.onnx"
TOKENIZER_FILE = "stance-tokenizer.json"
LABELS = ("supports", "neutral", "contradicts")  # = entailment, neutral, contradiction
MAX_LEN = 128
# WiCE claim-level mapping of the best chunk's P(supports); tuned on WiCE dev only.
WICE_SUPPORTED = 0.55
WICE_PARTIAL = 0.4

_lock = threading.Lock()
_cached: "StanceModel | None" = None


def _data_path(name: str) -> Path:
    return Path(str(resources.files("claimgraph.data").joinpath(name)))


class StanceModel:
    """An onnxruntime session plus its tokenizer; thread-safe for ``predict``."""

    def __init__(self, model_path: Path, tokenizer_path: Path, threads: int = 2) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError:
            raise ModelError("the stance model needs onnxruntime and tokenizers: pip install onnxruntime tokenizers") from None
        if not model_path.exists() or not tokenizer_path.exists():
            raise ModelError(f"stance model not found at {model_path}; rebuild it with scripts/train_stance.py")
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(model_path), opts, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.enable_truncation(max_length=MAX_LEN, strategy="longest_first")
        self.tokenizer.no_padding()
        meta = model_path.with_name("stance-meta.json")
        self.meta = json.loads(meta.read_text(encoding="utf-8")) if meta.exists() else {}

    @classmethod
    def load(cls, model_path: str | Path | None = None) -> "StanceModel":
        """The shipped model, loaded once per process (or the one at ``model_path``)."""
        global _cached
        if model_path is not None:
            p = Path(model_path)
            return cls(p, p.with_name(TOKENIZER_FILE))
        with _lock:
            if _cached is None:
                _cached = cls(_data_path(MODEL_FILE), _data_path(TOKENIZER_FILE))
            return _cached

    def _batch(self, pairs: Sequence[tuple[str, str]]) -> dict[str, np.ndarray]:
        encs = self.tokenizer.encode_batch([(p, h) for p, h in pairs])
        width = max(len(e.ids) for e in encs)
        ids = np.zeros((len(encs), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        types = np.zeros_like(ids)
        for n, e in enumerate(encs):
            ids[n, : len(e.ids)] = e.ids
            mask[n, : len(e.ids)] = 1
            types[n, : len(e.ids)] = e.type_ids
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        return {k: v for k, v in feed.items() if k in self.inputs}

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = 1) -> list[dict[str, float]]:
        """P(supports / neutral / contradicts) for each (evidence, claim) pair.

        One pair per run by default: dynamic int8 quantisation scales activations over the
        whole batch, padding included, so batching would make a pair's score depend on its
        neighbours. Evaluation may pass a larger ``batch_size`` for speed.
        """
        out: list[dict[str, float]] = []
        # sort by length so each batch pads little; restore order at the end
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        results: dict[int, dict[str, float]] = {}
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            logits = self.session.run(["logits"], self._batch([pairs[i] for i in idx]))[0]
            z = logits - logits.max(axis=1, keepdims=True)
            probs = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
            for i, p in zip(idx, probs):
                results[i] = {lab: float(v) for lab, v in zip(LABELS, p)}
        out = [results[i] for i in range(len(pairs))]
        return out
