"""ClaimReview JSON-LD (schema.org) for each verdict, for JSON and HTML reports.

The rating scale is 1 (contradicted) … 5 (supported) with ``alternateName`` carrying our label,
as the schema.org ClaimReview guidelines ask for a textual rating next to the number. Verdicts
of ``not enough evidence`` are exported too (rating 3 would misstate them, so no ratingValue).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..model import Analysis

_VALUE = {"contradicted": 1, "disputed": 3, "supported": 5}


def claimreview(verdict: Any, analysis: Analysis | None = None, reviewer: str = "claimgraph",
                day: str | None = None) -> dict[str, Any]:
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
            item["author"] = {"@type": "Thing", "name": attr.source_name or attr.source.text}  # type: ignore[union-attr]
    out: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": verdict.claim_text,
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
