"""Exports as their consumers read them: GraphML through networkx (typed, as Gephi sees it),
PROV-JSON back through the ``prov`` library, ClaimReview against Google's required fields.

The provenance graph is a small hand-built :class:`Provenance` (two appearances linked twice,
a cited outside source, hostile text), so these tests need no corpus, model or network.
"""

from __future__ import annotations

import io
import json
from xml.etree import ElementTree as ET

import pytest

from claimgraph.corpus.export import to_graphml, to_prov_document, to_prov_json
from claimgraph.corpus.provenance import Provenance
from claimgraph.model import Analysis, Article, Attribution, Claim, Span
from claimgraph.verify.export import claimreview

HOSTILE = 'the <script>alert(1)</script> wall & "gate" fell'


def _prov() -> Provenance:
    common = {"kind": "claim", "source": None, "source_type": None, "copy_of": None, "title": None, "url": None}
    nodes = [
        {**common, "id": "c1", "n": 1, "article": "a1", "claim": "c3", "text": HOSTILE, "start": 10, "end": 52,
         "outlet": "Herald <b>", "outlet_key": "herald", "published": "2024-03-04", "date_status": "metadata",
         "url": "https://herald.example/wall"},
        {**common, "id": "c2", "n": 2, "article": "a2", "claim": "c1", "text": "the wall fell", "start": 0, "end": 13,
         "outlet": "Daily", "outlet_key": "daily", "published": "2024-03-05T10:00:00+00:00",
         "date_status": "metadata", "source": "the Herald", "source_type": "named_org"},
        {"id": "s:mayor", "kind": "source", "name": "the mayor", "source_type": "named_person"},
    ]
    edges = [
        {"kind": "cites", "src": "c2", "dst": "c1", "reason": "names the Herald", "detail": {"order": "by date"}},
        {"kind": "mutates", "src": "c2", "dst": "c1", "reason": "changed object",
         "detail": {"flags": ["object", "wording"], "diff": "the [-gate-] {+wall+} fell", "order": "by citation"}},
        {"kind": "cites", "src": "c1", "dst": "s:mayor", "reason": "attributes it to the mayor", "detail": {}},
    ]
    return Provenance(family_id="f7", nodes=nodes, edges=edges, timeline=["c1", "c2"], earliest=["c1"], caveats=[])


def test_graphml_reads_back_in_networkx_with_numbers_and_booleans_typed():
    nx = pytest.importorskip("networkx")
    text = to_graphml(_prov())
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    graph = nx.read_graphml(io.BytesIO(text.encode("utf-8")), force_multigraph=True)
    assert graph.number_of_nodes() == 3 and graph.number_of_edges() == 3  # both c2 -> c1 links kept
    c1 = graph.nodes["c1"]
    assert c1["earliest"] is True and graph.nodes["c2"]["earliest"] is False
    assert (c1["start"], c1["end"], c1["n"]) == (10, 52, 1) and isinstance(c1["start"], int)
    assert c1["text"] == HOSTILE and c1["outlet"] == "Herald <b>"  # escaped in XML, intact when read
    kinds = sorted(d["kind"] for _, _, d in graph.edges(data=True))
    assert kinds == ["cites", "cites", "mutates"]
    # the key declarations say so too (what Gephi reads to choose a column type)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = {k.get("attr.name"): k.get("attr.type") for k in ET.fromstring(text.split("\n", 1)[1]).findall("g:key", ns)}
    assert keys["earliest"] == "boolean" and keys["start"] in ("int", "long") and keys["text"] == "string"
    assert "<script>" not in text


def test_prov_json_round_trips_through_the_prov_library():
    prov_model = pytest.importorskip("prov.model")
    data = to_prov_json(_prov())
    again = prov_model.ProvDocument.deserialize(content=json.dumps(data), format="json")
    assert again == to_prov_document(_prov())
    assert len(data["entity"]) == 2 and set(data["agent"]) >= {"cg:s_mayor", "cg:outlet_herald"}
    assert data["entity"]["cg:c1"]["cg:published"] == {"$": "2024-03-04", "type": "xsd:date"}
    assert data["entity"]["cg:c2"]["cg:published"]["type"] == "xsd:dateTime"
    assert data["entity"]["cg:c1"]["cg:earliest"] is True
    derived = sorted(v["prov:type"] for v in data["wasDerivedFrom"].values())
    assert derived == ["cg:cites", "cg:mutates"]
    (influence,) = data["wasInfluencedBy"].values()
    assert influence["prov:influencer"] == "cg:s_mayor"
    assert data["entity"]["cg:c1"]["prov:label"] == HOSTILE


class _Verdict:
    def __init__(self, claim_id: str, label: str) -> None:
        self.claim_id, self.label, self.claim_text = claim_id, label, "The mayor closed the bridge."
        self.reason, self.factchecks = "because", []


def _analysis() -> Analysis:
    text = "Bridge shut\n\nThe mayor said the bridge is closed. Taxes rose 5 percent."
    s = text.index("The mayor")
    att = Attribution(id="a1", source=Span("The mayor", s, s + 9), source_type="named_person",
                      cue=Span("said", s + 10, s + 14), content=Span("the bridge is closed", s + 15, s + 35),
                      mode="indirect", source_name="Dana Whitfield")
    t = text.index("Taxes")
    claims = [Claim("c1", "the bridge is closed", s + 15, s + 35, "a1"),
              Claim("c2", "Taxes rose 5 percent.", t, t + 21, None)]
    article = Article(id="abc123", text=text, title="Bridge shut", url="https://news.example/b",
                      outlet="Example News", published="2024-05-14")
    return Analysis(article=article, attributions=[att], claims=claims)


@pytest.mark.parametrize("label", ["supported", "contradicted", "disputed", "not enough evidence"])
def test_claimreview_has_googles_required_fields(label, monkeypatch):
    monkeypatch.delenv("CLAIMGRAPH_PUBLIC_URL", raising=False)
    review = claimreview(_Verdict("c1", label), _analysis(), day="2024-05-15")
    assert review["url"] == "http://127.0.0.1:8000/articles/abc123#claim-c1"
    assert review["claimReviewed"] and review["datePublished"] == "2024-05-15"
    assert review["author"] == {"@type": "Organization", "name": "claimgraph"}
    rating = review["reviewRating"]
    assert rating["alternateName"] == label and rating["@type"] == "Rating"
    assert ("ratingValue" in rating) == (label != "not enough evidence")
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Dana Whitfield"}
    assert review["itemReviewed"]["appearance"]["url"] == "https://news.example/b"


def test_claimreview_of_the_authors_own_claim_is_by_the_outlet(monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_PUBLIC_URL", "https://checks.example.org/")
    review = claimreview(_Verdict("c2", "supported"), _analysis())
    assert review["url"] == "https://checks.example.org/articles/abc123#claim-c2"
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "Example News"}
