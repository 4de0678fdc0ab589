"""Evaluating the check-worthiness scorer on CLEF CheckThat! debates and tweets.

Why these measures: the CLEF debate tasks (2019 task 1, 2020 task 5) rank the sentences of each
transcript and score mean average precision, so a fact-checker's question "does the top of the
list hold the claims worth checking?" is what is measured; the 2022 tweet task is a yes/no
decision scored by the F1 of the check-worthy class. The tweet threshold is the one stored in
the model (picked by ClaimBuster cross-validation), never tuned on the tweets themselves, so the
F1 is an honest out-of-domain number.

Average precision follows the official CLEF scorer: a transcript without any check-worthy
sentence counts with AP 0; ties in score keep transcript order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import DataError
from ..extract.checkworthy import CheckworthyModel, transcript_contexts

_TWEET_LABEL_COLUMNS = ("class_label", "check_worthiness", "claim_worthiness")


def average_precision(ranked_labels: list[int]) -> float:
    """AP of one ranking (labels in ranked order); 0 when there is no positive."""
    hits, total = 0, 0.0
    for i, label in enumerate(ranked_labels, start=1):
        if label:
            hits += 1
            total += hits / i
    positives = sum(1 for x in ranked_labels if x)
    return total / positives if positives else 0.0


def _precision_at(ranked_labels: list[int], k: int) -> float:
    return sum(ranked_labels[:k]) / k if k > 0 else 0.0


def read_transcript(path: Path) -> list[tuple[int, str, str, int]]:
    """Rows ``(line_number, speaker, text, label)`` of one CLEF debate TSV (no header)."""
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read transcript {path}: {exc}") from exc
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 4:
            raise DataError(f"{path}:{n}: expected 4 tab-separated columns "
                            f"(line, speaker, text, label), got {len(parts)}")
        try:
            rows.append((int(parts[0]), parts[1], parts[2], int(parts[3])))
        except ValueError as exc:
            raise DataError(f"{path}:{n}: bad line number or label: {exc}") from exc
    return rows


def transcript_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise DataError(f"debates folder not found: {folder}")
    files = sorted(folder.glob("*.tsv"))
    if not files:  # the CLEF releases keep transcripts under training/ or test*/
        files = sorted(folder.glob("*/*.tsv"))
    if not files:
        raise DataError(f"no transcript .tsv files in {folder} or its subfolders")
    return files


def evaluate_debates(folder: Path, model: CheckworthyModel | None = None,
                     context: bool = True) -> dict[str, Any]:
    """MAP (and mean P@5, P@10, R-precision) over every transcript in ``folder``.

    With ``context`` each line is scored with what the CLEF task gives (its speaker — as role
    statistics, see :mod:`claimgraph.extract.checkworthy.context` — and the line before);
    without it each sentence is scored alone, as an article sentence would be.
    """
    model = model or CheckworthyModel.load()
    per_file: list[dict[str, Any]] = []
    for path in transcript_files(Path(folder)):
        rows = read_transcript(path)
        texts = [r[2] for r in rows]
        contexts = transcript_contexts([r[1] for r in rows], texts) if context else None
        scores = model.score(texts, contexts)
        order = sorted(range(len(rows)), key=lambda i: (-scores[i], rows[i][0]))
        ranked = [rows[i][3] for i in order]
        positives = sum(ranked)
        per_file.append({
            "file": path.name,
            "sentences": len(rows),
            "positives": positives,
            "ap": average_precision(ranked),
            "p@5": _precision_at(ranked, 5),
            "p@10": _precision_at(ranked, 10),
            "r_precision": _precision_at(ranked, positives) if positives else 0.0,
        })
    n = len(per_file)
    return {
        "kind": "debates",
        "folder": str(folder),
        "model": model.name,
        "context": context,
        "transcripts": n,
        "sentences": sum(f["sentences"] for f in per_file),
        "positives": sum(f["positives"] for f in per_file),
        "map": sum(f["ap"] for f in per_file) / n,
        "p@5": sum(f["p@5"] for f in per_file) / n,
        "p@10": sum(f["p@10"] for f in per_file) / n,
        "r_precision": sum(f["r_precision"] for f in per_file) / n,
        "per_transcript": per_file,
    }


def read_tweets(path: Path) -> list[tuple[str, int]]:
    """``(text, label)`` pairs from a CLEF tweet TSV with a header row."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read tweets file {path}: {exc}") from exc
    if not lines:
        raise DataError(f"tweets file is empty: {path}")
    header = lines[0].split("\t")
    label_col = next((c for c in _TWEET_LABEL_COLUMNS if c in header), None)
    if "tweet_text" not in header or label_col is None:
        wanted = ", ".join(_TWEET_LABEL_COLUMNS)
        raise DataError(f"{path}: header needs tweet_text and one of {wanted}")
    ti, li = header.index("tweet_text"), header.index(label_col)
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != len(header):
            raise DataError(f"{path}:{n}: expected {len(header)} columns, got {len(parts)}")
        try:
            rows.append((parts[ti], int(parts[li])))
        except ValueError as exc:
            raise DataError(f"{path}:{n}: bad label: {exc}") from exc
    return rows


def evaluate_tweets(file: Path, model: CheckworthyModel | None = None) -> dict[str, Any]:
    """F1/precision/recall of the check-worthy class at the model's stored threshold (+ AP)."""
    model = model or CheckworthyModel.load()
    rows = read_tweets(Path(file))
    scores = model.score([r[0] for r in rows])
    labels = [r[1] for r in rows]
    t = model.threshold
    tp = sum(1 for s, y in zip(scores, labels) if s >= t and y)
    fp = sum(1 for s, y in zip(scores, labels) if s >= t and not y)
    fn = sum(1 for s, y in zip(scores, labels) if s < t and y)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    order = sorted(range(len(rows)), key=lambda i: (-scores[i], i))
    return {
        "kind": "tweets",
        "file": str(file),
        "model": model.name,
        "tweets": len(rows),
        "positives": sum(labels),
        "threshold": t,
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "ap": average_precision([labels[i] for i in order]),
    }


def format_checkworthy_report(result: dict[str, Any]) -> str:
    """A short plain-text report of :func:`evaluate_debates` or :func:`evaluate_tweets` output."""
    if result.get("kind") == "tweets":
        return "\n".join([
            f"check-worthiness on tweets: {result['file']}",
            f"  model {result.get('model', '?')}",
            f"  tweets {result['tweets']} (check-worthy {result['positives']}), "
            f"threshold {result['threshold']:.2f} (the model's, from ClaimBuster CV)",
            f"  F1 {result['f1']:.3f}  precision {result['precision']:.3f}  "
            f"recall {result['recall']:.3f}  AP {result['ap']:.3f}",
        ])
    lines = [
        f"check-worthiness on debates: {result['folder']}",
        f"  model {result.get('model', '?')}, "
        f"{'speaker and previous line as context' if result.get('context', True) else 'sentences alone'}",
        f"  transcripts {result['transcripts']}, sentences {result['sentences']} "
        f"(check-worthy {result['positives']})",
        f"  MAP {result['map']:.3f}  P@5 {result['p@5']:.3f}  P@10 {result['p@10']:.3f}  "
        f"R-precision {result['r_precision']:.3f}",
    ]
    for f in result.get("per_transcript", []):
        lines.append(f"    {f['file']:<45} AP {f['ap']:.3f}  P@10 {f['p@10']:.2f}  "
                     f"({f['positives']}/{f['sentences']})")
    return "\n".join(lines)
