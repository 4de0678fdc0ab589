"""X/Twitter archives ("Download an archive of your data"): ``data/tweets.js``.

An archive is a folder (or its zip) whose ``data/`` holds JavaScript files that assign JSON:
``window.YTD.tweets.part0 = [{"tweet": {"id_str", "full_text", "created_at", "entities",
...}}, ...]`` (older archives: ``tweet.js``, ``window.YTD.tweet.part0``; large ones add
``tweets-part1.js``...). The account's username is in ``data/account.js``
(``window.YTD.account.part0 = [{"account": {"username", "accountId", "accountDisplayName"}}]``).

Accepted: the archive folder, its zip, the ``data`` folder, or a ``tweets.js`` file (its
``account.js`` is looked for beside it; ``--handle`` names the account when it is missing;
without either, permalinks use ``https://x.com/i/web/status/<id>``, which X resolves, and
an article's status links still match by the tweet's id, which is global).
``full_text`` is HTML-escaped in archives (``&amp;``) and is unescaped; ``t.co`` links stay in
the text and their ``expanded_url`` become the post's links. A retweet (``RT @name: ...``)
is kept with ``forwarded_from`` = ``@name``.
"""

from __future__ import annotations

import html
import json
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import ClaimgraphError, InputError
from ..read.decode import format_size
from .posts import Post, bounded_str
from .source import read_file

TWEET_FILE = re.compile(r"^tweets?(?:-part\d+)?\.js$", re.IGNORECASE)
_ASSIGN = re.compile(r"^\s*window\.YTD\.[A-Za-z0-9_]+\.part\d+\s*=\s*")
_HANDLE = re.compile(r"^[A-Za-z0-9_]{1,15}$")
_RT = re.compile(r"^RT @([A-Za-z0-9_]{1,15}):")
MAX_TEXT = 100_000


def parse_ytd(data: bytes, what: str) -> Any:
    """The JSON value of one ``window.YTD.<name>.partN = ...`` file (or of plain JSON)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{what} is not UTF-8 text") from None
    m = _ASSIGN.match(text)
    body = text[m.end():] if m else text
    if not m and not body.lstrip().startswith(("[", "{")):
        raise InputError(f"{what} is not an X archive file: it should start with 'window.YTD.tweets.part0 = ['")
    try:
        return json.loads(body)
    except json.JSONDecodeError as exc:
        raise InputError(f"{what} is not valid JSON after its 'window.YTD' prefix: {exc.msg} "
                         f"at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise InputError(f"{what} is not usable JSON: it is nested too deeply") from None


def account_of(value: Any) -> tuple[str | None, str | None, str | None]:
    """(username, account id, display name) from ``account.js``'s value."""
    items = value if isinstance(value, list) else [value]
    for item in items:
        acc = item.get("account") if isinstance(item, dict) else None
        if isinstance(acc, dict):
            user = acc.get("username")
            user = user if isinstance(user, str) and _HANDLE.match(user) else None
            aid = acc.get("accountId")
            return (user, str(aid) if isinstance(aid, (str, int)) and not isinstance(aid, bool) else None,
                    bounded_str(acc.get("accountDisplayName"), "accountDisplayName") if isinstance(
                        acc.get("accountDisplayName"), str) else None)
    return None, None, None


def tweet_posts(value: Any, where: str, handle: str | None, account_id: str | None = None,
                author: str | None = None) -> Iterator[tuple[str, Post | ClaimgraphError]]:
    """(label, Post or error) for each tweet; InputError when the value is no tweet list."""
    if not isinstance(value, list):
        raise InputError(f"{where} is not an X archive tweets file: expected a list of tweets")
    for i, item in enumerate(value, 1):
        tweet = item.get("tweet", item) if isinstance(item, dict) else item
        tid = tweet.get("id_str", tweet.get("id")) if isinstance(tweet, dict) else None
        label = f"{where}#{tid if isinstance(tid, (str, int)) else i}"
        try:
            yield label, _post(tweet, handle, account_id, author)
        except InputError as exc:
            yield label, InputError(f"tweet {i}: {exc}")


def _post(tweet: Any, handle: str | None, account_id: str | None, author: str | None) -> Post:
    if not isinstance(tweet, dict):
        raise InputError("expected a JSON object")
    tid = tweet.get("id_str", tweet.get("id"))
    if isinstance(tid, int) and not isinstance(tid, bool):
        tid = str(tid)
    if not isinstance(tid, str) or not tid.isdigit() or len(tid) > 25:
        raise InputError("no 'id_str' (the tweet's number)")
    raw = tweet.get("full_text", tweet.get("text", ""))
    if not isinstance(raw, str):
        raise InputError("'full_text' must be a string")
    if len(raw) > MAX_TEXT:
        raise InputError(f"the text is {len(raw):,} characters long; no post is over {MAX_TEXT:,}")
    text = html.unescape(raw)
    created = tweet.get("created_at")
    if not isinstance(created, str):
        raise InputError("no 'created_at'")
    try:
        when = datetime.strptime(created.strip(), "%a %b %d %H:%M:%S %z %Y").isoformat()
    except ValueError:
        try:
            when = datetime.fromisoformat(created.strip()[:40]).isoformat()
        except ValueError:
            raise InputError(f"'created_at' {' '.join(created.split())[:40]!r} is not a time "
                             "(expected e.g. 'Wed Mar 02 10:00:00 +0000 2022')") from None
    entities = tweet.get("entities") if isinstance(tweet.get("entities"), dict) else {}
    links = [u["expanded_url"] for u in entities.get("urls", []) or []
             if isinstance(u, dict) and isinstance(u.get("expanded_url"), str)]
    rt = _RT.match(text)
    reply = tweet.get("in_reply_to_screen_name")
    media = entities.get("media")
    extended = tweet.get("extended_entities")
    if isinstance(extended, dict) and isinstance(extended.get("media"), list):
        media = extended["media"]
    kind = None
    if isinstance(media, list) and media and isinstance(media[0], dict) and isinstance(media[0].get("type"), str):
        kind = media[0]["type"]
    return Post(platform="twitter", post_id=tid, posted_at=when, text=text, handle=handle,
                channel_id=account_id, author=author, links=links[:200],
                forwarded_from=f"@{rt.group(1)}" if rt else None,
                reply_to=f"@{reply}" if isinstance(reply, str) and _HANDLE.match(reply) else None, media=kind)


# --- files: a tweets.js, a data folder, an archive folder, a zip --------------------------------

def is_archive_dir(path: Path) -> bool:
    data = path / "data" if (path / "data").is_dir() else path
    return any(TWEET_FILE.match(p.name) for p in data.glob("tweet*.js")) and (data / "account.js").exists()


def archive_posts(path: Path, max_bytes: int, handle: str | None) -> Iterator[tuple[str, Post | ClaimgraphError]]:
    """Every tweet of a ``tweets.js`` file (with ``account.js`` beside it when present)."""
    account = path.parent / "account.js"
    user, aid, name = (None, None, None)
    if account.is_file():
        user, aid, name = account_of(parse_ytd(read_file(account, max_bytes), f"{account}"))
    user = user or _checked(handle)
    value = parse_ytd(read_file(path, max_bytes, hint="; an archive splits large tweet files into parts"), str(path))
    yield from tweet_posts(value, str(path), user, aid, name)


def zip_posts(path: Path, max_bytes: int, handle: str | None) -> Iterator[tuple[str, Post | ClaimgraphError]]:
    """Every tweet of an archive zip; each member is size-checked before and while reading."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{path} is not a readable zip file: {exc}") from None
    with zf:
        names = {PurePosixPath(i.filename): i for i in zf.infolist() if not i.is_dir()}
        tweets = sorted((p for p in names if TWEET_FILE.match(p.name) and p.parent.name == "data"), key=str)
        if not tweets:
            raise InputError(f"{path} is not an X archive: it has no data/tweets.js")
        user, aid, name = (None, None, None)
        account = next((p for p in names if p.name == "account.js" and p.parent.name == "data"), None)
        if account is not None:
            user, aid, name = account_of(parse_ytd(_member(zf, names[account], max_bytes, path), f"{path}:{account}"))
        user = user or _checked(handle)
        for member in tweets:
            where = f"{path}:{member}"
            yield from tweet_posts(parse_ytd(_member(zf, names[member], max_bytes, path), where), where, user, aid, name)


def _member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, path: Path) -> bytes:
    if info.file_size > limit:
        raise InputError(f"{path}:{info.filename} is {format_size(info.file_size)} unpacked, more than the limit "
                         f"of {format_size(limit)}")
    try:
        with zf.open(info) as fh:
            data = fh.read(limit + 1)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise InputError(f"{path}:{info.filename} cannot be unpacked: {' '.join(str(exc).split())[:120]}") from None
    if len(data) > limit:  # the declared size lied (a zip bomb)
        raise InputError(f"{path}:{info.filename} unpacks to more than the limit of {format_size(limit)}")
    return data


def _checked(handle: str | None) -> str | None:
    if handle is None:
        return None
    handle = handle.lstrip("@")
    if not _HANDLE.match(handle):
        raise InputError(f"--handle {handle!r} is not an X username (1-15 letters, digits, underscores)")
    return handle

