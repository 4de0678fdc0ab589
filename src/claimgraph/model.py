"""The records that flow between stages.

One :class:`Analysis` per article is the contract: extractors fill it, checks read it, every
report (terminal, JSON, HTML) and every store is a view of it. All spans are character
offsets into ``Article.text`` (Python ``str`` indices, end exclusive), so anything shown to a
person can be traced back to the exact words of the article.

The JSON form (``Analysis.to_dict``) is documented in ``docs/json-schema.md``; field names
there are a public contract, so add fields rather than rename them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = "1.0"

SourceType = Literal[
    "named_person",
    "named_org",
    "descriptive_person",
    "descriptive_org",
    "document",
    "anonymous",
    "social_post",
    "author",
]
SOURCE_TYPES: tuple[str, ...] = (
    "named_person",
    "named_org",
    "descriptive_person",
    "descriptive_org",
    "document",
    "anonymous",
    "social_post",
    "author",
)
Mode = Literal["direct", "indirect"]


def _flat_dict(self: Any) -> dict[str, Any]:
    """JSON form of a record whose fields are all plain values (field order = JSON key order)."""
    return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


@dataclass(slots=True)
class Span:
    """A piece of the article: its exact text and where it stands."""

    text: str
    start: int
    end: int

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        return cls(text[start:end], start, end)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "Span | None":
        return None if d is None else cls(d["text"], d["start"], d["end"])


@dataclass(slots=True)
class Article:
    """One input document after reading; ``id`` is a hash of its text, so re-reads agree."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    published_source: str | None = None  # "metadata" | "text" (inferred) | None
    language: str | None = None
    language_score: float | None = None
    format: str = "text"  # text | html | json | url | post (an archived social post, read/posts.py)

    def to_dict(self, with_text: bool = False) -> dict[str, Any]:
        d = {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published,
            "published_source": self.published_source,
            "language": self.language,
            "format": self.format,
        }
        if with_text:
            d["text"] = self.text
        return d


@dataclass(slots=True)
class Attribution:
    """Who says what: a source (or none), the cue that links it, and the content attributed.

    ``source_name`` is the resolved full name when the source is a short form or pronoun
    ("The agency" → "The British intelligence agency", "he" → "Christopher Miller").
    ``reason`` says in plain words which rule found it, so a person can judge it.
    """

    id: str
    source: Span | None
    source_type: str
    cue: Span
    content: Span
    mode: str
    source_name: str | None = None
    hedged: bool = False
    hedges: list[Span] = field(default_factory=list)
    platform: str | None = None
    handle: str | None = None
    date: str | None = None
    refers_to: list[str] = field(default_factory=list)
    content_parts: list[Span] = field(default_factory=list)
    reason: str = ""
    # the earlier mention a pronoun, short form or office was resolved to ("he" → the span of
    # "Christopher Miller"), so the resolution can be checked against the text; None otherwise
    speaker_mention: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source.to_dict() if self.source else None,
            "source_type": self.source_type,
            "source_name": self.source_name,
            "cue": self.cue.to_dict(),
            "content": self.content.to_dict(),
            "mode": self.mode,
            "hedged": self.hedged,
            "hedges": [h.to_dict() for h in self.hedges],
            "platform": self.platform,
            "handle": self.handle,
            "date": self.date,
            "refers_to": list(self.refers_to),
            "content_parts": [p.to_dict() for p in self.content_parts],
            "speaker_mention": self.speaker_mention.to_dict() if self.speaker_mention else None,
            "reason": self.reason,
        }


@dataclass(slots=True)
class Claim:
    """A sentence (or clause) that asserts something; ``attribution`` is None for the author's own."""

    id: str
    text: str
    start: int
    end: int
    attribution: str | None = None
    checkworthiness: float | None = None
    checkworthy_reason: str | None = None
    reason: str = ""

    to_dict = _flat_dict


@dataclass(slots=True)
class Entity:
    text: str
    label: str
    start: int
    end: int

    to_dict = _flat_dict


@dataclass(slots=True)
class TimeExpr:
    """A time expression normalised to a TIMEX3 value ("2022-03-03", "P3D", "XXXX-WXX-4")."""

    text: str
    start: int
    end: int
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    anchor: str | None = None
    reason: str = ""

    to_dict = _flat_dict


@dataclass(slots=True)
class MediaRef:
    """A pointer to media or a post: URL, handle, post signature or platform mention."""

    kind: str  # url | handle | image_or_video | post | platform_mention
    platform: str | None
    ref: str
    start: int
    end: int
    handle: str | None = None
    name: str | None = None
    date: str | None = None
    post_id: str | None = None
    reason: str = ""

    to_dict = _flat_dict


@dataclass(slots=True)
class Finding:
    """Something a fact-checker should look at, with why, where, and what it is about."""

    kind: str
    severity: str  # note | info | warning | high ("note": bookkeeping, listed, not raised)
    message: str
    start: int
    end: int
    about: str | None = None
    # The same thing again elsewhere in the article ("Reuters: cited 3 times"): one notice with
    # every place, instead of one notice per mention. ``[[start, end], ...]`` after the first.
    also: list[list[int]] = field(default_factory=list)

    to_dict = _flat_dict


@dataclass(slots=True)
class Analysis:
    """Everything claimgraph knows about one article. Every output is a view of this."""

    article: Article
    attributions: list[Attribution] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    media: list[MediaRef] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Filled only by verification (``claimgraph verify``): one dict per verdict, in the form of
    # ``claimgraph.verify.verdict.Verdict.to_dict()`` plus its schema.org ``claimreview``.
    verdicts: list[dict[str, Any]] = field(default_factory=list)
    version: str = SCHEMA_VERSION

    def attribution(self, attribution_id: str | None) -> Attribution | None:
        for a in self.attributions:
            if a.id == attribution_id:
                return a
        return None

    def to_dict(self, with_text: bool = True) -> dict[str, Any]:
        return {
            "schema_version": self.version,
            "article": self.article.to_dict(with_text=with_text),
            "attributions": [a.to_dict() for a in self.attributions],
            "claims": [c.to_dict() for c in self.claims],
            "entities": [e.to_dict() for e in self.entities],
            "times": [t.to_dict() for t in self.times],
            "media": [m.to_dict() for m in self.media],
            "findings": [f.to_dict() for f in self.findings],
            "warnings": list(self.warnings),
            "verdicts": list(self.verdicts),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Analysis":
        """Rebuild an Analysis from its JSON form (as stored in the database)."""
        art = d["article"]
        article = Article(
            id=art["id"],
            text=art.get("text", ""),
            title=art.get("title"),
            url=art.get("url"),
            outlet=art.get("outlet"),
            published=art.get("published"),
            published_source=art.get("published_source"),
            language=art.get("language"),
            format=art.get("format", "text"),
        )
        attributions = [
            Attribution(
                id=a["id"],
                source=Span.from_dict(a.get("source")),
                source_type=a["source_type"],
                source_name=a.get("source_name"),
                cue=Span.from_dict(a["cue"]),  # type: ignore[arg-type]
                content=Span.from_dict(a["content"]),  # type: ignore[arg-type]
                mode=a["mode"],
                hedged=a.get("hedged", False),
                hedges=[Span.from_dict(h) for h in a.get("hedges", [])],  # type: ignore[misc]
                platform=a.get("platform"),
                handle=a.get("handle"),
                date=a.get("date"),
                refers_to=list(a.get("refers_to", [])),
                content_parts=[Span.from_dict(p) for p in a.get("content_parts", [])],  # type: ignore[misc]
                speaker_mention=Span.from_dict(a.get("speaker_mention")),
                reason=a.get("reason", ""),
            )
            for a in d.get("attributions", [])
        ]
        return cls(
            article=article,
            attributions=attributions,
            claims=[_build(Claim, c) for c in d.get("claims", [])],
            entities=[_build(Entity, e) for e in d.get("entities", [])],
            times=[_build(TimeExpr, t) for t in d.get("times", [])],
            media=[_build(MediaRef, m) for m in d.get("media", [])],
            findings=[_build(Finding, f) for f in d.get("findings", [])],
            warnings=list(d.get("warnings", [])),
            verdicts=list(d.get("verdicts", [])),
            version=d.get("schema_version", SCHEMA_VERSION),
        )


def _build(kind: type, d: dict[str, Any]) -> Any:
    names = {f.name for f in dataclasses.fields(kind)}
    return kind(**{k: v for k, v in d.items() if k in names})
