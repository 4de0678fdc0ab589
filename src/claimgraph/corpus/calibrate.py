"""Calibrating the claim-family decision on real claim pairs (``claimgraph eval families``).

Data: CLEF-2022 CheckThat! task 2B (English): a sentence from a political debate paired with
the PolitiFact fact-checked claim it repeats — the same claim in other words, told by another
source, which is what a family is. For every query sentence the positive is its gold claim;
the negatives are the ``HARD`` nearest non-gold claims by embedding cosine in a pool of all
gold claims plus ``POOL`` random others (fixed seed), so the decision is tested where it is
hard — near-topic claims — not on easy random pairs.

The thresholds (``strong``, ``weak``, ``lexical``; see :class:`.families.Thresholds`) are
chosen on the Train queries by F0.5 (precision counts twice: a wrong family merge is a false
claim of provenance) and reported on the Dev queries, which were not used to choose.
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DataError
from .embed import Embedder
from .families import Thresholds
from .text import content_words, lexical_overlap

HARD = 5
POOL = 4000
SEED = 0


def _queries(folder: Path) -> dict[str, str]:
    path = folder / "CT2022-Task2B-EN-Train-Dev_Queries.tsv"
    with path.open(encoding="utf-8") as fh:
        return {row[0]: row[1] for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if len(row) >= 2}


def _qrels(path: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if len(row) >= 3:
                out.setdefault(row[0], set()).add(row[2])
    return out


def pairs(folder: Path, embedder: Embedder) -> dict[str, list[tuple[float, float, int]]]:
    """Per split, (cosine, overlap, label) for gold pairs and hard negatives."""
    try:
        queries = _queries(folder)
        splits = {"train": _qrels(folder / "CT2022-Task2B-EN-Train_QRELs.tsv"),
                  "dev": _qrels(folder / "CT2022-Task2B-EN-Dev_QRELs.tsv")}
        claims = {}
        with (folder / "politifact-vclaims.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                claims[d["vclaim_id"]] = d["vclaim"]
    except (OSError, ValueError, KeyError) as exc:
        raise DataError(f"{folder} is not a CLEF-2022 task 2B folder: {exc}") from None
    gold_ids = sorted({c for qr in splits.values() for cs in qr.values() for c in cs})
    others = sorted(set(claims) - set(gold_ids))
    pool_ids = gold_ids + random.Random(SEED).sample(others, min(POOL, len(others)))
    pool_vecs = embedder.encode([claims[c] for c in pool_ids])
    out: dict[str, list[tuple[float, float, int]]] = {}
    for split, qrels in splits.items():
        qids = sorted(q for q in qrels if q in queries)
        qvecs = embedder.encode([queries[q] for q in qids])
        rows: list[tuple[float, float, int]] = []
        for qid, qv in zip(qids, qvecs):
            sims = pool_vecs @ qv
            words = content_words(queries[qid])
            for c in qrels[qid]:
                if c in claims:
                    cos = float(np.dot(embedder.encode([claims[c]])[0], qv)) if c not in pool_ids else float(sims[pool_ids.index(c)])
                    rows.append((cos, lexical_overlap(words, content_words(claims[c])), 1))
            hard = [i for i in np.argsort(-sims) if pool_ids[i] not in qrels[qid]][:HARD]
            rows += [(float(sims[i]), lexical_overlap(words, content_words(claims[pool_ids[i]])), 0) for i in hard]
        out[split] = rows
    return out


def score(rows: list[tuple[float, float, int]], t: Thresholds) -> dict[str, float]:
    tp = sum(1 for c, l, y in rows if y and t.accept(c, l))
    fp = sum(1 for c, l, y in rows if not y and t.accept(c, l))
    pos = sum(y for _, _, y in rows)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / pos if pos else 0.0
    f05 = 1.25 * p * r / (0.25 * p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f0.5": round(f05, 4), "accepted": tp + fp}


def calibrate(folder: Path, embedder_kind: str = "auto") -> dict[str, Any]:
    embedder = Embedder(embedder_kind)
    data = pairs(folder, embedder)
    grid = [Thresholds(s, w, l) for s in np.arange(0.60, 0.96, 0.025) for w in np.arange(0.40, 0.81, 0.05)
            for l in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8) if w <= s]
    best = max(grid, key=lambda t: (score(data["train"], t)["f0.5"], t.strong, t.weak))
    chosen = Thresholds(round(float(best.strong), 3), round(float(best.weak), 3), best.lexical)
    return {"embedder": embedder.name, "pairs": {k: {"positive": sum(y for *_, y in v), "negative": sum(1 - y for *_, y in v)}
                                                 for k, v in data.items()},
            "chosen": {"strong": chosen.strong, "weak": chosen.weak, "lexical": chosen.lexical},
            "train": score(data["train"], chosen), "dev": score(data["dev"], chosen),
            "cosine_only_dev": {f"{c:.2f}": score(data["dev"], Thresholds(c, 2.0, 2.0)) for c in (0.6, 0.7, 0.8, 0.9)}}


def format_calibration(result: dict[str, Any]) -> str:
    c = result["chosen"]
    lines = [f"claim families ({result['embedder']}): strong {c['strong']}, weak {c['weak']} + overlap {c['lexical']}"]
    for split in ("train", "dev"):
        m = result[split]
        lines.append(f"  {split:5} P {m['precision']:.3f}  R {m['recall']:.3f}  F0.5 {m['f0.5']:.3f}  "
                     f"({result['pairs'][split]['positive']} pos / {result['pairs'][split]['negative']} neg pairs)")
    return "\n".join(lines)
