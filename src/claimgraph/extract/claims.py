"""Claims: what each attribution asserts, plus what the author asserts alone.

Every attribution's content is one claim tied to it. Every other declarative sentence is an
unattributed claim: the author states it with no source, which is exactly what a fact-checker
needs to see separately. Questions, fragments and sentences inside an embedded post (which
belong to the post's author) are not unattributed claims.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..checks.nearby import Intervals
from ..model import Attribution, Claim
from ..nlp import doc_text
from .attribution.spans import make_span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span as SpacySpan

MIN_WORDS = 4


def _is_assertion(sent: "SpacySpan") -> bool:
    words = [t for t in sent if t.is_alpha]
    if len(words) < MIN_WORDS:
        return False
    if sent.text.rstrip().endswith("?"):
        return False
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in sent)
    root = sent.root
    imperative = root.tag_ == "VB" and root.i == sent.start and not any(
        c.dep_.startswith("nsubj") for c in root.children
    )
    return has_verb and not imperative


def _sentences(doc: "Doc") -> list["SpacySpan"]:
    """spaCy's sentences, with a stray one- or two-word piece joined to the rest of its line
    ("Ukraine | Russia War: When …" is one line, one sentence)."""
    sents = list(doc.sents)
    text = doc_text(doc)
    out: list[SpacySpan] = []
    i = 0
    while i < len(sents):
        s = sents[i]
        if i + 1 < len(sents) and sum(t.is_alpha for t in s) <= 2 and not s.text.endswith(("\n", ".", "!", "?")) \
                and "\n" not in text[s.end_char : sents[i + 1].start_char]:
            s = doc[s.start : sents[i + 1].end]
            i += 1
        out.append(s)
        i += 1
    return out


def extract_claims(doc: "Doc", attributions: list[Attribution], title_end: int = 0) -> list[Claim]:
    """Claims in reading order, ids c1, c2, …; ``title_end`` marks where a headline line ends."""
    text = doc_text(doc)
    claims: list[tuple[int, Claim]] = []
    covered: list[tuple[int, int]] = []
    for a in attributions:
        lo = min(a.content.start, a.cue.start, a.source.start if a.source else a.cue.start)
        hi = max(a.content.end, a.cue.end, a.source.end if a.source else a.cue.end)
        covered.append((lo, hi))
        if a.refers_to and len(a.content.text.split()) <= 8:
            continue  # "confirmed these claims": the claim is the one referred to
        claims.append(
            (
                a.content.start,
                Claim(
                    id="",
                    text=a.content.text,
                    start=a.content.start,
                    end=a.content.end,
                    attribution=a.id,
                    reason=f"content of attribution {a.id} ({a.source_type.replace('_', ' ')})",
                ),
            )
        )
    attributed = Intervals(covered)  # one binary search per sentence, not a scan of every attribution
    for sent in _sentences(doc):
        span = make_span(text, sent.start_char, sent.end_char, " \t\n")
        if span is None:
            continue
        if attributed.overlaps(span.start, span.end):
            continue
        if not _is_assertion(sent):
            continue
        why = "headline, stated by the outlet" if span.end <= title_end else "stated by the author with no source"
        claims.append(
            (span.start, Claim(id="", text=span.text, start=span.start, end=span.end, reason=why))
        )
    claims.sort(key=lambda x: x[0])
    out = []
    for n, (_, c) in enumerate(claims, start=1):
        c.id = f"c{n}"
        out.append(c)
    return out
