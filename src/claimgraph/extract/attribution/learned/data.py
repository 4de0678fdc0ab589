"""Turn gold attributions (character fragments) into CRF training sequences, and back.

Used by ``scripts/train_attribution.py`` for training and cross-validation; kept in the
package so the conversion the model was trained with is the one its outputs are read with.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .features import DocFeatures, cue_features, role_features
from .tagger import Relation, TokenSpan

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

Fragment = tuple[int, int]


def token_span(doc: "Doc", start: int, end: int) -> TokenSpan | None:
    """Token indices covering characters ``start..end`` (whitespace-only spans give None)."""
    text = doc.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.start, span.end


def _label(tags: list[str], spans: Sequence[TokenSpan], label: str, offset: int) -> None:
    for s, e in spans:
        s, e = max(s - offset, 0), min(e - offset, len(tags))
        for i in range(s, e):
            if tags[i] != "O" and not tags[i].endswith(label):
                continue  # a token claimed by another role keeps it
            tags[i] = ("B-" if i == s else "I-") + label


def gold_token_relations(doc: "Doc", relations: Sequence[Any]) -> list[tuple[list[TokenSpan], TokenSpan | None, list[TokenSpan]]]:
    """``(cue pieces, source, content pieces)`` in tokens for PolNeAR-style gold relations."""
    out = []
    for rel in relations:
        cue = [t for f in rel.cue if (t := token_span(doc, *f))]
        if not cue:
            continue
        src = [t for f in rel.source if (t := token_span(doc, *f))]
        source = (min(s for s, _ in src), max(e for _, e in src)) if src else None
        content = [t for f in rel.content if (t := token_span(doc, *f))]
        out.append((cue, source, content))
    return out


def cue_sequences(doc: "Doc", gold: list[tuple[list[TokenSpan], TokenSpan | None, list[TokenSpan]]]) -> Iterator[tuple[list[list[str]], list[str]]]:
    df = DocFeatures(doc)
    cues = [c for cue, _, _ in gold for c in cue]
    for s, e in df.sents:
        if e - s < 2:
            continue
        tags = ["O"] * (e - s)
        _label(tags, [c for c in cues if s <= c[0] < e], "CUE", s)
        yield cue_features(df, s, e), tags


def role_sequences(doc: "Doc", gold: list[tuple[list[TokenSpan], TokenSpan | None, list[TokenSpan]]],
                   content_in_window: bool = False) -> Iterator[tuple[list[list[str]], list[str]]]:
    """One role sequence per gold relation, over its cue's window.

    ``content_in_window`` drops a relation whose content lies wholly outside the window: the
    real-news gold gives a new quoted paragraph the cue of the last "he said", paragraphs
    away, and such a sequence would teach the tagger that the cue has no content.
    """
    df = DocFeatures(doc)
    for cue, source, content in gold:
        lo, hi, feats = role_features(df, cue[0])
        if content_in_window and not any(s < hi and e > lo for s, e in content):
            continue
        tags = ["O"] * (hi - lo)
        _label(tags, content, "CON", lo)
        if source:
            _label(tags, [source], "SRC", lo)
        yield feats, tags


def char_span(doc: "Doc", span: TokenSpan) -> Fragment:
    s, e = span
    return doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)


def relation_dict(doc: "Doc", rel: Relation) -> dict[str, Any]:
    """A relation in the shape of ``Attribution.to_dict`` (what the scorers read)."""
    text = doc.text

    def sd(f: Fragment) -> dict[str, Any]:
        return {"text": text[f[0]:f[1]], "start": f[0], "end": f[1]}

    parts = [char_span(doc, c) for c in rel.content]
    outer = (min(s for s, _ in parts), max(e for _, e in parts))
    return {
        "source": sd(char_span(doc, rel.source)) if rel.source else None,
        "cue": sd(char_span(doc, rel.cue)),
        "content": sd(outer),
        "content_parts": [sd(p) for p in parts] if len(parts) > 1 else [],
    }
