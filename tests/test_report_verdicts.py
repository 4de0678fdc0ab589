"""Verdicts in the JSON and HTML reports: shown with their evidence, ClaimReview as JSON-LD that
hostile claim text cannot break out of, and the JSON contract still valid."""

from __future__ import annotations

import json
import re

from claimgraph import analyze
from claimgraph.model import Analysis
from claimgraph.report import validate_analysis_dict
from claimgraph.report.html import render_html

HOSTILE = "Ferry</script><script>alert(1)</script> & tolls <b>rose</b>"


def _verified() -> Analysis:
    a = analyze(f"Harbour\n\nThe harbour office said that the {HOSTILE} by 40 percent.", published="2024-03-04")
    claim = a.claims[0]
    a.verdicts = [{
        "claim_id": claim.id, "claim_text": claim.text, "start": claim.start, "end": claim.end,
        "label": "contradicted", "reason": "a trusted passage gives another number <img src=x onerror=alert(2)>",
        "evidence": [{"text": "Tolls rose by 4 percent, the office said.", "source": "/docs/wire.txt",
                      "start": 10, "end": 52, "stance": "contradicts"}],
        "factchecks": [],
        "claimreview": {"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": claim.text,
                        "reviewRating": {"@type": "Rating", "alternateName": "contradicted"}},
    }]
    return a


def test_verdicts_are_part_of_the_json_contract():
    d = _verified().to_dict()
    assert d["verdicts"][0]["label"] == "contradicted"
    assert validate_analysis_dict(d) == []
    assert Analysis.from_dict(json.loads(json.dumps(d))).verdicts == d["verdicts"]


def test_html_shows_the_verdict_and_a_json_ld_block_that_cannot_be_broken_out_of():
    html = render_html(_verified())
    assert "Verdicts" in html and "contradicted" in html and "Tolls rose by 4 percent" in html
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    reviews = json.loads(blocks[0])
    assert reviews[0]["claimReviewed"].startswith("that the Ferry</script>")
    # the only script elements are the data block; no executable script, no handler
    assert len(re.findall(r"<script", html)) == 1
    assert "onerror=alert" not in html.replace("onerror=alert(2)&gt;", "")
    assert "&lt;img src=x onerror=alert(2)&gt;" in html


def test_unverified_analysis_has_no_verdict_section():
    a = analyze("Harbour\n\nThe harbour office said that tolls rose.")
    assert a.to_dict()["verdicts"] == []
    assert "<h2>Verdicts</h2>" not in render_html(a)
