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
    from rich.table import Table
    from rich.tree import Tree

    claims = {n["id"]: n for n in prov.nodes if n["kind"] == "claim"}
    console.print(f"[bold]family {prov.family_id}[/] — {len(claims)} appearance(s); {note}")
    table = Table(title="timeline (publication date from metadata only decides the order)")
    for col in ("", "node", "date", "outlet", "claim", "source"):
        table.add_column(col)
    for nid in prov.timeline:
        n = claims[nid]
        date = n["published"] or "unknown"
        if n["date_status"] == "inferred":
            date += " (inferred)"
        mark = "FIRST" if nid in prov.earliest else ("copy" if n["copy_of"] else "")
        table.add_row(mark, nid, date, n["outlet"] or "?", n["text"][:90], n["source"] or "—")
    console.print(table)
    for caveat in prov.caveats:
        console.print(f"[yellow]caveat:[/] {caveat}")
    tree = Tree("edges (later → earlier)")
    for e in prov.edges:
        dst = claims.get(e["dst"])
        target = f"{e['dst']} {dst['outlet'] if dst else e['dst'][2:]}"
        tree.add(f"[bold]{e['kind']}[/] {e['src']} → {target}: {e['reason']}")
    console.print(tree)
