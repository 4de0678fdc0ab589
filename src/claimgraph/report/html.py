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

from ..model import Analysis, Attribution
from . import claims_by_attribution, group_sources, one_line, type_label
from .highlight import Mark, render_marked, safe_class, safe_id
from .panels import (
    Links,
    findings_html,
    group_html,
    legend_html,
    media_html,
    own_claims_html,
    timeline_html,
)
from .provenance import PROVENANCE_CSS, provenance_section_html

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
REL = "noopener noreferrer nofollow"
CSS_PATH = Path(__file__).with_name("templates") / "report.css"


@cache
def checkworthy_threshold() -> float:
    """The calibrated threshold stored with the packaged check-worthiness model.

    The same number decides the ``checkworthy_unsourced`` findings, so the underline in the
    text, the folded list and the findings agree; 0.5 if the model cannot be read.
    """
    try:
        from ..extract.checkworthy import CheckworthyModel

        return CheckworthyModel.load().threshold
    except Exception:  # noqa: BLE001 - a report must render even without the model file
        return 0.5


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


def article_marks(analysis: Analysis, ids: Anchors, threshold: float | None = None) -> list[Mark]:
    """Every highlighted span of the article, with its classes, anchor id and tooltip.

    Only claims at or above the calibrated check-worthiness ``threshold`` are underlined: an
    underline under every sentence tells the reader nothing.
    """
    threshold = checkworthy_threshold() if threshold is None else threshold
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
            ("cg-claim", "cg-worthy") if (c.checkworthiness or 0) >= threshold else ("cg-claim",)
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
        places = [(f.start, f.end, f"finding-{i}")] + [(s, e, f"finding-{i}-{k}")
                                                        for k, (s, e) in enumerate(f.also[:20], 1)]
        for s, e, anchor in places:
            marks.append(
                Mark(s, e, ("cg-finding", "sev-" + safe_class(f.severity)), anchor,
                     f"{f.severity}: {one_line(f.message)}")
            )
    return marks


def _header_html(analysis: Analysis, threshold: float) -> str:
    """Headline, where and when, and one line of counts with a chip per source type."""
    art = analysis.article
    meta = [x for x in (art.outlet, art.published and f"published {art.published}",
                        art.language and f"language {art.language}") if x]
    meta.append(f"{len(art.text)} characters · id {art.id}")
    url = f"<div>{link_or_text(art.url)}</div>" if art.url else ""
    counts: dict[str, int] = {}
    for a in analysis.attributions:
        counts[a.source_type] = counts.get(a.source_type, 0) + 1
    worthy = sum(1 for c in analysis.claims if (c.checkworthiness or 0) >= threshold)
    chips = "".join(f'<span class="cg-chip t-{safe_class(t)}">{e(type_label(t))} · {n}</span>'
                    for t, n in counts.items())
    n_att = len(analysis.attributions)
    summary = (f'<div class="cg-summary"><span><b>{n_att}</b> attribution{"s" if n_att != 1 else ""}'
               f"</span>{chips}<span><b>{len(analysis.claims)}</b> claims, <b>{worthy}</b> check-worthy"
               "</span></div>")
    return (
        f"<header><h1>{e(one_line(art.title or '(untitled article)'))}</h1>"
        f'<div class="cg-meta">{e(" · ".join(meta))}</div>{url}{summary}</header>'
    )


def _verdict_css() -> str:
    from .verdicts import VERDICT_CSS

    return VERDICT_CSS


def _about_anchors(analysis: Analysis, ids: Anchors) -> dict[str, str]:
    out = {a.id: ids.att(a.id) for a in analysis.attributions}
    out.update(ids.claim)
    return out


def render_fragment(
    analysis: Analysis,
    with_style: bool = True,
    provenance: dict[str, dict] | None = None,
    links: Links | None = None,
) -> str:
    """The report as an HTML fragment (no ``<html>``/``<head>``), for embedding in a page.

    Findings come first, right under the headline: they are what a fact-checker opens the
    report for. Then the article with its highlights beside the claims grouped by speaker
    (one column on a phone). With ``with_style`` the CSS comes along in a ``<style>``
    element; every rule is scoped under ``.cg-report`` so it cannot restyle the surrounding
    page. ``provenance`` (claim id → summary, from
    ``claimgraph.corpus.views.provenance_for_analysis``) adds where each claim appears across
    a corpus. ``links`` (the web app) links each claim to its family and trace pages.
    """
    ids = Anchors(analysis)
    threshold = checkworthy_threshold()
    by_att = claims_by_attribution(analysis)
    text = analysis.article.text
    top = ['<section class="cg-findings" aria-labelledby="cg-findings-h">'
           '<h2 id="cg-findings-h">Findings</h2>', findings_html(analysis, _about_anchors(analysis, ids)),
           "</section>"]
    if analysis.verdicts:
        from .verdicts import verdicts_html

        top.append(f'<section class="cg-verdicts">{verdicts_html(analysis, ids.claim)}</section>')
    side = ['<div class="cg-side">', "<h2>Claims by source</h2>"]
    side += [group_html(g, by_att, analysis, ids, threshold, provenance, links)
             for g in group_sources(analysis)] or ['<p class="cg-meta">None.</p>']
    side += ["<h2>The author’s own claims</h2>",
             own_claims_html(analysis, ids, threshold, provenance, links)]
    if provenance:
        texts = {c.id: c.text for c in analysis.claims}
        side += ["<h2>Across the corpus</h2>", provenance_section_html(provenance, ids.claim, texts)]
    if analysis.times:
        side += ["<h2>Time line</h2>", timeline_html(analysis)]
    if analysis.media:
        side += ["<h2>Media and post references</h2>", media_html(analysis)]
    if analysis.warnings:
        side += ["<h2>Warnings</h2><ul>", *(f"<li>{e(one_line(w))}</li>" for w in analysis.warnings), "</ul>"]
    side.append("</div>")
    body = render_marked(text, article_marks(analysis, ids, threshold))
    extra_css = (PROVENANCE_CSS if provenance else "") + (_verdict_css() if analysis.verdicts else "")
    style = f"<style>{report_css()}{extra_css}</style>" if with_style else ""
    return (
        f'{style}<div class="cg-report">{_header_html(analysis, threshold)}{"".join(top)}'
        f'<div class="cg-body"><section class="cg-text" aria-labelledby="cg-text-h">'
        f'<h2 id="cg-text-h">The article</h2>{legend_html()}'
        f'<div class="cg-article">{body}</div></section>{"".join(side)}</div></div>'
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
        f"<body><main>{render_fragment(analysis, False, provenance)}</main></body></html>\n"
    )
