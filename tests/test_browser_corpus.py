"""The corpus pages in real headless Chromium: a family's timeline and its SVG graph.

A real ``claimgraph serve`` process on 127.0.0.1 over the fixture corpus (plus a hostile
pair, see ``test_server_corpus``); every request to anywhere else is aborted and fails the
test. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import pytest

from test_server_corpus import build_corpus
from test_server_process import ServerProcess

from conftest import ARTIFACTS, CHROMIUM, guarded_page

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium; CI installs it)", allow_module_level=True)
pytestmark = pytest.mark.slow
sync_api = pytest.importorskip("playwright.sync_api", reason="PyPI playwright is not installed")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = ServerProcess(build_corpus(tmp_path_factory.mktemp("browser-corpus")), "--no-preload")
    yield srv
    srv.stop()


@pytest.fixture
def page(browser, server):
    with guarded_page(browser, server.base) as pg:
        yield pg


def _clean(page) -> None:
    assert page.seen == {"dialogs": [], "errors": [], "outside": [], "console": []}


def test_family_page_shows_timeline_and_svg_graph(page, server):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(server.base + "/families")
    page.locator("table.families tbody tr").first.locator("a").first.click()
    page.wait_for_selector("svg.prov-graph")

    # The timeline: four appearances dated from metadata in date order, then the two that are not.
    dated = page.locator("ol.timeline:not(.undated) > li.occ")
    assert dated.count() == 4
    days = [d.strip() for d in dated.locator(".day").all_inner_texts()]
    assert days == sorted(days) and days[0] == "2024-03-04"
    first = page.locator("li.occ.earliest")
    assert first.count() == 1 and "Northbay Herald" in first.inner_text()
    undated = page.locator("ol.timeline.undated > li.occ")
    assert undated.count() == 2
    tags = {t.strip().lower() for t in undated.locator(".tag").all_inner_texts()}
    assert tags == {"inferred from text", "date unknown"}

    # The graph: static SVG drawn by the server, one box per appearance, one path per edge.
    graph = page.locator("svg.prov-graph")
    box = graph.bounding_box()
    assert box is not None and box["width"] > 700 and box["height"] > 150
    assert graph.locator("a.g-node").count() == 6 and graph.locator("path.g-edge").count() == 7
    assert "Northbay Herald" in graph.locator("a.g-node.earliest").text_content()
    assert graph.locator("path.e-mutates").count() == 1
    # CSS from /static/corpus.css reaches the SVG (the CSP allows no inline styles)
    stroke = page.evaluate("() => getComputedStyle(document.querySelector('path.g-edge.e-mutates')).stroke")
    assert stroke == "rgb(197, 34, 31)"
    headers = graph.locator("text.g-col").all_text_contents()
    assert headers[0] == "2024-03-04" and headers[-1] == "date unknown or inferred"
    page.screenshot(path=str(ARTIFACTS / "corpus-family.png"), full_page=True)

    # A box in the graph is a link to its place in the timeline.
    node = graph.locator("a.g-node[data-node]").filter(has_text="Morning Ledger")
    node_id = node.get_attribute("data-node")
    node.click()
    page.wait_for_function("h => location.hash === h", arg=f"#occ-{node_id}")
    assert "Morning Ledger" in page.locator(":target").inner_text()
    _clean(page)


def test_hostile_family_found_by_search_runs_nothing(page, server):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(server.base + "/search")
    page.fill("#q", "harbour wall collapsed")
    page.click("#search-words")
    page.wait_for_selector("li.result")
    assert page.locator("li.result").count() == 2
    page.locator("a.chip-family").first.click()
    page.wait_for_selector("svg.prov-graph")
    text = page.locator("ol.timeline").inner_text()
    assert "<script>window.pwned=1</script>" in text and "<img src=x onerror=alert(1)>" in text
    assert page.locator(".page script, .page img, svg script, [onerror]").count() == 0
    assert page.evaluate("() => window.pwned") is None
    page.wait_for_timeout(300)  # let any wrongly injected handler fire first
    page.screenshot(path=str(ARTIFACTS / "corpus-hostile-family.png"), full_page=True)
    _clean(page)
