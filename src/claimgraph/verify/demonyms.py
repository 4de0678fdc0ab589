"""Nationality adjectives ("Indian", "Pakistani") for the conflicting-nationality rule.

A hand-written list of country demonyms, not religions, languages-only words or regions:
"a Christian rock band" and "an American rock band" can both be true, "an Indian cricketer"
and "a Pakistani cricketer" (of the same person) cannot. Words that are also common first
names, styles or orders ("a Georgian house", "a Dominican friar") or that overlap another
nationality ("Soviet") are left out on purpose.
"""

from __future__ import annotations

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
