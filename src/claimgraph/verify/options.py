"""One options object for verification (kept here, beside the code it steers)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .evidence import EvidenceOptions
from .match import MatchOptions


@dataclass(frozen=True, slots=True)
class JudgeOptions:
    """Optional LLM judge through an OpenAI-compatible ``/chat/completions`` endpoint.

    Off unless ``url`` is set. The judge only ever sees claims that already have evidence, and
    can only choose among the verdicts that evidence allows; nothing is decided by it alone.
    """

    url: str | None = None
    model: str = "local"
    api_key: str | None = None
    timeout: float = 60.0
    allow_private: bool = True  # local llama.cpp / Ollama / vLLM servers are the point


@dataclass(frozen=True, slots=True)
class VerifyOptions:
    """How to verify the claims of an article.

    ``support_threshold`` / ``contradict_threshold``: stance probability a passage needs to
    count as support / contradiction (the shipped model is under-confident: its probabilities
    are flat, so support also needs ``margin`` over contradiction). ``min_relevance``: cosine a passage needs to be
    considered at all (below it, it is about something else).

    Which claims: by default the check-worthy ones, scored at least ``min_checkworthiness``
    (None: the calibrated threshold of the check-worthiness model, above which reports
    underline a claim); ``all_claims`` verifies every claim that asserts something
    (``claimgraph verify --all``; a fragment never).
    ``independent_only``: leave out passages of the article itself, of a near-duplicate of it,
    or copied from it (``verify.independence``); ``exclusion_slack`` extra passages are
    retrieved so that the ones left out do not leave the claim short of evidence.
    ``entity_signals``: also compare named entities (spaCy on every relevant passage; informative
    only, never deciding, so off by default: spaCy on every passage was 60 % of the time of
    ``verify`` on real news; the "Check a claim" page, one claim, keeps it).
    """

    match: MatchOptions = field(default_factory=MatchOptions)
    evidence: EvidenceOptions = field(default_factory=EvidenceOptions)
    judge: JudgeOptions = field(default_factory=JudgeOptions)
    use_factchecks: bool = True
    use_evidence: bool = True
    support_threshold: float = 0.5
    contradict_threshold: float = 0.7
    margin: float = 0.15
    min_relevance: float = 0.45
    rule_relevance: float = 0.65
    min_checkworthiness: float | None = None
    all_claims: bool = False
    independent_only: bool = True
    exclusion_slack: int = 10
    entity_signals: bool = False
    reviewer: str = "claimgraph (automated, unreviewed)"
