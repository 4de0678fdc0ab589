"""The check-worthiness scorer: a logistic regression read from a small JSON file.

Why a linear model and not a transformer: the scorer runs on every sentence of every article,
offline, on laptops and Ray workers without torch; a linear model over n-grams and cues scores
thousands of sentences per second, fits in a few hundred kilobytes of reviewable JSON (no
pickle, so loading a model file cannot execute code), and its per-feature contributions give
an honest plain-language reason for each score.

The score is the model's probability that a fact-checker would consider the sentence worth
checking (trained on ClaimBuster: sentences from US presidential debates). ``threshold`` is the
cut-off that maximised the check-worthy F1 in ClaimBuster cross-validation.
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path
from typing import Any

from ...errors import ModelError
from .features import CUE_DESCRIPTIONS, FeatureConfig, sentence_features_with_sources

MODEL_FORMAT = "claimgraph-checkworthy"
DEFAULT_MODEL_PATH = Path(__file__).resolve().parents[2] / "data" / "checkworthy-model.json"

#: Number shapes and punctuation tokens are explained like the matching cue, not as ``<num>``.
_SHAPE_DESCRIPTIONS = {
    "<num>": "mentions a number",
    "<year>": "mentions a year",
    "<pct>": "mentions a percentage",
    "<money>": "mentions a sum of money",
    "%": "mentions a percentage",
    "?": "is a question",
    "!": "is an exclamation",
}
_SHAPE_WORDS = {"<num>": "[number]", "<year>": "[year]", "<pct>": "[percentage]",
                "<money>": "[sum of money]"}


def _phrase(source: str) -> str:
    """A bigram's words for display, with number shapes spelled out."""
    return " ".join(_SHAPE_WORDS.get(w, w) for w in source.split(" "))


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


class CheckworthyModel:
    """Scores sentences 0–1 by check-worthiness and explains the score in plain words."""

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != MODEL_FORMAT:
            raise ModelError(f"not a check-worthiness model (format {data.get('format')!r})")
        self.config = FeatureConfig.from_dict(data["features"])
        self.weights: dict[str, float] = {k: float(v) for k, v in data["weights"].items()}
        self.intercept = float(data["intercept"])
        self.threshold = float(data["threshold"])
        self.metadata: dict[str, Any] = dict(data.get("training", {}))

    @classmethod
    def load(cls, path: Path | str | None = None) -> "CheckworthyModel":
        """The model at ``path``; without a path the packaged model, loaded once per process."""
        if path is None:
            return _default_model()
        return cls._read(Path(path))

    @classmethod
    def _read(cls, path: Path) -> "CheckworthyModel":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot read check-worthiness model {path}: {exc}") from exc
        try:
            return cls(data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ModelError(f"malformed check-worthiness model {path}: {exc!r}") from exc

    def decision(self, text: str) -> float:
        """Log-odds of check-worthiness for one sentence."""
        weights = self.weights
        z = self.intercept
        for name in sentence_features_with_sources(text, self.config):
            z += weights.get(name, 0.0)
        return z

    def score(self, texts: list[str]) -> list[float]:
        """Probability of check-worthiness for each sentence, in input order."""
        return [_sigmoid(self.decision(t)) for t in texts]

    def contributions(self, text: str) -> list[tuple[str, float]]:
        """Per-reason contributions to the log-odds, largest magnitude first.

        Features are grouped by what a reader would recognise: a word's unigram and its
        character n-grams are summed under the word; number shapes join the number cue.
        """
        groups: dict[str, float] = {}
        for name, source in sentence_features_with_sources(text, self.config).items():
            weight = self.weights.get(name)
            if not weight:
                continue
            kind = name[:2]
            if kind == "f:":
                label = CUE_DESCRIPTIONS.get(name, name[2:])
            elif source in _SHAPE_DESCRIPTIONS:
                label = _SHAPE_DESCRIPTIONS[source]
            elif source == "$":
                label = "mentions a sum of money"
            elif source.startswith("^"):  # sentence-initial bigram
                label = f"starts with '{_phrase(source[1:])}'"
            else:
                label = f"'{_phrase(source)}'"
            groups[label] = groups.get(label, 0.0) + weight
        return sorted(((k, round(v, 4)) for k, v in groups.items()),
                      key=lambda kv: (-abs(kv[1]), kv[0]))

    def explain(self, text: str, k: int = 4) -> str:
        """The ``k`` strongest reasons behind the score, e.g. ``mentions a number (+0.80); ...``.

        For a sentence above the threshold the reasons pushing the score up are listed; below
        it, the reasons pulling it down — the ones that explain the decision.
        """
        parts = self.contributions(text)
        if not parts:
            return "no known words or cues (score is the base rate)"
        above = self.decision(text) >= _logit(self.threshold)
        chosen = [p for p in parts if (p[1] > 0) == above] or parts
        return "; ".join(f"{label} ({value:+.2f})" for label, value in chosen[:k])


def _logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


@functools.lru_cache(maxsize=1)
def _default_model() -> CheckworthyModel:
    return CheckworthyModel._read(DEFAULT_MODEL_PATH)
