"""Word lists behind the attribution rules, kept apart from the rules so they can be reviewed.

The pipeline runs spaCy without its lemmatizer (15 % faster), so verbs are matched on their
lower-cased inflected forms, generated here once from the base forms.
"""

from __future__ import annotations

import functools

# Verbs that attribute speech or writing ("said", "told", "tweeted").
SPEECH_VERBS = (
    "say tell claim confirm deny state announce add note explain insist argue warn suggest "
    "write tweet post report reveal allege acknowledge admit assert declare maintain "
    "contend stress emphasize emphasise reiterate repeat remark comment respond reply answer "
    "testify disclose indicate predict estimate promise vow pledge threaten boast complain "
    "concede agree recall caution urge ask question charge accuse counter dispute "
    "insinuate imply mention observe point acknowledge affirm assure proclaim "
    "conclude find show demonstrate describe characterize characterise call brand label "
    "dismiss reject rebut refute deny inform advise signal hint speculate guess "
    "shout yell scream whisper murmur mutter tout quip joke lament continue endorse support praise "
    "criticize criticise condemn cite blame welcome oppose accuse propose demand"
).split()

# Verbs of belief and knowledge: PolNeAR attributes internal states too ("believes that").
BELIEF_VERBS = (
    "believe think feel know expect hope fear worry doubt suspect assume understand "
    "reckon realize realise recognize recognise bet wonder"
).split()

# Nouns that cue an attribution with an "of"/"by"/possessive source: "the report of X".
REPORT_NOUNS = frozenset(
    "report reports reporting statement statements article story analysis investigation "
    "survey poll study account accounts claim claims assessment estimate estimates data "
    "figures interview tweet post video footage dispatch bulletin release briefing "
    "announcement testimony words coverage review memo letter document documents".split()
)

# Nouns for unnamed collectives that carry an anonymous claim: "news is coming that …".
RUMOUR_NOUNS = frozenset(
    "news word reports report rumours rumors rumour rumor claims speculation "
    "allegations indications signs talk whispers".split()
)
RUMOUR_VERBS = frozenset(
    "coming come comes emerging emerge emerges emerged circulating circulate circulates "
    "circulated surfacing surface surfaced spreading spread spreads suggesting suggest "
    "suggests suggested swirling swirl indicate indicates indicated have has".split()
)

# Impersonal passives: "it is said that", "it was reported that".
IMPERSONAL_PARTICIPLES = frozenset(
    "said reported claimed believed alleged rumoured rumored thought understood "
    "learned learnt known suggested feared expected estimated".split()
)

# Adverbs that attribute a clause to nobody in particular.
HEARSAY_ADVERBS = frozenset(
    "reportedly allegedly purportedly supposedly apparently ostensibly rumoredly".split()
)

# Words that weaken a claim.
HEDGE_WORDS = frozenset(
    "reportedly allegedly purportedly supposedly apparently possibly probably perhaps maybe "
    "may might could unconfirmed unverified rumoured rumored seemingly likely unlikely "
    "appears appear appeared seems seem seemed suggests suggest suggested".split()
)

# Heads of noun phrases that name no one: "sources say", "someone said".
ANONYMOUS_HEADS = frozenset(
    "source sources someone somebody anyone anybody insider insiders people person "
    "one others reports".split()
)

# Heads that describe an organisation without naming it.
ORG_HEADS = frozenset(
    "agency agencies ministry ministries government governments department office "
    "administration army military police force forces service services intelligence "
    "committee council court commission company firm corporation group organisation "
    "organization newspaper paper outlet outlets media network broadcaster channel station "
    "magazine website site union party campaign team authority authorities regime "
    "embassy consulate institute university school hospital bank board panel parliament "
    "congress senate cabinet kremlin pentagon command headquarters staff watchdog "
    "regulator prosecutors prosecution spokesperson unit brigade battalion".split()
)

# A small list of news outlets and agencies the NER model sometimes misses.
NEWS_OUTLETS = (
    "The New York Times", "New York Times", "NYT", "The Washington Post", "Washington Post",
    "The Wall Street Journal", "Wall Street Journal", "Reuters", "Associated Press", "AP",
    "AFP", "Agence France-Presse", "BBC", "CNN", "Fox News", "NBC", "NBC News", "CBS",
    "CBS News", "ABC News", "NPR", "Politico", "The Guardian", "Guardian", "The Times",
    "The Telegraph", "Bloomberg", "Al Jazeera", "Der Spiegel", "Le Monde", "TASS", "RIA Novosti",
    "Interfax", "Ukrinform", "Kyiv Independent", "The Kyiv Independent", "Financial Times",
    "The Economist", "USA Today", "HuffPost", "Huffington Post", "Breitbart", "Axios",
    "The Atlantic", "Newsweek", "Time", "Sky News", "Deutsche Welle", "DW", "Euronews",
    "RT", "Sputnik", "Xinhua", "Kyodo", "Yonhap", "The Hill", "Vox", "BuzzFeed News",
    "The Daily Beast", "Daily Beast", "Daily Mail", "The Sun", "New York Post", "Los Angeles Times",
    "Washington Examiner", "ProPublica", "GQ", "Vanity Fair", "The New Yorker", "Wired", "The Intercept",
    "Mother Jones", "National Review", "Daily Caller", "MSNBC", "CNBC", "Fox Business", "Yahoo News",
    "BBC News", "ITV News", "Channel 4 News", "Times of Israel", "The Times of Israel", "Jerusalem Post",
    "The Jerusalem Post", "Haaretz", "Meduza", "Novaya Gazeta", "Kommersant", "Izvestia", "Vedomosti",
    "Ukrainska Pravda", "Kyiv Post", "Interfax-Ukraine", "UNIAN", "Bild", "Die Welt", "Welt", "Le Figaro",
    "El País", "Corriere della Sera", "Der Standard", "Süddeutsche Zeitung", "Frankfurter Allgemeine Zeitung",
    "The Washington Times", "Semafor", "Bellingcat", "Radio Free Europe", "Radio Liberty",
    "Radio Free Europe/Radio Liberty", "RFE/RL", "Voice of America", "Al Arabiya", "Anadolu",
)

# Last words of newspaper and broadcaster names: "the Calder Herald", "Northbay Times".
OUTLET_WORDS = frozenset(
    "times post journal herald tribune gazette news daily chronicle telegraph guardian observer "
    "mirror express courier independent press agency radio tv television broadcasting "
    "magazine review bulletin dispatch wire monitor inquirer examiner record ledger notes".split()
)

PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})
PRONOUNS_PLURAL = frozenset({"they", "them"})
PRONOUNS_THING = frozenset({"it"})
PRONOUNS_SPEAKER = frozenset({"i", "we", "me", "us"})


def _inflect(base: str) -> set[str]:
    """Regular English inflections of a verb, plus the irregular ones we need."""
    forms = {base}
    irregular = {
        "say": {"says", "said", "saying"},
        "tell": {"tells", "told", "telling"},
        "write": {"writes", "wrote", "written", "writing"},
        "think": {"thinks", "thought", "thinking"},
        "know": {"knows", "knew", "known", "knowing"},
        "feel": {"feels", "felt", "feeling"},
        "find": {"finds", "found", "finding"},
        "understand": {"understands", "understood", "understanding"},
        "bet": {"bets", "betting"},
        "show": {"shows", "showed", "shown", "showing"},
        "speak": {"speaks", "spoke", "spoken", "speaking"},
    }
    if base in irregular:
        return forms | irregular[base]
    if base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2] not in "aeiou":
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {base + "es", base + "ed", base + "ing"}
    else:
        forms |= {base + "s", base + "ed", base + "ing"}
        if base in {"admit", "commit", "quip", "fret"}:
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
        if base.endswith("ar") or base in {"refer", "concur"}:
            forms |= {base + "red", base + "ring"}
    return forms


@functools.lru_cache(maxsize=1)
def cue_verb_forms() -> dict[str, str]:
    """Inflected form → ("speech" | "belief") class."""
    table: dict[str, str] = {}
    for base in BELIEF_VERBS:
        for form in _inflect(base):
            table[form] = "belief"
    for base in SPEECH_VERBS:
        for form in _inflect(base):
            table[form] = "speech"
    return table
