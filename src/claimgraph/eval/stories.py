"""``claimgraph eval stories``: cluster BASIL articles into stories, score against the triplets.

Reads ``articles/<year>/<triplet>_<n>.json`` (title, date, body paragraphs, source) from the
folder given on the command line; the gold cluster of an article is its ``triplet-uuid``.
Only title, text and date are used for clustering (not the annotated main event, keywords or
entities). Scores: pairwise precision/recall/F1 over same-cluster article pairs, and B-cubed
precision/recall/F1 (per-article averages), as in entity/event coreference evaluation.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from ..corpus.stories import StoryOptions, cluster_stories
from ..errors import DataError


def basil_articles(folder: Path) -> list[dict[str, Any]]:
    root = folder / "articles" if (folder / "articles").is_dir() else folder
    files = sorted(root.glob("*/*.json")) or sorted(root.glob("*.json"))
    if not files:
        raise DataError(f"no BASIL article files under {folder} (expected articles/<year>/*.json)")
    out = []
    for f in files:
        try:
            d = json.loads(f.read_text(encoding="utf-8"))
            body = "\n\n".join(" ".join(p) for p in d.get("body-paragraphs", []))
            out.append({"id": f.stem, "gold": d["triplet-uuid"], "date": d.get("date"),
                        "outlet": (d.get("source") or "").lower(), "text": f"{d.get('title') or ''}\n\n{body}"})
        except (ValueError, KeyError) as exc:
            raise DataError(f"{f} is not a BASIL article file: {exc}") from None
    return out


def _prf(p: float, r: float) -> dict[str, float]:
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def pairwise(pred: list[int], gold: list[str]) -> dict[str, float]:
    tp = fp = fn = 0
    for i in range(len(pred)):
        for j in range(i + 1, len(pred)):
            same_p, same_g = pred[i] == pred[j], gold[i] == gold[j]
            tp += same_p and same_g
            fp += same_p and not same_g
            fn += same_g and not same_p
    return _prf(tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)


def bcubed(pred: list[int], gold: list[str]) -> dict[str, float]:
    pairs = Counter(zip(pred, gold))
    psize, gsize = Counter(pred), Counter(gold)
    n = len(pred)
    p = sum(pairs[(a, b)] / psize[a] for a, b in zip(pred, gold)) / n
    r = sum(pairs[(a, b)] / gsize[b] for a, b in zip(pred, gold)) / n
    return _prf(p, r)


def evaluate_basil(folder: Path, options: StoryOptions | None = None) -> dict[str, Any]:
    options = options or StoryOptions()
    arts = basil_articles(folder)
    pred = cluster_stories([a["text"] for a in arts], [a["date"] for a in arts], options)
    gold = [a["gold"] for a in arts]
    return {"articles": len(arts), "gold_stories": len(set(gold)), "predicted_stories": len(set(pred)),
            "pairwise": pairwise(pred, gold), "bcubed": bcubed(pred, gold),
            "options": {"threshold": options.threshold, "max_days": options.max_days}}


def format_stories_report(result: dict[str, Any]) -> str:
    lines = [f"BASIL stories: {result['articles']} articles, {result['gold_stories']} gold stories, "
             f"{result['predicted_stories']} predicted"]
    for key in ("pairwise", "bcubed"):
        m = result[key]
        lines.append(f"  {key:9} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")
    return "\n".join(lines)
