"""The seed article through the web API as a user would send it: ``POST /api/analyze`` on a real
``claimgraph serve`` finds every expected attribution (9/9, same rule as ``test_seed``), and the
article page it leads to opens with the findings."""

from __future__ import annotations

import pytest

from test_seed import _find
from test_server_process import ServerProcess

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = ServerProcess(tmp_path_factory.mktemp("seed") / "seed.db")
    yield srv
    srv.stop()


def test_seed_through_post_api_analyze_finds_all_expected_attributions(server, seed_text, seed_expected):
    with server.client() as http:
        r = http.post("/api/analyze", json={"text": seed_text}, timeout=300)
        assert r.status_code == 200, r.text
        d = r.json()
        found = [item["id"] for item in seed_expected["attributions"] if _find(d, item) is not None]
        assert len(found) == len(seed_expected["attributions"]) == 9, found
        page = http.get(f"/articles/{d['article']['id']}").text
    # findings first: the findings section comes before the article text and the claims by source
    assert page.index('id="cg-findings-h"') < page.index('class="cg-article"') < page.index("Claims by source")
    assert page.count('class="cg-sev sev-') >= len(d["findings"])
