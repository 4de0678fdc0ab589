"""The shared state of one extraction run and the candidate record each rule proposes."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...model import Span
from ...nlp import doc_text
from .quotes import Quote, find_quotes

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan


@dataclass(slots=True)
class Candidate:
    """An attribution proposed by one rule, before sources are typed and resolved.

    ``source_head`` is the token index of the source phrase's head word, used for typing and
    for resolving pronouns and short forms; rules that know the type already (an embedded post,
    an anonymous "news is coming") set ``source_type`` themselves.
    """

    source: Span | None
    cue: Span
    content: Span
    mode: str
    rule: str
    source_head: int | None = None
    source_type: str | None = None
    source_name: str | None = None
    platform: str | None = None
    handle: str | None = None
    date: str | None = None
    hedged: bool = False
    hedges: list[Span] = field(default_factory=list)
    content_parts: list[Span] = field(default_factory=list)
    priority: float = 0  # higher wins when two rules claim the same words


@dataclass(slots=True)
class Context:
    """Everything the rules read: the text, its parse, and its quoted passages."""

    doc: "Doc"
    text: str
    quotes: list[Quote]
    # token index -> its named entity; ``doc.ents`` rebuilds a tuple on every access, and a scan
    # per token made typing quadratic in article length (issue 13's profile)
    entity_at: dict[int, "SpacySpan"] = field(default_factory=dict)
    quotes_by_start: list[Quote] = field(default_factory=list)  # by inner start, for bisect
    quote_starts: list[int] = field(default_factory=list)

    def quote_holding(self, pos: int) -> Quote | None:
        """The quotation ``pos`` lies in, if any (quotes do not nest: only the last one opening
        before ``pos`` can hold it, found by bisect)."""
        i = bisect.bisect_right(self.quote_starts, pos) - 1
        return self.quotes_by_start[i] if i >= 0 and pos < self.quotes_by_start[i].inner_end else None

    @classmethod
    def build(cls, doc: "Doc") -> "Context":
        entity_at = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        text = doc_text(doc)
        quotes = find_quotes(text)
        by_start = sorted(quotes, key=lambda q: q.inner_start)
        return cls(doc=doc, text=text, quotes=quotes, entity_at=entity_at, quotes_by_start=by_start,
                   quote_starts=[q.inner_start for q in by_start])
