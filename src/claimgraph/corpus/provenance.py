"""The provenance graph of one claim family: who said it when, who cited whom, what changed.

Nodes are the family's occurrences (one claim in one article) plus external sources that
articles cite but that are not in the corpus. Edges, always from the later telling to the
earlier one:

* ``cites``   – the occurrence attributes the claim to an outlet, agency or post; it points at
  that outlet's own occurrence when the corpus has one, else at the external source node.
* ``repeats`` / ``mutates`` – the occurrence retells the closest earlier telling (the one it
  cites, else the most similar strictly earlier one); ``mutates`` when the word-level diff
  flags a changed number, entity, negation, object or action (``diff.py``).
* ``copies``  – the article is a near-duplicate (syndicated copy) of another; copies are shown
  but never count as evidence nor as "first".

Archived posts (Telegram, X) are occurrences like articles, with a ``post`` field (platform,
handle, time, permalink). An article that links a post (``t.me``/``x.com`` link, or the
handle of a post in the family) ``cites`` it (``postlinks.py``); a linked post outside the
family is an external node. An appearance that links a post of the family on its own first
day is not "first": the post it links was there before it.

One article is one appearance: a live blog that repeats a claim in its summary and in three
entries shows it once, with the entry times of every repeat (``times``) and the other claims'
numbers (``also``). ``repeats`` and ``mutates`` join only appearances whose event facts agree
(``events.py``): a retelling of another day's strike is not a changed number.

Dates: only publication dates from metadata order the timeline and decide "first". Dates
inferred from the text and unknown dates are shown as such; their occurrences are placed
``order: unknown`` and a caveat says they might be earlier.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from ..store import corpus_ops as ops
from ..store import posts_ops
from ..store.sqlite import Store
from .diff import diff_claims
from .events import conflict
from .postlinks import link_edges, post_info, post_label
from .sources import SourceResolver, display_name, is_acronym, is_outlet_or_agency
from .text import content_words, lexical_overlap


@dataclass(slots=True)
class Provenance:
    family_id: str
    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[str] = field(default_factory=list)
    earliest: list[str] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)

    def node(self, node_id: str) -> dict[str, Any]:
        return next(n for n in self.nodes if n["id"] == node_id)

    def to_dict(self) -> dict[str, Any]:
        return {"family": self.family_id, "nodes": self.nodes, "edges": self.edges, "timeline": self.timeline,
                "earliest": self.earliest, "caveats": self.caveats}


def resolver_for(store: Store) -> tuple[SourceResolver, set[str]]:
    """The corpus-wide source resolver and the set of (resolved) outlet keys."""
    pairs = list(ops.written_source_names(store))
    resolver = SourceResolver({k for k, _ in pairs}, {k for k, w in pairs if is_acronym(w)})
    return resolver, {resolver(k) for k in ops.outlet_keys(store)}  # type: ignore[misc]


def _date_status(row: dict[str, Any]) -> str:
    if not row["published"]:
        return "unknown"
    return "metadata" if row["published_source"] == "metadata" else "inferred"


def build(store: Store, family_id: str, resolver: SourceResolver | None = None,
          outlets: set[str] | None = None) -> Provenance:
    if resolver is None or outlets is None:
        resolver, outlets = resolver_for(store)
    rows = _one_per_article(ops.family_occurrences(store, family_id))
    prov = Provenance(family_id)
    by_article: dict[str, list[str]] = {}
    for r in rows:
        nid = f"c{r['n']}"
        status = _date_status(r)
        outlet_key = resolver(r["outlet_key"])
        prov.nodes.append({
            "id": nid, "kind": "claim", "n": r["n"], "article": r["article_id"], "claim": r["claim_id"],
            "text": r["text"], "start": r["start_offset"], "end": r["end_offset"], "title": r["title"],
            "url": r["url"], "outlet": display_name(outlet_key, r["outlet"]) if outlet_key else r["outlet"],
            "outlet_key": outlet_key, "published": r["published"], "date_status": status,
            "source": r["source_name"], "source_key": resolver(r["source_key"]), "source_type": r["source_type"],
            "copy_of": r["original_id"], "tokens": r["tokens"], "match_reason": r["reason"],
            "post": post_info(r) if r["post_key"] else None,
            "also": r["also"], "times": r["times"], "event": (r["facts"] or {}).get("event"),
        })
        if r["post_key"]:
            prov.nodes[-1]["outlet"] = post_label(prov.nodes[-1]["post"])
        by_article.setdefault(r["article_id"], []).append(nid)
    known = [n for n in prov.nodes if n["date_status"] == "metadata"]
    others = [n for n in prov.nodes if n["date_status"] != "metadata"]
    prov.timeline = [n["id"] for n in sorted(known, key=lambda n: (n["published"], n["n"]))] + \
                    [n["id"] for n in sorted(others, key=lambda n: (n["published"] or "9999", n["n"]))]
    evidence = [n for n in known if not n["copy_of"]]
    if evidence:
        first_day = min(n["published"][:10] for n in evidence)
        prov.earliest = [n["id"] for n in sorted(evidence, key=lambda n: n["n"]) if n["published"][:10] == first_day]
    undated = [n for n in others if not n["copy_of"]]
    if undated:
        prov.caveats.append(f"{len(undated)} appearance(s) have an unknown or inferred date and may be earlier "
                            "than the earliest dated one; they were not used to decide what came first")
    _copy_edges(prov, by_article)
    linked = _post_link_edges(store, prov, by_article)
    _first_by_time(prov)
    cited = _cite_edges(prov, outlets, set(linked))
    cited.update(linked)
    _retell_edges(prov, cited)
    first = set(prov.earliest)  # within a day, the first appearance(s) lead (a day-only date has no hour)
    prov.timeline = [n["id"] for n in sorted(known, key=lambda n: (n["published"][:10], n["id"] not in first,
                                                                    n["published"], n["n"]))] + \
                    [n["id"] for n in sorted(others, key=lambda n: (n["published"] or "9999", n["n"]))]
    for e in prov.edges:
        e.setdefault("detail", {})
    return prov


def _one_per_article(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fold the family's claims of one article into its first one (in text order).

    A live blog repeats its summary in every update and an article restates its lede; counted
    as separate appearances they made a family of "four appearances" out of one live blog and
    drew ``repeats`` edges from an article to itself. The kept row lists the folded claims
    (``also``) and every live-blog entry time the claim appeared under (``times``)."""
    firsts: dict[str, dict[str, Any]] = {}
    for r in sorted(rows, key=lambda r: r["n"]):
        entry = (r.get("facts") or {}).get("entry_time")
        kept = firsts.get(r["article_id"])
        if kept is None:
            kept = firsts[r["article_id"]] = {**r, "also": [], "times": []}
        else:
            kept["also"].append(r["n"])
        if entry and entry not in kept["times"]:
            kept["times"].append(entry)
    for kept in firsts.values():
        kept["times"].sort()
    return list(firsts.values())


def _copy_edges(prov: Provenance, by_article: dict[str, list[str]]) -> None:
    for n in prov.nodes:
        if n["copy_of"]:
            targets = by_article.get(n["copy_of"], [])
            dst = _closest(n, [prov.node(t) for t in targets]) if targets else None
            prov.edges.append({"kind": "copies", "src": n["id"], "dst": dst["id"] if dst else f"a:{n['copy_of']}",
                               "reason": f"article {n['article'][:10]} is a near-copy of {n['copy_of'][:10]}; "
                                         "not independent evidence"})


def _post_link_edges(store: Store, prov: Provenance, by_article: dict[str, list[str]]) -> dict[str, str]:
    """``cites`` edges from occurrences to the archived posts their article links; an
    occurrence that links a post of the family dated no later leaves the earliest set."""
    refs = posts_ops.refs_of_articles(store, by_article)
    if not refs:
        return {}
    claims = [n for n in prov.nodes if n["kind"] == "claim"]
    linked_rows = posts_ops.posts_named(store, {r for found in refs.values() for r in found})
    edges, externals, cited = link_edges(claims, refs, linked_rows, _not_after)
    prov.edges.extend(edges)
    prov.nodes.extend(externals)
    earliest = set(prov.earliest)
    later = {src for src, dst in cited.items() if src in earliest and dst in earliest}
    if later and later != earliest:
        prov.earliest = [i for i in prov.earliest if i not in later]
    return cited


def _first_by_time(prov: Provenance) -> None:
    """Among appearances of the first day, when every one has a time of day (posts do), only
    the earliest instant is first; one day-only date keeps them all (its hour is unknown)."""
    from datetime import UTC, datetime

    def instant(value: str) -> datetime | None:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return None
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)

    times = {i: instant(prov.node(i)["published"]) if len(prov.node(i)["published"]) > 10 else None
             for i in prov.earliest}
    if len(times) > 1 and all(times.values()):
        first = min(t for t in times.values() if t)
        prov.earliest = [i for i in prov.earliest if times[i] == first]


def _cite_edges(prov: Provenance, outlets: set[str], linked: set[str] = frozenset()) -> dict[str, str]:  # type: ignore[assignment]
    """Add ``cites`` edges; returns occurrence → cited occurrence (inside the family).
    Occurrences in ``linked`` already cite the archived post their article links."""
    cited: dict[str, str] = {}
    externals: dict[str, dict[str, Any]] = {}
    claims = [n for n in prov.nodes if n["kind"] == "claim"]
    for n in claims:
        key = n["source_key"]
        if not key or n["copy_of"] or n["id"] in linked:
            continue
        if not (key in outlets or is_outlet_or_agency(key) or n["source_type"] == "social_post"):
            continue
        own = [m for m in claims if m["outlet_key"] == key and m["id"] != n["id"] and not m["copy_of"]
               and m["article"] != n["article"]]
        before = [m for m in own if _not_after(m, n)]
        if before:
            target = min(before, key=lambda m: ((m["published"] or "9999"), m["n"]))
            order = "by date" if _dated(n) and _dated(target) else "unknown"
            prov.edges.append({"kind": "cites", "src": n["id"], "dst": target["id"],
                               "detail": {"source": n["source"], "order": order},
                               "reason": f"attributes the claim to {n['source']!r}, whose own article carries it"})
            cited[n["id"]] = target["id"]
        else:
            sid = f"s:{key}"
            if sid not in externals:
                externals[sid] = {"id": sid, "kind": "source", "key": key, "name": display_name(key, n["source"]),
                                  "source_type": n["source_type"]}
            prov.edges.append({"kind": "cites", "src": n["id"], "dst": sid, "detail": {"source": n["source"]},
                               "reason": f"attributes the claim to {n['source']!r} (not in the corpus)"})
    prov.nodes.extend(externals.values())
    return cited


def _dated(n: dict[str, Any]) -> bool:
    return n.get("date_status") == "metadata"


def _not_after(m: dict[str, Any], n: dict[str, Any]) -> bool:
    """m can be n's source in time: m's date ≤ n's, or either date is not known from metadata."""
    if not (_dated(m) and _dated(n)):
        return True
    return m["published"][:10] <= n["published"][:10]


def _closest(n: dict[str, Any], pool: list[dict[str, Any]]) -> dict[str, Any] | None:
    if not pool:
        return None
    words = _words(n["text"])
    return max(pool, key=lambda m: (lexical_overlap(words, _words(m["text"])), -m["n"]))


@functools.lru_cache(maxsize=8192)
def _words(text: str) -> set[str]:
    """Content words of a claim, computed once: :func:`_closest` compares every appearance of a
    family with every earlier one, so without this a family of 200 dated appearances (a channel
    repeating itself daily) re-tokenised the same texts tens of thousands of times. The set is
    shared between calls: read it, never change it."""
    return content_words(text)


def _retell_edges(prov: Provenance, cited: dict[str, str]) -> None:
    claims = [n for n in prov.nodes if n["kind"] == "claim" and not n["copy_of"]]
    earliest = set(prov.earliest)
    for n in claims:
        same = [m for m in claims if conflict(n.get("event"), m.get("event")) is None]
        if n["id"] in cited:
            parent = prov.node(cited[n["id"]])
            order = "by citation"
            if conflict(n.get("event"), parent.get("event")):
                continue  # it cites the outlet, but that outlet's telling is of another event
        elif n["id"] in earliest:
            continue
        elif _dated(n):
            parent = _closest(n, [m for m in same if _dated(m) and m["published"][:10] < n["published"][:10]])
            order = "by date"
        else:
            parent = _closest(n, [m for m in same if _dated(m)]) or _closest(n, [m for m in same if m["n"] < n["n"]])
            order = "unknown"
        if parent is None or parent["id"] == n["id"]:
            continue
        d = diff_claims(parent["text"], n["text"], parent["tokens"], n["tokens"])
        kind = "mutates" if d.mutation else "repeats"
        changed = ", ".join(f for f in d.flags if f != "wording")
        reason = (f"retells {parent['id']} with changed {changed}: {d.render()}" if kind == "mutates"
                  else f"retells {parent['id']}" + (" in other words" if "wording" in d.flags else ""))
        prov.edges.append({"kind": kind, "src": n["id"], "dst": parent["id"],
                           "detail": {"flags": d.flags, "diff": d.render(), "order": order}, "reason": reason})


def refresh_edges(store: Store) -> int:
    """Rebuild and store the edges of every family changed since the last build."""
    dirty = ops.dirty_families(store)
    if not dirty:
        return 0
    resolver, outlets = resolver_for(store)
    for fid in dirty:
        ops.replace_edges(store, fid, build(store, fid, resolver, outlets).edges)
    return len(dirty)
