"""Who is asking, and may they: API tokens, roles, the login cookie, rate limits.

Single-user mode has no login: every request acts as the local user with every role (the
server only listens on loopback then). Team mode requires a token on every request except
``/healthz``, static files and the login page: ``Authorization: Bearer <token>`` for scripts,
or the same token in an HttpOnly, SameSite=Strict cookie set by the login form for browsers.
Each token has its own rate-limit bucket, so one busy script cannot starve the newsroom.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from ..store.accounts_ops import User, audit_log, authenticate, token_id
from .errors import HttpError
from .state import AppState

COOKIE = "cg_token"
LOCAL_USER = User(id="local", name="local", role="admin")


@dataclass(frozen=True, slots=True)
class Principal:
    """The acting user and how they proved it (``local``, ``bearer`` or ``cookie``)."""

    user: User
    via: str

    @property
    def name(self) -> str:
        return self.user.name


def app_state(request: Request) -> AppState:
    return request.app.state.cg  # type: ignore[no-any-return]


def _token_of(request: Request) -> tuple[str | None, str]:
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip(), "bearer"
    cookie = request.cookies.get(COOKIE)
    return (cookie, "cookie") if cookie else (None, "")


def current_principal(request: Request) -> Principal:
    """Authenticate the request (team mode) and spend one rate-limit token.

    A sync dependency on purpose: FastAPI runs it on its thread pool, where the database
    lookup cannot block the event loop.
    """
    state = app_state(request)
    if not state.config.team:
        principal = Principal(LOCAL_USER, "local")
    else:
        token, via = _token_of(request)
        if not token:
            raise HttpError(401, "this server needs an API token: send 'Authorization: Bearer "
                                 "<token>' (an admin creates one with: claimgraph users add NAME)",
                            headers={"WWW-Authenticate": "Bearer"})
        user = _authenticate_limited(request, token)
        if user is None:
            raise HttpError(401, "the API token is invalid, revoked, or its user is disabled",
                            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
        wait = state.limiter.take(token_id(token) or user.id)
        if wait > 0:
            seconds = max(1, math.ceil(wait))
            raise HttpError(429, f"rate limit reached for this token; retry in {seconds} s",
                            headers={"Retry-After": str(seconds)})
        principal = Principal(user, via)
    request.state.principal = principal
    return principal


def _client(request: Request) -> str:
    return request.client.host if request.client else "?"


def _refuse_if_guessing(request: Request) -> None:
    """429 for an address that has failed too many logins lately (see ``state.py``)."""
    wait = app_state(request).failed_logins.wait(_client(request))
    if wait > 0:
        seconds = max(1, math.ceil(wait))
        raise HttpError(429, f"too many failed logins from this address; retry in {seconds} s",
                        headers={"Retry-After": str(seconds)})


def _authenticate_limited(request: Request, token: str) -> Any:
    """The token's user, or None (a failure, counted against the client address)."""
    _refuse_if_guessing(request)
    state = app_state(request)
    user = authenticate(state.stores.get(), token)
    if user is None:
        state.failed_logins.take(_client(request))
    return user


def require(role: str) -> Any:
    """A dependency that lets through users with ``role`` or a higher one."""

    def dependency(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
        if not principal.user.can(role):
            raise HttpError(403, f"the {principal.user.role} role may not do this; it needs "
                                 f"{role} or higher")
        return principal

    dependency.__name__ = f"require_{role}"
    return dependency


Viewer = Annotated[Principal, Depends(require("viewer"))]
Editor = Annotated[Principal, Depends(require("editor"))]
Admin = Annotated[Principal, Depends(require("admin"))]

router = APIRouter()


def _safe_next(target: str | None) -> str:
    """Only same-site paths: ``//evil.example`` or ``https://…`` would be an open redirect."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


@router.get("/login", include_in_schema=False)
def login_page(request: Request, next: str | None = None) -> Response:
    from .views import render

    if not app_state(request).config.team:
        return RedirectResponse("/", status_code=303)
    return render(request, "login.html", next=_safe_next(next), error=None)


@router.post("/login", include_in_schema=False)
def login(request: Request, token: Annotated[str, Form()] = "",
          next: Annotated[str, Form()] = "/") -> Response:
    from .views import render

    state = app_state(request)
    if not state.config.team:
        return RedirectResponse("/", status_code=303)
    user = _authenticate_limited(request, token.strip())
    if user is None:
        return render(request, "login.html", status=401, next=_safe_next(next),
                      error="That token is not valid (or it was revoked).")
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(COOKIE, token.strip(), httponly=True, samesite="strict", path="/",
                        secure=state.config.secure_cookies, max_age=12 * 3600)
    return response


@router.post("/logout", include_in_schema=False)
def logout() -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


def login_redirect(request: Request) -> Response:
    """Where a browser without a valid cookie is sent in team mode."""
    path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(path, safe='/')}", status_code=303)


@router.get("/api/me", tags=["accounts"], summary="The user the request is authenticated as")
def me(principal: Viewer) -> dict[str, Any]:
    return {"name": principal.name, "role": principal.user.role, "via": principal.via}


@router.get("/api/audit", tags=["accounts"], summary="The newest audit-log entries (admin)")
def audit_entries(request: Request, principal: Admin, limit: int = Query(100, ge=1, le=10_000)) -> dict[str, Any]:
    limit = max(1, min(limit, 1000))
    return {"entries": audit_log(app_state(request).stores.get(), limit)}


@router.get("/openapi.json", include_in_schema=False)
def openapi_json(request: Request, principal: Viewer) -> Response:
    """The OpenAPI spec, behind the same login as ``/api-docs`` (in team mode it lists what the
    server can do, which is not for anonymous callers)."""
    from fastapi.responses import JSONResponse

    return JSONResponse(request.app.openapi())
