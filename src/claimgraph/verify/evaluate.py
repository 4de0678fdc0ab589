"""Measurement: fact-check matching (MAP@5, MRR, P@1) and stance (FEVER-Symmetric, WiCE).

Metrics follow the CheckThat! scorer: average precision at k divides by the number of relevant
fact-checks of the query, so a query with two relevant ones needs both in the top k for 1.0.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

from ..errors import DataError
from .factchecks import load_factchecks, read_qrels, read_queries
from .match import FactCheckIndex, MatchOptions


def average_precision(gold: set[str], ranked: Sequence[str], k: int) -> float:
    hits, total = 0, 0.0
    for i, doc in enumerate(ranked[:k]):
        if doc in gold:
            hits += 1
            total += hits / (i + 1)
    return total / len(gold) if gold else 0.0


def reciprocal_rank(gold: set[str], ranked: Sequence[str]) -> float:
    for i, doc in enumerate(ranked):
        if doc in gold:
            return 1.0 / (i + 1)
    return 0.0


def match_metrics(runs: dict[str, list[str]], qrels: dict[str, set[str]]) -> dict[str, float]:
    qids = [q for q in qrels if q in runs]
    if not qids:
        raise DataError("no query of the qrels file was run (do the query ids match?)")
    n = len(qids)
    return {
        "map@5": round(sum(average_precision(qrels[q], runs[q], 5) for q in qids) / n, 4),
        "mrr": round(sum(reciprocal_rank(qrels[q], runs[q]) for q in qids) / n, 4),
        "p@1": round(sum(1.0 for q in qids if runs[q][:1] and runs[q][0] in qrels[q]) / n, 4),
        "queries": n,
    }


def evaluate_match(queries_path: str | Path, qrels_path: str | Path, claims_path: str | Path,
                   options: MatchOptions | None = None, depth: int = 20) -> dict[str, Any]:
    """Rank the collection for every query that has qrels; score the ranking."""
    queries = read_queries(queries_path)
    qrels = read_qrels(qrels_path)
    todo = [q for q in qrels if q in queries]
    if not todo:
        raise DataError(f"no query id of {qrels_path} is in {queries_path}")
    index = FactCheckIndex(load_factchecks(claims_path), options)
    results = index.search_many([queries[q] for q in todo], top_k=depth)
    runs = {q: [m.factcheck.id for m in r] for q, r in zip(todo, results)}
    out: dict[str, Any] = dict(match_metrics(runs, qrels))
    above = [r[0].above_threshold for r in results if r]
    out["answered"] = round(sum(above) / max(1, len(results)), 4)
    out["threshold"] = index.threshold
    return out


def _fever_rows(path: Path) -> list[tuple[str, str, str]]:
    from .textnorm import detokenize

    rows = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                label = d.get("gold_label") or d.get("label")
                ev = d.get("evidence") or d.get("evidence_sentence") or d.get("sentence1")
                rows.append((detokenize(ev), detokenize(d["claim"]), label))
    if not rows:
        raise DataError(f"{path}: no rows")
    return rows


def evaluate_fever_symmetric(path: str | Path) -> dict[str, Any]:
    """Two-way accuracy (SUPPORTS vs REFUTES) of the stance decision claimgraph makes.

    ``accuracy`` is the product's decision for a relevant passage: a rule conflict (another
    year or count of the same thing, a negated predicate; ``signals.agreement_signals``)
    refutes unless the model is very sure it supports, as in ``verdict.passage_stance``;
    otherwise the model's support vs contradiction. ``model_accuracy`` is the model alone, so
    the note can say where rules and where the trained model decide.
    """
    from .stance import StanceModel

    rows = _fever_rows(Path(path))
    model = StanceModel.load()
    return fever_decision(rows, model.predict([(ev, claim) for ev, claim, _ in rows]))


def fever_decision(rows: list[tuple[str, str, str]], probs: list[dict[str, float]]) -> dict[str, Any]:
    """Score claimgraph's decision (rules, then the model) given the model's probabilities per
    row — the shipped model's, or out-of-fold ones from ``scripts/train_stance.py --cv-out``
    (``scripts/oof_decision.py``), so the rule layer is measured on honest scores too."""
    from .signals import agreement_signals
    from .verdict import RULE_OVERRIDE

    right = model_right = ruled = ruled_right = 0
    for (ev, claim, gold), p in zip(rows, probs):
        by_model = "SUPPORTS" if p["supports"] >= p["contradicts"] else "REFUTES"
        conflicts = [s for s in agreement_signals(claim, ev, with_entities=False) if s.polarity < 0]
        by_rule = bool(conflicts) and p["supports"] < RULE_OVERRIDE
        pred = "REFUTES" if by_rule else by_model
        ruled += by_rule
        ruled_right += by_rule and pred == gold
        right += pred == gold
        model_right += by_model == gold
    return {"accuracy": round(right / len(rows), 4), "model_accuracy": round(model_right / len(rows), 4),
            "decided_by_rules": ruled, "rules_right": ruled_right, "pairs": len(rows)}


def evaluate_wice(path: str | Path) -> dict[str, Any]:
    """Claim-level 3-way accuracy and macro-F1 on WiCE (supported / partially / not supported).

    Per claim the evidence rows (oracle chunks: several per claim; retrieval file: one list of
    sentences) are scored and the maximum entailment is kept, as the WiCE authors do. Thresholds
    on that maximum map to the three labels (tuned on WiCE dev; see docs/calibration-verify.md).
    """
    from .stance import StanceModel, WICE_PARTIAL, WICE_SUPPORTED

    path = Path(path)
    claims: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            cid = str(d.get("meta", {}).get("id", len(claims)))
            ev = d["evidence"]
            chunks = [" ".join(ev)] if isinstance(ev, list) else [ev]
            if isinstance(ev, list) and len(ev) > 8:  # full page: sliding windows of sentences
                chunks = [" ".join(ev[i : i + 4]) for i in range(0, len(ev), 3)]
            entry = claims.setdefault(cid, {"claim": d["claim"], "label": d["label"], "chunks": []})
            entry["chunks"].extend(chunks)
    if not claims:
        raise DataError(f"{path}: no claims")
    model = StanceModel.load()
    pairs, owners = [], []
    for cid, c in claims.items():
        for ch in c["chunks"]:
            pairs.append((ch, c["claim"]))
            owners.append(cid)
    probs = model.predict(pairs)
    best: dict[str, float] = {}
    for cid, p in zip(owners, probs):
        best[cid] = max(best.get(cid, 0.0), p["supports"])
    labels = ("supported", "partially_supported", "not_supported")
    gold = [claims[c]["label"] for c in claims]
    pred = ["supported" if best[c] >= WICE_SUPPORTED else "partially_supported" if best[c] >= WICE_PARTIAL
            else "not_supported" for c in claims]
    f1s = []
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == p == lab)
        fp = sum(1 for g, p in zip(gold, pred) if p == lab and g != lab)
        fn = sum(1 for g, p in zip(gold, pred) if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return {"accuracy": round(sum(g == p for g, p in zip(gold, pred)) / len(gold), 4),
            "macro_f1": round(sum(f1s) / 3, 4), "claims": len(gold)}
