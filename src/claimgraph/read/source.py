"""Entry points: a file path, ``-`` (stdin), a URL, or raw bytes → one :class:`Article`.

Size limits are enforced before the input is read in full: a file by its size on disk, stdin
and URLs by reading at most ``max_bytes + 1`` bytes. Whatever the source, the bytes then go
through the same decoding (``decode.py``) and format choice (``formats.py``).
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import ClaimgraphError, InputError
from ..model import Article
from ..options import ReadOptions
from . import formats
from .decode import binary_kind, decode_bytes, format_size
from .html import article_from_html
from .plain import article_from_text
from .records import article_from_record, iter_array, iter_jsonl, parse_json_text, records_of

_URL_LIKE = re.compile(r"^\s*[a-zA-Z][a-zA-Z0-9+.-]*://")
# Schemes that must reach the guard (and be refused there) even without "//".
_SCHEME_ONLY = re.compile(r"^\s*(?:data|javascript|vbscript|file|about|blob):", re.I)
_DOMAIN_LIKE = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/|$)", re.I)


def read_input(spec: str, options: ReadOptions | None = None) -> Article:
    """Read one article from a file path, ``-`` for standard input, or an http(s) URL."""
    options = options or ReadOptions()
    if spec == "-":
        data = _read_bounded(sys.stdin.buffer, options.max_bytes, "standard input")
        return _article_from_bytes(data, name=None, what="standard input")
    if _URL_LIKE.match(spec) or _SCHEME_ONLY.match(spec):
        return _read_url(spec.strip(), options)
    data = read_file(Path(spec), options.max_bytes)
    return _article_from_bytes(data, name=spec, what=f"the file {spec}")


def read_bytes(data: bytes, name: str | None = None, options: ReadOptions | None = None) -> Article:
    """Read one article from bytes already in memory (an upload); ``name`` hints the format."""
    options = options or ReadOptions()
    if len(data) > options.max_bytes:
        raise InputError(
            f"the input is {format_size(len(data))}, more than the limit of "
            f"{format_size(options.max_bytes)}"
        )
    return _article_from_bytes(data, name=name, what=f"the upload {name}" if name else "the input")


def read_records(
    path: str | os.PathLike[str], options: ReadOptions | None = None
) -> Iterator[Article | ClaimgraphError]:
    """Read a batch: a JSON Lines file (one object per line) or a JSON array of objects.

    Problems with the file itself (missing, binary, not JSON) raise at once; a bad record
    is yielded as a :class:`~claimgraph.read.records.RecordError` and the others go on.
    JSON Lines are streamed (each line at most ``max_bytes``); a JSON array is read whole,
    so it must fit in ``max_bytes``.
    """
    options = options or ReadOptions()
    spec = os.fspath(path)
    fmt = formats.format_from_name(spec)
    if spec == "-":
        stream: BinaryIO = sys.stdin.buffer
        what = "standard input"
    else:
        file_path = Path(spec)
        _stat_regular(file_path, options.max_bytes if fmt == formats.JSON else None)
        stream = file_path.open("rb")
        what = f"the file {spec}"
    try:
        head = stream.peek(4096)[:4096] if hasattr(stream, "peek") else b""
        kind = binary_kind(head)
        # A stray NUL in one record is that record's problem (reported, the others read);
        # NULs all through the head mean UTF-16/32 or binary data, which is the file's.
        if kind or head.count(b"\x00") * 8 > len(head):
            raise InputError(f"{what} looks like {kind or 'binary data'}, not JSON records")
        if fmt is None:
            start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
            fmt = formats.JSON if start == b"[" else _jsonl_or_json(head) if start == b"{" else None
            if fmt is None:
                raise InputError(
                    f"{what} is not JSON records (expected a JSON array or JSON Lines)"
                )
        if fmt == formats.JSONL:
            return _closing(iter_jsonl(stream, options.max_bytes), stream)
        data = _read_bounded(
            stream, options.max_bytes, what, hint="; use JSON Lines for large batches"
        )
    except BaseException:
        if stream is not sys.stdin.buffer:
            stream.close()
        raise
    if stream is not sys.stdin.buffer:
        stream.close()
    value = parse_json_text(decode_bytes(data, what=what), what)
    if isinstance(value, (dict, list)):
        return iter_array(records_of(value))
    raise InputError(f"{what} is not JSON records (expected an object or an array of objects)")


def _jsonl_or_json(head: bytes) -> str:
    """An object on the first line means JSON Lines; otherwise one pretty-printed document."""
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0]
    try:
        json.loads(first)
    except (ValueError, RecursionError):
        return formats.JSONL if len(first) >= 4000 else formats.JSON
    return formats.JSONL


def _article_from_bytes(
    data: bytes,
    *,
    name: str | None,
    what: str,
    media_type: str | None = None,
    charset: str | None = None,
    url: str | None = None,
) -> Article:
    text = decode_bytes(data, declared_charset=charset, what=what)
    if not text.strip():
        raise InputError(f"{what} is empty: there is no text to analyse")
    fmt = formats.format_from_name(name) or formats.format_from_content_type(media_type)
    fmt = fmt or formats.sniff_format(text)
    if fmt == formats.HTML:
        article = article_from_html(text, url=url)
    elif fmt in (formats.JSON, formats.JSONL):
        article = _single_record(text, fmt, what)
    else:
        article = article_from_text(text, url=url)
    if url is not None:
        article.url, article.format = url, "url"
    return article


def _single_record(text: str, fmt: str, what: str) -> Article:
    if fmt == formats.JSONL:
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > 1:
            raise InputError(
                f"{what} holds {len(lines)} JSON lines; read it as a batch (one article per record)"
            )
        values = [parse_json_text(line, what) for line in lines]
    else:
        values = records_of(parse_json_text(text, what))
    if not values:
        raise InputError(f"{what} holds no JSON records")
    if len(values) > 1:
        raise InputError(
            f"{what} holds {len(values)} records; read it as a batch (one article per record)"
        )
    return article_from_record(values[0])


def _read_url(url: str, options: ReadOptions) -> Article:
    from .fetch import fetch_url

    fetched = fetch_url(url, options)
    return _article_from_bytes(
        fetched.body,
        name=None,
        what=f"the page {fetched.url}",
        media_type=fetched.media_type,
        charset=fetched.charset,
        url=fetched.url,
    )


def read_file(path: Path, max_bytes: int, hint: str = "") -> bytes:
    """A whole file, refused before reading when its size is over ``max_bytes`` and read with a
    bound anyway (a FIFO or a growing file has no trustworthy size)."""
    _stat_regular(path, max_bytes, hint)
    try:
        with path.open("rb") as f:
            return _read_bounded(f, max_bytes, f"the file {path}", hint)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


def _stat_regular(path: Path, max_bytes: int | None, size_hint: str = "") -> None:
    """Refuse missing files, directories and (when ``max_bytes`` is given) oversized files
    by their size on disk, before a single byte is read."""
    try:
        info = path.stat()
    except FileNotFoundError:
        hint = ""
        if _DOMAIN_LIKE.match(str(path)):
            hint = "; for a web page give the full URL, starting with https://"
        raise InputError(f"no such file: {path}{hint}") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path} is a directory, not a file")
    if max_bytes is not None and stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
        raise InputError(
            f"the file {path} is {format_size(info.st_size)}, more than the limit of "
            f"{format_size(max_bytes)}{size_hint}"
        )


def _read_bounded(stream: BinaryIO, max_bytes: int, what: str, hint: str = "") -> bytes:
    """Read at most ``max_bytes + 1`` bytes: one more than allowed proves the input too big."""
    chunks: list[bytes] = []
    size = 0
    while size <= max_bytes:
        chunk = stream.read(min(1 << 20, max_bytes + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > max_bytes:
        raise InputError(f"{what} is larger than the limit of {format_size(max_bytes)}{hint}")
    return b"".join(chunks)


def _closing(
    records: Iterator[Article | ClaimgraphError], stream: BinaryIO
) -> Iterator[Article | ClaimgraphError]:
    try:
        yield from records
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
