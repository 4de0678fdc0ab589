"""Does the event agree? Dates, places, numbers and people that make two tellings one claim or two.

Sentence vectors and word overlap say two claims *sound* alike. "Eight people were killed in
shelling of Toretsk" and "Four were killed in shelling of Lyman" sound alike, and so do the
death tolls of four strikes between April and July; chained as ``mutates`` ("changed number")
they tell a fact-checker that one outlet changed another's figure, which nobody did. So each
claim carries the facts that pin its event down (:class:`EventFacts`, computed once at ingest
from the parse and stored as JSON with the claim), and two claims are the same claim only when
these facts are compatible (:func:`conflict` says why not). Each rule is a clear contradiction,
never a lack of evidence: facts missing on either side never separate two claims.

* **Dates**: both claims name a day (normalised by the time extractor: "on Tuesday" in an
  article of 13 July is 12 July) and no two of their days are within ``max_days``.
* **Places**: both name a place below country level (a city, a region: "Lyman", "Toretsk") and
  they share none. Countries and continents are left out: "Russia" and "Ukraine" are actors
  as much as places, and "Ukraine" contains "Kharkiv".
* **Numbers**: both give figures (counts, "eight people", "10 missiles", percentages and sums:
  a 60% cut in June is not the 20% cut of late July; not years, not a lone "1") with no value in common, and their events are dated more than ``max_days`` apart
  (the claim's own day, else its live-blog entry time, else its article's date): 29 journalists
  banned in June and 39 Britons banned in August are two bans. Within a few days a changed
  figure is a retelling that changed a number — exactly what ``mutates`` is for (a death toll
  updated the next day). The kind of thing counted is kept (``numbers``: value, noun) for the
  reader; tagging "four were killed" vs "eight people" as one kind proved too brittle to require.
* **People**: both name people and share none (surnames compared loosely, so Zelenskiy and
  Zelensky are one person).
* **Main-clause places** (``clause.py``): both name places outside their adverbial clauses and
  share none of those: "troops entered A after the garrison was ordered out of B" and "the
  garrison was ordered out of B" tell two events although both name B.
* **Told before it happened**: one claim names a day that is already past for its own article,
  the other names no day and was published (or its live-blog entry written) before that day:
  an article of 21 June cannot report the shelling of 22 June.
* **Forecast vs fact** (``clause.mood``): a forecast ("could soon cut off", "is set to visit")
  is another claim than what is, was or is being done ("are trying to cut off", "visited"); so
  is an intention ("was ready to talk", "plans to annex"), while a duty ("must ratify") is a
  standing state.
* **Actors** (``clause.actors``): the countries that act in the main clauses (its subject, or
  the passive's "by …") differ: "Russian forces were behind the blast" and "Ukrainian forces
  struck the prison" are opposite claims about one event, not one claim.
* **Attempts** (``clause.aim``): "were trying to seize the city" is not "have taken most of
  the city", and trying to approach a city is not trying to surround it.
* **Reactions and judgements** (``clause.reaction``, ``clause.judgement``): "concerns were
  raised about the captured volunteer" reacts to "the volunteer was captured", and "bringing
  back coal plants was painful" judges "coal plants are being revived": each is another claim.
* **Action in progress** (``clause.ongoing``): "forces continued to hit the city" with no day
  of its own tells the day it was written; a telling more than ``ongoing_days`` away is another
  phase of the fighting.
* **Standing state vs dated event**: a present state with no day ("the pipeline is operated by
  the state company") is background, not the event a dated or past-tense claim tells ("the
  company cut the flows on Wednesday").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from .clause import actors, aim, judgement, main_places, mood, ongoing, reaction
from .countries import is_country_or_region

PLACE_LABELS = frozenset({"GPE", "LOC"})
PERSON_LABELS = frozenset({"PERSON"})
_CASUALTY = ("people person civilian civilians soldier soldiers child children killed dead death deaths wounded "
             "injured casualties victims troops fighter fighters body bodies men women resident residents")
CASUALTY_WORDS = frozenset(_CASUALTY.split())
_NUMBERS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
            "seventeen eighteen nineteen twenty")
_NUMBER_WORDS = {w: i for i, w in enumerate(_NUMBERS.split())}
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class EventOptions:
    """``max_days``: how far apart two dates may be and still be one event (a retelling a few
    days later, a toll updated overnight); the provenance fixture's 40 → 400 vessels retelling
    is three days later."""

    max_days: int = 3
    # an action told in progress ("are shelling", "continued to hit") with no day of its own is
    # dated by its telling; a telling more than this many days away is another phase of it
    ongoing_days: int = 14


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[’'`]s\b", "", text)
    return " ".join(re.sub(r"^(the|a|an)\s+", "", text).replace("-", " ").split())


def _number(token: Any) -> float | None:
    raw = token.lower_.replace(",", "")
    if raw in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[raw])
    try:
        return float(raw)
    except ValueError:
        return None


def _kind(token: Any) -> str:
    """What a number counts: the noun it modifies (lemma), casualties folded into one kind."""
    head = token.head if token.dep_ in ("nummod", "quantmod", "compound") else None
    if head is None and token.head.pos_ in ("VERB", "AUX"):
        head = token.head  # "were killed: eight" / "eight were killed"
    if head is None:
        return ""
    lemma = head.lemma_.lower()
    return "casualties" if lemma in CASUALTY_WORDS or head.lower_ in CASUALTY_WORDS else lemma


def event_facts(tokens: list[Any], entities: list[dict[str, Any]], times: list[dict[str, Any]],
                reference: str | None) -> dict[str, Any]:
    """The claim's event facts as a JSON-able dict (stored with the claim).

    ``tokens``: the claim's spaCy tokens; ``entities``: ``{"text", "label"}`` inside the claim;
    ``times``: the article's time expressions inside the claim (``{"value", "type"}``);
    ``reference``: the day (or entry time) the claim's article or live-blog entry gives it.
    """
    days = sorted({t["value"][:10] for t in times if t.get("value") and _DAY.match(t["value"])})
    places = sorted({_fold(e["text"]) for e in entities if e["label"] in PLACE_LABELS
                     and not is_country_or_region(_fold(e["text"]))})
    people = sorted({_fold(e["text"]).split()[-1] for e in entities if e["label"] in PERSON_LABELS and e["text"].strip()})
    numbers = []
    for t in tokens:
        if t.like_num and t.ent_type_ not in ("DATE", "TIME", "ORDINAL"):
            value = _number(t)
            if value is not None:
                numbers.append([value, _kind(t)])
    return {"days": days, "places": places, "people": people, "numbers": numbers, "reference": reference,
            "main_places": main_places(tokens, places, _fold), "mood": mood(tokens),
            "actors": actors(tokens, _fold, is_country_or_region), "aim": aim(tokens),
            "reaction": reaction(tokens), "judgement": judgement(tokens), "ongoing": ongoing(tokens)}


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def _apart(a: list[str], b: list[str], max_days: int) -> bool:
    da = [d for d in map(_day, a) if d]
    db = [d for d in map(_day, b) if d]
    return bool(da and db) and all(abs((x - y).days) > max_days for x in da for y in db)


def _counts(facts: dict[str, Any]) -> set[float]:
    """The figures that can tell two events apart: a count of something, or any number from 2 up
    that is not a year ("Nord Stream 1" and "2022" say nothing about which strike it was)."""
    out = set()
    for value, kind in facts.get("numbers", []):
        if 1900 <= value <= 2100 and float(value).is_integer():
            continue
        if kind or value >= 2:
            out.add(float(value))
    return out


def _same_person(a: str, b: str) -> bool:
    if a == b:
        return True
    short = min(len(a), len(b))
    return short >= 5 and a[:5] == b[:5]


def _told_before(x: dict[str, Any], y: dict[str, Any]) -> str | None:
    """Why ``x`` (no day of its own) cannot tell ``y``'s dated event: ``y``'s days are all past
    for ``y``'s own article (it reports, not forecasts) and all after the day ``x`` was written."""
    ref_x, ref_y = _day(x.get("reference")), _day(y.get("reference"))
    days = [d for d in map(_day, y.get("days", [])) if d]
    if x.get("days") or not days or ref_x is None or ref_y is None:
        return None
    if all(ref_x < d <= ref_y for d in days):
        return f"told on {ref_x.isoformat()}, before the event of {', '.join(d.isoformat() for d in days)}"
    return None


def conflict(a: dict[str, Any] | None, b: dict[str, Any] | None, options: EventOptions | None = None) -> str | None:
    """Why two claims cannot tell the same event, or None when nothing contradicts it."""
    if not a or not b:
        return None
    options = options or EventOptions()
    if _apart(a.get("days", []), b.get("days", []), options.max_days):
        return f"different dates ({', '.join(a['days'])} / {', '.join(b['days'])})"
    pa, pb = set(a.get("places", [])), set(b.get("places", []))
    if pa and pb and not pa & pb:
        return f"different places ({', '.join(sorted(pa))} / {', '.join(sorted(pb))})"
    va, vb = _counts(a), _counts(b)
    if va and vb and not va & vb:
        when_a = a.get("days") or [a.get("reference") or ""]
        when_b = b.get("days") or [b.get("reference") or ""]
        if _apart(when_a, when_b, options.max_days):
            return (f"different figures ({'/'.join(f'{v:g}' for v in sorted(va))} vs "
                    f"{'/'.join(f'{v:g}' for v in sorted(vb))}) on dates more than {options.max_days} days apart")
    ma, mb = set(a.get("main_places") or []), set(b.get("main_places") or [])
    if ma and mb and not ma & mb:
        return f"different places in the main clause ({', '.join(sorted(ma))} / {', '.join(sorted(mb))})"
    for x, y in ((a, b), (b, a)):
        why = _told_before(x, y)
        if why:
            return why
    moods = {a.get("mood") or "", b.get("mood") or ""}
    if "forecast" in moods and len(moods - {""}) == 2:
        return f"a forecast vs a claim of what {'is' if moods & {'state', 'present'} else 'was'} done"
    if moods == {"state", "event"}:
        state = a if a.get("mood") == "state" else b
        if not state.get("days"):
            return "a standing state vs an event"
    if "aim" in a and "aim" in b and a["aim"] != b["aim"]:  # facts stored before "aim" existed: unknown
        if a["aim"] and b["aim"]:
            return f"attempts at different things (to {a['aim']} / to {b['aim']})"
        return "an attempt vs what was done"
    for key, what in (("reaction", "a reaction vs what it reacts to"), ("judgement", "a judgement vs a fact")):
        if key in a and key in b and bool(a[key]) != bool(b[key]):  # unknown for facts stored before
            return what
    for x, y in ((a, b), (b, a)):
        if x.get("ongoing") and not x.get("days") and \
                _apart([x.get("reference") or ""], y.get("days") or [y.get("reference") or ""], options.ongoing_days):
            return f"an action in progress told on {(x.get('reference') or '')[:10]}, more than {options.ongoing_days} days away"
    aa, ab = set(a.get("actors") or []), set(b.get("actors") or [])
    if aa and ab and not aa & ab:
        return f"different actors ({', '.join(sorted(aa))} / {', '.join(sorted(ab))})"
    qa, qb = a.get("people", []), b.get("people", [])
    if qa and qb and not any(_same_person(x, y) for x in qa for y in qb):
        return f"different people ({', '.join(qa)} / {', '.join(qb)})"
    return None
