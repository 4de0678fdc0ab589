"""Findings about who a claim is attributed to: anonymous, or an unnamed authority.

Rules are narrow on purpose: a fact-checker's tool must not cry wolf. Each finding is decided
on the attribution layer:

* **anonymous** only when the text itself withholds the source ("sources said", "it is
  understood that", "news is coming that", "reportedly"), never because the extractor failed to
  find a subject ("was charged with", "is expected to", "Asked if …"): a missing source is an
  extraction gap, not a property of the article;
* **vague** only for an unnamed *authority* ("officials", "experts", "analysts") or an
  institution the text does not pin down ("a Western intelligence agency", "authorities"); a
  qualified institution ("Ukraine's armed forces", "Russian prosecutors", "the ministry") can be
  called and checked, an ordinary bystander ("a Ukrainian man") is not an authority at all;
* nothing nested in a named speaker's own quotation (the claim is that speaker's), and no
  question ("Asked whether …") is a claim.

One notice per vague source per article, with every place it is cited (``Finding.also``), and a
message that states only what is true of those places (it never says a date is missing: times
are often relative, "afterward", or in the next sentence).
"""

from __future__ import annotations

import re

from ..extract.attribution.anonymous import WITHHELD
from ..model import Analysis, Attribution, Finding, Span
from .context import SourcingContext, sentence_bounds, source_phrase
from .media import credited_caption

AUTHORITY_HEADS = frozenset(
    "official officials expert experts analyst analysts insider insiders diplomat diplomats investigator "
    "investigators authorities scientists researchers doctors observers critics lawmakers legislators groups "
    "campaigners activists aides aide advisers adviser advisors advisor commentators commentator pundits "
    "senators strategists operatives general generals commander commanders scholars academics historians".split()
)
# "critics of the Kremlin": the named body is who they criticise, not who they are
OBJECT_HEADS = frozenset("critics opponents supporters detractors backers defenders".split())
# an unnamed poll, survey or data set carrying a figure: "according to one recent poll", "data showed"
DATA_HEADS = frozenset("poll polls survey surveys study studies data figures statistics estimates".split())
# Words that make an unnamed institution unverifiable: "a Western intelligence agency".
VAGUE_MARKERS = frozenset(
    "intelligence security spy secret western unnamed unidentified certain some several various".split()
)
INDEFINITE = frozenset({"a", "an", "some", "one", "several", "certain"})
DETERMINERS = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her", "our"})
# The writer's own inference ("he apparently believed") or legal caution about a charge whose
# accuser is named nearby ("allegedly stole"): not an anonymous source. Judged wrong on real news.
WRITER_ADVERBS = frozenset({"apparently", "ostensibly", "seemingly", "allegedly"})
QUESTION_CUES = ("ask", "wonder", "question")
SPOKES = frozenset({"spokesperson", "spokesman", "spokeswoman", "spokespeople", "spokespersons", "representative"})
POSSESSIVE = re.compile(r"\w[’']s\b")
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,5}\b")
PLACE_INITIALS = frozenset({"US", "USA", "UK", "EU", "UAE", "DC", "UN"})
PRONOUNS = frozenset("he she they it we i you him her them who which one".split())


def clip(text: str, limit: int = 100) -> str:
    """Shorten at a word boundary, marked with an ellipsis, so a quote is never cut mid-word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def attribution_span(a: Attribution) -> tuple[int, int]:
    src = source_phrase(a)
    points = [a.cue.start, a.cue.end] + ([src.start, src.end] if src else [])
    return min(points), max(points)


def source_words(a: Attribution) -> str:
    """Who the source is, as written, up to an apposition the extractor ran into it ("a senior
    leadership aide, a motion that would …" → "a senior leadership aide")."""
    src = source_phrase(a)
    phrase = a.source_name or (src.text if src else "")
    return re.split(r",\s+(?:a|an|the)\s", phrase, maxsplit=1)[0]


def _words(a: Attribution) -> list[str]:
    return [w.strip(",.’'").lower() for w in source_words(a).split()]


def is_question(a: Attribution) -> bool:
    return a.cue.text.lower().lstrip().startswith(QUESTION_CUES)


# A demand, a vote or a verdict on something is a public act the writer reports, not a factual
# claim passed on: "many legislators called for a special session", "senators rejected requests
# for subpoenas", "groups praised the ruling", "senior officials urge caution". Whoever they are,
# there is no statement of fact to trace back to them (each judged wrong as a vague source).
AUXILIARIES = frozenset("had have has having is are was were be been being will would also further did does do "
                        "could".split())
# "An aide did not immediately answer", "declined to comment": no answer is no claim
NO_ANSWER = frozenset({"not", "n't", "didn't", "didn’t", "declined", "refused", "never"})
NEGATED = re.compile(r"\b(?:not|never|n[’']t)\s+$", re.I)
NON_ASSERTIVE = re.compile(
    r"(?:urg|demand|request|plead|pled|appeal|petition|vot|approv|endors|reject|prais|welcom|applaud|hail|"
    r"condemn|denounc|decr[iy]|lauded|laud|critici[sz]"
    # an intention announced ("a voting group plans to text 1 million voters") is news of a plan,
    # not a statement of fact resting on the group
    r"|plan|intend|seek|sought|aim|hope|want"
    # an attitude voiced ("activists, who expressed alarm over …", "are wary of"): a stance, not
    # a fact passed on (judged wrong with the speaker named in the next paragraph)
    r"|express|voic|wary|skeptic|sceptic|worr|fear|alarm|optimis|pessimis)", re.I)
CALL_FOR = re.compile(r"\s*(?:for|on)\b", re.I)


# a content that is only a relative pronoun ("noted which local officials were praising or
# criticizing him"): the clause around it is the claim, and it is someone else's
EMPTY_CONTENT = frozenset({"which", "who", "whom", "that", "what", "it", "him", "her", "them"})


ASPECT = re.compile(r"(?:continu|kept|keep|beg[au]n|begin|start)\w*$")


def non_assertive(a: Attribution, text: str) -> bool:
    """The cue reports an act (a demand, a vote, praise or blame), not an assertion of fact."""
    if a.content.text.strip(" ,.").lower() in EMPTY_CONTENT:
        return True
    words = [w for w in a.cue.text.lower().split() if w not in AUXILIARIES]
    while len(words) > 2 and ASPECT.match(words[0]) and words[1] == "to":
        words = words[2:]  # "have continued to call for": the act is the verb after "to"
    if len(words) > 1 and words[0] == "to":
        words = words[1:]  # the cue "to call for" of "… have continued to call for"
    if not words:
        return False
    if words[0] in NO_ANSWER or NEGATED.search(text, max(0, a.cue.start - 12), a.cue.start):
        return True
    if re.match(r"call(?:s|ed|ing)?$", words[0]) and a.source is not None \
            and re.search(r"\bwhat\s+$", text[max(0, a.source.start - 8):a.source.start], re.I):
        return True  # "what scholars of Russian politics call a “systemic liberal”": a term, not a claim
    if re.match(r"call(?:s|ed|ing)?$", words[0]):
        return len(words) > 1 and words[1] in ("for", "on") or CALL_FOR.match(text, a.cue.end) is not None
    return NON_ASSERTIVE.match(words[0]) is not None


def explicitly_anonymous(a: Attribution) -> bool:
    """The article withholds the source, as opposed to the extractor not finding one."""
    if a.source_type != "anonymous" or is_question(a):
        return False
    if a.source is not None:
        return True  # "sources said", "a source at one of the firms told": typed from the words
    cue = a.cue.text.lower().strip()
    if cue.endswith("known"):
        return False  # "it is known that": the writer's framing of public knowledge
    if cue == "supposedly" and re.match(r"(?:supposedly\s+)?\w+ing\b", a.content.text.strip(), re.I):
        return False  # "the thankless role of supposedly heading the task force": the writer's irony
    return WITHHELD in a.reason and cue not in WRITER_ADVERBS  # rumour, impersonal passive, hearsay adverb


def _next_sentence_end(text: str, s1: int) -> int:
    """Where the sentence after the one ending at ``s1`` ends; when it opens a quotation, where
    that paragraph ends, since the quotation's speaker is named at its end ("“It's a good day.
    We want great days,” Mayor X said")."""
    _, s2 = sentence_bounds(text, min(s1 + 1, len(text) - 1))
    opening = text[s1:s2].strip()[:1]
    if opening and opening in "“\"":
        end = text.find("\n", s2)
        s2 = len(text) if end < 0 else end
    return s2


def _named_next(a: Attribution, ctx: SourcingContext, labels: tuple[str, ...] = ("PERSON",)) -> bool:
    """A single unnamed speaker introduced, then named in the next sentence ("One western analyst
    said … Nick Reynolds, of Rusi, said …"): the writer's own way of naming them."""
    _, s1 = sentence_bounds(ctx.text, a.cue.start)
    s2 = _next_sentence_end(ctx.text, s1)
    if labels == ("PERSON",):
        # the named person must speak there: "Nick Reynolds, of Rusi, said", not any name mentioned
        # (a quotation opening in the next sentence counts: "“It's a good day. …,” Mayor X said")
        return any(b.source_type == "named_person" and b.source is not None and s1 <= b.source.start
                   and s1 <= min(b.source.start, b.content.start) < s2
                   and any(e.label == "PERSON" for e in ctx.entities.inside(b.source.start, b.source.end))
                   for b in ctx.attributions)
    return any(e.label in labels for e in ctx.entities.starting_in(s1, s2))


# "the Coalition Against Surprise Medical Billing": a capitalised name the recogniser may miss
CAPITALISED_NAME = re.compile(r"^(?:the\s+)?(?-i:[A-Z])[\w&.’'-]*(?:\s+(?:of|for|on|and|against|the|[A-Z][\w&.’'-]*)){1,7}$",
                              re.I)


def _org_named_next(a: Attribution, ctx: SourcingContext) -> bool:
    """One unnamed organisation introduced, then speaking by name in the next sentence (or the
    quotation paragraph it opens): "A lobbying group … raised concerns … . “…,” the Coalition
    Against Surprise Medical Billing said" — the writer's way of naming it (judged wrong as vague)."""
    _, s1 = sentence_bounds(ctx.text, a.cue.start)
    s2 = _next_sentence_end(ctx.text, s1)
    return any(b is not a and b.source_type in ("named_org", "named_person") and b.source is not None
               and s1 <= b.source.start and s1 <= min(b.source.start, b.content.start) < s2
               and _names_organisation(b, ctx) for b in ctx.attributions)


def _names_organisation(b: Attribution, ctx: SourcingContext) -> bool:
    """``b``'s source is an organisation's name (a recognised ORG and no person, or a capitalised
    name of three words or more that the recogniser missed), not a person who may answer it."""
    assert b.source is not None
    ents = ctx.entities.inside(b.source.start, b.source.end)
    if any(e.label == "PERSON" for e in ents):
        return False
    return any(e.label == "ORG" for e in ents) or (
        CAPITALISED_NAME.match(b.source.text.strip()) is not None and len(b.source.text.split()) >= 3)


# groups whose members speak on the record: the writer quotes one of them by name right after
PUBLIC_BODIES = frozenset("lawmakers legislators senators groups observers".split())
# "…, but Sen. Claire McCaskill said": the named speaker answers the group, not one of it
CONTRAST = re.compile(r"\b(?:but|however|though|although|while|meanwhile|disagreed|countered)\b", re.I)


def _exemplified(a: Attribution, ctx: SourcingContext, sentences: int = 2) -> bool:
    """Lawmakers or advocacy groups ("Democratic lawmakers complained", "civil rights groups
    praised") followed within ``sentences`` sentences by a named person speaking, with no
    contrast between: the writer names the group's voice right after (judged wrong as a vague
    source each time). Not for analysts or critics, whose next named speaker is often a reply.
    A quotation opening inside the window counts even when its "…, Wyden said" closes later."""
    text = ctx.text
    end = sentence_bounds(text, a.cue.start)[1]
    for _ in range(sentences):
        while end < len(text) and text[end].isspace():
            end += 1
        if end >= len(text):
            break
        end = sentence_bounds(text, end)[1]
    return any(b is not a and b.source_type == "named_person" and a.cue.end <= b.cue.start
               and a.cue.end <= min(b.cue.start, b.content.start) < end
               and not CONTRAST.search(text, a.cue.end, min(b.cue.start, b.content.start)) for b in ctx.attributions)


# Speakers whose office does not make them traceable: an unnamed official of a named government.
GOVERNMENT_HEADS = frozenset("official officials aide aides adviser advisers advisor advisors diplomat diplomats "
                             "insider insiders authorities".split())
PREPOSITIONS = frozenset({"in", "of", "at", "from", "for", "with", "on", "to", "who", "that", "close", "familiar",
                          # participles and negations that start a post-modifier: "a campaign aide not
                          # authorized to speak", "one official involved in crafting the budget"
                          "not", "involved", "briefed", "authorized", "authorised", "knowledgeable",
                          # "a lobbying group representing insurers and business groups" → group
                          "representing", "working", "including", "based", "backed", "funded", "linked",
                          "tied", "allied", "affiliated", "opposed", "seeking", "advocating", "which"})


def _body_start(ctx: SourcingContext) -> int:
    body = ctx.title_end
    while body < len(ctx.text) and ctx.text[body].isspace():
        body += 1
    return body


def _paragraphs_after(text: str, pos: int, n: int) -> int:
    """Where the ``n``-th paragraph counted from the one holding ``pos`` ends (blank lines skipped)."""
    end = pos
    for _ in range(n):
        nxt = text.find("\n", end + 1)
        while nxt >= 0 and not text[end + 1:nxt].strip():
            nxt = text.find("\n", nxt + 1)
        end = len(text) if nxt < 0 else nxt
    return end


def _lede_with_named_below(pos: int, ctx: SourcingContext, paragraphs: int = 2) -> bool:
    """``pos`` is in the article's opening paragraphs (the summary a wire or live story opens
    with) and named people or bodies are cited below them."""
    body = _body_start(ctx)
    end = _paragraphs_after(ctx.text, body, paragraphs)
    return body <= pos < end and any(b.source_type in ("named_person", "named_org") and b.cue.start >= end
                                     for b in ctx.attributions)


def _lede_summary(a: Attribution, ctx: SourcingContext, paragraphs: int | None = None) -> bool:
    """"Officials said" in the article's first paragraph, with named sources further down: the
    lede summarises what the body attributes by name (judged wrong every time on real news).
    With ``paragraphs``, a single "top Ukrainian official" of the lede must be named within that
    many paragraphs below (the writer's "…, says top official" then "Oleksiy Danilov said")."""
    body = _body_start(ctx)
    end = _paragraphs_after(ctx.text, body, 1)
    if not body <= a.cue.start < end:
        return False
    limit = len(ctx.text) if paragraphs is None else _paragraphs_after(ctx.text, end, paragraphs)
    kinds = ("named_person",) if paragraphs is not None else ("named_person", "named_org")
    return any(b.source_type in kinds and end <= b.cue.start < limit for b in ctx.attributions)


# "the president's claim that intelligence officials informed him": the officials are part of
# what someone else claims, not the article's source
CLAIMED_BY_OTHER = re.compile(r"\b(?:claim|claims|assertion|allegation|account|suggestion|insistence|argument|"
                              r"contention|statement)\s+that\s+$"
                              # "political chat shows where pundits support …": a scene described, not a source
                              r"|\b(?:where|in\s+which)\s+$", re.I)


# a counted group opens the coordination: "two White House officials and Republicans close to …"
# ("Ukrainian officials and fighters claimed …" is a summary whose speakers come next)
COUNTED = frozenset("a an one two three four five several some many various numerous".split())


def _head(words: list[str]) -> str:
    """The noun before any post-modifier: "officials in Ankara" → officials; "one of the most
    senior US officials in the Pacific" → officials; "two White House officials and Republicans
    close to the West Wing" → officials (the first of coordinated speakers)."""
    if len(words) > 2 and words[0] in ("one", "some", "many", "several", "two", "three") and words[1] == "of":
        words = words[2:]
    if "and" in words[1:] and words[0] in COUNTED:
        first = words[:words.index("and", 1)]
        if first[-1] in AUTHORITY_HEADS and not set(first[1:]) & PREPOSITIONS and not any(w.endswith(",") for w in first):
            return first[-1]
    for i, w in enumerate(words):
        if w in PREPOSITIONS and i > 0:
            return words[i - 1]
    return words[-1]


# "…have reportedly been killed near Kherson, Ukraine's military is reporting.": a progressive
# reporting clause at the end of the sentence, which the extractor does not parse as a speaker.
TRAILING_SOURCE = re.compile(
    r",\s+(?:the\s+)?[A-Z][\w’'‘.-]*(?:\s+[\w’'‘.-]+){0,6}?\s+(?:is|are|was|were)\s+(?:reporting|saying|claiming)"
    r"\s*[.!]?[”\"]?\s*$"
)


# "They said it is believed that …": the impersonal passive is what somebody said
REPORTED_BEFORE = re.compile(r"\b(?:said|says|say|told\s+\w+|added|stated|explained|noted|believes?|thinks?)\s+"
                             r"(?:that\s+)?$", re.I)


# "In New York City, officials report …": the place opening the sentence says whose officials
LOCATED = re.compile(r"\s*In\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}\s*,\s*$")
RELATIVE = re.compile(r"\s(?:who|that|which|whom)\s", re.I)


def _located(a: Attribution, src: Span, ctx: SourcingContext) -> bool:
    """Officials whose place opens the sentence ("In New York City, officials report …"); with
    a named person speaking in the next sentence (the mayor), the writer has said who they are."""
    s0, _ = sentence_bounds(ctx.text, src.start)
    s0 = max(s0, ctx.text.rfind("\n", 0, src.start) + 1)  # a paragraph with no full stop before it
    return LOCATED.fullmatch(ctx.text, s0, src.start) is not None


# "According to The Hill, Obama told senators … . The president reportedly told them …": a
# hearsay adverb continuing the credit the sentence before gives a named outlet or person
CREDIT_CUE = re.compile(r"\baccording\s+to\b|\breport", re.I)


def _continues_credit(a: Attribution, ctx: SourcingContext) -> bool:
    if a.source is not None or a.cue.text.strip().lower() != "reportedly":
        return False
    s0, s1 = sentence_bounds(ctx.text, a.cue.start)
    if s0 == 0:
        return False
    p0, _ = sentence_bounds(ctx.text, max(0, s0 - 2))
    if any(b.source is not None and b.source_type in ("named_org", "named_person")
           and p0 <= b.cue.start < s0 and CREDIT_CUE.search(b.cue.text) for b in ctx.attributions):
        return True
    # "… were reportedly stunned. “No need for this,” Jason Fritz, a graduate, told the Washington
    # Post.": the next sentence of the paragraph gives the report, a named person speaking to an outlet
    n1 = _next_sentence_end(ctx.text, s1)
    return any(b.source is not None and b.source_type == "named_person" and s1 <= b.cue.start < n1
               and TOLD_OUTLET.match(ctx.text, b.cue.start) for b in ctx.attributions)


TOLD_OUTLET = re.compile(r"told\s+(?:the\s+)?(?-i:[A-Z])[\w.’'-]*(?:\s+(?-i:[A-Z])[\w.’'-]*)*\s*[.,]", re.I)


def _named_in_sentence(a: Attribution, attributions: list[Attribution], ctx: SourcingContext) -> bool:
    """A hearsay adverb whose source the same sentence names ("…reportedly hit the depot, the
    army's southern command said"), or an impersonal passive reported by a speaker before it
    ("They said it is believed that …")."""
    if a.source is not None:
        return False
    s0, s1 = sentence_bounds(ctx.text, a.cue.start)
    if TRAILING_SOURCE.search(ctx.text[a.cue.end:s1]) or REPORTED_BEFORE.search(ctx.text, s0, a.cue.start):
        return True
    return any(b is not a and b.source is not None and b.source_type != "anonymous"
               and s0 <= b.cue.start < s1 for b in attributions)


def is_vague(a: Attribution, ctx: SourcingContext) -> bool:
    """Unnamed *and* unidentifiable: "a British intelligence agency", "officials", "experts".

    Not vague: an owner named in the possessive ("JP Morgan's analysts", "the group's
    researchers"), a definite back-reference ("the officials", whose first mention carries the
    notice), a spokesperson (speaks for the institution named around them), a single speaker named
    in the next sentence, a capitalised name ("a U.S. Campaign to Ban Landmines"), a role in a
    court case ("prosecutors")."""
    src = source_phrase(a)
    if src is None or is_question(a):
        return False
    words = _words(a)
    if a.source_type in ("document", "descriptive_person") and words and words[-1].rstrip("s") in ("poll", "survey", "study") \
            or words and _head(words) in DATA_HEADS:
        return _unnamed_data(a, src, words, ctx)
    if a.source_type not in ("descriptive_org", "descriptive_person"):
        return False
    # an owner in the possessive ("the group's researchers"), not a possessive inside a relative
    # clause ("three aides who … discuss the president's deliberations")
    if not words or set(words) & SPOKES or POSSESSIVE.search(RELATIVE.split(src.text, 1)[0]):
        return False
    if src.text.strip().lower() in PRONOUNS:
        return False  # "he said": the notice, if any, sits on the mention the pronoun stands for
    if src.text.split()[0].lower() in DETERMINERS and a.source_name and a.source_name != src.text:
        return False  # "the group said", resolved to "a voting advocacy group": the first mention decides
    if words[0] in ("the", "these", "those") and a.source_type == "descriptive_person":
        return False
    if a.source_type == "descriptive_person":
        if any(e.label == "PERSON" and not LINKING.search(ctx.text, src.start, e.start)
               for e in ctx.entities.starting_in(src.start, a.cue.start)):
            return False  # "experts Jack Watling and Nick Reynolds noted": named right there
            # (not "an adviser to Volodymyr Zelenskiy": the name is whom they advise)
        # "Senior Kremlin officials", "a Pentagon official": the office is named, the speaker is not
        head = _head(words)
        if head not in AUTHORITY_HEADS:
            return False
        if head not in GOVERNMENT_HEADS | OBJECT_HEADS and ctx.named_in(src.start, src.end):
            return False  # "analysts at JP Morgan": the bank's note can be found; an unnamed official cannot
        if head.endswith("s"):
            # not "named in the next sentence" for unnamed officials: "Western diplomats say … . At a
            # plenary session, Antony Blinken urged …" names one speaker, not who the diplomats were;
            # but lawmakers and advocacy groups act in public, and the writer's next quote is theirs
            return not (_lede_summary(a, ctx) or head in PUBLIC_BODIES and _exemplified(a, ctx)
                        or _located(a, src, ctx) and _named_next(a, ctx))
        return not (_named_next(a, ctx) or _lede_summary(a, ctx, paragraphs=3))
    name = (a.source_name or src.text).split()
    if name[-1][:1].isupper() and len(name) > 1:
        return False  # a proper name the entity recogniser missed
    if ctx.named_in(src.start, src.end):
        return False  # "a three-judge panel of the 5th Circuit" names who it is
    if _head(words) in ("court", "courts", "tribunal"):
        return False  # "A Moscow court said", "a federal court ruled": a ruling is a public record
    if a.source_type == "descriptive_org" and any(m not in PLACE_INITIALS for m in ACRONYM.findall(src.text)):
        return False  # "Russia's FSB security service", "the SBU": an agency named by its initials
    if not _head(words).endswith("s") and _org_named_next(a, ctx):
        return False  # "A lobbying group … raised concerns. “…,” the Coalition Against X said": named next
    if set(words) & VAGUE_MARKERS or words[0] in INDEFINITE:
        return True
    # "authorities said": which? Unless the next sentence names the agency ("… the Georgia
    # Bureau of Investigation said"), the writer's own way of pinning them down.
    return words == ["authorities"] and not _named_next(a, ctx, ("ORG",)) and not _lede_summary(a, ctx)


LINKING = re.compile(r"\b(?:to|of|for|at|in|with|from|under|close\s+to)\b", re.I)


def _unnamed_data(a: Attribution, src: Span, words: list[str], ctx: SourcingContext) -> bool:
    """"According to one recent poll", "data showed", "Exit polls found": a figure from a poll or
    data set the article does not name (no pollster, publisher or named body in the words).
    "The poll" refers back to one named before; "the latest Fox News poll" names its owner."""
    if words[0] in ("the", "this", "that", "these", "those", "its", "their", "his", "her") or POSSESSIVE.search(src.text):
        return False
    if ctx.named_in(src.start, src.end) or any(w[:1].isupper() for w in src.text.split()[1:]):
        return False
    return not _named_next(a, ctx, ("ORG",))


def _vague_message(who: str, a: Attribution, places: list[Attribution], ctx: SourcingContext) -> str:
    words = _words(a)
    # the noun the phrase is about, before its author: "a report by a watchdog agency issued last
    # month" does not say which *report* (not "which month")
    head = _head(words[:words.index("by", 1)] if "by" in words[1:] else words) if words else ""
    data = bool(words) and (_head(words) in DATA_HEADS or head.rstrip("s") in ("poll", "survey", "study"))
    lead = (f"“{who}” does not name the pollster, publisher or body behind it" if data
            else f"“{who}” does not say which {head}" if a.source_type == "descriptive_org"
            else f"“{who}” does not name who is speaking")
    # No "and no date is given": the time is often relative ("aides told reporters afterward")
    # or in a neighbouring sentence, and a message must state only what is true of the span.
    n = len(places)
    count = f" It carries {n} claims in this article." if n > 1 else ""
    return f"{lead}, so the claim cannot be traced to who made it.{count}"


# The text says outright that the speaker is withheld, whatever the extractor made of the sentence.
ANONYMITY = re.compile(
    r"\b(?:on|under)\s+(?:the\s+)?condition\s+(?:o[fn]\s+anonymity|of|that\s+(?:he|she|they)\s+not\s+be\s+named)"
    r"|\b(?:not\s+authori[sz]ed|unauthori[sz]ed)\s+to\s+(?:speak|discuss|comment|talk)\b"
    # the formulas of unnamed sourcing: "people briefed on the matter", "sources with knowledge of"
    r"|\b(?:people|persons|person|sources?|officials?|someone)\s+(?:familiar\s+with|briefed\s+on|"
    r"with\s+(?:direct\s+|firsthand\s+)?knowledge\s+of)\b"
    r"|\bspeaking\s+anonymously\b"
    r"|\bwho\s+(?:asked|requested|declined|did\s+not\s+want|didn[’']t\s+want)\s+(?:not\s+)?to\s+be\s+(?:named|identified)"
    r"|\b(?:unnamed|anonymous|unidentified)\s+(?:[\w’'-]+\s+){0,3}?(?:source|sources|official|officials|person|people|"
    r"fighter|fighters|soldier|soldiers|diplomat|diplomats|officer|officers|employee|employees|aide|aides|insider|"
    r"insiders|member|members)\b",
    re.IGNORECASE)
# Passive hearsay with no agent: "is alleged to have", "are understood to be", "were reported killed".
PASSIVE_HEARSAY = re.compile(
    r"\b(?:is|are|was|were|(?:has|have|had)\s+(?:recently\s+|also\s+|widely\s+)?been)\s+"
    r"(?:widely\s+|also\s+|now\s+|being\s+|recently\s+)?"
    r"(?:(?:said|rumou?red|understood|believed|thought)\s+to\s+[a-z]+\b|reported\s+to\s+(?:be|have)\b"
    r"|(?:said|reported|rumou?red|understood|believed|thought)\s+"
    r"(?:killed\b|dead\b|missing\b|injured\b|wounded\b|captured\b)"
    # "Strikes were also reported in Kharkiv", "attacks have recently been reported.": nobody reports them
    r"|reported\b(?=\s*[.,;]|\s+(?:in|near|at|across|around|overnight|on)\b)"
    r"|rumou?red\b)",
    re.IGNORECASE)
# a clause that only times the sentence's claim: "As … the first detonations were reported, …"
TIMING = re.compile(r"\s*(?:As|While|When|After|Before|Once|Just\s+as)\b[^,;]*$")
# Hearsay as a noun, with no one it comes from: "amid claims that …", "there is widespread
# speculation that …", "play down reports that …"
NOMINAL_HEARSAY = re.compile(
    r"\b(?:amid|despite|following|after|down|deny|denied|dismissed)\s+"
    r"(?:(?:some|growing|widespread|persistent|periodic|repeated|new|recent|the)\s+)*"
    r"(?:claims|suggestions|reports|speculation|rumou?rs|allegations|accusations)\s+that\b"
    r"|\bthere\s+(?:is|was|has\s+been)\s+(?:\w+\s+)?speculation\s+that\b",
    re.IGNORECASE)
_AGENT = re.compile(r"^[^.;]{0,40}\bby\s+[A-Z]")


def _withheld_findings(analysis: Analysis, ctx: SourcingContext, covered: list[tuple[int, int]]) -> list[Finding]:
    """Anonymity stated in words ("speaking on condition of anonymity", "an unnamed official")
    and agentless passive hearsay ("is alleged to have"), in sentences no other sourcing finding
    already covers and that name no speaker of their own."""
    text = analysis.article.text
    out: list[Finding] = []
    by_cue = sorted(analysis.attributions, key=lambda a: a.cue.start)
    for regex, what in ((ANONYMITY, "the article says the source is withheld"),
                        (PASSIVE_HEARSAY, "the passive names nobody who says so"),
                        (NOMINAL_HEARSAY, "nobody is named as the one who claims it")):
        for m in regex.finditer(text):
            s0, s1 = sentence_bounds(text, m.start())
            if ctx.in_title(m.start()) or any(s0 <= c0 < s1 or s0 < c1 <= s1 for c0, c1 in covered):
                continue
            inside = [a for a in by_cue if s0 <= a.cue.start < s1]
            if any(ctx.enclosing_speaker(a) is not None for a in inside) or ctx.in_named_quote(m.start()):
                continue
            if regex is PASSIVE_HEARSAY and TIMING.match(text, s0, m.start()):
                continue  # "As Putin was speaking and the first detonations were reported, the council …"
            if regex is PASSIVE_HEARSAY and "report" in m.group(0).lower() and _lede_with_named_below(m.start(), ctx):
                continue  # "a fresh wave of civilian deaths were reported" at the top, the governors named below
            if regex is not ANONYMITY and (_AGENT.match(text, m.end()) or any(
                    a.source is not None and a.source_type != "anonymous" for a in inside)):
                continue  # "was reported killed by the ministry", "officials said he is believed to …"
            covered.append((s0, s1))
            claim = clip(text[s0:s1].strip(), 100)
            out.append(Finding(
                kind="anonymous_source", severity="warning", start=m.start(), end=m.end(), about=None,
                message=f"“{claim}” rests on an anonymous source: {what} (“{' '.join(m.group(0).split())}”).",
            ))
    return out


# words that say how many or which, not who: "one official", "the source", "senior officials"
NOT_WHO = frozenset("a an the this that these those one two three four some several many other others more "
                    "senior top another same".split())


def _group_key(phrase: str) -> str:
    """"a source familiar with the talks", "the source", "sources" → "source": one anonymous
    source per article, however the writer refers back to it."""
    words = [w.strip(",.’'").lower() for w in phrase.split()]
    head = _head(words) if words else ""
    return head[:-1] if head.endswith("s") and not head.endswith("ss") else head


def _who(phrase: str) -> frozenset[str]:
    """The words of a source phrase that say who (not how many): "one official" → {official},
    "Senior UN officials" → {un, official}."""
    words = [w.strip(",.’'").lower() for w in phrase.split()]
    return frozenset(w[:-1] if w.endswith("s") and not w.endswith("ss") else w
                     for w in words if w and w not in NOT_WHO)


BACK_REFERENCE = frozenset({"the", "this", "that", "these", "those", "one"})
# one unnamed individual, whatever the writer calls them on first mention
GENERIC_SOURCES = frozenset("source person insider individual".split())


def _add_to_group(groups: dict[str, list[Attribution]], a: Attribution, name: str) -> None:
    """One notice per unnamed source: a later mention joins an earlier one when it says nothing
    new about who (its qualifiers are among the earlier ones) and either repeats them or refers
    back ("the source", "one official" after "western officials"; "senior UN officials" after
    "UN officials"). "A Canadian security source" after "sources" is a different source."""
    who = _who(name)
    # "Critics" after "Critics of birthright citizenship": a group defined by its stance, named
    # bare, is the same group (a bare "officials" after "western officials" may be others)
    bare = len(name.split()) == 1 and name.lower() in OBJECT_HEADS
    back = (name.split()[0].lower() in BACK_REFERENCE or bare) if name.split() else False
    for key, places in groups.items():
        first = places[0]
        earlier = _who(source_words(first))
        if who and _group_key(name) == _group_key(key) and (who == earlier or back and who <= earlier):
            places.append(a)
            return
    words = name.lower().split()
    if len(words) == 2 and words[0] in ("the", "this", "that") and words[1] in GENERIC_SOURCES and groups:
        # "The source also dismissed …" after "said one person familiar with their interactions":
        # a bare definite "the source" is the unnamed source just cited, whatever it was called
        singular = [ps for ps in groups.values() if _head(_words(ps[0])) in GENERIC_SOURCES]
        if singular:
            max(singular, key=lambda ps: ps[-1].cue.start).append(a)
            return
    groups[name.lower()] = [a]


def sourcing_findings(analysis: Analysis, ctx: SourcingContext | None = None) -> list[Finding]:
    ctx = ctx or SourcingContext(analysis)
    out: list[Finding] = []
    vague: dict[str, list[Attribution]] = {}
    anonymous: dict[str, list[Attribution]] = {}
    for a in analysis.attributions:
        if ctx.enclosing_speaker(a) is not None or ctx.in_title(a.cue.start) or ctx.in_caption(a.cue.start):
            continue  # inside a named speaker's quotation (the claim is that speaker's), or the headline
        s0, _ = sentence_bounds(ctx.text, a.cue.start)
        src = source_phrase(a)
        if src is not None and CLAIMED_BY_OTHER.search(ctx.text[max(s0, src.start - 60):src.start]):
            continue
        if non_assertive(a, ctx.text):
            continue  # a demand, a vote, praise or blame: no statement of fact to trace
        if explicitly_anonymous(a) and not _named_in_sentence(a, analysis.attributions, ctx) \
                and not _continues_credit(a, ctx) \
                and not credited_caption(ctx.text, a.cue.start):  # "… purportedly taken by X/Reuters"
            if a.source is not None:
                _add_to_group(anonymous, a, a.source_name or a.source.text)
                continue
            start, end = attribution_span(a)
            out.append(Finding(
                kind="anonymous_source", severity="warning", start=start, end=end, about=a.id,
                message=f"“{clip(a.content.text)}” is passed on anonymously: no source is given (cue: “{a.cue.text}”).",
            ))
        elif is_vague(a, ctx):
            _add_to_group(vague, a, source_words(a))
    for places in anonymous.values():
        first, n = places[0], len(places)
        out.append(_grouped("anonymous_source", places,
                            f"“{clip(first.content.text)}” is passed on anonymously: “{first.source.text}” does not "  # type: ignore[union-attr]
                            f"identify who speaks (cue: “{first.cue.text}”)."
                            + (f" It carries {n} claims in this article." if n > 1 else "")))
    covered = [(f.start, f.end) for f in out] + [attribution_span(p) for ps in anonymous.values() for p in ps[1:]] \
        + [attribution_span(p) for ps in vague.values() for p in ps]
    out += _withheld_findings(analysis, ctx, covered)
    for places in vague.values():
        out.append(_grouped("vague_source", places, _vague_message(source_words(places[0]), places[0], places, ctx)))
    return out


def _grouped(kind: str, places: list[Attribution], message: str) -> Finding:
    """One warning for every place an unnamed source is cited: the first place, the rest in ``also``."""
    start, end = attribution_span(places[0])
    return Finding(kind=kind, severity="warning", start=start, end=end, about=places[0].id, message=message,
                   also=[list(attribution_span(p)) for p in places[1:]])
