"""The trained model's relations as the same :class:`Candidate` records the rules propose.

From here on both extractors share one path: settling overlaps, continuing quotes, typing and
resolving sources, hedges and back-references. So a model relation gets the same source typing
and pronoun resolution a rule relation gets, and the reason says which extractor found it.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ....model import Span
from ....nlp import doc_text
from ..candidate import Candidate
from ..spans import make_span
from .features import DOUBLE_QUOTES
from .tagger import Relation, TokenSpan, load_model

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# above the reporting-verb and "according to" rules (2), below embedded posts and anonymous
# constructions (3), which the model was never trained to find
# Below every rule: where a rule fires, its relation (measured precise on real news, with its
# split quotes, continued paragraphs and hearsay adverbs) is kept; the model adds what no rule
# found. Real-news tune half, 21 articles: rules first 0.636 relation F1 vs model first 0.627.
MODEL_PRIORITY = 0.5
OPENING = DOUBLE_QUOTES | {"‘"}
CLOSING = DOUBLE_QUOTES | {"’"}


def _chars(doc: "Doc", span: TokenSpan) -> tuple[int, int]:
    s, e = span
    return doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)


def _head(doc: "Doc", span: TokenSpan) -> int:
    """The token of a span whose head lies outside it (the phrase's syntactic head)."""
    s, e = span
    for i in range(s, e):
        h = doc[i].head.i
        if h < s or h >= e or h == i:
            return i
    return e - 1


def _quoted(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 2):start + 1]
    after = text[max(start, end - 2):end + 2]
    return any(q in before for q in OPENING) and any(q in after for q in CLOSING)


EVIDENCE_VERBS = frozenset(
    "show shows showed shown showing suggest suggests suggested indicate indicates indicated "
    "demonstrate demonstrates demonstrated prove proves proved proven mean means meant "
    "reveal reveals revealed highlight highlights highlighted underline underlines underlined".split()
)
COGNITION_VERBS = frozenset(
    "know knows knew known understand understands understood wonder wonders wondered "
    "see sees saw realize realizes realized realise realises realised".split()
)
WH_WORDS = frozenset("why how whether what when where who whom which if".split())
ANIMATE_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


STANCE_BASES = (
    "want call demand plan intend seek refuse decline hope push press vow pledge urge expect "
    "fear believe think argue insist accuse deny warn threaten promise propose recommend "
    "acknowledge admit concede blame criticize criticise condemn reject dismiss doubt"
).split()
CUE_NOUNS = frozenset(
    "according poll polls survey surveys study studies report reports statement statements "
    "analysis data figures estimate estimates assessment claim claims allegation allegations "
    "warning warnings view belief".split()
)


# A position can be stated as an attitude rather than a verb of saying: "voiced skepticism
# about X", "expressed optimism about X", "are wary of X", "the notion that X". The tagger
# proposes such cues (it learned them from PolNeAR); the gate below used to drop them because
# no word in them is a verb of saying. Attitude nouns and adjectives as a class, not phrases.
ATTITUDE_WORDS = frozenset(
    "skepticism scepticism optimism pessimism confidence concern concerns concerned worry worries "
    "worried doubts wary skeptical sceptical optimistic pessimistic confident hopeful doubtful "
    "convinced alarmed alarm frustration anger outrage dismay notion hopes fears beliefs "
    "views opinion opinions".split()
)
# verbs of saying, recounting and judging that are not in the rule lexicon
EXTRA_CUE_BASES = "echo recount assail attribute".split()


@functools.lru_cache(maxsize=1)
def _cue_words() -> frozenset[str]:
    from ..lexicon import _inflect, cue_verb_forms

    words = set(cue_verb_forms())
    for base in (*STANCE_BASES, *EXTRA_CUE_BASES):
        words |= _inflect(base)
    return frozenset(words | {"sought", "thought", "wanted"} | CUE_NOUNS | ATTITUDE_WORDS)


def _not_a_claim(doc: "Doc", rel: Relation) -> str | None:
    """Why a tagged relation is not an attribution a fact-checker records (None if it is).

    PolNeAR annotates evidence ("this episode shows how …") and knowledge states ("does not
    know why …") as attributions; for a fact-checker an inanimate subject of an evidence verb
    is not a source, and an indirect question attributes no claim.
    """
    cue_words = {t.lower_ for t in doc[rel.cue[0]:rel.cue[1]]}
    if not cue_words & _cue_words():
        # PolNeAR counts actions ("decided", "banned", "voted against") that a fact-checker
        # does not record as attributions: on the real-news tune half this gate moved relation
        # precision 0.584 -> 0.638 and recall 0.570 -> 0.545 (F1 0.577 -> 0.588)
        return "the cue is not a word of saying, believing or wanting"
    if cue_words & EVIDENCE_VERBS and rel.source is not None:
        from ..lexicon import REPORT_NOUNS

        head = doc[_head(doc, rel.source)]
        if not (head.ent_type_ in ANIMATE_ENTS or head.lower_ in REPORT_NOUNS
                or head.pos_ == "PRON" and head.lower_ in ("he", "she", "they", "we", "i")):
            return "an evidence verb with an inanimate subject"
    if cue_words & COGNITION_VERBS and rel.content and doc[rel.content[0][0]].lower_ in WH_WORDS:
        return "an indirect question"
    if _done_to_source(doc, rel):
        return "the noun is the one the participle is done to ('senators accused of …'), not a speaker"
    return _no_position(doc, rel, cue_words)


def _done_to_source(doc: "Doc", rel: Relation) -> bool:
    """A past participle hanging on its 'source' noun ("Republican senators accused of
    appeasing …", "the minister, accused of lying, …") describes what others say about that
    noun: the noun is the accused, not the accuser, and the sentence passes on nobody's claim
    (a half-11 false alarm: a vague source made of the accused)."""
    if rel.source is None:
        return False
    cue = doc[rel.cue[0]]
    return (cue.tag_ == "VBN" and cue.dep_ == "acl"
            and rel.source[0] <= cue.head.i < rel.source[1])


def _no_position(doc: "Doc", rel: Relation, cue_words: set[str]) -> str | None:
    """Tagged relations that state no position a reader could check (real-news tune half): an
    inability ("was not able to confirm"), a refusal to comment, an agreement to act ("agreed to
    fight"), going on doing something ("continue to hold vigils").

    PolNeAR annotates these (the last three are 15 of its cues in the first 150 dev documents);
    a generic "you", a one-word content and a missed subject were gated too in session 9 and
    taken back: 44 PolNeAR cues for one real-news false alarm."""
    if "unable" in cue_words or {"not", "able"} <= cue_words:
        return "an inability to say is no claim"
    if not rel.content:
        return None
    first = doc[rel.content[0][0]:rel.content[0][0] + 2]
    if first[0].lower_ in ("comment", "to") and any(t.lower_ == "comment" for t in first):
        return "declining to comment states nothing"
    infinitive = first[0].lower_ == "to" or first[0].tag_ == "VB" or "to" in cue_words
    if cue_words & AGREE_WORDS and infinitive:
        return "an agreement to act, not a claim"
    if cue_words & CONTINUE_WORDS and infinitive:
        return "going on doing something, not saying it"
    return None


AGREE_WORDS = frozenset("agree agrees agreed agreeing".split())
CONTINUE_WORDS = frozenset("continue continues continued continuing".split())


def to_candidate(doc: "Doc", rel: Relation, text: str) -> Candidate | None:
    """``text`` is ``doc.text``, passed in: spaCy rebuilds that string on every access."""
    if _not_a_claim(doc, rel):
        return None
    parts: list[Span] = []
    for piece in rel.content:
        # spans stay as tagged (PolNeAR's convention, quote marks included where annotators
        # put them), only edge whitespace goes: the CofeNet protocol scores them untrimmed
        s, e = _chars(doc, piece)
        span = make_span(text, s, e, chars=" \t\n\r")
        if span is not None:
            parts.append(span)
    if not parts:
        return None
    cs, ce = _chars(doc, rel.cue)
    cue = Span(text[cs:ce], cs, ce)
    content = Span(text[parts[0].start:parts[-1].end], parts[0].start, parts[-1].end)
    source = None
    head = None
    if rel.source is not None:
        ss, se = _chars(doc, rel.source)
        source = Span(text[ss:se], ss, se)
        head = _head(doc, rel.source)
    direct = all(_quoted(text, p.start, p.end) for p in parts)
    rule = (f"trained attribution model: cue “{cue.text}” found by the cue tagger; "
            + ("its source “" + source.text + "” and " if source else "no source in the text; ")
            + "its content tagged for that cue")
    return Candidate(
        source=source, cue=cue, content=content, mode="direct" if direct else "indirect",
        rule=rule, source_head=head, content_parts=parts if len(parts) > 1 else [],
        priority=MODEL_PRIORITY,
    )


def model_candidates(doc: "Doc") -> list[Candidate] | None:
    """Candidates from the trained model, or None when its weights are not installed."""
    model = load_model()
    if model is None:
        return None
    out = []
    text = doc_text(doc)
    for rel in model.relations(doc):
        cand = to_candidate(doc, rel, text)
        if cand is not None:
            out.append(cand)
    return out
