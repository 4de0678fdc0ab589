"""HTML pages: the article body and its metadata, without navigation, ads and footers.

trafilatura does the extraction (lxml parser, no scripts executed, no network: it is given a
string, never a URL to download). Its result is untrusted like the page itself, and any
failure of the parser on hostile markup becomes a one-line :class:`InputError`.

The text analysed is the headline, a blank line, then the body, unless the body already
starts with the headline. That mirrors plain-text input (first line = headline), so claims in
the headline are analysed too and offsets still point into ``Article.text``.
"""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from ..model import Article
from .dates import sane_date
from .plain import article_from_text

NO_TEXT = "no article text found in the HTML"

# Dates only from the page's metadata (meta tags, JSON-LD, <time>), not guessed from the
# text or the URL: a guessed date labelled "metadata" would mislead every time check.
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}


def article_from_html(html: str, *, url: str | None = None, fmt: str = "html") -> Article:
    """Extract the main text and metadata of one page; raise InputError if there is none."""
    doc = _extract(html, url=url, favor_recall=False)
    if doc is None or not (getattr(doc, "text", None) or "").strip():
        # Short or oddly built pages: a second, more lenient pass before giving up.
        doc = _extract(html, url=url, favor_recall=True)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise InputError(NO_TEXT)
    title = _clean(getattr(doc, "title", None))
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    date = sane_date(_clean(getattr(doc, "date", None)))  # a page's bad date is ignored
    outlet = _clean(getattr(doc, "sitename", None)) or _clean(getattr(doc, "hostname", None))
    page_url = url or _clean(getattr(doc, "url", None))
    return article_from_text(
        text,
        title=title,
        url=page_url,
        published=date,
        outlet=outlet,
        fmt=fmt,
        published_source="metadata" if date else None,
    )


def _extract(html: str, *, url: str | None, favor_recall: bool) -> Any:
    import trafilatura  # lazy: heavy import, and only HTML input needs it

    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
            include_tables=True,
            deduplicate=False,
            favor_recall=favor_recall,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except Exception as exc:  # hostile markup must not crash the reader with a traceback
        raise InputError(
            f"{NO_TEXT} (the page could not be parsed: {type(exc).__name__})"
        ) from None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
