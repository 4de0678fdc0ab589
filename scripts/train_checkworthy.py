#!/usr/bin/env python
"""Rebuild the check-worthiness models, or compare variants, with honest cross-validation.

Two models are built (see src/claimgraph/data/checkworthy-MODEL-CARD.md):

* the licence-clean default, ``src/claimgraph/data/checkworthy-model.json``: ClaimBuster only
  (CC BY 4.0);
* ``src/claimgraph_checkthat/checkworthy-model.json``: ClaimBuster + CLEF CheckThat! 2019/2020
  debate transcripts ("free for general research use"), its own package, preferred when installed.

Both are cross-validated the same way (CLEF transcripts held out by group — a debate and its
re-annotation together —, ClaimBuster rows occurring in a held-out transcript dropped from
training, the CLEF-2020 copies of two CLEF-2019 *test* transcripts never trained on) and the
numbers are printed. MiniLM vectors of the training sentences are cached under
~/.cache/claimgraph/checkworthy (first run: about 4 minutes on two cores).

    D=../shared/data/checkworthy
    python scripts/train_checkworthy.py --data $D/claimbuster-2.5xncs/kfold_25ncs.json \\
        --debates clef2019=$D/clef2019-task1-debates/training \\
        --debates clef2020=$D/clef2020-task5-debates/training
    # add --tune to compare the variants instead of writing the models

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

from claimgraph.extract.checkworthy.cvmetrics import (
    claimbuster_f1,
    expected_calibration_error,
    reliability,
    transcript_map,
)
from claimgraph.extract.checkworthy.data import read_transcripts
from claimgraph.extract.checkworthy.embcache import EmbeddingCache
from claimgraph.extract.checkworthy.model import DEFAULT_MODEL_PATH
from claimgraph.extract.checkworthy.train import (
    Design,
    TrainParams,
    assemble,
    cross_validate,
    dump_model,
    load_training_data,
    platt,
    sentence_examples,
    transcript_examples,
)

CHECKTHAT_PATH = REPO / "src" / "claimgraph_checkthat" / "checkworthy-model.json"
CB_SOURCE = {
    "claimbuster": "ClaimBuster 2.5xNCS (kfold_25ncs.json = Zenodo 10.5281/zenodo.3609356 2.5xNCS.json), "
                   "CC BY 4.0; Arslan, Hassan, Li, Tremayne, ICWSM 2020",
}
CLEF_SOURCE = {
    "clef2019": "CLEF-2019 CheckThat! task 1 training transcripts (apepa/clef2019-factchecking-task1 "
                "7d46333), 'free for general research use'",
    "clef2020": "CLEF-2020 CheckThat! task 5 training transcripts (sshaar/clef2020-factchecking-task5 "
                "a9d7385) minus 20181015_60_min and 20160311_GOP_miami (CLEF-2019 test copies), "
                "'free for general research use'",
}


#: The committed recipes: the ClaimBuster+CLEF model and the licence-clean ClaimBuster-only one
#: (its CV still scores the CLEF transcripts, never training on them).
CHECKTHAT = TrainParams()
DEFAULT = TrainParams(sources=("claimbuster",), speaker=False, previous=False)


def variants() -> dict[str, TrainParams]:
    """Variants compared by --tune (the first two are the committed recipes)."""
    base = CHECKTHAT
    return {
        "checkthat (committed)": base,
        "default: claimbuster only": DEFAULT,
        "claimbuster only, no embedding": dataclasses.replace(DEFAULT, embedding=False),
        "with previous-sentence vector": dataclasses.replace(base, previous=True),
        "no speaker statistics": dataclasses.replace(base, speaker=False),
        "no embedding": dataclasses.replace(base, embedding=False, previous=False),
        "C 0.03": dataclasses.replace(base, C=0.03),
        "C 0.3": dataclasses.replace(base, C=0.3),
        "clef_weight 1.0": dataclasses.replace(base, clef_weight=1.0),
        "clef_weight 0.3": dataclasses.replace(base, clef_weight=0.3),
        "emb_scale 2": dataclasses.replace(base, emb_scale=2.0),
        "emb_scale 8": dataclasses.replace(base, emb_scale=8.0),
    }


def report(name: str, design: Design, cv, params: TrainParams, seconds: float) -> str:
    sent = [i for i in cv.decisions if not design.examples[i].context.has_speaker]
    cal = platt([cv.decisions[i] for i in sent], [design.examples[i].label for i in sent])
    f1 = claimbuster_f1(design, cv, cal)
    maps = transcript_map(design, cv)
    parts = [f"{name:<32}", f"CB F1@0.5 {f1['f1']:.4f} best {f1['best_f1']:.4f}@{f1['threshold']:.2f}"]
    parts += [f"MAP[{k}] {v['map']:.4f} ({v['transcripts']})" for k, v in maps.items()]
    return "  ".join(parts) + f"  [{seconds:.0f}s]"


def print_reliability(title: str, scores: list[float], labels: list[int]) -> None:
    print(f"{title}: ECE {expected_calibration_error(scores, labels):.4f}")
    print("  | score bin | sentences | mean score | observed check-worthy |")
    for row in reliability(scores, labels):
        print(f"  | {row['bin']} | {row['n']} | {row['mean_score']:.3f} | {row['observed']:.3f} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="ClaimBuster kfold_25ncs.json")
    ap.add_argument("--debates", action="append", default=[], metavar="NAME=DIR",
                    help="CLEF transcripts folder, e.g. clef2019=.../training (repeatable)")
    ap.add_argument("--tune", action="store_true", help="compare variants, write nothing")
    ap.add_argument("--out", type=Path, default=DEFAULT_MODEL_PATH, help="licence-clean model path")
    ap.add_argument("--out-checkthat", type=Path, default=CHECKTHAT_PATH,
                    help="ClaimBuster+CLEF model path")
    args = ap.parse_args(argv)

    t_start = time.time()
    texts, labels = load_training_data(args.data)
    cb = sentence_examples(texts, labels)
    clef = []
    for spec in args.debates:
        name, _, folder = spec.partition("=")
        if not folder:
            ap.error(f"--debates wants NAME=DIR, got {spec!r}")
        clef += transcript_examples(read_transcripts(Path(folder), name))
    print(f"ClaimBuster {len(cb)} sentences ({sum(labels)} check-worthy); "
          f"CLEF {len(clef)} transcript lines ({sum(e.label for e in clef)} check-worthy)", flush=True)
    cache = EmbeddingCache()
    t0 = time.time()
    full = Design(cb + clef, TrainParams(previous=True), cache.vectors)
    print(f"features and embeddings: {time.time() - t0:.0f}s", flush=True)

    if args.tune:
        for name, params in variants().items():
            t0 = time.time()
            cv = cross_validate(full, params)
            print(report(name, full, cv, params, time.time() - t0), flush=True)
        return 0

    built = []
    for label, params, path in (("checkthat", CHECKTHAT, args.out_checkthat),
                                ("default", DEFAULT, args.out)):
        if label == "checkthat" and not clef:
            continue
        t0 = time.time()
        cv = cross_validate(full, params)
        lexical = dataclasses.replace(params, embedding=False, previous=False)
        data = assemble(full, params, cv, (full, lexical, cross_validate(full, lexical)))
        data["name"] = "claimbuster+clef (claimgraph_checkthat)" if label == "checkthat" else "claimbuster"
        data["training"]["data"] = {**CB_SOURCE, **({} if label == "default" else CLEF_SOURCE)}
        dump_model(data, path)
        print(report(f"{label} model", full, cv, params, time.time() - t0))
        print(f"  wrote {path} ({path.stat().st_size / 1024:.0f} KiB), threshold {data['threshold']}")
        built.append((label, data, cv))
    for label, data, cv in built:
        for mode, keep in (("sentence", lambda e: not e.context.has_speaker),
                           ("transcript", lambda e: e.context.has_speaker)):
            idx = [i for i in cv.decisions if keep(full.examples[i])]
            if not idx:
                continue
            scores = cv.scores(idx, tuple(data["calibration"][mode]))
            print_reliability(f"{label} model, {mode} mode, out-of-fold", scores,
                              [full.examples[i].label for i in idx])
    print(f"total training time {time.time() - t_start:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
