"""Event anchors: the dates that "the eighth day of the war" and "day 8 of the invasion" count from.

Anchors live in an editable JSON file (``claimgraph/data/anchors.json``) so fact-checkers can
add the events they cover without touching code. An event applies to an article only when one
of its context words occurs in the article and the article's reference date is on or after the
start: "the war" in a 1998 article is not the 2022 invasion. An article can also state its own
anchor ("the war began on 24 February"); a stated anchor wins over the file for that article,
because the article's own frame is what its day counts refer to.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ...errors import InputError
from .normalise import parse_iso


@dataclass(frozen=True, slots=True)
class Anchor:
    """An event that day counts can refer to; ``day_one`` is the date counted as day 1."""

    id: str
    name: str
    start: dt.date
    day_one: dt.date
    aliases: tuple[str, ...]
    context: tuple[str, ...] = ()
    label: str = ""
    stated: bool = False  # True when the article itself gave the date

    def describe(self) -> str:
        """Plain text for ``TimeExpr.anchor``: which event and which date counts as day 1."""
        label = self.label or self.name
        origin = " (stated in the article)" if self.stated else ""
        return f"{self.id}: {label} began {self.day_one.isoformat()} (day 1){origin}"


@dataclass(frozen=True, slots=True)
class Period:
    """A named historical period ("World War II") with its TIMEX3-style value ("1939/1945")."""

    id: str
    names: tuple[str, ...]
    value: str
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(slots=True)
class AnchorSet:
    """All known events and named periods."""

    events: list[Anchor] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)

    def merged(self, other: "AnchorSet") -> "AnchorSet":
        """This set plus ``other``; entries of ``other`` replace ones with the same id."""
        ids = {a.id for a in other.events}
        pids = {p.id for p in other.periods}
        return AnchorSet(
            [a for a in self.events if a.id not in ids] + list(other.events),
            [p for p in self.periods if p.id not in pids] + list(other.periods),
        )

    def applicable(self, text: str, ref: dt.date | None) -> list[Anchor]:
        """Events whose context occurs in ``text`` and that had started by ``ref``."""
        if ref is None:
            return []
        out = []
        for a in self.events:
            if a.start > ref:
                continue
            if a.stated or any(_word_in(c, text) for c in a.context):
                out.append(a)
        return out

    def period_regex(self) -> re.Pattern[str] | None:
        return _period_regex(tuple((p.id, p.names) for p in self.periods))

    def period(self, name: str) -> Period | None:
        key = _norm(name)
        for p in self.periods:
            if any(_norm(n) == key for n in p.names):
                return p
        return None


def _norm(s: str) -> str:
    return " ".join(s.lower().replace("the ", "", 1).split()) if s.lower().startswith("the ") \
        else " ".join(s.lower().split())


@functools.lru_cache(maxsize=64)
def _word_pattern(word: str) -> re.Pattern[str]:
    flags = re.IGNORECASE if word.islower() else 0
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])", flags)


def _word_in(word: str, text: str) -> bool:
    return _word_pattern(word).search(text) is not None


@functools.lru_cache(maxsize=16)
def _period_regex(periods: tuple[tuple[str, tuple[str, ...]], ...]) -> re.Pattern[str] | None:
    names = sorted({n for _, ns in periods for n in ns}, key=len, reverse=True)
    if not names:
        return None
    alts = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])")


def alias_in(aliases: tuple[str, ...], text: str) -> re.Match[str] | None:
    """First whole-word occurrence of any alias in ``text`` (case-insensitive for lower-case aliases)."""
    best: re.Match[str] | None = None
    for alias in aliases:
        m = _word_pattern(alias).search(text)
        if m and (best is None or m.start() < best.start()):
            best = m
    return best


def choose(anchors: list[Anchor], phrase: str) -> tuple[Anchor | None, str]:
    """The one anchor that ``phrase`` (an "of the war" phrase or a sentence) names.

    Returns (anchor, why-not). Stated anchors beat the file; two file anchors that both fit
    and cannot be told apart give no anchor, because a wrong date is worse than none.
    """
    fits = [a for a in anchors if alias_in(a.aliases, phrase)]
    if not fits:
        return None, "no known event named nearby"
    stated = [a for a in fits if a.stated]
    if stated:
        return stated[-1], ""
    if len(fits) == 1:
        return fits[0], ""
    return None, "several events fit: " + ", ".join(a.id for a in fits)


def _date(value: Any, what: str, source: str) -> dt.date:
    d = parse_iso(str(value)) if value else None
    if d is None:
        raise InputError(f"anchors file {source}: {what} is not an ISO date: {value!r}")
    return d


def parse_anchors(data: Any, source: str = "anchors") -> AnchorSet:
    """Build an AnchorSet from the JSON structure documented in ``data/anchors.json``."""
    if not isinstance(data, dict):
        raise InputError(f"anchors file {source}: expected an object with 'events' and 'periods'")
    events = []
    for e in data.get("events", []):
        if not isinstance(e, dict) or "id" not in e or "start" not in e:
            raise InputError(f"anchors file {source}: every event needs 'id' and 'start'")
        start = _date(e["start"], f"start of {e['id']}", source)
        events.append(
            Anchor(
                id=str(e["id"]),
                name=str(e.get("name", e["id"])),
                start=start,
                day_one=_date(e.get("day_one", e["start"]), f"day_one of {e['id']}", source),
                aliases=tuple(str(a) for a in e.get("aliases", [])),
                context=tuple(str(c) for c in e.get("context", [])),
                label=str(e.get("label", "")),
            )
        )
    periods = []
    for p in data.get("periods", []):
        if not isinstance(p, dict) or "id" not in p or "names" not in p or "value" not in p:
            raise InputError(f"anchors file {source}: every period needs 'id', 'names', 'value'")
        periods.append(
            Period(
                id=str(p["id"]),
                names=tuple(str(n) for n in p["names"]),
                value=str(p["value"]),
                start=parse_iso(p.get("start")),
                end=parse_iso(p.get("end")),
            )
        )
    return AnchorSet(events, periods)


@functools.lru_cache(maxsize=1)
def _default() -> AnchorSet:
    text = resources.files("claimgraph").joinpath("data/anchors.json").read_text("utf-8")
    return parse_anchors(json.loads(text), "claimgraph/data/anchors.json")


def default_anchors() -> AnchorSet:
    """The anchors shipped with claimgraph (read once per process, on first use)."""
    s = _default()
    return AnchorSet(list(s.events), list(s.periods))


def load_anchors(path: str | Path | None = None) -> AnchorSet:
    """The shipped anchors, plus (replacing by id) those in the JSON file at ``path``."""
    base = default_anchors()
    if path is None:
        return base
    p = Path(path)
    try:
        data = json.loads(p.read_text("utf-8"))
    except FileNotFoundError:
        raise InputError(f"anchors file not found: {p}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"anchors file {p} is not readable JSON: {exc}") from None
    return base.merged(parse_anchors(data, str(p)))


_STATED_EVENT = re.compile(
    r"\b(?:the|this|Russia['’]s|Moscow['’]s|a|its)\s+(?P<ev>(?:full-scale\s+|Russian\s+|military\s+)?"
    r"(?:war|invasion|offensive|conflict|attack|assault|operation|pandemic|lockdown|siege"
    r"|occupation|campaign|strike|protests?|uprising|ceasefire|truce))"
    r"(?:\s*,?\s*which)?\s+(?:began|started|broke out|was launched|erupted|kicked off|commenced"
    r"|took effect|came into force)\s+(?:on\s+)?(?=\S)",
    re.IGNORECASE,
)
_STATED_INVADED = re.compile(
    r"\b(?P<subj>[A-Z][a-z]+|Moscow|Russian (?:forces|troops))\s+(?P<verb>invaded|attacked)\s+"
    r"(?P<obj>[A-Z][a-z]+)\s+on\s+(?=\S)"
)
_INVADED_ALIASES = ("war", "invasion", "full-scale invasion", "offensive", "conflict", "attack")


@dataclass(frozen=True, slots=True)
class StatedAnchor:
    """An event date the article states; ``key`` groups statements about the same event."""

    key: str
    event_text: str
    date: dt.date
    start: int  # offset of the statement (event phrase start)
    end: int  # end of the stated date
    time_index: int


def find_stated(
    text: str, day_times: dict[int, tuple[int, int, dt.date]], known: list[Anchor]
) -> list[StatedAnchor]:
    """Statements like "the war began on 24 February" or "Russia invaded Ukraine on Feb. 24".

    ``day_times`` maps the start offset of each day-valued time expression to (index, end,
    date); a statement counts only when such an expression starts right after its verb.
    ``known`` anchors give the key, so "the invasion began on" and "the war started on" in a
    Ukraine article land on the same event.
    """
    out: list[StatedAnchor] = []
    for rx in (_STATED_EVENT, _STATED_INVADED):
        for m in rx.finditer(text):
            hit = day_times.get(m.end())
            if hit is None:
                continue
            index, end, date = hit
            if rx is _STATED_INVADED:
                ev_text = m.group(0).strip()
                key = "stated:invasion"
                for a in known:
                    if "invasion" in a.aliases and any(_word_in(c, ev_text) for c in a.context):
                        key = a.id
                        break
            else:
                ev_text = m.group("ev")
                word = ev_text.split()[-1].lower()
                key = "stated:" + word
                for a in known:
                    if any(al.lower() == word for al in a.aliases):
                        key = a.id
                        break
            out.append(StatedAnchor(key, ev_text, date, m.start(), end, index))
    return out


def stated_anchor_objects(stated: list[StatedAnchor], known: list[Anchor]) -> list[Anchor]:
    """Anchors built from the article's own statements (the first statement per event wins)."""
    by_id = {a.id: a for a in known}
    out: dict[str, Anchor] = {}
    for s in stated:
        if s.key in out:
            continue
        base = by_id.get(s.key)
        if base:
            aliases = base.aliases
        elif s.key == "stated:invasion":
            aliases = _INVADED_ALIASES
        else:
            aliases = (s.key.split(":", 1)[1],)
        out[s.key] = Anchor(
            id=s.key,
            name=base.name if base else s.event_text,
            start=s.date,
            day_one=s.date,
            aliases=aliases,
            context=(),
            label=(base.label or base.name) if base else s.event_text,
            stated=True,
        )
    return list(out.values())
