"""Country, continent and bloc names, so that place checks only compare places below them.

Why a list and not a gazetteer: the event check (``events.py``) must never separate "Kharkiv"
from "Ukraine" (one contains the other) nor treat "Russia" — an actor far more often than a
place — as where an event happened. Names below country level (cities, regions) are the ones
that tell two strikes apart. The list is short, English, lower-case and folded like the
entities it is compared with (no diacritics, no leading article).
"""

from __future__ import annotations

_NAMES = """
afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas bahrain
bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia bosnia and herzegovina botswana brazil
brunei bulgaria burkina faso burundi cambodia cameroon canada cape verde chad chile china colombia comoros congo
costa rica croatia cuba cyprus czech republic czechia denmark djibouti dominica dominican republic ecuador egypt
el salvador eritrea estonia eswatini ethiopia fiji finland france gabon gambia georgia germany ghana greece
grenada guatemala guinea guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel italy
ivory coast jamaica japan jordan kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia lebanon lesotho
liberia libya liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania
mauritius mexico moldova monaco mongolia montenegro morocco mozambique myanmar namibia nauru nepal netherlands
holland new zealand nicaragua niger nigeria north korea north macedonia macedonia norway oman pakistan palau
palestine panama paraguay peru philippines poland portugal qatar romania russia russian federation rwanda
samoa san marino saudi arabia senegal serbia seychelles sierra leone singapore slovakia slovenia somalia
south africa south korea korea south sudan spain sri lanka sudan suriname sweden switzerland syria taiwan
tajikistan tanzania thailand togo tonga trinidad tunisia turkey turkiye turkmenistan tuvalu uganda ukraine
united arab emirates uae united kingdom uk britain great britain england scotland wales northern ireland
united states us usa u.s. u.s.a. america uruguay uzbekistan vanuatu vatican venezuela vietnam yemen zambia
zimbabwe soviet union ussr
europe asia africa north america south america latin america oceania antarctica middle east west east
european union eu the west baltic baltics balkans scandinavia nordic caucasus central asia
"""
_MULTI = [line.strip() for line in """
bosnia and herzegovina
burkina faso
cape verde
costa rica
czech republic
dominican republic
el salvador
ivory coast
new zealand
north korea
north macedonia
russian federation
san marino
saudi arabia
sierra leone
south africa
south korea
south sudan
sri lanka
united arab emirates
united kingdom
great britain
northern ireland
united states
soviet union
north america
south america
latin america
middle east
european union
the west
central asia
""".splitlines() if line.strip()]

NAMES = frozenset(_NAMES.split()) | frozenset(_MULTI)


def is_country_or_region(folded: str) -> bool:
    """``folded``: lower-case, no diacritics, no leading article ("the united states" → "united states")."""
    return folded in NAMES or folded.removeprefix("the ") in NAMES
