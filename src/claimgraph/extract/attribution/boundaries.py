"""Where a reported content ends: the writer's own words trailing after what was said.

A fact-checker checks what the speaker claimed, not the background the writer adds to it. Two
tails are the writer's, not the speaker's, whichever extractor proposed the content:

* a non-restrictive relative clause or descriptive apposition closing an indirect content
  ("… had no influence on the trial, which took place in …", "… at the breakaway republic,
  a territory recognised as …"): the annotators of the real-news gold set end the content at
  the comma every time (tune half); a *name* in apposition ("the foreign minister, Ada Brun")
  stays, because it says who the content is about;
* narration after a quotation that opens the content ("“Our losses peaked in May,” with up
  to a hundred soldiers killed a day"): the speaker said the quoted words, the rest is the
  writer's summary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...model import Span
from .candidate import Candidate, Context
from .spans import make_span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

RELATIVE_WORDS = frozenset("which who whom whose where".split())


def cut_at_participle(doc: "Doc", lo: int, hi: int) -> int:
    """Last token of the phrase ``lo..hi`` before a ", labeling it …" / ", accusing X of …"
    participle inside it: that is a new statement (or the writer's), not more of this one."""
    for t in doc[lo:hi + 1]:
        if t.dep_ == "advcl" and t.tag_ == "VBG" and t.i > lo and doc[t.left_edge.i - 1].text == ",":
            return t.left_edge.i - 2
    return hi
QUOTE_OPENERS = ("“", '"', "‘", "«")
SENTENCE_CLOSE = (",", ".", "!", "?")


def _is_trailing_aside(t: "Token") -> bool:
    """A relative clause opened by a wh-word, or an apposition describing (not naming) a noun."""
    if t.dep_ == "relcl":
        return t.left_edge.lower_ in RELATIVE_WORDS
    if not (t.pos_ == "NOUN" or t.lower_ == "something") or t.ent_type_:
        return False
    # "…, a territory recognised as …" is sometimes hung on the verb as an adverbial noun
    if t.dep_ != "appos" and not (t.dep_ == "npadvmod" and t.left_edge.lower_ in ("a", "an")):
        return False
    # "Britain, the US and the EU": a list the parser read as an apposition
    return not any(c.dep_ in ("cc", "conj") for c in t.subtree)


def drop_trailing_aside(ctx: Context, content: Span) -> Span:
    """The content without a ", which …" / ", a <description>" tail that runs to its end."""
    toks = ctx.doc.char_span(content.start, content.end, alignment_mode="expand")
    if toks is None or len(toks) < 6:
        return content
    words = [t for t in toks if not t.is_punct]
    if not words:
        return content
    last = words[-1].i
    for t in toks:
        if not _is_trailing_aside(t) or not toks.start <= t.head.i < t.i:
            continue
        comma = t.left_edge.i - 1
        if comma <= toks.start or ctx.doc[comma].text not in (",", "–", "—") or t.right_edge.i < last:
            continue
        if ctx.doc[comma].text != "," and any(x.text in ("–", "—") for x in ctx.doc[comma + 1:last + 1]):
            continue  # "isotonitazene—which has …—in samples": a dash pair closes the aside inside
        if ctx.quote_holding(ctx.doc[comma].idx) is not None:
            continue  # inside the speaker's own words
        cut = make_span(ctx.text, content.start, ctx.doc[comma].idx)
        if cut is not None and len(cut.text.split()) >= 3:
            return cut
    return content


def quotation_opening(ctx: Context, content: Span) -> Span:
    """A content that opens with a full quoted sentence (“…,” / “….”) and runs on past its
    closing mark is the quotation alone."""
    if not content.text.startswith(QUOTE_OPENERS) and not ctx.text[content.start - 1:content.start] in QUOTE_OPENERS:
        return content
    q = ctx.quote_holding(content.start if ctx.text[content.start] not in QUOTE_OPENERS else content.start + 1)
    if q is None or q.end >= content.end or not ctx.text[q.inner_start:q.inner_end].rstrip().endswith(SENTENCE_CLOSE):
        return content
    if len(ctx.text[q.end:content.end].split()) < 2:
        return content
    return make_span(ctx.text, q.inner_start, q.inner_end) or content


def tidy_contents(cands: list[Candidate], ctx: Context) -> None:
    """Apply both cuts to every candidate whose content is one piece."""
    for c in cands:
        if c.content_parts or c.source_type == "social_post":
            continue
        content = quotation_opening(ctx, c.content)
        if content is not c.content:
            c.content = content
            c.mode = "direct"
            c.rule += "; the narration after the opening quotation is the writer's"
            continue
        if c.mode == "indirect":
            content = drop_trailing_aside(ctx, c.content)
            if content is not c.content:
                c.content = content
                c.rule += "; a trailing relative clause or description is the writer's"
