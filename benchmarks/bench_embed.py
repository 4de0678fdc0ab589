"""Where claim-embedding time goes, and what another ONNX file would change, on real claims.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_embed.py --articles 120 \\
        [--model OTHER.onnx ...] [--ops] [--workdir DIR]

The texts are the indexed claim cores of the first ``--articles`` news articles (AllSides, as
``bench_ingest.py`` writes them), produced by the ingest ``Worker`` itself and cached in
``--workdir``, and they are embedded as ingest embeds them: one call per batch of 8 articles.
Reported, all in CPU seconds of this one process, one ORT thread:

* the tokenizer's rate, token lengths and the padding that length-sorted batches leave;
* texts per CPU-second of the shipped model at several batch sizes (``--batch-sizes``);
* for each ``--model`` file: texts per CPU-second at batch 1 and at the ingest batch, cosine to
  the shipped model's vectors (min / mean) and the largest difference between a text embedded
  in its batch and alone (a vector must not depend on its batch: ingest must be reproducible);
* ``--ops``: ORT's own profile of the shipped model, time per operator type.

Why a separate benchmark: ``bench_ingest.py`` measures the whole ingest; deciding whether a
model variant (graph fusion, quantisation) is worth shipping needs its speed and its vectors
side by side on the same texts, without parsing 100 articles each time.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from claimgraph.corpus.embed import CLAIM_BATCH, OnnxMiniLM, data_path  # noqa: E402

ARTICLES_PER_CALL = 8  # ingest's default batch of articles: one embedding call each


def claim_texts(news: Path, articles: int, work: Path) -> list[list[str]]:
    """Indexed claim cores per article, as the ingest worker makes them (cached in ``work``)."""
    cache = work / f"claims-{articles}.json"
    if cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    from bench_ingest import write_input

    from claimgraph.corpus.work import Worker

    jsonl = work / "articles.jsonl"
    if not jsonl.exists():
        write_input(news, articles, jsonl)
    items = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()[:articles]]
    for i, item in enumerate(items):
        item["id"] = f"a{i}"
    worker = Worker()
    out: list[list[str]] = []
    for i in range(0, len(items), ARTICLES_PER_CALL):
        out += [[c["core"] for c in r["claims"] if c["indexed"]] for r in worker.run(items[i : i + ARTICLES_PER_CALL])
                if "claims" in r]
    cache.write_text(json.dumps(out), encoding="utf-8")
    return out


def rate(model: OnnxMiniLM, calls: list[list[str]], batch: int, rounds: int) -> float:
    """Best of ``rounds``: texts per CPU-second, one ``encode`` per call as ingest makes them."""
    n = sum(map(len, calls))
    best = float("inf")
    for _ in range(rounds):
        t = time.process_time()
        for c in calls:
            model.encode(c, batch_size=batch)
        best = min(best, time.process_time() - t)
    return round(n / best, 1)


def shape(model: OnnxMiniLM, calls: list[list[str]]) -> dict:
    """Tokenizer cost, token lengths and the padding of length-sorted batches of CLAIM_BATCH."""
    texts = [t for c in calls for t in c]
    t = time.process_time()
    lengths = np.array([len(e.ids) for e in model.tokenizer.encode_batch(texts)])
    tok = time.process_time() - t
    padded = 0
    pos = 0
    for c in calls:
        ls = np.sort(lengths[pos : pos + len(c)])
        pos += len(c)
        padded += sum(int(ls[i : i + CLAIM_BATCH].max()) * len(ls[i : i + CLAIM_BATCH]) for i in range(0, len(ls), CLAIM_BATCH))
    return {"texts": len(texts), "tokenizer_texts_per_cpu_s": round(len(texts) / tok),
            "tokens_median": float(np.median(lengths)), "tokens_mean": round(float(lengths.mean()), 1),
            "tokens_p90": float(np.percentile(lengths, 90)), "padding_overhead": round(padded / int(lengths.sum()) - 1, 3)}


def op_profile(path: Path, calls: list[list[str]]) -> dict[str, float]:
    """Share of kernel time per ONNX operator type (ORT's profiler), shipped session options."""
    import onnxruntime as ort

    model = OnnxMiniLM(path, data_path("minilm-tokenizer.json"))
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = opts.inter_op_num_threads = 1
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.enable_profiling = True
    opts.profile_file_prefix = str(Path(tempfile.mkdtemp(prefix="cg-ort-")) / "prof")
    model.session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    for c in calls:
        model.encode(c, batch_size=CLAIM_BATCH)
    events = json.loads(Path(model.session.end_profiling()).read_text())
    by_op: collections.Counter[str] = collections.Counter()
    for e in events:
        if e.get("cat") == "Node" and e["name"].endswith("_kernel_time"):
            by_op[e["args"]["op_name"]] += e["dur"]
    total = sum(by_op.values())
    return {k: round(100 * v / total, 1) for k, v in by_op.most_common()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--news", type=Path, default=ROOT.parent / "shared" / "data" / "news")
    ap.add_argument("--articles", type=int, default=120)
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--model", type=Path, action="append", default=[], help="another ONNX file to compare")
    ap.add_argument("--batch-sizes", type=int, nargs="+", default=[1, 4, CLAIM_BATCH, 16, 32])
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--ops", action="store_true", help="ORT operator profile of the shipped model")
    args = ap.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="cg-embed-"))
    work.mkdir(parents=True, exist_ok=True)
    per_article = claim_texts(args.news, args.articles, work)
    calls = [[t for a in per_article[i : i + ARTICLES_PER_CALL] for t in a]
             for i in range(0, len(per_article), ARTICLES_PER_CALL)]
    texts = [t for c in calls for t in c]
    tokenizer = data_path("minilm-tokenizer.json")
    shipped = OnnxMiniLM(data_path("minilm-embed.onnx"), tokenizer)
    shipped.encode(["Warm up the session."])
    report: dict = {"articles": len(per_article), **shape(shipped, calls)}
    report["shipped_texts_per_cpu_s"] = {bs: rate(shipped, calls, bs, args.rounds) for bs in args.batch_sizes}
    ref = shipped.encode(texts, batch_size=CLAIM_BATCH)
    for path in args.model:
        other = OnnxMiniLM(path, tokenizer)
        other.encode(["Warm up the session."])
        vecs = other.encode(texts, batch_size=CLAIM_BATCH)
        alone = np.vstack([other.encode([t]) for t in texts[:300]])
        cos = (vecs * ref).sum(1)
        report[path.name] = {"texts_per_cpu_s": {bs: rate(other, calls, bs, args.rounds) for bs in (1, CLAIM_BATCH)},
                             "cosine_to_shipped_min": round(float(cos.min()), 6),
                             "cosine_to_shipped_mean": round(float(cos.mean()), 6),
                             "batch_vs_alone_max_abs": float(np.abs(alone - vecs[:300]).max())}
        print(json.dumps({path.name: report[path.name]}), flush=True)
    if args.ops:
        report["ops_percent"] = op_profile(data_path("minilm-embed.onnx"), calls[:6])
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
