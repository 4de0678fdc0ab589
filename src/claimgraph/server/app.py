"""The application factory: middleware, routers, error handlers, static files, lifespan.

Routers are collected from :data:`ROUTER_MODULES`: each module exports ``router`` (an
``APIRouter``) and optionally ``NAV`` (``[(label, path), ...]`` for the page header). The
corpus and verification areas add their pages and endpoints (families, trace, check) by
appending their module here, without touching the rest of the server.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import ClaimgraphError
from .config import ServerConfig
from .errors import WORD_CODES, HttpError, error_body, status_for
from .security import BodyLimit, CatchAll, LocalGuard, NoCrossSiteWrites, SecurityHeaders
from .state import AppState, RateLimiter, StoreProvider
from .work import Analyzer

log = logging.getLogger("claimgraph.server")

ROUTER_MODULES: list[str] = [
    "claimgraph.server.auth",
    "claimgraph.server.api",
    "claimgraph.server.pages",
    "claimgraph.server.corpus_routes",
    "claimgraph.server.verify_routes",
    # Added by other areas, e.g. "claimgraph.server.corpus", "claimgraph.server.verify".
]
BASE_NAV: list[tuple[str, str]] = [("New analysis", "/"), ("Articles", "/articles"),
                                   ("API", "/api-docs")]
STATIC = Path(__file__).with_name("static")
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".svg": "image/svg+xml"}


def create_app(config: ServerConfig) -> FastAPI:
    """Build the app for ``config``; nothing heavy happens until the server starts."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state.stores.get()  # create / migrate the database before accepting requests
        if config.preload:
            await analyzer.run(analyzer.warm_up)
        try:
            yield
        finally:
            analyzer.shutdown()
            state.stores.close_all()

    app = FastAPI(
        title="claimgraph",
        version=__version__,
        description="Who says what in news articles: attributions, claims, findings. "
        "Responses of /api/analyze are the JSON of `claimgraph analyze --json`.",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: not allowed here
        redoc_url=None,
        openapi_url=None,  # served by api.py behind the same login as /api-docs
        lifespan=lifespan,
    )
    state = AppState(config, StoreProvider(config.db),
                     RateLimiter(config.rate_per_minute, config.rate_burst))
    analyzer = Analyzer(config, state.stores)
    app.state.cg = state
    app.state.analyzer = analyzer
    app.state.nav = list(BASE_NAV)
    for name in ROUTER_MODULES:
        module = importlib.import_module(name)
        app.include_router(module.router)
        app.state.nav.extend(getattr(module, "NAV", []))
    app.add_api_route("/static/{name}", static_file, include_in_schema=False)
    _add_error_handlers(app)
    # Outermost last: headers on everything, then the local-mode host check, then the CSRF
    # check, then the body limit closest to the app.
    app.add_middleware(CatchAll)
    app.add_middleware(BodyLimit, limit=config.max_body_bytes)
    app.add_middleware(NoCrossSiteWrites)
    if not config.team:
        app.add_middleware(LocalGuard)
    app.add_middleware(SecurityHeaders)
    return app


@cache
def _static_bytes(name: str) -> bytes | None:
    if name == "report.css":
        from ..report.html import report_css
        from ..report.provenance import PROVENANCE_CSS
        from ..report.verdicts import VERDICT_CSS

        return (report_css() + PROVENANCE_CSS + VERDICT_CSS).encode("utf-8")
    path = STATIC / name
    if "/" in name or name.startswith(".") or not path.is_file():
        return None
    return path.read_bytes()


def static_file(name: str) -> Response:
    """Files shipped in ``server/static`` (plus the report stylesheet): a fixed set, no paths."""
    body = _static_bytes(name)
    kind = STATIC_TYPES.get(Path(name).suffix)
    if body is None or kind is None:
        raise HttpError(404, f"no static file {name!r}")
    return Response(body, media_type=kind, headers={"Cache-Control": "public, max-age=3600"})


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, code: str, message: str,
           headers: dict[str, str] | None = None) -> Response:
    if _wants_json(request):
        return JSONResponse(error_body(code, message), status_code=status, headers=headers)
    if status == 401 and request.app.state.cg.config.team:
        from .auth import login_redirect

        return login_redirect(request)
    from .views import render

    response = render(request, "error.html", status=status, status_code=status, message=message)
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HttpError)
    async def http_error(request: Request, exc: HttpError) -> Response:
        return _error(request, exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(ClaimgraphError)
    async def claimgraph_error(request: Request, exc: ClaimgraphError) -> Response:
        return _error(request, status_for(exc), exc.code, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def starlette_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        return _error(request, exc.status_code, WORD_CODES.get(exc.status_code, "error"), message,
                      dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
            problems.append(f"{where}: {err.get('msg', 'invalid')}")
        return _error(request, 422, "invalid_request", "; ".join(problems) or "invalid request")
