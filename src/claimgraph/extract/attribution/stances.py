"""Positions stated without a that-clause: "called for X", "warned of X", "called on X to Y",
"called it X", "described X as Y".

Real news reports much of what officials want, fear and think of each other in these shapes,
and the reporting-verb rule (a clausal complement or a quotation next to the verb) misses them
or takes the wrong words (the clause *before* "called it …"). The content here is the phrase the
preposition or the naming governs; the cue keeps its particle ("called for", "warned of"), as the
gold guidelines write it. These relations rank just above the plain reporting-verb rule, so on
the same verb the narrower reading wins.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ...model import Span
from .candidate import Candidate, Context
from .lexicon import _inflect
from .quotes import quote_at
from .spans import make_span, span_of_tokens
from .verbs import _subject, source_span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

# verb → the prepositions after which its object is a position ("warned of a second wave")
PREP_CUES: dict[str, tuple[str, ...]] = {
    "call": ("for", "on"), "warn": ("of", "about", "against"), "argue": ("for", "against"),
    "plead": ("for",), "press": ("for",), "push": ("for",), "appeal": ("for",),
    "complain": ("about", "of"), "campaign": ("for", "against"), "lobby": ("for", "against"),
    "advocate": ("for",), "caution": ("against", "about"), "clamor": ("for",), "clamour": ("for",),
}
# verbs that give something a name or a description: the name is what the speaker says of it
NAMING_VERBS = ("call label brand dub term describe characterize characterise refer portray depict "
                "deride denounce hail").split()
STANCE_PRIORITY = 2.1  # above the reporting-verb rule (2): same verb, narrower reading


@functools.lru_cache(maxsize=1)
def _forms() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    preps = {form: p for base, p in PREP_CUES.items() for form in _inflect(base)}
    naming = frozenset(form for base in NAMING_VERBS for form in _inflect(base))
    return preps, naming


def _cut_at_participle(ctx: Context, lo: int, hi: int) -> int:
    """", labeling it …" / ", saying …" inside the phrase is a new statement: end before its comma."""
    for t in ctx.doc[lo:hi + 1]:
        if t.dep_ == "advcl" and t.tag_ == "VBG" and t.i > lo and ctx.doc[t.left_edge.i - 1].text == ",":
            return t.left_edge.i - 2
    return hi


def _prep_content(verb: "Token", preps: tuple[str, ...]) -> tuple[int, int, "Token"] | None:
    """First token, last token and the particle of "warned of X" / "called on X to Y" /
    "called for X to be Y"."""
    for c in verb.children:
        if c.i < verb.i:
            continue
        if c.dep_ == "prep" and c.lower_ in preps:
            objs = [o for o in c.children if o.dep_ in ("pobj", "pcomp")]
            if not objs:
                continue
            hi = objs[0].right_edge.i
            # "warned of A and of B": the coordinated preposition is more of the same
            for conj in c.children:
                if conj.dep_ == "conj" and conj.pos_ == "ADP":
                    hi = max(hi, conj.right_edge.i)
            if c.lower_ == "on":  # "called on X to Y": only with the infinitive
                xcomp = [x for x in verb.children if x.dep_ == "xcomp" and x.i > objs[0].i]
                if not xcomp:
                    return None
                hi = xcomp[0].right_edge.i
            return objs[0].left_edge.i, hi, c
        if c.dep_ == "advcl" and "for" in preps:
            mark = [m for m in c.children if m.dep_ == "mark" and m.lower_ == "for" and m.i == verb.i + 1]
            if mark:  # "called for officials to be summoned"
                return mark[0].i + 1, c.right_edge.i, mark[0]
    return None


def _naming_content(ctx: Context, verb: "Token") -> tuple[int, int, "Token | None"] | None:
    """"called it a disgrace", "labeling it the “wrong move”", "described the plan as reckless",
    "referred to him as “a participant”": the name given, with what it is given to."""
    kids = [c for c in verb.children if c.i > verb.i]
    dobj = next((c for c in kids if c.dep_ == "dobj"), None)
    oprd = next((c for c in kids if c.dep_ == "oprd"), None)
    if oprd is not None:
        lo = dobj.left_edge.i if dobj is not None and dobj.i < oprd.i else oprd.left_edge.i
        return lo, oprd.right_edge.i, None
    small = next((c for c in kids if c.dep_ == "ccomp" and c.pos_ in ("NOUN", "ADJ", "PROPN")), None)
    if small is not None:
        return small.left_edge.i, small.right_edge.i, None
    as_prep = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "as"), None)
    if as_prep is not None:
        objs = [o for o in as_prep.children if o.dep_ in ("pobj", "pcomp", "amod", "acomp")]
        if objs:
            return objs[0].left_edge.i, max(o.right_edge.i for o in objs), as_prep
    if dobj is not None and dobj.i + 1 < len(ctx.doc):
        # "called it “the very definition of …”": the quotation right after the object
        q = ctx.quote_holding(ctx.doc[dobj.right_edge.i + 1].idx + 1) if dobj.right_edge.i + 1 < len(ctx.doc) else None
        if q is not None and q.start <= ctx.doc[dobj.right_edge.i + 1].idx + 1:
            first = ctx.doc.char_span(q.inner_start, q.inner_end, alignment_mode="expand")
            if first is not None:
                return first.start, first.end - 1, None
    return None


def _as_cue(ctx: Context, verb: "Token", particle: "Token | None") -> Span:
    end = particle.idx + len(particle.text) if particle is not None and particle.i == verb.i + 1 else verb.idx + len(verb.text)
    lo = verb.i
    while lo - 1 >= verb.sent.start and ctx.doc[lo - 1].dep_ in ("aux", "neg") and ctx.doc[lo - 1].head.i == verb.i:
        lo -= 1
    start = ctx.doc[lo].idx
    return Span(ctx.text[start:end], start, end)


def find_stances(ctx: Context) -> list[Candidate]:
    preps, naming = _forms()
    out: list[Candidate] = []
    for verb in ctx.doc:
        low = verb.lower_
        if not verb.tag_.startswith("VB") or (low not in preps and low not in naming):
            continue
        if any(c.dep_ == "auxpass" for c in verb.children):
            continue  # "was described as": the passive names no speaker here
        found = _prep_content(verb, preps[low]) if low in preps else None
        how = "the phrase its preposition governs"
        if found is None and low in naming:
            found = _naming_content(ctx, verb)
            how = "the name or description it gives"
        if found is None:
            continue
        subj = _subject(verb)
        if subj is None or subj.dep_ == "expl" or subj.lower_ in ("you", "there"):
            continue
        lo, hi, particle = found
        hi = _cut_at_participle(ctx, lo, hi)
        if hi < lo:
            continue
        content = span_of_tokens(ctx.doc, ctx.text, lo, hi)
        if content is None or len(content.text.split()) < 2:
            continue
        quote = quote_at(ctx.quotes, content.start, content.end, min_share=0.9)
        if quote is not None and quote.inner_start <= subj.idx < quote.inner_end:
            quote = None  # a third party reported inside a quotation: the phrase, not the quotation
        if quote is not None:
            content = make_span(ctx.text, quote.inner_start, quote.inner_end) or content
        source = source_span(ctx, subj, verb)
        if source is None:
            continue
        cue = _as_cue(ctx, verb, particle)
        out.append(Candidate(
            source=source, cue=cue, content=content, mode="direct" if quote is not None else "indirect",
            rule=f"position “{cue.text}”: subject is the source, {how} is the content",
            source_head=subj.i, priority=STANCE_PRIORITY,
        ))
    return out
