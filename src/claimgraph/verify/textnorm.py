"""Text clean-up shared by training, evaluation and run time.

Why a module of its own: the stance model must see text at run time the way it saw it in
training, and evaluation sets come in odd shapes (FEVER is tokenised with spaces around
punctuation and ``-LRB-`` for brackets). One function per quirk keeps the three paths equal.
"""

from __future__ import annotations

import datetime as dt
import re

_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
        "``": '"', "''": '"', "--": "-"}


def detokenize(text: str) -> str:
    """Undo Penn-Treebank style tokenisation (FEVER, WiCE) so the text reads like news copy."""
    for k, v in _PTB.items():
        text = text.replace(k, v)
    text = re.sub(r"\s+([.,;:!?%)\]}])", r"\1", text)
    text = re.sub(r"([(\[{$])\s+", r"\1", text)
    text = re.sub(r"\s+'(s|re|ve|d|ll|m|t)\b", r"'\1", text)
    text = re.sub(r"\s+n't\b", "n't", text)
    return " ".join(text.split())


_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,40}(?:,\s*[^\n\-–—(]{0,40})?(?:\s*\([^)\n]{1,40}\))?\s*[-–—]+\s+")


def strip_dateline(text: str) -> str:
    """Drop a wire dateline ("KYIV, March 3 (Example Wire) - ") before stance scoring.

    Why: the stance model was trained on plain sentences; a dateline is noise to it and
    measurably pulls a supporting sentence towards neutral. Offsets are not affected: only
    the model's input changes, never the passage that is shown.
    """
    return _DATELINE.sub("", text, count=1)


_MONTHS = {m: n for n, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                        "september", "october", "november", "december"), 1)}
_MON = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DAY_FORMS = (
    re.compile(r"\b(?P<y>1[5-9]\d\d|20\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)", re.ASCII),
    re.compile(r"\b" + _MON + r"\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>1[5-9]\d\d|20\d\d)\b", re.I | re.ASCII),
    re.compile(r"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r",?\s+(?P<y>1[5-9]\d\d|20\d\d)\b", re.I | re.ASCII),
)


_MONTH_DAY = (re.compile(r"\b" + _MON + r"\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)", re.I | re.ASCII),
              re.compile(r"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"(?![a-z])", re.I | re.ASCII))


def _month(name: str) -> int:
    """1-12 for a month name or abbreviation matched by ``_MON``; 0 if none (then no date)."""
    return next((v for k, v in _MONTHS.items() if k.startswith(name.lower()[:3])), 0)


def month_days(text: str) -> set[tuple[int, int]]:
    """Every (month, day) named in ``text``, with or without a year ("launched on Feb. 24")."""
    return {(_month(m.group("mon")), int(m.group("d"))) for form in _MONTH_DAY for m in form.finditer(text)}


def full_dates(text: str) -> list[tuple[dt.date, int, int]]:
    """Every full calendar date in ``text`` with its offsets: ISO, ``March 6, 2021``,
    ``December 15th, 2006``, ``6 March 2021``, ``22nd of November 1968``; impossible days
    ("February 30") are skipped. Listed form by form, then in text order."""
    out = []
    for form in _DAY_FORMS:
        for m in form.finditer(text):
            g = m.groupdict()
            month = int(g["m"]) if g.get("m") else _month(g["mon"])
            try:
                out.append((dt.date(int(g["y"]), month, int(g["d"])), m.start(), m.end()))
            except ValueError:
                continue
    return out


def day_number(text: str | None) -> int | None:
    """The first full calendar date in ``text`` as a proleptic ordinal day, else None.

    Accepts what fact-check collections and posts carry: ISO ``2021-03-06``, ``March 6, 2021``,
    ``6 March 2021``, PolitiFact's ``stated on October 22, 2019 in …``. Why a day number: the
    matcher only needs how far apart a claim and a fact-check are.
    """
    found = full_dates(text) if text else []
    return found[0][0].toordinal() if found else None
