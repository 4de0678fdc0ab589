"""Claims attributed to nobody in particular, which a fact-checker must see as such.

Three shapes: rumour constructions ("news is also coming that …", "reports are emerging
that …", "there are reports that …"), impersonal passives ("it is said that …", "it was
reported that …"), and hearsay adverbs ("Russian troops reportedly …"). All are anonymous
and hedged: the writer signals the claim is second-hand without saying from whom.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...model import Span
from .candidate import Candidate, Context
from .lexicon import HEARSAY_ADVERBS, IMPERSONAL_PARTICIPLES, RUMOUR_NOUNS, RUMOUR_VERBS
from .spans import contiguous_subtree, make_span, span_of_tokens, tokens_span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

# Every rule here says so in its reason: the findings tell a source the *text* withholds from
# one the extractor merely did not find by this phrase (``checks.sourcing``).
WITHHELD = "names no source"


def _cue(ctx: Context, lo: int, hi: int) -> Span:
    s, e = tokens_span(ctx.doc, lo, hi)
    return Span(ctx.text[s:e], s, e)


def _unsourced(ctx: Context, cue_lo: int, cue_hi: int, content: Span, rule: str) -> Candidate:
    cue = _cue(ctx, cue_lo, cue_hi)
    return Candidate(source=None, cue=cue, content=content, mode="indirect",
                     rule=rule.format(cue=cue.text), source_type="anonymous", hedged=True, priority=3)


def _clause_content(ctx: Context, head_i: int, skip: set[int]) -> Span | None:
    lo, hi = contiguous_subtree(ctx.doc[head_i], skip)
    return span_of_tokens(ctx.doc, ctx.text, lo, hi)


# "X is alleged to have …": the claim about X is passed on from nobody the text names
HEARSAY_PASSIVES = frozenset(
    "alleged understood believed thought said reported rumoured rumored suspected".split())
# "X was expected to …", "X were accused of …", "X is seen as …": an expectation or a charge
# the writer reports without its holder (the gold records them), but not hearsay to flag
PASSIVE_FRAMES: dict[str, str] = {
    **{v: "to" for v in HEARSAY_PASSIVES}, "expected": "to",
    "accused": "of", "seen": "as", "viewed": "as", "regarded": "as", "described": "as",
}


PASSIVE_PRIORITY = 1.4  # below the verb rules, not the content nouns (which nest)


def _passive_hearsay(ctx: Context, tok: "Token") -> Candidate | None:
    """"The businessman is alleged to have paid officials", "Cantor was expected to defeat Brat",
    "the men were accused of being mercenaries": a personal passive with no agent names no
    source; the content is what follows "to"/"of"/"as" (the subject is who it is about), up
    to a trailing ", outraising …" participle, which is the writer's."""
    frame = PASSIVE_FRAMES.get(tok.lower_)
    if frame is None or tok.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in tok.children):
        return None
    if not any(c.dep_ == "nsubjpass" and c.lower_ != "it" for c in tok.children):
        return None  # "it is said that …" is the impersonal rule's
    if any(c.dep_ == "agent" for c in tok.children):
        return None  # "is believed by officials to …" names its source: the model's or nobody's
    doc = ctx.doc
    if frame == "to":
        comp = next((c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i), None)
        if comp is None or not any(a.lower_ == "to" and a.dep_ == "aux" for a in comp.children):
            return None
        to = next(a for a in comp.children if a.lower_ == "to" and a.dep_ == "aux")
        lo, hi = to.i + 1, comp.right_edge.i
    else:
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == frame and c.i > tok.i), None)
        obj = next((o for o in prep.children if o.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
        if obj is None:
            return None
        lo, hi, to = obj.left_edge.i, prep.right_edge.i, prep
        comp = prep
    for t in doc[lo:hi + 1]:  # ", outraising the college professor …" is the writer's
        if t.dep_ == "advcl" and t.tag_ == "VBG" and doc[t.left_edge.i - 1].text == ",":
            hi = min(hi, t.left_edge.i - 2)
    content = span_of_tokens(doc, ctx.text, lo, hi) if hi >= lo else None
    if content is None or len(content.text.split()) < 2:
        return None
    first = tok.i
    while first - 1 >= tok.sent.start and doc[first - 1].head.i == tok.i and doc[first - 1].dep_ in ("auxpass", "aux", "advmod", "neg"):
        first -= 1
    # not flagged as withheld (``WITHHELD``): the findings judge passive hearsay by its own
    # words (``checks.sourcing.PASSIVE_HEARSAY``, which knows the agent and timing exceptions)
    cand = _unsourced(ctx, first, to.i, content, "personal passive “{cue}”: nobody is named as its holder")
    cand.hedged = tok.lower_ in HEARSAY_PASSIVES
    # below the verb rules: "Cohen is expected to serve …, two sources said" is the sources' content
    cand.priority = PASSIVE_PRIORITY
    return cand


def find_anonymous(ctx: Context) -> list[Candidate]:
    doc = ctx.doc
    out: list[Candidate] = []
    for tok in doc:
        low = tok.lower_
        # "news is (also) coming that …", "reports are emerging that …"
        if low in RUMOUR_VERBS and tok.pos_ in ("VERB", "AUX"):
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            comp = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
            if subj is None or comp is None or subj.lower_ not in RUMOUR_NOUNS:
                continue
            if any(c.dep_ == "poss" or (c.dep_ == "prep" and c.i > subj.i) for c in subj.children):
                continue  # "reports from the ministry", "the examiner's report" name their source
            if low in ("have", "has") and subj.lower_ not in ("reports", "rumours", "rumors"):
                continue
            content = _clause_content(ctx, comp.i, {tok.i})
            if content is None:
                continue
            lo = min(t.i for t in subj.subtree)
            out.append(_unsourced(ctx, lo, tok.i, content, "unsourced report: “{cue} that …” names no source"))
        elif (passive := _passive_hearsay(ctx, tok)) is not None:
            out.append(passive)
        # "it is said / reported / believed that …"
        elif low in IMPERSONAL_PARTICIPLES and tok.tag_ == "VBN":
            aux = [c for c in tok.children if c.dep_ == "auxpass"]
            subj = next((c for c in tok.children if c.dep_ in ("nsubjpass", "expl")), None)
            comp = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
            if not aux or subj is None or subj.lower_ != "it" or comp is None:
                continue
            content = _clause_content(ctx, comp.i, {tok.i})
            if content is None:
                continue
            out.append(_unsourced(ctx, subj.i, tok.i, content, "impersonal passive “{cue} that …” names no source"))
        # "there are reports that …"
        elif low in ("reports", "rumours", "rumors", "claims", "suggestions") and tok.dep_ == "attr":
            verb = tok.head
            if not any(c.dep_ == "expl" and c.lower_ == "there" for c in verb.children):
                continue
            comp = next((c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl")), None)
            if comp is None or not any(g.lower_ == "that" and g.dep_ == "mark" for g in comp.children):
                continue
            content = _clause_content(ctx, comp.i, set())
            there = next(c for c in verb.children if c.dep_ == "expl")
            if content is None:
                continue
            out.append(_unsourced(ctx, there.i, tok.i, content, "“{cue} that …” names no source"))
        # "Russian troops reportedly shelled …"
        elif low in HEARSAY_ADVERBS and tok.dep_ == "advmod":
            head = tok.head
            if head.pos_ not in ("VERB", "AUX"):
                continue
            lo, hi = contiguous_subtree(head, set())
            content = make_span(ctx.text, *tokens_span(doc, lo, hi))
            if content is None or len(content.text.split()) < 3:
                continue
            out.append(
                Candidate(
                    source=None,
                    cue=Span(tok.text, tok.idx, tok.idx + len(tok.text)),
                    content=content,
                    mode="indirect",
                    rule=f"hearsay adverb “{tok.text}”: the claim is passed on and {WITHHELD}",
                    source_type="anonymous",
                    hedged=True,
                    hedges=[Span(tok.text, tok.idx, tok.idx + len(tok.text))],
                    priority=1,
                )
            )
    return out
