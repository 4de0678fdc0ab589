"""Verification in the web app: earlier fact-checks for a claim (``claimgraph check --json``)
and the "Check a claim" page (:mod:`.verify_pages`).

Plain ``def`` routes: FastAPI runs them on its thread pool, so building or searching the
matching index never blocks the event loop. The index is cached per library state. Like
:mod:`.corpus_routes`, the module's ``router`` joins the JSON router and the page router, so
``app.ROUTER_MODULES`` lists it once and ``NAV`` puts the page in the header.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Query, Request

from ..errors import InputError
from .auth import Viewer, app_state
from .errors import HttpError

if TYPE_CHECKING:
    from ..verify.match import FactCheckIndex, MatchOptions

MAX_CLAIM = 2000
EMPTY_LIBRARY = "the fact-check library is empty ('claimgraph factchecks import' first)"
router = APIRouter()
NAV = [("Check", "/check")]
api = APIRouter(prefix="/api", tags=["verify"])


def too_long(text: str) -> str | None:
    """The refusal for a claim over :data:`MAX_CLAIM` characters (page and API say the same)."""
    return f"'text' is longer than {MAX_CLAIM} characters" if len(text) > MAX_CLAIM else None


def claim_date(date: str | None) -> tuple[int | None, str | None]:
    """The claim's date as an ordinal day, or the refusal for one that is not a date (page and
    API say the same)."""
    from ..verify.textnorm import day_number

    if not date:
        return None, None
    when = day_number(date)
    return when, None if when is not None else f"'date' {date[:40]!r} is not a date like 2022-03-03"


def factcheck_index(request: Request, options: MatchOptions) -> FactCheckIndex | None:
    """The cached matching index over the store's fact-check library; None when it is empty.

    One place for the API and the page, so both rank with the very same index object.
    """
    from ..store import verify_ops as ops
    from ..verify.check import index_for

    state = app_state(request)
    library = ops.factchecks(state.stores.get())
    if not library:
        return None
    return index_for(library, options, key=state.config.db)


@api.get("/check", summary="Earlier fact-checks that address a claim (`claimgraph check --json`)")
def api_check(request: Request, principal: Viewer, text: str = Query(..., min_length=1),
              k: int = Query(5, ge=1, le=50),
              date: str | None = Query(None, description="When the claim was made (YYYY-MM-DD): "
                                                         "fact-checks from the same weeks rank higher "
                                                         "(`claimgraph check --date`)")) -> dict[str, Any]:
    from ..verify.check import check_claim
    from ..verify.match import MatchOptions
    when, bad_date = claim_date(date)
    refusal = too_long(text) or bad_date
    if refusal:
        raise HttpError(422, refusal, code="invalid_request")
    index = factcheck_index(request, MatchOptions(top_k=k))
    if index is None:
        raise InputError(EMPTY_LIBRARY)
    return check_claim(index, text, when)


router.include_router(api)

from .verify_pages import pages  # noqa: E402 - the pages import this module's helpers lazily

router.include_router(pages)
