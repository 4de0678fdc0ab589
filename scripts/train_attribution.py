"""Train (and cross-validate) the attribution extractor's two CRF taggers on PolNeAR dev
and, by default, the tune half of the project's real-news gold.

    python scripts/train_attribution.py --polnear ../shared/data/attribution/polnear/dev \
        [--news-gold gold/attribution --news ../shared/data/news --news-weight 3] \
        [--folds 5] [--cv-only | --no-cv] [--oof-out oof.jsonl] [--out src/claimgraph_polnear/attribution]

``--news-gold`` adds the **tune** half of the real-news gold (never the test half:
``training_documents`` cannot return it), each article repeated ``--news-weight`` times (CRFsuite
has no instance weights). ``--news-holdout-fold K`` (with ``--news-folds 2``) leaves one part of
the tune half out of training and, after training, scores the full product on it with the new
model and with the installed one: cross-validation inside the tune half.

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
from claimgraph.eval.newsgold import training_documents  # noqa: E402
from claimgraph.eval.polnear import load_polnear  # noqa: E402
from claimgraph.extract.attribution.learned.data import (  # noqa: E402
    cue_sequences,
    gold_token_relations,
    relation_dict,
    role_sequences,
)
from claimgraph.extract.attribution.learned.tagger import AttributionModel  # noqa: E402

NEWS_WEIGHT = 3
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 60, "feature.possible_transitions": True}


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


def train(pairs, out: Path, params: dict, news_weight: int = 1) -> float:
    """Train the cue and role CRFs on ``(gold doc, parsed doc)`` pairs; returns seconds.

    Real-news documents (named ``news:…``) are appended ``news_weight`` times, and their
    relations whose content lies outside the cue's window are not role sequences."""
    import pycrfsuite

    t0 = time.time()
    out.mkdir(parents=True, exist_ok=True)
    for name in ("cue", "role"):
        trainer = pycrfsuite.Trainer(verbose=False)
        for gold, doc in pairs:
            news = gold.name.startswith("news:")
            rels = gold_token_relations(doc, gold.relations)
            seqs = (cue_sequences(doc, rels) if name == "cue"
                    else role_sequences(doc, rels, content_in_window=news))
            for x, y in seqs:
                for _ in range(news_weight if news else 1):
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


def news_folds(docs, folds: int) -> dict[str, int]:
    """Tune-half articles into ``folds`` equal parts: alternating in a hash order (deterministic)."""
    order = sorted(docs, key=lambda d: hashlib.sha1(d.name.encode()).hexdigest())
    return {d.name: i % folds for i, d in enumerate(order)}


def score_holdout(args, names: set[str], folder: Path) -> None:
    """Score the product on held-out tune articles with the model in ``folder`` and the installed one."""
    import tempfile

    from claimgraph.eval.newsgold import evaluate_news, load_gold
    from claimgraph.extract.attribution.learned import tagger
    from claimgraph.options import AnalyzeOptions
    from claimgraph.pipeline import analyze_doc, prepare

    ids = {n.removeprefix("news:") for n in names}
    lines = [line for f in sorted(args.news_gold.glob("part-*.jsonl"))
             for line in f.read_text(encoding="utf-8").splitlines()
             if line.strip() and json.loads(line)["article"] in ids]
    assert all(g.split == "tune" for g in load_gold(args.news_gold) if g.article in ids)
    nlp = nlp_mod.load()
    options = AnalyzeOptions(require_english=False, attribution="model")

    def analyse(article):  # type: ignore[no-untyped-def]
        article.language = "en"
        prepare(article, options)
        return analyze_doc(article, nlp(article.text), options).to_dict()["attributions"]

    installed = tagger.model_folder
    with tempfile.TemporaryDirectory() as tmp:
        gold_file = Path(tmp) / "holdout.jsonl"
        gold_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
        for label, where in (("installed", installed), ("trained", lambda: folder)):
            tagger.model_folder = where
            tagger.load_model.cache_clear()
            r = evaluate_news(gold_file, args.news, analyse)["tune"]
            rel, con = r["relation"], r["content_only"]
            print(f"held-out tune ({len(ids)} articles), {label}: relation P/R/F1 "
                  f"{rel['precision']:.3f}/{rel['recall']:.3f}/{rel['f1']:.3f}, content P/R "
                  f"{con['precision']:.3f}/{con['recall']:.3f}, speaker {r['speaker_accuracy']:.3f}, "
                  f"type {r['type_accuracy']:.3f} (gold {r['articles_gold_relations']}, pred {r['predicted']})")
    tagger.model_folder = installed
    tagger.load_model.cache_clear()


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
    ap.add_argument("--news-gold", type=Path, help="add the tune half of this real-news gold (gold/attribution)")
    ap.add_argument("--news", type=Path, help="with --news-gold: the news data folder")
    ap.add_argument("--news-weight", type=int, default=NEWS_WEIGHT, help="times each real-news article is repeated")
    ap.add_argument("--news-folds", type=int, default=2)
    ap.add_argument("--news-holdout-fold", type=int, help="leave this part of the tune half out and score it")
    args = ap.parse_args()
    params = dict(PARAMS, max_iterations=args.max_iterations, c1=args.c1, c2=args.c2)

    golds = load_polnear(args.polnear, args.limit)
    docs = parse_all(golds, args.cache)
    pairs = list(zip(golds, docs, strict=True))
    news_pairs = []
    holdout: set[str] = set()
    if args.news_gold:
        if not args.news:
            ap.error("--news-gold needs --news DIR")
        news_docs = training_documents(args.news_gold, args.news)
        if args.news_holdout_fold is not None:
            part = news_folds(news_docs, args.news_folds)
            holdout = {n for n, k in part.items() if k == args.news_holdout_fold}
            news_docs = [d for d in news_docs if d.name not in holdout]
        news_pairs = list(zip(news_docs, parse_all(news_docs, args.cache), strict=True))
    all_cof = all_annotator_documents(args.polnear, {g.name for g in golds})
    meta: dict = {"trained_on": "PolNeAR dev (Newell, Margolin, Ruths 2018)", "documents": len(golds),
                  "params": params, "folds": args.folds}
    if news_pairs:
        meta["trained_on"] += " + claimgraph real-news gold, tune half only"
        meta["news_documents"] = len(news_pairs)
        meta["news_weight"] = args.news_weight
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
    secs = train(pairs + news_pairs, args.out, params, args.news_weight)
    meta["train_seconds"] = round(secs)
    meta["size_bytes"] = sum(p.stat().st_size for p in args.out.glob("*.crfsuite"))
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    print(f"trained on all {len(pairs)} documents in {secs:.0f} s → {args.out} "
          f"({meta['size_bytes'] / 1e6:.1f} MB)" + (f" + {len(news_pairs)} real-news tune articles × {args.news_weight}" if news_pairs else ""))
    if holdout:
        score_holdout(args, holdout, args.out)


if __name__ == "__main__":
    main()
