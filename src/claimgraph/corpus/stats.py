"""Per-source statistics across the corpus: how many claims, of which types, in which outlets.

Sources are grouped by their canonical key after corpus-wide acronym merging
(:class:`~claimgraph.corpus.sources.SourceResolver`), so "NYT" and "The New York Times" are
one row. Claims in syndicated copies are not counted: a copy is not another use of a source.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..store import corpus_ops as ops
from ..store.sqlite import Store
from .provenance import resolver_for
from .sources import display_name


def source_stats(store: Store, limit: int | None = None) -> list[dict[str, Any]]:
    resolver, outlets = resolver_for(store)
    names = ops.source_names(store)
    rows: dict[str, dict[str, Any]] = {}
    for r in ops.source_rows(store):
        if r["is_copy"]:
            continue
        key = resolver(r["source_key"])
        assert key is not None
        entry = rows.setdefault(key, {"key": key, "name": display_name(key, names.get(key, (r["source_name"], ""))[0]),
                                      "kind": "outlet" if key in outlets else names.get(key, ("", "organisation"))[1],
                                      "claims": 0, "types": Counter(), "outlets": Counter(), "written": Counter()})
        entry["claims"] += 1
        entry["types"][r["source_type"]] += 1
        entry["outlets"][r["outlet"] or "(unknown outlet)"] += 1
        entry["written"][r["source_name"]] += 1
    out = sorted(rows.values(), key=lambda e: (-e["claims"], e["key"]))
    for e in out:
        e["types"] = dict(e["types"].most_common())
        e["outlets"] = dict(e["outlets"].most_common())
        e["written"] = dict(e["written"].most_common())
    return out[:limit] if limit else out
