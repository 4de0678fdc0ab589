"""Numbers from out-of-fold scores: ClaimBuster F1, CLEF MAP per data set, reliability tables.

Why separate from training: the training script, the model card and the tests read the same
summaries, and MAP here must be the official one (:func:`claimgraph.eval.checkworthy.
average_precision`, ties kept in transcript order) so CV numbers and ``claimgraph eval
checkworthy`` numbers mean the same thing.
"""

from __future__ import annotations

from typing import Any

from ...eval.checkworthy import average_precision
from .train import CVResult, Design, best_threshold, prf


def transcript_map(design: Design, cv: CVResult) -> dict[str, dict[str, float]]:
    """MAP of the out-of-fold log-odds per CLEF data set (transcripts ranked by score)."""
    by_transcript: dict[str, list[tuple[float, int, int]]] = {}
    for i, z in cv.decisions.items():
        e = design.examples[i]
        if e.transcript:
            by_transcript.setdefault(e.transcript, []).append((-z, i, e.label))
    per_set: dict[str, list[float]] = {}
    for key, rows in by_transcript.items():
        ranked = [label for _, _, label in sorted(rows)]
        per_set.setdefault(key.split("/")[0], []).append(average_precision(ranked))
    return {name: {"map": sum(aps) / len(aps), "transcripts": len(aps)}
            for name, aps in sorted(per_set.items())}


def claimbuster_f1(design: Design, cv: CVResult, calibration: tuple[float, float]) -> dict[str, float]:
    """Check-worthy P/R/F1 of calibrated out-of-fold ClaimBuster scores at 0.5 and at the best
    threshold (picked on these same scores, as the stored threshold is)."""
    idx = sorted(i for i, e in enumerate(design.examples) if not e.transcript and i in cv.decisions)
    scores, labels = cv.scores(idx, calibration), [design.examples[i].label for i in idx]
    p, r, f1 = prf(scores, labels, 0.5)
    t, best = best_threshold(scores, labels)
    bp, br, _ = prf(scores, labels, t)
    return {"f1": f1, "precision": p, "recall": r, "threshold": t, "best_f1": best,
            "best_precision": bp, "best_recall": br, "sentences": len(idx)}


def reliability(scores: list[float], labels: list[int], bins: int = 10) -> list[dict[str, Any]]:
    """Per score bin: count, mean score, observed rate of check-worthy — a calibrated model has
    mean score ≈ observed rate in every bin."""
    out = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        rows = [(s, y) for s, y in zip(scores, labels) if lo <= s < hi or (b == bins - 1 and s == 1.0)]
        if rows:
            out.append({"bin": f"{lo:.1f}–{hi:.1f}", "n": len(rows),
                        "mean_score": sum(s for s, _ in rows) / len(rows),
                        "observed": sum(y for _, y in rows) / len(rows)})
    return out


def expected_calibration_error(scores: list[float], labels: list[int], bins: int = 10) -> float:
    table = reliability(scores, labels, bins)
    n = sum(r["n"] for r in table)
    return sum(r["n"] * abs(r["mean_score"] - r["observed"]) for r in table) / n if n else 0.0
