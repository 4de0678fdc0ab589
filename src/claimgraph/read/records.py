"""JSON records: one object per article, in a JSON array or a JSON Lines file.

Keys (the first present wins): text ``text`` | ``body`` | ``content`` (or ``html``, a page to
extract), headline ``title`` | ``headline``, ``url`` | ``link``, date ``published`` | ``date``,
outlet ``outlet`` | ``source`` | ``site`` (a ``{"name": ...}`` object is accepted, as news APIs
send it). The text is analysed exactly as given (newlines normalised only).

In a batch one bad record must never stop the others: :func:`iter_records` yields a
:class:`RecordError` for it and goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any, BinaryIO

from ..errors import ClaimgraphError, InputError
from ..model import Article
from .dates import check_published
from .decode import decode_bytes, format_size
from .plain import article_from_text

TEXT_KEYS = ("text", "body", "content")
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "link")
DATE_KEYS = ("published", "date")
OUTLET_KEYS = ("outlet", "source", "site")


class RecordError(InputError):
    """One record of a batch could not be read; ``index`` is 1-based, ``line`` is for JSONL."""

    def __init__(self, message: str, *, index: int, line: int | None = None) -> None:
        where = f"record {index}" + (f" (line {line})" if line is not None else "")
        super().__init__(f"{where}: {message}")
        self.index = index
        self.line = line


def article_from_record(record: Any) -> Article:
    """Build an Article from one decoded JSON value, or raise InputError saying what is wrong."""
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, found {_json_kind(record)}")
    title = _string(record, TITLE_KEYS)
    url = _string(record, URL_KEYS)
    published = _published(record)
    outlet = _outlet(record)
    text = _string(record, TEXT_KEYS)
    if text is None or not text.strip():
        html = _string(record, ("html",))
        if html and html.strip():
            from .html import article_from_html

            art = article_from_html(html, url=url)
            art.title = title or art.title
            art.outlet = outlet or art.outlet
            if published:
                art.published, art.published_source = published, "metadata"
            return art
        present = [k for k in TEXT_KEYS if k in record]
        if present:
            raise InputError(f"the '{present[0]}' field is empty: there is no text to analyse")
        raise InputError("no article text: the record has no 'text', 'body' or 'content' field")
    return article_from_text(
        text, title=title, url=url, published=published, outlet=outlet, fmt="json"
    )


def parse_json_text(text: str, what: str = "the input") -> Any:
    """Parse a whole JSON document, with the error position in the message."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{what} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise InputError(f"{what} is not usable JSON: it is nested too deeply") from None


def records_of(value: Any) -> list[Any]:
    """A top-level JSON value as a list of records: an array, or a single object."""
    return value if isinstance(value, list) else [value]


def iter_array(records: Iterable[Any]) -> Iterator[Article | ClaimgraphError]:
    for index, record in enumerate(records, start=1):
        yield _one(record, index=index, line=None)


def iter_jsonl(stream: BinaryIO, max_line_bytes: int) -> Iterator[Article | ClaimgraphError]:
    """Read JSON Lines one line at a time, each line at most ``max_line_bytes`` long.

    Lines are read with a bound, so a multi-gigabyte line costs at most that much memory.
    """
    index = 0
    for line_no, raw, too_long in _bounded_lines(stream, max_line_bytes):
        if not raw.strip() and not too_long:
            continue
        index += 1
        if too_long:
            yield RecordError(
                f"the line is longer than the limit of {format_size(max_line_bytes)}",
                index=index,
                line=line_no,
            )
            continue
        try:
            text = decode_bytes(raw.rstrip(b"\r\n"), what="the line")
            value = json.loads(text)
        except ClaimgraphError as exc:
            yield RecordError(str(exc), index=index, line=line_no)
            continue
        except json.JSONDecodeError as exc:
            yield RecordError(
                f"not valid JSON ({exc.msg} at column {exc.colno})", index=index, line=line_no
            )
            continue
        except RecursionError:
            yield RecordError("not usable JSON (nested too deeply)", index=index, line=line_no)
            continue
        yield _one(value, index=index, line=line_no)


def normalise_date(value: str | None) -> str | None:
    """An ISO 8601 date or datetime from common date spellings; None if it is not a date.

    ISO 8601 and RFC 2822 (feeds, e-mail) are parsed exactly; anything else goes to
    dateparser with the day, month and year all required, so "yesterday" or "May" never
    become a made-up date.
    """
    if not value or not value.strip():
        return None
    value = value.strip()
    if len(value) > 100:  # no date is this long; dateparser on megabytes would take minutes
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    if not any(ch.isdigit() for ch in value):
        return None
    import dateparser  # lazy: slow to import, rarely needed

    try:
        parsed = dateparser.parse(
            value,
            languages=["en"],
            settings={"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False},
        )
    except (OverflowError, ValueError, TypeError):  # "31 December 99999": not a date
        return None
    if parsed is None:
        return None
    has_time = any(ch == ":" for ch in value)
    return parsed.isoformat() if has_time else parsed.date().isoformat()


def _one(record: Any, *, index: int, line: int | None) -> Article | ClaimgraphError:
    try:
        return article_from_record(record)
    except ClaimgraphError as exc:
        return RecordError(str(exc), index=index, line=line)


def _bounded_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes, bool]]:
    line_no = 0
    while True:
        chunk = stream.readline(limit + 1)
        if not chunk:
            return
        line_no += 1
        if len(chunk) > limit and not chunk.endswith(b"\n"):
            while chunk and not chunk.endswith(b"\n"):  # skip the rest of the long line
                chunk = stream.readline(1 << 20)
            yield line_no, b"", True
        else:
            yield line_no, chunk, False


def _string(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if key not in record or record[key] is None:
            continue
        value = record[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool) and key in DATE_KEYS:
            raise InputError(f"the '{key}' field must be a date string, not a number")
        if not isinstance(value, str):
            raise InputError(f"the '{key}' field must be a string, found {_json_kind(value)}")
        return value
    return None


def _published(record: dict[str, Any]) -> str | None:
    """The record's date: absent or unreadable is None (as before); a real date out of range is
    an error, so the record is reported and skipped rather than stored with a wrong date."""
    value = _string(record, DATE_KEYS)
    iso = normalise_date(value)
    if iso is None:
        return None
    key = next(k for k in DATE_KEYS if record.get(k) is not None)
    return check_published(iso, what=f"the '{key}' field")


def _outlet(record: dict[str, Any]) -> str | None:
    for key in OUTLET_KEYS:
        value = record.get(key)
        if isinstance(value, dict):
            value = value.get("name")
        if isinstance(value, str) and value.strip():
            return value.strip()
        if value is not None and not isinstance(value, str):
            raise InputError(f"the '{key}' field must be a string or an object with a 'name'")
    return None


def _json_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if value is None:
        return "null"
    return "a string"
