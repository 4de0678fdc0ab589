"""The pure core: article text in, one :class:`Analysis` out.

``analyze`` is the library's front door; ``analyze_doc`` is the same work on a document that
was already parsed, so batch callers (ingest, Ray workers, benchmarks) can run spaCy's
``nlp.pipe`` over many texts and then call it per article. Nothing here touches the network or
a database.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator

from . import nlp as nlp_mod
from .checks.claims import checkworthy_findings
from .checks.dates import check_dates
from .checks.context import SourcingContext, without_captions
from .checks.elapsed import elapsed_findings
from .checks.media import media_findings
from .checks.secondhand import secondhand_findings
from .checks.sourcing import sourcing_findings
from .errors import InputError, LanguageError
from .extract.attribution import extract_attributions
from .extract.attribution.learned.tagger import load_model as load_attribution_model
from .extract.checkworthy import CheckworthyModel, claim_contexts
from .extract.claims import extract_claims
from .extract.entities import extract_entities
from .extract.liveblog import apply_entry_stamps
from .extract.media import extract_media
from .extract.time import extract_times, load_anchors
from .model import Analysis, Article
from .options import AnalyzeOptions
from .read.language import detect_language
from .read.plain import article_from_text

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

DEFAULT_OPTIONS = AnalyzeOptions()


def analyze(
    text: str,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    *,
    options: AnalyzeOptions | None = None,
) -> Analysis:
    """Analyse one article given as text. Raises ClaimgraphError subclasses on bad input."""
    article = article_from_text(text, title=title, url=url, published=published)
    return analyze_article(article, options)


def prepare(article: Article, options: AnalyzeOptions | None = None) -> list[str]:
    """Check an article before parsing; returns warnings. Raises on input we must refuse."""
    options = options or DEFAULT_OPTIONS
    if len(article.text) > options.max_chars:
        raise InputError(
            f"the article is {len(article.text):,} characters long; the limit is {options.max_chars:,}"
        )
    if not article.text.strip():
        raise InputError("the article is empty: there is no text to analyse")
    warnings: list[str] = []
    if article.language is None:
        article.language, article.language_score = detect_language(article.text)
    if article.language != "en":
        message = (
            f"the article looks like '{article.language}' (confidence {article.language_score or 0:.2f}), "
            "not English; claimgraph's extractors are English-only"
        )
        if options.require_english:
            raise LanguageError(message + " (use --allow-non-english to analyse it anyway)")
        warnings.append(message + ": results will be poor")
    return warnings


def analyze_article(article: Article, options: AnalyzeOptions | None = None) -> Analysis:
    """Analyse an Article read by any reader."""
    options = options or DEFAULT_OPTIONS
    warnings = prepare(article, options)
    doc = nlp_mod.parse(article.text)
    analysis = analyze_doc(article, doc, options)
    analysis.warnings[:0] = warnings
    return analysis


@contextmanager
def _stage(timings: dict[str, float] | None, name: str) -> Iterator[None]:
    """Add the CPU time of a block to ``timings[name]`` (benchmarks read the per-stage split;
    CPU, not wall time, so a busy machine does not blur how a stage scales)."""
    if timings is None:
        yield
        return
    t0 = time.process_time()
    try:
        yield
    finally:
        timings[name] = timings.get(name, 0.0) + time.process_time() - t0


def analyze_doc(
    article: Article,
    doc: "Doc",
    options: AnalyzeOptions | None = None,
    timings: dict[str, float] | None = None,
) -> Analysis:
    """All extraction and checks on an already-parsed document (no parsing, no I/O).

    ``timings``: when given, receives seconds per stage (times, media, attribution, claims,
    entities, checkworthy, findings; CPU seconds) so a benchmark can show where the time goes.
    """
    options = options or DEFAULT_OPTIONS
    text = article.text
    metadata_date = article.published if article.published_source != "text" else None
    anchors = load_anchors(options.anchors_file) if options.anchors_file else None
    with _stage(timings, "times"):
        times, reference = extract_times(text, metadata_date, anchors, doc)
    if metadata_date is None and reference is not None:
        # no date in the metadata: the latest full date in the text stands in, marked as inferred
        article.published, article.published_source = reference, "text"
    with _stage(timings, "media"):
        media = extract_media(text)
    with _stage(timings, "attribution"):
        attributions = extract_attributions(doc, options.attribution)
    title_end = 0
    if article.title and text.lstrip().startswith(article.title):
        title_end = text.find(article.title) + len(article.title)
    with _stage(timings, "claims"):
        claims = extract_claims(doc, attributions, title_end=title_end)
    with _stage(timings, "entities"):
        entities = extract_entities(doc, media)
    analysis = Analysis(
        article=article, attributions=attributions, claims=claims, entities=entities, times=times, media=media,
    )
    apply_entry_stamps(analysis)  # a live blog's "12 Jul 2022 22.37" is a time, never words of a claim
    with _stage(timings, "checkworthy"):
        model = CheckworthyModel.load()
        threshold = options.checkworthy_threshold if options.checkworthy_threshold is not None else model.threshold
        contexts = claim_contexts(doc, analysis.claims) if model.uses_previous else None
        scores = model.score([c.text for c in analysis.claims], contexts, embedding=options.checkworthy_embedding)
        for claim, score in zip(analysis.claims, scores, strict=True):
            claim.checkworthiness = round(score, 4)
            claim.checkworthy_reason = model.explain(claim.text, score=score)
    with _stage(timings, "findings"):
        ctx = SourcingContext(analysis)
        sourcing = sourcing_findings(analysis, ctx)
        analysis.findings = (
            sourcing
            + secondhand_findings(analysis, ctx, taken=sourcing)
            + checkworthy_findings(analysis, threshold)
            + media_findings(analysis, ctx)
            + check_dates(text, times, attributions, metadata_date, analysis.claims)
            + elapsed_findings(text, times, metadata_date, anchors)
        )
        analysis.findings = without_captions(analysis.findings, ctx)
    analysis.findings.sort(key=lambda f: (f.start, f.kind))
    if options.attribution == "model" and load_attribution_model() is None:
        analysis.warnings.append(
            "the trained attribution model (package claimgraph_polnear) is not installed: "
            "the rule extractor ran instead"
        )
    return analysis
