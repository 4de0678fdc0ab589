"""Acceptance: the hand-written corpus in tests/fixtures/corpus gives exactly the designed graph.

The design (docs/corpus.md): the Northbay Herald first reports that Port Elsby fishermen are
selling their boats (4 March); the Coastal Daily cites it (5 March) and the Valley Times runs a
syndicated copy; the Morning Ledger cites the Coastal Daily but says "sinking their trawlers"
(a mutation); a blog without a date and a union bulletin whose only date is in its text
(2 March, inferred) repeat it and must not be taken as first. The Harbour Post turns "40
vessels" into "400 vessels"; a bridge story carries a negation mutation; NYT/the New York Times
are one source.
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "corpus"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from claimgraph.corpus.ingest import IngestOptions, ingest
    from claimgraph.corpus.embed import minilm_available
    from claimgraph.store import Store

    if not minilm_available():
        pytest.skip("the ONNX MiniLM embedder cannot run here (onnxruntime, tokenizers or model file missing)")
    db = tmp_path_factory.mktemp("corpus") / "c.db"
    store = Store(db)
    report = ingest(store, [str(FIXTURE)], IngestOptions(embedder="all-MiniLM-L6-v2"))
    yield store, report, db
    store.close()


def _family(store, text):
    from claimgraph.corpus.provenance import build
    from claimgraph.corpus.trace import find_family

    fid, _ = find_family(store, claim_text=text)
    return build(store, fid)


def _edges(prov):
    name = {n["id"]: (n.get("outlet") if n["kind"] == "claim" else n["id"]) for n in prov.nodes}
    return {(e["kind"], name[e["src"]], name[e["dst"]]) for e in prov.edges}


def test_report_counts_copies_and_bad_record(corpus):
    _, report, _ = corpus
    assert report.stored == 12
    assert report.copies == 1
    assert [b[0].endswith("b13-empty-record.json#1") for b in report.bad] == [True]


def test_boat_story_graph_is_exactly_as_designed(corpus):
    store, _, _ = corpus
    prov = _family(store, "Fishermen in Port Elsby are selling their boats")
    outlets = sorted(n["outlet"] for n in prov.nodes if n["kind"] == "claim")
    assert outlets == sorted(["Northbay Herald", "Coastal Daily", "Valley Times", "Morning Ledger",
                              "Quayside Notes", "Union Bulletin"])
    assert _edges(prov) == {
        ("copies", "Valley Times", "Coastal Daily"),
        ("cites", "Coastal Daily", "Northbay Herald"),
        ("repeats", "Coastal Daily", "Northbay Herald"),
        ("cites", "Morning Ledger", "Coastal Daily"),
        ("mutates", "Morning Ledger", "Coastal Daily"),
        ("repeats", "Quayside Notes", "Northbay Herald"),
        ("repeats", "Union Bulletin", "Northbay Herald"),
    }
    first = [prov.node(i)["outlet"] for i in prov.earliest]
    assert first == ["Northbay Herald"]  # not the Union Bulletin, whose 2 March date is only inferred
    union = next(n for n in prov.nodes if n.get("outlet") == "Union Bulletin")
    assert (union["published"], union["date_status"]) == ("2024-03-02", "inferred")
    assert any("unknown or inferred date" in c for c in prov.caveats)
    mutation = next(e for e in prov.edges if e["kind"] == "mutates")
    assert {"action", "object"} <= set(mutation["detail"]["flags"])
    assert "[-selling-]" in mutation["detail"]["diff"] and "{+trawlers+}" in mutation["detail"]["diff"]
    timeline = [prov.node(i)["outlet"] for i in prov.timeline]
    assert timeline[:4] == ["Northbay Herald", "Coastal Daily", "Valley Times", "Morning Ledger"]
    assert set(timeline[4:]) == {"Union Bulletin", "Quayside Notes"}


def test_number_and_negation_mutations(corpus):
    store, _, _ = corpus
    fleet = _family(store, "400 vessels had been sold since January")
    assert _edges(fleet) == {("mutates", "Harbour Post", "Northbay Herald")}
    assert fleet.edges[0]["detail"]["flags"][0] == "number"
    bridge = _family(store, "The Fenwick bridge will close for six weeks of repairs")
    assert _edges(bridge) == {("cites", "City Pulse", "River Gazette"), ("repeats", "City Pulse", "River Gazette"),
                              ("mutates", "Northbay Herald", "River Gazette")}
    neg = next(e for e in bridge.edges if e["kind"] == "mutates")
    assert "negation" in neg["detail"]["flags"]


def test_stored_edges_match_a_fresh_build(corpus):
    from claimgraph.store import corpus_ops as ops

    store, _, _ = corpus
    prov = _family(store, "Fishermen in Port Elsby are selling their boats")
    stored = {(e["kind"], e["src"], e["dst"]) for e in ops.stored_edges(store, prov.family_id)}
    assert stored == {(e["kind"], e["src"], e["dst"]) for e in prov.edges}


def test_sources_are_canonical_across_the_corpus(corpus):
    from claimgraph.corpus.stats import source_stats

    store, _, _ = corpus
    rows = {r["key"]: r for r in source_stats(store)}
    nyt = rows["new york times"]
    assert nyt["name"] == "The New York Times"
    assert nyt["claims"] == 3
    assert set(nyt["written"]) == {"the New York Times", "NYT", "The New York Times"}
    assert set(nyt["outlets"]) == {"Elsby Courier", "Varna Weekly"}
    # the syndicated copy does not count twice for the Northbay Herald as a source
    assert rows["northbay herald"]["claims"] == 1
    assert rows["northbay herald"]["kind"] == "outlet"


def test_exports_graphml_and_prov_json(corpus):
    from claimgraph.corpus.export import to_graphml, to_prov_json

    store, _, _ = corpus
    prov = _family(store, "Fishermen in Port Elsby are selling their boats")
    root = ET.fromstring(to_graphml(prov).split("\n", 1)[1])
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(root.findall("g:graph/g:node", ns)) == len(prov.nodes)
    assert len(root.findall("g:graph/g:edge", ns)) == len(prov.edges)
    doc = json.loads(json.dumps(to_prov_json(prov)))
    assert len(doc["entity"]) == 6
    kinds = sorted(v["prov:type"] for v in doc["wasDerivedFrom"].values())
    assert kinds.count("cg:mutates") == 1 and kinds.count("cg:copies") == 1
    union = next(v for v in doc["entity"].values() if v.get("cg:dateStatus") == "inferred")
    assert "cg:published" not in union and union["cg:publishedInferred"]["$"] == "2024-03-02"


def test_reingest_is_idempotent(corpus):
    from claimgraph.corpus.ingest import IngestOptions, ingest
    from claimgraph.store import corpus_ops as ops

    store, _, _ = corpus
    before = ops.corpus_counts(store)
    again = ingest(store, [str(FIXTURE)], IngestOptions(embedder="all-MiniLM-L6-v2"))
    assert (again.stored, again.skipped) == (0, 12)
    assert ops.corpus_counts(store) == before


def test_trace_cli_json_and_exports(corpus, tmp_path):
    from click.testing import CliRunner

    from claimgraph.cli import cli

    _, _, db = corpus
    out = tmp_path / "g.graphml"
    result = CliRunner().invoke(cli, ["trace", "Fenwick bridge will close for six weeks of repairs", "--db", str(db),
                                      "--json", "--graphml", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {e["kind"] for e in data["edges"]} == {"cites", "repeats", "mutates"}
    assert out.read_text().startswith("<?xml")
    miss = CliRunner().invoke(cli, ["trace", "Penguins have taken over the town hall of Oslo", "--db", str(db)])
    assert miss.exit_code != 0 and "no claim family matches" in str(miss.exception or miss.output)
