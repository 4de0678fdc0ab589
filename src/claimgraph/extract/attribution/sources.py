"""Typing sources and resolving short forms and pronouns to the full name said earlier.

No coreference model installs offline, so resolution is deliberately simple and explainable:
"he"/"she" → the last named person; "it" → the last organisation; "they" → the last plural or
organisational source; "The agency" → the last earlier mention whose head word is "agency"
and which says more ("The British intelligence agency"); "Miller" → "Christopher Miller".
Each resolution is written into the attribution's reason.
"""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from ...model import Span
from .candidate import Candidate, Context
from .lexicon import (
    ANONYMOUS_HEADS,
    NEWS_OUTLETS,
    ORG_HEADS,
    OUTLET_WORDS,
    PRONOUNS_PERSON,
    PRONOUNS_PLURAL,
    PRONOUNS_SPEAKER,
    PRONOUNS_THING,
    REPORT_NOUNS,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

PERSON_LABELS = ("PERSON",)
ORG_LABELS = ("ORG",)
STATE_LABELS = ("GPE",)
_OUTLETS_LOWER = {o.lower() for o in NEWS_OUTLETS}
ANONYMOUS_MODIFIERS = ("familiar", "close", "knowledge", "aware", "speaking", "granted")


@dataclass(slots=True)
class Mention:
    """An earlier source mention that a later pronoun or short form may point to."""

    name: str
    type: str
    head: str
    start: int
    plural: bool
    end: int = -1  # -1: no span of its own to point at
    salient: bool = True  # a speaker or a subject; a person named as an object is not

    def span(self, text: str) -> Span | None:
        return Span(text[self.start:self.end], self.start, self.end) if self.end > self.start else None


SUBJECT_DEPS = ("nsubj", "nsubjpass")
SALIENCE_REACH = 800  # characters: how far back a subject or speaker beats a nearer object


class Resolution(NamedTuple):
    """A candidate's source type and name, why, and the earlier mention a pronoun, short form or
    office was resolved to (issue 12: "each resolved speaker carries the mention it was resolved
    from"), so a reader can check the resolution against the text."""

    type: str
    name: str | None
    why: str
    mention: Span | None = None


TITLE_WORDS = frozenset(
    "councillor councilor councilman councilwoman senator sen rep representative gov governor "
    "president mayor minister dr mr mrs ms miss prof professor judge general gen chancellor "
    "secretary chief commissioner sheriff officer sgt sergeant captain capt lt colonel col".split()
)


def strip_titles(name: str) -> str:
    """"Councillor Ada Brun" → "Ada Brun": NER often folds a title into the name."""
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


def _entity_of(tok: "Token", ctx: Context) -> "SpacySpan | None":
    return ctx.entity_at.get(tok.i) if tok.ent_type_ else None


# Heads that describe one person's office: a name in apposition to them is that person's, even
# when the recogniser types it an organisation ("Ukraine's president, Volodymyr Zelenskiy") or
# misses it ("The mayor of Arden, Ana Ruiz").
PERSON_ROLES = TITLE_WORDS | frozenset(
    "leader head director spokesman spokeswoman spokesperson official adviser advisor aide ambassador envoy "
    "prosecutor lawyer attorney commander chairman chairwoman chair founder ceo executive premier "
    "deputy lawmaker congressman congresswoman mp analyst expert economist researcher scientist doctor "
    "author historian journalist correspondent editor activist resident witness father mother son "
    "daughter wife husband brother sister friend owner manager coach".split()
)


@dataclass(frozen=True, slots=True)
class Named:
    """A name given in apposition, and whether it names a person or an organisation."""

    text: str
    person: bool


def _proper_run(tok: "Token") -> str | None:
    """"Ana Ruiz" as an appositive the recogniser missed: two or more capitalised proper nouns."""
    words = [t for t in tok.subtree if t.i <= tok.i and not t.is_punct]
    if len(words) < 2 or words[-1].i != tok.i or words[0].i != tok.i - len(words) + 1:
        return None
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words):
        return None
    return " ".join(t.text for t in words)


def _appositive_name(head: "Token", ctx: Context) -> Named | None:
    """The name a description is given in apposition: "The official, Jake Sullivan, said",
    "Ukraine's president, Volodymyr Zelenskiy, said" (the head is the description's noun)."""
    if head.ent_type_ in PERSON_LABELS:
        return None
    role = head.lower_ in PERSON_ROLES
    for child in head.children:
        if child.dep_ != "appos":
            continue
        ent = _entity_of(child, ctx)
        if ent is not None and ent.label_ in PERSON_LABELS + ORG_LABELS and _clean_name(ent.text):
            person = ent.label_ in PERSON_LABELS or (role and all(t.pos_ == "PROPN" for t in ent))
            return Named(ent.text, person)
        if ent is None and role:
            run = _proper_run(child)
            if run and _clean_name(run):
                return Named(run, True)
    return None


def _clean_name(name: str) -> bool:
    """Photo credits ("Ed Ram/The Guardian") and live-blog times are not speakers."""
    return "/" not in name and not any(ch.isdigit() for ch in name)


def _outlet_in(text: str) -> str | None:
    low = text.lower().strip(" ,.;:")
    for outlet in sorted(NEWS_OUTLETS, key=len, reverse=True):
        o = outlet.lower()
        if low == o or low.endswith(" " + o) or low.startswith(o + " ") or (" " + o + " ") in low:
            idx = low.find(o)
            return text.strip(" ,.;:")[idx : idx + len(o)] if idx >= 0 else outlet
    return None


def classify(cand: Candidate, ctx: Context) -> tuple[str, str | None, str]:
    """(source_type, resolved name or None, why) for a candidate whose type is not preset."""
    if cand.source is None or cand.source_head is None:
        return "anonymous", None, "no source is named"
    head = ctx.doc[cand.source_head]
    low = head.lower_
    src_text = cand.source.text
    named = _appositive_name(head, ctx)
    if named is not None:
        kind = "named_person" if named.person else "named_org"
        name = strip_titles(named.text)
        return kind, name, f"“{src_text}” is named in apposition: “{name}”"
    ent = _entity_of(head, ctx)
    if ent is not None and ent.label_ in PERSON_LABELS:
        name = strip_titles(ent.text)
        return "named_person", name, f"“{name}” is a person's name"
    if ent is not None and ent.label_ in ORG_LABELS:
        if head.pos_ == "PROPN" and any(c.dep_ == "appos" and any(t.lower_ in PERSON_ROLES for t in c.subtree if t.i <= c.i)
                                        for c in head.children):
            # "Oleksiy Danilov, the secretary of …": the recogniser's ORG holds a person with an office
            name = strip_titles(ent.text)
            return "named_person", name, f"“{name}” is given an office in apposition, so it names a person"
        name = cand.source_name or ent.text
        return "named_org", name, f"“{ent.text}” names an organisation"
    outlet = _outlet_in(cand.source_name or src_text)
    if outlet:
        return "named_org", cand.source_name or outlet, f"“{outlet}” is a news outlet"
    if head.pos_ == "PROPN" and low in OUTLET_WORDS and (ent is None or ent.label_ != "PERSON"):
        return "named_org", cand.source_name or src_text, f"“{src_text}” is the name of a publication"
    if ent is not None and ent.label_ in STATE_LABELS and head.tag_.startswith("NNP"):
        return "named_org", ent.text, f"“{ent.text}” stands for its government"
    if low in REPORT_NOUNS:
        # "a report", "the statement" with no named author
        named = [e for e in ctx.doc.ents if e.start_char >= cand.source.start and e.end_char <= cand.source.end
                 and e.label_ in PERSON_LABELS + ORG_LABELS]
        if named:
            kind = "named_person" if named[0].label_ in PERSON_LABELS else "named_org"
            return kind, named[0].text, f"the {low} is by “{named[0].text}”"
        return "document", None, f"“{src_text}” is a document or statement that does not say whose {low} it is"
    if low in ANONYMOUS_HEADS:
        mods = {c.lower_ for c in head.subtree}
        if low in ("source", "sources", "insider", "insiders", "someone", "somebody") or mods & set(
            ANONYMOUS_MODIFIERS
        ):
            return "anonymous", None, f"“{src_text}” does not identify who speaks"
    if low in ORG_HEADS:
        return "descriptive_org", None, f"“{src_text}” describes an organisation without naming it"
    if head.ent_type_ == "NORP" and head.tag_ in ("NNPS", "NNS"):
        return "descriptive_person", None, f"“{src_text}” names a people, not a person"
    if head.tag_ in ("NNP", "NNPS") and head.pos_ == "PROPN":
        return "named_person", src_text, f"“{src_text}” is a proper name"
    return "descriptive_person", None, f"“{src_text}” describes a person or group without naming them"


def _is_plural(tok: "Token") -> bool:
    return tok.tag_ in ("NNS", "NNPS") or tok.lower_ in PRONOUNS_PLURAL


def resolve(cands: list[Candidate], ctx: Context) -> list[Resolution]:
    """Type every candidate, in text order, resolving pronouns and short forms on the way."""
    results: list[Resolution] = []
    history: list[Mention] = []
    ents = [e for e in ctx.doc.ents if e.label_ in PERSON_LABELS + ORG_LABELS]
    by_cue: dict[int, tuple[Candidate, Resolution]] = {}  # cue token → its candidate, once typed
    for cand in cands:
        if cand.source_type is not None:
            results.append(Resolution(cand.source_type, cand.source_name, ""))
            if cand.source_name:
                history.append(Mention(cand.source_name, cand.source_type, "", cand.cue.start, False))
            continue
        head = ctx.doc[cand.source_head] if cand.source_head is not None else None
        pos = cand.source.start if cand.source else cand.cue.start
        relative = _through_antecedent(cand, head, ctx, history, ents) if (
            head is not None and head.lower_ in RELATIVE_PRONOUNS) else None
        if relative is not None:
            result = relative
        elif head is not None and head.lower_ in PRONOUNS_PERSON | PRONOUNS_PLURAL | PRONOUNS_THING:
            result = _reporter_of_clause(head, by_cue, ctx) or _resolve_pronoun(head, pos, history, ents, ctx)
        elif head is not None and head.lower_ in PRONOUNS_SPEAKER:
            result = ("author", None, f"“{head.text}” is the writer speaking")
        else:
            result = classify(cand, ctx)
            if head is not None:
                result = _resolve_short_form(cand, head, result, history, ents, ctx)
        result = Resolution(*result)
        results.append(result)
        if head is not None:
            for tok in _cue_tokens(cand, ctx):
                by_cue.setdefault(tok, (cand, result))
        if head is not None and result[0] != "anonymous":
            at = relative.mention if relative is not None and relative.mention else cand.source
            found = _antecedent(head, ctx) if relative is not None else None
            number = found[0] if found is not None else head  # "officials, who said": plural
            history.append(
                Mention(result[1] or (cand.source.text if cand.source else ""), result[0],
                        head.lower_, at.start if at else pos, _is_plural(number), at.end if at else -1)
            )
            named = _appositive_name(head, ctx) if head.ent_type_ not in PERSON_LABELS else None
            if named is not None:  # a later "the official" means the person named here
                history.append(Mention(strip_titles(named.text), result[0], head.lower_, pos, False))
    return results


def _cue_tokens(cand: Candidate, ctx: Context) -> list[int]:
    span = ctx.doc.char_span(cand.cue.start, cand.cue.end, alignment_mode="expand")
    return [t.i for t in span] if span is not None else []


def _reporter_of_clause(head: "Token", by_cue: dict[int, tuple[Candidate, Resolution]], ctx: Context
                        ) -> Resolution | None:
    """"U.S. and European government sources said they believed …": a pronoun subject of the
    clause a speaker reports is that speaker, whatever was named before (the last organisation
    named was taken, and an anonymous speaker is never in the pool). Only when the number
    agrees: "they" for a plural or an organisation, "he"/"she" for one person."""
    verb = head.head
    if head.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ not in ("ccomp", "xcomp") or verb.head.i not in by_cue:
        return None
    outer, res = by_cue[verb.head.i]
    if outer.source is None or outer.source_head is None:
        return None
    if ctx.quote_holding(head.idx) is not None and ctx.quote_holding(outer.source.start) is None:
        return None  # "Kovac told the radio: “They said …”": in a speaker's own words "they" is others
    src = ctx.doc[outer.source_head]
    low = head.lower_
    if low in PRONOUNS_PLURAL:
        fits = _is_plural(src) or res.type in ("named_org", "descriptive_org")
    elif low in PRONOUNS_PERSON:
        fits = not _is_plural(src) and res.type in ("named_person", "descriptive_person")
    else:
        fits = res.type in ("named_org", "descriptive_org") and not _is_plural(src)
    if not fits:
        return None
    name = res.name or outer.source.text
    return Resolution(res.type, name, f"“{head.text}” is the subject of what “{name}” says it reports",
                      outer.source)


RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})


def _antecedent(head: "Token", ctx: Context) -> tuple["Token", Span] | None:
    """"Gazprom, which said …", "investors, who fear …": the speaker is the noun the relative
    clause hangs on, never the relative pronoun (which the corpus listed as a source). Returns
    that noun and its phrase up to the pronoun; the source span stays the pronoun (PolNeAR's
    convention, and the words that do the saying), the phrase becomes its speaker mention."""
    verb = head.head
    if head.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "relcl" or verb.head.pos_ not in ("NOUN", "PROPN"):
        return None
    noun = verb.head
    if noun.dep_ == "attr":
        # "Dershowitz, a former professor, is a constitutional expert who has supported …": the
        # predicate describes the subject, who is the one speaking
        subject = next((c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.pos_ in ("PROPN", "NOUN"):
            start, end = subject.left_edge.idx, subject.idx + len(subject.text)
            return subject, Span(ctx.text[start:end], start, end)
    if noun.dep_ == "appos" and noun.head.pos_ == "PROPN" and noun.head.i < noun.i:
        # "the Center for Arizona Policy, a social conservative group that opposes …": the group
        # is the name it describes
        named = noun.head
        start, end = named.left_edge.idx, named.idx + len(named.text)
        return named, Span(ctx.text[start:end], start, end)
    lo, hi = noun.left_edge.i, head.i - 1
    while hi > lo and (ctx.doc[hi].is_punct or ctx.doc[hi].is_space):
        hi -= 1
    if hi < noun.i:
        return None
    start, end = ctx.doc[lo].idx, ctx.doc[hi].idx + len(ctx.doc[hi].text)
    return noun, Span(ctx.text[start:end], start, end)


def _through_antecedent(cand: Candidate, head: "Token", ctx: Context, history: list[Mention], ents: list
                        ) -> Resolution | None:
    """Type and name a relative pronoun's source as its antecedent phrase would be."""
    found = _antecedent(head, ctx)
    if found is None:
        return None
    noun, phrase = found
    as_noun = dataclasses.replace(cand, source=phrase, source_head=noun.i)
    kind, name, why, mention = _resolve_short_form(as_noun, noun, classify(as_noun, ctx), history, ents, ctx)
    return Resolution(kind, name or phrase.text, f"“{head.text}” stands for “{phrase.text}”; {why}", mention or phrase)


def _is_subject(tok: "Token") -> bool:
    """A subject, or a name in apposition to one ("The Kremlin spokesman, Dmitry Peskov, declined")."""
    return tok.dep_ in SUBJECT_DEPS or tok.dep_ == "appos" and tok.head.dep_ in SUBJECT_DEPS


def _resolve_pronoun(head: "Token", pos: int, history: list[Mention], ents: list, ctx: Context
                     ) -> Resolution:
    low = head.lower_
    if low in PRONOUNS_PERSON:
        wanted = ("named_person", "descriptive_person")
        # only the window the pool keeps below (1,500 characters back): bisect, not a scan,
        # so resolving every pronoun of a long article stays linear
        lo = bisect.bisect_left(ents, pos - 1500, key=lambda e: e.start_char)
        hi = bisect.bisect_left(ents, pos, key=lambda e: e.start_char)
        persons = [Mention(e.text, "named_person", e.root.lower_, e.start_char, False, e.end_char,
                           salient=_is_subject(e.root))
                   for e in ents[lo:hi] if e.label_ == "PERSON" and e.end_char <= pos
                   and _clean_name(e.text) and ctx.text[e.end_char:e.end_char + 1] != "/"
                   and ctx.quote_holding(e.start_char) is None]  # "names like “Smoothie”" are nobody's antecedent
        # "NAACP officials … he told": a group is never "he" or "she"
        recent = [m for m in history[-200:] if m.type in wanted and not m.plural]
        pool = sorted(recent + persons, key=lambda m: m.start)
    elif low in PRONOUNS_THING:
        wanted = ("named_org", "descriptive_org")
        pool = [m for m in history if m.type in wanted]
    else:
        pool = [m for m in history if m.plural or m.type in ("named_org", "descriptive_org")]
    pool = [m for m in pool if pos - m.start < 1500]
    if not pool:
        kind = "descriptive_person" if low in PRONOUNS_PERSON | PRONOUNS_PLURAL else "descriptive_org"
        return Resolution(kind, None, f"pronoun “{head.text}” with no earlier source to resolve it to")
    best = pool[-1]
    if low in PRONOUNS_PERSON and not best.salient:
        # "… a job offer to Speaker Mark Eves.¶ In January, he said …": a person named as an
        # object is less likely the "he" who speaks next than the last subject or speaker nearby
        salient = [m for m in pool if m.salient and pos - m.start < SALIENCE_REACH]
        best = salient[-1] if salient else best
    return Resolution(best.type, best.name,
                      f"pronoun “{head.text}” resolved to the last {best.type.replace('_', ' ')} “{best.name}”",
                      best.span(ctx.text))


def _resolve_short_form(cand: Candidate, head: "Token", result: tuple[str, str | None, str],
                        history: list[Mention], ents: list, ctx: Context) -> Resolution:
    kind, name, _ = result
    src = cand.source.text if cand.source else ""
    # "Zelenskiy said" (typed an organisation by the recogniser, or a person) after "Volodymyr
    # Zelenskiy": the full name said earlier, and a person
    surname = name is not None and len(name.split()) == 1 and (
        kind == "named_person" or kind == "named_org" and head.pos_ == "PROPN")
    if surname:
        for e in reversed(ents):
            if e.label_ == "PERSON" and e.end_char <= (cand.source.start if cand.source else 0) and \
                    e.text.split()[-1] == name and e.text != name:
                return Resolution("named_person", e.text, f"“{name}” resolved to the full name “{e.text}” said earlier",
                                  _ent_span(e))
    if kind == "named_person" and surname:
        for m in reversed(history):
            if m.type == "named_person" and m.name.split()[-1] == name and m.name != name:
                return Resolution(kind, m.name, f"“{name}” resolved to the full name “{m.name}” said earlier",
                                  m.span(ctx.text))
    if kind.startswith("descriptive") and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                               for c in head.children):
        for m in reversed(history):
            if m.head == head.lower_ and m.name.lower() != src.lower() and (
                    m.type.startswith("named") or len(m.name.split()) > len(src.split())):
                return Resolution(m.type, m.name, f"“{src}” resolved to “{m.name}” mentioned earlier", m.span(ctx.text))
        if head.ent_type_ == "NORP" and _is_plural(head):
            # "Ukrainian soldiers say …" then "the Ukrainians say …": the same group, by nationality
            stem = head.lower_[:5]
            pos = cand.source.start if cand.source else 0
            for m in reversed(history):
                if pos - m.start > 3000:
                    break
                if m.plural and m.type == "descriptive_person" and m.name.lower() != src.lower() and \
                        any(w.startswith(stem) for w in m.name.lower().split()):
                    return Resolution(m.type, m.name, f"“{src}” resolved to “{m.name}” mentioned earlier",
                                      m.span(ctx.text))
        found = _introduced_with(head, cand.source.start if cand.source else 0, ents, ctx)
        if found is None:
            found = _last_named_subject(head, cand.source.start if cand.source else 0, history, ents, ctx)
        if found is not None:
            return found
    elif kind.startswith("descriptive"):  # "the ministry's spokesperson" is typed by its ministry
        found = _named_next(head, ctx)
        if found is not None:
            return found
    return Resolution(*result)


def _named_next(head: "Token", ctx: Context) -> Resolution | None:
    """"A top official has accused Russia of … . Oleksiy Danilov, the secretary of …, told …":
    news often describes a speaker first and names them at the start of the next sentence,
    either as its subject with an apposition after the name or as the apposition of a subject
    office ("The official, Oleksandr Motuzianyk, …"). Only a singular person office that is
    not definite (a definite "the official" points back, not forward), and only a name that
    opens the very next sentence in one of those two shapes."""
    if head.tag_ != "NN" or head.lower_ not in PERSON_ROLES or head.ent_type_ in PERSON_LABELS:
        return None
    if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these") for c in head.children):
        return None
    doc = ctx.doc
    end = head.sent.end
    if end >= len(doc):
        return None
    nxt = doc[end].sent
    for e in nxt.ents:
        if e.start - nxt.start > 4:
            break
        root = e.root
        # the recogniser often calls an unfamiliar name an organisation; an office in
        # apposition ("…, the secretary of …,") makes it a person
        titled = any(c.dep_ == "appos" and any(t.lower_ in PERSON_ROLES for t in c.subtree)
                     for c in root.children)
        if not (e.label_ in PERSON_LABELS or e.label_ in ORG_LABELS and titled) or not _clean_name(e.text):
            continue
        follows = e.end < nxt.end and doc[e.end].text == ","
        subject = root.dep_ in SUBJECT_DEPS and follows
        office = (root.dep_ == "appos" and root.head.dep_ in SUBJECT_DEPS
                  and root.head.lower_ in PERSON_ROLES and root.head.i < e.start)
        if subject or office:
            name = strip_titles(e.text)
            return Resolution("named_person", name,
                              f"“{head.text}” resolved to “{name}”, named at the start of the next sentence",
                              _ent_span(e))
        break
    return None


# how an office is written next to a name: "Gov. Paul LePage", "Sen. Ed Royce"
ROLE_ALIASES = {"governor": ("governor", "gov."), "senator": ("senator", "sen."),
                "representative": ("representative", "rep."), "president": ("president",),
                "chairman": ("chairman", "chair"), "agency": ("agency", "service", "administration", "bureau")}


def _ent_span(e: "SpacySpan") -> Span:
    return Span(e.text, e.start_char, e.end_char)


def _introduced_with(head: "Token", pos: int, ents: list, ctx: Context) -> Resolution | None:
    """"the Republican governor said" → "Gov. Paul LePage", introduced earlier with that office;
    "the agency said" → "the U.S. Fish and Wildlife Service". Only a singular office or
    institution, only a name that was written with the same word next to it (or in its own name,
    for an institution), the nearest one within 3,000 characters."""
    low = head.lower_
    if head.tag_ != "NN" or not (low in PERSON_ROLES or low in ORG_HEADS):
        return None
    words = ROLE_ALIASES.get(low, (low,))
    lo = bisect.bisect_left(ents, pos - 3000, key=lambda e: e.start_char)
    hi = bisect.bisect_left(ents, pos, key=lambda e: e.start_char)
    for e in reversed(ents[lo:hi]):
        if e.end_char > pos or not _clean_name(e.text):
            continue
        if low in PERSON_ROLES and e.label_ in PERSON_LABELS:
            # a title right before the name ("Republican Gov. Paul LePage", "President Joe Biden")
            # or an apposition right after it (", the committee chairman,")
            before = ctx.text[max(0, e.start_char - 40):e.start_char].lower().split()[-2:]
            after = ctx.text[e.end_char:min(e.end_char + 60, pos)]  # never the mention being resolved
            near = before + (after.lower().split()[:4] if after.startswith(",") else [])
            if any(w.strip(",.’'") in words or w in words for w in near):
                name = strip_titles(e.text)
                return Resolution("named_person", name,
                                  f"“{head.text}” resolved to “{name}”, introduced earlier as {head.lower_}", _ent_span(e))
        elif low in ORG_HEADS and e.label_ in ORG_LABELS and any(w in e.text.lower().split() for w in words):
            return Resolution("named_org", e.text, f"“{head.text}” resolved to “{e.text}” named earlier", _ent_span(e))
    return None


# Offices and roles that, written definite ("the US president", "the committee chairman", "the
# tea party-backed candidate"), point back at one person the article has just named. Generic
# heads ("the official", "the spokesman", "the analyst") are left out: news uses them for people
# it never names, and a named subject nearby is then the wrong person.
BACK_POINTING_ROLES = frozenset(
    "president governor senator minister chancellor chairman chairwoman candidate nominee mayor "
    "premier congressman congresswoman lawmaker leader secretary ceo founder incumbent challenger "
    "star coach prosecutor commander general".split()
)


def _last_named_subject(head: "Token", pos: int, history: list[Mention], ents: list, ctx: Context
                        ) -> Resolution | None:
    """"Joe Biden said he was hopeful. Asked about X, the US president said …": a definite office
    with no name of its own points back at the last named person who was a subject or a
    speaker within the salience reach (800 characters). A person named only as an object in
    between ("Asked about Griner") is passed over — unless the description carries a
    nationality or place ("the Russian president" after "Biden met Putin"), which is exactly
    what would tell the two apart and what the resolver cannot check."""
    if head.tag_ != "NN" or head.lower_ not in BACK_POINTING_ROLES or head.ent_type_ in PERSON_LABELS:
        return None
    if ctx.quote_holding(head.idx) is not None or any(c.dep_ in ("prep", "relcl", "acl") for c in head.children):
        return None  # "the president of the club", "the leader who …": a description of its own
    lo = bisect.bisect_left(ents, pos - SALIENCE_REACH, key=lambda e: e.start_char)
    hi = bisect.bisect_left(ents, pos, key=lambda e: e.start_char)
    pool = [Mention(strip_titles(e.text), "named_person", e.root.lower_, e.start_char, False, e.end_char,
                    salient=_is_subject(e.root))
            for e in ents[lo:hi] if e.label_ in PERSON_LABELS and e.end_char <= pos
            and _clean_name(e.text) and ctx.quote_holding(e.start_char) is None]
    pool += [m for m in history[-50:] if m.type == "named_person" and not m.plural and 0 < pos - m.start <= SALIENCE_REACH]
    pool.sort(key=lambda m: m.start)
    subjects = [i for i, m in enumerate(pool) if m.salient]
    if not subjects:
        return None
    best = pool[subjects[-1]]
    # "Asked about Griner, the US president said": an object inside the description's own
    # sentence is not who it describes
    between = [m for m in pool[subjects[-1] + 1:]
               if _surname(m.name) != _surname(best.name) and m.start < head.sent.start_char]
    placed = any(t.ent_type_ in ("NORP", "GPE") for t in head.subtree if t.i < head.i)
    if between and placed:
        return None
    return Resolution("named_person", best.name,
                      f"“{head.text}” points back to “{best.name}”, the last person named as a subject",
                      best.span(ctx.text))


def _surname(name: str) -> str:
    words = name.split()
    return words[-1].lower() if words else ""
