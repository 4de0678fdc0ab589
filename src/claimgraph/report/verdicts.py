"""Verdicts in the HTML report: label, reason, the passages and fact-checks behind each, and
the schema.org ClaimReview as a JSON-LD data block (never executed; ``<`` and ``&`` escaped so
claim text cannot close the block)."""

from __future__ import annotations

import json
from typing import Any

from ..model import Analysis
from .html import e, link_or_text

LABEL_CLASS = {"supported": "cg-v-sup", "contradicted": "cg-v-con", "disputed": "cg-v-dis",
               "related evidence": "cg-v-rel", "not enough evidence": "cg-v-nee"}
VERDICT_CSS = """
.cg-report .cg-verdict{margin:.4rem 0 .8rem;padding:.4rem .6rem;border-left:4px solid #999;background:#fafafa}
.cg-report .cg-v-label{font-weight:700;text-transform:uppercase;font-size:.8rem;letter-spacing:.03em}
.cg-report .cg-v-sup{border-color:#2a9d3f}.cg-report .cg-v-con{border-color:#c62828}
.cg-report .cg-v-dis{border-color:#e08a00}.cg-report .cg-v-nee{border-color:#888}
.cg-report .cg-v-rel{border-color:#5b7fa6}
.cg-report .cg-verdict ul{margin:.2rem 0 0 1rem;padding:0}
"""


def json_ld(data: Any) -> str:
    """JSON for a ``<script type="application/ld+json">`` block that no text can break out of."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _evidence_item(item: dict[str, Any]) -> str:
    source = str(item.get("source") or "")
    return (f"<li><b>{e(item.get('stance', ''))}</b> “{e(str(item.get('text', ''))[:240])}” "
            f"<span class=\"cg-meta\">{e(source.rsplit('/', 1)[-1])} chars {e(item.get('start'))}–"
            f"{e(item.get('end'))}</span></li>")


def _factcheck_item(match: dict[str, Any]) -> str:
    fc = match.get("factcheck") or {}
    who = fc.get("reviewer") or "fact-check"
    return (f"<li>{e(who)}: “{e(str(fc.get('claim', ''))[:200])}” rated <b>{e(fc.get('rating', ''))}</b> "
            f"({link_or_text(fc.get('url'), 'source')}, score {e(match.get('score'))})</li>")


def verdicts_html(analysis: Analysis, claim_anchor: dict[str, str]) -> str:
    """The verdicts section, or an empty string when the analysis was not verified."""
    if not analysis.verdicts:
        return ""
    parts = ["<h2>Verdicts</h2>"]
    reviews = []
    for v in analysis.verdicts:
        label = str(v.get("label", ""))
        anchor = claim_anchor.get(str(v.get("claim_id")), "")
        claim = e(str(v.get("claim_text", ""))[:220])
        head = f'<a href="#{anchor}">{claim}</a>' if anchor else claim  # anchors are safe ids
        evidence = [x for x in v.get("evidence", []) if x.get("stance") != "neutral"][:3]
        checks = [m for m in v.get("factchecks", []) if m.get("above_threshold")][:3]
        parts.append(
            f'<div class="cg-verdict {LABEL_CLASS.get(label, "cg-v-nee")}">'
            f'<span class="cg-v-label">{e(label)}</span> {head}<br>{e(v.get("reason", ""))}'
            + (f"<ul>{''.join(_evidence_item(x) for x in evidence)}</ul>" if evidence else "")
            + (f"<ul>{''.join(_factcheck_item(m) for m in checks)}</ul>" if checks else "")
            + "</div>"
        )
        if v.get("claimreview"):
            reviews.append(v["claimreview"])
    if reviews:
        parts.append(f'<script type="application/ld+json">{json_ld(reviews)}</script>')
    return "".join(parts)
