"""Contents carried by a noun: "claims that …", "fears that …", "the ministry's warning that …".

News reports many positions as a noun with a that-clause instead of a verb ("voiced skepticism
about claims that the controls were working", "the closure raised concerns that …", "the White
House disclosure that Russia is seeking drones"). The gold guidelines record them ("nouns that
carry content"); the verb rules never see them and the model proposes few. The content is the
clause; the source is the noun's owner when the text names one ("the ministry's warning", "the
White House disclosure", "allegations by prosecutors"), and nobody otherwise — a claim or fear
the article does not attribute, which a fact-checker must see as such.

Only a that-clause with its own subject counts ("the claim that he lied"); a relative clause
("the claims that he made") has no subject of its own and states no content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...model import Span
from .candidate import Candidate, Context
from .lexicon import PRONOUNS_PERSON, PRONOUNS_PLURAL, PRONOUNS_SPEAKER, PRONOUNS_THING
from .spans import make_span, span_of_tokens

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

# hearsay: with no owner, the article passes the content on from nobody it names
HEARSAY_NOUNS = frozenset(
    "claim claims allegation allegations assertion assertions accusation accusations rumour rumours "
    "rumor rumors report reports speculation suggestion suggestions disclosure disclosures "
    "announcement warning warnings assurance assurances insistence".split()
)
# attitudes: with no owner, a mood the writer describes, not a source the article withholds
ATTITUDE_NOUNS = frozenset(
    "fear fears concern concerns worry worries hope hopes belief beliefs expectation expectations "
    "promise promises pledge pledges notion".split()
)
NOUN_PRIORITY = 1.5  # below the verb rules: "denied allegations that …" is the denial
_PRONOUNS = PRONOUNS_PERSON | PRONOUNS_PLURAL | PRONOUNS_THING | PRONOUNS_SPEAKER | frozenset(
    "his its their our my your".split())


def _that_clause(noun: "Token") -> "Token | None":
    """The clause hung on ``noun`` by a complementiser "that" right after it, with its own subject."""
    for c in noun.children:
        if c.dep_ not in ("acl", "ccomp") or c.i < noun.i:
            continue
        mark = [m for m in c.children if m.dep_ == "mark" and m.lower_ == "that"]
        if not mark:
            continue
        # right after the noun, or after a short modifier of its own ("disclosure last week that")
        gap = noun.doc[noun.i + 1:mark[0].i]
        if len(gap) > 3 or any(t.is_punct or noun.i not in (t.head.i, t.head.head.i) for t in gap):
            continue
        if any(s.dep_ in ("nsubj", "nsubjpass", "expl") for s in c.children):
            return c
    return None


def _owner(noun: "Token") -> "Token | None":
    """Who the noun belongs to: a possessor, a name compounded with it, or "by/from X"."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    for c in noun.children:
        if c.dep_ == "compound" and c.i < noun.i and c.pos_ == "PROPN" and c.ent_type_ in ("ORG", "PERSON", "GPE", "NORP"):
            return c
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i < noun.right_edge.i:
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def _content(ctx: Context, clause: "Token") -> Span | None:
    """From the word after "that" to the clause's end, taking along verbs the parser hung on the
    governing verb instead ("concerns that he will keep the pipeline | shut to punish …")."""
    lo = next(m.i for m in clause.children if m.dep_ == "mark") + 1
    hi = clause.right_edge.i
    sent_end = clause.sent.end
    while hi + 1 < sent_end:
        t = ctx.doc[hi + 1]
        if t.is_punct or t.dep_ not in ("advcl", "xcomp") or t.head.i > lo:
            break
        hi = t.right_edge.i
    return span_of_tokens(ctx.doc, ctx.text, lo, hi)


def find_content_nouns(ctx: Context) -> list[Candidate]:
    out: list[Candidate] = []
    for noun in ctx.doc:
        low = noun.lower_
        if noun.pos_ != "NOUN" or (low not in HEARSAY_NOUNS and low not in ATTITUDE_NOUNS):
            continue
        if any(c.dep_ == "det" and c.lower_ in ("any", "no") for c in noun.children):
            continue  # "dismissed any suggestion that …": nobody is said to have made it
        clause = _that_clause(noun)
        if clause is None:
            continue
        content = _content(ctx, clause)
        if content is None or len(content.text.split()) < 3:
            continue
        owner = _owner(noun)
        if owner is not None and owner.lower_ in _PRONOUNS:
            continue  # "his warning that …": no possessive pronoun resolution yet
        lo = noun.i
        while lo - 1 >= noun.sent.start and ctx.doc[lo - 1].head.i == noun.i and ctx.doc[lo - 1].dep_ in ("amod", "compound") \
                and ctx.doc[lo - 1] is not owner:
            lo -= 1
        cue = make_span(ctx.text, ctx.doc[lo].idx, noun.idx + len(noun.text))
        if cue is None:
            continue
        if owner is None:
            # not flagged as withheld (``WITHHELD``): the findings judge nominal hearsay by its
            # own words ("amid claims that …", ``checks.sourcing.NOMINAL_HEARSAY``)
            out.append(Candidate(
                source=None, cue=cue, content=content, mode="indirect", source_type="anonymous",
                rule=f"content noun “{noun.text} that …”: the clause is the content, nobody is named",
                priority=NOUN_PRIORITY,
            ))
            continue
        source = span_of_tokens(ctx.doc, ctx.text, owner.left_edge.i, owner.right_edge.i if owner.dep_ == "pobj" else owner.i)
        if source is None:
            continue
        out.append(Candidate(
            source=source, cue=cue, content=content, mode="indirect", source_head=owner.i,
            rule=f"content noun “{noun.text} that …”: its owner is the source, the clause is the content",
            priority=NOUN_PRIORITY,
        ))
    return out
