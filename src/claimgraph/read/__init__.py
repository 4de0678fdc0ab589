"""Readers: every input format becomes one :class:`~claimgraph.model.Article`.

Input is untrusted. Readers refuse empty, binary, oversized and undecodable input with an
:class:`~claimgraph.errors.InputError` (one line, no traceback) before any analysis runs;
URLs are fetched only through the address guard (``guard.py``, ``fetch.py``).

Public entry points:

* :func:`read_input` — a file path, ``-`` (stdin) or an http(s) URL → one Article
* :func:`read_bytes` — bytes in memory (uploads) → one Article
* :func:`read_records` — a JSONL file or JSON array → Articles, or a RecordError per bad record
* :func:`article_from_text`, :func:`article_from_html`, :func:`article_from_record`
* :func:`check_url`, :func:`fetch_url`, :func:`detect_language`, :func:`make_article_id`
"""

from .fetch import Fetched, fetch_url
from .guard import check_url
from .html import article_from_html
from .language import detect_language
from .plain import article_from_text, make_article_id
from .records import RecordError, article_from_record
from .source import read_bytes, read_input, read_records

__all__ = [
    "Fetched",
    "RecordError",
    "article_from_html",
    "article_from_record",
    "article_from_text",
    "check_url",
    "detect_language",
    "fetch_url",
    "make_article_id",
    "read_bytes",
    "read_input",
    "read_records",
]
