"""The check-worthiness scorer: a calibrated logistic regression read from a plain JSON file.

What it adds up (the log-odds of "a fact-checker would check this sentence"):

* a learned weight vector over the sentence's MiniLM embedding (``corpus/embed.py``, ONNX, no
  torch) — what the sentence is *about*, which n-grams alone cannot see across domains;
* weights of word/bigram n-grams and of the cues of :mod:`.cues` (figure, comparison, cause,
  prediction, question, rhetoric...) — the cues are also the plain-language reasons;
* optionally the embedding of the previous sentence and, in transcripts, speaker statistics
  (:mod:`.context`);
* fixed penalties for captions and stock quotes, which no training set contains (so no weight
  could be learned) and which are never claims.

The sum goes through a Platt calibration fitted on out-of-fold scores, so the output is a
probability: in ``sentence`` mode (articles, no speaker) the probability that a ClaimBuster
annotator would mark the sentence a check-worthy factual claim; in ``transcript`` mode (a speaker
is known) the probability that it was fact-checked, as in the CLEF transcripts. Why JSON and not
pickle: loading a model file cannot execute code, and the weights can be reviewed and diffed.

When the embedding model cannot run (onnxruntime missing), the file's ``fallback`` part — the same
recipe without embeddings, trained and calibrated the same way — scores instead.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import ModelError
from .context import CONTEXT_FEATURES, Context, context_vector
from .cues import CUE_REASONS, NEGATIVE_CUES, SILENT_CUES, sentence_cues
from .features import FeatureConfig, sentence_features_with_sources

MODEL_FORMAT = "claimgraph-checkworthy"
DEFAULT_MODEL_PATH = Path(__file__).resolve().parents[2] / "data" / "checkworthy-model.json"
MODEL_ENV = "CLAIMGRAPH_CHECKWORTHY_MODEL"
"""Environment variable choosing the model: ``clean`` (the Apache-2.0/CC BY model trained on
ClaimBuster only), ``checkthat`` (needs the ``claimgraph_checkthat`` package) or a file path."""
EMBEDDING_ENV = "CLAIMGRAPH_CHECKWORTHY_EMBEDDING"
"""``0`` scores with the model's fallback part (no MiniLM embedding): faster, and about as good
as the pre-issue-14 model (see the model card)."""

#: Log-odds penalties for sentences no training set contains; applied before calibration.
DEFAULT_PENALTIES = {"f:caption": -6.0, "f:ticker": -6.0}


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


class LinearPart:
    """One linear scorer (the main one or the fallback) and its calibrations."""

    def __init__(self, data: dict[str, Any], dim: int) -> None:
        self.intercept = float(data["intercept"])
        self.weights: dict[str, float] = {k: float(v) for k, v in data["weights"].items()}
        emb = data.get("embedding")
        prev = data.get("previous_embedding")
        self.embedding = np.asarray(emb, dtype=np.float32) if emb else None
        self.previous = np.asarray(prev, dtype=np.float32) if prev else None
        for vec in (self.embedding, self.previous):
            if vec is not None and vec.shape != (dim,):
                raise ValueError(f"embedding weights of length {vec.shape}, expected {dim}")
        self.context = [float(data.get("context", {}).get(name, 0.0)) for name in CONTEXT_FEATURES]
        self.calibration = {mode: (float(ab[0]), float(ab[1]))
                            for mode, ab in data["calibration"].items()}

    @property
    def needs_vectors(self) -> bool:
        return self.embedding is not None or self.previous is not None

    def sparse(self, names: Sequence[str]) -> float:
        weights = self.weights
        return sum(weights.get(n, 0.0) for n in names)

    def calibrate(self, z: float, ctx: Context) -> float:
        a, b = self.calibration["transcript" if ctx.has_speaker else "sentence"]
        return _sigmoid(a * z + b)


class CheckworthyModel:
    """Scores sentences 0–1 by check-worthiness and explains the score in plain words."""

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != MODEL_FORMAT:
            raise ModelError(f"not a check-worthiness model (format {data.get('format')!r})")
        self.config = FeatureConfig.from_dict(data["features"])
        self.dim = int(data.get("embedding_dim", 384))
        self.main = LinearPart(data, self.dim)
        self.fallback = LinearPart(data["fallback"], self.dim) if data.get("fallback") else None
        self.penalties = {k: float(v) for k, v in data.get("penalties", DEFAULT_PENALTIES).items()}
        self.threshold = float(data["threshold"])
        self.metadata: dict[str, Any] = dict(data.get("training", {}))
        self.name = str(data.get("name", "unnamed"))
        self._vectors_ok: bool | None = None

    @classmethod
    def load(cls, path: Path | str | None = None) -> CheckworthyModel:
        """The model at ``path`` (or ``clean``/``checkthat``); without one the default model,
        loaded once per process: ``$CLAIMGRAPH_CHECKWORTHY_MODEL`` if set, else the
        ClaimBuster+CLEF model when the ``claimgraph_checkthat`` package is installed, else the
        licence-clean ClaimBuster model."""
        if path is None:
            return _default_model(os.environ.get(MODEL_ENV, ""))
        return cls._read(model_path(str(path)))

    @classmethod
    def _read(cls, path: Path) -> CheckworthyModel:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot read check-worthiness model {path}: {exc}") from exc
        try:
            return cls(data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ModelError(f"malformed check-worthiness model {path}: {exc!r}") from exc

    @property
    def uses_previous(self) -> bool:
        """Whether scores depend on the previous sentence (callers may skip finding it)."""
        return self._part().previous is not None

    # -- scoring ---------------------------------------------------------------------------
    def _part(self) -> LinearPart:
        """The main part when its embeddings can be computed here (and are not switched off by
        ``CLAIMGRAPH_CHECKWORTHY_EMBEDDING=0``, the faster, weaker path), else the fallback."""
        if not self.main.needs_vectors:
            return self.main
        if self._vectors_ok is None:
            from ...corpus.embed import minilm_available

            wanted = os.environ.get(EMBEDDING_ENV, "1").strip().lower() not in ("0", "off", "no", "false")
            self._vectors_ok = wanted and minilm_available()
        if self._vectors_ok:
            return self.main
        if self.fallback is None:
            raise ModelError("this check-worthiness model needs the MiniLM embedding model "
                             "(onnxruntime, tokenizers) and has no fallback")
        return self.fallback

    def _vectors(self, texts: list[str]) -> dict[str, np.ndarray]:
        from ...corpus.embed import minilm

        unique = sorted(set(texts))
        if not unique:
            return {}
        # one thread for an article (ingest workers parallelise by process); two for a batch
        # as large as an evaluation set, like interactive check/verify
        matrix = minilm(2 if len(unique) >= 1000 else 1).encode(unique)
        return dict(zip(unique, matrix))

    def decisions(self, texts: Sequence[str], contexts: Sequence[Context] | None = None,
                  vectors: dict[str, np.ndarray] | None = None,
                  part: LinearPart | None = None) -> list[float]:
        """Uncalibrated log-odds per sentence. ``vectors`` (text -> embedding) skips the
        encoder, for training code that has them cached."""
        texts = list(texts)
        contexts = list(contexts) if contexts is not None else [Context()] * len(texts)
        if len(contexts) != len(texts):
            raise ValueError("one context per sentence")
        part = part or self._part()
        if part.needs_vectors and vectors is None:
            wanted = texts + [c.previous for c in contexts
                              if c.previous is not None and part.previous is not None]
            vectors = self._vectors(wanted)
        out = []
        for text, ctx in zip(texts, contexts):
            feats = sentence_features_with_sources(text, self.config)
            z = part.intercept + part.sparse(list(feats))
            if part.embedding is not None:
                z += float(vectors[text] @ part.embedding)  # type: ignore[index]
            if part.previous is not None and ctx.previous is not None:
                z += float(vectors[ctx.previous] @ part.previous)  # type: ignore[index]
            z += sum(w * x for w, x in zip(part.context, context_vector(ctx)))
            z += sum(p for name, p in self.penalties.items() if name in feats)
            out.append(z)
        return out

    def score(self, texts: Sequence[str], contexts: Sequence[Context] | None = None,
              embedding: bool = True) -> list[float]:
        """Calibrated probability of check-worthiness per sentence, in input order.

        ``contexts``: one :class:`Context` per sentence (previous sentence, speaker); without it
        each sentence is scored alone, as an article sentence. ``embedding=False`` scores with
        the fallback part (no MiniLM): what ``analyze`` does by default, because the embedding
        triples the analysis time for a small gain in ranking (docs/checkworthy.md)."""
        texts = list(texts)
        contexts = list(contexts) if contexts is not None else [Context()] * len(texts)
        part = self._part() if embedding or self.fallback is None else self.fallback
        return [part.calibrate(z, c)
                for z, c in zip(self.decisions(texts, contexts, part=part), contexts)]

    # -- reasons ---------------------------------------------------------------------------
    def reasons(self, text: str, score: float | None = None) -> list[str]:
        """The cues behind a score, in words: for a score at or above the threshold the cues the
        model counts *for* check-worthiness, below it the ones it counts *against*."""
        cues = sentence_cues(text)
        for name in self.penalties:
            if name in cues:
                return [CUE_REASONS[name]]
        if score is None:
            score = self.score([text])[0]
        weights = self._part().weights
        high = score >= self.threshold
        fired = [(weights.get(name, 0.0), name) for name in CUE_REASONS
                 if name in cues and name not in SILENT_CUES]
        if high:
            chosen = [n for w, n in sorted(fired, key=lambda wn: -wn[0])
                      if w > 0 and n not in NEGATIVE_CUES]
        else:
            chosen = [n for w, n in sorted(fired, key=lambda wn: wn[0]) if w < 0]
        return [CUE_REASONS[n] for n in chosen]

    def explain(self, text: str, k: int = 3, score: float | None = None) -> str:
        """A fact-checker's summary of the score, e.g. ``states a figure; compares``."""
        reasons = self.reasons(text, score)[:k]
        if reasons:
            return "; ".join(reasons)
        if (score if score is not None else self.score([text])[0]) >= self.threshold:
            return "reads like statements fact-checkers check (no single cue)"
        return "no figure, comparison, cause or prediction"


def checkthat_model_path() -> Path | None:
    """The ClaimBuster+CLEF model of the ``claimgraph_checkthat`` package, if installed."""
    spec = importlib.util.find_spec("claimgraph_checkthat")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "checkworthy-model.json"
    return path if path.exists() else None


def model_path(choice: str) -> Path:
    """``clean`` / ``checkthat`` / empty (the default choice) / a file path -> the model file."""
    if choice == "clean":
        return DEFAULT_MODEL_PATH
    if choice in ("checkthat", ""):
        found = checkthat_model_path()
        if found is not None:
            return found
        if choice == "checkthat":
            raise ModelError("the CLEF-trained check-worthiness model needs the claimgraph_checkthat "
                             "package (research use only, see its LICENCE-NOTE.md)")
        return DEFAULT_MODEL_PATH
    return Path(choice)


@functools.lru_cache(maxsize=4)
def _default_model(choice: str) -> CheckworthyModel:
    return CheckworthyModel._read(model_path(choice))
