"""The corpus in the web app: claim families, provenance, sources and search, as JSON and pages.

The JSON endpoints mirror the CLI: each calls the same function of
:mod:`claimgraph.corpus.views` that ``claimgraph families|trace|sources --json`` calls, so the
rows are identical (lists come wrapped in an object with their paging fields). Pages render the
same dicts through autoescaping templates; the provenance graph is static SVG drawn on the
server (:func:`claimgraph.report.provenance.graph_svg`), no JavaScript and no CDN.

Every route is a plain ``def``: FastAPI runs it on its thread pool, where SQLite reads and the
sentence-embedding lookup of ``trace``/``search`` cannot block the event loop.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from markupsafe import Markup

from ..corpus import views as cv
from ..errors import ClaimgraphError
from ..store.sqlite import Store
from .auth import Viewer, app_state
from .errors import HttpError
from .views import render

router = APIRouter()
NAV = [("Families", "/families"), ("Sources", "/sources"), ("Search", "/search")]
PAGE = 30
MAX_INT = 2**62  # SQLite and PostgreSQL integers are 64-bit: a larger offset is a 422, not a 500
MAX_REF = 200  # a claim reference (number or ARTICLE_ID:CLAIM_ID) is short


def _store(request: Request) -> Store:
    return app_state(request).stores.get()


def _family_or_404(store: Store, family_id: str) -> tuple[Any, str]:
    found = cv.family(store, family_id)
    if found is None:
        raise HttpError(404, f"no claim family {family_id!r}")
    return found


def _trace_args(text: str | None, claim: str | None) -> dict[str, str]:
    text, claim = (text or "").strip() or None, (claim or "").strip() or None
    if claim is not None and len(claim) > MAX_REF:
        raise HttpError(422, f"'claim' is a claim number or ARTICLE_ID:CLAIM_ID, at most {MAX_REF} characters")
    if bool(text) == bool(claim):
        raise HttpError(422, "give 'text' (a claim in your words) or 'claim' (a stored claim: its number or "
                             "ARTICLE_ID:CLAIM_ID), exactly one of them", code="invalid_request")
    if text and len(text) > cv.MAX_QUERY:
        raise HttpError(422, f"'text' is longer than {cv.MAX_QUERY} characters", code="invalid_request")
    return {"claim_text": text} if text else {"claim_ref": claim}  # type: ignore[dict-item]


# --- JSON ------------------------------------------------------------------------------------

api = APIRouter(prefix="/api", tags=["corpus"])


@api.get("/families", summary="Claim families, largest first (`claimgraph families --json`)")
def api_families(request: Request, principal: Viewer, min_size: int = Query(2, ge=1, le=MAX_INT),
                 limit: int = Query(PAGE, ge=1, le=500), offset: int = Query(0, ge=0, le=MAX_INT)) -> dict[str, Any]:
    store = _store(request)
    return {"total": cv.families_total(store, min_size), "min_size": min_size, "limit": limit, "offset": offset,
            "families": cv.families_list(store, min_size, limit, offset)}


@api.get("/families/{family_id}", summary="One family's members and provenance (`claimgraph trace --json`)",
         responses={404: {"description": "No such family"}})
def api_family(family_id: str, request: Request, principal: Viewer) -> dict[str, Any]:
    prov, note = _family_or_404(_store(request), family_id)
    return cv.trace_dict(prov, note)


@api.get("/families/{family_id}/graphml", summary="The provenance graph as GraphML (Gephi, yEd)",
         response_class=Response, responses={200: {"content": {"application/graphml+xml": {}}}})
def api_family_graphml(family_id: str, request: Request, principal: Viewer) -> Response:
    from ..corpus.export import to_graphml

    prov, _ = _family_or_404(_store(request), family_id)
    return Response(to_graphml(prov), media_type="application/graphml+xml; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="family-{_safe_name(family_id)}.graphml"'})


@api.get("/families/{family_id}/prov.json", summary="The provenance graph as W3C PROV-JSON")
def api_family_prov(family_id: str, request: Request, principal: Viewer) -> JSONResponse:
    from ..corpus.export import to_prov_json

    prov, _ = _family_or_404(_store(request), family_id)
    name = f"family-{_safe_name(family_id)}.prov.json"
    return JSONResponse(to_prov_json(prov), media_type="application/json",
                        headers={"Content-Disposition": f'inline; filename="{name}"'})


@api.get("/trace", summary="Find a claim's family and its provenance (`claimgraph trace TEXT|--claim ID --json`)",
         responses={422: {"description": "Neither or both of text/claim, or no family matches (E001)"}})
def api_trace(request: Request, principal: Viewer, text: str | None = None,
              claim: str | None = None) -> dict[str, Any]:
    prov, note = cv.trace(_store(request), **_trace_args(text, claim))
    return cv.trace_dict(prov, note)


@api.get("/sources", summary="Canonical sources across the corpus (`claimgraph sources --json`)")
def api_sources(request: Request, principal: Viewer, limit: int = Query(40, ge=1, le=1000),
                offset: int = Query(0, ge=0, le=MAX_INT)) -> dict[str, Any]:
    return {"limit": limit, "offset": offset, "sources": cv.sources_list(_store(request), limit, offset)}


@api.get("/search", summary="Stored claims by words (mode=text) or by meaning (mode=similar)")
def api_search(request: Request, principal: Viewer, q: str = Query(..., max_length=cv.MAX_QUERY),
               mode: str = Query("text", pattern="^(text|similar)$"), limit: int = Query(20, ge=1, le=200),
               offset: int = Query(0, ge=0, le=MAX_INT)) -> dict[str, Any]:
    return cv.search_claims(_store(request), q, mode, limit, offset)


def _safe_name(family_id: str) -> str:
    return "".join(ch for ch in family_id if ch.isalnum() or ch in "-_")[:64] or "family"


# --- pages -----------------------------------------------------------------------------------

pages = APIRouter(include_in_schema=False)


@pages.get("/families")
def families_page(request: Request, principal: Viewer, min_size: int = Query(2, ge=1, le=MAX_INT),
                  offset: int = Query(0, ge=0, le=MAX_INT)) -> Response:
    from ..store import corpus_ops as ops

    store = _store(request)
    total = cv.families_total(store, min_size)
    return render(request, "corpus_families.html", families=cv.families_list(store, min_size, PAGE, offset),
                  total=total, min_size=min_size, offset=offset, page=PAGE, counts=ops.corpus_counts(store))


def _family_page(request: Request, prov: Any, note: str | None, status: int = 200) -> Response:
    from ..report.provenance import diff_parts, graph_svg

    data = prov.to_dict()
    nodes = {n["id"]: n for n in data["nodes"]}
    claims = [nodes[i] for i in data["timeline"]]
    dated = [n for n in claims if n["date_status"] == "metadata"]
    undated = [n for n in claims if n["date_status"] != "metadata"]
    edges = [{**ed, "src_node": nodes.get(ed["src"]), "dst_node": nodes.get(ed["dst"]),
              "diff_parts": diff_parts(ed["detail"].get("diff")) if ed["kind"] == "mutates" else []}
             for ed in data["edges"]]
    founder = min((n for n in claims), key=lambda n: n["n"], default=None)
    outlets = {n.get("outlet_key") or n["article"] for n in claims}
    return render(request, "corpus_family.html", status=status, family=data, dated=dated, undated=undated,
                  edges=edges, sources=[n for n in data["nodes"] if n["kind"] == "source"], founder=founder,
                  outlets=len(outlets), note=note, earliest=set(data["earliest"]), nodes=nodes,
                  first_seen=_first_seen(data, nodes),
                  timeline=Markup(_appearances_svg(dated, data)),  # timeline_svg escapes every string
                  graph=Markup(graph_svg(data)))  # graph_svg escapes every string itself


def _first_seen(data: dict[str, Any], nodes: dict[str, Any]) -> str:
    """One line for the earliest dated appearance(s), however many share that time:
    "The Guardian, 2022-05-21 23:17 (and 6 more at that time: The Guardian, …)"."""
    from ..report.provenance import when

    first = [nodes[i] for i in data["earliest"] if i in nodes]
    if not first:
        return ""
    head = f"{first[0].get('outlet') or 'unknown outlet'}, {when(first[0].get('published'))}"
    if len(first) == 1:
        return head
    others = sorted({n.get("outlet") or "unknown outlet" for n in first[1:]})
    return f"{head} (and {len(first) - 1} more at that time: {', '.join(others)})"


def _appearances_svg(dated: list[dict[str, Any]], data: dict[str, Any]) -> str:
    from ..report.timeline import Event, timeline_svg

    earliest = set(data["earliest"])
    events = [Event(when=n["published"], label=n.get("outlet") or "unknown outlet", text=n["text"],
                    href=f"#occ-{n['id']}", tip=f"{n.get('outlet') or '?'}: “{n['text']}”",
                    cls="tl-first" if n["id"] in earliest else ("tl-copy" if n.get("copy_of") else ""))
              for n in dated if n.get("published")]
    # a line with every point at the same moment says nothing the "first seen" line does not
    moments = {ev.when[:16] for ev in events}
    return timeline_svg(events, "Appearances of this claim over time", width=420) if len(moments) > 1 else ""


@pages.get("/families/{family_id}")
def family_page(family_id: str, request: Request, principal: Viewer) -> Response:
    found = cv.family(_store(request), family_id)
    if found is None:
        raise HttpError(404, f"No claim family has the id {family_id!r}.")
    return _family_page(request, found[0], None)


@pages.get("/trace")
def trace_page(request: Request, principal: Viewer, text: str | None = None, claim: str | None = None) -> Response:
    try:
        prov, note = cv.trace(_store(request), **_trace_args(text, claim))
    except (ClaimgraphError, HttpError) as exc:
        message = exc.message if isinstance(exc, HttpError) else str(exc)
        return render(request, "corpus_search.html", status=422, q=text or claim or "", mode="similar",
                      result=None, error=message)
    return _family_page(request, prov, note)


@pages.get("/sources")
def sources_page(request: Request, principal: Viewer, offset: int = Query(0, ge=0, le=MAX_INT)) -> Response:
    from ..store import corpus_ops as ops

    store = _store(request)
    rows = cv.sources_list(store, PAGE + 1, offset)
    return render(request, "corpus_sources.html", sources=rows[:PAGE], more=len(rows) > PAGE, offset=offset,
                  page=PAGE, counts=ops.corpus_counts(store))


@pages.get("/search")
def search_page(request: Request, principal: Viewer, q: str = "", mode: str = "text",
                offset: int = Query(0, ge=0, le=MAX_INT)) -> Response:
    mode = mode if mode in cv.SEARCH_MODES else "text"
    result, error = None, None
    if q.strip():
        try:
            # by meaning, the tail of the nearest claims is noise to a reader: show the closest 10
            result = cv.search_claims(_store(request), q, mode, PAGE if mode == "text" else 10, offset)
        except ClaimgraphError as exc:
            error = str(exc)
    return render(request, "corpus_search.html", status=422 if error else 200, q=q, mode=mode, result=result,
                  error=error)


router.include_router(api)
router.include_router(pages)
