"""The "Check a claim" page: earlier fact-checks and, with trusted evidence, a verdict.

Nothing here decides anything. The ranking is :func:`claimgraph.verify.check.check_claim` over
the same cached index as ``GET /api/check`` (so the page and the JSON list the same fact-checks
in the same order), and the verdict is :func:`claimgraph.verify.verdict.verify_claim` with the
options ``claimgraph verify`` uses, applied to the typed claim as if it were one claim of an
article. ``claimgraph check`` gives no verdict, hence the verify path for that part.

The template renders plain dicts through Jinja's autoescape; fact-check URLs become links only
when :func:`claimgraph.report.html.safe_href` accepts them (http(s), no ``javascript:``).
The route is a plain ``def`` so the embedding, stance model and SQLite reads run on the
thread pool, away from the event loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ..errors import ClaimgraphError
from .auth import Viewer, app_state
from .errors import status_for
from .views import render

if TYPE_CHECKING:
    from ..store.sqlite import Store
    from ..verify.match import FactCheckIndex

pages = APIRouter(include_in_schema=False)


def claim_verdict(store: Store, claim_text: str, fc_index: FactCheckIndex | None,
                  when: int | None = None) -> dict[str, Any]:
    """What ``claimgraph verify`` would say of this one claim: its verdict as a dict.

    The typed text stands for one claim spanning the whole input (offsets into it), checked
    against the store's evidence passages and, through their ratings, the fact-checks above
    the calibrated threshold. ``when`` (ordinal day) plays the article's publication date.
    """
    from ..model import Claim
    from ..verify.evidence import EvidenceIndex
    from ..verify.options import VerifyOptions
    from ..verify.verdict import verify_claim

    # one typed claim: the informative entity signals cost little here (off for whole articles)
    options = VerifyOptions(entity_signals=True)
    claim = Claim(id="claim", text=claim_text, start=0, end=len(claim_text))
    verdict = verify_claim(claim, EvidenceIndex(store, options.evidence), fc_index, options, when=when)
    return verdict.to_dict()


def _rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The ranked matches plus the one thing the template may not work out: a safe link."""
    from ..report.html import safe_href

    return [{**m, "href": safe_href(m["factcheck"].get("url"))} for m in result["matches"]]


@pages.get("/check")
def check_page(request: Request, principal: Viewer, text: str = "",
               k: int = Query(5, ge=1, le=50), date: str = "") -> Response:
    from ..store import verify_ops as ops
    from ..verify.check import check_claim
    from ..verify.match import MatchOptions
    from ..verify.options import VerifyOptions
    from .verify_routes import MAX_CLAIM, claim_date, factcheck_index, too_long

    store = app_state(request).stores.get()
    counts = {"factchecks": ops.factcheck_count(store), "passages": ops.passage_count(store)}
    date = date.strip()
    view: dict[str, Any] = {"text": text, "k": k, "date": date, "counts": counts, "result": None, "rows": [],
                            "verdict": None, "error": None, "api_url": None}
    claim = " ".join(text.split())
    if not claim:
        return render(request, "check.html", **view)
    if too_long(text):
        view["error"] = (f"Not checked: the text is {len(text):,} characters long, and a claim may have at "
                         f"most {MAX_CLAIM:,}. Paste the claim itself, not the article.")
        return render(request, "check.html", status=422, **view)
    when, bad_date = claim_date(date)
    if bad_date:
        view["error"] = f"Not checked: {bad_date}. Leave the date empty if it is not known."
        return render(request, "check.html", status=422, **view)
    view["api_url"] = "/api/check?" + urlencode({"text": text, "k": k} | ({"date": date} if date else {}))
    try:
        options = MatchOptions(top_k=k)
        index = factcheck_index(request, options)
        if index is not None:
            view["result"] = check_claim(index, text, when)
            view["rows"] = _rows(view["result"])
        if counts["passages"]:
            # verify matches with its default options: the same index unless k was changed
            verify_match = VerifyOptions().match
            fc_index = index if verify_match == options else factcheck_index(request, verify_match)
            view["verdict"] = claim_verdict(store, claim, fc_index, when)
    except ClaimgraphError as exc:  # a missing model or an unreadable store: say so on the page
        view["error"] = f"Not checked: {exc}"
        return render(request, "check.html", status=status_for(exc), **view)
    return render(request, "check.html", **view)
