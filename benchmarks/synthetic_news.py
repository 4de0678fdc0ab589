"""A generator of realistic synthetic news text, written for the scaling benchmark and the fuzz suite.

Long real articles are rare and third-party text may not enter the repository, so the
benchmark needs its own: paragraphs of one to four sentences mixing what a wire story mixes
(direct and indirect quotes, "according to", anonymous officials, hedges, social posts, dates
absolute and relative, figures, unattributed statements). Names, places and organisations are
invented. The output is deterministic for a seed, so runs can be compared.
"""

from __future__ import annotations

import random

FIRST = ["Ana", "Tomas", "Mirela", "Jonah", "Priya", "Kwame", "Elena", "Farid", "Greta", "Oscar", "Lucia", "Daniel"]
LAST = ["Ruiz", "Okafor", "Lindqvist", "Haddad", "Moreau", "Castellano", "Brennan", "Novak", "Adeyemi", "Sato"]
ROLES = ["Mayor", "Finance Minister", "Police Chief", "spokeswoman", "spokesman", "Senator", "Governor",
         "professor of economics", "union leader", "chief executive"]
ORGS = ["the Ministry of Transport", "the Harbour Authority", "the National Statistics Office", "Northgate Bank",
        "the Coastal Water Board", "the Teachers' Union", "the Regional Health Service", "Veltrix Energy",
        "the Central Electoral Commission", "the Port Workers' Association"]
PLACES = ["Port Aster", "Kelmora", "the Varda valley", "East Linton", "Sorrel Bay", "the northern district",
          "Bramwell", "the old town"]
TOPICS = ["the new ferry terminal", "the water tariff", "the hospital budget", "the rail strike",
          "the flood defences", "the fuel subsidy", "the school reform", "the harbour fire"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
VERBS = ["said", "told reporters", "added", "claimed", "insisted", "warned", "stated", "argued", "announced"]
RELATIVE = ["last week", "on Tuesday", "two days ago", "earlier this month", "last year", "next month",
            "this morning", "in the past three years", "since 2019", "by the end of the year"]


def _person(r: random.Random) -> str:
    return f"{r.choice(FIRST)} {r.choice(LAST)}"


def _date(r: random.Random) -> str:
    return f"{r.choice(MONTHS)} {r.randint(1, 28)}, {r.randint(2015, 2024)}"


def _figure(r: random.Random) -> str:
    return r.choice([f"{r.randint(2, 98)} percent", f"{r.randint(1, 900):,} homes", f"${r.randint(2, 90)} million",
                     f"{r.randint(1_000, 90_000):,} people", f"{r.randint(2, 40)} kilometres"])


def _statement(r: random.Random) -> str:
    """A clause a source might assert."""
    return r.choice([
        f"{r.choice(TOPICS)} would cost {_figure(r)} more than planned",
        f"{_figure(r)} in {r.choice(PLACES)} had been affected {r.choice(RELATIVE)}",
        f"the government had ignored warnings about {r.choice(TOPICS)}",
        f"work on {r.choice(TOPICS)} will start on {_date(r)}",
        f"{r.choice(ORGS)} had not been consulted",
        f"prices rose by {r.randint(2, 19)} percent {r.choice(RELATIVE)}",
        f"the decision was taken {r.choice(RELATIVE)} without a vote",
    ])


def _sentence(r: random.Random) -> str:
    kind = r.randrange(11)
    s = _statement(r)
    cap = s[0].upper() + s[1:]
    if kind == 0:
        return f"“{cap},” {_person(r)}, the {r.choice(ROLES)}, {r.choice(VERBS)}."
    if kind == 1:
        return f"{r.choice(ORGS)[0].upper() + r.choice(ORGS)[1:]} said {r.choice(RELATIVE)} that {s}."
    if kind == 2:
        return f"According to {r.choice(ORGS)}, {s}."
    if kind == 3:
        return f"A senior official, who spoke on condition of anonymity, said {s}."
    if kind == 4:
        return f"{_person(r)} reportedly told colleagues that {s}."
    if kind == 5:
        return f"In a post on X on {r.choice(WEEKDAYS)}, {_person(r)} wrote that {s}."
    if kind == 6:
        return f"On {r.choice(WEEKDAYS)} ({_date(r)}), crews returned to {r.choice(PLACES)}."
    if kind == 7:
        return f"The bridge in {r.choice(PLACES)}, built in {r.randint(1950, 2005)}, carries {_figure(r)} a day."
    if kind == 8:
        return f"Is {r.choice(TOPICS)} worth it?"
    if kind == 9:
        return f"{cap}, officials say."
    return f"{cap}."


def synthetic_article(n_sentences: int, seed: int = 13) -> str:
    """A headline, a dateline and ``n_sentences`` sentences in paragraphs of one to four."""
    r = random.Random(seed)
    lines = [f"{r.choice(PLACES).title()} braces for {r.choice(TOPICS)} after {r.choice(ORGS)} vote", ""]
    first = True
    done = 0
    while done < n_sentences:
        k = min(n_sentences - done, r.randint(1, 4))
        para = " ".join(_sentence(r) for _ in range(k))
        if first:
            para = f"{r.choice(PLACES).upper()}, {_date(r)} — {para}"
            first = False
        lines.append(para)
        lines.append("")
        done += k
    return "\n".join(lines)
