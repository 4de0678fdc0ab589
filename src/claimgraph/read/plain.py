"""Plain text: the first non-empty line is the headline, the whole text is analysed.

Offsets are into the text exactly as given (after newline normalisation), so a user can
check any span against the file they passed in.
"""

from __future__ import annotations

import hashlib
import re

from ..errors import InputError
from ..model import Article
from .dates import check_published
from .language import detect_language

# A lone UTF-16 surrogate (JSON "\ud800", a Python str from anywhere) cannot be encoded, hashed
# or stored; NUL cannot be stored in PostgreSQL text. Each becomes U+FFFD, one character for
# one, so every offset still points at the same place.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` with lone surrogates and NULs replaced by U+FFFD (same length, same offsets)."""
    return _UNSTORABLE.sub("\ufffd", text)


def clean_field(value: str | None) -> str | None:
    """A metadata string (title, URL, outlet) made storable like the text."""
    return None if value is None else clean_text(value)


def make_article_id(text: str) -> str:
    """Content hash: the same text read twice (from a file, a URL, the API) is one article."""
    return hashlib.sha256(clean_text(text).encode("utf-8")).hexdigest()[:16]


def normalise_text(text: str) -> str:
    """Normalise newlines and strip a BOM; nothing else, so offsets stay meaningful."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def article_from_text(
    text: str,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    *,
    fmt: str = "text",
    published_source: str | None = None,
) -> Article:
    """Build an Article from already-decoded text; the headline defaults to the first line.

    Every reader ends here, so every Article carries its detected language and score (the
    pipeline, not the reader, decides whether to refuse non-English text), text and metadata
    that can be hashed and stored (:func:`clean_text`), and a publication date that is a real
    date in range or an :class:`InputError` (:func:`~claimgraph.read.dates.check_published`).
    """
    if not isinstance(text, str):
        raise InputError("article text must be a string")
    text = clean_text(normalise_text(text))
    if not text.strip():
        raise InputError("the article is empty: there is no text to analyse")
    published = check_published(published)
    title, url, outlet = clean_field(title), clean_field(url), clean_field(outlet)
    if title is None and fmt == "text":
        first = text.strip().split("\n", 1)[0].strip()
        title = first[:300] if first else None
    language, score = detect_language(text)
    return Article(
        id=make_article_id(text),
        text=text,
        title=title,
        url=url,
        outlet=outlet,
        published=published,
        published_source=published_source or ("metadata" if published else None),
        language=language,
        language_score=round(score, 4),
        format=fmt,
    )
