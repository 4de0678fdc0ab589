"""Social posts as sources: one :class:`Post` per archived message, whatever the platform.

Why posts are articles too: a post's text carries claims exactly as an article's does, and
the corpus can only say "this claim first appeared in that post" if the post's claims join
the same families by the same matching. So each post with text becomes an :class:`Article`
(its own text, the post's timestamp as a metadata date, the permalink as URL, ``format``
``post``) and goes through the ordinary ingest; its platform, handle, timestamp, permalink,
forward and links are kept beside it (``corpus_posts``), so a family shows it as a post.

The article id is a hash of the post's stable identity (platform, channel id, message id),
not of its text: a channel that posts "Air raid alert in Kyiv" every night has many posts
with one text, and a later ingest with ``--handle`` must find the same rows again.

Readers: ``telegram.py`` (Telegram Desktop ``result.json``), ``xarchive.py`` (X/Twitter
archive ``tweets.js``). Both yield ``Post`` or a one-line :class:`InputError` per message.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from ..model import Article
from .dates import sane_date
from .plain import article_from_text, clean_field

PLATFORM_NAMES = {"telegram": "Telegram", "twitter": "X (Twitter)"}
_HTTP = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)


def safe_link(url: str | None) -> str | None:
    """``url`` if it is an http(s) link without spaces or quotes, else None: permalinks and
    links come from untrusted exports and are rendered as ``href``."""
    if not url or len(url) > 2048 or not _HTTP.match(url):
        return None
    return url


@dataclass(slots=True)
class Post:
    """One archived post: who posted it where and when, its text and what it links to.

    ``handle`` is the username without "@" (None when the export does not carry it: a
    Telegram channel export has only the channel's title and numeric id); ``channel_id`` is
    the platform's stable id of the channel or account, when known.
    """

    platform: str  # "telegram" | "twitter"
    post_id: str
    posted_at: str  # ISO 8601; UTC ("+00:00") when the export gives an absolute time
    text: str
    handle: str | None = None
    channel_id: str | None = None
    author: str | None = None
    links: list[str] = field(default_factory=list)
    forwarded_from: str | None = None
    reply_to: str | None = None
    media: str | None = None
    handle_note: str | None = None  # how the handle was found, when not from the export

    @property
    def handle_key(self) -> str:
        """Lower-case handle, or ``#<channel id>`` for a channel without one (t.me/c/<id>/<n>)."""
        if self.handle:
            return self.handle.lower()
        return f"#{self.channel_id}" if self.channel_id else ""

    @property
    def key(self) -> str:
        """The post's stable identity: X ids are global, Telegram ids are per channel."""
        if self.platform == "twitter":
            return f"twitter:{self.post_id}"
        return f"{self.platform}:{self.channel_id or self.handle_key}:{self.post_id}"

    @property
    def article_id(self) -> str:
        return hashlib.sha256(f"post\n{self.key}".encode()).hexdigest()[:16]

    @property
    def permalink(self) -> str | None:
        if self.platform == "telegram":
            if self.handle:
                return f"https://t.me/{self.handle}/{self.post_id}"
            if self.channel_id and self.channel_id.isdigit():
                return f"https://t.me/c/{self.channel_id}/{self.post_id}"  # opens for members
            return None
        if self.platform == "twitter":
            who = self.handle or "i/web"
            return f"https://x.com/{who}/status/{self.post_id}"
        return None

    @property
    def display(self) -> str:
        """How the post's author is shown and stored as the occurrence's outlet."""
        return f"@{self.handle}" if self.handle else (self.author or f"{PLATFORM_NAMES[self.platform]} account")

    def article(self) -> Article | None:
        """The post as an article to analyse, or None when it has no text (a bare photo or
        video: archived, linkable, but there is nothing to extract claims from)."""
        if not self.text.strip():
            return None
        art = article_from_text(self.text, title=None, url=self.permalink, outlet=self.display,
                                published=sane_date(self.posted_at), fmt="post")
        art.id = self.article_id
        return art

    def row(self) -> dict[str, Any]:
        """The ``corpus_posts`` row (every string made storable like an article's text)."""
        return {
            "post_key": self.key, "article_id": self.article_id, "platform": self.platform,
            "handle": clean_field(self.handle), "handle_key": clean_field(self.handle_key) or "",
            "channel_id": clean_field(self.channel_id), "author": clean_field(self.author),
            "post_id": clean_field(self.post_id), "posted_at": self.posted_at,
            "permalink": self.permalink, "forwarded_from": clean_field(self.forwarded_from),
            "reply_to": clean_field(self.reply_to), "media": clean_field(self.media),
            "links": [clean_field(u) for u in self.links[:200]],
        }


def bounded_str(value: Any, what: str, limit: int = 300) -> str | None:
    """A short metadata string from an export (a name, a handle); None when absent."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        from ..errors import InputError

        raise InputError(f"{what} must be a string")
    text = " ".join(str(value).split())
    return text[:limit] or None
