"""Agreement signals between a claim and an evidence passage, as explicit rules.

Small NLI models are weakest where fact-checks hinge: a changed number, year or place, a
negated verb, a hedged source. Each rule here looks for one such thing and says so in words,
with the character offsets of the words it compared on both sides, so a person can check it.
Rules never decide alone that a claim is *supported*; conflicts can only lower support.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from ..stems import light as stem
from .bm25 import RULE_WORD, STOP, content_stems
from .nationality import nationality_conflict
from .textnorm import full_dates, month_days

_NUM_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
              "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "hundred": 100,
              "thousand": 1000, "million": 1_000_000, "dozen": 12}
_NUM = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(\s*(?:%|per\s*cent|percent))?|\b(" +
                  "|".join(_NUM_WORDS) + r")\b", re.I | re.ASCII)
# a claim is a sentence and a passage a few: a hostile 200 KB "sentence" of numbers must not make
# the pairwise comparisons quadratic (66,000 numbers a side took minutes)
_MAX_CLAIM_ITEMS, _MAX_PASSAGE_ITEMS = 50, 500
_VAGUE = frozenset(("dozen", "hundred", "thousand", "million"))
_NEXT_WORD = re.compile(r"[^A-Za-z]{0,2}([A-Za-z][A-Za-z'’-]*)")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_WAR = re.compile(r"\b(?:World\s+War\s+(?:2|II|Two)|Second\s+World\s+War|WWII|WW2)\b|"
                  r"\b(?:World\s+War\s+(?:1|I|One)|First\s+World\s+War|WWI|WW1)\b", re.I)
_NEG = re.compile(r"\b(?:not|no|never|none|nobody|nothing|neither|nor|without|n't|cannot|refused?|"
                  r"refusing|denied|denies|deny|false|untrue|fake|hoax|myth|debunked|rejected)\b|n't\b", re.I)
_HEDGE = re.compile(r"\b(?:reportedly|allegedly|alleged|rumou?red|unconfirmed|unverified|may|might|could|"
                    r"possibly|perhaps|appears?|seem(?:s|ed)?|claims?|claimed|suggests?|believed|"
                    r"according to unconfirmed)\b", re.I)
# "Reports that X are false", "claims that X were baseless": the passage calls the claim untrue
_DEBUNK = re.compile(r"\b(?:reports?|claims?|rumou?rs?|allegations?|stories|posts?|suggestions?)\s+that\s+"
                     r"(?P<what>[^.;]{10,300}?)\s+(?:is|are|was|were|have been|has been)\s+"
                     r"(?:false|untrue|fake|baseless|unfounded|not true|a hoax|fabricated|wrong)\b", re.I)

# a passage date in a range ("from February 24 to May 20, 2022") or a dateline ("KYIV, March 17, 2022 -")
_RANGE_BEFORE = re.compile(r"\b(?:from|between|since|until|till|to|and|through|or)\s+(?:\S+\s+){0,2}$", re.I)
_DASH_AFTER = re.compile(r"\s*[-–—]")
# the words before a number that bound it; "(a|an)" for "more than a hundred", "about a dozen"
_AT_LEAST_INCL = re.compile(r"\b(?:(?:no|not)\s+(?:less|fewer)\s+than|at\s+least|upwards\s+of)\s+(?:an?\s+)?$", re.I)
_AT_MOST_INCL = re.compile(r"\b(?:(?:no|not)\s+more\s+than|at\s+most|up\s+to)\s+(?:an?\s+)?$", re.I)
_ABOVE = re.compile(r"\b(?:(?:more|greater)\s+than|over|above|exceeding|in\s+excess\s+of)\s+(?:an?\s+)?$", re.I)
_BELOW = re.compile(r"\b(?:(?:less|fewer)\s+than|under|below)\s+(?:an?\s+)?$", re.I)
_NEARLY = re.compile(r"\b(?:nearly|almost|close\s+to)\s+(?:an?\s+)?$", re.I)
_ABOUT = re.compile(r"\b(?:about|around|approximately|roughly|some|an\s+estimated|estimated)\s+(?:an?\s+)?$", re.I)


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


def _range(text: str, start: int, value: float) -> tuple[float, float, int]:
    """The values a number allows, read from the words before it: "more than 100,000" is
    (100000, inf), "no fewer than 200" [200, inf), "under 50" (-inf, 50), "nearly 90" [76.5, 90],
    "about 120" ±15 % but at least half its rounding unit ("about 10" is 5..15); and where the
    bounding words start, so that a finding quotes "more than 100", not "100"."""
    before = text[max(0, start - 30) : start]
    tiny = 1e-9 * max(1.0, abs(value))
    unit = 10 ** int(math.log10(value)) if value >= 1 else 1
    while unit > 1 and value % unit:
        unit //= 10
    slack = max(0.15 * value, unit / 2)
    for bound, (lo, hi) in ((_AT_LEAST_INCL, (value, float("inf"))), (_AT_MOST_INCL, (float("-inf"), value)),
                            (_ABOVE, (value + tiny, float("inf"))), (_BELOW, (float("-inf"), value - tiny)),
                            (_NEARLY, (value * 0.85, value)), (_ABOUT, (value - slack, value + slack))):
        if m := bound.search(before):
            return lo, hi, start - (max(0, start - 30) + m.start())
    return value, value, 0


def _numbers(text: str) -> list[tuple[float, str, int, int, float, float]]:
    """(value, following word stem, start, end, low, high) — the word says *what* is counted,
    low/high what the wording around it allows (see ``_range``)."""
    days = full_dates(text)
    out = []
    for m in _NUM.finditer(text):
        raw = m.group(1) or m.group(3)
        if m.group(1) and _YEAR.fullmatch(m.group(1)):
            continue  # years are dates, compared by the date rule
        try:
            value = float(raw.replace(",", "")) if m.group(1) else float(_NUM_WORDS[raw.lower()])
        except (ValueError, KeyError):
            continue
        if any(s <= m.start() < e for _, s, e in days):
            continue  # the day of a full date, compared by the date rule
        nxt = _NEXT_WORD.match(text, m.end())  # anchored: a search would rescan the text per number
        unit = "%" if m.group(2) else (stem(nxt.group(1).lower()) if nxt else "")
        lo, hi, lead = _range(text, m.start(), value)
        if m.group(3) and raw.lower() in _VAGUE:  # "a dozen", "a hundred": a size, not a count
            lo, hi = min(lo, value / 2), max(hi, value * 2)
        out.append((value, unit, m.start() - lead, m.end(), lo, hi))
    return out


Scope = list[tuple[str, tuple[int, int]]]


def _negation_scopes(text: str) -> list[Scope]:
    """Per negation cue, the stems of the first two content words after it ("did not leave
    their tanks" → leave, tank); punctuation, "but" and "however" end a scope."""
    scopes: list[Scope] = []
    words = list(RULE_WORD.finditer(text))
    for i, m in enumerate(words):
        if _is_cue(words, i):
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


def _is_cue(words: list[re.Match[str]], i: int) -> bool:
    """Whether word ``i`` negates: "not", "never", "n't", … and "declined to" before a verb
    ("declined to comment"), not before a level ("declined to record lows", "declined to 3 %")."""
    w = words[i].group(0).lower().replace("’", "'")  # news writes "don’t" with a curly apostrophe
    if _NEG.fullmatch(w) or w.endswith("n't"):
        return True
    if w not in ("declined", "declines", "declining") or i + 2 >= len(words) or words[i + 1].group(0).lower() != "to":
        return False
    verb = words[i + 2]
    return (verb.start() - words[i + 1].end() < 3 and verb.group(0).isalpha()
            and verb.group(0).lower() not in STOP and verb.group(0).lower() not in _LEVEL_WORDS)


_LEVEL_WORDS = frozenset("record new lowest low lows level levels highest high pre-war zero nil".split())
_CLAUSE_BREAK = re.compile(r"[,;:.!?()]|\b(?:but|though|although|however|while|whereas|after|before|because|since|"
                           r"when|until)\b", re.I)


def _negated_clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the clauses of ``text`` that contain a negation cue ("did not have a role in X")."""
    words = list(RULE_WORD.finditer(text))
    cues = [words[i].start() for i in range(len(words)) if _is_cue(words, i)]
    cuts = [0] + [m.start() for m in _CLAUSE_BREAK.finditer(text)] + [len(text)]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if any(a <= c < b for c in cues)]


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
    other side, and the other side does not negate it too, nor the clause where it says it
    ("X did not have a role" beside "the film stars A and B but without X" agree).

    Why the whole scope: "Meteora is not a rock album" does not conflict with "Meteora is a
    blues album" — the negation is about "rock". Firing on any shared word after "not" made
    "X is not an American series" contradict "X is a French series": on FEVER-Symmetric dev
    that rule was right on only 30 of 50 pairs (20 of them supported claims), a false alarm
    generator for a fact-checker.
    """
    sides = ((claim, passage, co, po, "claim"), (passage, claim, po, co, "passage"))
    for text, other, off, other_off, side in sides:
        other_words = content_stems(other)
        other_negated = {w: span for scope in _negation_scopes(other) for w, span in scope}
        negated_clauses = _negated_clauses(other)
        for scope in _negation_scopes(text):
            found = [_find(w, other_words) for w, _ in scope]
            if all(found) and not any(_find(w, other_negated) for w, _ in scope) and not any(
                    a <= f[0] < b for f in found for a, b in negated_clauses):  # type: ignore[index]
                (s, _), (_, e) = scope[0][1], scope[-1][1]
                os_, oe = found[0][0], found[-1][1]  # type: ignore[index]
                c_span = (off + s, off + e) if side == "claim" else (other_off + min(os_, oe), other_off + max(os_, oe))
                p_span = (other_off + min(os_, oe), other_off + max(os_, oe)) if side == "claim" else (off + s, off + e)
                return Signal("negation", -1, f"the {side} negates '{text[s:e]}'", *c_span, *p_span)
    return None


def _date_conflict(claim: str, passage: str, claim_words: dict[str, tuple[int, int]]
                   ) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """"Born on June 12, 1875" against "(12 October 1875 – 1 December 1947)": a full date of
    the claim that the passage contradicts with another date of the same year (the year rule
    sees no conflict there). News passages carry many dates, so it must look like the same
    event: the passage never states the claim's date, has exactly one date in that year, not
    in a range ("from February 24 to May 20") nor a dateline ("KYIV, March 17, 2022 –"), in a
    sentence that shares at least two content words with the claim."""
    pdays = full_dates(passage)
    stated = month_days(passage)
    for day, s, e in full_dates(claim)[:_MAX_CLAIM_ITEMS]:
        if (day.month, day.day) in stated:
            continue  # the passage states the claim's date (perhaps without the year)
        same_year = [p for p in pdays if p[0].year == day.year]
        if len(same_year) != 1:
            continue
        _, ps, pe = same_year[0]
        if _RANGE_BEFORE.search(passage[max(0, ps - 30) : ps]) or (ps < 40 and _DASH_AFTER.match(passage, pe)):
            continue
        start = max((m.end() for m in re.finditer(r"[.!?]\s", passage[:ps])), default=0)
        end = next((m.start() for m in re.finditer(r"[.!?](?:\s|$)", passage[pe:])), len(passage) - pe) + pe
        if len(set(content_stems(passage[start:end])) & set(claim_words)) >= 2:
            return (s, e), (ps, pe)
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
    cw, pw = content_stems(claim), content_stems(passage)
    shared = [w for w in cw if w in pw]
    # numbers: the same count of the same thing agrees; a count of the same thing that the
    # other's wording cannot allow conflicts ("more than 100,000 copies" vs "258,000 copies" does not)
    pnums = _numbers(passage)[:_MAX_PASSAGE_ITEMS]
    for value, unit, s, e, lo, hi in _numbers(claim)[:_MAX_CLAIM_ITEMS]:
        same = [p for p in pnums if p[0] == value and not (p[5] < lo or p[4] > hi)]
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
    date = _date_conflict(claim, passage, cw)
    if date is not None:
        (s, e), (ps, pe) = date
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
    nationality = nationality_conflict(claim, passage)
    if nationality is not None:
        m, q = nationality
        sig.append(Signal("conflicting_nationality", -1, f"claim says {m.group('dem')} {m.group('noun')}, passage says "
                          f"{q.group('dem')} {q.group('noun')}", co + m.start("dem"), co + m.end("noun"),
                          po + q.start("dem"), po + q.end("noun")))
    for m in _DEBUNK.finditer(passage):
        what = content_stems(m.group("what"))
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
