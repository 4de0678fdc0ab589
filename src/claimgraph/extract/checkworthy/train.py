"""Training the check-worthiness model (needs scikit-learn: ``pip install claimgraph[train]``).

Why it lives in the package and not only in ``scripts/``: the tests train a tiny model through
exactly the code that built the committed one. scikit-learn is imported inside the functions,
never at import time, because run-time scoring must not depend on it.

Deterministic: fixed fold seed, liblinear (no random state in its L2 solver), sorted JSON keys
and rounded weights. Evaluation follows :mod:`.data`: CLEF transcripts are held out by group
(a debate and its re-annotation together), ClaimBuster rows that occur in a held-out transcript
are dropped from that fold's training, and the two CLEF-2020 copies of CLEF-2019 *test*
transcripts are never trained on.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import DataError
from .context import CONTEXT_FEATURES, Context, context_vector
from .data import CLEF2019_TEST_COPIES, Transcript, normalise, transcript_groups
from .features import FEATURE_VERSION, FeatureConfig, sentence_features
from .model import DEFAULT_PENALTIES, MODEL_FORMAT, CheckworthyModel

Vectors = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True, slots=True)
class TrainParams:
    """Hyper-parameters; the defaults are the committed model's (chosen by the CV in the card)."""

    C: float = 0.1
    min_df: int = 2
    features: FeatureConfig = field(default_factory=lambda: FeatureConfig(char_max=0))
    embedding: bool = True  # MiniLM sentence vector
    previous: bool = False  # MiniLM vector of the previous sentence
    speaker: bool = True  # speaker statistics in transcripts
    emb_scale: float = 4.0  # embeddings are multiplied by this before the L2-penalised fit
    cb_weight: float = 1.0  # total weight of ClaimBuster relative to its row count
    clef_weight: float = 0.1  # total weight of CLEF transcript lines relative to their count
    sources: tuple[str, ...] = ()  # train only on these sources (empty: all); others are scored
    seed: int = 13
    folds: int = 4  # ClaimBuster stratified folds
    clef_folds: int = 5  # CLEF transcript-group folds
    prune: float = 1e-3  # sparse weights smaller than this are dropped from the JSON
    digits: int = 4  # weights are rounded to this many decimals


@dataclass(frozen=True, slots=True)
class Example:
    """One training sentence: ``source`` is ``claimbuster`` or a CLEF data set name."""

    text: str
    label: int
    context: Context = field(default_factory=Context)
    source: str = "claimbuster"
    transcript: str = ""


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


def sentence_examples(texts: list[str], labels: list[int]) -> list[Example]:
    return [Example(t, y) for t, y in zip(texts, labels)]


def transcript_examples(transcripts: list[Transcript]) -> list[Example]:
    from .context import transcript_contexts

    out = []
    for t in transcripts:
        ctxs = transcript_contexts([ln.speaker or "" for ln in t.lines], [ln.text for ln in t.lines])
        out.extend(Example(ln.text, ln.label, ctx, t.dataset, t.key) for ln, ctx in zip(t.lines, ctxs))
    return out


class Design:
    """Everything about the examples that does not depend on the fold: feature names,
    embeddings of each sentence and of its predecessor, context vectors."""

    def __init__(self, examples: list[Example], params: TrainParams, vectors: Vectors | None) -> None:
        self.examples = examples
        self.docs = [sentence_features(e.text, params.features) for e in examples]
        self.labels = np.array([e.label for e in examples])
        self.lookup: dict[str, np.ndarray] = {}
        if (params.embedding or params.previous) and vectors is not None:
            texts = sorted({e.text for e in examples} | {e.context.previous for e in examples
                                                         if e.context.previous is not None})
            self.lookup = dict(zip(texts, vectors(texts)))
        self.ctx = np.array([context_vector(e.context) for e in examples], dtype=np.float64)

    def dense(self, idx: list[int], params: TrainParams) -> np.ndarray:
        blocks = []
        zero = np.zeros(384, dtype=np.float32)
        if params.embedding:
            blocks.append(np.stack([self.lookup[self.examples[i].text] for i in idx]) * params.emb_scale)
        if params.previous:
            blocks.append(np.stack([self.lookup.get(self.examples[i].context.previous or "", zero)
                                    if self.examples[i].context.previous is not None else zero
                                    for i in idx]) * params.emb_scale)
        if params.speaker:
            blocks.append(self.ctx[idx])
        return np.hstack(blocks) if blocks else np.zeros((len(idx), 0))


def _sample_weights(examples: list[Example], idx: list[int], params: TrainParams) -> np.ndarray:
    """Classes balanced within each source; a source's total weight is its row count times
    ``cb_weight`` (ClaimBuster) or ``clef_weight`` (transcripts)."""
    weights = np.zeros(len(idx))
    by_source: dict[str, list[int]] = {}
    for pos, i in enumerate(idx):
        by_source.setdefault(examples[i].source, []).append(pos)
    for source, positions in by_source.items():
        labels = np.array([examples[idx[p]].label for p in positions])
        n, n_pos = len(labels), int(labels.sum())
        factor = params.cb_weight if source == "claimbuster" else params.clef_weight
        if n_pos == 0 or n_pos == n:
            weights[positions] = factor
            continue
        w = np.where(labels == 1, 0.5 * n / n_pos, 0.5 * n / (n - n_pos)) * factor
        weights[positions] = w
    return weights


def fit(design: Design, idx: list[int], params: TrainParams) -> dict[str, Any]:
    """Train on the examples ``idx`` of ``design``; the JSON-ready linear part (no calibration)."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    labels = design.labels[idx]
    if len(set(labels.tolist())) != 2:
        raise DataError("training data needs both check-worthy (1) and other (0) sentences")
    df: dict[str, int] = {}
    for i in idx:
        for f in design.docs[i]:
            df[f] = df.get(f, 0) + 1
    names = sorted(f for f, n in df.items() if n >= params.min_df)
    vocab = {f: j for j, f in enumerate(names)}
    indptr, indices = [0], []
    for i in idx:
        indices.extend(sorted({vocab[f] for f in design.docs[i] if f in vocab}))
        indptr.append(len(indices))
    sparse = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(idx), len(names)))
    dense = design.dense(idx, params)
    matrix = hstack([sparse, csr_matrix(dense)], format="csr") if dense.shape[1] else sparse
    clf = LogisticRegression(C=params.C, solver="liblinear", max_iter=2000, random_state=params.seed)
    clf.fit(matrix, labels, sample_weight=_sample_weights(design.examples, idx, params))
    coef = clf.coef_[0]
    out: dict[str, Any] = {
        "intercept": round(float(clf.intercept_[0]), params.digits),
        "weights": {n: round(float(w), params.digits)
                    for n, w in zip(names, coef[:len(names)]) if abs(w) >= params.prune},
    }
    rest = coef[len(names):]
    digits = params.digits + 2
    if params.embedding:
        out["embedding"] = [round(float(w) * params.emb_scale, digits) for w in rest[:384]]
        rest = rest[384:]
    if params.previous:
        out["previous_embedding"] = [round(float(w) * params.emb_scale, digits) for w in rest[:384]]
        rest = rest[384:]
    if params.speaker:
        out["context"] = {n: round(float(w), params.digits) for n, w in zip(CONTEXT_FEATURES, rest)}
    return out


def _model(part: dict[str, Any], params: TrainParams, threshold: float = 0.5) -> CheckworthyModel:
    data = {"format": MODEL_FORMAT, "features": params.features.to_dict(), "threshold": threshold,
            "penalties": DEFAULT_PENALTIES,
            **part, "calibration": {"sentence": [1.0, 0.0], "transcript": [1.0, 0.0]}}
    return CheckworthyModel(data)


def _decisions(design: Design, part: dict[str, Any], params: TrainParams, idx: list[int]) -> list[float]:
    """Held-out log-odds, computed by the exported JSON model itself (rounded, pruned)."""
    model = _model(part, params)
    return model.decisions([design.examples[i].text for i in idx],
                           [design.examples[i].context for i in idx],
                           vectors=design.lookup, part=model.main)


@dataclass(slots=True)
class CVResult:
    """Out-of-fold log-odds for every example that was held out, and the fold plan."""

    decisions: dict[int, float] = field(default_factory=dict)

    def scores(self, idx: list[int], calibration: tuple[float, float]) -> list[float]:
        a, b = calibration
        return [float(1 / (1 + np.exp(-(a * self.decisions[i] + b)))) for i in idx]


def fold_plan(design: Design, params: TrainParams) -> list[tuple[list[int], list[int]]]:
    """``(held_out, train)`` index lists per fold: ClaimBuster rows by stratified k-fold,
    transcript lines by transcript-group k-fold. Each fold trains on every other example of
    the sources ``params`` trains on, minus rows whose normalised text occurs in the held-out
    part, minus the CLEF-2019 test copies."""
    from sklearn.model_selection import GroupKFold, StratifiedKFold

    examples = design.examples
    banned = {i for i, e in enumerate(examples) if e.transcript.split("/")[-1] in CLEF2019_TEST_COPIES}
    norms = [normalise(e.text) for e in examples]
    cb = [i for i, e in enumerate(examples) if e.source == "claimbuster"]
    tr = [i for i, e in enumerate(examples) if e.source != "claimbuster"]
    plans: list[list[int]] = []
    if len(cb) >= params.folds:
        folds = StratifiedKFold(n_splits=params.folds, shuffle=True, random_state=params.seed)
        plans += [[cb[j] for j in test] for _, test in folds.split(cb, design.labels[cb])]
    if tr:
        keys = sorted({examples[i].transcript for i in tr})
        groups = dict(zip(keys, transcript_groups(_pseudo_transcripts(examples, keys))))
        k = min(params.clef_folds, len(set(groups.values())))
        if k >= 2:
            folds = GroupKFold(n_splits=k)
            plans += [[tr[j] for j in test] for _, test in
                      folds.split(tr, groups=[groups[examples[i].transcript] for i in tr])]
    out = []
    for held in plans:
        held_set = set(held)
        held_norms = {norms[i] for i in held}
        out.append((held, [i for i in range(len(examples)) if i not in held_set and i not in banned
                           and norms[i] not in held_norms and _trains(examples[i], params)]))
    return out


def cross_validate(design: Design, params: TrainParams, progress: Callable[[str], None] | None = None
                   ) -> CVResult:
    """Out-of-fold log-odds of every example, over :func:`fold_plan`."""
    result = CVResult()
    plan = fold_plan(design, params)
    for n, (held, train) in enumerate(plan, start=1):
        part = fit(design, train, params)
        for i, z in zip(held, _decisions(design, part, params, held)):
            result.decisions[i] = z
        if progress:
            progress(f"fold {n}/{len(plan)}: trained on {len(train)}, scored {len(held)}")
    return result


def _trains(example: Example, params: TrainParams) -> bool:
    return not params.sources or example.source in params.sources


def _pseudo_transcripts(examples: list[Example], keys: list[str]) -> list[Transcript]:
    from .data import Line

    lines: dict[str, list[Line]] = {k: [] for k in keys}
    for e in examples:
        if e.transcript in lines:
            lines[e.transcript].append(Line(e.text, e.label))
    return [Transcript(k.split("/")[0], k.split("/")[-1], tuple(lines[k])) for k in keys]


def platt(decisions: list[float], labels: list[int]) -> tuple[float, float]:
    """Platt scaling ``p = sigmoid(a z + b)`` fitted on out-of-fold log-odds."""
    from sklearn.linear_model import LogisticRegression

    if len(set(labels)) != 2:
        return 1.0, 0.0
    clf = LogisticRegression(C=1e4, solver="lbfgs", max_iter=1000)
    clf.fit(np.array(decisions).reshape(-1, 1), labels)
    return round(float(clf.coef_[0][0]), 5), round(float(clf.intercept_[0]), 5)


def best_threshold(scores: list[float], labels: list[int]) -> tuple[float, float]:
    """The cut-off in 0.05–0.95 (step 0.01) with the best check-worthy F1, and that F1."""
    best = (-1.0, 0.5)
    for step in range(5, 96):
        t = step / 100
        f1 = prf(scores, labels, t)[2]
        if f1 > best[0] + 1e-12:
            best = (f1, t)
    return best[1], best[0]


def prf(scores: list[float], labels: list[int], threshold: float) -> tuple[float, float, float]:
    tp = sum(1 for s, y in zip(scores, labels) if s >= threshold and y == 1)
    fp = sum(1 for s, y in zip(scores, labels) if s >= threshold and y == 0)
    fn = sum(1 for s, y in zip(scores, labels) if s < threshold and y == 1)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def assemble(design: Design, params: TrainParams, cv: CVResult,
             fallback: tuple[Design, TrainParams, CVResult] | None = None) -> dict[str, Any]:
    """The model file: trained on everything (minus the CLEF-2019 test copies), calibrated and
    thresholded on the out-of-fold scores of ``cv``."""
    examples = design.examples

    def part_for(d: Design, p: TrainParams, c: CVResult) -> dict[str, Any]:
        train = [i for i, e in enumerate(d.examples)
                 if e.transcript.split("/")[-1] not in CLEF2019_TEST_COPIES and _trains(e, p)]
        part = fit(d, train, p)
        calibration = {}
        for mode, keep in (("sentence", lambda e: not e.context.has_speaker),
                           ("transcript", lambda e: e.context.has_speaker)):
            idx = [i for i in c.decisions if keep(d.examples[i])]
            calibration[mode] = list(platt([c.decisions[i] for i in idx],
                                           [d.examples[i].label for i in idx])) if idx else [1.0, 0.0]
        part["calibration"] = calibration
        return part

    main = part_for(design, params, cv)
    cb = [i for i in cv.decisions if not examples[i].context.has_speaker]
    threshold, _ = best_threshold(cv.scores(cb, tuple(main["calibration"]["sentence"])),
                                  [examples[i].label for i in cb]) if cb else (0.5, 0.0)
    data: dict[str, Any] = {
        "format": MODEL_FORMAT,
        "feature_version": FEATURE_VERSION,
        "features": params.features.to_dict(),
        "embedding_dim": 384,
        "penalties": DEFAULT_PENALTIES,
        "threshold": threshold,
        **main,
        "training": {
            "C": params.C, "min_df": params.min_df, "emb_scale": params.emb_scale,
            "cb_weight": params.cb_weight, "clef_weight": params.clef_weight,
            "embedding": params.embedding, "previous": params.previous, "speaker": params.speaker,
            "seed": params.seed,
            "sentences": sum(1 for e in examples if _trains(e, params)),
            "positive": sum(e.label for e in examples if _trains(e, params)),
            "sources": sorted({e.source for e in examples if _trains(e, params)}),
        },
    }
    if fallback is not None:
        data["fallback"] = part_for(*fallback)
    return data


def dump_model(data: dict[str, Any], path: Path) -> None:
    """Write the model JSON deterministically (sorted keys, one weight per line for diffs)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, sort_keys=True, indent=0, ensure_ascii=False) + "\n",
                    encoding="utf-8")
