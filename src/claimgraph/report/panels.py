"""The report's sections around the article: findings, claims by source, time line, media, legend.

Split from :mod:`claimgraph.report.html` (which owns escaping, anchors and the page shape) so
each section is a small pure function of the Analysis. Every string from the analysis goes
through :func:`~claimgraph.report.html.e`; links inside the report are ``#anchor`` ids built
by :class:`~claimgraph.report.html.Anchors`, links to the web app are site-relative paths
with URL-encoded parts, and outside links go through ``link_or_text`` (http(s) only).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from ..model import SOURCE_TYPES, Analysis, Claim
from . import SourceGroup, clip, excerpt, one_line, type_label, unattributed_claims
from .highlight import safe_class
from .provenance import claim_note_html
from .timeline import Event, parse_when, timeline_svg

SEVERITIES = ("high", "warning", "info", "note")
SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}
KIND_LABELS = {
    "anonymous_source": "anonymous source",
    "vague_source": "vague source",
    "secondhand_unlinked": "second-hand, no link",
    "checkworthy_unsourced": "check-worthy, unsourced",
    "media_origin_unverified": "media origin unverified",
    "unverified_media": "unverified media or report",
    "wire_credit": "wire-agency credit",
    "date_inconsistency": "date inconsistency",
}


@dataclass(frozen=True, slots=True)
class Links:
    """Where a claim can be followed outside the report (the web app sets this; a standalone
    HTML file has no server to link to, so it leaves ``trace`` off)."""

    trace: bool = False  # link each claim to /trace?text=… (the store holds a corpus)


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.replace("_", " "))


def _e(text: object) -> str:
    from .html import e

    return e(text)


def _quote_link(anchor: str, text: str, start: int, end: int, limit: int = 220) -> str:
    return f'<a href="#{_e(anchor)}">“{_e(excerpt(text, start, end, limit))}”</a>'


def cw_html(score: float | None, threshold: float) -> str:
    if score is None:
        return '<span class="cg-cw" title="not scored">–</span>'
    above = " cg-cw-hi" if score >= threshold else ""
    return (f'<span class="cg-cw{above}" title="check-worthiness (threshold {threshold:.2f})">'
            f"{score:.2f}</span>")


def claim_links_html(c: Claim, provenance: dict[str, dict] | None, links: Links | None) -> str:
    """The claim's family (when it appears elsewhere in the corpus) and a trace link."""
    parts = []
    s = (provenance or {}).get(c.id)
    if s and links is not None:
        parts.append(f'<a class="cg-fam" href="/families/{quote(str(s["family"]), safe="")}">'
                     f'family {_e(s["family"])} · {int(s["size"])} appearances</a>')
    if links is not None and links.trace:
        parts.append(f'<a class="cg-trace" href="/trace?{_e(urlencode({"text": clip(c.text, 400)}))}">'
                     "trace where it came from</a>")
    return f'<div class="cg-meta cg-links">{" · ".join(parts)}</div>' if parts else ""


def findings_html(analysis: Analysis, about: dict[str, str]) -> str:
    """Counts by severity and kind, then one row per finding, most severe first.

    Each row links to its span in the article (``#finding-N``, highlighted by ``:target``)
    and to the attribution or claim it is about.
    """
    findings = analysis.findings
    if not findings:
        return ('<p class="cg-meta cg-none">No findings: every attribution names a source and '
                "no unsourced check-worthy claim was found.</p>")
    by_sev = Counter(f.severity for f in findings)
    by_kind = Counter(f.kind for f in findings)
    sev = "".join(f'<span class="cg-sev sev-{safe_class(s)}">{by_sev[s]} {_e(s)}</span>'
                  for s in sorted(by_sev, key=lambda s: SEVERITY_ORDER.get(s, 3)))
    kinds = " · ".join(f"{n} {_e(kind_label(k))}" for k, n in by_kind.most_common())
    text = analysis.article.text
    order = sorted(range(len(findings)),
                   key=lambda i: (SEVERITY_ORDER.get(findings[i].severity, 3), findings[i].start))
    items = []
    for i in order:
        f = findings[i]
        badge = f'<span class="cg-sev sev-{safe_class(f.severity)}">{_e(f.severity)}</span>'
        quote_ = (f'<div class="cg-fq">{_quote_link(f"finding-{i}", text, f.start, f.end, 160)}</div>'
                  if f.end > f.start else "")
        target = about.get(f.about or "")
        ref = (f' · about <a href="#{_e(target)}">{_e(f.about)}</a>' if target
               else f" · about {_e(f.about)}" if f.about else "")
        also = "".join(f'<div class="cg-fq">{_quote_link(f"finding-{i}-{k}", text, s, e, 160)}</div>'
                       for k, (s, e) in enumerate(f.also[:20], 1) if e > s)
        items.append(f'<li>{badge} <span class="cg-fk">{_e(kind_label(f.kind))}</span> '
                     f"{_e(one_line(f.message))}{quote_}{also}"
                     f'<div class="cg-meta">{_e(f.kind)}{ref}</div></li>')
    return (f'<div class="cg-fsum"><span class="cg-fcount"><b>{len(findings)}</b> '
            f"finding{'s' if len(findings) != 1 else ''}</span> {sev}"
            f'<span class="cg-meta">{kinds}</span></div><ol class="cg-flist">{"".join(items)}</ol>')


def badge_html(source_type: str) -> str:
    return f'<span class="cg-badge t-{safe_class(source_type)}">{_e(type_label(source_type))}</span>'


def group_html(g: SourceGroup, by_att: dict[str, list[Claim]], analysis: Analysis, anchors,
               threshold: float, provenance: dict[str, dict] | None, links: Links | None) -> str:
    """One speaker: their statements (linked to the text) and the claims inside each."""
    text = analysis.article.text
    n = len(g.attributions)
    out = [f'<section class="cg-group"><h3>{badge_html(g.source_type)} {_e(g.name)} '
           f"<small>{n} statement{'s' if n != 1 else ''}</small></h3>"]
    forms = [f for f in g.surface_forms if f.casefold() != g.name.casefold()]
    if forms:
        out.append(f'<div class="cg-meta">also written as: {_e(", ".join(forms))}</div>')
    out.append("<ul>")
    for a in g.attributions:
        meta = [f'cue <a href="#{_e(anchors.att(a.id, "cue"))}"><u>{_e(one_line(a.cue.text))}</u></a>',
                _e(a.mode)]
        if a.hedged:
            hedges = ", ".join(one_line(h.text) for h in a.hedges)
            meta.append("hedged" + (f" ({_e(hedges)})" if hedges else ""))
        meta += [_e(one_line(x)) for x in (a.platform, a.handle, a.date) if x]
        row = [f"<li>{_quote_link(anchors.att(a.id), text, a.content.start, a.content.end)}",
               f'<div class="cg-meta">{" · ".join(meta)}</div>']
        for c in by_att.get(a.id, []):
            why = f" — {_e(one_line(c.checkworthy_reason))}" if c.checkworthy_reason else ""
            row.append(f'<div class="cg-meta"><a href="#{_e(anchors.claim[c.id])}">claim</a> '
                       f"check-worthiness {cw_html(c.checkworthiness, threshold)}{why}</div>")
            row.append(claim_note_html(c.id, provenance))
            row.append(claim_links_html(c, provenance, links))
        out.append("".join(row) + "</li>")
    out.append("</ul></section>")
    return "".join(out)


def own_claims_html(analysis: Analysis, anchors, threshold: float,
                    provenance: dict[str, dict] | None, links: Links | None) -> str:
    """The author's own claims, most check-worthy first; those below the threshold folded away."""
    own = unattributed_claims(analysis)
    if not own:
        return '<p class="cg-meta">None.</p>'

    def item(c: Claim) -> str:
        why = (f'<div class="cg-meta">{_e(one_line(c.checkworthy_reason))}</div>'
               if c.checkworthy_reason else "")
        return (f"<li>{cw_html(c.checkworthiness, threshold)} "
                f"{_quote_link(anchors.claim[c.id], analysis.article.text, c.start, c.end)}{why}"
                f"{claim_note_html(c.id, provenance)}{claim_links_html(c, provenance, links)}</li>")

    high = [c for c in own if (c.checkworthiness or 0) >= threshold]
    low = [c for c in own if (c.checkworthiness or 0) < threshold]
    out = f'<ol>{"".join(item(c) for c in high)}</ol>' if high else \
        '<p class="cg-meta">None above the check-worthiness threshold.</p>'
    if low:
        out += (f"<details><summary>{len(low)} more below the threshold ({threshold:.2f})</summary>"
                f'<ol>{"".join(item(c) for c in low)}</ol></details>')
    return out


def _context(text: str, start: int, end: int, width: int = 80) -> str:
    """The words around ``[start, end)`` within its paragraph, never starting mid-word."""
    line = text.rfind("\n", 0, start) + 1
    a = max(line, start - width)
    if a > line and not text[a - 1].isspace():
        space = text.find(" ", a, start)
        a = space + 1 if space != -1 else start
    b = text.find("\n", end)
    b = min(len(text) if b == -1 else b, end + width)
    return ("…" if a > line else "") + excerpt(text, a, b, 200)


def timeline_html(analysis: Analysis) -> str:
    """The article's dated expressions as an SVG time line; durations, sets and anything the
    line cannot place (no calendar value) listed under it."""
    events = []
    text = analysis.article.text
    for i, t in enumerate(analysis.times):
        if t.type in ("DATE", "TIME") and t.value:
            context = _context(text, t.start, t.end)
            events.append(Event(when=t.value, label=f"“{one_line(t.text)}”", text=context,
                                href=f"#time-{i}", tip=f"“{one_line(t.text)}” — {t.type} {t.value}"))
    svg = timeline_svg(events, "Dated events mentioned in the article")
    placed = {ev.href for ev in events if parse_when(ev.when)} if svg else set()
    items = []
    for i, t in enumerate(analysis.times):
        if f"#time-{i}" in placed:
            continue
        anchor = f" · anchor {_e(t.anchor)}" if t.anchor else ""
        items.append(f'<li><b>{_e(t.value or "?")}</b> <a href="#time-{i}">“{_e(one_line(t.text))}”</a>'
                     f' <span class="cg-meta">{_e(t.type)}{anchor}</span></li>')
    listed = f"<ul>{''.join(items)}</ul>" if items else ""
    return (f'<div class="cg-tl-wrap">{svg}</div>' if svg else "") + listed


def legend_html() -> str:
    types = "".join(f'<span class="t-{t}">{_e(type_label(t))}</span>' for t in SOURCE_TYPES)
    other = (
        '<span class="cg-content">attributed content</span><span class="cg-cue">cue</span>'
        '<span class="cg-hedge">hedge</span>'
        '<span class="cg-claim cg-worthy">check-worthy claim</span>'
        '<span class="cg-time">time</span><span class="cg-media">media / post</span>'
        + "".join(f'<span class="cg-finding sev-{s}">{s} finding</span>' for s in SEVERITIES)
    )
    return (f'<details class="cg-legend"><summary>How to read the highlights</summary>'
            f"<div>Sources: {types}</div><div>{other}</div></details>")


def media_html(analysis: Analysis) -> str:
    from .html import link_or_text

    items = []
    for i, m in sorted(enumerate(analysis.media), key=lambda p: p[1].start):
        ref = link_or_text(m.ref) if m.kind == "url" else _e(one_line(m.ref))
        extra = [one_line(x) for x in (m.platform, m.handle, m.name, m.date) if x and x != m.ref]
        if m.post_id:
            extra.append(f"post {m.post_id}")
        meta = f' <span class="cg-meta">{_e(" · ".join(extra))}</span>' if extra else ""
        items.append(f'<li><a href="#media-{i}">{_e(m.kind)}</a> {ref}{meta}</li>')
    return "<ul>" + "".join(items) + "</ul>"
