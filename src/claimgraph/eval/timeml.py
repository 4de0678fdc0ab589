"""Score ``extract_times`` on TimeML (.tml) files with the TempEval-3 measures.

Each file gives the document creation time (the TIMEX3 with
``functionInDocument="CREATION_TIME"``), used as the publication date, and a ``<TEXT>``
element whose tags are stripped to get the plain text the extractor sees; gold TIMEX3 offsets
are offsets into that plain text. The DCT itself is not scored (it is metadata, not text), nor
is a prediction at the top of the text whose words are the DCT's (its dateline copy).

Measures (TempEval-3, UzZaman et al. 2013):
- strict: predicted extent equals the gold extent exactly;
- relaxed: extents overlap (one-to-one, largest overlap first);
- value: relaxed match *and* equal normalised value; precision over all predictions and
  recall over all gold expressions, so it is relaxed F1 times value accuracy;
- type accuracy: share of relaxed matches with the same TIMEX3 type.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..extract.time import AnchorSet, extract_times

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r"<TIMEX3\b[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>")


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass(slots=True)
class TimeMLDoc:
    name: str
    text: str
    dct: str | None
    gold: list[GoldTimex]
    dct_text: str = ""  # the words of the DCT element ("August 11"), when it has any


def parse_tml(path: Path) -> TimeMLDoc:
    """Plain text of ``<TEXT>``, its gold TIMEX3s with offsets into it, and the DCT value."""
    raw = path.read_text("utf-8", errors="replace")
    dct = None
    dct_text = ""
    m = _DCT.search(raw)
    if m:
        dct = dict(_ATTR.findall(m.group(0))).get("value")
        close = raw.find("</TIMEX3>", m.end())
        if close > 0:
            dct_text = html.unescape(raw[m.end(): close]).strip()
    i, j = raw.find("<TEXT>"), raw.find("</TEXT>")
    if i < 0 or j < 0:
        raise DataError(f"{path}: no <TEXT> element; not a TimeML file")
    body = raw[i + len("<TEXT>"): j]
    parts: list[str] = []
    pos = 0
    length = 0
    stack: list[tuple[int, dict[str, str]]] = []
    gold: list[GoldTimex] = []
    for tm in _TAG.finditer(body):
        chunk = html.unescape(body[pos: tm.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = tm.end()
        closing, name, attrs, selfclose = tm.groups()
        if name != "TIMEX3" or selfclose:
            continue
        if not closing:
            stack.append((length, dict(_ATTR.findall(attrs))))
        elif stack:
            start, a = stack.pop()
            if a.get("functionInDocument") == "CREATION_TIME":
                continue
            gold.append(GoldTimex(start, length, a.get("type", ""), a.get("value", ""), ""))
    parts.append(html.unescape(body[pos:]))
    text = "".join(parts)
    gold = [GoldTimex(g.start, g.end, g.type, g.value, text[g.start: g.end]) for g in gold]
    return TimeMLDoc(path.name, text, dct, gold, dct_text)


_DATELINE_REACH = 200  # characters: a dateline is at the very top of the text


def _drop_dateline(doc: TimeMLDoc, pred: list[Any]) -> list[Any]:
    """Predictions minus the dateline ("WASHINGTON, August 11 (Xinhua) --") when its words are
    the DCT's: the DCT is metadata and not scored, so neither is its copy at the top."""
    if not doc.dct_text:
        return pred
    return [p for p in pred if not (
        p.start < _DATELINE_REACH and p.text == doc.dct_text
        and not any(g.start < p.end and p.start < g.end for g in doc.gold)
    )]


def _match(gold: list[GoldTimex], pred: list[Any]) -> list[tuple[int, int]]:
    """One-to-one relaxed matches (gold index, pred index), largest overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = min(g.end, p.end) - max(g.start, p.start)
            if ov > 0:
                pairs.append((-ov, gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


def _prf(correct: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = correct / n_pred if n_pred else 0.0
    r = correct / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(100 * p, 2), "recall": round(100 * r, 2), "f1": round(100 * f, 2)}


def evaluate_timeml(
    folder: Path, limit: int | None = None, anchors: AnchorSet | None = None,
    errors: int = 0,
) -> dict[str, Any]:
    """TempEval-3 scores of ``extract_times`` over every ``.tml`` file under ``folder``.

    ``limit``: score only the first N files (sorted by path). ``errors``: keep up to N
    examples each of missed, spurious and wrong-value expressions for inspection.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise DataError(f"TimeML folder not found: {folder}")
    files = sorted(folder.rglob("*.tml"))
    if limit is not None:
        files = files[:limit]
    if not files:
        raise DataError(f"no .tml files under {folder}")
    n_gold = n_pred = strict = relaxed = value_ok = type_ok = 0
    by_type: Counter[str] = Counter()
    by_type_ok: Counter[str] = Counter()
    examples: dict[str, list[dict[str, Any]]] = {"missed": [], "spurious": [], "wrong_value": []}
    for f in files:
        doc = parse_tml(f)
        pred, _ = extract_times(doc.text, doc.dct, anchors)
        pred = _drop_dateline(doc, pred)
        n_gold += len(doc.gold)
        n_pred += len(pred)
        gold_spans = {(g.start, g.end) for g in doc.gold}
        strict += sum(1 for p in pred if (p.start, p.end) in gold_spans)
        pairs = _match(doc.gold, pred)
        relaxed += len(pairs)
        for gi, pi in pairs:
            g, p = doc.gold[gi], pred[pi]
            by_type[g.type] += 1
            if p.value == g.value:
                value_ok += 1
                by_type_ok[g.type] += 1
            elif len(examples["wrong_value"]) < errors:
                examples["wrong_value"].append({"file": doc.name, "dct": doc.dct, "gold": g.text,
                                                "gold_value": g.value, "pred": p.text,
                                                "pred_value": p.value, "reason": p.reason})
            if p.type == g.type:
                type_ok += 1
        if errors:
            mg = {gi for gi, _ in pairs}
            mp = {pi for _, pi in pairs}
            for gi, g in enumerate(doc.gold):
                if gi not in mg and len(examples["missed"]) < errors:
                    ctx = doc.text[max(0, g.start - 40): g.end + 40].replace("\n", " ")
                    examples["missed"].append({"file": doc.name, "text": g.text, "type": g.type,
                                               "value": g.value, "context": ctx})
            for pi, p in enumerate(pred):
                if pi not in mp and len(examples["spurious"]) < errors:
                    ctx = doc.text[max(0, p.start - 40): p.end + 40].replace("\n", " ")
                    examples["spurious"].append({"file": doc.name, "text": p.text,
                                                 "value": p.value, "context": ctx})
    result: dict[str, Any] = {
        "documents": len(files),
        "gold": n_gold,
        "predicted": n_pred,
        "strict": _prf(strict, n_pred, n_gold),
        "relaxed": _prf(relaxed, n_pred, n_gold),
        "value": _prf(value_ok, n_pred, n_gold),
        "type_accuracy": round(100 * type_ok / relaxed, 2) if relaxed else 0.0,
        "value_accuracy": round(100 * value_ok / relaxed, 2) if relaxed else 0.0,
        "value_accuracy_by_type": {
            t: round(100 * by_type_ok[t] / n, 2) for t, n in sorted(by_type.items())
        },
    }
    result["strict_f1"] = result["strict"]["f1"]
    result["relaxed_f1"] = result["relaxed"]["f1"]
    result["value_f1"] = result["value"]["f1"]
    if errors:
        result["examples"] = examples
    return result


def format_time_report(result: dict[str, Any]) -> str:
    """Plain-text table of an ``evaluate_timeml`` result."""
    lines = [
        f"TimeML time expressions: {result['documents']} documents, "
        f"{result['gold']} gold, {result['predicted']} predicted",
        f"{'measure':<10} {'P':>7} {'R':>7} {'F1':>7}",
    ]
    for key in ("strict", "relaxed", "value"):
        r = result[key]
        lines.append(f"{key:<10} {r['precision']:>7.2f} {r['recall']:>7.2f} {r['f1']:>7.2f}")
    lines.append(f"type accuracy (over relaxed matches): {result['type_accuracy']:.2f}")
    lines.append(f"value accuracy (over relaxed matches): {result['value_accuracy']:.2f}")
    by_type = ", ".join(f"{t} {v:.1f}" for t, v in result["value_accuracy_by_type"].items())
    if by_type:
        lines.append(f"value accuracy by gold type: {by_type}")
    lines.append("reference: HeidelTime value F1 77.6 on TE3-Platinum (TempEval-3)")
    return "\n".join(lines)
