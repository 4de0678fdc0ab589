"""The corpus answers as plain dicts, shared by the CLI (``--json``), the web API and the pages.

Why one module: ``claimgraph families --json`` and ``GET /api/families`` must never disagree,
so neither builds its own rows; both call these functions. Everything returned is JSON-able.
The per-claim summary for the HTML report (:func:`provenance_for_analysis`) lives here too: it
is the same provenance graph, cut down to what one article needs to show beside each claim.
"""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from ..model import Analysis
from ..store import corpus_ops as ops
from ..store.sqlite import Store
from .provenance import Provenance, build, resolver_for

SEARCH_MODES = ("text", "similar")
MAX_QUERY = 500


# --- families, trace, sources: exactly what the CLI prints with --json ------------------------

def families_list(store: Store, min_size: int = 2, limit: int = 30, offset: int = 0) -> list[dict[str, Any]]:
    """Claim families, largest first (``claimgraph families --json``); ``offset`` pages on."""
    offset = max(0, offset)
    return ops.families(store, min_size, offset + limit)[offset:]


def families_total(store: Store, min_size: int = 2) -> int:
    return ops.families_count(store, min_size)


def trace_dict(prov: Provenance, note: str) -> dict[str, Any]:
    """The provenance graph as ``claimgraph trace --json`` prints it."""
    return {**prov.to_dict(), "match": note}


def trace(store: Store, *, claim_text: str | None = None, claim_ref: str | None = None) -> tuple[Provenance, str]:
    """(provenance, how the family was found) for a free text or a stored claim reference."""
    from .trace import find_family

    if bool(claim_text) == bool(claim_ref):
        raise InputError("give a claim text or a stored claim reference (one of them, not both)")
    family_id, note = find_family(store, claim_text=claim_text, claim_ref=claim_ref)
    return build(store, family_id), note


def family_exists(store: Store, family_id: str) -> bool:
    return store.conn.execute("SELECT 1 FROM corpus_families WHERE id = ?", (family_id,)).fetchone() is not None


def family(store: Store, family_id: str) -> tuple[Provenance, str] | None:
    """A family by id, as ``trace --claim`` would show it; None when there is no such family."""
    if not family_exists(store, family_id):
        return None
    return build(store, family_id), f"family {family_id}"


def sources_list(store: Store, limit: int | None = 40, offset: int = 0) -> list[dict[str, Any]]:
    """Canonical sources with their claims, types and outlets (``claimgraph sources --json``)."""
    from .stats import source_stats

    offset = max(0, offset)
    rows = source_stats(store, offset + limit if limit else None)
    return rows[offset:]


# --- search ----------------------------------------------------------------------------------

def _like_pattern(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


_CLAIM_COLUMNS = (
    "SELECT c.n, c.article_id, c.claim_id, c.text, c.source_name, c.source_type, m.family_id, f.size AS family_size, "
    "a.title, a.outlet, a.published, a.published_source FROM corpus_claims c JOIN articles a ON a.id = c.article_id "
    "LEFT JOIN corpus_family_members m ON m.claim_n = c.n LEFT JOIN corpus_families f ON f.id = m.family_id "
)


def _claim_row(r: Any) -> dict[str, Any]:
    d = dict(r)
    source = d.pop("published_source", None)
    d["date_status"] = "unknown" if not d["published"] else "metadata" if source == "metadata" else "inferred"
    return d


def search_claims(store: Store, query: str, mode: str = "text", limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Stored claims for a query.

    ``text``: every word of the query occurs in the claim (case-insensitive SQL ``LIKE``; a
    full scan, fine for tens of thousands of claims). ``similar``: the nearest claims by the
    family lookup (sentence vectors + word overlap), each with ``accepted`` = whether it would
    join the same family, so a reader sees near misses as near misses.
    """
    query = " ".join(query.split())
    if not query:
        raise InputError("the search query is empty")
    if len(query) > MAX_QUERY:
        raise InputError(f"the search query is longer than {MAX_QUERY} characters")
    if mode not in SEARCH_MODES:
        raise InputError(f"unknown search mode {mode!r} (use one of: {', '.join(SEARCH_MODES)})")
    limit, offset = max(1, min(limit, 200)), max(0, offset)
    if mode == "similar":
        return {"query": query, "mode": mode, "offset": 0, "limit": limit, "claims": _similar(store, query, limit)}
    words = query.lower().split()[:12]
    where = " AND ".join("lower(c.text) LIKE ? ESCAPE '\\'" for _ in words)
    params: list[Any] = [_like_pattern(w) for w in words]
    total = int(store.conn.execute(f"SELECT count(*) FROM corpus_claims c WHERE {where}", params).fetchone()[0])
    rows = store.conn.execute(_CLAIM_COLUMNS + f"WHERE {where} ORDER BY c.n LIMIT ? OFFSET ?",
                              [*params, limit, offset])
    return {"query": query, "mode": mode, "offset": offset, "limit": limit, "total": total,
            "claims": [_claim_row(r) for r in rows]}


def _similar(store: Store, query: str, limit: int) -> list[dict[str, Any]]:
    from .embed import Embedder
    from .families import THRESHOLDS, lookup
    from .trace import index_embedder

    embedder = Embedder(index_embedder(store))
    hits = lookup(store, query, embedder, k=limit)
    if not hits:
        return []
    rows = {int(r["n"]): _claim_row(r) for r in store.conn.execute(
        _CLAIM_COLUMNS + f"WHERE c.n IN ({','.join('?' * len(hits))})", [n for n, *_ in hits])}
    out = []
    for n, cos, lex, _ in hits:
        if n in rows:
            out.append({**rows[n], "cosine": round(cos, 4), "overlap": round(lex, 4),
                        "accepted": THRESHOLDS[embedder.name].accept(cos, lex)})
    return out


# --- the HTML report's provenance view -------------------------------------------------------

def _has_corpus(store: Store) -> bool:
    try:
        return store.conn.execute("SELECT 1 FROM corpus_articles LIMIT 1").fetchone() is not None
    except Exception:  # noqa: BLE001 - no corpus tables (another store kind): nothing to show
        return False


def _families_of_stored(store: Store, article_id: str) -> dict[str, tuple[str, str]]:
    rows = store.conn.execute(
        "SELECT c.claim_id, c.n, m.family_id FROM corpus_claims c JOIN corpus_family_members m ON m.claim_n = c.n "
        "WHERE c.article_id = ?", (article_id,))
    return {r["claim_id"]: (r["family_id"], f"stored claim {r['n']}") for r in rows}


def _families_by_lookup(store: Store, analysis: Analysis) -> dict[str, tuple[str, str]]:
    """Families for the claims of an article that is not in the corpus (matched like ``trace``)."""
    from .embed import Embedder
    from .families import THRESHOLDS, lookup
    from .trace import index_embedder
    from .work import claim_rows

    embedder = Embedder(index_embedder(store))
    thresholds = THRESHOLDS[embedder.name]
    out: dict[str, tuple[str, str]] = {}
    for row in claim_rows(analysis):
        if not row["indexed"]:
            continue
        for n, cos, lex, fid in lookup(store, row["core"], embedder, k=3):
            if fid and thresholds.accept(cos, lex):
                out[row["claim_id"]] = (fid, f"matches stored claim {n} (cosine {cos:.2f}, word overlap {lex:.2f})")
                break
    return out


def _occurrence(node: dict[str, Any]) -> dict[str, Any]:
    return {"node": node["id"], "article": node["article"], "outlet": node.get("outlet"), "title": node.get("title"),
            "url": node.get("url"), "published": node.get("published"), "date_status": node.get("date_status")}


def _position(prov: Provenance, analysis: Analysis, own: list[str]) -> dict[str, Any]:
    """Where this article stands in the family's timeline (by metadata dates only)."""
    total = len(prov.timeline)
    if own:
        index = prov.timeline.index(own[0])
        node = prov.node(own[0])
        return {"in_corpus": True, "rank": index + 1, "of": total, "date_status": node["date_status"],
                "earliest": own[0] in prov.earliest, "copy": bool(node.get("copy_of"))}
    art = analysis.article
    status = "unknown" if not art.published else ("metadata" if art.published_source == "metadata" else "inferred")
    if status != "metadata":
        return {"in_corpus": False, "rank": None, "of": total + 1, "date_status": status, "earliest": False,
                "copy": False}
    day = (art.published or "")[:10]
    dated = [prov.node(i) for i in prov.timeline if prov.node(i)["date_status"] == "metadata"]
    before = sum(1 for n in dated if n["published"][:10] < day)
    first_day = min((n["published"][:10] for n in dated if not n.get("copy_of")), default=None)
    return {"in_corpus": False, "rank": before + 1, "of": total + 1, "date_status": status,
            "earliest": first_day is None or day <= first_day, "copy": False}


def _edges_touching(prov: Provenance, own: set[str]) -> list[dict[str, Any]]:
    names = {n["id"]: (n.get("outlet") or n.get("name") or n["id"]) for n in prov.nodes}
    out = []
    for e in prov.edges:
        if e["src"] in own or e["dst"] in own:
            outgoing = e["src"] in own
            other = e["dst"] if outgoing else e["src"]
            detail = e.get("detail", {})
            out.append({"kind": e["kind"], "direction": "out" if outgoing else "in", "other": other,
                        "other_name": names.get(other, other), "reason": e["reason"],
                        "flags": detail.get("flags", []), "diff": detail.get("diff")})
    return out


def provenance_for_analysis(store: Store, analysis: Analysis) -> dict[str, dict[str, Any]]:
    """Claim id → a small provenance summary, for the claims of ``analysis`` found in the corpus.

    Claims of an ingested article use their stored family; claims of any other article are
    matched to families exactly as ``claimgraph trace "text"`` does (same embedder as the
    index, calibrated thresholds). Families with no other appearance are left out. Returns
    ``{}`` when the store holds no corpus.
    """
    if not _has_corpus(store):
        return {}
    art_id = analysis.article.id
    found = _families_of_stored(store, art_id)
    in_corpus = bool(found) or ops.is_ingested(store, art_id)
    if not in_corpus:
        found = _families_by_lookup(store, analysis)
    if not found:
        return {}
    resolver, outlets = resolver_for(store)
    built: dict[str, Provenance] = {}
    summary: dict[str, dict[str, Any]] = {}
    for claim_id, (fid, note) in found.items():
        if fid not in built:
            built[fid] = build(store, fid, resolver, outlets)
        prov = built[fid]
        claims = [n for n in prov.nodes if n["kind"] == "claim"]
        own = [n["id"] for n in claims if n["article"] == art_id and n["claim"] == claim_id] if in_corpus else []
        others = [n for n in claims if n["article"] != art_id]
        if not others:
            continue
        summary[claim_id] = {
            "family": fid, "size": len(claims), "others": len(others), "match": note,
            "outlets": len({n.get("outlet_key") or n["article"] for n in others}),
            "earliest": [_occurrence(prov.node(i)) for i in prov.earliest],
            "position": _position(prov, analysis, own),
            "edges": _edges_touching(prov, set(own)),
            "caveats": list(prov.caveats),
        }
    return summary
