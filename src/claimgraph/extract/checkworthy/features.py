"""Sentence features for check-worthiness: word and character n-grams plus cheap cues.

Why hand-rolled instead of scikit-learn's vectorizers: the committed model must score sentences
at run time with nothing but the JSON weights and this module, so training and inference share
exactly one feature function (:func:`sentence_features`) and cannot drift apart. Every feature
has a readable name so an explanation can say *why* a sentence scored high.

Feature names are prefixed by kind:

``w:`` word unigram (lower-cased; numbers folded into shapes such as ``<num>``, ``<year>``),
``b:`` word bigram (``<s>`` marks the sentence start), ``c:`` character n-gram inside one
word (padded with spaces, like scikit-learn's ``char_wb``), ``f:`` a linguistic cue.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

FEATURE_VERSION = 1

_TOKEN_RE = re.compile(
    r"[$£€]?\d[\d,]*(?:\.\d+)?(?:\s?%)?"  # numbers, money, percentages
    r"|[A-Za-z]+(?:['’][A-Za-z]+)*"  # words with inner apostrophes
    r"|[?!%$£€]"  # punctuation that carries meaning
)

_COMPARATIVE = frozenset(
    "more less fewer most least than higher lower highest lowest largest biggest bigger "
    "smaller smallest worst best better worse increase increased increases decrease "
    "decreased decreases doubled tripled rose risen fell fallen grew grown dropped "
    "declined record average half twice".split()
)
_QUANTITY = frozenset("percent percentage million millions billion billions trillion "
                      "trillions thousand thousands hundred hundreds dozen".split())
_MONEY = frozenset(
    "dollar dollars $ £ € tax taxes budget deficit debt spending cost costs".split()
)
_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty "
    "fifty sixty seventy eighty ninety hundred thousand million billion trillion".split()
)
_OPINION_VERBS = frozenset("think believe feel hope want guess wish suspect".split())
_HEDGES = frozenset("would could might may should must maybe perhaps probably possibly".split())
_FUTURE = frozenset("will gonna shall".split())
_PAST_AUX = frozenset("was were had did said voted passed".split())
_SECOND_PERSON = frozenset("you you're your yours yourself".split())
_COURTESY = frozenset("thank thanks welcome applause laughter congratulations".split())

#: Plain-language names of the cue features, used by explanations.
CUE_DESCRIPTIONS: dict[str, str] = {
    "f:number": "mentions a number",
    "f:percent": "mentions a percentage",
    "f:year": "mentions a year",
    "f:money": "talks about money or taxes",
    "f:quantity": "uses a quantity word",
    "f:comparative": "makes a comparison",
    "f:names1": "names one person, place or organisation",
    "f:names2": "names several people, places or organisations",
    "f:opinion": "states a personal opinion or wish",
    "f:hedge": "uses a modal or hedge word",
    "f:future": "talks about the future",
    "f:past": "uses the past tense",
    "f:question": "is a question",
    "f:exclaim": "is an exclamation",
    "f:you": "addresses the listener",
    "f:courtesy": "is a courtesy or audience reaction",
    "f:len<5": "is very short",
    "f:len5-9": "is short",
    "f:len10-19": "is of medium length",
    "f:len20-39": "is long",
    "f:len40+": "is very long",
}


@dataclass(frozen=True, slots=True)
class FeatureConfig:
    """Which feature families to produce; stored in the model JSON so inference matches training."""

    bigrams: bool = True
    char_min: int = 3
    char_max: int = 5  # 0 disables character n-grams (the committed model: they did not help CV)
    cues: bool = True

    def to_dict(self) -> dict[str, int | bool]:
        return {"bigrams": self.bigrams, "char_min": self.char_min,
                "char_max": self.char_max, "cues": self.cues}

    @classmethod
    def from_dict(cls, data: dict[str, int | bool]) -> "FeatureConfig":
        return cls(bigrams=bool(data["bigrams"]), char_min=int(data["char_min"]),
                   char_max=int(data["char_max"]), cues=bool(data["cues"]))


def _word_shape(token: str) -> str:
    """Fold numbers into a few shapes: the value rarely matters, its kind does."""
    if token[0] in "$£€":
        return "<money>"
    if token.endswith("%"):
        return "<pct>"
    digits = token.replace(",", "")
    if len(digits) == 4 and digits.isdigit() and digits[:2] in ("19", "20"):
        return "<year>"
    return "<num>"


def tokens(text: str) -> list[str]:
    """Surface tokens of ``text`` (original case), apostrophes normalised."""
    return [t.replace("’", "'") for t in _TOKEN_RE.findall(text)]


def _cue_features(raw: list[str], low: list[str], text: str) -> Iterator[tuple[str, str]]:
    """Cheap linguistic cues as ``(feature, evidence)`` pairs."""
    lows = set(low)
    numbers = [t for t in raw if t[0].isdigit() or t[0] in "$£€"]
    if numbers or lows & _NUMBER_WORDS:
        yield "f:number", numbers[0] if numbers else sorted(lows & _NUMBER_WORDS)[0]
    if "percent" in lows or "percentage" in lows or "<pct>" in lows or "%" in lows:
        yield "f:percent", "percent"
    if any(_word_shape(t) == "<year>" for t in numbers):
        yield "f:year", next(t for t in numbers if _word_shape(t) == "<year>")
    if lows & _MONEY or "<money>" in lows:
        yield "f:money", "money"
    if lows & _QUANTITY:
        yield "f:quantity", sorted(lows & _QUANTITY)[0]
    if lows & _COMPARATIVE:
        yield "f:comparative", sorted(lows & _COMPARATIVE)[0]
    names = [t for i, t in enumerate(raw) if i > 0 and t[0].isupper() and t != "I"
             and not t.startswith("I'")]
    if len(names) == 1:
        yield "f:names1", names[0]
    elif len(names) > 1:
        yield "f:names2", names[0]
    for i, t in enumerate(low[:-1]):
        if t in ("i", "we") and low[i + 1] in _OPINION_VERBS:
            yield "f:opinion", f"{t} {low[i + 1]}"
            break
    else:
        if "opinion" in lows and "my" in lows:
            yield "f:opinion", "my opinion"
    if lows & _HEDGES:
        yield "f:hedge", sorted(lows & _HEDGES)[0]
    if lows & _FUTURE or "going to" in " ".join(low) or any(t.endswith("'ll") for t in low):
        yield "f:future", "will"
    if lows & _PAST_AUX or any(len(t) > 4 and t.endswith("ed") for t in low):
        yield "f:past", "past"
    if "?" in text:
        yield "f:question", "?"
    if "!" in text:
        yield "f:exclaim", "!"
    if lows & _SECOND_PERSON:
        yield "f:you", "you"
    if lows & _COURTESY:
        yield "f:courtesy", sorted(lows & _COURTESY)[0]
    n = sum(1 for t in low if t[0].isalnum() or t[0] in "$£€")
    if n < 5:
        yield "f:len<5", ""
    elif n < 10:
        yield "f:len5-9", ""
    elif n < 20:
        yield "f:len10-19", ""
    elif n < 40:
        yield "f:len20-39", ""
    else:
        yield "f:len40+", ""


def sentence_features_with_sources(text: str, config: FeatureConfig) -> dict[str, str]:
    """Active features of one sentence mapped to the word(s) that triggered them.

    All features are binary (present or not), so the mapping's keys are the feature vector;
    the values let an explanation name the word behind a character n-gram.
    """
    raw = tokens(text)
    low = [t.lower() if t[0].isalpha() else _word_shape(t) if t[0] not in "?!%" else t
           for t in raw]
    feats: dict[str, str] = {}
    for t in low:
        feats.setdefault("w:" + t, t)
    if config.bigrams:
        prev = "<s>"
        for t in low:
            feats.setdefault(f"b:{prev} {t}", f"{prev} {t}" if prev != "<s>" else "^" + t)
            prev = t
    if config.char_max:
        lo, hi = config.char_min, config.char_max
        for t in low:
            if not t[0].isalpha():
                continue
            padded = f" {t} "
            size = len(padded)
            for n in range(lo, min(hi, size) + 1):
                for i in range(size - n + 1):
                    feats.setdefault("c:" + padded[i:i + n], t)
    if config.cues:
        for name, evidence in _cue_features(raw, low, text):
            feats.setdefault(name, evidence)
    return feats


def sentence_features(text: str, config: FeatureConfig) -> list[str]:
    """Names of the active (binary) features of one sentence."""
    return list(sentence_features_with_sources(text, config))
