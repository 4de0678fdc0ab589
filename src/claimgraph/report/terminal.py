"""The terminal report: who says what, the author's own claims, findings, times, media.

Everything taken from the article goes into :class:`rich.text.Text` objects, never into
markup strings, so "[bold red]" in an article prints literally. Control characters (ANSI
escapes, bidi overrides) are shown as visible ``\\x1b``-style codes: an article must not
be able to recolour, move the cursor in or reorder the reader's terminal.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..model import Analysis, Attribution, Claim
from . import (
    SourceGroup,
    claims_by_attribution,
    clean_controls,
    excerpt,
    group_sources,
    one_line,
    type_label,
    unattributed_claims,
)

TYPE_STYLES = {
    "named_person": "bold white on blue",
    "named_org": "bold white on dark_green",
    "descriptive_person": "black on yellow",
    "descriptive_org": "black on dark_orange",
    "anonymous": "bold white on red",
    "social_post": "bold white on purple",
    "author": "black on grey70",
}
SEVERITY_STYLES = {
    "high": "bold white on red",
    "warning": "black on yellow",
    "info": "black on cyan",
}
SEVERITY_ORDER = {"high": 0, "warning": 1, "info": 2, "note": 3}


def clean(text: str) -> str:
    """Make untrusted text safe for a terminal: controls become visible escape codes."""
    return clean_controls(text)


def _t(text: str, style: str = "") -> Text:
    return Text(clean(text), style=style)


def badge(source_type: str) -> Text:
    """A coloured label for a source type; unknown types are shown reversed, not hidden."""
    return _t(f" {type_label(source_type)} ", TYPE_STYLES.get(source_type, "reverse"))


def cw_text(score: float | None) -> Text:
    """Check-worthiness as a fixed-width number, red when high, dim when low or unscored."""
    if score is None:
        return Text("  –  ", style="dim")
    style = "bold red" if score >= 0.7 else "yellow" if score >= 0.5 else "dim"
    return Text(f"{score:5.2f}", style=style)


def _header(analysis: Analysis) -> Panel:
    art = analysis.article
    body = Text()
    meta = []
    if art.outlet:
        meta.append(art.outlet)
    if art.published:
        src = f" ({art.published_source})" if art.published_source else ""
        meta.append(f"published {art.published}{src}")
    if art.language:
        meta.append(f"language {art.language}")
    body.append(clean(one_line(" · ".join(meta)) or "no metadata"), style="cyan")
    if art.url:
        body.append("\n")
        body.append(clean(one_line(art.url)), style="dim")
    body.append("\n")
    body.append(f"article id {clean(art.id)} · {len(art.text)} characters", style="dim")
    counts = (
        f"{len(analysis.attributions)} attributions · {len(analysis.claims)} claims · "
        f"{len(analysis.findings)} findings · {len(analysis.times)} time expressions · "
        f"{len(analysis.media)} media refs"
    )
    body.append("\n" + counts, style="dim")
    title = _t(one_line(art.title or "(untitled article)"), "bold")
    return Panel(body, title=title, title_align="left", border_style="bright_blue")


def _attribution_lines(a: Attribution, claims: list[Claim], text: str) -> Text:
    out = Text("• ")
    out.append("“" + clean(excerpt(text, a.content.start, a.content.end, 400)) + "”")
    out.append("\n  ")
    out.append("cue ", style="dim")
    out.append(clean(one_line(a.cue.text)), style="underline")
    out.append(f" · {clean(a.mode)}", style="dim")
    if a.hedged:
        hedges = ", ".join(one_line(h.text) for h in a.hedges)
        out.append(" · hedged", style="bold magenta")
        if hedges:
            out.append(clean(f" ({hedges})"), style="magenta")
    extra = [x for x in (a.platform, a.handle, a.date) if x]
    if extra:
        out.append(clean(" · " + " ".join(extra)), style="dim")
    content = one_line(a.content.text)
    for c in claims:
        out.append("\n  ")
        out.append("check-worthiness ", style="dim")
        out.append_text(cw_text(c.checkworthiness))
        if one_line(c.text) != content:
            out.append(clean(f"  “{excerpt(text, c.start, c.end, 200)}”"))
        if c.checkworthy_reason:
            out.append(clean(f"  {one_line(c.checkworthy_reason)}"), style="dim")
    return out


def _group_panel(g: SourceGroup, by_att: dict[str, list[Claim]], text: str) -> Panel:
    parts: list[Text] = []
    forms = [f for f in g.surface_forms if f.casefold() != g.name.casefold()]
    if forms:
        parts.append(_t("also written as: " + ", ".join(forms), "dim"))
    for a in g.attributions:
        parts.append(_attribution_lines(a, by_att.get(a.id, []), text))
    title = badge(g.source_type)
    title.append(" ")
    title.append(clean(g.name), style="bold")
    n = len(g.attributions)
    subtitle = Text(f"{n} statement{'s' if n != 1 else ''}", style="dim")
    return Panel(
        Group(*parts),
        title=title,
        title_align="left",
        subtitle=subtitle,
        subtitle_align="right",
        border_style="grey50",
    )


def _own_claims(claims: list[Claim], text: str) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for c in claims:
        body = _t("“" + excerpt(text, c.start, c.end, 400) + "”")
        if c.checkworthy_reason:
            body.append("\n" + clean(one_line(c.checkworthy_reason)), style="dim")
        grid.add_row(cw_text(c.checkworthiness), body)
    return grid


def _findings(analysis: Analysis) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    text = analysis.article.text
    ordered = sorted(analysis.findings, key=lambda f: (SEVERITY_ORDER.get(f.severity, 3), f.start))
    for f in ordered:
        sev = _t(f" {f.severity.upper()} ", SEVERITY_STYLES.get(f.severity, "reverse"))
        body = _t(one_line(f.message))
        quoted = excerpt(text, f.start, f.end, 200)
        if quoted:
            body.append("\n“" + clean(quoted) + "”", style="italic")
        about = f" · about {f.about}" if f.about else ""
        also = "".join(f", {s}–{e}" for s, e in f.also)
        body.append(clean(f"\n{f.kind}{about} · chars {f.start}–{f.end}{also}"), style="dim")
        grid.add_row(sev, body)
    return grid


def _times(analysis: Analysis) -> Text:
    out = Text()
    for i, t in enumerate(sorted(analysis.times, key=lambda t: t.start)):
        if i:
            out.append("\n")
        out.append(clean(one_line(t.text)), style="bold")
        out.append(" → ")
        out.append(clean(t.value or "?"), style="green" if t.value else "dim")
        out.append(clean(f" ({t.type})"), style="dim")
        if t.anchor:
            out.append(clean(f" anchor {t.anchor}"), style="dim")
    return out


def _media(analysis: Analysis) -> Text:
    out = Text()
    for i, m in enumerate(sorted(analysis.media, key=lambda m: m.start)):
        if i:
            out.append("\n")
        out.append(clean(f"{m.kind}"), style="bold")
        if m.platform:
            out.append(clean(f" [{m.platform}]"), style="magenta")
        out.append(" " + clean(one_line(m.ref)))
        extra = [
            x
            for x in (m.handle, m.name, m.date, m.post_id and f"post {m.post_id}")
            if x and x != m.ref
        ]
        if extra:
            out.append(clean(" · " + " · ".join(extra)), style="dim")
    return out


def render_terminal(analysis: Analysis, console: Console) -> None:
    """Print the report for one article; readable at 80 columns, safe for hostile text."""
    text = analysis.article.text
    console.print(_header(analysis))
    groups = group_sources(analysis)
    by_att = claims_by_attribution(analysis)
    console.print(Rule(Text("Claims by source"), align="left"))
    if not groups:
        console.print(Text("No attributed statements found.", style="dim"))
    for g in groups:
        console.print(_group_panel(g, by_att, text))
    own = unattributed_claims(analysis)
    console.print(Rule(Text("Unattributed claims (the author alone)"), align="left"))
    console.print(_own_claims(own, text) if own else Text("None.", style="dim"))
    console.print(Rule(Text("Findings"), align="left"))
    console.print(_findings(analysis) if analysis.findings else Text("None.", style="dim"))
    if analysis.times:
        console.print(Rule(Text("Time expressions"), align="left"))
        console.print(_times(analysis))
    if analysis.media:
        console.print(Rule(Text("Media and post references"), align="left"))
        console.print(_media(analysis))
    if analysis.warnings:
        console.print(Rule(Text("Warnings"), align="left"))
        for w in analysis.warnings:
            console.print(_t("! " + one_line(w), "yellow"))
