"""The words and regular expressions that find time expressions.

A hand-written grammar rather than a general date parser: news time expressions come from a
small closed vocabulary, and a grammar we own keeps exact extents (TimeML counts "the past
three years" as one expression, "on" outside it), is fast (one regex pass per rule over the
text) and never guesses a date out of a number that is not one. Month and weekday names are
matched case-sensitively (capitalised) so that "may", "march" and "sun" as ordinary words are
not dates.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
UNITS: dict[str, str] = {
    "second": "S", "minute": "MIN", "hour": "H", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "fortnight": "2W", "month": "M", "quarter": "Q", "year": "Y",
    "decade": "E", "century": "C", "centurie": "C", "yr": "Y", "hr": "H", "min": "MIN",
}
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "a couple of": 2, "a couple": 2, "couple of": 2, "a dozen": 12, "dozen": 12,
    "half a": 0, "a half": 0,
}
VAGUE_NUMBERS = ("a few", "few", "several", "many", "some", "numerous", "a number of")
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
}
DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}

_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
NUM_WORD = (
    rf"(?:(?:{_TENS})(?:[- ](?:{_ONES}))?|{_TEENS}|{_ONES}|a hundred|hundred|a couple(?: of)?"
    r"|a dozen|dozen|an?)"
)
VAGUE = r"(?:a few|few|several|many|some|numerous|a number of)"
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(?:1/2|½)|\s+and\s+a\s+half)?"
NUMBER = rf"(?:{DIGITS}|{NUM_WORD}(?:\s+and\s+a\s+half)?|{VAGUE})"
ORD_WORD = "|".join(sorted(ORDINALS, key=len, reverse=True))
ORDINAL = rf"(?:\d{{1,3}}(?:st|nd|rd|th)|(?:(?:{_TENS})-)?(?:{ORD_WORD}))"

MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b(?=\s*\d)))"
)
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
UNIT = (
    r"(?:years?|yrs?|months?|weeks?|fortnights?|days?|nights?|hours?|hrs?|minutes?|mins?"
    r"|seconds?|decades?|centur(?:y|ies)|quarters?)"
)
APPROX = (
    r"(?:more than|less than|fewer than|no more than|no less than|nearly|almost|at least"
    r"|at most|up to|over(?=\s+(?:an?|one|\d))|well over|a little over)"
)
EDGE = (
    r"(?:early|late|mid|mid-|pre-|post-|the end of|the beginning of|the start of|the middle of"
    r"|the turn of)"
)

_F = re.IGNORECASE

ISO_DATE = re.compile(r"\b(?P<y>(?:1[6-9]|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])")
NUMERIC_DATE = re.compile(r"\b(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d|\d\d)(?![\d/])")
MONTH_DAY = re.compile(
    rf"\b(?:(?P<edge>early|late|mid)[\s-]+)?(?P<mon>{MONTH})\s+(?P<d>{DAY})(?![\d%]|:\d)"
    rf"(?:(?:,\s*|\s+)(?P<y>{YEAR})\b)?"
)
DAY_MONTH = re.compile(
    rf"\b(?:the\s+)?(?P<d>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH})(?:(?:,\s*|\s+)(?P<y>{YEAR})\b)?"
)
MONTH_YEAR = re.compile(
    rf"\b(?:(?P<edge>{EDGE})[\s-]*)?(?P<mon>{MONTH})(?:\s+of)?,?\s+(?P<y>{YEAR})\b"
)
MONTH_REL_YEAR = re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<rel>this|last|next)\s+year\b")
MONTH_ALONE = re.compile(
    rf"(?:\b(?P<rel>last|next|this|this past|this coming|early|late|mid|mid-|the end of"
    rf"|the beginning of|the middle of|the start of)[\s-]+)?\b(?P<mon>{MONTH})\b"
)
YEAR_ALONE = re.compile(
    rf"(?:\b(?P<edge>{EDGE}|fiscal|calendar|the (?:first|second) half of|the spring of"
    rf"|the summer of|the fall of|the autumn of|the winter of)[\s-]*)?"
    rf"(?<![\d$#.,£€/])\b(?P<y>{YEAR})\b(?!\s*(?:%|percent|per cent)|,\d|\.\d|/|:\d|-\d\d-)"
)
DECADE = re.compile(
    rf"\b(?:the\s+)?(?:(?P<edge>early|late|mid)[\s-]*)?(?:(?P<c>1[5-9]|20)(?P<d>\d)0['’]?s"
    rf"|['’](?P<d2>\d)0s|(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties"
    rf"|nineties))\b"
)
CENTURY = re.compile(
    rf"\b(?:the\s+)?(?:(?P<edge>early|late|mid)[\s-]*)?(?P<n>{ORDINAL})[\s-]+century\b", _F
)
WEEKDAY_RE = re.compile(
    rf"\b(?:(?P<rel>last|next|this|this past|this coming|the previous|the following|early"
    rf"|late|earlier|later)\s+)?(?P<wd>{WEEKDAY})(?P<pl>s)?"
    rf"(?:\s+(?P<part>morning|afternoon|evening|night)(?P<ppl>s)?)?\b"
)
EVERY_WEEKDAY = re.compile(rf"\b(?i:every|each)\s+(?P<wd>{WEEKDAY})\b")
DEICTIC = re.compile(
    r"\b(?:(?P<pre>early|late|earlier|later)\s+)?(?P<w>the day before yesterday"
    r"|the day after tomorrow|yesterday|today|tomorrow|tonight)(?<!today(?=['’]s\b))"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b",
    _F,
)
PART_OF_DAY = re.compile(
    r"\b(?P<rel>this|last|tomorrow|yesterday)\s+(?P<part>morning|afternoon|evening|night)\b", _F
)
RELATIVE_UNIT = re.compile(
    r"\b(?:(?P<pre>earlier|later|early|late|the end of|the beginning of|the start of"
    r"|the middle of|the rest of|the remainder of)\s+)?"
    r"(?P<rel>last|this|next|this past|this coming|the coming|the current|the past|the last"
    r"|the next)\s+(?P<unit>week|weekend|month|year|quarter|decade|century|spring|summer|fall"
    r"|autumn|winter)\b",
    _F,
)
DURATION = re.compile(
    rf"\b(?:(?P<approx1>{APPROX})\s+)?(?:(?P<det>the|a|an|its|their|his|her)\s+)?"
    rf"(?:(?P<mod>past|last|next|first|coming|previous|following|final|remaining|initial"
    rf"|latest|further|additional|better part of the)\s+)?"
    rf"(?:(?P<approx2>{APPROX})\s+)?(?P<num>{NUMBER})[\s-]+(?:(?:more|additional|long)\s+)?"
    rf"(?P<unit>{UNIT})\b(?![-\s]old\b)"
    rf"(?:\s+(?P<tail>ago|earlier|later|before|after|from now|hence|into))?",
    _F,
)
RECENT_UNITS = re.compile(
    r"\b(?P<mod>recent|coming|the coming|the past few|the last few|the next few|past|the past)"
    r"\s+(?P<unit>days|weeks|months|years|decades)\b",
    _F,
)
FOR_UNITS = re.compile(r"(?<=\bfor )(?P<unit>years|months|weeks|days|decades|centuries)\b", _F)
QUARTER = re.compile(
    rf"\b(?:(?P<det>the|its|this year's|last year's|next year's|a)\s+)?"
    rf"(?:(?P<mod>fiscal|current|latest|previous|year-ago|year-earlier|same)\s+)?"
    rf"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter\b"
    rf"(?:(?:\s+of|,)?\s+(?P<y>{YEAR})\b)?",
    _F,
)
FINANCIAL_PERIOD = re.compile(
    r"\b(?P<det>the|this|that|its)\s+(?P<mod>latest|current|most recent|recent|same|"
    r"year-ago|year-earlier|comparable year-ago|comparable year-earlier)?\s*"
    r"(?P<unit>quarter|period)\b(?![-\s](?:century|mile|inch|hour|point|final))",
    _F,
)
WEEKEND = re.compile(r"\b(?:(?P<rel>last|this|next|this past|this coming)\s+|the\s+)weekend\b", _F)
SPELLED_YEAR = re.compile(
    r"\b(?:(?P<mon>January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\s+)?nineteen[- ](?P<t>twenty|thirty|forty|fifty|sixty|seventy|eighty"
    r"|ninety)(?:[- ](?P<o>one|two|three|four|five|six|seven|eight|nine))?\b"
    r"|\b(?:the year )?two thousand(?:[- ](?:and[- ])?(?P<o2>one|two|three|four|five|six|seven"
    r"|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
    r"|nineteen|twenty))?\b(?!\s+(?:people|dollars|troops|years|and))",
    _F,
)
HALF = re.compile(
    rf"\b(?:the\s+)?(?P<h>first|second)\s+half(?:\s+of\s+(?P<y>{YEAR}|this year|last year))?\b",
    _F,
)
SEASON = re.compile(
    rf"\b(?:(?P<rel>last|this|next|this past|this coming|early|late)\s+)?"
    rf"(?:(?P<the>the)\s+(?:(?P<edge>early|late)\s+)?)?(?P<s>spring|summer|fall|autumn|winter)"
    rf"(?:(?:\s+of)?\s+(?P<y>{YEAR})\b)?",
    _F,
)
SETS = re.compile(
    r"\b(?:(?i:every|each)\s+(?:other\s+|single\s+)?(?P<unit>day|week|month|year|quarter|hour"
    r"|minute|morning|evening|night|weekend|decade|summer|winter|spring)"
    r"|(?P<freq>once|twice|three times|four times|\d+ times)\s+(?:a|per|every)\s+"
    r"(?P<unit2>day|week|month|year|hour|minute|decade)"
    r"|(?P<adv>daily|weekly|monthly|yearly|hourly|nightly|biweekly))\b"
)
CLOCK = re.compile(
    r"\b(?:(?P<pre>around|about|shortly after|shortly before|approximately)\s+)?"
    r"(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?\s*"
    r"(?P<ampm>a\.m\.?|p\.m\.?|am\b|pm\b|AM\b|PM\b|o['’]clock)"
    r"(?:\s+(?P<tz>[ECMP][SD]?T\b|GMT\b|UTC\b|BST\b|local time))?"
)
CLOCK_24 = re.compile(r"(?<=\bat )(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)\b(?!\s*[ap]\.?m)")
NOON = re.compile(r"\b(?P<w>noon|midnight|midday)\b", _F)
HOLIDAY = re.compile(
    r"\b(?P<h>Christmas Day|Christmas Eve|Christmas|New Year['’]s Day|New Year['’]s Eve"
    r"|Thanksgiving Day|Thanksgiving|Halloween|Independence Day|Valentine['’]s Day"
    r"|Election Day|Boxing Day|Fourth of July|July Fourth)\b"
)
REF_WORDS = re.compile(
    r"\b(?P<w>right now|now|currently|nowadays|at present|these days|recently|in recent times"
    r"|the near future|the future|the past)\b",
    _F,
)
ORDINAL_DAY = re.compile(rf"\b(?:the\s+)?(?P<ord>{ORDINAL})\s+day\b", _F)
DAY_N = re.compile(rf"\b[Dd]ay\s+(?P<n>\d{{1,4}}|{NUM_WORD})\b")
FUTURE_CUES = re.compile(
    r"\b(?:will|won['’]t|shall|going to|plans? to|planned to|planning to|planned|scheduled"
    r"|is due|are due|due to|expected to|set to|is to|are to|upcoming|would|could|might|may"
    r"|to be held|to begin|to start|intends? to|hopes? to|as early as|as soon as)\b"
    r"|['’]ll\b",
    _F,
)
PAST_CUES = re.compile(
    r"\b(?:said|says|told|was|were|had|did|came|went|gave|made|took|saw|rose|fell|held|left"
    r"|began|sent|won|lost|led|ran|spoke|wrote|broke|flew|grew|knew|sold|paid|fought|bought"
    r"|brought|thought|sought|caught|struck|stood|found|met|[a-z]+ed)\b",
    _F,
)
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z\"“‘(])|\n+")


def number_value(text: str) -> float | None:
    """Value of a number phrase ("twenty-four", "1,000", "5 1/2", "a couple of"); None if vague."""
    t = " ".join(text.lower().replace("-", " ").split())
    if t in VAGUE_NUMBERS:
        return None
    half = 0.5 if (t.endswith("and a half") or t.endswith("1/2") or t.endswith("½")) else 0.0
    t = t.replace("and a half", "").replace("1/2", "").replace("½", "").strip()
    if t.replace(",", "").replace(".", "", 1).isdigit():
        return float(t.replace(",", "")) + half
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t] + half
    parts = t.split()
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]] + half
    return None


def ordinal_value(text: str) -> int | None:
    t = text.lower()
    if t[:1].isdigit():
        return int(re.sub(r"\D", "", t))
    if "-" in t:
        tens, _, ones = t.partition("-")
        if tens in NUMBER_WORDS and ones in ORDINALS:
            return NUMBER_WORDS[tens] + ORDINALS[ones]
    return ORDINALS.get(t)


def month_number(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _trigger(words: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


_UNIT_WORDS = _trigger(UNIT)
_MONTH_WORDS = re.compile(MONTH)
# Cheap regexes that must match inside any match of the slow rule: the slow rule then runs
# only in a window around each hit, which keeps a 1,000-word article well under 20 ms.
TRIGGERS: dict[re.Pattern[str], re.Pattern[str]] = {
    DURATION: _UNIT_WORDS,
    CENTURY: _trigger("century"),
    ORDINAL_DAY: _trigger("day"),
    DAY_N: re.compile(r"\b[Dd]ay\b"),
    SPELLED_YEAR: _trigger("nineteen|thousand"),
    QUARTER: _trigger("quarter"),
    HALF: _trigger("half"),
    RELATIVE_UNIT: _trigger(
        "week|weekend|month|year|quarter|decade|century|spring|summer|fall|autumn|winter"),
    WEEKEND: _trigger("weekend"),
    YEAR_ALONE: re.compile(rf"\b{YEAR}\b"),
    DEICTIC: _trigger("yesterday|today|tomorrow|tonight"),
    MONTH_ALONE: _MONTH_WORDS,
    MONTH_DAY: _MONTH_WORDS,
    DAY_MONTH: _MONTH_WORDS,
    MONTH_YEAR: _MONTH_WORDS,
    MONTH_REL_YEAR: _MONTH_WORDS,
    SEASON: _trigger("spring|summer|fall|autumn|winter"),
    RECENT_UNITS: _UNIT_WORDS,
    FINANCIAL_PERIOD: _trigger("quarter|period"),
    DECADE: re.compile(r"0['’]?s\b|ties\b"),
}


def find(rx: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """All matches of ``rx`` in ``text``, searched only near hits of its trigger (if any)."""
    trig = TRIGGERS.get(rx)
    if trig is None:
        return list(rx.finditer(text))
    out: list[re.Match[str]] = []
    seen: set[tuple[int, int]] = set()
    n = len(text)
    for t in trig.finditer(text):
        for m in rx.finditer(text, max(0, t.start() - 80), min(n, t.end() + 60)):
            if m.end() <= t.start() or m.start() >= t.end():
                continue
            key = (m.start(), m.end())
            if key not in seen:
                seen.add(key)
                out.append(m)
    return out
