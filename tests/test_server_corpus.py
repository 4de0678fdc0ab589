"""The corpus endpoints and pages over a real ``claimgraph serve`` process on 127.0.0.1.

The store is the hand-written corpus of ``tests/fixtures/corpus`` (its designed graph is
asserted in ``test_provenance_fixture.py``) plus two hostile articles whose shared claim
carries markup. Every JSON endpoint is compared with what the CLI prints for the same
question on the same database file: the API must not have its own idea of a family.
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from test_server_process import ServerProcess

FIXTURE = Path(__file__).parent / "fixtures" / "corpus"
BOATS = "Fishermen in Port Elsby are selling their boats"
HOSTILE_CLAIM = "the <script>window.pwned=1</script> harbour wall at Port Elsby collapsed overnight after the storm"
HOSTILE_ARTICLES = [
    {"outlet": "<img src=x onerror=alert(1)>", "url": "javascript:alert(2)", "published": "2024-06-01",
     "title": "Wall <b>down</b>",
     "text": f"Wall down\n\nHarbour engineers said {HOSTILE_CLAIM}.\nRepairs will take months."},
    {"outlet": "Quay \"Watch\"", "url": "https://quay-watch.example/wall", "published": "2024-06-02",
     "title": "Harbour wall falls",
     "text": f"Harbour wall falls\n\nThe Northbay Herald reported that {HOSTILE_CLAIM}.\nNobody was hurt."},
]


def build_corpus(folder: Path) -> Path:
    """The fixture corpus plus the hostile pair, ingested with MiniLM into ``folder/corpus.db``."""
    from claimgraph.corpus.embed import minilm_available
    from claimgraph.corpus.ingest import IngestOptions, ingest
    from claimgraph.store import Store

    if not minilm_available():
        pytest.skip("the ONNX MiniLM embedder cannot run here (onnxruntime, tokenizers or model file missing)")
    extra = folder / "hostile"
    extra.mkdir()
    for i, record in enumerate(HOSTILE_ARTICLES):
        (extra / f"h{i}.json").write_text(json.dumps(record), encoding="utf-8")
    db = folder / "corpus.db"
    store = Store(db)
    try:
        report = ingest(store, [str(FIXTURE), str(extra)], IngestOptions(embedder="all-MiniLM-L6-v2"))
    finally:
        store.close()
    assert report.stored == 14
    return db


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("corpus-srv"))


@pytest.fixture(scope="module")
def server(corpus_db):
    srv = ServerProcess(corpus_db, "--no-preload")
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def http(server):
    with server.client() as c:
        yield c


def cli_json(db: Path, *args: str):
    from claimgraph.cli import cli

    result = CliRunner().invoke(cli, [*args, "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _boat_family(http) -> dict:
    r = http.get("/api/trace", params={"text": BOATS})
    assert r.status_code == 200, r.text
    return r.json()


def test_families_are_the_cli_rows_largest_first_with_paging(http, corpus_db):
    body = http.get("/api/families", params={"limit": 100}).json()
    assert body["families"] == cli_json(corpus_db, "families", "--limit", "100")
    sizes = [f["size"] for f in body["families"]]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] == 6
    assert body["total"] == len(body["families"]) and body["min_size"] == 2
    page = http.get("/api/families", params={"limit": 2, "offset": 1}).json()
    assert page["families"] == body["families"][1:3] and page["total"] == body["total"]
    assert http.get("/api/families", params={"limit": 0}).json()["error"]["code"] == "invalid_request"


def test_trace_by_text_and_by_claim_equals_the_cli(http, corpus_db):
    by_text = _boat_family(http)
    assert by_text == cli_json(corpus_db, "trace", BOATS)
    first = by_text["nodes"][by_text["timeline"].index(by_text["earliest"][0])]
    assert first["outlet"] == "Northbay Herald"
    ref = str(next(n["n"] for n in by_text["nodes"] if n.get("outlet") == "Morning Ledger"))
    by_claim = http.get("/api/trace", params={"claim": ref}).json()
    assert by_claim == cli_json(corpus_db, "trace", "--claim", ref)
    assert by_claim["family"] == by_text["family"] and by_claim["match"] == f"stored claim {ref}"


def test_family_endpoint_has_members_timeline_and_edges_with_diffs(http, corpus_db):
    fam = _boat_family(http)
    body = http.get(f"/api/families/{fam['family']}").json()
    assert body["match"] == f"family {fam['family']}"
    assert {k: v for k, v in body.items() if k != "match"} == {k: v for k, v in fam.items() if k != "match"}
    outlet = {n["id"]: n.get("outlet") for n in body["nodes"]}
    assert {(e["kind"], outlet[e["src"]], outlet[e["dst"]]) for e in body["edges"]} == {
        ("copies", "Valley Times", "Coastal Daily"), ("cites", "Coastal Daily", "Northbay Herald"),
        ("repeats", "Coastal Daily", "Northbay Herald"), ("cites", "Morning Ledger", "Coastal Daily"),
        ("mutates", "Morning Ledger", "Coastal Daily"), ("repeats", "Quayside Notes", "Northbay Herald"),
        ("repeats", "Union Bulletin", "Northbay Herald")}
    mutation = next(e for e in body["edges"] if e["kind"] == "mutates")
    assert "[-selling-]" in mutation["detail"]["diff"]
    union = next(n for n in body["nodes"] if n.get("outlet") == "Union Bulletin")
    assert union["date_status"] == "inferred" and union["id"] not in body["earliest"]
    assert body["caveats"]


def test_exports_are_the_cli_files(http, corpus_db, tmp_path):
    from claimgraph.cli import cli

    fam = _boat_family(http)["family"]
    graphml, prov = tmp_path / "g.graphml", tmp_path / "g.json"
    result = CliRunner().invoke(cli, ["trace", BOATS, "--db", str(corpus_db), "--graphml", str(graphml),
                                      "--prov-json", str(prov)])
    assert result.exit_code == 0, result.output
    r = http.get(f"/api/families/{fam}/graphml")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/graphml+xml")
    assert r.text == graphml.read_text(encoding="utf-8")
    root = ET.fromstring(r.text.split("\n", 1)[1])
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(root.findall("g:graph/g:node", ns)) == 6
    doc = http.get(f"/api/families/{fam}/prov.json").json()
    assert doc == json.loads(prov.read_text(encoding="utf-8"))
    assert sorted(v["prov:type"] for v in doc["wasDerivedFrom"].values()).count("cg:mutates") == 1


def test_sources_equal_the_cli_and_merge_spellings(http, corpus_db):
    body = http.get("/api/sources", params={"limit": 100}).json()
    assert body["sources"] == cli_json(corpus_db, "sources", "--limit", "100")
    nyt = next(s for s in body["sources"] if s["key"] == "new york times")
    assert nyt["claims"] == 3 and set(nyt["written"]) == {"the New York Times", "NYT", "The New York Times"}
    assert http.get("/api/sources", params={"limit": 1, "offset": 1}).json()["sources"] == body["sources"][1:2]


def test_search_by_words_escapes_like_wildcards(http):
    body = http.get("/api/search", params={"q": "VESSELS sold"}).json()
    assert body["total"] == 2 and sorted(c["text"].split()[0] for c in body["claims"]) == ["40", "400"]
    assert {c["family_size"] for c in body["claims"]} == {2}
    # "_" and "%" are literal characters, not LIKE wildcards
    assert http.get("/api/search", params={"q": "sell_ng"}).json()["total"] == 0
    assert http.get("/api/search", params={"q": "%"}).json()["total"] == 0
    assert http.get("/api/search", params={"q": "   "}).json()["error"]["code"] == "E001"
    assert http.get("/api/search", params={"q": "x", "mode": "regex"}).status_code == 422


def test_search_by_meaning_marks_same_claim_and_near_misses(http):
    body = http.get("/api/search", params={"q": "Port Elsby fishermen sell their boats to pay debts",
                                           "mode": "similar", "limit": 10}).json()
    top = body["claims"][0]
    assert top["accepted"] is True and top["family_size"] == 6 and "boats" in top["text"]
    accepted = [c for c in body["claims"] if c["accepted"]]
    assert {c["family_id"] for c in accepted} == {top["family_id"]}
    assert len(accepted) < len(body["claims"])  # the rest are listed, as related only
    assert [c["cosine"] for c in body["claims"]] == sorted((c["cosine"] for c in body["claims"]), reverse=True)


def test_errors_have_the_one_shape(http):
    for path in ("/api/families/f999999", "/api/families/f999999/graphml", "/api/families/f999999/prov.json"):
        r = http.get(path)
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found", path
    both = http.get("/api/trace", params={"text": BOATS, "claim": "1"})
    assert both.status_code == 422 and both.json()["error"]["code"] == "invalid_request"
    assert http.get("/api/trace").status_code == 422
    miss = http.get("/api/trace", params={"text": "Penguins have taken over the town hall of Oslo"})
    assert miss.status_code == 422 and "no claim family matches" in miss.json()["error"]["message"]
    assert http.get("/api/trace", params={"claim": "999999"}).json()["error"]["code"] == "E001"


def test_pages_render_families_family_sources_search_and_trace(http):
    fam = _boat_family(http)["family"]
    listing = http.get("/families").text
    assert f'href="/families/{fam}"' in listing and "selling their boats" in listing
    page = http.get(f"/families/{fam}").text
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="prov-graph"' in page
    assert page.count('class="occ ') == 6 and "inferred from text" in page and "date unknown" in page
    assert "<del>selling</del>" in page and "<ins>sinking</ins>" in page
    assert 'href="/static/corpus.css"' in page and "style=" not in page
    assert "The New York Times" in http.get("/sources").text
    found = http.get("/search", params={"q": "vessels"}).text
    assert found.count('<li class="result') == 2
    traced = http.get("/trace", params={"text": BOATS})
    assert traced.status_code == 200 and "Found by: matches stored claim" in traced.text
    miss = http.get("/trace", params={"text": "Penguins have taken over the town hall of Oslo"})
    assert miss.status_code == 422 and "no claim family matches" in miss.text
    assert http.get("/families/nope").status_code == 404


def test_hostile_claims_outlets_and_urls_render_as_text(http):
    hits = http.get("/api/search", params={"q": "harbour wall collapsed"}).json()["claims"]
    fam = hits[0]["family_id"]
    assert hits[0]["family_size"] == 2
    for path in (f"/families/{fam}", "/search?q=harbour+wall+collapsed", "/sources"):
        page = http.get(path).text
        assert "<script>window.pwned" not in page and "<img src=x" not in page, path
        assert "javascript:" not in page, path
    page = http.get(f"/families/{fam}").text
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert page.count("<script") == 1  # /static/app.js only
