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
from xml.etree import ElementTree as ET

from .provenance import Provenance

NODE_KEYS = ("label", "kind", "article", "outlet", "published", "date_status", "source", "text", "earliest", "copy_of")
EDGE_KEYS = ("kind", "flags", "diff", "order", "reason")


def _label(node: dict[str, Any]) -> str:
    if node["kind"] == "source":
        return node["name"]
    return f"{node.get('outlet') or '?'} {node.get('published') or 'undated'}"


def to_graphml(prov: Provenance) -> str:
    root = ET.Element("graphml", xmlns="http://graphml.graphdrawing.org/xmlns")
    for key in NODE_KEYS:
        ET.SubElement(root, "key", {"id": f"n_{key}", "for": "node", "attr.name": key, "attr.type": "string"})
    for key in EDGE_KEYS:
        ET.SubElement(root, "key", {"id": f"e_{key}", "for": "edge", "attr.name": key, "attr.type": "string"})
    graph = ET.SubElement(root, "graph", id=prov.family_id, edgedefault="directed")
    for node in prov.nodes:
        el = ET.SubElement(graph, "node", id=node["id"])
        values = {"label": _label(node), "kind": node["kind"], "earliest": str(node["id"] in prov.earliest).lower()}
        values.update({k: node.get(k) for k in NODE_KEYS if k not in values})
        if node["kind"] == "source":
            values["text"] = node["name"]
        for key in NODE_KEYS:
            if values.get(key) not in (None, ""):
                ET.SubElement(el, "data", key=f"n_{key}").text = str(values[key])
    for i, edge in enumerate(prov.edges):
        el = ET.SubElement(graph, "edge", id=f"e{i}", source=edge["src"], target=edge["dst"])
        detail = edge.get("detail", {})
        values = {"kind": edge["kind"], "flags": ",".join(detail.get("flags", [])), "diff": detail.get("diff"),
                  "order": detail.get("order"), "reason": edge["reason"]}
        for key in EDGE_KEYS:
            if values.get(key) not in (None, ""):
                ET.SubElement(el, "data", key=f"e_{key}").text = str(values[key])
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def to_prov_json(prov: Provenance) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "prefix": {"cg": "https://claimgraph.org/ns#", "art": "https://claimgraph.org/article/"},
        "entity": {}, "agent": {}, "wasAttributedTo": {}, "wasDerivedFrom": {}, "wasInfluencedBy": {},
    }
    ids = {n["id"]: f"cg:{n['id'].replace(':', '_')}" for n in prov.nodes}
    for node in prov.nodes:
        if node["kind"] == "source":
            doc["agent"][ids[node["id"]]] = {"prov:label": node["name"], "cg:sourceType": node.get("source_type") or ""}
            continue
        attrs: dict[str, Any] = {"prov:label": node["text"], "prov:type": "cg:ClaimOccurrence",
                                 "cg:article": f"art:{node['article']}", "cg:start": node["start"], "cg:end": node["end"],
                                 "cg:dateStatus": node["date_status"], "cg:earliest": node["id"] in prov.earliest}
        if node.get("published"):
            key = "cg:published" if node["date_status"] == "metadata" else "cg:publishedInferred"
            attrs[key] = {"$": node["published"], "type": "xsd:date" if len(node["published"]) == 10 else "xsd:dateTime"}
        if node.get("url"):
            attrs["cg:url"] = {"$": node["url"], "type": "xsd:anyURI"}
        doc["entity"][ids[node["id"]]] = attrs
        if node.get("outlet_key"):
            agent = f"cg:outlet_{node['outlet_key'].replace(' ', '_')}"
            doc["agent"].setdefault(agent, {"prov:label": node["outlet"], "prov:type": "cg:Outlet"})
            doc["wasAttributedTo"][f"cg:pub_{node['id']}"] = {"prov:entity": ids[node["id"]], "prov:agent": agent}
    for i, edge in enumerate(prov.edges):
        src, dst = ids.get(edge["src"]), ids.get(edge["dst"], f"cg:{edge['dst'].replace(':', '_')}")
        detail = edge.get("detail", {})
        extra = {"cg:reason": edge["reason"]}
        if detail.get("flags"):
            extra["cg:flags"] = ",".join(detail["flags"])
        if edge["dst"].startswith("s:"):
            doc["wasInfluencedBy"][f"cg:e{i}"] = {"prov:influencee": src, "prov:influencer": dst,
                                                 "prov:type": f"cg:{edge['kind']}", **extra}
        else:
            doc["wasDerivedFrom"][f"cg:e{i}"] = {"prov:generatedEntity": src, "prov:usedEntity": dst,
                                                "prov:type": f"cg:{edge['kind']}", **extra}
    return {k: v for k, v in doc.items() if v}


def prov_json_text(prov: Provenance) -> str:
    return json.dumps(to_prov_json(prov), ensure_ascii=False, indent=2)
