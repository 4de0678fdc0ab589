"""The HTML report's provenance view: per claim, its family across a real corpus store.

The store is the fixture corpus plus the hostile pair of ``test_server_corpus`` (outlet
``<img src=x onerror=…>``, a claim carrying ``<script>``). Summaries come from
:func:`claimgraph.corpus.views.provenance_for_analysis` on real SQLite; the report must show
them and escape every string in them.
"""

from __future__ import annotations

import re

import pytest

from test_server_corpus import HOSTILE_CLAIM, build_corpus


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from claimgraph.store import Store

    s = Store(build_corpus(tmp_path_factory.mktemp("report-prov")))
    yield s
    s.close()


def _article(store, outlet: str):
    row = store.conn.execute("SELECT id FROM articles WHERE outlet = ?", (outlet,)).fetchone()
    return store.get(row[0])


def test_ingested_article_gets_its_place_and_edges(store):
    from claimgraph.corpus.views import provenance_for_analysis

    analysis = _article(store, "Coastal Daily")
    summary = provenance_for_analysis(store, analysis)
    boats = next(s for s in summary.values() if s["size"] == 6)
    assert [o["outlet"] for o in boats["earliest"]] == ["Northbay Herald"]
    assert boats["position"] == {"in_corpus": True, "rank": 2, "of": 6, "date_status": "metadata",
                                 "earliest": False, "copy": False}
    assert {(e["kind"], e["direction"], e["other_name"]) for e in boats["edges"]} == {
        ("cites", "out", "Northbay Herald"), ("repeats", "out", "Northbay Herald"),
        ("copies", "in", "Valley Times"), ("cites", "in", "Morning Ledger"), ("mutates", "in", "Morning Ledger")}
    assert boats["others"] == 5 and boats["caveats"]


def test_report_shows_the_summary_beside_each_claim(store):
    from claimgraph.corpus.views import provenance_for_analysis
    from claimgraph.report.html import render_html

    analysis = _article(store, "Coastal Daily")
    summary = provenance_for_analysis(store, analysis)
    page = render_html(analysis, provenance=summary)
    assert "<h2>Across the corpus</h2>" in page
    for claim_id in summary:
        assert f'id="prov-{claim_id}"' in page and f'href="#prov-{claim_id}"' in page
    assert "#2 of 6 by publication date (in the corpus)" in page
    assert "<del>selling</del>" in page and "<ins>sinking</ins>" in page
    assert "Across the corpus" not in render_html(analysis)


def test_new_article_is_matched_like_trace_and_placed_by_date(store):
    from claimgraph import analyze
    from claimgraph.corpus.views import provenance_for_analysis

    analysis = analyze("Boats for sale\n\nFishermen in Port Elsby are selling their boats to pay off debts, "
                       "a harbour official said on Sunday.", published="2024-03-03")
    store.save(analysis)  # what `claimgraph analyze FILE --db corpus.db` does before the report
    summary = provenance_for_analysis(store, analysis)
    boats = next(s for s in summary.values() if s["size"] == 6)
    assert boats["match"].startswith("matches stored claim")
    assert boats["position"]["in_corpus"] is False and boats["position"]["rank"] == 1
    assert boats["position"]["earliest"] is True and boats["edges"] == []


def test_store_without_corpus_gives_nothing(tmp_path):
    from claimgraph import analyze
    from claimgraph.corpus.views import provenance_for_analysis
    from claimgraph.store import Store

    analysis = analyze("Boats\n\nFishermen in Port Elsby are selling their boats, the board said.")
    with Store(tmp_path / "plain.db") as plain:
        plain.save(analysis)
        assert provenance_for_analysis(plain, analysis) == {}


def test_hostile_corpus_strings_are_escaped_in_the_report(store):
    from claimgraph import analyze
    from claimgraph.corpus.views import provenance_for_analysis
    from claimgraph.report.html import render_html

    analysis = analyze(f"Wall <i>report</i>\n\nCity officials said that {HOSTILE_CLAIM}.", published="2024-06-03")
    summary = provenance_for_analysis(store, analysis)
    hit = next(s for s in summary.values() if s["size"] == 2)
    assert hit["earliest"][0]["outlet"] == "<img src=x onerror=alert(1)>"
    page = render_html(analysis, provenance=summary)
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in page
    assert not re.search(r"<(script|img|iframe)\b", page, re.I)
    assert "onerror=alert(1)>" not in page.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    assert "javascript:" not in page
