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
from .boundaries import cut_at_participle
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
    "campaign": ("for", "against"), "lobby": ("for", "against"),
    "advocate": ("for",), "caution": ("against", "about"), "clamor": ("for",), "clamour": ("for",),
    "complain": ("about", "of", "over"), "apologize": ("for",), "apologise": ("for",),
    "protest": ("against",), "rail": ("against",),
}
# verb + particle or fixed object, then the preposition: "pushed back on reports", "took issue
# with the notion", "cast doubt on the figures", "found fault with the plan"
PHRASAL_CUES: dict[str, tuple[str, tuple[str, ...]]] = {
    "push": ("back", ("on", "against")), "take": ("issue", ("with",)),
    "cast": ("doubt", ("on", "over")), "find": ("fault", ("with",)),
}
_PHRASAL_FORMS = {"take": {"take", "takes", "took", "taken", "taking"}, "cast": {"cast", "casts", "casting"}}
# verbs that give something a name or a description: the name is what the speaker says of it
NAMING_VERBS = ("call label brand dub term describe characterize characterise refer portray depict "
                "deride denounce hail").split()
# "declined to say how many …", "refused to confirm whether …": what was not answered is recorded
# (gold guidelines: non-clause contents), with the verb of saying as the content's first word
REFUSALS = frozenset("decline declines declined declining refuse refuses refused refusing".split())
WITHHELD_SPEECH = frozenset(
    "say confirm disclose reveal specify identify name discuss detail elaborate explain".split())
# verbs of attack that name their target something only with "as": "attacked critics as
# “globalists”" (without "as" they take no position the reader could check)
AS_NAMING_VERBS = "attack assail blast slam criticize criticise condemn lambast lambaste".split()
STANCE_PRIORITY = 2.1  # above the reporting-verb rule (2): same verb, narrower reading


@functools.lru_cache(maxsize=1)
def _forms() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    preps = {form: p for base, p in PREP_CUES.items() for form in _inflect(base)}
    naming = frozenset(form for base in NAMING_VERBS + AS_NAMING_VERBS for form in _inflect(base))
    return preps, naming


@functools.lru_cache(maxsize=1)
def _as_only() -> frozenset[str]:
    return frozenset(form for base in AS_NAMING_VERBS for form in _inflect(base))


@functools.lru_cache(maxsize=1)
def _phrasal_forms() -> dict[str, tuple[str, tuple[str, ...]]]:
    return {form: cue for base, cue in PHRASAL_CUES.items() for form in _PHRASAL_FORMS.get(base, _inflect(base))}


def _phrasal_content(verb: "Token") -> tuple[int, int, "Token"] | None:
    """"pushed back on X", "took issue with X": the particle or fixed object must be there, and
    the preposition may hang on the verb or on that object."""
    word, preps = _phrasal_forms()[verb.lower_]
    fixed = next((c for c in verb.children if c.lower_ == word and c.dep_ in ("prt", "dobj", "advmod")), None)
    if fixed is None:
        return None
    for c in list(verb.children) + list(fixed.children):
        if c.dep_ == "prep" and c.lower_ in preps and c.i > fixed.i:
            objs = [o for o in c.children if o.dep_ in ("pobj", "pcomp")]
            if objs:
                return objs[0].left_edge.i, objs[0].right_edge.i, c
    return None


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


def _refusal_content(verb: "Token") -> tuple[int, int, "Token"] | None:
    """"declined to say how many soldiers had died": the unanswered question or object, from the
    verb of saying on; a bare "declined to comment" withholds nothing in particular."""
    comp = next((c for c in verb.children if c.dep_ == "xcomp" and c.lower_ in WITHHELD_SPEECH), None)
    if comp is None:
        return None
    to = next((a for a in comp.children if a.dep_ == "aux" and a.lower_ == "to"), None)
    if to is None or not any(c.dep_ in ("ccomp", "dobj", "prep") and c.i > comp.i for c in comp.children):
        return None
    return comp.i, comp.right_edge.i, to


def _as_cue(ctx: Context, verb: "Token", particle: "Token | None", reach: int = 1) -> Span:
    """The verb with its auxiliaries and, when it follows within ``reach`` tokens, its particle
    ("called for"; "took issue with", "pushed back on" for a phrasal cue)."""
    near = particle is not None and verb.i < particle.i <= verb.i + reach
    end = particle.idx + len(particle.text) if near and particle is not None else verb.idx + len(verb.text)
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
        phrasal = low in _phrasal_forms()
        if not verb.tag_.startswith("VB") or (low not in preps and low not in naming and not phrasal
                                               and low not in REFUSALS):
            continue
        if any(c.dep_ == "auxpass" for c in verb.children):
            continue  # "was described as": the passive names no speaker here
        found = _prep_content(verb, preps[low]) if low in preps else None
        if found is None and phrasal:
            found = _phrasal_content(verb)
        how = "the phrase its preposition governs"
        if low in REFUSALS:
            found, how = _refusal_content(verb), "what was not said"
        if found is None and low in naming and (low not in _as_only() or any(
                c.dep_ == "prep" and c.lower_ == "as" and c.i > verb.i for c in verb.children)):
            found = _naming_content(ctx, verb)
            how = "the name or description it gives"
        if found is None:
            continue
        subj = _subject(verb)
        if subj is None or subj.dep_ == "expl" or subj.lower_ in ("you", "there"):
            continue
        lo, hi, particle = found
        hi = cut_at_participle(ctx.doc, lo, hi)
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
        cue = _as_cue(ctx, verb, particle, reach=2 if phrasal or low in REFUSALS else 1)
        out.append(Candidate(
            source=source, cue=cue, content=content, mode="direct" if quote is not None else "indirect",
            rule=f"position “{cue.text}”: subject is the source, {how} is the content",
            source_head=subj.i, priority=STANCE_PRIORITY,
        ))
    return out
