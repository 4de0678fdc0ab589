"""The conflicting-nationality rule: "X is an Indian cricketer" vs "X is a Pakistani cricketer".

Small stance models miss a swapped nationality because the two sentences share almost every
word. The rule is narrow on purpose, since a false conflict is worse than a missed one:
- both sides must be identity statements (a copula, then the nationality and the noun it
  describes: "is a 2005 American film", not "was hit by Russian shelling");
- about the same subject (the words before the copula share a content word) in the same tense
  ("Lviv was a Polish city" does not contradict "Lviv is a Ukrainian city");
- the noun must state a nationality, not a relation or a language ("a Russian ally", "a native
  Russian speaker", "an English teacher");
- the passage never names the claim's nationality or its country, and compatible pairs
  (British / English) never conflict.
The demonym list is hand-written: country demonyms only, leaving out words that are also
styles, orders or overlapping nationalities ("a Georgian house", "a Dominican friar", "Soviet").
"""

from __future__ import annotations

import re

from ..stems import light as stem
from .bm25 import STOP, content_stems

DEMONYMS = frozenset("""
Afghan Albanian Algerian American Andorran Angolan Argentine Argentinian Armenian Australian Austrian
Azerbaijani Bahamian Bahraini Bangladeshi Barbadian Belarusian Belgian Belizean Beninese Bhutanese
Bolivian Bosnian Botswanan Brazilian British Bruneian Bulgarian Burkinabe Burmese Burundian Cambodian
Cameroonian Canadian Chadian Chilean Chinese Colombian Congolese Croatian Cuban Cypriot Czech Danish
Djiboutian Dutch Ecuadorian Egyptian Emirati English Eritrean Estonian Ethiopian Fijian
Filipino Finnish French Gabonese Gambian German Ghanaian Greek Grenadian Guatemalan Guinean
Guyanese Haitian Honduran Hungarian Icelandic Indian Indonesian Iranian Iraqi Irish Israeli Italian
Ivorian Jamaican Japanese Jordanian Kazakh Kenyan Korean Kosovar Kuwaiti Kyrgyz Lao Latvian Lebanese
Liberian Libyan Lithuanian Luxembourgish Macedonian Malagasy Malawian Malaysian Maldivian Malian
Maltese Mauritanian Mauritian Mexican Moldovan Monegasque Mongolian Montenegrin Moroccan Mozambican
Namibian Nepalese Nepali Nicaraguan Nigerian Nigerien Norwegian Omani Pakistani Palestinian Panamanian
Paraguayan Peruvian Polish Portuguese Qatari Romanian Russian Rwandan Salvadoran Samoan Saudi
Scottish Senegalese Serbian Singaporean Slovak Slovakian Slovenian Somali Spanish Sudanese
Surinamese Swazi Swedish Swiss Syrian Taiwanese Tajik Tanzanian Thai Togolese Tongan Trinidadian
Tunisian Turkish Turkmen Ugandan Ukrainian Uruguayan Uzbek Venezuelan Vietnamese Welsh Yemeni
Zambian Zimbabwean
""".split())

# nationalities one person or work can hold at once: naming one never contradicts the other
COMPATIBLE = frozenset(frozenset(p) for p in (
    ("British", "English"), ("British", "Scottish"), ("British", "Welsh"), ("British", "Irish"),
    ("Chinese", "Taiwanese"), ("Nepalese", "Nepali"), ("Slovak", "Slovakian"), ("Argentine", "Argentinian"),
))

# nouns after a nationality that say something other than what the subject *is* from
_RELATION_NOUNS = frozenset("""ally allies partner partners proxy proxies speaker speakers teacher teachers
interpreter interpreters translator translators language languages citizen citizens national nationals
resident residents descent origin origins border borders embassy ambassador envoy counterpart
counterparts rival rivals enemy enemies neighbour neighbours neighbor neighbors territory
""".split())
_COPULA = {"is": "now", "are": "now", "was": "past", "were": "past", "be": None, "been": None}
_NATIONALITY = re.compile(r"\b(?P<cop>is|was|are|were|be|been)\s+(?:an?\s+|the\s+)?(?P<mid>(?:[\w'’-]+\s+){0,3}?)"
                          r"(?P<dem>" + "|".join(sorted(DEMONYMS)) + r")\s+(?P<noun>[a-z][a-z-]+)\b")
_NOT_MODIFIER = re.compile(r"(?:ed|ing|ly)$|^(?:" + "|".join(sorted(STOP)) + r"|among|amongst|across|along|"
                           r"around|behind|beside|beyond|near|toward|towards|within|via|like)$", re.I)
_RELATIVE = re.compile(r"\b(?:who|which|that|whose|whom)\b", re.I)


def _statements(text: str) -> list[re.Match[str]]:
    """Identity statements: matches whose words between the copula and the nationality are
    modifiers ("a 2005 American film"), not a preposition or verb phrase ("was killed by
    Russian shelling", "was teaching Ukrainian troops", "had been actively targeting")."""
    return [m for m in _NATIONALITY.finditer(text)
            if m.group("noun") not in STOP and m.group("noun") not in _RELATION_NOUNS
            and not any(_NOT_MODIFIER.search(w) for w in m.group("mid").split())]


def _subject(text: str, copula_start: int) -> set[str]:
    """Content-word stems before the copula in its sentence, brackets dropped, after the last
    relative pronoun: "Mira Holt (born 1994) is …" → {mira, holt}; "Djokovic beat Medvedev,
    who is …" → nothing, so that sentence is not about Djokovic."""
    before = text[:copula_start]
    ends = [m.end() for m in re.finditer(r"[.!?;]\s", before)]
    clause = re.sub(r"\([^)]*\)", " ", before[ends[-1] if ends else 0 :])
    rel = list(_RELATIVE.finditer(clause))
    return _stems(clause[rel[-1].end() :] if rel else clause)


def _stems(text: str) -> set[str]:
    return set(content_stems(text))


def _names(text: str, demonym: str) -> bool:
    """Whether ``text`` names this nationality, or the country it comes from ("Ukraine")."""
    if re.search(rf"\b{demonym}\b", text):
        return True
    root = demonym[:-3] if demonym.endswith(("ian", "ese")) else demonym[:-1] if demonym.endswith(("n", "i")) else ""
    return len(root) >= 4 and re.search(rf"\b{root}[a-z]*\b", text) is not None


def nationality_conflict(claim: str, passage: str) -> tuple[re.Match[str], re.Match[str]] | None:
    """The first (claim match, passage match) pair that conflicts, else None (see module doc)."""
    theirs = _statements(passage)[:500]
    for m in _statements(claim)[:50]:
        dem = m.group("dem")
        if _names(passage, dem):
            continue
        # "There is a British actor named X": no subject words, so the whole claim says whom
        subject = _subject(claim, m.start("cop")) or _stems(claim)
        for q in theirs:
            if stem(q.group("noun")) != stem(m.group("noun")) or frozenset((dem, q.group("dem"))) in COMPATIBLE:
                continue
            tenses = {_COPULA[m.group("cop")], _COPULA[q.group("cop")]} - {None}
            if len(tenses) > 1 or not (subject & _subject(passage, q.start("cop"))):
                continue
            return m, q
    return None
