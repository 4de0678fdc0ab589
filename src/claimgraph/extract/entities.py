"""Named entities worth showing a fact-checker: people, organisations, places, events."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Entity, MediaRef
from ..nlp import doc_text

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# Numbers are kept too: figures are what fact-checkers check first.
KEEP = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "EVENT", "FAC", "PRODUCT", "LAW", "WORK_OF_ART",
                  "PERCENT", "MONEY", "QUANTITY", "CARDINAL"})


def extract_entities(doc: "Doc", media: list[MediaRef] = ()) -> list[Entity]:  # type: ignore[assignment]
    """spaCy's entities, plus platforms named in media references (the NER model misses them)."""
    out = [Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents if e.label_ in KEEP]
    taken = {(e.start, e.end) for e in out}
    for m in media:
        if m.kind != "platform_mention" or not m.name:
            continue
        start = doc_text(doc).find(m.name, m.start, m.end)
        if start < 0:
            continue
        end = start + len(m.name)
        if not any(s < end and start < e for s, e in taken):
            out.append(Entity(m.name, "ORG", start, end))
            taken.add((start, end))
    out.sort(key=lambda e: e.start)
    return out
