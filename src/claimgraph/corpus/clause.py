"""What the claim's main clause asserts: when (forecast, standing state, past event), where, who acts.

Two tellings that share their words, place and day can still be two claims (issue 15): "the
army could soon cut the town off" is a forecast and "the army is trying to cut the town off"
a later fact; "the pipeline is operated by the state company" is a standing state, "the state
company cut the pipeline's flows on Wednesday" an event; "troops entered A after the garrison
was ordered out of B" is about A, "the garrison was ordered out of B" about B. So each claim
carries two facts of its *main clause* (computed once at ingest from the parse, stored with the
claim's event facts, compared in ``events.conflict``):

* ``mood`` — ``forecast`` (a modal of the future or of possibility, or "is set/expected/due/
  likely/going to"), ``event`` (past tense, present perfect, past perfect, "may have …"),
  ``state`` (present "is/are" as copula or passive: "is operated by", "are known as") or
  ``present`` (any other present: "are trying", "do not prohibit"); ``""`` when no finite
  verb was found;
* ``main_places`` — the places named outside an adverbial clause opened by a conjunction
  ("after …", "as …", "while …"): what the claim is about, not the background it cites;
* ``actors`` — the countries acting in the main clause ("Russian forces were behind the blast"
  vs "Ukrainian forces struck the prison": opposite claims about one event, not one claim).

``mood`` also counts an intention ("was ready to talk", "plans to annex", "has no intention of
ceding") as a forecast and a duty ("must ratify") as a state.

* ``aim`` — what an *attempt* in the main clause is at ("were trying to surround the city" →
  ``surround``; ``""`` when the main clause is no attempt): an attempt is not what was achieved
  ("have taken most of the city"), and trying to approach a city is another claim than trying
  to surround it (issue 15, round 3);
* ``reaction`` — the main clause reacts to something ("concerns were raised about the captured
  volunteer", "the minister condemned the sentencing"): a reaction is another claim than the
  event it reacts to ("the volunteer was captured");
* ``judgement`` — the main clause judges ("bringing back coal plants was painful", "a settlement
  is necessary"): an opinion is another claim than the fact it is about ("coal plants are being
  revived");
* ``ongoing`` — the main clause tells an action in progress ("are shelling", "have been
  trying", "continued to hit"): it describes the day it was told, so two tellings weeks apart are two
  moments of the fighting, not one claim.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

FORECAST_MODALS = frozenset({"will", "would", "could", "may", "might", "shall", "'ll", "wo"})
DUTY_MODALS = frozenset({"must", "should", "ought"})
# "is set to visit", "was ready to talk", "plans to annex", "threatened to cut": what someone
# means or is expected to do, not what was done
FORECAST_FRAMES = frozenset({"set", "expected", "due", "likely", "going", "poised", "scheduled", "planning",
                             "ready", "willing", "prepared", "about"})
# stems, since the pipeline has no lemmatizer: "plans", "planned", "threatened", "hoping"
INTENT_STEMS = ("plan", "intend", "aim", "promis", "pledg", "vow", "threaten", "hope", "hoping", "want", "expect")
# "has no intention of ceding", "has plans to close": an intention named by a noun
INTENT_NOUNS = frozenset({"intention", "intentions", "plan", "plans", "intent"})
# "trying to seize", "sought to cross", "attempted to land": an attempt, not the deed
ATTEMPT_STEMS = ("try", "tries", "tried", "seek", "sought", "attempt", "struggl", "strive", "strove")
# capitals and seats of power that stand for their country as actors ("Moscow said", "the Kremlin")
METONYMS = {"moscow": "russia", "kremlin": "russia", "kyiv": "ukraine", "kiev": "ukraine",
            "washington": "united states", "white house": "united states", "pentagon": "united states",
            "beijing": "china", "london": "britain", "downing street": "britain", "tehran": "iran",
            "ankara": "turkey", "brussels": "european union", "minsk": "belarus", "berlin": "germany",
            "paris": "france"}
ALIASES = {"us": "united states", "u.s.": "united states", "usa": "united states", "u.s.a.": "united states",
           "america": "united states", "american": "united states", "uk": "britain", "united kingdom": "britain",
           "great britain": "britain", "british": "britain", "french": "france", "chinese": "china",
           "turkish": "turkey", "polish": "poland", "dutch": "netherlands", "russian federation": "russia",
           "russian": "russia"}
BE = frozenset({"is", "are", "'s", "'re", "am"})
HAVE = frozenset({"has", "have", "had", "'ve", "'d"})


def _head(tokens: list[Any]) -> Any | None:
    """The span's main finite verb (the clause head when it is finite, else the first finite verb
    with a subject: ``claimfit._clause``)."""
    from .claimfit import _clause

    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    if not words:
        return None
    verb, _ = _clause(words)
    return verb


def mood(tokens: list[Any]) -> str:
    """``forecast`` / ``event`` / ``state`` / ``present`` / ``""`` for the claim's main clause."""
    verb = _head(tokens)
    if verb is None:
        return ""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = [c.lower_ for c in aux]
    if any(a in FORECAST_MODALS for a in lowers):
        # "could have killed", "may have struck": a hedged past, not a forecast
        return "event" if any(a in HAVE for a in lowers) else "forecast"
    if any(a in DUTY_MODALS for a in lowers):
        return "state"  # "all members must ratify it": a standing requirement, not an event
    if _intends(verb):
        return "forecast"
    if any(a.tag_ == "VBD" for a in aux) or any(a in HAVE for a in lowers) or verb.tag_ == "VBD":
        return "event"
    if verb.tag_ == "VBN" and not aux:
        return "event"  # a past tense the tagger read as a participle ("the silo collapsed")
    if verb.tag_ == "VBG":
        return "present"  # "are trying", "is shelling": ongoing, not a standing state
    if verb.lower_ in BE and verb.tag_ in ("VBZ", "VBP"):
        return "state"  # copula: "X is the main pipeline"
    if any(a.dep_ == "auxpass" and a.lower_ in BE for a in aux):
        return "state"  # passive present: "X is operated by Y", "are known as"
    return "present"


def _to_clause(token: Any) -> bool:
    return any(c.dep_ == "xcomp" and any(g.tag_ == "TO" for g in c.children) for c in token.children)


def _intends(verb: Any) -> bool:
    """"is set to visit", "was ready to talk", "plans to annex", "threatened to cut", "has no
    intention of ceding", "has plans to close"."""
    if (verb.lower_ in FORECAST_FRAMES or verb.lower_.startswith(INTENT_STEMS)) and _to_clause(verb):
        return True
    for obj in (c for c in verb.children if c.dep_ == "dobj" and c.lower_ in INTENT_NOUNS):
        if any(c.dep_ in ("acl", "relcl") and any(g.tag_ == "TO" for g in c.children) for c in obj.children):
            return True  # "plans to close"
        if any(c.dep_ == "prep" and c.lower_ == "of" and any(g.tag_ == "VBG" for g in c.children)
               for c in obj.children):
            return True  # "no intention of ceding"
    return any(c.dep_ in ("acomp", "xcomp") and c.lower_ in FORECAST_FRAMES and _to_clause(c)
               for c in verb.children)


def aim(tokens: list[Any]) -> str:
    """The verb an attempt in the main clause is at ("were trying to surround" → ``surround``,
    "sought to cross" → ``cross``), ``""`` when the main clause is no attempt."""
    verb = _head(tokens)
    if verb is None or not verb.lower_.startswith(ATTEMPT_STEMS):
        return ""
    goal = next((c for c in verb.children if c.dep_ == "xcomp" and any(g.tag_ == "TO" for g in c.children)), None)
    return goal.lower_ if goal is not None else ""


# what a reaction does: the stems of its main verb ("condemned", "criticised", "welcomes")
REACTION_STEMS = ("condemn", "criticis", "criticiz", "denounc", "deplor", "welcom", "prais", "applaud", "decri",
                  "lament", "protest")
# what a reaction is: the main clause's subject ("concerns were raised") or its object ("has
# raised fears", "expressed outrage")
REACTION_NOUNS = frozenset({"concern", "concerns", "fear", "fears", "alarm", "outrage", "anger", "criticism",
                            "condemnation", "doubts", "questions", "dismay", "indignation"})
# adjectives of judgement, as the complement of "be": an opinion, not an event
JUDGEMENT_WORDS = frozenset({"necessary", "unnecessary", "essential", "vital", "crucial", "important", "painful",
                             "wrong", "right", "unacceptable", "acceptable", "justified", "unjustified",
                             "shameful", "outrageous", "disgraceful", "absurd", "ridiculous", "regrettable",
                             "necessity", "mistake", "disgrace", "tragedy"})


def reaction(tokens: list[Any]) -> bool:
    """Does the main clause react to something ("concerns were raised about …", "X condemned …",
    "has raised fears that …")?"""
    verb = _head(tokens)
    if verb is None:
        return False
    if verb.lower_.startswith(REACTION_STEMS):
        return True
    return any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lower_ in REACTION_NOUNS for c in verb.children)


def judgement(tokens: list[Any]) -> bool:
    """Is the main clause a judgement: "be" with a judging complement ("was painful", "is a
    necessity", "is necessary")?"""
    verb = _head(tokens)
    if verb is None or verb.lower_ not in BE | {"was", "were", "be", "been"}:
        return False
    return any(c.dep_ in ("acomp", "attr") and c.lower_ in JUDGEMENT_WORDS for c in verb.children)


def ongoing(tokens: list[Any]) -> bool:
    """Does the main clause tell an action in progress at the time of telling: a present or
    present perfect progressive ("are shelling", "have been trying") or "continued to hit"? A
    past progressive ("she was carrying two cartridges when she was detained") tells a past
    moment that a later article may retell, so it is not one."""
    verb = _head(tokens)
    if verb is None:
        return False
    if verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in BE | {"been"} for c in verb.children):
        return True  # "are shelling", "have been trying"; not "was carrying" (a past moment)
    return verb.lower_.startswith("continu") and _to_clause(verb)


def country_of(name: str, countries: Callable[[str], bool]) -> str | None:
    """The country a folded name stands for as an actor: itself, a demonym ("Ukrainians",
    "Russian", "Iranian", "German"), an alias ("U.S.", "Britain"/"British") or a capital or seat of
    power ("Moscow", "the Kremlin"); None for anything else."""
    name = ALIASES.get(name, name)
    if name in METONYMS:
        return METONYMS[name]
    stem = name[:-1] if name.endswith("s") and not countries(name) else name
    stem = ALIASES.get(stem, stem)
    forms = [stem, stem[:-1], stem + "y"]
    if stem.endswith("ian"):
        forms += [stem[:-3], stem[:-3] + "e", stem[:-3] + "a"]
    for form in forms:
        if form and countries(form):
            return ALIASES.get(form, form)
    return None


def actors(tokens: list[Any], fold: Callable[[str], str], countries: Callable[[str], bool]) -> list[str]:
    """The countries (or blocs) that act in the main clause: named in its subject ("Russian
    forces", "Ukraine and Russia", "the Kremlin") or, in the passive, its "by …" agent. Only the
    subject's head and its direct modifiers count, not clauses inside it ("the disclosure that
    Russia is seeking drones" is not Russia acting)."""
    verb = _head(tokens)
    if verb is None:
        return []
    inside = {t.i for t in tokens}
    if any(c.dep_ == "auxpass" for c in verb.children):
        heads = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    else:
        heads = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    heads = [h for h in heads if h.i in inside]
    heads += [c for h in heads for c in h.children if c.dep_ == "conj"]
    out: set[str] = set()
    for h in heads:
        words = [h] + [c for c in h.children if c.dep_ in ("compound", "amod", "poss", "nmod")]
        words += [g for w in words[1:] for g in w.children if g.dep_ == "compound"]
        for w in words:
            if w.ent_type_ in ("GPE", "NORP", "ORG", "FAC"):
                ent = next((e for e in w.doc.ents if e.start <= w.i < e.end), None)
                for text in ([ent.text] if ent is not None else []) + [w.text]:
                    country = country_of(fold(text), countries)
                    if country:
                        out.add(country)
                        break
    return sorted(out)


def subordinate(tokens: list[Any]) -> set[int]:
    """Token indices inside an adverbial clause that a conjunction opens ("after the garrison was
    ordered out", "as fears grow that …"): background to the main clause's event. Participle
    clauses ("killing 59 people") have no conjunction and stay: they tell the same event."""
    inside = {t.i for t in tokens}
    out: set[int] = set()
    for t in tokens:
        if t.dep_ == "advcl" and t.head.i in inside and any(c.dep_ == "mark" for c in t.children):
            out.update(s.i for s in t.subtree)
    return out


def main_places(tokens: list[Any], places: list[str], fold: Callable[[str], str]) -> list[str]:
    """The ``places`` (folded names) named in the claim outside its subordinate clauses."""
    sub = subordinate(tokens)
    if not sub:
        return list(places)
    text = " " + fold(" ".join(t.text for t in tokens if t.i not in sub)) + " "
    return [p for p in places if re.search(rf"(?<![\w]){re.escape(p)}(?![\w])", text)]
