"""Verdicts: supported, contradicted, disputed, or not enough evidence — always with the why.

Conservative by design. A claim gets a verdict other than ``not enough evidence`` only when
some passage of the user's trusted evidence or an earlier fact-check speaks to it, and every
verdict lists those items and a one-line reason. Who decides what:

* explicit rules (``signals``): a negated predicate, another number or year for the same thing;
  they can block support and, with the model not disagreeing, make a passage contradict;
* the trained stance model (``stance``): supports / contradicts probabilities per passage;
* earlier fact-checks above the calibrated match threshold, through their rating;
* the optional LLM judge (``judge``), only when configured, only among claims with evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Analysis, Claim
from .match import FactCheckIndex, Match
from .options import VerifyOptions
from .signals import Signal, agreement_signals

LABELS = ("supported", "contradicted", "disputed", "not enough evidence")
_FALSE = ("false", "pants", "fake", "incorrect", "misleading", "wrong", "hoax", "scam", "fabricated",
          "miscaptioned", "barely")
_TRUE = ("true", "correct", "accurate")


@dataclass(slots=True)
class EvidenceItem:
    """One passage behind a verdict: where it is, what the model and the rules said about it."""

    passage_id: str
    doc_id: str
    source: str
    text: str
    start: int
    end: int
    stance: str  # supports | contradicts | neutral
    probabilities: dict[str, float]
    relevance: float
    signals: list[Signal] = field(default_factory=list)
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"passage_id": self.passage_id, "doc_id": self.doc_id, "source": self.source,
                "text": self.text, "start": self.start, "end": self.end, "stance": self.stance,
                "probabilities": {k: round(v, 4) for k, v in self.probabilities.items()},
                "relevance": round(self.relevance, 4), "signals": [s.to_dict() for s in self.signals],
                "reason": self.reason}


@dataclass(slots=True)
class Verdict:
    claim_id: str
    claim_text: str
    start: int
    end: int
    label: str
    reason: str
    evidence: list[EvidenceItem] = field(default_factory=list)
    factchecks: list[Match] = field(default_factory=list)
    judge: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"claim_id": self.claim_id, "claim_text": self.claim_text, "start": self.start,
                "end": self.end, "label": self.label, "reason": self.reason,
                "evidence": [e.to_dict() for e in self.evidence],
                "factchecks": [m.to_dict() for m in self.factchecks], "judge": self.judge}


def rating_stance(match: Match) -> str:
    """What an earlier fact-check's rating says about the claim: supports / contradicts / neutral."""
    v = match.factcheck.rating_value
    label = (match.factcheck.rating or "").lower()
    if v is not None:
        return "contradicts" if v <= 0.3 else "supports" if v >= 0.7 else "neutral"
    if any(w in label for w in _FALSE) and "half" not in label:
        return "contradicts"
    if any(label.startswith(w) or label == w for w in _TRUE) or label == "mostly-true":
        return "supports"
    return "neutral"


# a rule conflict makes a passage contradict unless the model's support is at least this
RULE_OVERRIDE = 0.9


def is_statement(text: str) -> bool:
    """A full sentence, not a headline or caption: only statements may support or contradict."""
    t = text.rstrip()
    return len(t) >= 100 or t.endswith((".", "!", "?", '"', "”", "'", "’"))


def passage_stance(probs: dict[str, float], signals: list[Signal], options: VerifyOptions,
                   relevance: float = 1.0) -> tuple[str, str]:
    """(stance, reason) for one relevant passage from model probabilities and rule signals.

    Support needs the model's support to be its top class, above ``support_threshold`` and
    ahead of contradiction by ``margin``, with no rule conflict. A rule conflict (negated
    predicate, other number or year, "reports … are false") makes the passage contradict unless
    the model is very sure it supports — but only for passages close in meaning to the claim
    (cosine ≥ ``rule_relevance``): a different year in a passage about something else is no
    contradiction.
    """
    conflicts = [s for s in signals if s.polarity < 0]
    sup, neu, con = probs["supports"], probs["neutral"], probs["contradicts"]
    if conflicts and relevance >= options.rule_relevance and sup < RULE_OVERRIDE:
        return "contradicts", f"rule: {conflicts[0].detail} (model: supports {sup:.2f}, contradicts {con:.2f})"
    if con >= options.contradict_threshold and con > max(sup, neu):
        return "contradicts", f"model: contradicts {con:.2f}"
    if (sup >= options.support_threshold and sup > max(neu, con) and sup - con >= options.margin
            and not conflicts):
        return "supports", f"model: supports {sup:.2f}; no conflicting number, date or negation"
    return "neutral", f"no clear stance (model: supports {sup:.2f}, contradicts {con:.2f})"


def _coverage(claim: str, passage: str) -> float:
    from .bm25 import tokenize

    words = set(tokenize(claim))
    return len(words & set(tokenize(passage))) / len(words) if words else 0.0


def judge_passages(claim: Claim, passages: list[dict[str, Any]], claim_offset: int,
                   options: VerifyOptions) -> list[EvidenceItem]:
    """Stance and signals for each retrieved passage; irrelevant ones (low cosine) are kept neutral."""
    from .stance import StanceModel

    if not passages:
        return []
    model = StanceModel.load()
    from .textnorm import strip_dateline

    probs = model.predict([(strip_dateline(p["text"]), claim.text) for p in passages])
    items = []
    for p, pr in zip(passages, probs):
        rel = p.get("cosine")
        # without vectors (evidence added with --no-embeddings), word coverage stands in
        relevance = float(rel) if rel is not None else _coverage(claim.text, p["text"])
        sig = agreement_signals(claim.text, p["text"], claim_offset, p["start"])
        if relevance < options.min_relevance:
            stance, why = "neutral", f"about something else (similarity {relevance:.2f})"
        elif not is_statement(p["text"]):
            stance, why = "neutral", "a heading or fragment, not a statement"
        else:
            stance, why = passage_stance(pr, sig, options, relevance)
        items.append(EvidenceItem(p["id"], p["doc_id"], p["source"], p["text"], p["start"], p["end"],
                                  stance, pr, relevance, sig, why))
    return items


def decide(claim: Claim, items: list[EvidenceItem], matches: list[Match]) -> tuple[str, str]:
    """Combine passage stances and fact-check ratings into one verdict with a one-line reason."""
    sup = [e for e in items if e.stance == "supports"]
    con = [e for e in items if e.stance == "contradicts"]
    fc_sup = [m for m in matches if m.above_threshold and rating_stance(m) == "supports"]
    fc_con = [m for m in matches if m.above_threshold and rating_stance(m) == "contradicts"]
    n_sup, n_con = len(sup) + len(fc_sup), len(con) + len(fc_con)

    def where(es: list[EvidenceItem], ms: list[Match]) -> str:
        parts = [f"{e.source.rsplit('/', 1)[-1]} ({e.reason})" for e in es[:2]]
        parts += [f"{m.factcheck.reviewer or 'fact-check'} rated it '{m.factcheck.rating}'" for m in ms[:1]]
        return "; ".join(parts)

    if n_sup and n_con:
        return "disputed", f"{n_sup} item(s) support and {n_con} contradict: {where(sup, fc_sup)} vs {where(con, fc_con)}"
    if n_sup:
        return "supported", f"supported by {where(sup, fc_sup)}"
    if n_con:
        return "contradicted", f"contradicted by {where(con, fc_con)}"
    if items or any(m.above_threshold for m in matches):
        return "not enough evidence", "related evidence found, but none clearly supports or contradicts the claim"
    return "not enough evidence", "no trusted evidence or earlier fact-check addresses this claim"


def verify_claim(claim: Claim, evidence_index: Any, factcheck_index: FactCheckIndex | None,
                 options: VerifyOptions, article_url: str | None = None, when: int | None = None) -> Verdict:
    """One claim's verdict; ``when`` is the article's date (ordinal day) for fact-check matching."""
    items: list[EvidenceItem] = []
    if evidence_index is not None and options.use_evidence:
        passages = evidence_index.search(claim.text, options.evidence.k)
        items = judge_passages(claim, passages, claim.start, options)
    matches: list[Match] = []
    if factcheck_index is not None and options.use_factchecks:
        matches = [m for m in factcheck_index.search(claim.text, when=when) if m.above_threshold]
    label, reason = decide(claim, items, matches)
    verdict = Verdict(claim.id, claim.text, claim.start, claim.end, label, reason, items, matches)
    if options.judge.url and (any(e.stance != "neutral" or e.relevance >= options.min_relevance for e in items)
                              or matches):
        from .judge import apply_judge

        apply_judge(verdict, options.judge)
    return verdict


def verify_analysis(analysis: Analysis, store: Any, options: VerifyOptions | None = None) -> list[Verdict]:
    """Verdicts for every claim of an analysis against the store's evidence and fact-checks.

    The store provides the user's trusted evidence passages and the fact-check library; either
    may be empty, in which case claims end as ``not enough evidence`` (never a guess).
    """
    from ..store import verify_ops as ops
    from .evidence import EvidenceIndex

    options = options or VerifyOptions()
    ev_index = EvidenceIndex(store, options.evidence) if ops.passage_count(store) else None
    fc_index = None
    if options.use_factchecks and ops.factcheck_count(store):
        fc_index = FactCheckIndex(ops.factchecks(store), options.match)
    from .textnorm import day_number

    # an inferred date (taken from the text) is good enough to say "the same weeks"
    when = day_number(analysis.article.published)
    out = []
    for claim in analysis.claims:
        if options.min_checkworthiness is not None and (claim.checkworthiness or 0.0) < options.min_checkworthiness:
            continue
        out.append(verify_claim(claim, ev_index, fc_index, options, analysis.article.url, when))
    return out
