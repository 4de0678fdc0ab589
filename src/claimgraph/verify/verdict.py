"""Verdicts: supported, contradicted, disputed, related evidence, or not enough evidence — always with the why.

Conservative by design. A claim gets a verdict other than ``not enough evidence`` only when
some passage of the user's trusted evidence or an earlier fact-check speaks to it, and every
verdict lists those items and a one-line reason. Who decides what:

* independence (``independence``): passages from the article itself, a near-duplicate of it
  or copied from it are left out before anything else, with the reason kept (``excluded``);
* explicit rules (``signals``): a negated predicate, another number or year for the same thing;
  they can block support and, with the model not disagreeing, make a passage contradict;
* the trained stance model (``stance``): supports / contradicts probabilities per passage;
* agreement (``agreement``): a passage's stance decides ``supported`` / ``contradicted`` only
  when the model and the rules agree; otherwise the claim gets ``related evidence``, with the
  passages shown and what was missing;
* earlier fact-checks above the calibrated match threshold, through their rating;
* the optional LLM judge (``judge``), only when configured, only among claims with evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..model import Analysis, Claim
from .agreement import contradiction_agrees, support_agrees
from .independence import Exclusion, SourceFilter
from .match import FactCheckIndex, Match
from .options import VerifyOptions
from .signals import Signal, agreement_signals

LABELS = ("supported", "contradicted", "disputed", "related evidence", "not enough evidence")
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
    agreed: bool = False  # the model and the rules agree on the stance: it may decide the verdict
    agreement: str = ""  # why they do or do not

    def to_dict(self) -> dict[str, Any]:
        return {"passage_id": self.passage_id, "doc_id": self.doc_id, "source": self.source,
                "text": self.text, "start": self.start, "end": self.end, "stance": self.stance,
                "probabilities": {k: round(v, 4) for k, v in self.probabilities.items()},
                "relevance": round(self.relevance, 4), "signals": [s.to_dict() for s in self.signals],
                "reason": self.reason, "agreed": self.agreed, "agreement": self.agreement}


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
    excluded: list[Exclusion] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"claim_id": self.claim_id, "claim_text": self.claim_text, "start": self.start,
                "end": self.end, "label": self.label, "reason": self.reason,
                "evidence": [e.to_dict() for e in self.evidence],
                "factchecks": [m.to_dict() for m in self.factchecks], "judge": self.judge,
                "excluded": [x.to_dict() for x in self.excluded]}


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
    if len(t) >= 100 or t.endswith((".", "!", "?")):
        return True
    # a closing quote ends a sentence only after its punctuation: 'said: “… war.”', not the
    # headline "How War in Ukraine Roiled Russia’s ‘Coolest Company’"
    return t.endswith(('"', "”", "'", "’")) and t.rstrip("\"”'’").endswith((".", "!", "?", ","))


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
                   options: VerifyOptions, when: int | None = None) -> list[EvidenceItem]:
    """Stance, signals and agreement for each retrieved passage; irrelevant ones (low cosine,
    headings) stay neutral without asking the model or the rules. ``when``: the claim's date
    (ordinal day of its article), which agreement compares with a passage's ``published``."""
    from .event_time import days_apart
    from .stance import StanceModel
    from .textnorm import strip_dateline

    items = []
    relevant: list[tuple[int, float]] = []
    for n, p in enumerate(passages):
        rel = p.get("cosine")
        # without vectors (evidence added with --no-embeddings), word coverage stands in
        relevance = float(rel) if rel is not None else _coverage(claim.text, p["text"])
        if relevance < options.min_relevance:
            why = f"about something else (similarity {relevance:.2f})"
        elif not is_statement(p["text"]):
            why = "a heading or fragment, not a statement"
        else:
            why = ""
            relevant.append((n, relevance))
        items.append(EvidenceItem(p["id"], p["doc_id"], p["source"], p["text"], p["start"], p["end"],
                                  "neutral", {}, relevance, [], why))
    if not relevant:
        return items
    model = StanceModel.load()
    probs = model.predict([(strip_dateline(passages[n]["text"]), claim.text) for n, _ in relevant])
    for (n, relevance), pr in zip(relevant, probs):
        p, item = passages[n], items[n]
        item.probabilities = pr
        item.signals = agreement_signals(claim.text, p["text"], claim_offset, p["start"],
                                         with_entities=options.entity_signals)
        item.stance, item.reason = passage_stance(pr, item.signals, options, relevance)
        apart = days_apart(when, p.get("published"))
        if item.stance == "supports":
            item.agreed, item.agreement = support_agrees(claim.text, p["text"], item.signals, apart)
        elif item.stance == "contradicts":
            item.agreed, item.agreement = contradiction_agrees(claim.text, p["text"], pr, item.signals, apart)
    return items


def _where(items: list[EvidenceItem], matches: list[Match]) -> str:
    """Where a verdict's evidence is: document name, passage offsets, and why, for two items."""
    parts = [f"{e.source.rsplit('/', 1)[-1] or e.doc_id} chars {e.start}-{e.end} ({e.reason}"
             + (f"; {e.agreement}" if e.agreement else "") + ")" for e in items[:2]]
    parts += [f"{m.factcheck.reviewer or 'fact-check'} rated it '{m.factcheck.rating}'" for m in matches[:1]]
    return "; ".join(parts)


def decide(claim: Claim, items: list[EvidenceItem], matches: list[Match]) -> tuple[str, str]:
    """Combine passage stances and fact-check ratings into one verdict with a one-line reason.

    Only passages on which the model and the rules agree (``EvidenceItem.agreed``) and earlier
    fact-checks above the match threshold decide; a passage with a stance the other side does
    not back makes the claim ``related evidence``, never ``supported`` or ``contradicted``."""
    sup = [e for e in items if e.stance == "supports" and e.agreed]
    con = [e for e in items if e.stance == "contradicts" and e.agreed]
    fc_sup = [m for m in matches if m.above_threshold and rating_stance(m) == "supports"]
    fc_con = [m for m in matches if m.above_threshold and rating_stance(m) == "contradicts"]
    n_sup, n_con = len(sup) + len(fc_sup), len(con) + len(fc_con)
    where = f" (claim chars {claim.start}-{claim.end})"
    if n_sup and n_con:
        return "disputed", (f"{n_sup} item(s) support and {n_con} contradict{where}: {_where(sup, fc_sup)} "
                            f"vs {_where(con, fc_con)}")
    if n_sup:
        return "supported", f"supported{where} by {_where(sup, fc_sup)}"
    if n_con:
        return "contradicted", f"contradicted{where} by {_where(con, fc_con)}"
    leaning = [e for e in items if e.stance != "neutral"]
    if leaning:
        return "related evidence", (f"related evidence{where}, but the model and the rules do not agree on it: "
                                    f"{_where(leaning, [])}")
    if items or any(m.above_threshold for m in matches):
        return "not enough evidence", "related evidence found, but none clearly supports or contradicts the claim"
    return "not enough evidence", "no trusted evidence or earlier fact-check addresses this claim"


def independent_passages(passages: list[dict[str, Any]], source_filter: SourceFilter | None,
                         k: int) -> tuple[list[dict[str, Any]], list[Exclusion]]:
    """The first ``k`` passages not from the article itself or a copy of it, and the others' reasons."""
    if source_filter is None:
        return passages[:k], []
    kept: list[dict[str, Any]] = []
    excluded: list[Exclusion] = []
    for p in passages:
        why = source_filter.exclusion(p)
        if why is not None:
            excluded.append(why)
        elif len(kept) < k:
            kept.append(p)
    return kept, excluded


def verify_claim(claim: Claim, evidence_index: Any, factcheck_index: FactCheckIndex | None,
                 options: VerifyOptions, article_url: str | None = None, when: int | None = None,
                 source_filter: SourceFilter | None = None, qvec: Any = None) -> Verdict:
    """One claim's verdict; ``when`` is the article's date (ordinal day) for fact-check matching,
    ``source_filter`` the article's independence test, ``qvec`` the claim's vector if known."""
    items: list[EvidenceItem] = []
    excluded: list[Exclusion] = []
    if evidence_index is not None and options.use_evidence:
        k = options.evidence.k
        # ask for more than k: the article's own passages would otherwise take the places
        found = evidence_index.search(claim.text, k + (options.exclusion_slack if source_filter else 0), qvec=qvec)
        passages, excluded = independent_passages(found, source_filter, k)
        items = judge_passages(claim, passages, claim.start, options, when)
    matches: list[Match] = []
    if factcheck_index is not None and options.use_factchecks:
        matches = [m for m in factcheck_index.search(claim.text, when=when) if m.above_threshold]
    label, reason = decide(claim, items, matches)
    verdict = Verdict(claim.id, claim.text, claim.start, claim.end, label, reason, items, matches,
                      excluded=excluded)
    if options.judge.url and (any(e.stance != "neutral" or e.relevance >= options.min_relevance for e in items)
                              or matches):
        from .judge import apply_judge

        apply_judge(verdict, options.judge)
    return verdict


def claims_to_verify(analysis: Analysis, options: VerifyOptions) -> list[Claim]:
    """The check-worthy claims (or every claim with ``options.all_claims``).

    The threshold is ``options.min_checkworthiness`` or else the calibrated one stored with the
    check-worthiness model, the number above which the report and the web page underline a
    claim: verifying "the talks will continue tomorrow" costs time and only yields noise.
    A claim without a score (an analysis made without the model) is verified."""
    if options.all_claims:
        candidates = list(analysis.claims)
    else:
        threshold = options.min_checkworthiness
        if threshold is None:
            from ..report.html import checkworthy_threshold

            threshold = checkworthy_threshold()
        candidates = [c for c in analysis.claims if c.checkworthiness is None or c.checkworthiness >= threshold]
    return [c for c, ok in zip(candidates, _assert_each([c.text for c in candidates]), strict=True) if ok]


def _assert_each(texts: list[str]) -> list[bool]:
    """For each claim, whether it has a clause of its own (a finite verb and its subject), each
    parsed on its own in one batch: a fragment ("Since Russia's invasion of Ukraine in late
    February") asserts nothing to support or contradict, and was a quarter of the wrong verdicts
    on the fourth judged sample. Parsed here because a verdict starts from an ``Analysis``, which
    keeps no parse. The content of "accused Iran of preparing to supply drones" is an accusation."""
    from .. import nlp
    from ..corpus.claimfit import asserts

    todo = [t for t in texts if not ACCUSED_OF.match(t)]
    parsed = {t: asserts(list(doc)) for t, doc in zip(todo, nlp.load().pipe(todo), strict=True)}
    return [parsed.get(t, True) for t in texts]


def _asserts(text: str) -> bool:
    return _assert_each([text])[0]


# what someone is accused of, cut from its cue: "Russia of using food as leverage in the war"
ACCUSED_OF = re.compile(r"\s*[\w’'.-]+(?:\s+[\w’'.-]+){0,3}\s+of\s+\w+ing\b")


def verify_analysis(analysis: Analysis, store: Any, options: VerifyOptions | None = None) -> list[Verdict]:
    """Verdicts for the check-worthy claims of an analysis (every claim with ``all_claims``)
    against the store's evidence and fact-checks.

    The store provides the user's trusted evidence passages and the fact-check library; either
    may be empty, in which case claims end as ``not enough evidence`` (never a guess). Passages
    of the article itself or of a copy of it never count (``independence``). The claims are
    embedded in one batch, not one model call each.
    """
    from ..store import verify_ops as ops
    from .evidence import EvidenceIndex
    from .textnorm import day_number

    options = options or VerifyOptions()
    claims = claims_to_verify(analysis, options)
    ev_index = EvidenceIndex(store, options.evidence) if ops.passage_count(store) and claims else None
    fc_index = None
    if options.use_factchecks and claims and ops.factcheck_count(store):
        fc_index = FactCheckIndex(ops.factchecks(store), options.match)
    source_filter = None
    if options.independent_only and ev_index is not None:
        source_filter = SourceFilter(analysis.article.text, analysis.article.url,
                                     lambda doc_id: ops.evidence_doc_text(store, doc_id))
    qvecs: list[Any] = [None] * len(claims)
    if ev_index is not None and options.use_evidence and ev_index.has_vectors:
        from .embed import encode

        qvecs = list(encode([c.text for c in claims]))
    # an inferred date (taken from the text) is good enough to say "the same weeks"
    when = day_number(analysis.article.published)
    return [verify_claim(claim, ev_index, fc_index, options, analysis.article.url, when, source_filter, qvec)
            for claim, qvec in zip(claims, qvecs)]
