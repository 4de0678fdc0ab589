"""Media references: links, handles, platform mentions — where a video or post came from.

Pure text patterns (no parse needed). Each reference is normalised to (platform, handle,
post id, date) where the text allows, so the same post cited by two articles can be matched.
"""

from __future__ import annotations

import re

from ..model import MediaRef
from .attribution.social import SIGNATURE, parse_post_date

PLATFORMS = {
    "telegram": "telegram", "twitter": "twitter", "youtube": "youtube", "tiktok": "tiktok",
    "facebook": "facebook", "vk": "vk", "vkontakte": "vk", "instagram": "instagram",
    "whatsapp": "whatsapp", "reddit": "reddit", "truth social": "truth_social", "weibo": "weibo",
    "wechat": "wechat", "snapchat": "snapchat", "rumble": "rumble", "threads": "threads",
    "bluesky": "bluesky", "x": "twitter",
}
MENTION = re.compile(
    r"(?:\b(?P<verb>[A-Za-z]+)\s+(?P<prep>on|via|from|through|to|in)\s+)?"
    r"\b(?P<name>Telegram|Twitter|YouTube|Youtube|TikTok|Tiktok|Facebook|VKontakte|VK|Instagram|"
    r"WhatsApp|Whatsapp|Reddit|Truth Social|Weibo|WeChat|Snapchat|Rumble|Bluesky)\b"
)
# "on X" only counts as the platform after a posting verb, never the letter alone.
MENTION_X = re.compile(r"\b(?P<verb>posted|shared|wrote|said|tweeted|circulating|circulated|viral)\s+on\s+(?P<name>X)\b")
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]]+|\b(?:pic\.twitter\.com|t\.me|youtu\.be)/[^\s<>\"'()]+")
HANDLE = re.compile(r"(?<![\w@./])@([A-Za-z0-9_]{2,30})\b(?![.@]\w)")

MEDIA_HOSTS = {
    "pic.twitter.com": ("twitter", "image_or_video"),
    "youtu.be": ("youtube", "image_or_video"),
    "youtube.com": ("youtube", "image_or_video"),
    "tiktok.com": ("tiktok", "image_or_video"),
    "instagram.com": ("instagram", "post"),
    "t.me": ("telegram", "post"),
    "twitter.com": ("twitter", "post"),
    "x.com": ("twitter", "post"),
    "facebook.com": ("facebook", "post"),
    "vk.com": ("vk", "post"),
    "reddit.com": ("reddit", "post"),
}
POST_ID = re.compile(r"/(?:status|video|p|reel|posts|watch\?v=|shorts)/?([A-Za-z0-9_-]{4,})|t\.me/[\w]+/(\d+)|youtu\.be/([\w-]{6,})")


def _classify_url(url: str) -> tuple[str | None, str, str | None]:
    host = re.sub(r"^(?:https?://)?(?:www\.|m\.|mobile\.)?", "", url).split("/", 1)[0].lower()
    platform, kind = None, "url"
    if host in MEDIA_HOSTS:
        platform, kind = MEDIA_HOSTS[host]
    else:
        for h, (p, k) in MEDIA_HOSTS.items():
            if host.endswith("." + h):
                platform, kind = p, k
                break
    m = POST_ID.search(url)
    post_id = next((g for g in m.groups() if g), None) if m else None
    if kind == "post" and platform == "youtube":
        kind = "image_or_video"
    return platform, kind, post_id


def extract_media(text: str) -> list[MediaRef]:
    out: list[MediaRef] = []
    for m in URL.finditer(text):
        url = m.group(0).rstrip(".,;:!?")
        platform, kind, post_id = _classify_url(url)
        out.append(MediaRef(kind=kind, platform=platform, ref=url, start=m.start(), end=m.start() + len(url),
                            post_id=post_id, reason=f"link to {platform or 'the web'}"))
    signatures = {m.start("handle"): m for m in SIGNATURE.finditer(text)}
    for m in HANDLE.finditer(text):
        sig = signatures.get(m.start())
        name = sig.group("name").strip() if sig else None
        date = parse_post_date(sig.group("date")) if sig else None
        out.append(MediaRef(kind="handle", platform="twitter" if sig else None, ref=m.group(0),
                            start=m.start(), end=m.end(), handle=m.group(0), name=name, date=date,
                            reason="handle in an embedded post signature" if sig else "social media handle"))
    for rx in (MENTION, MENTION_X):
        for m in rx.finditer(text):
            name = m.group("name")
            start = m.start("verb") if m.groupdict().get("verb") else m.start("name")
            out.append(MediaRef(kind="platform_mention", platform=PLATFORMS[name.lower()],
                                ref=text[start:m.end()], start=start, end=m.end(), name=name,
                                reason=f"the text names the platform {name}"))
    out.sort(key=lambda r: r.start)
    return out
