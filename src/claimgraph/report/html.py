"""One self-contained HTML report: the article with highlighted spans and a side panel.

The file must be safe to open even when the article was written by an attacker: every
string from the analysis is escaped, links are emitted only for http(s) URLs, and a strict
Content-Security-Policy forbids scripts, remote fetches and forms, so even a bug in the
escaping could not run code or phone home. No JavaScript is used; the side panel links to
spans with plain ``#id`` anchors and CSS ``:target`` shows where they land.
"""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from ..model import SOURCE_TYPES, Analysis, Attribution, Claim
from . import (
    SourceGroup,
    claims_by_attribution,
    excerpt,
    group_sources,
    one_line,
    type_label,
    unattributed_claims,
)
from .highlight import Mark, render_marked, safe_class, safe_id
from .provenance import PROVENANCE_CSS, claim_note_html, provenance_section_html

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
CHECKWORTHY = 0.5  # same default as AnalyzeOptions.checkworthy_threshold
REL = "noopener noreferrer nofollow"

SEVERITIES = ("high", "warning", "info")
SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}
CSS_PATH = Path(__file__).with_name("templates") / "report.css"


@cache
def report_css() -> str:
    """The report's stylesheet (scoped under ``.cg-report``), read once from the package."""
    return CSS_PATH.read_text(encoding="utf-8")


def e(text: object) -> str:
    """Escape anything from the analysis for text or a quoted attribute."""
    return html.escape(str(text), quote=True)


def safe_href(url: str | None) -> str | None:
    """``url`` if it is a plain http(s) URL with a host, else None (never ``javascript:``).

    Whitespace and control characters are refused outright: browsers strip some of them
    while parsing a scheme ("java\\tscript:"), so a URL containing any is not trusted.
    """
    if not url or any(ord(ch) <= 32 or ord(ch) == 127 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if not url.lower().startswith(("http://", "https://")):
        return None
    return url


def link_or_text(url: str | None, label: str | None = None) -> str:
    """An external link with ``rel=noopener noreferrer nofollow``, or escaped text if unsafe."""
    if not url:
        return ""
    href = safe_href(url)
    shown = e(one_line(label or url))
    if href is None:
        return f'<span class="cg-unsafe" title="not linked: not an http(s) URL">{shown}</span>'
    return f'<a href="{e(href)}" rel="{REL}" target="_blank">{shown}</a>'


class Anchors:
    """The HTML ids of every marked item, shared by the article marks and the side panel."""

    def __init__(self, analysis: Analysis) -> None:
        self.claim = {c.id: safe_id(c.id, "claim") for c in analysis.claims}
        self._attribution_ids = {a.id for a in analysis.attributions}

    @staticmethod
    def att(attribution_id: str, part: str = "att") -> str:
        """Id of an attribution's content ("att"), source ("src") or cue ("cue")."""
        return safe_id(attribution_id, part)

    def about(self, ref: str | None) -> str | None:
        if ref is None:
            return None
        if ref in self._attribution_ids:
            return self.att(ref)
        return self.claim.get(ref)


def _att_title(a: Attribution) -> str:
    who = one_line(a.source_name or (a.source.text if a.source else "") or "no source named")
    hedge = ", hedged" if a.hedged else ""
    return f"{type_label(a.source_type)}: {who} — {a.mode}{hedge} — {one_line(a.reason)}"


def article_marks(analysis: Analysis, ids: Anchors) -> list[Mark]:
    """Every highlighted span of the article, with its classes, anchor id and tooltip."""
    marks: list[Mark] = []
    for a in analysis.attributions:
        title = _att_title(a)
        aid = ids.att(a.id)
        marks.append(
            Mark(a.content.start, a.content.end, ("cg-content",), aid, "content: " + title)
        )
        if a.source is not None:
            cls = ("cg-src", "t-" + safe_class(a.source_type))
            marks.append(
                Mark(a.source.start, a.source.end, cls, ids.att(a.id, "src"), "source: " + title)
            )
        cue_id = ids.att(a.id, "cue")
        marks.append(Mark(a.cue.start, a.cue.end, ("cg-cue",), cue_id, "cue: " + title))
        for h in a.hedges:
            marks.append(Mark(h.start, h.end, ("cg-hedge",), None, f"hedge “{one_line(h.text)}”"))
    for c in analysis.claims:
        cls = (
            ("cg-claim", "cg-worthy") if (c.checkworthiness or 0) >= CHECKWORTHY else ("cg-claim",)
        )
        score = "unscored" if c.checkworthiness is None else f"{c.checkworthiness:.2f}"
        why = one_line(c.checkworthy_reason or c.reason)
        marks.append(
            Mark(
                c.start,
                c.end,
                cls,
                ids.claim[c.id],
                f"claim, check-worthiness {score}" + (f" — {why}" if why else ""),
            )
        )
    for i, t in enumerate(analysis.times):
        anchor = f", anchor {t.anchor}" if t.anchor else ""
        marks.append(
            Mark(
                t.start,
                t.end,
                ("cg-time",),
                f"time-{i}",
                f"time {t.type}: {t.value or '?'}{anchor} — {one_line(t.reason)}",
            )
        )
    for i, m in enumerate(analysis.media):
        plat = f" on {m.platform}" if m.platform else ""
        marks.append(
            Mark(
                m.start,
                m.end,
                ("cg-media",),
                f"media-{i}",
                f"media {m.kind}{plat}: {one_line(m.ref)} — {one_line(m.reason)}",
            )
        )
    for i, f in enumerate(analysis.findings):
        marks.append(
            Mark(
                f.start,
                f.end,
                ("cg-finding", "sev-" + safe_class(f.severity)),
                f"finding-{i}",
                f"{f.severity}: {one_line(f.message)}",
            )
        )
    return marks


def _badge(source_type: str) -> str:
    return f'<span class="cg-badge t-{safe_class(source_type)}">{e(type_label(source_type))}</span>'


def _cw(score: float | None) -> str:
    return (
        '<span class="cg-cw">–</span>'
        if score is None
        else f'<span class="cg-cw">{score:.2f}</span>'
    )


def _quote_link(anchor: str, text: str, start: int, end: int, limit: int = 220) -> str:
    return f'<a href="#{e(anchor)}">“{e(excerpt(text, start, end, limit))}”</a>'


def _group_html(
    g: SourceGroup,
    by_att: dict[str, list[Claim]],
    analysis: Analysis,
    ids: Anchors,
    provenance: dict[str, dict] | None = None,
) -> str:
    text = analysis.article.text
    n = len(g.attributions)
    out = [
        f'<section class="cg-group"><h3>{_badge(g.source_type)} {e(g.name)} '
        f"<small>{n} statement{'s' if n != 1 else ''}</small></h3>"
    ]
    forms = [f for f in g.surface_forms if f.casefold() != g.name.casefold()]
    if forms:
        out.append(f'<div class="cg-meta">also written as: {e(", ".join(forms))}</div>')
    out.append("<ul>")
    for a in g.attributions:
        aid = ids.att(a.id)
        meta = [
            f'cue <a href="#{e(ids.att(a.id, "cue"))}"><u>{e(one_line(a.cue.text))}</u></a>',
            e(a.mode),
        ]
        if a.hedged:
            hedges = ", ".join(one_line(h.text) for h in a.hedges)
            meta.append("hedged" + (f" ({e(hedges)})" if hedges else ""))
        meta += [e(one_line(x)) for x in (a.platform, a.handle, a.date) if x]
        row = [
            f"<li>{_quote_link(aid, text, a.content.start, a.content.end)}",
            f'<div class="cg-meta">{" · ".join(meta)}</div>',
        ]
        for c in by_att.get(a.id, []):
            why = f" — {e(one_line(c.checkworthy_reason))}" if c.checkworthy_reason else ""
            row.append(
                f'<div class="cg-meta"><a href="#{e(ids.claim[c.id])}">claim</a> '
                f"check-worthiness {_cw(c.checkworthiness)}{why}</div>"
            )
            row.append(claim_note_html(c.id, provenance))
        out.append("".join(row) + "</li>")
    out.append("</ul></section>")
    return "".join(out)


def _own_claims_html(
    analysis: Analysis, ids: Anchors, provenance: dict[str, dict] | None = None
) -> str:
    own = unattributed_claims(analysis)
    if not own:
        return '<p class="cg-meta">None.</p>'
    items = []
    for c in own:
        why = (
            f'<div class="cg-meta">{e(one_line(c.checkworthy_reason))}</div>'
            if c.checkworthy_reason
            else ""
        )
        items.append(
            f"<li>{_cw(c.checkworthiness)} "
            f"{_quote_link(ids.claim[c.id], analysis.article.text, c.start, c.end)}{why}"
            f"{claim_note_html(c.id, provenance)}</li>"
        )
    return "<ol>" + "".join(items) + "</ol>"


def _findings_html(analysis: Analysis, ids: Anchors) -> str:
    if not analysis.findings:
        return '<p class="cg-meta">None.</p>'
    text = analysis.article.text
    order = sorted(
        range(len(analysis.findings)),
        key=lambda i: (
            SEVERITY_ORDER.get(analysis.findings[i].severity, 3),
            analysis.findings[i].start,
        ),
    )
    items = []
    for i in order:
        f = analysis.findings[i]
        sev = f'<span class="cg-sev sev-{safe_class(f.severity)}">{e(f.severity)}</span>'
        quote = _quote_link(f"finding-{i}", text, f.start, f.end, 160) if f.end > f.start else ""
        target = ids.about(f.about)
        about = (
            f' · about <a href="#{e(target)}">{e(f.about)}</a>'
            if target
            else f" · about {e(f.about)}"
            if f.about
            else ""
        )
        items.append(
            f"<li>{sev} {e(one_line(f.message))}<div>{quote}</div>"
            f'<div class="cg-meta">{e(f.kind)}{about}</div></li>'
        )
    return "<ul>" + "".join(items) + "</ul>"


def _timeline_html(analysis: Analysis) -> str:
    """Points in time sorted by normalised value (ISO strings sort in time order), then the rest."""
    indexed = list(enumerate(analysis.times))
    points = sorted(
        (p for p in indexed if p[1].value and p[1].type in ("DATE", "TIME")),
        key=lambda p: (p[1].value or "", p[1].start),
    )
    placed = {i for i, _ in points}
    rest = [p for p in indexed if p[0] not in placed]
    items = []
    for i, t in points + rest:
        anchor = f" · anchor {e(t.anchor)}" if t.anchor else ""
        items.append(
            f'<li><b>{e(t.value or "?")}</b> <a href="#time-{i}">“{e(one_line(t.text))}”</a>'
            f' <span class="cg-meta">{e(t.type)}{anchor}</span></li>'
        )
    return "<ul>" + "".join(items) + "</ul>"


def _media_html(analysis: Analysis) -> str:
    items = []
    for i, m in sorted(enumerate(analysis.media), key=lambda p: p[1].start):
        ref = link_or_text(m.ref) if m.kind == "url" else e(one_line(m.ref))
        extra = [one_line(x) for x in (m.platform, m.handle, m.name, m.date) if x and x != m.ref]
        if m.post_id:
            extra.append(f"post {m.post_id}")
        meta = f' <span class="cg-meta">{e(" · ".join(extra))}</span>' if extra else ""
        items.append(f'<li><a href="#media-{i}">{e(m.kind)}</a> {ref}{meta}</li>')
    return "<ul>" + "".join(items) + "</ul>"


def _legend_html() -> str:
    types = "".join(f'<span class="t-{t}">{e(type_label(t))}</span>' for t in SOURCE_TYPES)
    other = (
        '<span class="cg-content">attributed content</span><span class="cg-cue">cue</span>'
        '<span class="cg-hedge">hedge</span>'
        '<span class="cg-claim cg-worthy">check-worthy claim</span>'
        '<span class="cg-time">time</span><span class="cg-media">media / post</span>'
        + "".join(f'<span class="cg-finding sev-{s}">{s} finding</span>' for s in SEVERITIES)
    )
    return f'<div class="cg-legend"><div>Sources: {types}</div><div>{other}</div></div>'


def _header_html(analysis: Analysis) -> str:
    art = analysis.article
    meta = [
        x
        for x in (
            art.outlet,
            art.published and f"published {art.published}",
            art.language and f"language {art.language}",
        )
        if x
    ]
    url = f"<div>{link_or_text(art.url)}</div>" if art.url else ""
    return (
        f"<header><h1>{e(one_line(art.title or '(untitled article)'))}</h1>"
        f'<div class="cg-meta">{e(" · ".join(meta))}</div>{url}'
        f'<div class="cg-meta">article id {e(art.id)} · {len(art.text)} characters</div></header>'
    )


def _verdict_css() -> str:
    from .verdicts import VERDICT_CSS

    return VERDICT_CSS


def render_fragment(
    analysis: Analysis, with_style: bool = True, provenance: dict[str, dict] | None = None
) -> str:
    """The report as an HTML fragment (no ``<html>``/``<head>``), for embedding in a page.

    With ``with_style`` the CSS comes along in a ``<style>`` element; every rule is scoped
    under ``.cg-report`` so it cannot restyle the surrounding page. ``provenance`` (claim id →
    summary, from ``claimgraph.corpus.views.provenance_for_analysis``) adds where each claim
    appears across a corpus: a line under the claim and an "Across the corpus" section.
    """
    ids = Anchors(analysis)
    by_att = claims_by_attribution(analysis)
    text = analysis.article.text
    side = ["<aside>", "<h2>Legend</h2>", _legend_html(), "<h2>Claims by source</h2>"]
    groups = group_sources(analysis)
    side += [_group_html(g, by_att, analysis, ids, provenance) for g in groups] or [
        '<p class="cg-meta">None.</p>'
    ]
    side += [
        "<h2>Unattributed claims (the author alone)</h2>",
        _own_claims_html(analysis, ids, provenance),
    ]
    if provenance:
        texts = {c.id: c.text for c in analysis.claims}
        side += [
            "<h2>Across the corpus</h2>",
            provenance_section_html(provenance, ids.claim, texts),
        ]
    side += ["<h2>Findings</h2>", _findings_html(analysis, ids)]
    if analysis.verdicts:
        from .verdicts import verdicts_html

        side.append(verdicts_html(analysis, ids.claim))
    if analysis.times:
        side += ["<h2>Time line</h2>", _timeline_html(analysis)]
    if analysis.media:
        side += ["<h2>Media and post references</h2>", _media_html(analysis)]
    if analysis.warnings:
        side += [
            "<h2>Warnings</h2><ul>",
            *(f"<li>{e(one_line(w))}</li>" for w in analysis.warnings),
            "</ul>",
        ]
    side.append("</aside>")
    body = render_marked(text, article_marks(analysis, ids))
    extra_css = (PROVENANCE_CSS if provenance else "") + (_verdict_css() if analysis.verdicts else "")
    style = f"<style>{report_css()}{extra_css}</style>" if with_style else ""
    return (
        f'{style}<div class="cg-report">{_header_html(analysis)}'
        f'<main><div class="cg-article">{body}</div></main>{"".join(side)}</div>'
    )


def render_html(analysis: Analysis, provenance: dict[str, dict] | None = None) -> str:
    """A complete, self-contained HTML page: inline CSS, no script, no external resource.

    ``provenance``: see :func:`render_fragment`.
    """
    title = e(one_line(analysis.article.title or "claimgraph report"))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title} — claimgraph</title>"
        f"<style>{report_css()}{PROVENANCE_CSS if provenance else ''}"
        f"{_verdict_css() if analysis.verdicts else ''}</style></head>"
        f"<body>{render_fragment(analysis, False, provenance)}</body></html>\n"
    )
