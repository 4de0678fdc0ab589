"""Agreement signals between a claim and an evidence passage, as explicit rules.

Small NLI models are weakest where fact-checks hinge: a changed number, year or place, a
negated verb, a hedged source. Each rule here looks for one such thing and says so in words,
with the character offsets of the words it compared on both sides, so a person can check it.
Rules never decide alone that a claim is *supported*; conflicts can only lower support.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .bm25 import STOP, stem
from .demonyms import COMPATIBLE, DEMONYMS
from .textnorm import full_dates

_NUM_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
              "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "hundred": 100,
              "thousand": 1000, "million": 1_000_000, "dozen": 12}
_NUM = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(\s*(?:%|per\s*cent|percent))?|\b(" +
                  "|".join(_NUM_WORDS) + r")\b", re.I)
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_WAR = re.compile(r"\b(?:World\s+War\s+(?:2|II|Two)|Second\s+World\s+War|WWII|WW2)\b|"
                  r"\b(?:World\s+War\s+(?:1|I|One)|First\s+World\s+War|WWI|WW1)\b", re.I)
_NEG = re.compile(r"\b(?:not|no|never|none|nobody|nothing|neither|nor|without|n't|cannot|refused?|"
                  r"refusing|denied|denies|deny|false|untrue|fake|hoax|myth|debunked|rejected)\b|n't\b", re.I)
_HEDGE = re.compile(r"\b(?:reportedly|allegedly|alleged|rumou?red|unconfirmed|unverified|may|might|could|"
                    r"possibly|perhaps|appears?|seem(?:s|ed)?|claims?|claimed|suggests?|believed|"
                    r"according to unconfirmed)\b", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# "Reports that X are false", "claims that X were baseless": the passage calls the claim untrue
_DEBUNK = re.compile(r"\b(?:reports?|claims?|rumou?rs?|allegations?|stories|posts?|suggestions?)\s+that\s+"
                     r"(?P<what>[^.;]{10,300}?)\s+(?:is|are|was|were|have been|has been)\s+"
                     r"(?:false|untrue|fake|baseless|unfounded|not true|a hoax|fabricated|wrong)\b", re.I)

# "X is an Indian cricketer": a copula, up to three words, a nationality, the noun it describes
_NATIONALITY = re.compile(r"\b(?:is|was|are|were|be|been)\s+(?:an?\s+|the\s+)?(?P<mid>(?:[\w'’-]+\s+){0,3}?)"
                          r"(?P<dem>" + "|".join(sorted(DEMONYMS)) + r")\s+(?P<noun>[a-z][a-z-]+)\b")
_AT_MOST = re.compile(r"\b(?:less|fewer|no more|not more)\s+than\s*$|\b(?:under|below|at most|up to)\s*$", re.I)
_AT_LEAST = re.compile(r"\b(?:more|greater)\s+than\s*$|\b(?:over|above|at least|exceeding|upwards of|"
                       r"in excess of)\s*$", re.I)
_ABOUT = re.compile(r"\b(?:about|around|approximately|roughly|some|an estimated|estimated|close to|nearly|"
                    r"almost)\s*$", re.I)
_NOT_MODIFIER = re.compile(r"(?:ed|ing|ly)$|^(?:" + "|".join(sorted(STOP)) + r"|among|amongst|across|along|"
                           r"around|behind|beside|beyond|near|toward|towards|within|via|like)$", re.I)


@dataclass(slots=True)
class Signal:
    """One rule's finding. ``polarity``: +1 agrees, -1 conflicts, 0 only informs (hedging)."""

    kind: str
    polarity: int
    detail: str
    claim_start: int | None = None
    claim_end: int | None = None
    passage_start: int | None = None
    passage_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "polarity": self.polarity, "detail": self.detail,
                "claim_span": None if self.claim_start is None else [self.claim_start, self.claim_end],
                "passage_span": None if self.passage_start is None else [self.passage_start, self.passage_end]}


def _range(text: str, start: int, value: float) -> tuple[float, float]:
    """The values a number allows, read from the words before it: "more than 100,000" is
    [100000, inf), "under 50" (-inf, 50], "about 120" ±15 %, "nearly 90" [76.5, 90]."""
    before = text[max(0, start - 24) : start]
    if _AT_MOST.search(before):
        return float("-inf"), value
    if _AT_LEAST.search(before):
        return value, float("inf")
    if m := _ABOUT.search(before):
        return value * 0.85, value if m.group(0).lower().startswith(("nearly", "almost")) else value * 1.15
    return value, value


def _numbers(text: str) -> list[tuple[float, str, int, int, float, float]]:
    """(value, following word stem, start, end, low, high) — the word says *what* is counted,
    low/high what the wording around it allows (see ``_range``)."""
    out = []
    for m in _NUM.finditer(text):
        raw = m.group(1) or m.group(3)
        if m.group(1) and _YEAR.fullmatch(m.group(1)):
            continue  # years are dates, compared by the date rule
        try:
            value = float(raw.replace(",", "")) if m.group(1) else float(_NUM_WORDS[raw.lower()])
        except ValueError:
            continue
        nxt = _WORD.search(text, m.end())
        unit = "%" if m.group(2) else (stem(nxt.group(0).lower()) if nxt and nxt.start() - m.end() < 3 else "")
        out.append((value, unit, m.start(), m.end(), *_range(text, m.start(), value)))
    return out


def _content(text: str) -> dict[str, tuple[int, int]]:
    """Content-word stems → first offsets."""
    out: dict[str, tuple[int, int]] = {}
    for m in _WORD.finditer(text):
        w = m.group(0).lower()
        if w not in STOP and len(w) > 2:
            out.setdefault(stem(w), (m.start(), m.end()))
    return out


Scope = list[tuple[str, tuple[int, int]]]


def _negation_scopes(text: str) -> list[Scope]:
    """Per negation cue, the stems of the first two content words after it ("did not leave
    their tanks" → leave, tank); punctuation, "but" and "however" end a scope."""
    scopes: list[Scope] = []
    words = list(_WORD.finditer(text))
    for i, m in enumerate(words):
        w = m.group(0).lower()
        declined_to = w.startswith("declin") and i + 1 < len(words) and words[i + 1].group(0).lower() == "to"
        if _NEG.fullmatch(w) or w.endswith("n't") or declined_to:
            scope: Scope = []
            prev = m.end()
            for n in words[i + 1 : i + 6]:
                if text[prev : n.start()].strip():
                    break
                prev = n.end()
                nw = n.group(0).lower()
                if nw in ("but", "however"):
                    break
                if nw not in STOP and len(nw) > 2:
                    scope.append((stem(nw), (n.start(), n.end())))
                    if len(scope) == 2:
                        break
            if scope:
                scopes.append(scope)
    return scopes


def _find(word: str, stems: dict[str, tuple[int, int]]) -> tuple[int, int] | None:
    """Where a stem occurs among ``stems``, allowing what the light stemmer leaves apart
    ("leave" / "leaving" → leave / leav, "modelled" / "model")."""
    if word in stems:
        return stems[word]
    if len(word) >= 4:
        for other, span in stems.items():
            if len(other) >= 4 and abs(len(other) - len(word)) <= 3 and (
                    other.startswith(word) or word.startswith(other)):
                return span
    return None


def _negation_conflict(claim: str, passage: str, co: int, po: int) -> Signal | None:
    """One side negates what the other asserts: *every* word of a negation's scope occurs on the
    other side, and the other side negates nothing (two negations, as in "X did not have a
    role" beside "the film stars A and B but without X", usually agree).

    Why the whole scope: "Meteora is not a rock album" does not conflict with "Meteora is a
    blues album" — the negation is about "rock". Firing on any shared word after "not" made
    "X is not an American series" contradict "X is a French series": on FEVER-Symmetric dev
    that rule was right on only 30 of 50 pairs (20 of them supported claims), a false alarm
    generator for a fact-checker.
    """
    sides = ((claim, passage, co, po, "claim"), (passage, claim, po, co, "passage"))
    for text, other, off, other_off, side in sides:
        other_words = _content(other)
        other_scopes = _negation_scopes(other)
        if other_scopes:
            # both sides negate something: "X did not have a role" and "… without X" agree
            continue
        other_negated = {w: span for scope in other_scopes for w, span in scope}
        for scope in _negation_scopes(text):
            found = [_find(w, other_words) for w, _ in scope]
            if all(found) and not any(_find(w, other_negated) for w, _ in scope):
                (s, _), (_, e) = scope[0][1], scope[-1][1]
                os_, oe = found[0][0], found[-1][1]  # type: ignore[index]
                c_span = (off + s, off + e) if side == "claim" else (other_off + min(os_, oe), other_off + max(os_, oe))
                p_span = (other_off + min(os_, oe), other_off + max(os_, oe)) if side == "claim" else (off + s, off + e)
                return Signal("negation", -1, f"the {side} negates '{text[s:e]}'", *c_span, *p_span)
    return None


def _copular_nationalities(text: str) -> list[re.Match[str]]:
    """Matches of ``_NATIONALITY`` whose words between the copula and the nationality are
    modifiers ("a 2005 American film"), not a preposition or verb phrase ("was killed by Russian
    shelling", "was to intimidate Ukrainian soldiers"), which says what acted, not what it is,
    nor a verb or adverb ("was teaching Ukrainian troops", "had been actively targeting")."""
    return [m for m in _NATIONALITY.finditer(text) if m.group("noun") not in STOP
            and not any(_NOT_MODIFIER.search(w) for w in m.group("mid").split())]


def _nationality_conflict(claim: str, passage: str, co: int, po: int) -> Signal | None:
    """"X is an Indian cricketer" vs "X is a Pakistani cricketer": both sides say what someone
    or something *is*, with another nationality for the same noun, and the passage never names
    the claim's. Why copular only: "a Ukrainian soldier said …" beside "a Russian soldier said …"
    is two people, not a conflict; "is a British actor" vs "is an English actor" is compatible."""
    theirs = [(m.group("dem"), stem(m.group("noun")), m) for m in _copular_nationalities(passage)]
    for m in _copular_nationalities(claim):
        dem, noun = m.group("dem"), stem(m.group("noun"))
        if re.search(rf"\b{dem}\b", passage):
            continue
        for other, pnoun, q in theirs:
            if pnoun == noun and frozenset((dem, other)) not in COMPATIBLE:
                return Signal("conflicting_nationality", -1, f"claim says {dem} {m.group('noun')}, passage says "
                              f"{other} {q.group('noun')}", co + m.start("dem"), co + m.end("noun"),
                              po + q.start("dem"), po + q.end("noun"))
    return None


def _places(ents: list[tuple[str, str, int, int]]) -> dict[str, tuple[int, int]]:
    return {t.lower(): (s, e) for t, lab, s, e in ents if lab in ("GPE", "LOC")}


def _spacy_ents(text: str) -> list[tuple[str, str, int, int]]:
    from ..nlp import load

    return [(e.text, e.label_, e.start_char, e.end_char) for e in load()(text).ents]


def agreement_signals(claim: str, passage: str, claim_offset: int = 0, passage_offset: int = 0,
                      with_entities: bool = True) -> list[Signal]:
    """Every rule signal between a claim and a passage; offsets are shifted by the given bases."""
    sig: list[Signal] = []
    co, po = claim_offset, passage_offset
    cw, pw = _content(claim), _content(passage)
    shared = [w for w in cw if w in pw]
    # numbers: the same count of the same thing agrees; a count of the same thing that the
    # other's wording cannot allow conflicts ("more than 100,000 copies" vs "258,000 copies" does not)
    pnums = _numbers(passage)
    for value, unit, s, e, lo, hi in _numbers(claim):
        same = [p for p in pnums if p[0] == value]
        other = [p for p in pnums if unit and p[1] == unit and (p[5] < lo or p[4] > hi)]
        if same:
            p = same[0]
            sig.append(Signal("same_number", 1, f"both say {claim[s:e]}", co + s, co + e, po + p[2], po + p[3]))
        elif other:
            p = other[0]
            sig.append(Signal("conflicting_number", -1, f"claim says {claim[s:e]}, passage says {passage[p[2]:p[3]]}",
                              co + s, co + e, po + p[2], po + p[3]))
    # dates: years and the two world wars, normalised
    cy, py = {m.group(0): m for m in _YEAR.finditer(claim)}, {m.group(0): m for m in _YEAR.finditer(passage)}
    for y, m in cy.items():
        if y in py:
            sig.append(Signal("same_date", 1, f"both name {y}", co + m.start(), co + m.end(),
                              po + py[y].start(), po + py[y].end()))
        elif py:
            q = next(iter(py.values()))
            sig.append(Signal("conflicting_date", -1, f"claim says {y}, passage says {q.group(0)}",
                              co + m.start(), co + m.end(), po + q.start(), po + q.end()))
    # full dates: "born on June 12, 1875" against "12 October 1875" (same year, so no year conflict)
    pdays = full_dates(passage)
    for day, s, e in full_dates(claim):
        same_year = [p for p in pdays if p[0].year == day.year]
        if same_year and all(p[0] != day for p in pdays):
            _, ps, pe = same_year[0]
            sig.append(Signal("conflicting_date", -1, f"claim says {claim[s:e]}, passage says {passage[ps:pe]}",
                              co + s, co + e, po + ps, po + pe))
    cwar = [(("2" if re.search(r"2|II\b|Two|Second", m.group(0)) else "1"), m) for m in _WAR.finditer(claim)]
    pwar = {("2" if re.search(r"2|II\b|Two|Second", m.group(0)) else "1"): m for m in _WAR.finditer(passage)}
    for which, m in cwar:
        if which in pwar:
            q = pwar[which]
            sig.append(Signal("same_date", 1, f"both about the {'Second' if which == '2' else 'First'} World War",
                              co + m.start(), co + m.end(), po + q.start(), po + q.end()))
    # negation: what one side asserts, the other negates (the whole negated phrase must match)
    neg = _negation_conflict(claim, passage, co, po)
    if neg is not None:
        sig.append(neg)
    nationality = _nationality_conflict(claim, passage, co, po)
    if nationality is not None:
        sig.append(nationality)
    for m in _DEBUNK.finditer(passage):
        what = _content(m.group("what"))
        overlap = len(set(what) & set(cw)) / max(1, len(cw))
        if overlap >= 0.8:
            tail = " ".join(m.group(0).split()[-4:])
            sig.append(Signal("debunked", -1, f"the passage calls it untrue ('… {tail}')",
                              co, co + len(claim), po + m.start(), po + m.end()))
    # hedging: evidence that itself only reports or speculates is weaker
    h = _HEDGE.search(passage)
    if h:
        sig.append(Signal("hedged", 0, f"the passage hedges ('{h.group(0)}')", None, None, po + h.start(), po + h.end()))
    if with_entities and shared:
        cents, pents = _spacy_ents(claim), _spacy_ents(passage)
        pnames = {t.lower(): (s, e) for t, _, s, e in pents}
        for t, lab, s, e in cents:
            if lab in ("DATE", "CARDINAL", "QUANTITY", "PERCENT", "ORDINAL", "MONEY", "TIME"):
                continue
            key = t.lower()
            if key in pnames:
                ps, pe = pnames[key]
                sig.append(Signal("same_entity", 1, f"both name {t}", co + s, co + e, po + ps, po + pe))
        cpl, ppl = _places(cents), _places(pents)
        if cpl and ppl and not (set(cpl) & set(ppl)):
            (s, e), (ps, pe) = next(iter(cpl.values())), next(iter(ppl.values()))
            # informs only: "Ukraine" vs "Kharkiv" differ in scale, not in fact
            sig.append(Signal("different_place", 0, f"claim names {claim[s:e]}, passage names {passage[ps:pe]}",
                              co + s, co + e, po + ps, po + pe))
    return sig
