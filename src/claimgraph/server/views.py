"""HTML rendering for the pages: one Jinja environment with autoescaping always on.

Article-derived HTML comes only from :func:`claimgraph.report.render_fragment`, which
escapes every string itself; everything else in a page goes through Jinja's autoescape.
Other areas add navigation entries by exporting ``NAV = [(label, path), ...]`` from their
router module (see ``app.ROUTER_MODULES``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

TEMPLATES = Path(__file__).with_name("templates")


@cache
def environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,  # every template, whatever its extension
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    state = request.app.state.cg
    principal = getattr(request.state, "principal", None)
    page = environment().get_template(name).render(
        team=state.config.team,
        user=principal.user if principal is not None and state.config.team else None,
        nav=request.app.state.nav,
        path=request.url.path,
        **context,
    )
    return HTMLResponse(page, status_code=status, headers={"Cache-Control": "no-store"})
