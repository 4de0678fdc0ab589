"""Attribution by "according to X": the rest of the sentence is what X says.

"According to the report of The New York Times, …" names a report as the source; the
organisation behind the report ("The New York Times") becomes the resolved source name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...model import Span
from .candidate import Candidate, Context
from .lexicon import REPORT_NOUNS
from .quotes import quote_at
from .spans import contiguous_subtree, make_span, span_of_tokens

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span as SpacySpan


def _name_in_apposition(ctx: Context, last: int) -> "SpacySpan | None":
    """", Ihor Yunusov," right after the source phrase: the name of the one it describes, which
    the parser often hangs elsewhere ("according to one officer on duty, Ihor Yunusov, this …")."""
    doc = ctx.doc
    if last + 2 >= len(doc) or doc[last + 1].text != ",":
        return None
    ent = ctx.entity_at.get(last + 2)
    if ent is None or ent.start != last + 2 or ent.label_ not in ("PERSON", "ORG"):
        return None
    if ent.end >= len(doc) or doc[ent.end].text != "," or doc[last].ent_type_:
        return None  # "according to Reuters, Moscow, …" is a list, not a name for a description
    return ent


def find_according_to(ctx: Context) -> list[Candidate]:
    doc, text = ctx.doc, ctx.text
    out: list[Candidate] = []
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs:
            continue
        obj = objs[0]
        s_lo, s_hi = contiguous_subtree(obj)
        source = span_of_tokens(doc, text, s_lo, s_hi)
        if source is None:
            continue
        sent = tok.sent
        named_after = _name_in_apposition(ctx, s_hi)
        if named_after is not None:  # "according to one officer on duty, Ihor Yunusov, …"
            s_hi = named_after.end - 1
            source = span_of_tokens(doc, text, s_lo, s_hi) or source
        pp_lo, pp_hi = tok.i, s_hi
        # content: the larger side of the sentence around the "according to X" phrase
        left = (sent.start, pp_lo - 1)
        right = (pp_hi + 1, sent.end - 1)
        lo, hi = right if (right[1] - right[0]) >= (left[1] - left[0]) else left
        if hi < lo:
            continue
        content = span_of_tokens(doc, text, lo, hi)
        if content is None or len(content.text.split()) < 2:
            continue
        quote = quote_at(ctx.quotes, content.start, content.end)
        if quote is not None:
            content = make_span(text, quote.inner_start, quote.inner_end) or content
        head = obj if named_after is None else named_after.root
        name = None
        if obj.lower_ in REPORT_NOUNS:
            # "the report of X" / "the report by X" / "X's report": X is who says so
            for c in obj.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "by", "from"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            head = p
                            n_lo, n_hi = contiguous_subtree(p)
                            named = span_of_tokens(doc, text, n_lo, n_hi)
                            name = named.text if named else None
                if c.dep_ == "poss":
                    head = c
                    n_lo, n_hi = contiguous_subtree(c)
                    named = span_of_tokens(doc, text, n_lo, n_hi, chars=" ,.;:’'s")
                    name = named.text if named else None
        cue_end = to.idx + len(to.text)
        out.append(
            Candidate(
                source=source,
                cue=Span(text[tok.idx : cue_end], tok.idx, cue_end),
                content=content,
                mode="direct" if quote is not None else "indirect",
                rule="“according to X”: X is the source, the rest of the sentence is the content",
                source_head=head.i,
                source_name=name,
                priority=2,
            )
        )
    return out
