"""Findings about images, video and reports whose authenticity the article does not establish.

Three things a fact-checker reads differently:

* **Unverified-media language** (``unverified_media``). "Images purported to show …",
  "unconfirmed reports", "unverified footage" are *flags*: the claim rests on material nobody
  has authenticated (severity warning). "… could not be independently verified" is *good
  practice* — the outlet discloses that it could not check — but the claim it qualifies is
  still unverified, so it is reported as information (severity info) pointing at exactly what
  needs checking, and its message credits the disclosure instead of blaming the article.
* **Media of unknown origin** (``media_origin_unverified``): a video or image said to
  circulate on a platform, or "footage showed …", with nobody named as who filmed, posted,
  released or verified it.

Captions and credits ("Photograph: …", "FILE PHOTO:") are not claims about media and never fire.
"""

from __future__ import annotations

import re

from ..model import Analysis, Finding
from .context import SourcingContext, sentence_bounds
from .nearby import ByStart

MEDIA_NOUNS = re.compile(
    r"\b(video|videos|footage|clip|clips|photo|photos|photograph|photographs|image|images|picture|pictures"
    r"|recording|recordings)\b(?!-)", re.I)
# the media item is being used as evidence: it circulates, is shared, shows something
CIRCULATES = re.compile(r"\b(?:circulat\w*|posted|shared|show(?:s|ed|ing)?|appear(?:s|ed)?\s+to\s+show|went\s+viral|"
                        r"emerged|surfaced|purport\w*|depict\w*|captur\w*)\b", re.I)
FLAG = re.compile(
    r"\b(?:purport(?:s|ed|edly)?\s+(?:to\s+)?show(?:s|ed|ing)?|purportedly\b"
    r"|unconfirmed\s+(?:reports?|claims?|accounts?|footage|videos?|images?)"
    r"|unverified\s+(?:reports?|claims?|footage|videos?|images?|photos?|accounts?))",
    re.I)
DISCLOSURE = re.compile(
    r"\b(?:could\s+not|cannot|can\s*not|couldn[’']t|can[’']t|was\s+unable\s+to|were\s+unable\s+to"
    r"|has\s+not\s+been\s+able\s+to|have\s+not\s+been\s+able\s+to)\s+(?:be\s+)?(?:immediately\s+)?"
    r"(?:independently\s+)?(?:verif(?:y|ied)|confirm(?:ed)?|authenticat(?:e|ed))"
    r"|\bhas\s+not\s+been\s+(?:independently\s+)?(?:verified|confirmed|authenticated)"
    r"|\bhave\s+not\s+been\s+(?:independently\s+)?(?:verified|confirmed|authenticated)",
    re.I)
# the speaker reporting their own inability: "said he could not confirm", "they were unable to"
SELF_SUBJECT = re.compile(r"\b(?:he|she|they|we|it|officials?)\s+$", re.I)
SHOWED = re.compile(r"\b(?:footage|video|videos|images|photos|photographs|pictures|clips?|film)\s+(?:\w+\s+){0,3}?"
                    r"(?:showed|shows|appeared\s+to\s+show|appear\s+to\s+show)\b", re.I)
# who made or released it: "posted by", "provided to the Guardian", "posted on his Telegram channel";
# not "posted on social media" or "released on Monday", which name nobody
ORIGIN = re.compile(
    r"\b(?:posted|released|published|shared|obtained|provided|filmed|taken|captured|recorded|verified|"
    r"geolocated|distributed|broadcast|aired|issued)\s+(?:online\s+|first\s+|later\s+)?"
    r"(?:by\b|to\s+(?:the\s+)?(?-i:[A-Z])|on\s+(?:his|her|their|its)\b|on\s+(?:the\s+)?(?-i:[A-Z])[\w.-]*[’']s\b)"
    r"|\bcourtesy\s+of\b|@\w", re.I)
# a named poster in the active voice: "<organisation or person> … posted the footage"
POSTED = re.compile(r"\b(?:posted|released|published|shared|uploaded|filmed|recorded|tweeted)\b", re.I)
# a sentence opening with a name the recogniser may miss: "The Arden Action Fund, a committee …"
NAME_OPENS = re.compile(r"\s*(?:The\s+)?[A-Z][\w&.'’-]+(?:\s+[A-Z][\w&.'’-]+)+\s*,")
CAPTION = re.compile(r"^\s*(?:photograph|photo|file photo|image|picture|video)\s*:|:\s*$", re.I)


# a picture credit: "Photograph: Planet Labs Pbc/Reuters", "… Command South/Reuters"
CREDIT = re.compile(r"\b(?:Photograph|Photo|Image|Illustration|Composite)s?:\s*[A-Z]"
                    r"|/(?:Reuters|AP|AFP|EPA|EPA-EFE|Getty Images|Shutterstock|Rex|Zuma Press Wire|Alamy|PA|"
                    r"Bloomberg|Sipa|Anadolu)\b")


def credited_caption(text: str, pos: int) -> bool:
    """A picture caption run into the text (live blogs paste them inline): a credit stands
    within 350 characters of ``pos`` in its paragraph, so the picture's source is given."""
    p0 = text.rfind("\n", 0, pos) + 1
    p1 = text.find("\n", pos)
    p1 = len(text) if p1 < 0 else p1
    return CREDIT.search(text, max(p0, pos - 350), min(p1, pos + 350)) is not None


def _is_caption(text: str, s0: int, s1: int) -> bool:
    line = text[text.rfind("\n", 0, s0) + 1: s1]
    return bool(CAPTION.match(line)) or line.strip().lower().startswith(("file photo", "photograph:"))


def _origin_named(text: str, s0: int, s1: int, ctx: SourcingContext, media: ByStart, before: int | None = None) -> bool:
    """Who made or released the media is said in its sentence: "posted by …", a picture credit,
    a handle, or a person named before ``before`` (the owner: "Miroshnik's video showed"); a name
    in what the footage shows ("…showed troops reaching Kherson") is no origin."""
    sentence = text[s0:s1]
    if ORIGIN.search(sentence) or credited_caption(text, s0):
        return True  # "posted by …", or a picture credit: the caption gives the origin
    named = [e for e in ctx.entities.starting_in(s0, s1 if before is None else before) if e.label == "PERSON"]
    posted = POSTED.search(text, s0, s1)
    if posted is not None and (any(e.end <= posted.start() for e in ctx.entities.starting_in(s0, posted.start()))
                               or NAME_OPENS.match(text, s0) is not None):
        return True  # "America Rising, a political action committee, posted the footage on YouTube"
    handles = [h for h in media.starting_in(s0, s1) if h.kind == "handle"]
    return bool(named or handles)


BACK_REFERENCE = re.compile(r"\b(?:the|this|that|these|those)\s+(?:\w+\s+){0,2}$", re.I)


def _origin_given_before(text: str, pos: int) -> bool:
    """A definite "the video shows …" refers back to media the article introduced earlier; if
    the article said there who posted, released or verified it (or that it could not be verified),
    the origin is given and this is a description of what it shows."""
    if not BACK_REFERENCE.search(text, max(0, pos - 40), pos):
        return False
    for m in MEDIA_NOUNS.finditer(text, 0, pos):
        s0, s1 = sentence_bounds(text, m.start())
        if s1 <= pos and (ORIGIN.search(text, s0, s1) or DISCLOSURE.search(text, s0, s1)):
            return True
    return False


def media_findings(analysis: Analysis, ctx: SourcingContext | None = None) -> list[Finding]:
    ctx = ctx or SourcingContext(analysis)
    text = analysis.article.text
    media = ByStart(analysis.media)
    out: list[Finding] = []
    flagged: set[tuple[int, int]] = set()  # one notice per sentence
    for m in FLAG.finditer(text):
        s0, s1 = sentence_bounds(text, m.start())
        if (s0, s1) in flagged or _is_caption(text, s0, s1) or ctx.in_title(m.start()):
            continue
        flagged.add((s0, s1))
        out.append(Finding(
            kind="unverified_media", severity="warning", start=m.start(), end=m.end(), about=None,
            message=f"“{m.group(0)}”: the claim rests on material whose authenticity the article does not "
                    f"establish.",
        ))
    for m in DISCLOSURE.finditer(text):
        s0, s1 = sentence_bounds(text, m.start())
        if (s0, s1) in flagged or ctx.in_named_quote(m.start()) or (
                ctx.in_named_words(m.start()) and not SELF_SUBJECT.search(text, max(0, m.start() - 12), m.start())):
            # a named speaker's quoted "I could not confirm", or a third party's inability inside
            # what a named speaker says ("… Mueller could not verify, Graham said"), is the
            # speaker's statement, not the outlet's disclosure; "Kirby said he could not confirm
            # the disappearance" reports an official's disclosure and stays (judged useful)
            continue
        flagged.add((s0, s1))
        out.append(Finding(
            kind="unverified_media", severity="info", start=m.start(), end=m.end(), about=None,
            message=f"“{m.group(0)}”: by the article's own account this is not confirmed (saying so is good "
                    f"practice); the claim still needs checking before it is repeated.",
        ))
    origin_done = False
    for m in analysis.media:
        if m.kind != "platform_mention" or origin_done:
            continue
        s0, s1 = sentence_bounds(text, m.start)
        sentence = text[s0:s1]
        if (s0, s1) in flagged or not MEDIA_NOUNS.search(sentence) or not CIRCULATES.search(sentence) \
                or _is_caption(text, s0, s1):
            continue
        if _origin_named(text, s0, s1, ctx, media):
            continue
        origin_done = True
        flagged.add((s0, s1))
        out.append(Finding(
            kind="media_origin_unverified", severity="warning", start=m.start, end=m.end, about=None,
            message=f"Media said to be “{m.ref}” is used without naming who first posted it or when; its "
                    f"origin is unverified.",
        ))
    for m in SHOWED.finditer(text):
        s0, s1 = sentence_bounds(text, m.start())
        if ctx.in_title(m.start()):
            continue  # "… Video Shows They Lied" in a headline: the body says whose video it is, or fires itself
        if _origin_given_before(text, m.start()):
            continue  # "the video shows the runner …" after "the video, posted by several sites including CNN"
        if (s0, s1) in flagged or _is_caption(text, s0, s1) or _origin_named(text, s0, s1, ctx, media, m.start()):
            continue
        flagged.add((s0, s1))
        out.append(Finding(
            kind="media_origin_unverified", severity="info", start=m.start(), end=m.end(), about=None,
            message=f"“{m.group(0)}”: the article does not say who filmed, posted or verified this material.",
        ))
    return out
