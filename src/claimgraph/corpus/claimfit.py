"""Which claims may stand in a claim family: self-contained ones, and only check-worthy ones found it.

A family is a promise to a fact-checker: "these appearances say the same thing". A claim that
cannot be read alone cannot keep that promise:

* a **fragment** — no finite verb with a subject ("Russia's invasion of Ukraine in February",
  "to increase monthly exports", "the crippling nature of the sanctions") names a topic but
  asserts nothing; its few words are all found in hundreds of sentences, so with the overlap
  coefficient it matched everything and one family lumped a prisoner swap, an opera season and
  a space story together;
* a **noun phrase** whose clause belongs to the noun ("remarks by the minister that the dam
  had burst", "fears that the town could fall") names what was said or feared: it is the
  object of a sentence that asserts something else (who summoned whom over the remarks);
* a **pronoun subject** ("They no longer have strategic power", "it would sell its 850
  restaurants") says something about someone the claim does not name; two such claims match
  on the words they share while their subjects differ.

A pronoun is *resolved* when the claim is attributed and the pronoun is the speaker talking
about themselves: "Lavrov said he did not want …" (he/she/I → the named person), "Amnesty said
it stands by …" (it → the named organisation), "we" → the named speaker's side. The matching
text then carries the name ("Lavrov did not want …"); other pronouns leave the claim out of
families (it is still stored, shown and checked in its article).

A **note to readers** ("… is delivered to thousands of inboxes every weekday", "sign up to our
newsletter") is about the publication, not the news; the check-worthiness model scores it like a
claim, so it is left out by its words. So is a credit line ("Reuters contributed to this report").

Check-worthiness decides who may **found** a family: boilerplate ("subscribe now", "Reuters
contributed to this report") and small talk are self-contained but are not what a family is
for. Such a claim may still *join* a family a check-worthy claim founded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
SELF = {"he": "person", "she": "person", "i": "person", "we": "any", "it": "org"}
# A definite noun that points back at what the previous sentence said: "The claim could not be
# verified", "The move follows …", "The figures were …". Such a sentence is about the one
# before it; two of them match each other across unrelated stories.
_ANAPHORIC = ("claim claims report reports account accounts figure figures statement statements "
              "allegation allegations comment comments remark remarks move")
ANAPHORIC_NOUNS = frozenset(_ANAPHORIC.split())
_PRONOUNS = "he she it they i we you this that these those one him her them who which"
PRONOUNS = frozenset(_PRONOUNS.split())
# Words that only an outlet's note to its readers uses ("First Thing is delivered to thousands of
# inboxes every weekday", "sign up to our newsletter"): such a sentence is about the publication,
# not the news, and two outlets' notes match each other.
READER_NOTE = re.compile(r"\b(inbox(es)?|newsletters?|sign(ing)? up|subscribe)\b", re.IGNORECASE)
# A credit line ("Reuters contributed to this report", "Two reporters contributed reporting"):
# who helped write the article, not news; two outlets' credit lines match each other.
CREDIT_LINE = re.compile(r"\bcontribut(ed|es|ing) (additional )?(reporting|research|to (this|the) "
                         r"(report|reporting|article|story))\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Fitness:
    """``self_contained``: the claim can be read alone (after resolving); ``core``: the text to
    match (a resolved pronoun replaced by the name); ``why``: in words, for the membership row."""

    self_contained: bool
    core: str
    why: str


def _main_verb(tokens: list[Any]) -> Any | None:
    """The claim's first clause head: a token whose head lies outside the claim (or itself)."""
    lo, hi = tokens[0].i, tokens[-1].i
    for t in tokens:
        if t.is_punct or t.is_space:
            continue
        if t.head.i == t.i or not lo <= t.head.i <= hi:
            return t
    return None


def _finite(verb: Any) -> bool:
    """A finite verb, or what the tagger mis-read as non-finite: a sentence root tagged as a bare
    verb without "to" ("The provinces … make up" as VB; an infinitive fragment "to send 10
    systems" has "to"), or a participle with its own active subject and no auxiliary."""
    if verb.tag_ in FINITE_TAGS:
        return True
    if any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in verb.children):
        return True
    if verb.tag_ == "VBN" and any(c.dep_ == "nsubj" for c in verb.children) and \
            not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return True  # "The silo … collapsed overnight": a past tense the tagger read as a participle
    return verb.dep_ == "ROOT" and verb.tag_ == "VB" and not any(c.tag_ == "TO" for c in verb.children)


def _clause(tokens: list[Any]) -> tuple[Any | None, Any | None]:
    """(finite verb, its subject) of the first clause in the claim that has both, else (None, None).

    A sentence root with no subject but a name or noun before it counts as having one: the
    parser sometimes hangs the subject elsewhere ("On Wednesday, on a trip to Washington,
    Olena Zelenska, the wife of …, became …" makes her an apposition). The subject is then
    that noun (not a pronoun), so the claim is self-contained."""
    inside = {t.i for t in tokens}
    verbs = [t for t in tokens if t.pos_ in ("VERB", "AUX") and _finite(t)]
    head = _main_verb(tokens)
    if head is not None and head in verbs:
        verbs.remove(head)
        verbs.insert(0, head)
    for verb in verbs:
        subj = next((c for c in verb.children if c.dep_ in SUBJECTS and c.i in inside), None)
        if subj is not None:
            return verb, subj
    for verb in verbs:
        if verb.dep_ == "ROOT":
            noun = next((t for t in reversed(tokens) if t.i < verb.i and t.pos_ in ("PROPN", "NOUN")), None)
            if noun is not None:
                return verb, noun
    return None, None


def asserts(tokens: list[Any]) -> bool:
    """The tokens hold a clause with a finite verb and its subject: something that can be true or
    false. "Since Russia's invasion of Ukraine in late February", "policies against Iran" hold
    none (a fragment verified against evidence only ever finds passages on the same topic)."""
    return bool(tokens) and _clause(tokens)[0] is not None


def fitness(tokens: list[Any], core: str, core_offset: int, source_name: str | None,
            source_type: str | None) -> Fitness:
    """Decide whether a claim (its spaCy tokens) is self-contained; resolve a speaker pronoun.

    ``core_offset`` is the character offset of ``core`` in the document, so a pronoun can be
    replaced in the matching text.
    """
    words = [t for t in tokens if not (t.is_space or t.is_punct)]
    if not words:
        return Fitness(False, core, "no words")
    if READER_NOTE.search(core):
        return Fitness(False, core, "a note to readers (newsletter, inbox, sign up)")
    if CREDIT_LINE.search(core):
        return Fitness(False, core, "a note to readers (a credit line: who contributed to the report)")
    verb, subj = _clause(words)
    if verb is None or subj is None:
        return Fitness(False, core, "a fragment: no finite verb with a subject")
    top = _main_verb(words)
    if top is not None and top.pos_ in ("NOUN", "PROPN") and any(a.i == top.i for a in verb.ancestors) \
            and all(any(a.i == top.i for a in w.ancestors) or w.i == top.i for w in words):
        # "remarks by the minister that the dam had burst": the clause hangs under a noun, so the
        # claim names a remark (a report, a fear) and asserts nothing itself; a span that goes on
        # past the noun phrase ("claims that …, saying the attack killed 23") still may
        return Fitness(False, core, f"a noun phrase: its clause belongs to '{top.text}'")
    low = subj.lower_
    if subj.lower_ in ANAPHORIC_NOUNS and any(c.lower_ in ("the", "this", "that", "these", "those", "such")
                                               for c in subj.children if c.dep_ == "det"):
        return Fitness(False, core, f"the subject '{subj.text}' refers back to an earlier sentence")
    if (subj.pos_ != "PRON" and low not in PRONOUNS) or (subj.dep_ == "expl" and low == "there"):
        return Fitness(True, core, "self-contained")
    kind = SELF.get(low)
    named = source_name and source_type in ("named_person", "named_org", "social_post")
    if kind and named and (kind == "any" or (kind == "person") == (source_type == "named_person")):
        start = subj.idx - core_offset
        if 0 <= start and core[start:start + len(subj.text)] == subj.text:
            resolved = core[:start] + str(source_name) + core[start + len(subj.text):]
            return Fitness(True, resolved, f"'{subj.text}' is the speaker, {source_name}")
    return Fitness(False, core, f"the subject '{subj.text}' is a pronoun the claim does not resolve")
