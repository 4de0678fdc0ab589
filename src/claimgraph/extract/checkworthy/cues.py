"""What a fact-checker sees in a sentence: figures, comparisons, causes, predictions — and
captions, tickers, questions and rhetoric, which are not claims.

Why hand-written cues beside the learned parts of the model: they are the *reasons* the scorer
gives ("states a figure; names a cause"), so each one has to mean what its name says. The
learned weights decide how much a cue counts; the cue decides whether it fired. Each detector
works on the surface text alone (no parse), so training on 60,000 transcript sentences and
scoring an article use the very same function.

Known traps handled here (issue 14): a stock quote ("FaceTime AAPL, -1.43%") is a ticker, not
a statistic; "FILE PHOTO:", "Photograph: …", agency credits are captions; "uses the past tense"
fires only on real past forms (an auxiliary, an irregular past, or an -ed word after a subject),
not on "hundred", "need" or "red".
"""

from __future__ import annotations

import functools
import re

#: cue feature -> the reason a fact-checker reads. Order is display order.
CUE_REASONS: dict[str, str] = {
    "f:figure": "states a figure",
    "f:percent": "gives a percentage",
    "f:money": "names a sum of money",
    "f:people": "counts people",
    "f:year": "dates something to a year",
    "f:compare": "compares",
    "f:superlative": "claims a record, a first or an extreme",
    "f:change": "describes a rise or fall",
    "f:cause": "names a cause or effect",
    "f:predict": "makes a prediction",
    "f:source": "cites a study, poll, report or data",
    "f:law": "talks about a law, a vote or a policy",
    "f:past": "reports a past event",
    "f:names": "names people, places or organisations",
    "f:question": "is a question",
    "f:rhetoric": "is rhetoric or an appeal, not a statement of fact",
    "f:opinion": "states an opinion, a wish or a feeling",
    "f:hedge": "is hedged (may, might, could)",
    "f:you": "addresses the listener",
    "f:courtesy": "is a greeting, thanks or an audience reaction",
    "f:caption": "is a photo caption or credit",
    "f:ticker": "is a stock-market quote",
    "f:short": "is too short to hold a claim",
    "f:long": "is long",
}

#: Cues that count in the model but are no reason a reader needs ("is long").
SILENT_CUES = frozenset({"f:long"})

#: Cues that speak *against* check-worthiness: shown when a sentence scores low.
NEGATIVE_CUES = frozenset({"f:question", "f:rhetoric", "f:opinion", "f:hedge", "f:you",
                           "f:courtesy", "f:caption", "f:ticker", "f:short"})

_WORD_RE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_NUMBER_RE = re.compile(r"(?<![\w.])[$£€]?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent\b|per cent\b))?")
_TIME_RE = re.compile(r"\b\d{1,2}[:.]\d{2}\s?(?:[ap]\.?m\.?)?|\b\d{1,2}\s?[ap]\.m\.", re.IGNORECASE)
_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_MONTH_BEFORE = re.compile(r"\b" + _MONTHS + r"\s+$")
_MONTH_AFTER = re.compile(r"(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTHS + r"\b")
_YEAR_RE = re.compile(r"(?<![\d,.$])(?:1[89]|20)\d\d(?![\d,%])(?:s\b)?")
_PERCENT_RE = re.compile(r"\d+(?:\.\d+)?\s?%|\bper ?cent(?:age)?\b|\bpercentage points?\b", re.IGNORECASE)
_MONEY_RE = re.compile(
    r"[$£€]\s?\d|\b\d[\d,.]*\s?(?:dollars|euros|pounds|yuan|rubles|roubles)\b"
    r"|\b(?:million|billion|trillion) (?:dollars|euros|pounds)\b", re.IGNORECASE)
TICKER_RE = re.compile(
    r"\b[A-Z]{1,5}(?:\.[A-Z])?,?\s+[-+−]\d+(?:\.\d+)?\s?%"          # AAPL, -1.43%
    r"|\((?:NYSE|NASDAQ|Nasdaq|LSE|TSX|OTC|AMEX|NYSEARCA)\s?:\s?[A-Z.]{1,6}\)"  # (NASDAQ: AAPL)
    r"|\b(?:NYSE|NASDAQ|Nasdaq)\s?:\s?[A-Z]{1,5}\b")
_CAPTION_RE = re.compile(
    r"^\s*(?:FILE PHOTO|File photo|PHOTO|Photo|Photograph|Picture|Image|Pictured|Caption|Credit|"
    r"Illustration|Video|Watch|WATCH|Listen|READ MORE|Read more|Related|RELATED|Advertisement|"
    r"Subscribe|Sign up|Click here|Follow us)\b\s*[:|-]?"
    r"|(?:Photograph|Photo|Picture|Image|Illustration)(?:\s*(?:by|credit))?\s*:\s*\S"
    r"|\b(?:Getty Images|AP Photo|Reuters/|/Reuters|AFP via Getty|EPA-EFE|Shutterstock|"
    r"PA Images|PA Media|Bloomberg via Getty)\b"
    r"|\((?:Photo|Image|Picture)[^)]*\)\s*$", re.MULTILINE)
_COMPARE = frozenset(
    "more less fewer than higher lower bigger smaller larger greater cheaper faster slower "
    "worse better compared versus vs outnumber outpaced exceeds exceeded".split())
_SUPERLATIVE = frozenset(
    "most least highest lowest largest biggest smallest worst best fastest first only "
    "never ever record unprecedented".split())
_CHANGE = frozenset(
    "increase increased increases increasing decrease decreased decreases decreasing "
    "doubled tripled quadrupled halved rose risen rising fell fallen falling grew grown growth "
    "dropped drop declined decline plunged surged soared jumped cut cuts slashed raised lost "
    "gained added created shrank shrunk".split())
_CAUSE_PHRASES = ("because", "due to", "caused", "causes", "cause of", "led to", "leads to",
                  "lead to", "result of", "as a result", "resulted in", "results in",
                  "thanks to", "blamed", "responsible for", "driven by", "linked to",
                  "contributed to", "which means", "so that", "therefore", "killed", "kills")
_PREDICT_PHRASES = ("will", "won't", "going to", "gonna", "expected to", "expects",
                    "forecast", "forecasts", "projected", "predicts", "predicted", "is set to",
                    "are set to", "on track to", "by 20", "next year", "within years")
_SOURCE_PHRASES = ("according to", "study", "studies", "survey", "poll", "polls", "report",
                   "reports", "data", "statistics", "census", "figures show", "analysis",
                   "research", "estimate", "estimates", "records show")
_LAW = frozenset(
    "law laws bill bills act legislation voted vote votes veto vetoed passed signed "
    "regulation regulations policy treaty deal tax taxes tariff tariffs budget deficit debt "
    "sanctions ban banned court ruling amendment".split())
_PEOPLE = re.compile(
    r"\b(?:\d[\d,.]*|hundreds|thousands|millions|billions|dozens|tens of thousands|"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred|thousand|million|"
    r"billion)(?: (?:million|thousand|billion))?)\s+(?:of\s+)?(?:\w+\s+)?(?:people|americans|"
    r"citizens|workers|jobs|children|women|men|students|voters|patients|immigrants|refugees|"
    r"soldiers|troops|civilians|deaths|dead|cases|residents|families|users|members|employees)\b",
    re.IGNORECASE)
_OPINION = re.compile(
    r"\b(?:i|we)\s+(?:really\s+|truly\s+|just\s+|strongly\s+)?(?:think|believe|feel|hope|want|"
    r"wish|guess|suspect|love|like|hate|trust|doubt)\b|\bin my (?:view|opinion)\b|\bmy opinion\b",
    re.IGNORECASE)
_RHETORIC = re.compile(
    r"\b(?:let me (?:tell|say|be clear)|let's|let us|believe me|folks|god bless|make no mistake|"
    r"mark my words|we will win|we're going to win|can you imagine|isn't it|aren't they|"
    r"don't you|wouldn't you|how about|what a\b|so sad|shame on|give me a break|come on|"
    r"by the way|you know what|here's the thing|i tell you|i can tell you|i promise)",
    re.IGNORECASE)
_HEDGES = frozenset("may might could perhaps maybe possibly probably".split())
_YOU = frozenset("you you're your yours yourself yourselves".split())
_COURTESY = re.compile(
    r"\b(?:thank you|thanks|welcome|good (?:evening|morning|night|afternoon)|applause|laughter|"
    r"cheers|booing|crosstalk|congratulations|ladies and gentlemen|nice to|great to|"
    r"appreciate it|inaudible|unintelligible)\b", re.IGNORECASE)
_PAST_AUX = frozenset(
    "was were had did wasn't weren't hadn't didn't said told went took made gave came got saw "
    "knew thought became left felt brought began kept held wrote stood lost paid met ran spent "
    "grew fell rose won sold built sent fought led cut bought caught taught found shot struck "
    "chose spoke broke drove flew hid rode sang sat slept stole "
    "swore threw understood woke wore withdrew ago".split())
_SUBJECTS = frozenset(
    "i we he she they it who which that this there someone nobody everyone people government "
    "administration president congress senate police officials company".split())
_NOT_PAST_ED = frozenset(
    "need seed feed speed bleed breed indeed hundred proceed exceed succeed bed red "
    "shed sled bred wed fled naked sacred wicked beloved kindred".split())
_ADJ_BEFORE = frozenset("the a an is are be been being am get gets getting very so too more "
                        "most less least".split())
_NAME_STOP = frozenset("I The A An And But So Or If When What Why How Who Where This That These "
                       "Those It We You He She They Mr Mrs Ms Dr Well Now Yes No Oh Okay OK "
                       "Thank Let".split())


def _words(text: str) -> list[str]:
    return [w.replace("’", "'") for w in _WORD_RE.findall(text)]


def _figures(text: str) -> list[str]:
    """Numbers that are figures: not clock times, not years, not list numbering."""
    clean = _TIME_RE.sub(" ", text)
    out = []
    for m in _NUMBER_RE.finditer(clean):
        token = m.group(0).strip()
        digits = token.lstrip("$£€").replace(",", "")
        if _YEAR_RE.fullmatch(digits):
            continue
        before = clean[max(0, m.start() - 10):m.start()].lower()
        after = clean[m.end():m.end() + 10].lower()
        if token.rstrip(",").isdigit() and (_MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after)):
            continue  # a day of the month: "March 3, 2022", "3 March"
        if m.start() == 0 and token.isdigit() and clean[m.end():m.end() + 1] in (".", ")"):
            continue  # "1. Introduction", "2) ..."
        out.append(token)
    return out


def _has_past(low: list[str]) -> str | None:
    """A real past form: an auxiliary or irregular past, a perfect ("has voted"), or an -ed
    verb right after a subject ("prices doubled", "he voted") — never an -ed adjective after a
    determiner or a form of *be* ("the united", "is tired")."""
    for i, w in enumerate(low):
        if w in _PAST_AUX:
            return w
        if len(w) >= 4 and w.endswith("ed") and w not in _NOT_PAST_ED:
            prev = low[i - 1] if i else ""
            if prev in ("has", "have", "had", "never", "already", "just", "also", "recently",
                        "once", "then", "later") or prev in _SUBJECTS:
                return w
            if prev and prev not in _ADJ_BEFORE and prev.endswith("s") and len(prev) > 3:
                return w  # plural noun subject: "prices doubled", "officials warned"
    return None


def _phrase_patterns(phrases: tuple[str, ...]) -> list[tuple[str, re.Pattern[str]]]:
    return [(p, re.compile(r"(?<![a-z'])" + re.escape(p) + r"(?![a-z'])")) for p in phrases]


_PHRASE_PATTERNS = {phrases: _phrase_patterns(phrases)
                    for phrases in (_CAUSE_PHRASES, _PREDICT_PHRASES, _SOURCE_PHRASES)}


def _has_phrase(joined: str, phrases: tuple[str, ...]) -> str | None:
    """The first phrase (in ``phrases`` order) that occurs in ``joined`` as whole words.

    Patterns are compiled once, and a phrase that is not even a substring is skipped before
    the regex (the regex can only match where the substring occurs): this ran for every
    phrase of every sentence twice per article and was a tenth of the extraction time."""
    patterns = _PHRASE_PATTERNS.get(phrases)
    if patterns is None:
        patterns = _PHRASE_PATTERNS[phrases] = _phrase_patterns(phrases)
    for p, pattern in patterns:
        if p in joined and pattern.search(joined):
            return p
    return None


def sentence_cues(text: str) -> dict[str, str]:
    """Cues that fire in ``text``, each mapped to the words that made it fire.

    The scorer (features) and its explanation (``reasons``) both ask for the cues of every
    sentence of an article, so the answer for recent texts is kept (it depends on the text
    alone); each caller gets its own copy."""
    return dict(_sentence_cues(text))


@functools.lru_cache(maxsize=4096)
def _sentence_cues(text: str) -> dict[str, str]:
    cues: dict[str, str] = {}
    words = _words(text)
    low = [w.lower() for w in words]
    lows = set(low)
    joined = " ".join(low)
    ticker = TICKER_RE.search(text)
    caption = _CAPTION_RE.search(text)
    if ticker:
        cues["f:ticker"] = ticker.group(0).strip()
    if caption:
        cues["f:caption"] = caption.group(0).strip()
    body = TICKER_RE.sub(" ", text) if ticker else text  # a quote's numbers are not figures
    figures = _figures(body)
    if figures:
        cues["f:figure"] = figures[0]
    if _PERCENT_RE.search(body):
        cues["f:percent"] = _PERCENT_RE.search(body).group(0)  # type: ignore[union-attr]
    if _MONEY_RE.search(body):
        cues["f:money"] = _MONEY_RE.search(body).group(0)  # type: ignore[union-attr]
    people = _PEOPLE.search(body)
    if people:
        cues["f:people"] = people.group(0)
    year = _YEAR_RE.search(_TIME_RE.sub(" ", body))
    if year:
        cues["f:year"] = year.group(0)
    for name, vocab in (("f:compare", _COMPARE), ("f:superlative", _SUPERLATIVE),
                        ("f:change", _CHANGE), ("f:law", _LAW)):
        hit = sorted(lows & vocab)
        if hit:
            cues[name] = hit[0]
    for name, phrases in (("f:cause", _CAUSE_PHRASES), ("f:predict", _PREDICT_PHRASES),
                          ("f:source", _SOURCE_PHRASES)):
        hit = _has_phrase(joined, phrases)
        if hit:
            cues[name] = hit
    if "f:predict" not in cues and any(w.endswith("'ll") for w in low):
        cues["f:predict"] = next(w for w in low if w.endswith("'ll"))
    past = _has_past(low)
    if past:
        cues["f:past"] = past
    names = [w for i, w in enumerate(words) if i > 0 and w[0].isupper() and w not in _NAME_STOP
             and not w.isupper()]
    if names:
        cues["f:names"] = names[0]
    stripped = text.rstrip(" \"'”’)")
    if stripped.endswith("?") or (low and low[0] in ("why", "how", "what", "who", "where",
                                                        "when", "which", "do", "does", "did",
                                                        "is", "are", "can", "should", "would")
                                  and "?" in text):
        cues["f:question"] = "?"
    rhetoric = _RHETORIC.search(text)
    if rhetoric:
        cues["f:rhetoric"] = rhetoric.group(0)
    elif stripped.endswith("!"):
        cues["f:rhetoric"] = "!"
    opinion = _OPINION.search(text)
    if opinion:
        cues["f:opinion"] = opinion.group(0)
    if lows & _HEDGES:
        cues["f:hedge"] = min(lows & _HEDGES)
    if lows & _YOU:
        cues["f:you"] = "you"
    courtesy = _COURTESY.search(text)
    if courtesy:
        cues["f:courtesy"] = courtesy.group(0)
    n = len(words) + len(figures)
    if n < 6:
        cues["f:short"] = str(n)
    elif n >= 40:
        cues["f:long"] = str(n)
    return cues
