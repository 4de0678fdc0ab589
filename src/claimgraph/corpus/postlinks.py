"""Links from articles to archived posts: what a text points at, and the edges that follow.

An article points at a post three ways: a ``t.me/<channel>/<n>`` link, an
``x.com/<user>/status/<n>`` (or twitter.com) link, or a handle (``@name``, e.g. in an embedded
post's signature). The references are pure functions of the article's media references
(``extract/media.py``), stored at ingest (``corpus_post_refs``). When the provenance of a
family is built, an occurrence whose article links an archived post gets a ``cites`` edge:

* to the post's own occurrence, when the post's text carries the claim (it is in the same
  family, by the ordinary family matching), so the post can be the family's first appearance;
* to the post as an external node (platform, handle, time, permalink), when the link is exact
  but the post's text does not carry the claim or it has none (a bare video);
* a bare handle only links to an occurrence of that handle's posts in the same family, never
  to an external node: "@name" alone does not say which post.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..read.posts import PLATFORM_NAMES, safe_link

Ref = tuple[str, str, str, str]  # (platform, handle_key, post_id, ref as written)

_TG = re.compile(r"^(?:https?://)?(?:www\.)?(?:t|telegram)\.me/(?:s/)?(?:c/(\d+)|([A-Za-z][A-Za-z0-9_]{3,31}))"
                 r"(?:/(\d+))?(?:[/?#]|$)", re.IGNORECASE)
_X = re.compile(r"^(?:https?://)?(?:www\.|mobile\.|m\.)?(?:twitter|x)\.com/(?:i/web|([A-Za-z0-9_]{1,15}))"
                r"(?:/status(?:es)?/(\d+))?(?:[/?#]|$)", re.IGNORECASE)
_X_RESERVED = {"i", "home", "search", "hashtag", "intent", "share", "explore", "settings", "login", "signup", "tos",
               "privacy", "messages", "notifications"}
_TG_RESERVED = {"joinchat", "addstickers", "share", "proxy", "socks", "iv", "addlist", "boost"}
_HANDLE = re.compile(r"^@([A-Za-z0-9_]{2,32})$")
MAX_EXTERNAL = 5  # linked posts outside the family shown per appearance (a live blog may embed dozens)


def ref_of_url(url: str) -> Ref | None:
    """The post or account a URL names, or None when it names neither."""
    url = url.strip()
    m = _TG.match(url)
    if m:
        if m.group(1):
            return ("telegram", f"#{m.group(1)}", m.group(3) or "", url) if m.group(3) else None
        name = m.group(2).lower()
        return None if name in _TG_RESERVED else ("telegram", name, m.group(3) or "", url)
    m = _X.match(url)
    if m:
        name = (m.group(1) or "").lower()
        if name in _X_RESERVED:
            return None
        if not name and not m.group(2):
            return None
        return ("twitter", name, m.group(2) or "", url)
    return None


def refs_of_media(media: Iterable[dict[str, Any]]) -> set[Ref]:
    """References in an analysis's media list (links and handles)."""
    out: set[Ref] = set()
    for m in media:
        ref = m.get("ref") or ""
        if m.get("kind") == "handle":
            h = _HANDLE.match(ref)
            if h:
                out.add((m.get("platform") or "", h.group(1).lower(), "", ref))
        elif m.get("platform") in ("telegram", "twitter"):
            r = ref_of_url(ref)
            if r:
                out.add(r)
    return _dedup(out)


def refs_of_urls(urls: Iterable[str]) -> set[Ref]:
    return _dedup({r for u in urls if isinstance(u, str) for r in [ref_of_url(u)] if r})


def _dedup(refs: set[Ref]) -> set[Ref]:
    """One ref per (platform, handle, post) — the key of ``corpus_post_refs``."""
    seen: dict[tuple[str, str, str], Ref] = {}
    for r in sorted(refs):
        seen.setdefault(r[:3], r)
    return set(seen.values())


def post_info(row: dict[str, Any]) -> dict[str, Any]:
    """The post fields an occurrence or an external node carries (permalink only if http(s))."""
    return {"platform": row["platform"], "platform_name": PLATFORM_NAMES.get(row["platform"], row["platform"]),
            "handle": row["handle"], "handle_key": row["handle_key"], "author": row["author"], "post_id": row["post_id"],
            "posted_at": row["posted_at"], "permalink": safe_link(row["permalink"]),
            "forwarded_from": row["forwarded_from"], "reply_to": row["reply_to"], "media": row["media"]}


def post_label(post: dict[str, Any]) -> str:
    """"Telegram @kyiv_watch" / "X (Twitter) @name" / "Telegram: Kyiv Watch"."""
    who = f"@{post['handle']}" if post.get("handle") else (post.get("author") or "unknown channel")
    return f"{post['platform_name']} {who}" if post.get("handle") else f"{post['platform_name']}: {who}"


def matches(ref: Ref, post: dict[str, Any]) -> bool:
    """Whether ``ref`` names exactly this post (a bare handle never does)."""
    platform, key, pid, _ = ref
    if not pid or platform != post["platform"] or pid != post["post_id"]:
        return False
    return platform == "twitter" or key == post["handle_key"]  # X ids are global; Telegram ids per channel


def names_handle(ref: Ref, post: dict[str, Any]) -> bool:
    """Whether ``ref`` is the handle (or the channel link without a post number) of the post's
    author, or of the account it forwards (a retweet ``RT @name:`` archived by another account)."""
    platform, key, pid, _ = ref
    if pid or not key or platform not in ("", post["platform"]):
        return False
    return key == post["handle_key"] or key == (post.get("forwarded_from") or "").lower().lstrip("@")


def _subject(n: dict[str, Any]) -> str:
    return "the post" if n.get("post") else "the article"


def link_edges(claims: list[dict[str, Any]], refs: dict[str, set[Ref]],
               linked: dict[tuple[str, str, str], dict[str, Any]], not_after: Any) -> tuple[list[dict], list[dict], dict[str, str]]:
    """(edges, external post nodes, occurrence → cited occurrence) for the family's post links.

    ``refs``: article id → its references; ``linked``: (platform, handle_key, post_id) → an
    archived post row for every exact reference (in the family or not); ``not_after(m, n)``:
    whether occurrence m can be n's source in time.
    """
    edges: list[dict[str, Any]] = []
    externals: dict[str, dict[str, Any]] = {}
    cited: dict[str, str] = {}
    posts = [m for m in claims if m.get("post") and not m.get("copy_of")]
    in_family = {m["article"] for m in claims}
    for n in claims:
        if n.get("copy_of"):
            continue
        own = refs.get(n["article"], set())
        if n.get("post"):  # a channel's own @name footer is not a reference to another post
            own = {r for r in own if r[2] or r[1] != n["post"]["handle_key"]}
        if not own:
            continue
        best: tuple[int, dict[str, Any], Ref] | None = None
        for m in posts:
            if m["article"] == n["article"] or not not_after(m, n):
                continue
            for ref in own:
                rank = 0 if matches(ref, m["post"]) else (1 if names_handle(ref, m["post"]) else None)
                if rank is None:
                    continue
                if best is None or (rank, m["published"] or "9999") < (best[0], best[1]["published"] or "9999"):
                    best = (rank, m, ref)
        if best is not None:
            rank, m, ref = best
            via = "" if ref[1] == m["post"]["handle_key"] else f" (reposted by {post_label(m['post'])})"
            how = f"links to the archived post {m['post'].get('permalink') or ref[3]}" if rank == 0 else \
                f"names {ref[3]}, whose archived post carries the claim{via}"
            edges.append({"kind": "cites", "src": n["id"], "dst": m["id"],
                          "detail": {"via": "link" if rank == 0 else "handle", "ref": ref[3], "order": "by link"},
                          "reason": f"{_subject(n)} {how}"})
            cited[n["id"]] = m["id"]
            continue
        shown = 0
        for ref in sorted(own):
            if shown >= MAX_EXTERNAL:
                break
            row = linked.get((ref[0], ref[1] if ref[0] != "twitter" else "", ref[2])) if ref[2] else None
            if row is None or row["article_id"] in in_family:
                continue
            info = post_info(row)
            sid = f"p:{row['post_key']}"
            externals.setdefault(sid, {"id": sid, "kind": "source", "key": sid,
                                       "name": f"{post_label(info)}, post {info['post_id']}",
                                       "source_type": "social_post", "post": info})
            why = "its text does not carry this claim" if row.get("analysed") else \
                "the post has no analysed text" + (f" (media: {info['media']})" if info["media"] else "")
            edges.append({"kind": "cites", "src": n["id"], "dst": sid,
                          "detail": {"via": "link", "ref": ref[3], "order": "by link"},
                          "reason": f"{_subject(n)} links to the archived post {info['permalink'] or ref[3]} "
                                    f"({info['posted_at']}); {why}"})
            shown += 1
    return edges, list(externals.values()), cited
