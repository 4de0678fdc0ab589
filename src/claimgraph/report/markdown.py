"""A short Markdown report to paste into a newsroom chat or a ticket.

Short on purpose: sources and what they said, the author's most check-worthy claims, and
the findings. Article words are escaped and kept on one line, so a hostile article cannot
inject headings, links or images (``![x](http://tracker)``) into the ticket it is pasted in.
"""

from __future__ import annotations

import re

from ..model import Analysis
from . import (
    claims_by_attribution,
    clean_controls,
    excerpt,
    group_sources,
    one_line,
    type_label,
    unattributed_claims,
)

MAX_OWN_CLAIMS = 5
QUOTE_LIMIT = 280
SEVERITY_ORDER = {"high": 0, "warning": 1, "info": 2, "note": 3}
SEVERITY_ICON = {"high": "🔴", "warning": "🟠", "info": "🔵", "note": "⚪"}

# Inline syntax only: every line starts with our own prefix, so block syntax ("# ", "- ")
# cannot start inside article words. "@" and "#" are escaped so pasting into a tracker does
# not ping users or link issues named in the article.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#!|~&@])")


def md(text: str) -> str:
    """Escape untrusted text for Markdown: one line, inline syntax backslash-escaped."""
    return _MD_SPECIAL.sub(r"\\\1", clean_controls(one_line(text)))


def code(text: str) -> str:
    """An inline code span; backticks are dropped because they are its only syntax."""
    return "`" + clean_controls(one_line(text)).replace("`", "") + "`"


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def render_markdown(analysis: Analysis) -> str:
    """The report as Markdown (CommonMark + GitHub tables not required)."""
    art = analysis.article
    text = art.text
    lines = [f"### {md(art.title or '(untitled article)')}"]
    meta = [x for x in (art.outlet, art.published, art.language) if x]
    if meta:
        lines.append(md(" · ".join(meta)))
    if art.url:
        lines.append(f"URL: {code(art.url)}")
    lines.append(
        f"{len(analysis.attributions)} attributions · {len(analysis.claims)} claims · "
        f"{len(analysis.findings)} findings · article id {code(art.id)}"
    )

    ordered = sorted(analysis.findings, key=lambda f: (SEVERITY_ORDER.get(f.severity, 3), f.start))
    if ordered:
        lines += ["", "**Findings**", ""]
        for f in ordered:
            icon = SEVERITY_ICON.get(f.severity, "⚪")
            quote = excerpt(text, f.start, f.end, 160)
            tail = f" — “{md(quote)}”" if quote else ""
            lines.append(f"- {icon} **{md(f.severity)}**: {md(f.message)}{tail}")

    groups = group_sources(analysis)
    by_att = claims_by_attribution(analysis)
    if groups:
        lines += ["", "**Who says what**", ""]
        for g in groups:
            lines.append(f"- **{md(g.name)}** ({md(type_label(g.source_type))})")
            for a in g.attributions:
                tags = [a.mode] + (["hedged"] if a.hedged else [])
                scores = [
                    c.checkworthiness for c in by_att.get(a.id, []) if c.checkworthiness is not None
                ]
                if scores:
                    tags.append(f"check-worthiness {max(scores):.2f}")
                quote = excerpt(text, a.content.start, a.content.end, QUOTE_LIMIT)
                lines.append(
                    f"  - “{md(quote)}” — _{md(one_line(a.cue.text))}_, {md(', '.join(tags))}"
                )

    own = unattributed_claims(analysis)
    if own:
        shown = own[:MAX_OWN_CLAIMS]
        more = f" (top {len(shown)} of {len(own)})" if len(own) > len(shown) else ""
        lines += ["", f"**Unattributed claims (the author alone)**{more}", ""]
        for c in shown:
            quote = excerpt(text, c.start, c.end, QUOTE_LIMIT)
            lines.append(f"- `{_score(c.checkworthiness)}` “{md(quote)}”")

    extras = []
    if analysis.times:
        extras.append(f"{len(analysis.times)} time expressions")
    if analysis.media:
        extras.append(f"{len(analysis.media)} media/post references")
    if analysis.warnings:
        extras.append("warnings: " + "; ".join(one_line(w) for w in analysis.warnings))
    if extras:
        lines += ["", md(" · ".join(extras))]
    return "\n".join(lines) + "\n"
