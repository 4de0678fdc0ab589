"""Every input an ingest accepts, as one stream of ``(label, Article | error)``.

* a folder (recursively): ``.txt``, ``.html``/``.htm``, ``.json`` (one article or records),
  ``.jsonl``, feeds (``.rss``, ``.atom``, ``.xml``), web archives (``.warc``, ``.warc.gz``)
* a JSON Lines file, an RSS/Atom feed, a WARC file
* social posts: a Telegram Desktop export (``result.json``), an X/Twitter archive (its folder,
  its zip, its ``data`` folder or ``tweets.js``); each post is a :class:`~claimgraph.read.posts.Post`
  (:func:`iter_inputs`; :func:`iter_articles` turns posts into their articles for readers
  that want articles only)

Feeds: only each entry's own content (``content`` or ``summary``) is read; links are metadata
and are never fetched, so an ingest never touches the network. WARC: ``response`` records with
an HTML payload become articles (URL from ``WARC-Target-URI``). One unreadable file or record
is yielded as an error and the stream goes on: a batch of thousands must not die on one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import ClaimgraphError, InputError
from ..model import Article
from ..options import ReadOptions
from ..read import article_from_html, article_from_text, read_bytes, read_records
from ..read.dates import sane_date
from ..read.decode import format_size
from ..read.posts import Post
from ..read.records import normalise_date
from ..read.source import read_file
from ..read.xarchive import TWEET_FILE

Item = tuple[str, "Article | ClaimgraphError"]
Input = tuple[str, "Article | Post | ClaimgraphError"]
SINGLE = {".txt", ".text", ".html", ".htm"}
FEEDS = {".rss", ".atom", ".xml"}
_TELEGRAM_HEAD = re.compile(rb'"type"\s*:\s*"(?:public_channel|private_channel|public_supergroup|private_supergroup|'
                            rb'private_group|personal_chat|bot_chat|saved_messages)"')


def kind_of(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz")):
        return "warc"
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return "jsonl"
    if suffix == ".json":
        return "telegram" if _is_telegram(path) else "json"
    if suffix == ".js" and TWEET_FILE.match(path.name):
        return "x"
    if suffix == ".zip":
        return "xzip"
    if suffix in FEEDS:
        return "feed"
    if suffix in SINGLE:
        return "single"
    return None


def _is_telegram(path: Path) -> bool:
    """A Telegram Desktop export: named ``result.json`` with an export's keys near the start, or
    any ``.json`` that starts like a chat export (``"type": "public_channel"`` ... ``"messages"``)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    if path.name.lower() == "result.json" and any(k in head for k in (b'"messages"', b'"chats"', b'"personal_information"')):
        return True
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and bool(_TELEGRAM_HEAD.search(head)) \
        and b'"messages"' in head


def files_of(paths: list[str]) -> Iterator[tuple[Path, str]]:
    """Input files in a stable order; unknown extensions inside folders are skipped.

    An X archive's own viewer page (``Your archive.html``) is not an article and is skipped;
    zips are only read when named on the command line (a folder's zips may be anything)."""
    for spec in paths:
        path = Path(spec)
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs.sort()
                x_root = (Path(root) / "data" / "account.js").exists()
                for name in sorted(names):
                    f = Path(root) / name
                    k = kind_of(f)
                    if k == "xzip" or (x_root and k == "single"):
                        continue
                    if k and not name.startswith("."):
                        yield f, k
        elif path.exists():
            yield path, kind_of(path) or "single"
        else:
            raise InputError(f"no such file or folder: {spec}")


def iter_articles(paths: list[str], options: ReadOptions | None = None) -> Iterator[Item]:
    """Every article of the inputs; a post is its article (a post without text is left out)."""
    for label, item in iter_inputs(paths, options):
        if isinstance(item, Post):
            art = item.article()
            if art is not None:
                yield label, art
        else:
            yield label, item


def iter_inputs(paths: list[str], options: ReadOptions | None = None, handle: str | None = None) -> Iterator[Input]:
    """Every article and post of the inputs; ``handle`` names the channel or account of an
    export that does not carry it (see ``read/telegram.py``, ``read/xarchive.py``)."""
    options = options or ReadOptions()
    for path, kind in files_of(paths):
        try:
            if kind in ("telegram", "x", "xzip"):
                yield from _posts(path, kind, options, handle)
            elif kind == "single":  # the size is checked before reading, and the read is bounded
                yield str(path), read_bytes(read_file(path, options.max_bytes), path.name, options)
            elif kind in ("jsonl", "json"):
                for i, item in enumerate(read_records(path, options), 1):
                    yield f"{path}#{i}", item
            elif kind == "feed":
                yield from _feed(path, options)
            elif kind == "warc":
                yield from _warc(path, options)
        except ClaimgraphError as exc:
            yield str(path), exc
        except OSError as exc:
            yield str(path), InputError(f"cannot read {path}: {exc.strerror or exc}")


def _posts(path: Path, kind: str, options: ReadOptions, handle: str | None) -> Iterator[Input]:
    """The posts of one export, read whole (its JSON has to be parsed whole) under the export
    size limit; an export that is not one at all raises, so it is one line, not one per post."""
    from ..read.records import parse_json_text
    from ..read.telegram import telegram_posts
    from ..read.xarchive import archive_posts, zip_posts

    limit = options.max_export_bytes
    if kind == "x":
        yield from archive_posts(path, limit, handle)
    elif kind == "xzip":
        yield from zip_posts(path, limit, handle)
    else:
        data = read_file(path, limit, hint="; export a shorter date range in Telegram Desktop")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(f"{path} is not a Telegram Desktop export: it is not UTF-8 text") from None
        del data
        value = parse_json_text(text, f"the Telegram export {path}")
        del text
        yield from telegram_posts(value, str(path), handle)


def _feed(path: Path, options: ReadOptions) -> Iterator[Item]:
    import feedparser

    # feedparser is given the bytes, never the URL: it must not fetch anything. It holds the
    # whole feed in memory (about 30 bytes per byte of feed), so the file must fit the limit.
    data = read_file(path, options.max_bytes, hint="; split the feed into smaller files")
    parsed = feedparser.parse(data)
    del data
    if parsed.get("bozo") and not parsed.entries:
        raise InputError(f"{path} is not a readable RSS/Atom feed: {parsed.get('bozo_exception')}")
    outlet = (parsed.feed.get("title") or "").strip() or None
    for i, entry in enumerate(parsed.entries, 1):
        label = f"{path}#{i}"
        try:
            body = ""
            if entry.get("content"):
                body = entry.content[0].get("value", "")
            body = body or entry.get("summary", "")
            if not body.strip():
                raise InputError("the feed entry has no content of its own")
            title = (entry.get("title") or "").strip() or None
            link = entry.get("link")
            date = sane_date(_entry_date(entry))  # a feed's impossible date is ignored
            if "<" in body and ">" in body:
                art = article_from_html(f"<html><body><article>{body}</article></body></html>", url=link)
                text = f"{title}\n\n{art.text}" if title and not art.text.startswith(title) else art.text
            else:
                text = f"{title}\n\n{body}" if title else body
            yield label, article_from_text(text, title=title, url=link, published=date, outlet=outlet,
                                           fmt="text", published_source="metadata" if date else None)
        except ClaimgraphError as exc:
            yield label, exc


def _entry_date(entry: object) -> str | None:
    import time
    import warnings

    for key in ("published_parsed", "updated_parsed"):
        with warnings.catch_warnings():  # feedparser warns about its own published/updated aliasing
            warnings.simplefilter("ignore", DeprecationWarning)
            value = entry.get(key)  # type: ignore[attr-defined]
        if value:
            try:
                return time.strftime("%Y-%m-%d", value)
            except (ValueError, OverflowError, TypeError):
                return None
    return normalise_date(entry.get("published") or entry.get("updated"))  # type: ignore[attr-defined]


def _warc(path: Path, options: ReadOptions) -> Iterator[Item]:
    """HTML responses of a WARC file, each read with a bound (a record may be huge in a small
    compressed file); a record cut off by the end of the file is reported, not dropped."""
    from warcio.archiveiterator import ArchiveIterator

    limit = options.max_bytes
    i = 0
    with path.open("rb") as fh:
        try:
            for i, record in enumerate(ArchiveIterator(fh), 1):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                if "html" not in ctype:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                label = f"{path}#{i}"
                try:
                    yield label, _warc_article(record, ctype, url, limit)
                except ClaimgraphError as exc:
                    yield label, exc
        except ClaimgraphError:
            raise
        except Exception as exc:  # warcio on a damaged file raises whatever it meets
            where = f" after record {i}" if i else ""
            raise InputError(f"{path} is not a readable WARC file{where}: "
                             f"{type(exc).__name__} {' '.join(str(exc).split())[:120]}") from None
    if path.name.lower().endswith(".gz") and not _gzip_intact(path):
        # warcio stops quietly at a cut-off gzip member: say so, or the lost records go unseen
        yield str(path), InputError(f"{path} is truncated or damaged after record {i}: "
                                    "the records after it could not be read")


def _gzip_intact(path: Path) -> bool:
    """Whether every gzip member of the file decompresses to its end (streamed, 1 MB at a time)."""
    import gzip
    import zlib

    try:
        with gzip.open(path, "rb") as fh:
            while fh.read(1 << 20):
                pass
    except (EOFError, OSError, zlib.error):
        return False
    return True


def _warc_article(record: object, ctype: str, url: str | None, limit: int) -> Article:
    declared = record.length  # type: ignore[attr-defined]
    if declared is not None and declared > limit + 64 * 1024:  # headers aside, the payload is too big
        raise InputError(f"the record is {format_size(declared)}, larger than the limit of {format_size(limit)}")
    raw = record.content_stream().read(limit + 1)  # type: ignore[attr-defined]
    if len(raw) > limit:
        raise InputError(f"the record's page is larger than the limit of {format_size(limit)}")
    if getattr(record.raw_stream, "limit", 0):  # type: ignore[attr-defined]
        raise InputError("the record is truncated: the file ends inside it")
    html = raw.decode(_charset(ctype), errors="replace")
    art = article_from_html(html, url=url)
    date = sane_date((record.rec_headers.get_header("WARC-Date") or "")[:10])  # type: ignore[attr-defined]
    if not art.published and date:
        # the capture date bounds publication from above; it is not the publication date
        art.published, art.published_source = date, "text"
    return art


def _charset(ctype: str) -> str:
    import codecs

    if "charset=" in ctype:
        name = ctype.split("charset=", 1)[1].split(";")[0].strip().strip('"')
        try:
            codecs.lookup(name)
            return name
        except LookupError:
            pass
    return "utf-8"


def count_inputs(paths: list[str]) -> int | None:
    """How many records the paths hold (for the progress bar's ETA); None when costly to know."""
    total = 0
    for path, kind in files_of(paths):
        if kind == "single":
            total += 1
        elif kind == "jsonl":
            with path.open("rb") as fh:
                total += sum(1 for line in fh if line.strip())
        elif kind == "json" and _head(path).startswith(b"{"):
            total += 1  # one article object (an array would need parsing to count)
        else:
            return None
    return total


def _head(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
