#!/usr/bin/env python
"""Rebuild the committed check-worthiness model from ClaimBuster, or tune/measure variants.

Only ClaimBuster (CC BY 4.0) may train the committed model; the CLEF sets are research-only
and are used here to *measure* variants (``--debates``/``--tweets``), never to fit or tune.

    # rebuild src/claimgraph/data/checkworthy-model.json and print 4-fold CV metrics
    D=../shared/data/checkworthy
    python scripts/train_checkworthy.py --data $D/claimbuster-2.5xncs/kfold_25ncs.json

    # hyper-parameter / feature grid: CV on ClaimBuster (selection), MAP on CLEF (measure only)
    python scripts/train_checkworthy.py --data $D/claimbuster-2.5xncs/kfold_25ncs.json --tune \\
        --debates $D/clef2019-task1-debates/training --debates $D/clef2020-task5-debates/training

Needs scikit-learn (``pip install -e '.[train]'``).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph.eval.checkworthy import evaluate_debates, evaluate_tweets  # noqa: E402
from claimgraph.extract.checkworthy.features import FeatureConfig  # noqa: E402
from claimgraph.extract.checkworthy.model import DEFAULT_MODEL_PATH, CheckworthyModel  # noqa: E402
from claimgraph.extract.checkworthy.train import (  # noqa: E402
    TrainParams,
    build,
    cross_validate,
    dump_model,
    fit,
    load_training_data,
)

SOURCE = {
    "data": "ClaimBuster 2.5xNCS (kfold_25ncs.json = Zenodo 10.5281/zenodo.3609356 2.5xNCS.json)",
    "licence": "CC BY 4.0 (data); model weights derived from it carry attribution, see MODEL-CARD",
    "citation": "Arslan, Hassan, Li, Tremayne. A Benchmark Dataset of Check-worthy Factual Claims. "
                "ICWSM 2020.",
}


def tuning_grid() -> list[TrainParams]:
    """The variants compared by ClaimBuster CV; the defaults of TrainParams won."""
    grid = []
    for chars in ((3, 0), (3, 5), (2, 4)):
        for c in (0.03, 0.1, 0.3, 1.0):
            for weight in (None, "balanced"):
                features = FeatureConfig(char_min=chars[0], char_max=chars[1])
                grid.append(TrainParams(C=c, class_weight=weight, features=features))
    base = TrainParams()
    for change in ({"cues": False}, {"bigrams": False}):
        grid.append(dataclasses.replace(
            base, features=dataclasses.replace(base.features, **change)))
    grid.append(dataclasses.replace(base, min_df=1))
    return grid


def describe(p: TrainParams) -> str:
    f = p.features
    chars = f"char{f.char_min}-{f.char_max}" if f.char_max else "nochar"
    return (f"C={p.C:<5} cw={str(p.class_weight):<8} min_df={p.min_df} {chars:<9} "
            f"bigrams={int(f.bigrams)} cues={int(f.cues)}")


def measure(model: CheckworthyModel, debates: list[Path], tweets: list[Path]) -> str:
    parts = []
    for d in debates:
        parts.append(f"MAP[{d.parent.name if d.name == 'training' else d.name}]="
                     f"{evaluate_debates(d, model)['map']:.4f}")
    for t in tweets:
        parts.append(f"F1[{t.name}]={evaluate_tweets(t, model)['f1']:.4f}")
    return " ".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True,
                    help="ClaimBuster kfold_25ncs.json (or a TSV with text and label columns)")
    ap.add_argument("--out", type=Path, default=DEFAULT_MODEL_PATH,
                    help="where to write the model JSON (default: the packaged model)")
    ap.add_argument("--tune", action="store_true",
                    help="compare the tuning grid instead of writing a model")
    ap.add_argument("--debates", type=Path, action="append", default=[],
                    help="CLEF debates folder to measure MAP on (repeatable)")
    ap.add_argument("--tweets", type=Path, action="append", default=[],
                    help="CLEF tweets TSV to measure F1 on (repeatable)")
    args = ap.parse_args(argv)

    texts, labels = load_training_data(args.data)
    print(f"{len(texts)} sentences, {sum(labels)} check-worthy", flush=True)
    if args.tune:
        for params in tuning_grid():
            t0 = time.time()
            cv = cross_validate(texts, labels, params)
            line = (f"{describe(params)}  CV F1@0.5={cv.f1:.4f} "
                    f"(P {cv.precision:.3f} R {cv.recall:.3f})"
                    f"  best F1={cv.best_f1:.4f}@{cv.threshold:.2f}")
            if args.debates or args.tweets:
                model = CheckworthyModel(fit(texts, labels, params, threshold=cv.threshold))
                line += "  " + measure(model, args.debates, args.tweets)
            print(f"{line}  [{time.time() - t0:.0f}s]", flush=True)
        return 0

    params = TrainParams()
    data, cv = build(texts, labels, params)
    data["training"].update(SOURCE)
    dump_model(data, args.out)
    print(describe(params))
    print(f"ClaimBuster {params.folds}-fold CV (stratified, seed {params.seed}), "
          "check-worthy class:")
    print(f"  at 0.5:             F1 {cv.f1:.4f}  P {cv.precision:.4f}  R {cv.recall:.4f}")
    print(f"  at threshold {cv.threshold:.2f}: F1 {cv.best_f1:.4f}  P {cv.best_precision:.4f}  "
          f"R {cv.best_recall:.4f}  (threshold stored in the model; chosen on these same folds)")
    size = args.out.stat().st_size / 1024
    print(f"wrote {args.out} ({size:.0f} KiB, {len(data['weights'])} weights)")
    if args.debates or args.tweets:
        print(measure(CheckworthyModel.load(args.out), args.debates, args.tweets))
    return 0


if __name__ == "__main__":
    sys.exit(main())
