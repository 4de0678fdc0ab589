"""One canonical name per source across the corpus.

"The New York Times", "the New York Times", "New York Times'" and "NYT" are one source; so are
an article's outlet metadata ("nyt") and a claim attributed to that outlet. Two layers:

* :func:`source_key` — a deterministic key from the written name alone (case, leading "the",
  possessives, punctuation, and a short table of well-known outlet and agency aliases). It is
  stored with each claim at ingest time, so it must not depend on what else is in the corpus.
* :class:`SourceResolver` — built from all keys in the corpus, it additionally merges an
  upper-case acronym ("NYT", "WSJ") with the one longer name whose initials it spells. This
  is corpus-dependent (it needs to see the long name), so it is applied when reading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# alias key -> (canonical key, display name, kind). Only unambiguous names: "the Times" or
# "the ministry" are left alone because they name different sources in different countries.
_KNOWN: dict[str, tuple[str, str, str]] = {}


def _add(canonical: str, display: str, kind: str, *aliases: str) -> None:
    for alias in (canonical, *aliases):
        _KNOWN[alias] = (canonical, display, kind)


_add("new york times", "The New York Times", "outlet", "nyt", "ny times", "nytimes", "nytimes com")
_add("associated press", "Associated Press", "agency", "ap", "the ap", "ap news")
_add("reuters", "Reuters", "agency", "thomson reuters")
_add("agence france presse", "Agence France-Presse", "agency", "afp")
_add("bbc", "BBC", "outlet", "bbc news", "british broadcasting corporation")
_add("cnn", "CNN", "outlet", "cnn com")
_add("wall street journal", "The Wall Street Journal", "outlet", "wsj")
_add("washington post", "The Washington Post", "outlet", "wapo")
_add("fox news", "Fox News", "outlet", "fox", "foxnews", "foxnews com")
_add("huffpost", "HuffPost", "outlet", "hpo", "huffington post", "huff post", "huffingtonpost")
_add("guardian", "The Guardian", "outlet", "theguardian", "theguardian com")
_add("nbc news", "NBC News", "outlet", "nbc")
_add("abc news", "ABC News", "outlet")
_add("cbs news", "CBS News", "outlet", "cbs")
_add("npr", "NPR", "outlet", "national public radio")
_add("usa today", "USA Today", "outlet")
_add("al jazeera", "Al Jazeera", "outlet")
_add("tass", "TASS", "agency")
_add("interfax", "Interfax", "agency")
_add("ria novosti", "RIA Novosti", "agency")
_add("bloomberg", "Bloomberg", "outlet", "bloomberg news")
_add("politico", "Politico", "outlet")

_KIND_OF_TYPE = {
    "named_person": "person",
    "named_org": "organisation",
    "descriptive_person": "descriptive",
    "descriptive_org": "descriptive",
    "anonymous": "anonymous",
    "social_post": "post",
    "author": "author",
}
_SMALL = {"of", "the", "and", "for", "a", "an", "on", "in", "&"}


def _normal(name: str) -> str:
    text = name.strip().replace("’", "'")
    text = re.sub(r"'s?\b", "", text)
    text = re.sub(r"[^\w&]+", " ", text.lower())
    text = re.sub(r"^(the)\s+", "", text.strip())
    return " ".join(text.split())


def source_key(name: str | None) -> str | None:
    """The canonical key of a written source name (None for an empty name)."""
    if not name or not name.strip():
        return None
    key = _normal(name)
    if not key:
        return None
    if key in _KNOWN:
        return _KNOWN[key][0]
    if key.endswith(" com") and key[:-4] in _KNOWN:
        return _KNOWN[key[:-4]][0]
    return key


def display_name(key: str, written: str | None = None) -> str:
    """A name to show for a key: the known display name, else the written form."""
    if key in _KNOWN:
        return _KNOWN[key][1]
    return (written or key).strip()


def source_kind(key: str, source_type: str | None) -> str:
    """outlet | agency | person | organisation | descriptive | anonymous | post | author."""
    if key in _KNOWN:
        return _KNOWN[key][2]
    return _KIND_OF_TYPE.get(source_type or "", "organisation")


def is_outlet_or_agency(key: str) -> bool:
    return key in _KNOWN and _KNOWN[key][2] in ("outlet", "agency")


def initials(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in _SMALL)


class SourceResolver:
    """Maps stored keys to canonical keys, merging acronyms with the long names they spell.

    ``acronyms`` are keys that were written in capitals ("NYT", "MOD"); each one whose letters
    are the initials of exactly one longer key in the corpus maps to that key. An ambiguous
    acronym (two long names share the initials) is left alone: a wrong merge would credit one
    source with another's claims, which is worse than showing two rows.
    """

    def __init__(self, keys: Iterable[str], acronyms: Iterable[str] = ()) -> None:
        self.keys = set(keys)
        by_initials: dict[str, set[str]] = {}
        for key in self.keys:
            if len(key.split()) >= 2:
                by_initials.setdefault(initials(key), set()).add(key)
        self.mapping: dict[str, str] = {}
        for acronym in set(acronyms) & self.keys:
            compact = acronym.replace(" ", "")
            if 2 <= len(compact) <= 6 and compact.isalpha():
                targets = by_initials.get(compact, set()) - {acronym}
                if len(targets) == 1:
                    self.mapping[acronym] = next(iter(targets))

    def __call__(self, key: str | None) -> str | None:
        if key is None:
            return None
        return self.mapping.get(key, key)


def is_acronym(written: str | None) -> bool:
    """A name written in capitals, 2–6 letters ("NYT", "MoD" is not: mixed case)."""
    if not written:
        return False
    compact = re.sub(r"[^A-Za-z]", "", re.sub(r"^the\s+", "", written.strip(), flags=re.I))
    return 2 <= len(compact) <= 6 and compact.isupper()
