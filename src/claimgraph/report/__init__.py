"""Views of one :class:`~claimgraph.model.Analysis`: terminal, HTML, Markdown, JSON schema.

Every view is a pure function of an Analysis, so the CLI, the web server and the tests see
the same report. This module holds the small "view model" all of them share — claims
grouped by who said them, the author's own claims ranked by check-worthiness — so the three
renderers cannot disagree about grouping. The renderers themselves are imported lazily
(``from claimgraph.report import render_html`` works, but importing this package does not
pull in rich).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..model import Analysis, Attribution, Claim

__all__ = [
    "SourceGroup",
    "claims_by_attribution",
    "clean_controls",
    "clip",
    "excerpt",
    "group_sources",
    "one_line",
    "render_fragment",
    "render_html",
    "render_markdown",
    "render_terminal",
    "type_label",
    "unattributed_claims",
    "validate_analysis_dict",
]

_LAZY = {
    "render_terminal": "terminal",
    "render_html": "html",
    "render_fragment": "html",
    "render_markdown": "markdown",
    "validate_analysis_dict": "schema",
}

TYPE_LABELS = {
    "named_person": "named person",
    "named_org": "named organisation",
    "descriptive_person": "described person",
    "descriptive_org": "described organisation",
    "anonymous": "anonymous",
    "social_post": "social media post",
    "author": "the author",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module = importlib.import_module(f"{__name__}.{_LAZY[name]}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def type_label(source_type: str) -> str:
    """Words for a source type ("descriptive_org" → "described organisation")."""
    return TYPE_LABELS.get(source_type, source_type.replace("_", " "))


# C0/C1 controls except tab and newline, plus bidi embedding/override/isolate marks.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _code(match: re.Match[str]) -> str:
    n = ord(match.group())
    return f"\\x{n:02x}" if n < 256 else f"\\u{n:04x}"


def clean_controls(text: str) -> str:
    """Show control characters as visible codes (ESC → ``\\x1b``, RLO → ``\\u202e``).

    Article text is untrusted: an ANSI escape could recolour or move the cursor in the
    terminal of whoever reads a report, and a bidi override could make a quote read
    backwards. Text views (terminal, Markdown) therefore never emit them raw.
    """
    return _UNSAFE.sub(_code, text)


def one_line(text: str) -> str:
    """Collapse all whitespace runs to one space: quotes in lists, titles, tooltips."""
    return " ".join(text.split())


def clip(text: str | None, limit: int) -> str:
    """``text`` on one line, at most ``limit`` characters, cut at a word boundary with "…".

    Cutting mid-word ("the Kyiv Independen") reads as a typo; a word is only split when
    the last space is too far back (a single very long token such as a URL).
    """
    s = one_line(text or "")
    if len(s) <= limit:
        return s
    if limit <= 1:
        return "…"[:limit]
    cut = s[: limit - 1]
    space = cut.rfind(" ")
    if space >= (limit - 1) * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:—–-") + "…"


def excerpt(text: str, start: int, end: int, limit: int = 240) -> str:
    """The article words in ``[start, end)`` on one line, clipped to ``limit`` characters.

    Offsets are clamped, so a bad offset gives a short or empty excerpt, never an error.
    """
    start, end = max(0, start), max(0, min(end, len(text)))
    s = one_line(text[start:end]) if end > start else ""
    return clip(s, limit)


@dataclass(frozen=True, slots=True)
class SourceGroup:
    """All attributions to one source, e.g. every statement by "Christopher Miller".

    ``name`` is the resolved name (or the source words as written when unresolved);
    ``surface_forms`` are the distinct ways the article refers to the source ("Miller",
    "he"), so a reader sees how the grouping was made.
    """

    name: str
    source_type: str
    surface_forms: tuple[str, ...]
    attributions: tuple[Attribution, ...]


def _source_name(a: Attribution) -> str:
    if a.source_name and a.source_name.strip():
        return one_line(a.source_name)
    if a.source is not None and a.source.text.strip():
        return one_line(a.source.text)
    if a.handle:
        return one_line(a.handle)
    return "(no source named)"


def group_sources(analysis: Analysis) -> list[SourceGroup]:
    """Attributions grouped by (source type, resolved name), in order of first appearance.

    The name is compared case-insensitively so "the Ministry" and "The Ministry" are one
    source; different types are kept apart because a named and an anonymous "official"
    are not the same witness.
    """
    buckets: dict[tuple[str, str], list[Attribution]] = {}
    names: dict[tuple[str, str], str] = {}
    for a in sorted(analysis.attributions, key=lambda a: (a.content.start, a.cue.start)):
        name = _source_name(a)
        key = (a.source_type, name.casefold())
        buckets.setdefault(key, []).append(a)
        names.setdefault(key, name)
    groups = []
    for key, atts in buckets.items():
        forms: list[str] = []
        for a in atts:
            if a.source is not None:
                form = one_line(a.source.text)
                if form and form not in forms:
                    forms.append(form)
        groups.append(SourceGroup(names[key], key[0], tuple(forms), tuple(atts)))
    return groups


def claims_by_attribution(analysis: Analysis) -> dict[str, list[Claim]]:
    """Claims keyed by the id of the attribution they belong to, in text order."""
    known = {a.id for a in analysis.attributions}
    out: dict[str, list[Claim]] = {}
    for c in sorted(analysis.claims, key=lambda c: c.start):
        if c.attribution is not None and c.attribution in known:
            out.setdefault(c.attribution, []).append(c)
    return out


def unattributed_claims(analysis: Analysis) -> list[Claim]:
    """The author's own claims, most check-worthy first (unscored last, then text order).

    A claim whose attribution id does not exist in the analysis is listed here too: it is
    shown rather than silently dropped.
    """
    known = {a.id for a in analysis.attributions}
    own = [c for c in analysis.claims if c.attribution is None or c.attribution not in known]
    return sorted(
        own,
        key=lambda c: (c.checkworthiness is None, -(c.checkworthiness or 0.0), c.start),
    )
