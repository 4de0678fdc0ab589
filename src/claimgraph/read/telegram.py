"""Telegram Desktop exports (``result.json``, "Export chat history" in JSON format).

The file is one object: ``{"name", "type", "id", "messages": [...]}`` for one chat (of any
type: the user chose to export it), or a full account export with ``{"chats": {"list": [chat,
...]}}``, of which only channels and public supergroups are read (never personal chats). Each message of ``"type":
"message"`` becomes a :class:`~claimgraph.read.posts.Post`; service messages (joins, pins)
are skipped. A message's ``text`` is a string or a list of strings and entities
(``{"type": "link" | "text_link" | "mention" | ..., "text", "href"}``); it is flattened to the
text a reader sees, and links (``link`` text, ``text_link`` href) are kept as the post's links.

Time: ``date_unixtime`` (UTC seconds, exports since 2021) is used when present; ``date`` alone
is the exporting computer's local time and is kept without a zone.

The channel's username (needed for ``https://t.me/<username>/<id>`` permalinks and to match
an article's t.me links) is NOT in a channel export. In order: ``--handle`` when one chat is
exported; else it is inferred, conservatively, from the channel's own messages (see
:func:`infer_username`); else the channel is known by its numeric id only and permalinks use
the members' form ``https://t.me/c/<id>/<n>``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from ..errors import ClaimgraphError, InputError
from .posts import Post, bounded_str

CHANNEL_TYPES = {"public_channel", "private_channel"}
# From a full account export only these are read: a fact-checker's personal chats, bots and
# saved messages must not end up in a shared corpus because the export happened to hold them.
PUBLISHED_TYPES = CHANNEL_TYPES | {"public_supergroup"}
_TG_LINK = re.compile(r"(?:https?://)?(?:www\.)?(?:t|telegram)\.me/(?:s/)?([A-Za-z][A-Za-z0-9_]{3,31})(?:/(\d+))?",
                      re.IGNORECASE)
_MENTION = re.compile(r"(?<![\w@])@([A-Za-z][A-Za-z0-9_]{3,31})\b")
_RESERVED = {"joinchat", "addstickers", "share", "proxy", "socks", "iv", "c", "s", "addlist", "boost"}
MAX_TEXT = 100_000  # no Telegram message is longer (the limit is 4,096 characters, 1,024 for captions)


def telegram_posts(data: Any, where: str, handle: str | None = None) -> Iterator[tuple[str, Post | ClaimgraphError]]:
    """(label, Post or error) for every message of an export; raises InputError when the value
    is not a Telegram export at all (so a wrong file is one line, not thousands)."""
    if not isinstance(data, dict):
        raise InputError(f"{where} is not a Telegram Desktop export: expected a JSON object at the top")
    if isinstance(data.get("chats"), dict) and isinstance(data["chats"].get("list"), list):
        chats = [c for c in data["chats"]["list"] if isinstance(c, dict) and c.get("type") in PUBLISHED_TYPES]
        if handle and len(chats) != 1:
            handle = None  # one --handle cannot name several chats
    elif isinstance(data.get("messages"), list):
        chats = [data]
    else:
        raise InputError(f"{where} is not a Telegram Desktop export: it has no 'messages' list "
                         "(export the chat history as JSON in Telegram Desktop)")
    for chat in chats:
        messages = chat.get("messages")
        if not isinstance(messages, list):
            continue
        yield from _chat_posts(chat, messages, where, handle)


def _chat_posts(chat: dict[str, Any], messages: list[Any], where: str,
                handle: str | None) -> Iterator[tuple[str, Post | ClaimgraphError]]:
    kind = chat.get("type") if isinstance(chat.get("type"), str) else ""
    try:
        name = bounded_str(chat.get("name"), "the chat's 'name'")
    except InputError:
        name = None
    chat_id = chat.get("id")
    channel_id = str(chat_id) if isinstance(chat_id, int) and not isinstance(chat_id, bool) else None
    note = "from --handle" if handle else None
    if handle is None and kind in CHANNEL_TYPES:
        handle, note = infer_username(messages)
    if handle is not None:
        handle = handle.lstrip("@")
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{3,31}", handle):
            raise InputError(f"--handle {handle!r} is not a Telegram username (5-32 letters, digits, underscores)")
    for i, msg in enumerate(messages, 1):
        if isinstance(msg, dict) and msg.get("type") == "service":
            continue
        label = f"{where}#{msg.get('id', i) if isinstance(msg, dict) else i}"
        try:
            post = _post(msg, kind, name, channel_id, handle)
            post.handle_note = note
            yield label, post
        except InputError as exc:
            yield label, InputError(f"message {i}: {exc}")


def _post(msg: Any, kind: str, chat_name: str | None, channel_id: str | None, handle: str | None) -> Post:
    if not isinstance(msg, dict):
        raise InputError("expected a JSON object")
    mid = msg.get("id")
    if isinstance(mid, bool) or not isinstance(mid, int) or mid < 0:
        raise InputError("no message 'id' (a whole number)")
    text, links = flatten_text(msg.get("text", ""))
    if not text and "text_entities" in msg:
        text, links = flatten_text(msg.get("text_entities"))
    if len(text) > MAX_TEXT:
        raise InputError(f"the text is {len(text):,} characters long; no Telegram message is over {MAX_TEXT:,}")
    author = bounded_str(msg.get("from"), "'from'") if kind not in CHANNEL_TYPES else chat_name
    media = msg.get("media_type") if isinstance(msg.get("media_type"), str) else (
        "photo" if msg.get("photo") else ("file" if msg.get("file") else None))
    reply = msg.get("reply_to_message_id")
    return Post(platform="telegram", post_id=str(mid), posted_at=message_time(msg), text=text,
                handle=handle, channel_id=channel_id, author=author or chat_name, links=links,
                forwarded_from=bounded_str(msg.get("forwarded_from"), "'forwarded_from'"),
                reply_to=str(reply) if isinstance(reply, int) and not isinstance(reply, bool) else None,
                media=media)


def message_time(msg: dict[str, Any]) -> str:
    """UTC from ``date_unixtime`` when present, else ``date`` as written (local, no zone)."""
    raw = msg.get("date_unixtime")
    if isinstance(raw, (str, int)) and not isinstance(raw, bool) and str(raw).isdigit() and len(str(raw)) <= 11:
        return datetime.fromtimestamp(int(raw), tz=UTC).isoformat()
    value = msg.get("date")
    if not isinstance(value, str):
        raise InputError("no 'date'")
    try:
        return datetime.fromisoformat(value.strip()[:40]).isoformat()
    except ValueError:
        raise InputError(f"the 'date' {' '.join(value.split())[:40]!r} is not an ISO 8601 time") from None


def flatten_text(value: Any) -> tuple[str, list[str]]:
    """The text a reader sees and the links in it, from a string or a list of parts."""
    if value is None:
        return "", []
    if isinstance(value, str):
        return value, []  # links in plain text are found in the text itself (extract/media.py)
    if not isinstance(value, list):
        raise InputError("'text' must be a string or a list of parts")
    parts: list[str] = []
    links: list[str] = []
    for part in value:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, dict):
            piece = part.get("text")
            piece = piece if isinstance(piece, str) else ""
            parts.append(piece)
            kind = part.get("type")
            if kind == "link" and piece:
                links.append(piece.strip())
            elif kind == "text_link" and isinstance(part.get("href"), str):
                links.append(part["href"].strip())
        else:
            raise InputError("a part of 'text' is neither a string nor an object")
    return "".join(parts), links


def infer_username(messages: list[Any]) -> tuple[str | None, str | None]:
    """The channel's username, from its own messages, or (None, None).

    Two signals, both strict so that a channel that often links to *another* channel is not
    given that channel's name: (1) the usual subscribe footer, a ``t.me/<name>`` link or
    ``@<name>`` in at least half of the messages with text (and at least 3); (2) links
    ``t.me/<name>/<n>`` to at least 2 different earlier messages of this same export whose
    ids exist here, and no other name doing so.
    """
    ids = {m.get("id") for m in messages if isinstance(m, dict)}
    footer: Counter[str] = Counter()
    self_links: dict[str, set[int]] = {}
    with_text = 0
    for m in messages:
        if not isinstance(m, dict) or m.get("type") != "message":
            continue
        try:
            text, links = flatten_text(m.get("text", ""))
        except InputError:
            continue
        if not text.strip():
            continue
        with_text += 1
        names: set[str] = set()
        for link in [*links, *(x.group(0) for x in _TG_LINK.finditer(text))]:
            found = _TG_LINK.search(link)
            if not found or found.group(1).lower() in _RESERVED:
                continue
            name, num = found.group(1), found.group(2)
            names.add(name.lower())
            if num and int(num) in ids and isinstance(m.get("id"), int) and int(num) < m["id"]:
                self_links.setdefault(name.lower(), set()).add(int(num))
        names.update(x.group(1).lower() for x in _MENTION.finditer(text))
        footer.update(names)
    spelled = _spellings(messages)
    if with_text >= 3 and footer:
        name, count = footer.most_common(1)[0]
        if count * 2 >= with_text:
            return spelled.get(name, name), f"inferred: t.me/{spelled.get(name, name)} or @ in {count} of {with_text} posts"
    strong = [n for n, found in self_links.items() if len(found) >= 2]
    if len(strong) == 1:
        name = strong[0]
        return spelled.get(name, name), f"inferred: {len(self_links[name])} links to this channel's own earlier posts"
    return None, None


def _spellings(messages: list[Any]) -> dict[str, str]:
    """lower-case name → the spelling first seen (usernames are case-insensitive)."""
    out: dict[str, str] = {}
    for m in messages:
        if not isinstance(m, dict):
            continue
        try:
            text, links = flatten_text(m.get("text", ""))
        except InputError:
            continue
        for s in [*links, text]:
            for x in _TG_LINK.finditer(s):
                out.setdefault(x.group(1).lower(), x.group(1))
            for x in _MENTION.finditer(s):
                out.setdefault(x.group(1).lower(), x.group(1))
    return out
