"""The "Check a claim" page over a real ``claimgraph serve`` process on 127.0.0.1.

The database is built by the CLI, as a user would: the fact-checks of ``tests/fixtures/factchecks``
plus one hostile ClaimReview (markup and template syntax in every field, a ``javascript:`` URL),
and the supporting and opposing evidence of ``tests/fixtures/evidence``. The page must list the
fact-checks ``GET /api/check`` returns, in its order, and give the verdict ``claimgraph verify``
gives the same claim; everything from a fact-check or the user is shown as text.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from test_server_process import ServerProcess, cli

FIX = Path(__file__).parent / "fixtures"
CLAIM = "Russian soldiers are leaving their tanks and surrendering to villagers."
NOTHING = "Penguins have taken over the town hall of Oslo"
HOSTILE_REVIEW = {
    "@type": "ClaimReview", "url": "javascript:alert(document.domain)", "datePublished": "2024-01-02",
    "claimReviewed": "Russian tanks <script>alert(1)</script> were abandoned by soldiers {{7*7}} near the villages.",
    "author": {"@type": "Organization", "name": "<img src=x onerror=alert(2)>"},
    "reviewRating": {"@type": "Rating", "alternateName": "<b onmouseover=alert(3)>False</b>"},
}
MATCH_ROW = re.compile(r'<li class="match (above|below)" data-id="([^"]+)"')


def build_library(folder: Path, evidence: bool = True) -> Path:
    """A database made with the CLI: fixture fact-checks + the hostile one, and (optionally) evidence."""
    hostile = folder / "hostile-review.json"
    hostile.write_text(json.dumps([HOSTILE_REVIEW]), encoding="utf-8")
    db = folder / "check.db"
    made = cli("factchecks", "import", str(FIX / "factchecks"), str(hostile), "--db", str(db))
    assert made.returncode == 0, made.stderr
    if evidence:
        added = cli("evidence", "add", str(FIX / "evidence" / "supporting"), str(FIX / "evidence" / "opposing"),
                    "--db", str(db), timeout=600)
        assert added.returncode == 0, added.stderr
    return db


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    return build_library(tmp_path_factory.mktemp("check-page"))


@pytest.fixture(scope="module")
def http(library):
    server = ServerProcess(library, "--no-preload")
    with server.client() as c:
        yield c
    server.stop()


def _check(http, text: str) -> tuple[str, dict]:
    """The page and the JSON answer for the same claim."""
    page = http.get("/check", params={"text": text})
    assert page.status_code == 200, page.text
    api = http.get("/api/check", params={"text": text})
    assert api.status_code == 200, api.text
    return page.text, api.json()


def _section(page: str, section_id: str) -> str:
    start = page.index(f'id="{section_id}"')
    return page[start:page.index("</section>", start)]


def test_page_ranks_the_factchecks_as_the_api_does(http):
    page, api = _check(http, CLAIM)
    rows = MATCH_ROW.findall(page)
    assert [fid for _, fid in rows] == [m["factcheck"]["id"] for m in api["matches"]]
    assert [flag == "above" for flag, _ in rows] == [m["above_threshold"] for m in api["matches"]]
    assert api["earlier_factcheck"] and rows[0][0] == "above"
    top = api["matches"][0]
    found = _section(page, "factchecks")
    assert "1 earlier fact-check(s) above the calibrated" in found
    assert f'{api["threshold"]:.2f}' in found and f'{top["score"]:.2f}' in found
    assert html.escape(top["why"], quote=False).replace("'", "&#39;") in found
    assert 'href="https://factcheck.example.org/2022/03/tanks-surrender"' in found
    assert "Mostly true" in found and "Example Fact Desk" in found and "2022-03-05" in found
    query = "+".join(CLAIM.split())
    assert f'<a href="/api/check?text={query}&amp;k=5" id="api-link">' in page
    # conventions: in the nav, its own stylesheet, no inline style or script
    assert '<a href="/check" aria-current="page">Check</a>' in page
    assert 'href="/static/check.css"' in page and "style=" not in page
    assert page.count("<script") == 1 and http.get("/static/check.css").status_code == 200


def test_no_match_above_the_threshold_says_so(http):
    page, api = _check(http, NOTHING)
    assert api["earlier_factcheck"] is False
    assert "<strong>No earlier fact-check above the calibrated threshold</strong>" in page
    assert [fid for _, fid in MATCH_ROW.findall(page)] == [m["factcheck"]["id"] for m in api["matches"]]
    assert {flag for flag, _ in MATCH_ROW.findall(page)} == {"below"}


def test_verdict_and_passages_are_what_verify_says(http, library, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(f"Soldiers give up\n\n{CLAIM}\n", encoding="utf-8")
    # the page verifies the typed claim whatever its check-worthiness: compare with --all
    out = cli("verify", str(article), "--db", str(library), "--json", "--all", timeout=600)
    assert out.returncode == 0, out.stderr
    verdict = next(v for v in json.loads(out.stdout)["verdicts"] if v["claim_text"] == CLAIM)
    assert verdict["label"] == "disputed"  # the wire report supports it, the ministry denies it
    page = http.get("/check", params={"text": CLAIM}).text
    assert '<section class="card verdict v-disputed" id="verdict">' in page
    section = _section(page, "verdict")
    label = re.search(r'<span class="v-label">([^<]*)</span>', section)
    reason = re.search(r'<p class="v-reason">([^<]*)</p>', section)
    assert label and reason
    # the same reason, but for where the claim is: the whole typed text there, a sentence here
    where = re.compile(r" \(claim chars \d+-\d+\)")
    assert where.search(verdict["reason"]) and where.search(html.unescape(reason.group(1)))
    assert label.group(1) == verdict["label"]
    assert where.sub("", html.unescape(reason.group(1))) == where.sub("", verdict["reason"])
    shown = re.findall(r'<li class="passage stance-(\w+)" data-passage="([^"]+)"', section)
    assert shown == [(e["stance"], e["passage_id"]) for e in verdict["evidence"]]
    assert {"supports", "contradicts"} <= {stance for stance, _ in shown}
    # agreement signals, in words: the ministry's denial and negation are conflicts
    assert "<b>conflicts</b> debunked: the passage calls it untrue" in section
    assert "<b>conflicts</b> negation: the passage negates &#39;leave their tanks&#39;" in section
    assert "ministry-statement.txt" in section and "wire-frontline-report.txt" in section


def test_hostile_factcheck_and_claim_text_render_as_text(http):
    claim = "<script>alert(1)</script> Russian tanks abandoned by soldiers {{7*7}} near the villages"
    page, api = _check(http, claim)
    hostile = next(m for m in api["matches"] if m["factcheck"]["url"].startswith("javascript:"))
    assert [fid for _, fid in MATCH_ROW.findall(page)] == [m["factcheck"]["id"] for m in api["matches"]]
    row = page[page.index(f'data-id="{hostile["factcheck"]["id"]}"'):]
    row = row[:row.index("</li>")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in row
    assert "&lt;img src=x onerror=alert(2)&gt;" in row and "&lt;b onmouseover=alert(3)&gt;False&lt;/b&gt;" in row
    assert ('<span class="unsafe-url" title="not linked: not an http(s) URL">'
            "javascript:alert(document.domain)</span>") in row
    # the user's text too: in the textarea and the heading, escaped; never evaluated as a template
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt; Russian tanks") == 2
    assert "<script>alert" not in page and "<img src=x" not in page and "<b onmouseover" not in page
    assert "soldiers {{7*7}} near the villages</textarea>" in page  # the user's, verbatim
    assert "by soldiers {{7*7}} near the villages.”" in row  # the fact-check's, verbatim
    assert not re.search(r'href="\s*javascript:', page, re.I) and page.count("<script") == 1


def test_claim_date_ranks_as_the_api_does_and_stays_in_the_form(http):
    """The date field is ``GET /api/check?date=``: same ranking, same reasons, kept for the next check."""
    page = http.get("/check", params={"text": CLAIM, "date": "2022-03-04"})
    assert page.status_code == 200, page.text
    api = http.get("/api/check", params={"text": CLAIM, "date": "2022-03-04"}).json()
    undated = http.get("/api/check", params={"text": CLAIM}).json()
    rows = MATCH_ROW.findall(page.text)
    assert [fid for _, fid in rows] == [m["factcheck"]["id"] for m in api["matches"]]
    close = next(m for m in api["matches"] if m["factcheck"]["date"] == "2022-03-05")
    assert "dated within about three weeks" in close["why"]
    assert "dated within" not in next(m for m in undated["matches"] if m["factcheck"]["id"] == close["factcheck"]["id"])["why"]
    assert html.escape(close["why"], quote=False).replace("'", "&#39;") in _section(page.text, "factchecks")
    assert 'name="date" id="date" value="2022-03-04"' in page.text
    assert "&amp;date=2022-03-04\" id=\"api-link\">" in page.text


def test_a_bad_date_is_refused_on_the_page_and_shown_as_text(http):
    r = http.get("/check", params={"text": CLAIM, "date": "<b>yesterday</b>"})
    assert r.status_code == 422
    assert "Not checked: &#39;date&#39; &#39;&lt;b&gt;yesterday&lt;/b&gt;&#39; is not a date like 2022-03-03." in r.text
    assert 'value="&lt;b&gt;yesterday&lt;/b&gt;"' in r.text and "<b>yesterday" not in r.text
    assert 'id="factchecks"' not in r.text and 'id="verdict"' not in r.text
    assert http.get("/api/check", params={"text": CLAIM, "date": "<b>yesterday</b>"}).status_code == 422


def test_over_long_claim_is_refused_on_the_page_with_422(http):
    r = http.get("/check", params={"text": "x" * 2001})
    assert r.status_code == 422
    assert "Not checked: the text is 2,001 characters long, and a claim may have at most 2,000." in r.text
    assert 'id="factchecks"' not in r.text and 'id="verdict"' not in r.text
    assert http.get("/api/check", params={"text": "x" * 2001}).status_code == 422


def test_empty_form_shows_the_library_size_only(http):
    r = http.get("/check")
    assert r.status_code == 200
    assert "This database: 5 earlier fact-check(s), 9 trusted evidence passage(s)." in r.text
    assert 'id="factchecks"' not in r.text and 'id="empty-library"' not in r.text


def test_empty_library_is_a_friendly_message_then_a_ranking(tmp_path):
    """No fact-checks and no evidence: a message, not a 500; after an import, the ranking appears."""
    db = tmp_path / "empty.db"
    server = ServerProcess(db, "--no-preload")
    try:
        with server.client() as c:
            for params in ({}, {"text": CLAIM}):
                r = c.get("/check", params=params)
                assert r.status_code == 200, r.text
                assert "Nothing to check against yet" in r.text and "claimgraph factchecks import" in r.text
                assert 'id="factchecks"' not in r.text and 'id="verdict"' not in r.text
            assert c.get("/api/check", params={"text": CLAIM}).json()["error"]["code"] == "E001"
            made = cli("factchecks", "import", str(FIX / "factchecks"), "--db", str(db))
            assert made.returncode == 0, made.stderr
            page, api = _check(c, CLAIM)
            assert [fid for _, fid in MATCH_ROW.findall(page)] == [m["factcheck"]["id"] for m in api["matches"]]
            assert "Nothing to check against yet" not in page
            assert "No verdict: this database holds no trusted evidence" in page
    finally:
        server.stop()


def test_team_mode_needs_a_viewer_token(library):
    """The page sits behind the same ``Viewer`` dependency as the API: no token, no page."""
    made = cli("users", "add", "desk-reader", "--role", "viewer", "--db", str(library))
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    server = ServerProcess(library, "--team", "--no-preload")
    try:
        with server.client() as anonymous:
            r = anonymous.get("/check", params={"text": CLAIM})
            assert r.status_code == 303 and r.headers["location"].startswith("/login?next=/check")
            assert anonymous.get("/api/check", params={"text": CLAIM}).status_code == 401
        with server.client(token) as reader:
            page = reader.get("/check")
            assert page.status_code == 200 and "desk-reader" in page.text
            assert '<form class="check-form" method="get" action="/check"' in page.text
    finally:
        server.stop()
