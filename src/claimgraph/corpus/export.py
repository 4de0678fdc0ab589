"""Exports of a provenance graph: GraphML (opens in Gephi, yEd, networkx) and W3C PROV-JSON.

PROV mapping (https://www.w3.org/Submission/prov-json/): each occurrence of the claim is a
``prov:Entity``; the outlet that published it and every external cited source is a
``prov:Agent`` (occurrence ``wasAttributedTo`` its outlet); ``repeats``, ``mutates``, ``copies``
and ``cites`` between occurrences are ``wasDerivedFrom`` (later from earlier) typed
``cg:repeats`` … ; a citation of a source outside the corpus is ``wasInfluencedBy``.
"""

from __future__ import annotations

import json
from typing import Any

from .provenance import Provenance

XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _label(node: dict[str, Any]) -> str:
    if node["kind"] == "source":
        return node["name"]
    return f"{node.get('outlet') or '?'} {node.get('published') or 'undated'}"


def _typed(values: dict[str, Any]) -> dict[str, Any]:
    """Attributes with their own Python types (bool, int, str); empty ones left out, because
    GraphML has no null and an empty string would read as a value."""
    return {k: v for k, v in values.items() if v not in (None, "", [])}


def to_graphml(prov: Provenance) -> str:
    """GraphML written by networkx, attributes typed (``earliest`` boolean, offsets and claim
    numbers long, the rest string) so Gephi and yEd sort and filter numbers as numbers.

    A MultiDiGraph: two appearances can be linked twice (one ``cites`` the other and also
    ``repeats`` it), and each link is an edge of its own.
    """
    import networkx as nx

    graph = nx.MultiDiGraph(id=prov.family_id)
    for node in prov.nodes:
        values = {"label": _label(node), "kind": node["kind"]}
        if node["kind"] == "source":
            values.update({"text": node.get("name"), "source_type": node.get("source_type")})
        else:
            values.update({k: node.get(k) for k in ("article", "claim", "outlet", "published", "date_status",
                                                    "source", "source_type", "text", "url", "copy_of")})
            values.update({"n": node.get("n"), "start": node.get("start"), "end": node.get("end"),
                           "earliest": node["id"] in prov.earliest})
        post = node.get("post") or {}  # an archived post (Telegram, X): where and when it was posted
        values.update({f"post_{k}": post.get(k) for k in ("platform", "handle", "post_id", "posted_at", "permalink")})
        graph.add_node(node["id"], **_typed(values))
    for i, edge in enumerate(prov.edges):
        detail = edge.get("detail", {})
        values = {"kind": edge["kind"], "flags": ",".join(detail.get("flags", [])), "diff": detail.get("diff"),
                  "order": detail.get("order"), "reason": edge["reason"]}
        graph.add_edge(edge["src"], edge["dst"], key=f"e{i}", **_typed(values))
    return XML_DECL + "\n".join(nx.generate_graphml(graph, prettyprint=True)) + "\n"


def _qname(node_id: str) -> str:
    return f"cg:{node_id.replace(':', '_')}"


def to_prov_document(prov: Provenance) -> Any:
    """The family as a :class:`prov.model.ProvDocument` (W3C PROV-DM), see the module doc."""
    from prov.constants import XSD
    from prov.model import Literal, ProvDocument

    doc = ProvDocument()
    doc.add_namespace("cg", "https://claimgraph.org/ns#")
    doc.add_namespace("art", "https://claimgraph.org/article/")
    outlets: set[str] = set()
    for node in prov.nodes:
        if node["kind"] == "source":
            attrs = {"prov:label": node["name"], "cg:sourceType": node.get("source_type") or ""}
            if (node.get("post") or {}).get("permalink"):
                attrs["cg:permalink"] = node["post"]["permalink"]
            doc.agent(_qname(node["id"]), attrs)
            continue
        attrs: dict[str, Any] = {"prov:label": node["text"], "prov:type": "cg:ClaimOccurrence",
                                 "cg:article": f"art:{node['article']}", "cg:start": node["start"],
                                 "cg:end": node["end"], "cg:dateStatus": node["date_status"],
                                 "cg:earliest": node["id"] in prov.earliest}
        if node.get("published"):
            key = "cg:published" if node["date_status"] == "metadata" else "cg:publishedInferred"
            kind = XSD["date"] if len(node["published"]) == 10 else XSD["dateTime"]
            attrs[key] = Literal(node["published"], kind)
        if node.get("url"):
            attrs["cg:url"] = Literal(node["url"], XSD["anyURI"])
        doc.entity(_qname(node["id"]), attrs)
        if node.get("outlet_key"):
            agent = f"cg:outlet_{node['outlet_key'].replace(' ', '_')}"
            if agent not in outlets:
                outlets.add(agent)
                doc.agent(agent, {"prov:label": node["outlet"], "prov:type": "cg:Outlet"})
            doc.wasAttributedTo(_qname(node["id"]), agent, identifier=f"cg:pub_{node['id']}")
    for i, edge in enumerate(prov.edges):
        detail = edge.get("detail", {})
        extra = {"prov:type": f"cg:{edge['kind']}", "cg:reason": edge["reason"]}
        if detail.get("flags"):
            extra["cg:flags"] = ",".join(detail["flags"])
        src, dst = _qname(edge["src"]), _qname(edge["dst"])
        if edge["dst"].startswith(("s:", "p:")):  # an external source or archived post: an agent
            doc.wasInfluencedBy(src, dst, identifier=f"cg:e{i}", other_attributes=extra)
        else:
            doc.wasDerivedFrom(src, dst, identifier=f"cg:e{i}", other_attributes=extra)
    return doc


def to_prov_json(prov: Provenance) -> dict[str, Any]:
    """PROV-JSON (https://www.w3.org/Submission/prov-json/) as serialised by the ``prov`` library."""
    return json.loads(to_prov_document(prov).serialize(format="json"))


def prov_json_text(prov: Provenance) -> str:
    return json.dumps(to_prov_json(prov), ensure_ascii=False, indent=2)
