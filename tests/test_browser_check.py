"""The "Check a claim" page in real headless Chromium: type a claim, submit, read the ranking.

A real ``claimgraph serve`` process on 127.0.0.1 over the library of ``test_server_check_page``
(fixture fact-checks, one hostile ClaimReview, supporting and opposing evidence); every request
to anywhere else is aborted and fails the test. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import pytest

from test_server_check_page import CLAIM, build_library
from test_server_process import ServerProcess

from conftest import ARTIFACTS, CHROMIUM, guarded_page

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium; CI installs it)", allow_module_level=True)
pytestmark = pytest.mark.slow
sync_api = pytest.importorskip("playwright.sync_api", reason="PyPI playwright is not installed")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = ServerProcess(build_library(tmp_path_factory.mktemp("browser-check")), "--no-preload")
    yield srv
    srv.stop()


@pytest.fixture
def page(browser, server):
    with guarded_page(browser, server.base) as pg:
        yield pg


def _clean(page) -> None:
    assert page.seen == {"dialogs": [], "errors": [], "outside": [], "console": []}


def test_typed_claim_shows_ranking_verdict_and_runs_no_hostile_script(page, server):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(server.base + "/")
    page.click("nav >> text=Check")
    page.wait_for_selector("form.check-form")
    page.fill("#text", CLAIM)
    page.click("#check")
    page.wait_for_selector("ol.matches > li.match", timeout=120_000)

    with server.client() as c:
        api = c.get("/api/check", params={"text": CLAIM}).json()
    rows = page.locator("ol.matches > li.match")
    assert [rows.nth(i).get_attribute("data-id") for i in range(rows.count())] == [
        m["factcheck"]["id"] for m in api["matches"]]
    top = rows.first
    assert "above threshold" in top.inner_text().lower() and "Mostly true" in top.inner_text()
    assert top.locator("a.fc-link").get_attribute("href").endswith("/2022/03/tanks-surrender")
    assert "above the calibrated" in page.locator("#threshold-note").inner_text()
    assert page.locator("#verdict .v-label").inner_text().lower() == "disputed"
    assert page.locator("#verdict li.passage.stance-contradicts").count() >= 1
    # CSS from /static/check.css applies (the CSP allows no inline styles)
    border = page.evaluate("() => getComputedStyle(document.querySelector('#verdict')).borderLeftWidth")
    assert border == "6px"

    # The hostile fact-check is listed as text: its markup visible, nothing executed, no link.
    hostile = rows.filter(has_text="javascript:alert(document.domain)")
    assert hostile.count() == 1
    text = hostile.inner_text()
    assert "<script>alert(1)</script>" in text and "{{7*7}}" in text and "<img src=x onerror=alert(2)>" in text
    assert hostile.locator("a").count() == 0
    assert page.locator(".page script, .page img, [onerror], [onmouseover], a[href^='javascript']").count() == 0
    page.wait_for_timeout(300)  # let any wrongly injected handler fire first
    assert page.evaluate("() => window.location.pathname") == "/check"
    assert page.locator("a#api-link").get_attribute("href").startswith("/api/check?text=")
    page.screenshot(path=str(ARTIFACTS / "check-claim.png"), full_page=True)
    _clean(page)
