"""Which reader a piece of input needs: by file name, by HTTP content type, then by content.

A known extension wins (an article saved as ``.txt`` that quotes ``<p>`` is still plain text);
without one, the first characters decide. Sniffing is deliberately conservative: only input
that *starts* like HTML or JSON is treated as such, everything else is plain text.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePath

TEXT, HTML, JSON, JSONL = "text", "html", "json", "jsonl"

_EXTENSIONS = {
    ".txt": TEXT,
    ".text": TEXT,
    ".md": TEXT,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".json": JSON,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
}
_CONTENT_TYPES = {
    "text/html": HTML,
    "application/xhtml+xml": HTML,
    "application/json": JSON,
    "text/json": JSON,
    "application/x-ndjson": JSONL,
    "application/jsonl": JSONL,
    "application/jsonlines": JSONL,
    "text/plain": None,  # servers label many things text/plain: sniff
}
_HTML_START = re.compile(r"^(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAG = re.compile(
    r"<(?:html|head|body|article|main|div|p|meta|title|h[1-6]|section|span|br)\b[^>]*>", re.I
)


def format_from_name(name: str | None) -> str | None:
    """The format a file name's extension promises, or None when it promises nothing."""
    if not name:
        return None
    return _EXTENSIONS.get(PurePath(name).suffix.lower())


def is_allowed_content_type(media_type: str | None) -> bool:
    """HTML, plain text and JSON only: anything else (PDF, images, video) is not an article."""
    if not media_type:
        return True  # unlabelled: decided by sniffing the bytes
    return (
        media_type in _CONTENT_TYPES
        or media_type.endswith("+json")
        or media_type == "text/markdown"
    )


def format_from_content_type(media_type: str | None) -> str | None:
    if not media_type:
        return None
    if media_type.endswith("+json"):
        return JSON
    return _CONTENT_TYPES.get(media_type)


def sniff_format(text: str) -> str:
    """HTML, JSON, JSON Lines or plain text, judged from how the text starts."""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if head.startswith("<"):
        if _HTML_START.match(head) or len(_HTML_TAG.findall(head)) >= 2:
            return HTML
        return TEXT
    if head.startswith(("{", "[")):
        return _sniff_json(text)
    return TEXT


def _sniff_json(text: str) -> str:
    stripped = text.strip()
    try:
        json.loads(stripped)
        return JSON
    except (json.JSONDecodeError, RecursionError):
        pass
    first_line = stripped.split("\n", 1)[0].strip()
    try:
        if isinstance(json.loads(first_line), dict):
            return JSONL
    except (json.JSONDecodeError, RecursionError):
        pass
    # Broken JSON that was clearly meant as JSON ("{"key": ..." or "[{...") is reported as a
    # JSON error; a text that merely starts with a bracket ("[Updated] ...") is text.
    after = stripped[1:].lstrip()[:1]
    return JSON if after in ('"', "{", "[", "]", "}") else TEXT
