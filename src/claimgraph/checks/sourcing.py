"""Findings about how claims are sourced: anonymous, vague, second-hand without a link.

Rules are narrow on purpose: a fact-checker's tool must not cry wolf. A vague source is an
unnamed institution or an unnamed authority ("officials", "experts"); an ordinary bystander
quoted in a video ("a Ukrainian man") is descriptive but not a vague *authority*. A source
that is vague once in a paragraph is reported once, with the other claims it carries listed.
"""

from __future__ import annotations

import re

from ..extract.attribution.lexicon import NEWS_OUTLETS, OUTLET_WORDS
from ..extract.attribution.spans import paragraph_bounds
from ..model import Analysis, Attribution, Finding
from .nearby import ByStart

AUTHORITY_HEADS = frozenset(
    "official officials source sources expert experts analyst analysts spokesman spokeswoman "
    "spokesperson insider insiders diplomat diplomats investigator investigators authorities "
    "scientists researchers doctors observers".split()
)
_OUTLETS = {o.lower() for o in NEWS_OUTLETS}
# Words that make an unnamed institution unverifiable: "a Western intelligence agency".
VAGUE_MARKERS = frozenset(
    "intelligence security spy secret western foreign unnamed unidentified senior certain "
    "some several various".split()
)
INDEFINITE = frozenset({"a", "an", "some", "one", "several", "certain"})
NEWS_REPORT_NOUNS = frozenset("report reports reporting article story stories coverage dispatch".split())
QUOTED_TITLE = re.compile(r"[“\"]([A-Z][^”\"]{3,120})[”\"]")


def _clip(text: str, limit: int = 100) -> str:
    """Shorten at a word boundary, marked with an ellipsis, so a quote is never cut mid-word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _span(a: Attribution) -> tuple[int, int]:
    points = [a.cue.start, a.cue.end] + ([a.source.start, a.source.end] if a.source else [])
    return min(points), max(points)


def _head_word(a: Attribution) -> str:
    return a.source.text.split()[-1].lower() if a.source else ""


def _is_outlet_report(a: Attribution) -> bool:
    """A news outlet or a news report is cited ("according to the New York Times", "according
    to two news reports") — not data, a poll or a study, which are sourced differently."""
    name = (a.source_name or "").lower().strip()
    if name in _OUTLETS or name.removeprefix("the ") in _OUTLETS:
        return True
    if a.source_type == "named_org" and name.split() and name.split()[-1] in OUTLET_WORDS:
        return True
    words = [w.strip(",.’'").lower() for w in (a.source.text.split()[:4] if a.source else [])]
    return any(w in NEWS_REPORT_NOUNS for w in words)


class _Entities:
    """The article's entities, indexed for :func:`_is_vague` (one lookup per attribution, not a
    scan of every entity: long articles have tens of thousands)."""

    def __init__(self, entities: list) -> None:
        self.named = ByStart([e for e in entities if e.label in ("PERSON", "ORG")])
        self.by_length: dict[int, set[str]] = {}
        for e in self.named.items:
            if len(e.text) > 3:
                self.by_length.setdefault(len(e.text), set()).add(e.text)

    def named_in(self, start: int, end: int) -> bool:
        return bool(self.named.inside(start, end))

    def text_in(self, name: str) -> bool:
        """Some PERSON/ORG entity's text (over 3 characters) occurs in ``name``."""
        for length, texts in self.by_length.items():
            if length <= len(name) and any(name[i : i + length] in texts for i in range(len(name) - length + 1)):
                return True
        return False


def _is_vague(a: Attribution, entities: _Entities) -> bool:
    """Unnamed *and* unidentifiable: "a British intelligence agency", "officials", "experts".

    A definite local institution ("the port authority", "the regional fire service") can be
    called and checked, so it is not flagged.
    """
    if a.source is None or a.source_type not in ("descriptive_org", "descriptive_person"):
        return False
    name = a.source_name or ""
    if entities.named_in(a.source.start, a.source.end) or entities.text_in(name):
        return False  # "a three-judge panel of the 5th Circuit" names who it is
    words = [w.strip(",.’'").lower() for w in (a.source_name or a.source.text).split()]
    if a.source_type == "descriptive_person":
        return _head_word(a) in AUTHORITY_HEADS
    return bool(set(words) & VAGUE_MARKERS) or (bool(words) and words[0] in INDEFINITE) or (
        bool(words) and words[0] not in ("the", "this", "that", "its", "their") and words[-1].endswith("s")
    )


def sourcing_findings(analysis: Analysis) -> list[Finding]:
    text = analysis.article.text
    out: list[Finding] = []
    vague_seen: dict[tuple[str, int], Finding] = {}
    entities, media, times = _Entities(analysis.entities), ByStart(analysis.media), ByStart(analysis.times)
    for a in analysis.attributions:
        start, end = _span(a)
        if a.source_type == "anonymous":
            out.append(Finding(
                kind="anonymous_source", severity="warning", start=start, end=end, about=a.id,
                message=f"“{_clip(a.content.text)}” is passed on with no identifiable source "
                        f"(cue: “{a.cue.text}”).",
            ))
        elif _is_vague(a, entities):
            para = paragraph_bounds(text, a.cue.start)[0]
            key = ((a.source_name or "").lower(), para)
            if key in vague_seen:
                vague_seen[key].message += f" The same source also carries {a.id}."
                continue
            who = a.source_name or (a.source.text if a.source else "")
            f = Finding(
                kind="vague_source", severity="warning", start=start, end=end, about=a.id,
                message=f"“{who}” is not named: no agency, person or date is given, so the claim "
                        f"cannot be traced to who made it.",
            )
            vague_seen[key] = f
            out.append(f)
        if a.source_type in ("named_org", "anonymous", "document") and a.source is not None and _is_outlet_report(a):
            p0, p1 = paragraph_bounds(text, a.cue.start)
            linked = any(m.kind in ("url", "post") for m in media.starting_in(p0, p1))
            dated = any(t.type == "DATE" and t.start >= a.source.start - 40
                        and t.end <= a.source.end + 40 for t in times.starting_in(p0, p1))
            titled = QUOTED_TITLE.search(text, a.source.start, min(p1, a.source.end + 80)) is not None
            if not (linked or dated or titled):
                out.append(Finding(
                    kind="secondhand_unlinked", severity="info", start=start, end=end, about=a.id,
                    message=f"The claim rests on a report by “{a.source_name or a.source.text}” that "
                            f"is cited without a title, date or link.",
                ))
    return out


MEDIA_NOUNS = re.compile(r"\b(video|videos|footage|clip|clips|photo|photos|image|images|picture|pictures|recording)\b", re.I)


def media_findings(analysis: Analysis) -> list[Finding]:
    """A video or image said to circulate on a platform, with nobody named as its first poster."""
    text = analysis.article.text
    entities, media = ByStart(analysis.entities), ByStart(analysis.media)
    for m in analysis.media:
        if m.kind != "platform_mention":
            continue
        s0 = max(text.rfind(".", 0, m.start), text.rfind("\n", 0, m.start)) + 1
        s1 = min([i for i in (text.find(".", m.end), text.find("\n", m.end)) if i >= 0] or [len(text)])
        sentence = text[s0:s1]
        if not MEDIA_NOUNS.search(sentence):
            continue
        named = [e for e in entities.starting_in(s0, s1) if e.label == "PERSON"]
        handles = [h for h in media.starting_in(s0, s1) if h.kind == "handle"]
        if named or handles:
            continue
        return [Finding(
            kind="media_origin_unverified", severity="warning", start=m.start, end=m.end, about=None,
            message=f"Media said to be “{m.ref}” is used without naming who first posted it or "
                    f"when; its origin is unverified.",
        )]
    return []
