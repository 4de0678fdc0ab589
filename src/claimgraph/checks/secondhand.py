"""Claims taken from another outlet's reporting, and wire-agency credits.

A claim that rests on "a report by the New York Times" with no title, date or link sends the
fact-checker hunting for the original: worth one notice per outlet per article, listing every
place it is cited ("cited 3 times"), not one notice per mention. A wire credit ("Reuters
reported", "Tass said") is different: wire copy is traceable through the agency's own feed and
newsrooms run it all day, so it is a quiet ``wire_credit`` note (severity ``note``: listed,
not raised). A spokesperson of an outlet speaking for it ("a Guardian spokesperson said") is a
statement, not a report; a non-news body whose name ends in "Agency" ("the Jewish Agency") is
not an outlet.
"""

from __future__ import annotations

import re

from ..extract.attribution.lexicon import NEWS_OUTLETS, OUTLET_WORDS
from ..extract.attribution.spans import paragraph_bounds
from ..model import Analysis, Attribution, Finding
from .context import SourcingContext, source_phrase
from .nearby import ByStart
from .sourcing import attribution_span, is_question, non_assertive

WIRE_AGENCIES = {
    "reuters": "Reuters", "associated press": "the Associated Press", "ap": "the Associated Press",
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP", "tass": "Tass",
    "ria novosti": "RIA Novosti", "ria": "RIA Novosti", "interfax": "Interfax", "interfax-ukraine": "Interfax-Ukraine",
    "xinhua": "Xinhua", "ukrinform": "Ukrinform", "unian": "UNIAN", "dpa": "dpa", "efe": "EFE", "ansa": "ANSA",
    "kyodo": "Kyodo", "yonhap": "Yonhap", "pa media": "PA Media", "press association": "PA Media",
    "anadolu": "Anadolu", "anadolu agency": "Anadolu", "pti": "PTI", "press trust of india": "PTI",
    "upi": "UPI", "united press international": "UPI", "bernama": "Bernama", "ria-novosti": "RIA Novosti",
}
_OUTLETS: dict[str, str] = {}
for _o in NEWS_OUTLETS:  # the first spelling listed ("The New York Times") is the one shown
    _OUTLETS.setdefault(_o.lower().removeprefix("the "), _o)
# name endings that make a named organisation a publication; "agency" only as "news/press agency"
_PUBLICATION_WORDS = OUTLET_WORDS - {"agency", "record", "review", "notes", "monitor", "bulletin", "dispatch"}
# "Russian media reported", "state media said", "local newspapers": outlets, none named
UNNAMED_MEDIA = frozenset("media outlets newspapers newspaper press broadcasters tabloids".split())
BACK_REFERENCE_OUTLETS = frozenset("newspaper paper outlet broadcaster tabloid channel magazine website site".split())
NEWS_REPORT_NOUNS = frozenset("report reports reporting article story stories coverage dispatch".split())
SPOKES = frozenset("spokesperson spokesman spokeswoman spokespeople representative editor editors".split())
QUOTED_TITLE = re.compile(r"[“\"]([A-Z][^”\"]{3,120})[”\"]")
# a headline, not a quoted passage: short, and no sentence punctuation before its closing mark
HEADLINE_BEFORE = re.compile(r"[“\"][A-Z](?:[^”\"\s]*\s){0,11}[^”\"\s]*[^”\"\s.,!?;:][”\"]\s*(?:[–—-]|,)?\s*$")
_TRIM = re.compile(r"^(?:the\s+|a\s+|an\s+)|(?:’s|'s)$|\s+(?:news\s+agency|newswire|wire\s+service)$", re.I)


def _key(name: str) -> str:
    name = " ".join(name.replace("’", "'").split()).strip(" ,.;:")
    prev = None
    while prev != name:
        prev, name = name, _TRIM.sub("", name).strip()
    return name.lower()


DATA_NOUNS = frozenset("poll polls polling survey surveys study studies data analysis index census tally "
                       "count tracker database".split())
# A report cited without an outlet is another outlet's only when the words say news.
NEWS_WORDS = frozenset("news media press newspaper newspapers tv television broadcast broadcaster tabloid "
                       "tabloids outlet outlets".split())


def _named(outlet: str, name: str) -> bool:
    """``outlet`` (a lower-case key) is written in ``name`` as a name, capitalised ("The Times",
    not "at the time")."""
    flat = " ".join(name.replace("’", "'").split())
    return any(m.group(0)[:1].isupper()
               for m in re.finditer(rf"(?<![\w-]){re.escape(outlet)}(?![\w-])", flat, re.I))


# what a reporter does in print: "The Washington Post's Jeff Stein reports", "… writes", "… notes"
WRITES = re.compile(r"(?:report|wrote|write|note|according|reveal|publish)", re.I)


def outlet_of(a: Attribution) -> str | None:
    """The news outlet an attribution cites as its source ("according to the New York Times",
    "a report in GQ"), or None for data, polls, studies and non-news bodies."""
    src = source_phrase(a)
    if src is None:
        return None
    if a.source_type == "named_person":
        # "Politico reports" typed as a person; "The Washington Post's Jeff Stein reports": the
        # reporter writes for the outlet, whose report the claim rests on
        if a.source_name and _key(a.source_name) != _key(src.text) and not re.match(r".+?(?:’s|'s)\s", src.text):
            return None  # "Bloomberg says", resolved to Michael Bloomberg: the person, not the outlet
        owner = re.match(r"(.+?)(?:’s|'s)\s", src.text)
        if owner and not WRITES.match(a.cue.text.strip()):
            owner = None  # "Georgia Public Broadcasting's Emily Jones said" on air: she speaks, no report is cited
        for name in (src.text, owner.group(1) if owner else ""):
            key = _key(name)
            if key and (key in _OUTLETS or key in WIRE_AGENCIES) and not name.islower() and len(key) > 2:
                return key
        if owner and owner.group(1)[:1].isupper() and _key(owner.group(1)).split()[-1:] \
                and _key(owner.group(1)).split()[-1] in _PUBLICATION_WORDS:
            return _key(owner.group(1))  # "The Valley Herald's Tom Reese reports"
        return None
    if a.source_type not in ("named_org", "anonymous", "document", "descriptive_org"):
        return None
    words = [w.strip(",.’'").lower() for w in src.text.split()]
    if a.source_type == "descriptive_org":
        if len(words) <= 2 and words[0] in ("the", "this", "that") and words[-1] in BACK_REFERENCE_OUTLETS:
            return None  # "The newspaper said": the outlet named just before, not an unnamed one
        unnamed = bool(words) and words[-1] in UNNAMED_MEDIA
        return "unnamed media" if unnamed else None
    if set(words) & SPOKES:
        return None
    if set(words) & DATA_NOUNS:
        return None  # "The latest Fox News national poll … showed": the outlet's data, named and findable
    name = a.source_name or a.source.text
    key = _key(name)
    if (key in WIRE_AGENCIES or key in _OUTLETS) and not name.islower():
        return key  # "Time", not "his time"
    for wire in WIRE_AGENCIES:  # "the state news agency Tass", "Russia's RIA Novosti news agency"
        if len(wire) > 2 and _named(wire, name):
            return wire
    reported = any(w in NEWS_REPORT_NOUNS for w in words[:4])
    if reported:  # "the report of The New York Times", "a report in GQ"
        for outlet in sorted(_OUTLETS, key=len, reverse=True):
            if _named(outlet, name):
                # "a report in the Aspen Times": the paper is the Aspen Times, not The Times
                flat = " ".join(name.replace("’", "'").split())
                m = re.search(rf"((?:[A-Z][\w.'-]*\s+)+){re.escape(outlet)}\b", flat, re.I)
                lead = m.group(1).split() if m else []
                if lead and lead[-1].lower() not in ("the", "a", "an") and lead[-1][:1].isupper():
                    return _key(f"{lead[-1]} {outlet}")
                return outlet
        if not set(words) & NEWS_WORDS:
            return None  # "the report added" (named before), "the initial police report": not news
    parts = re.sub(r"\s+in\s+[a-z][\w.-]*(?:\s+[a-z][\w.-]*)?$", "", key).split()  # "Spectrum News in Buffalo"
    if a.source_type == "named_org" and parts and (
        parts[-1] in _PUBLICATION_WORDS or key.endswith(("news agency", "press agency"))
        or (len(parts) > 2 and parts[0] in _PUBLICATION_WORDS and parts[1] == "of")  # "the Times of Israel"
    ):
        return key
    return key if reported else None  # "two news reports"


def _display(key: str, a: Attribution) -> str:
    if key in WIRE_AGENCIES:
        return WIRE_AGENCIES[key]
    return _OUTLETS.get(key) or a.source_name or (a.source.text if a.source else key)


# "a 2014 interview with BuzzFeed News": the year belongs to the report, not to the claim
YEAR_OF_REPORT = re.compile(r"\b(?:19|20)\d{2}\s+(?:interview|report|article|story|investigation|piece|"
                            r"documentary|profile|broadcast|op-ed|column)\b", re.I)


def _report_date(text: str, ctx: SourcingContext, lo: int, hi: int, name: tuple[int, int] = (0, 0),
                 claim: tuple[int, int] = (0, 0)) -> str | None:
    """How the report is dated next to its citation: ``"full"`` ("reported on 3 May", "a 2014
    interview with …", "that year"), the weekday's words when a weekday is all there is ("the
    Times reported on Thursday"), or None. A year inside the claim ("…citizenship by decree in
    2014", "At this point in 2010, the bureau had hired …, CNN reported") dates the event, not the
    report; a date word inside the outlet's name ("USA Today") dates nothing."""
    if YEAR_OF_REPORT.search(text, lo, hi):
        return "full"
    dates = [t for t in ctx.times.starting_in(lo, hi)
             if t.type in ("DATE", "TIME") and t.end <= hi and not re.fullmatch(r"(?:in\s+)?\d{4}", t.text.strip())
             and not (name[0] <= t.start and t.end <= name[1] and IN_NAME.search(text, max(0, t.start - 30), t.end + 1))
             and not (claim[0] <= t.start and t.end <= claim[1])]
    if any(not BARE_WEEKDAY.fullmatch(t.text.strip()) for t in dates):
        return "full"
    return dates[0].text.strip() if dates else None


# a date word that is part of a name: "USA Today", "Newsweek Today"
IN_NAME = re.compile(r"\b[A-Z][\w.]*\s+(?:Today|Tonight|Now|Daily|Weekly)\b(?!\s+(?:reported|said))")


# A weekday alone ("The Times reported on Thursday", "a Thursday report") narrows the report to a
# week at best: judges asked for a notice, and the notice must say the weekday is given.
BARE_WEEKDAY = re.compile(r"(?:on\s+|earlier\s+|late\s+|early\s+|last\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day"
                          r"(?:\s+(?:morning|afternoon|evening|night))?", re.I)


# The outlet as a party to the story, answering for itself: "Newsweek has defended the cover,
# saying …", "The Post denied …". Its words are a statement to trace to the outlet itself, not a
# report the claim was taken from (judged wrong as an unlinked report).
AS_PARTY = re.compile(r"\s*(?:(?:has|have|had|also|later|quickly|publicly)\s+)*(?:defended|denied|apologi[sz]ed|"
                      r"stood\s+by|stands\s+by|defends|denies|apologi[sz]es|retracted|corrected|responded)\b", re.I)


def _same_outlet(key: str, own: str) -> bool:
    """``key`` is the publishing outlet itself, however either is spelled ("AP" in an article of
    the Associated Press; "an analysis by the Observer" in the Guardian)."""
    if not own:
        return False
    if key == own or key.startswith(own + " ") or (own == "guardian" and key.startswith("observer")):
        return True
    wire = WIRE_AGENCIES.get(key)
    return wire is not None and wire == WIRE_AGENCIES.get(own)


def secondhand_findings(analysis: Analysis, ctx: SourcingContext | None = None,
                        taken: list[Finding] | None = None) -> list[Finding]:
    """Outlets cited without title, date or link (one notice per outlet), and wire credits (a
    quiet note). ``taken``: findings already raised on an attribution ("A local newspaper said"
    flagged as a vague source) — one notice per place, not two saying the same thing."""
    ctx = ctx or SourcingContext(analysis)
    raised = {f.about for f in taken or [] if f.about is not None}
    text = analysis.article.text
    media = ByStart(analysis.media)
    own = _key(analysis.article.outlet or "")
    unlinked: dict[str, list[Attribution]] = {}
    wires: dict[str, list[Attribution]] = {}
    identified: dict[str, int] = {}  # outlet → where the article first gives a report of it a date, title or link
    weekday: dict[str, str] = {}  # attribution → the weekday that is all that dates its report
    for a in analysis.attributions:
        key = outlet_of(a)
        if key is None or ctx.enclosing_speaker(a) is not None or ctx.in_title(a.cue.start) or a.id in raised \
                or ctx.in_caption(a.cue.start):
            continue
        if non_assertive(a, text) or is_question(a):  # "CBS's Weijia Jiang asked": a question, no report
            continue  # "The Post didn't note that …": the author's claim about the report, not one resting on it
        if _same_outlet(key, own):
            continue  # the publication's own reporting ("a recording obtained by AP" in an AP story)
        if a.source is not None and AS_PARTY.match(text, a.source.end):
            continue  # the outlet answering for itself, not a report the claim rests on
        if WIRE_AGENCIES.get(key):
            places = wires.setdefault(WIRE_AGENCIES[key], [])
            if not any(p.cue.start == a.cue.start or (p.source and a.source and p.source.start == a.source.start)
                       for p in places):  # two extractors on one citation are one credit
                places.append(a)
            continue
        assert a.source is not None
        p0, p1 = paragraph_bounds(text, a.cue.start)
        linked = any(m.kind in ("url", "post") for m in media.starting_in(p0, p1))
        lo, hi = attribution_span(a)
        dated = _report_date(text, ctx, max(p0, lo - 30), min(p1, hi + 20), (a.source.start, a.source.end),
                             (a.content.start, a.content.end))
        # the headline after the citation, or quoted right before it ("“Welcome to hell” – the Mirror says")
        titled = QUOTED_TITLE.search(text, a.source.start, min(p1, a.source.end + 80)) is not None \
            or HEADLINE_BEFORE.search(text, max(p0, lo - 160), lo) is not None
        if linked or dated == "full" or titled:
            identified.setdefault(key, a.cue.start)
        else:
            unlinked.setdefault(key, []).append(a)
            if dated:
                weekday[a.id] = dated
    out: list[Finding] = []
    for key in list(unlinked):  # "the Times" after "The New York Times": one outlet, one notice
        full = next((k for k in unlinked if k != key and k.endswith(" " + key)), None)
        if full is not None:
            unlinked[full] = sorted(unlinked[full] + unlinked.pop(key), key=lambda p: p.cue.start)
    for key, places in unlinked.items():
        if any(k.endswith(" " + key) and at < places[0].cue.start for k, at in identified.items()):
            continue  # "the Times" after "The New York Times reported on Sunday, under the headline …"
        first, n = places[0], len(places)
        start, end = attribution_span(first)
        times = f" ({n} claims in this article)" if n > 1 else ""
        unnamed = f"The claim rests on reports by “{first.source.text}”{times}: no outlet is named"  # type: ignore[union-attr]
        message = (unnamed + (f" and only a weekday (“{weekday[first.id]}”) dates them." if first.id in weekday
                              else " and no title, date or link is given.") if key == "unnamed media" else
                   f"The claim rests on a report by “{_display(key, first)}”{times} that is cited with only a "
                   f"weekday (“{weekday[first.id]}”): no title, full date or link." if first.id in weekday else
                   f"The claim rests on a report by “{_display(key, first)}”{times} that is cited without a "
                   f"title, date or link.")
        out.append(Finding(
            kind="secondhand_unlinked", severity="info", start=start, end=end, about=first.id, message=message,
            also=[list(attribution_span(p)) for p in places[1:]],
        ))
    for name, places in wires.items():
        first = places[0]
        start, end = attribution_span(first)
        out.append(Finding(
            kind="wire_credit", severity="note", start=start, end=end, about=first.id,
            message=f"{name} (news agency) is credited as a source in this article; wire copy can be traced "
                    f"through the agency's own service, so this is listed, not raised.",
            also=[list(attribution_span(p)) for p in places[1:]],
        ))
    return out
