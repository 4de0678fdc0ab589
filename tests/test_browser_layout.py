"""Every page of the web app at phone (390 px) and desktop (1280 px) width, in real Chromium.

For each page and width: no horizontal overflow (the document is never wider than the
window), a screenshot in ``test-artifacts/layout/``, and axe-core (vendored, see
``tests/vendor/README.md``) run in the page with no violation of serious or critical impact
(contrast, labels, names, ARIA). On the article page the findings must be on the first
screen: what a fact-checker opens the page for is not below the fold.

The server is a real ``claimgraph serve`` over the fixture corpus (so the family, sources
and search pages have content) plus an article analysed through ``POST /api/analyze``.
Requests to anywhere but the server are aborted and fail the test.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from test_server_corpus import BOATS, build_corpus
from test_server_process import ServerProcess

from conftest import ARTIFACTS, CHROMIUM, guarded_page

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium; CI installs it)", allow_module_level=True)
pytestmark = pytest.mark.slow
sync_api = pytest.importorskip("playwright.sync_api", reason="PyPI playwright is not installed")

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
WIDTHS = {390: 844, 1280: 900}  # viewport width -> height (an iPhone 12-14, a laptop)
SHOTS = ARTIFACTS / "layout"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = ServerProcess(build_corpus(tmp_path_factory.mktemp("browser-layout")), "--no-preload")
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def paths(server) -> dict[str, str]:
    """Name -> path of every page worth looking at, with ids resolved on this server."""
    from importlib import resources

    with server.client() as http:
        text = resources.files("claimgraph.examples").joinpath("harbour-fire.txt").read_text(encoding="utf-8")
        r = http.post("/api/analyze", json={"text": text, "published": "2024-05-14"}, timeout=300)
        assert r.status_code == 200, r.text
        analysed = r.json()["article"]["id"]
        fam = http.get("/api/search", params={"q": BOATS}).json()["claims"][0]["family_id"]
        ingested = http.get("/api/search", params={"q": BOATS}).json()["claims"][0]["article_id"]
    return {
        "new": "/", "articles": "/articles", "article": f"/articles/{analysed}",
        "article-in-corpus": f"/articles/{ingested}", "families": "/families", "family": f"/families/{fam}",
        "sources": "/sources", "search": "/search?q=boats", "trace": f"/trace?text={BOATS.replace(' ', '+')}",
        "check": "/check", "api-docs": "/api-docs", "not-found": "/articles/0000000000000000",
    }


@pytest.fixture(scope="module")
def axe_source() -> str:
    data = AXE.read_bytes()
    assert hashlib.sha256(data).hexdigest() == AXE_SHA256, "tests/vendor/axe.min.js differs from the vendored 4.14.1"
    return data.decode("utf-8")


def _check_page(browser, server, path: str, name: str, width: int, axe_source: str) -> dict:
    with guarded_page(browser, server.base) as page:
        page.set_viewport_size({"width": width, "height": WIDTHS[width]})
        page.goto(server.base + path)
        page.wait_for_load_state("load")
        overflow = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1
                          && !el.closest('.graph-scroll, .table-scroll, pre'))
            .slice(0, 5).map(el => el.tagName + '.' + el.className)""")
        assert overflow[0] <= overflow[1], f"{path} at {width} px is {overflow[0]} px wide: {wide}"
        # axe is evaluated through DevTools, not as a page script: the CSP stays in force
        page.evaluate(axe_source)
        result = page.evaluate("""async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                           nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }""")
        bad = [v for v in result if v["impact"] in ("serious", "critical")]
        assert not bad, f"{path} at {width} px: {bad}"
        first = None
        if name in ("article", "article-in-corpus"):
            first = page.evaluate("() => document.querySelector('#cg-findings-h').getBoundingClientRect().top")
        if name == "not-found":  # Chromium logs the page's own 404 status
            page.seen["console"] = [m for m in page.seen["console"] if "404" not in m]
        assert page.seen == {"dialogs": [], "errors": [], "outside": [], "console": []}, page.seen
        return {"violations": result, "findings_top": first}


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_every_page_fits_the_width_and_passes_axe(browser, server, paths, axe_source, width):
    minor = {}
    for name, path in paths.items():
        out = _check_page(browser, server, path, name, width, axe_source)
        minor[name] = [v["id"] for v in out["violations"]]
        if out["findings_top"] is not None:
            # the "Findings" heading is on the first screen, not below a screen of side panel
            assert 0 <= out["findings_top"] < WIDTHS[width] * 0.75, (name, width, out["findings_top"])
    print(f"minor/moderate axe results at {width} px:", {k: v for k, v in minor.items() if v})


def test_skip_link_is_first_and_moves_focus_to_the_content(browser, server, paths):
    with guarded_page(browser, server.base) as page:
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(server.base + paths["article"])
        page.keyboard.press("Tab")
        focused = page.evaluate("() => [document.activeElement.className, document.activeElement.textContent]")
        assert focused == ["skip", "Skip to content"]
        box = page.locator("a.skip").bounding_box()
        assert box is not None and box["y"] >= 0  # shown when focused, not left off-screen
        ring = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
        assert ring == "solid"
        page.keyboard.press("Enter")
        page.wait_for_function("() => location.hash === '#main'")
        assert page.evaluate("() => document.activeElement.id") == "main"


def test_finding_link_highlights_its_span_on_a_phone(browser, server, paths):
    with guarded_page(browser, server.base) as page:
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(server.base + paths["article-in-corpus"])
        # the claim links to its family and to trace, in the web app only
        assert page.locator(".cg-links a.cg-fam").count() >= 1
        assert page.locator(".cg-links a.cg-trace").count() >= 1
        page.goto(server.base + paths["article"])
        link = page.locator(".cg-findings a[href^='#finding-']").first
        href = link.get_attribute("href")
        link.click()
        page.wait_for_function("h => location.hash === h", arg=href)
        span = page.locator(href)
        assert page.evaluate("h => getComputedStyle(document.querySelector(h)).outlineStyle", href) == "solid"
        box = span.bounding_box()
        assert box is not None and -5 <= box["y"] < 844  # scrolled into view
        page.screenshot(path=str(SHOTS / "article-finding-open-390.png"))
        assert page.seen == {"dialogs": [], "errors": [], "outside": [], "console": []}, page.seen
