"""Sentence features for check-worthiness: word and character n-grams plus cheap cues.

Why hand-rolled instead of scikit-learn's vectorizers: the committed model must score sentences
at run time with nothing but the JSON weights and this module, so training and inference share
exactly one feature function (:func:`sentence_features`) and cannot drift apart. Every feature
has a readable name so an explanation can say *why* a sentence scored high.

Feature names are prefixed by kind:

``w:`` word unigram (lower-cased; numbers folded into shapes such as ``<num>``, ``<year>``),
``b:`` word bigram (``<s>`` marks the sentence start), ``c:`` character n-gram inside one
word (padded with spaces, like scikit-learn's ``char_wb``), ``f:`` a cue of :mod:`.cues` (what a
fact-checker sees: a figure, a comparison, a caption...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import TICKER_RE, sentence_cues

FEATURE_VERSION = 2

_TOKEN_RE = re.compile(
    r"[$£€]?\d[\d,]*(?:\.\d+)?(?:\s?%)?"  # numbers, money, percentages
    r"|[A-Za-z]+(?:['’][A-Za-z]+)*"  # words with inner apostrophes
    r"|[?!%$£€]"  # punctuation that carries meaning
)


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
    def from_dict(cls, data: dict[str, int | bool]) -> FeatureConfig:
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


def sentence_features_with_sources(text: str, config: FeatureConfig) -> dict[str, str]:
    """Active features of one sentence mapped to the word(s) that triggered them.

    All features are binary (present or not), so the mapping's keys are the feature vector;
    the values let an explanation name the word behind a character n-gram.
    """
    raw = tokens(TICKER_RE.sub(" ", text))  # a stock quote's "-1.43%" is no percentage
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
        for name, evidence in sentence_cues(text).items():
            feats.setdefault(name, evidence)
    return feats


def sentence_features(text: str, config: FeatureConfig) -> list[str]:
    """Names of the active (binary) features of one sentence."""
    return list(sentence_features_with_sources(text, config))
