"""Whether a passage can be about the same event as a claim, by when both were published.

News repeats itself: "three killed in Kharkiv" is reported on many days, "Russian forces shelled
Chernihiv" in February and in June, and a passage from another month that says the same kind of
thing is another event, not evidence (issue 15; the fourth judged verdict sample: the same city
months later, the same briefing's subject weeks later). A claim is dated by its article, a
passage by its document (``evidence_docs.published``); when both dates are known and further
apart than ``EVENT_WINDOW_DAYS``, the passage decides no verdict unless the claim itself says
which event it means in a way the passage repeats:

* a date the claim names ("On 8 April in Kramatorsk …") that the passage names too: a later
  report of that dated event;
* the claim's quotation (at least ``QUOTE_WORDS`` words in quotation marks) found word for word
  in the passage: one statement, reported again later ("Hitler 'had Jewish blood'").

Either date unknown (evidence without a publication date, a typed claim without ``--date``):
no limit, as before.
"""

from __future__ import annotations

import re

from .textnorm import day_number, month_days

EVENT_WINDOW_DAYS = 14
"""Days between the claim's article and the passage's document beyond which a passage is
another event unless the claim's date or quotation ties them. Measured on the four judged
samples: of the passages that decided a right support, all but three (a place name's meaning,
a dated strike, a quotation) were published within two weeks of the claim."""
QUOTE_WORDS = 3
# double quotes, or single curly ones opening after a space (not an apostrophe: "Russia’s")
_QUOTE = re.compile(r"[“\"]([^“”\"]{3,300})[”\"]|(?:^|(?<=\s))‘(.{3,300}?)’(?![A-Za-z])")
_SPACE = re.compile(r"\s+")


def days_apart(claim_published: str | int | None, passage_published: str | None) -> int | None:
    """Absolute days between the two publication dates, None when either is unknown. The claim's
    may be given as a day number already (``verify_claim``'s ``when``)."""
    a = claim_published if isinstance(claim_published, int) else day_number(claim_published)
    b = day_number(passage_published)
    return None if a is None or b is None else abs(a - b)


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text.replace("’", "'").replace("‘", "'").lower())


def quotations(text: str) -> list[str]:
    """Quoted stretches of at least ``QUOTE_WORDS`` words (straight or curly marks)."""
    found = (a or b for a, b in _QUOTE.findall(text))
    return [q.strip() for q in found if len(q.split()) >= QUOTE_WORDS]


def other_time(claim: str, passage: str, apart: int | None) -> str | None:
    """Why the passage is not shown to be about the claim's event in time, or None.

    None when the dates are unknown or within the window, or when the claim names a date the
    passage names too, or quotes words the passage quotes too."""
    if apart is None or apart <= EVENT_WINDOW_DAYS:
        return None
    if month_days(claim) & month_days(passage):
        return None
    body = _norm(passage)
    if any(_norm(q) in body for q in quotations(claim)):
        return None
    return (f"the passage was published {apart} days from the claim's article and names neither the claim's "
            "date nor its quotation: another day's news, not shown to be the same event")
