"""Fit the matching re-ranker and calibrate its "no earlier fact-check" threshold.

Run: ``python -m claimgraph.verify.calibrate --data ../shared/data/claim-matching`` (rewrites
``match_weights.py``). The re-ranker is a logistic regression over the candidate features of
the *train* queries of CheckThat 2022 2A (tweets→Snopes) and 2B (debates→PolitiFact). The
threshold is chosen on the *dev* queries only; dev-test is never read here.

Why the "gold removed" trick: every CheckThat query has a matching fact-check, so the data has
no natural "nothing matches" case. We make one per dev query by searching again with its
relevant fact-checks taken out of the collection: the best remaining score is what an
unmatched claim looks like. The threshold is the lowest that keeps precision of the answered
top-1 at or above ``--precision`` over both kinds of case.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from .factchecks import load_factchecks, read_qrels, read_queries
from .match import FactCheckIndex, MatchOptions, clean_query
from .match_weights import FEATURES

TASKS = {
    "2a": ("clef2022-task2a-en-tweets", "CT2022-Task2A-EN-Train-Dev_Queries.tsv", "vclaims.jsonl",
           "CT2022-Task2A-EN-Train_QRELs.tsv", "CT2022-Task2A-EN-Dev_QRELs.tsv"),
    "2b": ("clef2022-task2b-en-debates", "CT2022-Task2B-EN-Train-Dev_Queries.tsv", "politifact-vclaims.jsonl",
           "CT2022-Task2B-EN-Train_QRELs.tsv", "CT2022-Task2B-EN-Dev_QRELs.tsv"),
}


def _load(data: Path, task: str):
    folder, qfile, cfile, train, dev = TASKS[task]
    base = data / folder
    index = FactCheckIndex(load_factchecks(base / cfile), MatchOptions())  # as at run time
    return index, read_queries(base / qfile), read_qrels(base / train), read_qrels(base / dev)


def training_rows(index: FactCheckIndex, queries: dict[str, str], qrels: dict[str, set[str]]):
    from .embed import encode

    qids = [q for q in qrels if q in queries]
    qvecs = encode([clean_query(queries[q]) for q in qids])
    x, y, groups = [], [], []
    for n, q in enumerate(qids):
        for i, f in index.candidates(queries[q], qvecs[n]):
            x.append([f[name] for name in FEATURES])
            y.append(int(index.factchecks[i].id in qrels[q]))
            groups.append(n)
    return np.asarray(x), np.asarray(y), qids, qvecs


def choose_threshold(pos: list[tuple[float, bool]], neg: list[float], precision: float) -> float:
    """Lowest threshold whose answered top-1s are right at least ``precision`` of the time."""
    cands = sorted({s for s, _ in pos} | set(neg))
    for t in cands:
        right = sum(1 for s, ok in pos if s >= t and ok)
        wrong = sum(1 for s, ok in pos if s >= t and not ok) + sum(1 for s in neg if s >= t)
        if right + wrong and right / (right + wrong) >= precision:
            return float(t)
    return 1.0


def main(argv: list[str] | None = None) -> int:
    from sklearn.linear_model import LogisticRegression

    ap = argparse.ArgumentParser(description="fit the match re-ranker and threshold")
    ap.add_argument("--data", type=Path, required=True, help="shared/data/claim-matching")
    ap.add_argument("--precision", type=float, default=0.9)
    ap.add_argument("--write", type=Path, default=Path(__file__).with_name("match_weights.py"))
    args = ap.parse_args(argv)
    loaded = {t: _load(args.data, t) for t in TASKS}
    xs, ys, weights = [], [], []
    for t, (index, queries, train, _dev) in loaded.items():
        x, y, qids, _ = training_rows(index, queries, train)
        xs.append(x)
        ys.append(y)
        weights.append(np.full(len(y), 1.0 / max(1, len(qids))))  # each task counts the same
        print(f"{t}: {len(qids)} train queries, {len(y)} candidates, {int(y.sum())} relevant", flush=True)
    x, y, w = np.vstack(xs), np.concatenate(ys), np.concatenate(weights)
    model = LogisticRegression(C=1.0, max_iter=2000)  # natural prior: probabilities stay interpretable
    model.fit(x, y, sample_weight=w * len(w) / w.sum())
    coef, bias = model.coef_[0], float(model.intercept_[0])
    pos: list[tuple[float, bool]] = []
    neg: list[float] = []
    for t, (index, queries, _train, dev) in loaded.items():
        import claimgraph.verify.match as m

        m.WEIGHTS, m.BIAS = tuple(float(c) for c in coef), bias
        from .embed import encode

        qids = [q for q in dev if q in queries]
        qvecs = encode([clean_query(queries[q]) for q in qids])
        id_to_idx = {fc.id: i for i, fc in enumerate(index.factchecks)}
        for n, q in enumerate(qids):
            top = index.search(queries[q], qvecs[n], top_k=1)
            if top:
                pos.append((top[0].score, top[0].factcheck.id in dev[q]))
            gone = {id_to_idx[g] for g in dev[q] if g in id_to_idx}
            top = index.search(queries[q], qvecs[n], top_k=1, exclude=gone)
            if top:
                neg.append(top[0].score)
    threshold = choose_threshold(pos, neg, args.precision)
    answered = sum(1 for s, _ in pos if s >= threshold) / max(1, len(pos))
    false_alarm = sum(1 for s in neg if s >= threshold) / max(1, len(neg))
    print(f"threshold {threshold:.4f}: dev queries answered {answered:.3f}, "
          f"gold-removed queries wrongly answered {false_alarm:.3f}", flush=True)
    args.write.write_text(
        '"""Re-ranker weights and the calibrated threshold for fact-check matching.\n\n'
        "Written by ``python -m claimgraph.verify.calibrate`` (see docs/calibration-verify.md).\n"
        f"Dev calibration: precision target {args.precision}; dev queries answered {answered:.3f}; "
        f"gold-removed\nqueries wrongly answered {false_alarm:.3f}.\n\"\"\"\n\n"
        f"FEATURES = {tuple(FEATURES)!r}\n"
        f"WEIGHTS = {tuple(round(float(c), 5) for c in coef)!r}\n"
        f"BIAS = {round(bias, 5)!r}\n"
        f"THRESHOLD = {round(threshold, 4)!r}\n", encoding="utf-8")
    print(f"wrote {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
