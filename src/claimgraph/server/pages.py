"""The browser pages: new analysis (paste, upload, URL), stored articles, one article.

Pages work without JavaScript: plain forms post here and are answered with a redirect to
the article page (POST/redirect/GET, so reloading does not resubmit). The analysis page is
the same report as ``claimgraph analyze --html`` (``render_fragment``), with its stylesheet
served from ``/static/report.css`` because the CSP forbids inline styles.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from ..errors import ClaimgraphError
from .auth import Editor, Viewer, app_state
from .errors import HttpError, status_for
from .views import render
from .work import AnalysisRequest

router = APIRouter(include_in_schema=False)


@router.get("/")
def home(request: Request, principal: Viewer) -> Response:
    recent = list(app_state(request).stores.get().articles(8))
    return render(request, "new.html", recent=recent, error=None, form={},
                  can_edit=principal.user.can("editor"))


@router.post("/analyze")
async def analyze_form(
    request: Request,
    principal: Editor,
    text: Annotated[str, Form()] = "",
    url: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
    published: Annotated[str, Form()] = "",
    file: UploadFile | None = None,
) -> Response:
    form = {"text": text, "url": url, "title": title, "published": published}
    upload = await file.read() if file is not None and file.filename else b""
    given = [name for name, value in (("text", text.strip()), ("file", upload),
                                      ("URL", url.strip())) if value]
    try:
        if len(given) != 1:
            raise HttpError(422, "Paste the text, choose a file, or give a URL: exactly one of "
                                 f"them (got {', '.join(given) if given else 'none'}).")
        work = AnalysisRequest(
            text=text if text.strip() else None,
            upload=upload or None,
            upload_name=file.filename if upload and file is not None else None,
            fetch_url=url.strip() or None,
            title=title.strip() or None,
            published=published.strip() or None,
        )
        analyzer = request.app.state.analyzer
        analysis = await analyzer.run(analyzer.analyze_and_store, work, principal.name)
    except (ClaimgraphError, HttpError) as exc:
        status = exc.status if isinstance(exc, HttpError) else status_for(exc)
        message = exc.message if isinstance(exc, HttpError) else str(exc)
        recent = await _recent(request)
        return render(request, "new.html", status=status, recent=recent, error=message, form=form,
                      can_edit=True)
    return RedirectResponse(f"/articles/{analysis.article.id}", status_code=303)


async def _recent(request: Request) -> list[dict]:
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(lambda: list(app_state(request).stores.get().articles(8)))


@router.get("/articles")
def articles(request: Request, principal: Viewer) -> Response:
    store = app_state(request).stores.get()
    return render(request, "articles.html", articles=list(store.articles(500)), total=store.count())


@router.get("/articles/{article_id}")
def article(article_id: str, request: Request, principal: Viewer) -> Response:
    from ..corpus.views import provenance_for_analysis
    from ..report import render_fragment
    from ..report.panels import Links
    store = app_state(request).stores.get()
    analysis = store.get(article_id)
    if analysis is None:
        raise HttpError(404, f"No stored article has the id {article_id!r}.")
    # where else each claim appeared, when the store holds a corpus (empty otherwise)
    provenance = provenance_for_analysis(store, analysis) or None
    # "trace" needs a corpus to search; without one the link would only lead to an error
    links = Links(trace=store.conn.execute("SELECT 1 FROM corpus_claims LIMIT 1").fetchone() is not None)
    return render(
        request,
        "article.html",
        analysis=analysis,
        report=Markup(render_fragment(analysis, with_style=False, provenance=provenance,  # escapes itself
                                      links=links)),
        json_url=f"/api/articles/{analysis.article.id}",
    )


@router.get("/api-docs")
def api_docs(request: Request, principal: Viewer) -> Response:
    """The OpenAPI spec as a plain page (Swagger UI would need a CDN or inline script)."""
    spec = request.app.openapi()
    operations = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            operations.append({"method": method.upper(), "path": path,
                               "summary": op.get("summary", ""),
                               "tags": ", ".join(op.get("tags", []))})
    return render(request, "api_docs.html", operations=operations, version=spec["info"]["version"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}
