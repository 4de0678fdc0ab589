"""Score attribution extraction (source, cue, content) against PolNeAR gold annotations.

Two views, both micro-averaged over the whole corpus:

* **Exact spans** (as CofeNet reported them): per role, the set of trimmed gold spans of a
  document against the set of trimmed predicted spans. Trimming removes edge whitespace,
  quotation marks, commas, periods, colons, semicolons and dashes from both sides. A
  discontinuous gold span is compared as its outer interval (first fragment's start to last
  fragment's end) after trimming, because our records carry one interval per role and a
  split quote ``"...," he said, "..."`` is reported as one content span. Spans are compared
  as sets per document, so a gold span shared by two relations (one source saying two
  things) counts once and a prediction can match at most one gold span.
* **Quote level** (the Gender Gap Tracker protocol, ``NLP/evaluation/src/eval/
  evaluate_quotes.py`` in sfu-discourse-lab/GenderGapTracker): the match score of a gold and
  a predicted content is ``|gold ∩ pred| / |gold|`` in characters (asymmetric, gold is the
  reference). Gold relations are visited in text order; each takes the unmatched prediction
  with the highest score, provided the score is *strictly greater* than the threshold (as in
  the GGT code). Unmatched gold are misses, unmatched predictions false alarms. Here the gold
  length counts only the characters of its fragments, so the cue or source interrupting a
  split quote is not required to be covered. Gold relations without a content span (0.2 %)
  are left out of the quote-level counts. Among matched pairs, ``source_accuracy`` is the
  share whose sources overlap by at least one character (or are both absent), as the GGT's
  speaker match; ``cue_accuracy`` the same for cues.

Subsets: ``speech_cue`` keeps gold and predicted relations whose cue contains a speech or
reporting word (say, tell, according to, a colon, ...), because PolNeAR also annotates
beliefs and poll findings that a speech extractor is not meant to find; ``direct_quote`` keeps
relations whose content is enclosed in double quotation marks.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ClaimgraphError
from .polnear import RELATION_TYPES, GoldDocument, GoldRelation, load_polnear
from .spans import Fragment, covered, is_quoted, overlap, prf, trim, trimmed_outer

Predict = Callable[[str], list[dict[str, Any]]]
THRESHOLDS = (0.3, 0.8)
ROLES = ("source", "cue", "content")

_IRREGULAR = {
    "say": "say says said saying",
    "tell": "tell tells told telling",
    "write": "write writes wrote written writing",
    "speak": "speak speaks spoke spoken speaking",
}
_REGULAR = (
    "add ask note report announce state explain argue claim insist declare tweet post comment "
    "remark reply respond acknowledge admit warn caution recall testify continue stress "
    "emphasize emphasise urge predict promise vow describe quote suggest confirm deny concede "
    "complain allege assert contend maintain tout boast joke shout yell whisper mention point "
    "observe conclude pledge threaten repeat reiterate blast slam criticize criticise accuse "
    "praise proclaim estimate call cite disclose reveal inform"
).split()
_DOUBLING = {"admit"}


def _inflect(verb: str) -> set[str]:
    """Regular English inflections (enough for the reporting verbs above)."""
    forms = {verb}
    consonant_y = verb.endswith("y") and verb[-2] not in "aeiou"
    stem = verb[:-1] if consonant_y else verb
    if consonant_y:
        forms |= {stem + "ies", stem + "ied", verb + "ing"}
        return forms
    forms.add(verb + "es" if verb.endswith(("s", "sh", "ch", "x", "z")) else verb + "s")
    if verb in _DOUBLING:
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    elif verb.endswith("e"):
        forms |= {verb + "d", verb[:-1] + "ing"}
    else:
        forms |= {verb + "ed", verb + "ing"}
    return forms


SPEECH_FORMS: frozenset[str] = frozenset(
    {f for forms in _IRREGULAR.values() for f in forms.split()}
    | {f for v in _REGULAR for f in _inflect(v)}
    | {"according", ":"}
)
_CUE_TOKEN = re.compile(r"[a-z]+|:")


def is_speech_cue(cue_text: str) -> bool:
    """True when a cue holds a speech or reporting word ("said", "according to", a colon)."""
    return any(tok in SPEECH_FORMS for tok in _CUE_TOKEN.findall(cue_text.lower()))


@dataclass(slots=True)
class _Predicted:
    """One predicted attribution as raw ``(start, end)`` intervals into the document text."""

    source: Fragment | None
    cue: Fragment | None
    content: Fragment | None


@dataclass(slots=True)
class _Tally:
    """Counts summed over documents; turned into scores at the end (micro average)."""

    exact: dict[str, list[int]] = field(default_factory=lambda: {r: [0, 0, 0] for r in ROLES})
    quotes: dict[str, list[int]] = field(default_factory=dict)  # key -> tp, pred, gold, src, cue
    by_type: dict[str, list[int]] = field(default_factory=dict)  # kind -> gold, tp per threshold
    documents: int = 0
    gold_relations: int = 0
    predicted_relations: int = 0
    failed_documents: int = 0
    realigned: int = 0
    unaligned: int = 0

    def add_quotes(
        self, key: str, tp: int, pred: int, gold: int, src: int = 0, cue: int = 0
    ) -> None:
        row = self.quotes.setdefault(key, [0, 0, 0, 0, 0])
        for i, n in enumerate((tp, pred, gold, src, cue)):
            row[i] += n


def _locate(text: str, span: Any, tally: _Tally) -> Fragment | None:
    """Interval of a predicted ``{"text","start","end"}`` span, checked against the text.

    A prediction whose offsets do not slice out its own text is moved to the nearest
    occurrence of that text (counted as realigned) or, if there is none, kept as is and
    counted as unaligned, so an offset bug shows up in the report instead of as low scores.
    """
    if not span:
        return None
    start, end = int(span["start"]), int(span["end"])
    surface = span.get("text")
    if surface is None or text[start:end] == surface:
        return start, end
    hits = [m.start() for m in re.finditer(re.escape(surface), text)] if surface else []
    if not hits:
        tally.unaligned += 1
        return start, end
    tally.realigned += 1
    best = min(hits, key=lambda h: abs(h - start))
    return best, best + len(surface)


def match_quotes(
    gold: Sequence[Sequence[Fragment]], pred: Sequence[Fragment], threshold: float
) -> list[tuple[int, int]]:
    """Greedy GGT matching: ``(gold index, pred index)`` pairs, see the module docstring."""
    remaining = list(range(len(pred)))
    pairs = []
    for gi, g in enumerate(gold):
        glen = covered(g)
        if not glen:
            continue
        best, best_score = None, 0.0
        for pi in remaining:
            score = overlap(g, pred[pi]) / glen
            if score > threshold and score > best_score:
                best, best_score = pi, score
        if best is not None:
            remaining.remove(best)
            pairs.append((gi, best))
    return pairs


def _agrees(gold: list[Fragment], pred: Fragment | None) -> bool:
    if not gold or pred is None:
        return not gold and pred is None
    return overlap(gold, pred) > 0


def _score_quotes(
    key: str, text: str, gold: list[GoldRelation], pred: list[_Predicted], tally: _Tally
) -> dict[float, set[int]]:
    """Add quote-level counts under ``key``; returns matched gold indices per threshold."""
    gold = [g for g in gold if g.content]
    pred = [p for p in pred if p.content and trim(text, *p.content)]
    contents = [p.content for p in pred if p.content is not None]
    matched: dict[float, set[int]] = {}
    for t in THRESHOLDS:
        pairs = match_quotes([g.content for g in gold], contents, t)
        src = sum(_agrees(gold[gi].source, pred[pi].source) for gi, pi in pairs)
        cue = sum(_agrees(gold[gi].cue, pred[pi].cue) for gi, pi in pairs)
        tally.add_quotes(f"{key}@{t}", len(pairs), len(pred), len(gold), src, cue)
        matched[t] = {id(gold[gi]) for gi, _ in pairs}
    return matched


def score_document(doc: GoldDocument, predictions: list[dict[str, Any]], tally: _Tally) -> None:
    """Add one document's counts to the tally."""
    text = doc.text
    pred = [
        _Predicted(*(_locate(text, p.get(role), tally) for role in ROLES)) for p in predictions
    ]
    tally.documents += 1
    tally.gold_relations += len(doc.relations)
    tally.predicted_relations += len(pred)
    for role in ROLES:
        gold_set = {trimmed_outer(text, getattr(g, role)) for g in doc.relations} - {None}
        pred_set = {trim(text, *getattr(p, role)) for p in pred if getattr(p, role)} - {None}
        row = tally.exact[role]
        row[0] += len(gold_set & pred_set)
        row[1] += len(pred_set)
        row[2] += len(gold_set)

    matched = _score_quotes("all", text, doc.relations, pred, tally)
    for kind in RELATION_TYPES:
        row = tally.by_type.setdefault(kind, [0] + [0] * len(THRESHOLDS))
        of_kind = [g for g in doc.relations if g.kind == kind and g.content]
        row[0] += len(of_kind)
        for i, t in enumerate(THRESHOLDS, 1):
            row[i] += sum(id(g) in matched[t] for g in of_kind)

    def cue_text(frags: list[Fragment] | Fragment | None) -> str:
        if not frags:
            return ""
        parts = [frags] if isinstance(frags, tuple) else frags
        return " ".join(text[s:e] for s, e in parts)

    speech_gold = [g for g in doc.relations if is_speech_cue(cue_text(g.cue))]
    speech_pred = [p for p in pred if is_speech_cue(cue_text(p.cue))]
    _score_quotes("speech_cue", text, speech_gold, speech_pred, tally)
    quoted_gold = [g for g in doc.relations if is_quoted(text, g.content)]
    quoted_pred = [p for p in pred if p.content and is_quoted(text, [p.content])]
    _score_quotes("direct_quote", text, quoted_gold, quoted_pred, tally)


def _quote_scores(tally: _Tally, key: str, t: float) -> dict[str, Any]:
    tp, pred, gold, src, cue = tally.quotes.get(f"{key}@{t}", [0, 0, 0, 0, 0])
    out: dict[str, Any] = prf(tp, pred, gold)
    out["source_accuracy"] = round(src / tp, 4) if tp else 0.0
    out["cue_accuracy"] = round(cue / tp, 4) if tp else 0.0
    return out


def summarize(tally: _Tally) -> dict[str, Any]:
    """The result dictionary (see :func:`evaluate_attribution`)."""
    result: dict[str, Any] = {
        "documents": tally.documents,
        "gold_relations": tally.gold_relations,
        "predicted_relations": tally.predicted_relations,
    }
    for role in ROLES:
        result[role] = prf(*tally.exact[role])
    for t in THRESHOLDS:
        result[f"quotes_{t}"] = _quote_scores(tally, "all", t)
    result["by_type"] = {
        kind: {"gold": row[0], **{f"recall_{t}": round(row[i] / row[0], 4) if row[0] else 0.0
                                  for i, t in enumerate(THRESHOLDS, 1)}}
        for kind, row in tally.by_type.items()
    }
    result["subsets"] = {
        key: {f"quotes_{t}": _quote_scores(tally, key, t) for t in THRESHOLDS}
        for key in ("speech_cue", "direct_quote")
    }
    result["failed_documents"] = tally.failed_documents
    result["alignment"] = {"realigned": tally.realigned, "unaligned": tally.unaligned}
    return result


def evaluate_attribution(
    folder: Path, predict: Predict, limit: int | None = None
) -> dict[str, Any]:
    """Run ``predict`` on every PolNeAR document of ``folder`` and score it against gold.

    ``predict(text)`` returns attributions in the JSON contract form (``source`` may be None).
    A document on which ``predict`` raises a :class:`ClaimgraphError` (input it refuses)
    counts with no predictions and is reported in ``failed_documents``; any other exception
    is a bug and propagates. Keys: ``source``/``cue``/``content`` (exact spans) and
    ``quotes_0.3``/``quotes_0.8`` (GGT quote level), each with precision, recall, f1 and
    the counts; ``documents``, ``gold_relations``, ``predicted_relations``, ``by_type``
    (recall per gold relation type), ``subsets`` (``speech_cue``, ``direct_quote``),
    ``alignment`` and ``seconds``.
    """
    docs = load_polnear(folder, limit)
    tally = _Tally()
    started = time.perf_counter()
    for doc in docs:
        try:
            predictions = predict(doc.text)
        except ClaimgraphError:
            tally.failed_documents += 1
            predictions = []
        score_document(doc, predictions, tally)
    result = summarize(tally)
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def run_attribution_eval(folder: Path, limit: int | None, predict: Predict) -> dict[str, Any]:
    """CLI entry point: same as :func:`evaluate_attribution`, plus the folder it read."""
    result = evaluate_attribution(folder, predict, limit)
    result["corpus"] = "PolNeAR"
    result["folder"] = str(folder)
    return result


def format_attribution_report(result: dict[str, Any]) -> str:
    """Plain-text table of an evaluation result, for the terminal."""
    lines = [
        f"PolNeAR attribution evaluation: {result['documents']} documents, "
        f"{result['gold_relations']} gold relations, "
        f"{result['predicted_relations']} predicted",
        "",
        f"{'':28}{'P':>7}{'R':>7}{'F1':>7}{'TP':>7}{'pred':>7}{'gold':>7}",
    ]

    def row(label: str, s: dict[str, Any]) -> str:
        return (f"{label:28}{s['precision']:7.3f}{s['recall']:7.3f}{s['f1']:7.3f}"
                f"{s['tp']:7d}{s['predicted']:7d}{s['gold']:7d}")

    for role in ROLES:
        lines.append(row(f"exact {role}", result[role]))
    for t in THRESHOLDS:
        lines.append(row(f"quotes overlap > {t}", result[f"quotes_{t}"]))
    for key, subset in result.get("subsets", {}).items():
        for t in THRESHOLDS:
            lines.append(row(f"{key} > {t}", subset[f"quotes_{t}"]))
    lines.append("")
    for t in THRESHOLDS:
        q = result[f"quotes_{t}"]
        lines.append(f"among quote matches > {t}: source agrees {q['source_accuracy']:.3f}, "
                     f"cue agrees {q['cue_accuracy']:.3f}")
    for kind, s in result.get("by_type", {}).items():
        recalls = ", ".join(f"> {t}: {s[f'recall_{t}']:.3f}" for t in THRESHOLDS)
        lines.append(f"recall on {kind} ({s['gold']} gold): {recalls}")
    align = result.get("alignment", {})
    if result.get("failed_documents") or align.get("realigned") or align.get("unaligned"):
        lines.append(
            f"failed documents {result.get('failed_documents', 0)}, predicted spans realigned "
            f"{align.get('realigned', 0)}, unaligned {align.get('unaligned', 0)}"
        )
    if "seconds" in result:
        lines.append(f"time {result['seconds']} s")
    return "\n".join(lines)
