"""The web app in real headless Chromium (Debian ``chromium`` + PyPI ``playwright``).

A real ``claimgraph serve`` process on 127.0.0.1; every request the page makes to anywhere
else is aborted (and would fail the test). Screenshots go to ``test-artifacts/`` (gitignored,
kept by CI as artefacts).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from test_server_api import HOSTILE
from test_server_process import ServerProcess

from conftest import ARTIFACTS, CHROMIUM
SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "article.txt"

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium; CI installs it)",
                allow_module_level=True)
pytestmark = pytest.mark.slow
sync_api = pytest.importorskip("playwright.sync_api", reason="PyPI playwright is not installed")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = ServerProcess(tmp_path_factory.mktemp("browser") / "browser.db")
    yield srv
    srv.stop()



class Watch:
    """Everything a page did that it should not: dialogs, console errors, outside requests."""

    def __init__(self, page, base: str) -> None:
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

        def route(r):
            if r.request.url.startswith(base + "/"):
                r.continue_()
            else:
                self.outside.append(r.request.url)
                r.abort()

        page.route("**/*", route)


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.watch = Watch(pg, server.base)
    yield pg
    context.close()


def _submit(page, server, text: str) -> str:
    page.goto(server.base + "/")
    page.fill("#text", text)
    with page.expect_navigation(url=re.compile(r"/articles/[0-9a-f]+$"), timeout=120_000):
        page.click("#analyze")
    return page.url.rsplit("/", 1)[1]


def test_seed_article_shows_attributions_by_source_type(page, server):
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent (the seed article lives outside the repo; CI has it)")
    ARTIFACTS.mkdir(exist_ok=True)
    article_id = _submit(page, server, SEED.read_text(encoding="utf-8"))
    analysis = page.context.request.get(f"{server.base}/api/articles/{article_id}").json()
    with_source = [a for a in analysis["attributions"] if a["source"]]
    assert len(analysis["attributions"]) >= 9

    # Every attribution's content is highlighted, and each source carries its type's class.
    contents = page.locator(".cg-article [id^='att-']")
    assert contents.count() >= 9
    for a in with_source:
        mark = page.locator(f".cg-article #src-{a['id']}")
        assert mark.count() == 1, a["id"]
        assert f"t-{a['source_type']}" in (mark.get_attribute("class") or "").split()
        assert a["source"]["text"].startswith(mark.inner_text().strip()[:3])
    shown_types = {t for t in ("descriptive_person", "named_org") if
                   page.locator(f".cg-article .cg-src.t-{t}").count()}
    assert shown_types == {"descriptive_person", "named_org"}
    assert page.locator(".cg-summary .cg-chip").count() >= 2
    page.screenshot(path=str(ARTIFACTS / "seed-analysis.png"), full_page=True)

    # Open a finding from the side panel: the page jumps to its span, which CSS highlights.
    links = page.locator(".cg-findings a[href^='#finding-']")
    assert links.count() >= 1
    href = links.first.get_attribute("href")
    links.first.click()
    page.wait_for_function("h => location.hash === h", arg=href)
    target = page.locator(":target")
    assert target.count() == 1 and target.get_attribute("id") == href[1:]
    assert page.evaluate("h => getComputedStyle(document.querySelector(h)).outlineStyle", href) == "solid"
    page.screenshot(path=str(ARTIFACTS / "seed-finding-open.png"))
    assert not page.watch.dialogs and not page.watch.errors and not page.watch.outside
    assert not [m for m in page.watch.console if m.startswith("error")], page.watch.console


def test_hostile_article_renders_as_text_and_runs_nothing(page, server):
    ARTIFACTS.mkdir(exist_ok=True)
    _submit(page, server, HOSTILE)
    article = page.locator(".cg-article")
    text = article.inner_text()
    assert "<script>window.pwned=1;alert('x')</script>" in text
    assert "<img src=x onerror=alert(1)>" in text and 'href="javascript:alert(2)"' in text
    assert article.locator("script, img, a, iframe, object, embed").count() == 0
    assert page.locator("script").count() == 1  # /static/app.js only
    assert page.locator("script").get_attribute("src") == "/static/app.js"
    assert page.locator("[onerror], [onclick], [onload]").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.evaluate("() => window.pwned") is None
    page.wait_for_timeout(300)  # let any (wrongly) injected handler fire before checking
    page.screenshot(path=str(ARTIFACTS / "hostile-article.png"), full_page=True)
    assert page.watch.dialogs == []
    assert page.watch.errors == []
    assert page.watch.outside == []
    assert not [m for m in page.watch.console if m.startswith("error")], page.watch.console


def test_refused_url_is_explained_on_the_form(page, server):
    page.goto(server.base + "/")
    page.fill("#url", f"http://127.0.0.1:{server.port}/admin")
    page.click("#analyze")
    alert = page.locator(".alert")
    alert.wait_for()
    assert "127.0.0.1 is a loopback address" in alert.inner_text()
    assert page.input_value("#url").endswith("/admin")  # the form keeps what was typed
