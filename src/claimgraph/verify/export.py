"""ClaimReview JSON-LD (schema.org) for each verdict, for JSON and HTML reports.

The rating scale is 1 (contradicted) … 5 (supported) with ``alternateName`` carrying our label,
as the schema.org ClaimReview guidelines ask for a textual rating next to the number. Verdicts
of ``not enough evidence`` are exported too, with their ``alternateName`` but no ratingValue
(3 would misstate them as "half true").

Google's Fact Check markup requires ``url`` (the page that shows the review), ``claimReviewed``,
``reviewRating.alternateName`` and an ``author``; the claim's own author is typed Person or
Organization from its source type, never the catch-all "Thing". The review page is the
article page of ``claimgraph serve`` on the same database (``/articles/ID#claim-CID``, where
``verify --save`` stores the verdicts); its base is ``CLAIMGRAPH_PUBLIC_URL`` (default
``http://127.0.0.1:8000``, where ``claimgraph serve`` listens), set it to where you publish.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Any
from urllib.parse import quote

from ..model import Analysis

_VALUE = {"contradicted": 1, "disputed": 3, "supported": 5}
PERSON_TYPES = {"named_person", "descriptive_person", "anonymous", "social_post"}
DEFAULT_BASE = "http://127.0.0.1:8000"


def review_url(article_id: str, claim_id: str, base: str | None = None) -> str:
    """Where ``claimgraph serve`` shows this claim's verdict."""
    root = (base or os.environ.get("CLAIMGRAPH_PUBLIC_URL") or DEFAULT_BASE).rstrip("/")
    return f"{root}/articles/{quote(article_id, safe='')}#{quote('claim-' + claim_id, safe='')}"


def _author(source_type: str | None, name: str) -> dict[str, Any]:
    kind = "Person" if source_type in PERSON_TYPES else "Organization"
    return {"@type": kind, "name": name}


def claimreview(verdict: Any, analysis: Analysis | None = None, reviewer: str = "claimgraph",
                day: str | None = None, base_url: str | None = None) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": verdict.label,
                              "bestRating": 5, "worstRating": 1}
    if verdict.label in _VALUE:
        rating["ratingValue"] = _VALUE[verdict.label]
    item: dict[str, Any] = {"@type": "Claim"}
    if analysis is not None:
        art = analysis.article
        work: dict[str, Any] = {"@type": "CreativeWork"}
        if art.url:
            work["url"] = art.url
        if art.title:
            work["headline"] = art.title
        if art.published:
            item["datePublished"] = art.published
        item["appearance"] = work
        claim = next((c for c in analysis.claims if c.id == verdict.claim_id), None)
        attr = analysis.attribution(claim.attribution) if claim else None
        if attr is not None and (attr.source_name or attr.source):
            item["author"] = _author(attr.source_type, attr.source_name or attr.source.text)  # type: ignore[union-attr]
        elif claim is not None and claim.attribution is None and art.outlet:
            item["author"] = _author("named_org", art.outlet)  # the author's own claim: the outlet says it
    out: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": verdict.claim_text,
        "url": review_url(analysis.article.id if analysis is not None else "unknown", verdict.claim_id, base_url),
        "reviewRating": rating,
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": reviewer},
        "datePublished": day or date.today().isoformat(),
        "reviewBody": verdict.reason,
    }
    cites = [m.factcheck.url for m in verdict.factchecks if m.factcheck.url]
    if cites:
        out["citation"] = cites
    return out
