"""Verification in the web API: earlier fact-checks for a claim (``claimgraph check --json``).

A plain ``def`` route: FastAPI runs it on its thread pool, so building or searching the
matching index never blocks the event loop. The index is cached per library state.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request

from ..errors import InputError
from .auth import Viewer, app_state
from .errors import HttpError

MAX_CLAIM = 2000
router = APIRouter(prefix="/api", tags=["verify"])


@router.get("/check", summary="Earlier fact-checks that address a claim (`claimgraph check --json`)")
def api_check(request: Request, principal: Viewer, text: str = Query(..., min_length=1),
              k: int = Query(5, ge=1, le=50)) -> dict[str, Any]:
    from ..store import verify_ops as ops
    from ..verify.check import check_claim, index_for
    from ..verify.match import MatchOptions

    if len(text) > MAX_CLAIM:
        raise HttpError(422, f"'text' is longer than {MAX_CLAIM} characters", code="invalid_request")
    state = app_state(request)
    library = ops.factchecks(state.stores.get())
    if not library:
        raise InputError("the fact-check library is empty ('claimgraph factchecks import' first)")
    index = index_for(library, MatchOptions(top_k=k), key=state.config.db)
    return check_claim(index, text)
