"""Finding the family of a claim (free text or a stored claim) and showing its provenance."""

from __future__ import annotations

import json
from typing import Any

from ..errors import InputError
from ..store import corpus_ops as ops
from ..store.sqlite import Store
from .ann import index_paths
from .embed import Embedder
from .families import THRESHOLDS, lookup
from .provenance import Provenance


def index_embedder(store: Store) -> str:
    """The embedder the store's index was built with (so queries use the same one)."""
    paths = index_paths(store)
    if paths and paths[1].exists():
        try:
            return str(json.loads(paths[1].read_text(encoding="utf-8"))["embedder"])
        except (OSError, ValueError, KeyError):
            pass
    return Embedder("auto").name


def find_family(store: Store, *, claim_text: str | None = None, claim_ref: str | None = None) -> tuple[str, str]:
    """(family id, how it was found); raises InputError when nothing matches."""
    if claim_ref:
        n = ops.claim_n_by_ref(store, claim_ref)
        if n is None:
            raise InputError(f"no stored claim {claim_ref!r} (use the number shown by 'trace --json' or ARTICLE:CLAIM)")
        fid = ops.family_of_claim(store, n)
        if fid is None:
            raise InputError(f"claim {claim_ref} is too short to be matched across articles; it has no family")
        return fid, f"stored claim {n}"
    assert claim_text is not None
    embedder = Embedder(index_embedder(store))
    thresholds = THRESHOLDS[embedder.name]
    hits = lookup(store, claim_text, embedder, k=5)
    for n, cos, lex, fid in hits:
        if fid and thresholds.accept(cos, lex):
            return fid, f"matches stored claim {n} (cosine {cos:.2f}, word overlap {lex:.2f}, {embedder.name})"
    if not hits:
        raise InputError("the corpus has no claims to match against")
    n, cos, lex, _ = hits[0]
    raise InputError(f"no claim family matches that text closely enough; nearest is claim {n} "
                     f"(cosine {cos:.2f}, word overlap {lex:.2f})")


def render_trace(prov: Provenance, note: str, console: Any) -> None:
    """The family in the terminal: a timeline table that fits the width, then the edges.

    Article data is never parsed as rich markup (``Text``/``escape``) and is clipped at word
    boundaries, not mid-word.
    """
    from rich.markup import escape
    from rich.tree import Tree

    from ..report import clean_controls
    from ..report.provenance import when
    from ..report.tables import Col, print_table

    claims = {n["id"]: n for n in prov.nodes if n["kind"] == "claim"}
    console.print(f"[bold]family {escape(prov.family_id)}[/] — {len(claims)} appearance(s); "
                  f"{escape(clean_controls(note))}")
    rows = []
    for nid in prov.timeline:
        n = claims[nid]
        date = when(n["published"]) if n["published"] else "unknown"
        if n["date_status"] == "inferred":
            date = "~" + date  # explained under the table
        mark = "FIRST" if nid in prov.earliest else ("copy" if n["copy_of"] else "")
        rows.append([mark, nid, date, n["outlet"] or "?", n["text"], n["source"] or "—"])
    print_table(console, [Col(""), Col("node", optional=True), Col("date"), Col("outlet", limit=28, wrap=True),
                          Col("claim", wide=True, limit=200, wrap=True),
                          Col("source", limit=40, wrap=True, optional=True)],
                rows, title="timeline, by publication date")
    if any(n["date_status"] == "inferred" for n in claims.values()):
        console.print("~ date only inferred from the text: never used to decide what came first")
    for caveat in prov.caveats:
        console.print(f"[yellow]caveat:[/] {escape(clean_controls(caveat))}")
    tree = Tree("edges (later → earlier)")
    others = {n["id"]: n.get("name") or n["id"] for n in prov.nodes if n["kind"] != "claim"}
    for e in prov.edges:
        dst = claims.get(e["dst"])
        target = f"{e['dst']} {dst['outlet']}" if dst else (others[e["dst"]] if e["dst"] in others else
                                                             f"{e['dst']} {e['dst'][2:]}")
        line = clean_controls(f"{e['src']} → {target}: {e['reason']}")
        tree.add(f"[bold]{escape(e['kind'])}[/] {escape(line)}")
    console.print(tree)
