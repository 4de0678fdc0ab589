"""The JSON API. Responses mirror the CLI: ``POST /api/analyze`` returns exactly what
``claimgraph analyze --json`` prints (``Analysis.to_dict()``, schema in docs/json-schema.md).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from .auth import Editor, Viewer, app_state
from .errors import HttpError
from .work import AnalysisRequest

router = APIRouter(prefix="/api", tags=["articles"])

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"description": text, "content": {"application/json": {"example": {
        "error": {"code": word, "message": "…"}}}}}
    for code, text, word in (
        (400, "Refused URL (loopback, private, metadata address, bad scheme)", "E003"),
        (401, "Team mode: missing or invalid API token", "unauthorized"),
        (403, "Team mode: the role may not do this", "forbidden"),
        (413, "Body, file or article over the limit", "too_large"),
        (422, "Unusable input: empty, binary, not English, invalid fields", "E001"),
        (429, "Rate limit for this token reached (see Retry-After)", "rate_limited"),
        (502, "The URL could not be fetched", "E002"),
    )
}


class AnalyzeBody(BaseModel):
    """Either ``text`` (with optional metadata) or ``url`` alone (the page is fetched)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"text": "The minister said taxes will fall.", "title": "Taxes", "published": "2024-05-14"},
        {"url": "https://example.org/news/story"},
    ]})

    text: str | None = Field(None, description="The article text (plain text).")
    title: str | None = Field(None, max_length=2000, description="Headline; default: first line.")
    published: str | None = Field(None, max_length=64, description="ISO 8601 date or datetime.")
    url: str | None = Field(None, max_length=4096, description=(
        "With text: the article's original address (metadata, not fetched). "
        "Alone: the page to fetch and analyse."))
    allow_non_english: bool = Field(False, description="Analyse non-English text anyway.")


@router.post("/analyze", summary="Analyse one article (same JSON as `claimgraph analyze --json`)",
             responses=ERRORS)
async def analyze(body: AnalyzeBody, request: Request, principal: Editor) -> JSONResponse:
    if body.text is None and not body.url:
        raise HttpError(422, "give 'text' (the article) or 'url' (a page to fetch)",
                        code="invalid_request")
    if body.text is not None:
        work = AnalysisRequest(text=body.text, title=body.title, url=body.url,
                               published=body.published, allow_non_english=body.allow_non_english)
    else:
        work = AnalysisRequest(fetch_url=body.url, title=body.title, published=body.published,
                               allow_non_english=body.allow_non_english)
    analyzer = request.app.state.analyzer
    analysis = await analyzer.run(analyzer.analyze_and_store, work, principal.name)
    return JSONResponse(analysis.to_dict())


@router.get("/articles", summary="Stored articles, newest first")
def list_articles(request: Request, principal: Viewer,
                  limit: int = Query(50, ge=1, le=1000)) -> dict[str, Any]:
    store = app_state(request).stores.get()
    return {"count": store.count(), "articles": list(store.articles(limit))}


@router.get("/articles/{article_id}", summary="One stored analysis (id or a 6+ character prefix)",
            responses={404: {"description": "No such article"}})
def get_article(article_id: str, request: Request, principal: Viewer) -> JSONResponse:
    analysis = app_state(request).stores.get().get(article_id)
    if analysis is None:
        raise HttpError(404, f"no stored article with id {article_id!r}")
    return JSONResponse(analysis.to_dict())
