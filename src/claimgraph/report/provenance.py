"""Provenance views: the family graph as static SVG, and the report's per-claim summary.

Both are pure functions of plain dicts (``Provenance.to_dict()`` and the summaries of
:func:`claimgraph.corpus.views.provenance_for_analysis`) and escape every string they emit:
outlet names, titles and claim texts come from articles anyone can write.

The graph is drawn on the server, without JavaScript: one column per publication date (left =
earliest), a column on the left for cited sources outside the corpus and one on the right for
appearances whose date is unknown or only inferred from the text — they are never placed
among the dated ones, just as they never decide "first". Edges between neighbouring columns
are curves through the gap between them; longer edges run through the gaps and a corridor
under the nodes, so no line ever crosses a node. Styling is by class only (the web app's CSP
forbids inline styles); the stylesheet is ``server/static/corpus.css``.
"""

from __future__ import annotations

import html
import re
from typing import Any

W, H = 196, 97  # node box: outlet, date, two lines of the claim's words, a tag
GAP, ROW_GAP = 132, 24  # between columns / rows
LABEL_CHAR, LABEL_H = 6.4, 13  # size of an edge label's character / line, for collision checks
PAD, TOP = 14, 44  # outer margin / room for the column headers
LANE = 8  # spacing of parallel edges in a gap or in the corridor
KIND_RANK = {"mutates": 0, "cites": 1, "repeats": 2, "copies": 3}
EDGE_KINDS = tuple(KIND_RANK)


def e(text: object) -> str:
    return html.escape(str(text), quote=True)


def short(text: str | None, limit: int) -> str:
    """One line of at most ``limit`` characters, cut at a word boundary."""
    from . import clip

    return clip(text, limit)


def when(published: str | None) -> str:
    """A publication time short enough for a box: "2022-05-21 23:17" (UTC offset dropped,
    seconds too; the full value stays in the tooltip and the exports)."""
    if not published:
        return "no date"
    m = re.match(r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?", published)
    if not m:
        return short(published, 20)
    return m.group(1) + (f" {m.group(2)}" if m.group(2) and m.group(2) != "00:00" else "")


_DIFF = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}")


def diff_parts(diff: str | None) -> list[tuple[str, str]]:
    """``"a [-old-] {+new+} b"`` → ``[("same", "a"), ("del", "old"), ("ins", "new"), ("same", "b")]``."""
    parts: list[tuple[str, str]] = []
    pos = 0
    for m in _DIFF.finditer(diff or ""):
        if m.start() > pos and (diff or "")[pos : m.start()].strip():
            parts.append(("same", (diff or "")[pos : m.start()].strip()))
        parts.append(("del", m.group(1)) if m.group(1) is not None else ("ins", m.group(2)))
        pos = m.end()
    rest = (diff or "")[pos:].strip()
    if rest:
        parts.append(("same", rest))
    return parts


def diff_html(diff: str | None) -> str:
    """A word diff as ``<del>``/``<ins>`` (escaped)."""
    out = []
    for kind, text in diff_parts(diff):
        out.append(e(text) if kind == "same" else f"<{kind}>{e(text)}</{kind}>")
    return " ".join(out)


# --- the graph -------------------------------------------------------------------------------

def _columns(prov: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """(header, nodes) per column, left to right."""
    by_id = {n["id"]: n for n in prov["nodes"]}
    order = {nid: i for i, nid in enumerate(prov["timeline"])}
    claims = sorted((n for n in prov["nodes"] if n["kind"] == "claim"), key=lambda n: order.get(n["id"], 1 << 30))
    dated: dict[str, list[dict[str, Any]]] = {}
    undated = []
    for n in claims:
        if n["date_status"] == "metadata":
            dated.setdefault(n["published"][:10], []).append(n)
        else:
            undated.append(n)
    cols: list[tuple[str, list[dict[str, Any]]]] = []
    sources = [n for n in prov["nodes"] if n["kind"] == "source"]
    if sources:
        cols.append(("cited, not in the corpus", sources))
    cols += [(day, dated[day]) for day in sorted(dated)]
    if undated:
        cols.append(("date unknown or inferred", undated))
    assert sum(len(c) for _, c in cols) == len(by_id)
    return cols


def _two_lines(text: str, width: int) -> tuple[str, str]:
    """The claim's words in quotes over two lines of about ``width`` characters, word-wrapped."""
    words = " ".join(text.split()).split(" ")
    first: list[str] = []
    while words and len(" ".join(first + words[:1])) <= width - 1:
        first.append(words.pop(0))
    if not first and words:  # one very long token
        return "“" + short(words[0], width - 1), ""
    rest = " ".join(words)
    if not rest:
        return f"“{' '.join(first)}”", ""
    return "“" + " ".join(first), short(rest, width - 2) + ("" if rest and short(rest, width - 2).endswith("…") else "”")


def _node_svg(n: dict[str, Any], x: float, y: float, earliest: set[str]) -> str:
    """One box, every line clipped to fit inside it; the tooltip has the full wording."""
    if n["kind"] == "source":
        classes = "g-node g-source"
        lines = [(short(n.get("name") or n["id"], 24), "g-outlet"),
                 ((n.get("source_type") or "source").replace("_", " "), "g-date"),
                 ("", "g-words"), ("", "g-words"), ("outside the corpus", "g-tag")]
        tip = f"{n.get('name')}: cited, not in the corpus"
    else:
        status = n["date_status"]
        classes = f"g-node date-{status}" + (" earliest" if n["id"] in earliest else "") + \
            (" g-copy" if n.get("copy_of") else "")
        date = when(n.get("published"))
        if status == "inferred":
            date += " (inferred)"
        tag = "first" if n["id"] in earliest else "copy" if n.get("copy_of") else \
            "date unknown" if status == "unknown" else "date from text only" if status == "inferred" else ""
        first, second = _two_lines(n.get("text") or "", 30)
        lines = [(short(n.get("outlet") or "unknown outlet", 25), "g-outlet"), (date, "g-date"),
                 (first, "g-words"), (second, "g-words"), (tag, "g-tag")]
        full = n.get("published") or "no date"
        tip = f"{n.get('outlet') or '?'} ({full}): “{n['text']}”" + \
            (f" — {n['title']}" if n.get("title") else "")
    text = "".join(f'<text x="{x + 11:.0f}" y="{y + 18 + 17 * i:.0f}" class="{cls}">{e(t)}</text>'
                   for i, (t, cls) in enumerate(lines) if t)
    href = f"#occ-{e(n['id'])}" if n["kind"] == "claim" else f"#src-{e(n['id'])}"
    return (f'<a href="{href}" class="{classes}" data-node="{e(n["id"])}"><title>{e(tip)}</title>'
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{W}" height="{H}" rx="9"/>{text}</a>')


def _label(edge: dict[str, Any], x: float) -> str:
    """The edge's kind; for a mutation, the changed parts on a second line."""
    flags = [f for f in edge.get("detail", {}).get("flags", []) if f != "wording"]
    if edge["kind"] != "mutates" or not flags:
        return e(edge["kind"])
    return f'{e(edge["kind"])}<tspan class="g-flags" x="{x:.0f}" dy="12">{e(", ".join(flags[:3]))}</tspan>'


def _label_lines(edge: dict[str, Any]) -> list[str]:
    flags = [f for f in edge.get("detail", {}).get("flags", []) if f != "wording"]
    return [edge["kind"]] + ([", ".join(flags[:3])] if edge["kind"] == "mutates" and flags else [])


def _place_label(edge: dict[str, Any], x: float, y: float, anchor: str,
                 taken: list[tuple[float, float, float, float]]) -> float:
    """The label's y, moved up or down in small steps until it covers no node and no other
    label (two "mutates" labels between the same columns used to print on top of each other).
    The chosen box is added to ``taken``. Keeps ``y`` when every step collides."""
    lines = _label_lines(edge)
    w = max(len(t) for t in lines) * LABEL_CHAR + 6
    h = LABEL_H * len(lines) + 2
    left = x - w / 2 if anchor == "middle" else x - 2

    def free(top: float) -> bool:
        return all(left + w <= bx or bx + bw <= left or top + h <= by or by + bh <= top
                   for bx, by, bw, bh in taken)

    for step in (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6):
        top = y - 8 + step * 9
        if free(top):
            taken.append((left, top, w, h))
            return top + 8
    taken.append((left, y - 8, w, h))
    return y


def _route(ed: dict[str, Any], pos: dict[str, tuple[int, int]]) -> tuple[str, str, str]:
    """How an edge runs: (shape, side at the source, side at the target); sides are L or R.

    ``near``: a curve through the gap between neighbouring columns; ``loop``: both ends in one
    column, out and back through the gap on its right; ``long``: through the gaps and the
    corridor under the nodes (so it never crosses a node in a column between).
    """
    (sc, _), (dc, _) = pos[ed["src"]], pos[ed["dst"]]
    if sc == dc:
        return "loop", "R", "R"
    left = dc < sc
    return ("near" if abs(dc - sc) == 1 else "long"), ("L" if left else "R"), ("R" if left else "L")


def graph_svg(prov: dict[str, Any]) -> str:
    """The provenance graph of one family as an inline ``<svg>`` (class-styled, escaped)."""
    cols = _columns(prov)
    pos: dict[str, tuple[int, int]] = {}  # node -> (column, row)
    for c, (_, nodes) in enumerate(cols):
        for r, n in enumerate(nodes):
            pos[n["id"]] = (c, r)
    rows = max((len(nodes) for _, nodes in cols), default=1)
    col_x = [PAD + c * (W + GAP) for c in range(len(cols))]

    def row_y(r: int) -> float:
        return TOP + r * (H + ROW_GAP)

    corridor = row_y(rows) - ROW_GAP + 24
    edges = [ed for ed in prov["edges"] if ed["src"] in pos and ed["dst"] in pos]
    edges.sort(key=lambda ed: (pos[ed["src"]], KIND_RANK.get(ed["kind"], 9)))
    routes = [_route(ed, pos) for ed in edges]
    # Ports: every edge end gets its own point on its node's side, ordered by where the other
    # end lies (edges to the corridor lowest), so lines into one node do not pile up.
    ends: dict[tuple[str, str], list[tuple[float, int, int]]] = {}
    for i, (ed, (shape, s_side, d_side)) in enumerate(zip(edges, routes)):
        for j, (node, other, side) in enumerate(((ed["src"], ed["dst"], s_side), (ed["dst"], ed["src"], d_side))):
            rank = 1e6 + i if shape == "long" else row_y(pos[other][1]) + (0.5 if j else 0)
            ends.setdefault((node, side), []).append((rank, i, j))
    port: dict[tuple[int, int], float] = {}
    for (node, _), items in ends.items():
        items.sort()
        for k, (_, i, j) in enumerate(items):
            port[(i, j)] = row_y(pos[node][1]) + H * (k + 1) / (len(items) + 1)
    gap_lanes: dict[int, int] = {}
    loops: dict[int, int] = {}
    near_count: dict[tuple[int, int], int] = {}
    for ed, (shape, _, _) in zip(edges, routes):
        if shape == "near":
            key = (min(pos[ed["src"]][0], pos[ed["dst"]][0]), max(pos[ed["src"]][0], pos[ed["dst"]][0]))
            near_count[key] = near_count.get(key, 0) + 1
    near_seen: dict[tuple[int, int], int] = {}
    corridor_lanes = 0
    paths, labels = [], []
    # boxes a label must not cover: every node, then every label already placed
    taken = [(col_x[c], row_y(r), W, H) for c, (_, nodes) in enumerate(cols) for r in range(len(nodes))]
    taken.append((0, 0, 1e9, TOP - 6))  # the column headers and the axis
    for i, (ed, (shape, s_side, d_side)) in enumerate(zip(edges, routes)):
        (sc, _), (dc, _) = pos[ed["src"]], pos[ed["dst"]]
        sy, dy = port[(i, 0)], port[(i, 1)]
        x0 = col_x[sc] + (0 if s_side == "L" else W)
        x1 = col_x[dc] + (0 if d_side == "L" else W)
        if shape == "loop":
            k = loops.get(sc, 0)
            loops[sc] = k + 1
            bend = 40 + 16 * k
            d = f"M{x0:.0f},{sy:.0f} C{x0 + bend:.0f},{sy:.0f} {x1 + bend:.0f},{dy:.0f} {x1:.0f},{dy:.0f}"
            lx, ly = x0 + bend * 0.75 + 4, (sy + dy) / 2
            anchor = "start"
        elif shape == "near":
            mid = (x0 + x1) / 2
            d = f"M{x0:.0f},{sy:.0f} C{mid:.0f},{sy:.0f} {mid:.0f},{dy:.0f} {x1:.0f},{dy:.0f}"
            # edges of one pair of columns get their labels at different points along the curve
            key = (min(sc, dc), max(sc, dc))
            k, n = near_seen.get(key, 0), near_count[key]
            near_seen[key] = k + 1
            t = 0.5 if n == 1 else 0.22 + 0.56 * k / (n - 1)
            lx = (1 - t) ** 3 * x0 + 3 * (1 - t) ** 2 * t * mid + 3 * (1 - t) * t * t * mid + t ** 3 * x1
            ly = (1 - t) ** 3 * sy + 3 * (1 - t) ** 2 * t * sy + 3 * (1 - t) * t * t * dy + t ** 3 * dy
            anchor = "middle"
        else:
            left = dc < sc
            gs, gd = (sc - 1, dc) if left else (sc, dc - 1)  # gap index: right of that column
            ls, ld = gap_lanes.get(gs, 0), gap_lanes.get(gd, 0)
            gap_lanes[gs], gap_lanes[gd] = ls + 1, ld + 1
            gx0 = col_x[gs] + W + GAP / 2 + (1 if left else -1) * (12 + ls * LANE)
            gx1 = col_x[gd] + W + GAP / 2 + (-1 if left else 1) * (12 + ld * LANE)
            cy = corridor + corridor_lanes * (LANE + 12)
            corridor_lanes += 1
            d = (f"M{x0:.0f},{sy:.0f} L{gx0:.0f},{sy:.0f} L{gx0:.0f},{cy:.0f} L{gx1:.0f},{cy:.0f} "
                 f"L{gx1:.0f},{dy:.0f} L{x1:.0f},{dy:.0f}")
            lx, ly = (gx0 + gx1) / 2, cy
            anchor = "middle"
        kind = ed["kind"] if ed["kind"] in KIND_RANK else "other"
        tip = f"{ed['kind']}: {ed['reason']}"
        paths.append(f'<path class="g-edge e-{kind}" d="{d}" marker-end="url(#arrow-{kind})">'
                     f"<title>{e(tip)}</title></path>")
        ly = _place_label(ed, lx, ly, anchor, taken)
        labels.append(f'<text class="g-elabel e-{kind}" x="{lx:.0f}" y="{ly + 4:.0f}" text-anchor="{anchor}">'
                      f"<title>{e(tip)}</title>{_label(ed, lx)}</text>")
    width = PAD * 2 + len(cols) * W + (len(cols) - 1) * GAP
    height = (corridor + corridor_lanes * (LANE + 12) + PAD) if corridor_lanes else row_y(rows) - ROW_GAP + PAD + 4
    heads = "".join(f'<text class="g-col" x="{col_x[c] + W / 2:.0f}" y="22">{e(label)}</text>'
                    for c, (label, _) in enumerate(cols))
    axis = f'<line class="g-axis" x1="{PAD}" y1="31" x2="{width - PAD}" y2="31"/>' if cols else ""
    markers = "".join(f'<marker id="arrow-{k}" class="mk-{k}" viewBox="0 0 10 10" refX="9" refY="5" '
                      'markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">'
                      '<path d="M0,0 L10,5 L0,10 z"/></marker>' for k in (*EDGE_KINDS, "other"))
    earliest = set(prov.get("earliest", []))
    nodes = "".join(_node_svg(n, col_x[c], row_y(r), earliest)
                    for c, (_, col_nodes) in enumerate(cols) for r, n in enumerate(col_nodes))
    title = f"Provenance graph of claim family {prov.get('family', '')}"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="prov-graph" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" role="group" aria-labelledby="pg-title">'
            f'<title id="pg-title">{e(title)}</title><defs>{markers}</defs>{heads}{axis}'
            f'<g class="g-edges">{"".join(paths)}</g><g class="g-nodes">{nodes}</g>'
            f'<g class="g-labels">{"".join(labels)}</g></svg>')


# --- the report's side panel ----------------------------------------------------------------

PROVENANCE_CSS = """
.cg-report .cg-prov-note { font-size: .85em; color: #555; }
.cg-report .cg-prov li { margin-bottom: .7em; }
.cg-report .cg-prov .cg-first { background: #fff3c4; border-radius: 3px; padding: 0 .3em; font-weight: 600; }
.cg-report .cg-prov del { background: #ffd7d5; text-decoration: line-through; }
.cg-report .cg-prov ins { background: #d4f5dc; text-decoration: none; }
.cg-report .cg-prov .cg-edge-kind { font-weight: 600; }
.cg-report .cg-prov .e-mutates { color: #b3261e; }
"""


def _where(o: dict[str, Any]) -> str:
    date = o.get("published") or "no date"
    if o.get("date_status") == "inferred":
        date += " (inferred)"
    return f"{e(o.get('outlet') or 'unknown outlet')}, {e(date)}"


def _position_text(p: dict[str, Any]) -> str:
    if p.get("copy"):
        return "this article is a syndicated copy: not independent evidence"
    if p.get("rank") is None:
        why = "it has no publication date" if p.get("date_status") == "unknown" else \
            "its date is only inferred from the text"
        return f"not placed in the timeline of {p['of']}: {why}"
    where = "in the corpus" if p.get("in_corpus") else "if added to the corpus"
    first = " — the earliest dated appearance" if p.get("earliest") else ""
    return f"#{p['rank']} of {p['of']} by publication date ({where}){first}"


def claim_note_html(claim_id: str, provenance: dict[str, dict[str, Any]] | None) -> str:
    """One line under a claim in the side panel, linking to its provenance entry."""
    s = (provenance or {}).get(claim_id)
    if not s:
        return ""
    first = s["earliest"][0] if s["earliest"] else None
    pos = s["position"]
    since = (", this article is the first dated appearance" if pos.get("in_corpus") else
             ", this article is dated before all of them") if pos.get("earliest") else \
        f", first {_where(first)}" if first else ""
    return (f'<div class="cg-meta cg-prov-note"><a href="#prov-{e(claim_id)}">{s["others"]} other '
            f"appearance(s) in the corpus</a>{since}</div>")


def provenance_section_html(provenance: dict[str, dict[str, Any]], claim_anchor: dict[str, str],
                            claim_text: dict[str, str]) -> str:
    """The side-panel section: per claim, its family, the earliest appearance, its place, edges."""
    items = []
    for cid, s in provenance.items():
        anchor = claim_anchor.get(cid)
        quote = e(short(claim_text.get(cid, ""), 140))
        head = f'<a href="#{e(anchor)}">“{quote}”</a>' if anchor else f"“{quote}”"
        firsts = "; ".join(f'<span class="cg-first">first</span> {_where(o)}' for o in s["earliest"]) or \
            "no appearance has a publication date from metadata"
        lines = [f'<li id="prov-{e(cid)}">{head}',
                 f'<div class="cg-meta">family {e(s["family"])} · {s["size"]} appearance(s) in '
                 f"{s['outlets']} other outlet(s) · {e(s['match'])}</div>",
                 f"<div>{firsts}</div>", f'<div class="cg-meta">{e(_position_text(s["position"]))}</div>']
        for ed in s["edges"]:
            diff = f' <span class="cg-diff">{diff_html(ed["diff"])}</span>' if ed["kind"] == "mutates" and \
                ed.get("diff") else ""
            kind = f'<span class="cg-edge-kind e-{e(ed["kind"])}">{e(ed["kind"])}</span>'
            said = f"this {kind} {e(ed['other_name'])}" if ed["direction"] == "out" else \
                f"{e(ed['other_name'])} {kind} this"
            lines.append(f'<div class="cg-meta">{said}{diff}</div>')
        lines += [f'<div class="cg-meta">caveat: {e(c)}</div>' for c in s["caveats"]]
        items.append("".join(lines) + "</li>")
    return '<section class="cg-prov"><ul>' + "".join(items) + "</ul></section>"
