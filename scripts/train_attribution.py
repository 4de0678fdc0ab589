"""Train (and cross-validate) the attribution extractor's two CRF taggers on PolNeAR dev.

    python scripts/train_attribution.py --polnear ../shared/data/attribution/polnear/dev \
        [--folds 5] [--cv-only | --no-cv] [--oof-out oof.jsonl] [--out src/claimgraph_polnear/attribution]

Cross-validation splits documents (never sentences) into folds by a hash of the document name,
trains on the other folds and scores the held-out one with both protocols (the project's own
trimmed exact match and CofeNet's untrimmed per-fragment match, all annotators' files); then the
final model is trained on every dev document with the same seed-free, deterministic L-BFGS
(CRFsuite has no randomness) and written to ``--out`` with a ``meta.json`` of the scores.
Parsed documents are cached (spaCy DocBin) so repeated runs skip parsing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from claimgraph import nlp as nlp_mod  # noqa: E402
from claimgraph.eval.attribution import _Tally, score_document, summarize  # noqa: E402
from claimgraph.eval.cofenet import CofenetTally, all_annotator_documents  # noqa: E402
from claimgraph.eval.polnear import load_polnear  # noqa: E402
from claimgraph.extract.attribution.learned.data import (  # noqa: E402
    cue_sequences,
    gold_token_relations,
    relation_dict,
    role_sequences,
)
from claimgraph.extract.attribution.learned.tagger import AttributionModel  # noqa: E402

PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 120, "feature.possible_transitions": True}


def parse_all(docs, cache: Path):
    from spacy.tokens import DocBin

    nlp = nlp_mod.load()
    key = hashlib.sha1("".join(d.name + str(len(d.text)) for d in docs).encode()).hexdigest()[:12]
    path = cache / f"polnear-{key}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    t0 = time.time()
    parsed = list(nlp.pipe((d.text for d in docs), batch_size=16))
    db = DocBin(attrs=["ORTH", "TAG", "POS", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "SENT_START"])
    for p in parsed:
        db.add(p)
    cache.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    print(f"parsed {len(docs)} documents in {time.time() - t0:.0f} s", file=sys.stderr)
    return parsed


def fold_of(name: str, folds: int) -> int:
    return int(hashlib.sha1(name.encode()).hexdigest(), 16) % folds


def train(pairs, out: Path, params: dict) -> float:
    """Train the cue and role CRFs on ``(gold doc, parsed doc)`` pairs; returns seconds."""
    import pycrfsuite

    t0 = time.time()
    out.mkdir(parents=True, exist_ok=True)
    for name, gen in (("cue", cue_sequences), ("role", role_sequences)):
        trainer = pycrfsuite.Trainer(verbose=False)
        for gold, doc in pairs:
            rels = gold_token_relations(doc, gold.relations)
            for x, y in gen(doc, rels):
                trainer.append(x, y)
        trainer.set_params(params)
        trainer.train(str(out / f"{name}.crfsuite"))
    return time.time() - t0


def predict_docs(model: AttributionModel, pairs) -> dict[str, list[dict]]:
    return {gold.name: [relation_dict(doc, r) for r in model.relations(doc)] for gold, doc in pairs}


def score(pairs, preds: dict[str, list[dict]], cofenet_docs) -> dict:
    tally = _Tally()
    for gold, _ in pairs:
        score_document(gold, preds[gold.name], tally)
    cof = CofenetTally()
    for g in cofenet_docs:
        cof.add(g, preds[g.name])
    own = summarize(tally)
    return {"project": {r: own[r] for r in ("source", "cue", "content")}, "cofenet": cof.summary()}


def f1s(block: dict) -> str:
    return " / ".join(f"{100 * block[r]['f1']:.1f}" for r in ("source", "cue", "content"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--polnear", type=Path, required=True)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--first-fold", action="store_true", help="score only one fold (a quick check)")
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument("--no-cv", action="store_true")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "claimgraph")
    ap.add_argument("--oof-out", type=Path, help="write out-of-fold predictions (JSONL) here")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "src" / "claimgraph_polnear" / "attribution")
    ap.add_argument("--max-iterations", type=int, default=PARAMS["max_iterations"])
    ap.add_argument("--c1", type=float, default=PARAMS["c1"])
    ap.add_argument("--c2", type=float, default=PARAMS["c2"])
    args = ap.parse_args()
    params = dict(PARAMS, max_iterations=args.max_iterations, c1=args.c1, c2=args.c2)

    golds = load_polnear(args.polnear, args.limit)
    docs = parse_all(golds, args.cache)
    pairs = list(zip(golds, docs, strict=True))
    all_cof = all_annotator_documents(args.polnear, {g.name for g in golds})
    meta: dict = {"trained_on": "PolNeAR dev (Newell, Margolin, Ruths 2018)", "documents": len(golds),
                  "params": params, "folds": args.folds}
    if not args.no_cv:
        oof: dict[str, list[dict]] = {}
        times = []
        for f in range(args.folds):
            tr = [p for p in pairs if fold_of(p[0].name, args.folds) != f]
            te = [p for p in pairs if fold_of(p[0].name, args.folds) == f]
            tmp = args.cache / f"cv-fold{f}"
            secs = train(tr, tmp, params)
            times.append(secs)
            model = AttributionModel.from_folder(tmp)
            t0 = time.time()
            preds = predict_docs(model, te)
            names = {g.name for g, _ in te}
            s = score(te, preds, [d for d in all_cof if d.name in names])
            print(f"fold {f}: train {secs:.0f} s, predict {time.time() - t0:.1f} s, "
                  f"project {f1s(s['project'])}, cofenet {f1s(s['cofenet'])}", file=sys.stderr)
            oof.update(preds)
            if args.first_fold:
                break
        scored = [p for p in pairs if p[0].name in oof]
        s = score(scored, oof, [d for d in all_cof if d.name in oof])
        meta["cv"] = s | {"documents": len(scored), "train_seconds_per_fold": round(sum(times) / len(times))}
        print(f"CV ({len(scored)} documents): project exact F1 {f1s(s['project'])}; "
              f"CofeNet protocol {f1s(s['cofenet'])} (CofeNet 83.2 / 75.3 / 72.9)")
        if args.oof_out:
            args.oof_out.write_text("".join(json.dumps({"doc": k, "predictions": v}) + "\n" for k, v in oof.items()))
    if args.cv_only or args.first_fold:
        return
    secs = train(pairs, args.out, params)
    meta["train_seconds"] = round(secs)
    meta["size_bytes"] = sum(p.stat().st_size for p in args.out.glob("*.crfsuite"))
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    print(f"trained on all {len(pairs)} documents in {secs:.0f} s → {args.out} "
          f"({meta['size_bytes'] / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
