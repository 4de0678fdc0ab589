"""Training the check-worthiness model (needs scikit-learn: ``pip install claimgraph[train]``).

Why it lives in the package and not only in ``scripts/``: the tests train a tiny model through
exactly the code that built the committed one, so a change that breaks training fails a test.
scikit-learn is imported inside the functions, never at import time, because run-time scoring
must not depend on it.

Everything is deterministic: fixed fold seed, liblinear (no random state in its L2 solver),
sorted JSON keys and rounded weights, so re-running the script on the same data rebuilds the
committed file byte for byte.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import DataError
from .features import FEATURE_VERSION, FeatureConfig, sentence_features
from .model import MODEL_FORMAT, CheckworthyModel


@dataclass(frozen=True, slots=True)
class TrainParams:
    """Hyper-parameters; the defaults are the committed model's (best ClaimBuster CV F1 at 0.5)."""

    C: float = 0.3
    min_df: int = 2
    class_weight: str | None = "balanced"
    features: FeatureConfig = field(default_factory=lambda: FeatureConfig(char_max=0))
    seed: int = 13
    folds: int = 4
    prune: float = 1e-3  # weights smaller than this are dropped from the JSON
    digits: int = 4  # weights are rounded to this many decimals


@dataclass(slots=True)
class CVResult:
    """Out-of-fold scores and check-worthy-class metrics at 0.5 and at the best threshold."""

    scores: list[float]
    labels: list[int]
    precision: float
    recall: float
    f1: float
    threshold: float
    best_precision: float
    best_recall: float
    best_f1: float

    def to_dict(self) -> dict[str, float]:
        return {k: round(getattr(self, k), 4) for k in (
            "precision", "recall", "f1", "threshold", "best_precision", "best_recall", "best_f1")}


def load_training_data(path: Path) -> tuple[list[str], list[int]]:
    """Sentences and 0/1 labels from ClaimBuster JSON or a TSV with ``text``/``label`` columns."""
    try:
        if path.suffix == ".json":
            rows = json.loads(path.read_text(encoding="utf-8"))
            return [str(r["text"]) for r in rows], [int(r["label"]) for r in rows]
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            pairs = [(r["text"], int(r["label"])) for r in reader]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataError(f"cannot read training data {path}: {exc!r}") from exc
    return [p[0] for p in pairs], [p[1] for p in pairs]


def _matrix(docs: list[list[str]], vocab: dict[str, int]) -> Any:
    from scipy.sparse import csr_matrix

    indptr, indices = [0], []
    for feats in docs:
        cols = sorted({vocab[f] for f in feats if f in vocab})
        indices.extend(cols)
        indptr.append(len(indices))
    data = [1.0] * len(indices)
    return csr_matrix((data, indices, indptr), shape=(len(docs), len(vocab)))


def fit(texts: list[str], labels: list[int], params: TrainParams,
        threshold: float = 0.5, docs: list[list[str]] | None = None) -> dict[str, Any]:
    """Train on all given sentences and return the model as a JSON-ready dict."""
    from sklearn.linear_model import LogisticRegression

    if len(set(labels)) != 2:
        raise DataError("training data needs both check-worthy (1) and other (0) sentences")
    docs = docs if docs is not None else [sentence_features(t, params.features) for t in texts]
    df: dict[str, int] = {}
    for feats in docs:
        for f in set(feats):
            df[f] = df.get(f, 0) + 1
    names = sorted(f for f, n in df.items() if n >= params.min_df)
    vocab = {f: i for i, f in enumerate(names)}
    clf = LogisticRegression(C=params.C, solver="liblinear", class_weight=params.class_weight,
                             max_iter=1000, random_state=params.seed)
    clf.fit(_matrix(docs, vocab), labels)
    weights = {
        name: round(float(w), params.digits)
        for name, w in zip(names, clf.coef_[0])
        if abs(w) >= params.prune
    }
    return {
        "format": MODEL_FORMAT,
        "feature_version": FEATURE_VERSION,
        "features": params.features.to_dict(),
        "intercept": round(float(clf.intercept_[0]), params.digits),
        "threshold": round(threshold, 4),
        "weights": weights,
        "training": {
            "C": params.C, "min_df": params.min_df, "class_weight": params.class_weight,
            "seed": params.seed, "sentences": len(texts), "positive": int(sum(labels)),
        },
    }


def _prf(scores: list[float], labels: list[int], threshold: float) -> tuple[float, float, float]:
    tp = sum(1 for s, y in zip(scores, labels) if s >= threshold and y == 1)
    fp = sum(1 for s, y in zip(scores, labels) if s >= threshold and y == 0)
    fn = sum(1 for s, y in zip(scores, labels) if s < threshold and y == 1)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cross_validate(texts: list[str], labels: list[int], params: TrainParams) -> CVResult:
    """Stratified k-fold CV (fixed seed) scoring held-out folds with the exported JSON model.

    Scoring through :class:`CheckworthyModel` (rounded, pruned weights) rather than the raw
    scikit-learn estimator means the reported numbers are those of what would be committed.
    """
    from sklearn.model_selection import StratifiedKFold

    docs = [sentence_features(t, params.features) for t in texts]
    scores = [0.0] * len(texts)
    folds = StratifiedKFold(n_splits=params.folds, shuffle=True, random_state=params.seed)
    for train_idx, test_idx in folds.split(texts, labels):
        data = fit([texts[i] for i in train_idx], [labels[i] for i in train_idx], params,
                   docs=[docs[i] for i in train_idx])
        model = CheckworthyModel(data)
        for i, s in zip(test_idx, model.score([texts[i] for i in test_idx])):
            scores[i] = s
    p, r, f1 = _prf(scores, labels, 0.5)
    best = (f1, 0.5, p, r)
    for step in range(5, 96):
        t = step / 100
        bp, br, bf = _prf(scores, labels, t)
        if bf > best[0] + 1e-12:
            best = (bf, t, bp, br)
    return CVResult(scores, list(labels), p, r, f1, best[1], best[2], best[3], best[0])


def build(
    texts: list[str], labels: list[int], params: TrainParams
) -> tuple[dict[str, Any], CVResult]:
    """Cross-validate (to pick the threshold and report metrics), then train on everything."""
    cv = cross_validate(texts, labels, params)
    data = fit(texts, labels, params, threshold=cv.threshold)
    data["training"]["cv"] = cv.to_dict()
    return data, cv


def dump_model(data: dict[str, Any], path: Path) -> None:
    """Write the model JSON deterministically (sorted keys, one weight per line for diffs)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, sort_keys=True, indent=0, ensure_ascii=False) + "\n",
                    encoding="utf-8")
