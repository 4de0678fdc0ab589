"""Embedded social-media posts, as they appear when an embed is flattened to text.

Twitter/X embeds end with a signature line: "— Display Name (@handle) Month D, YYYY", often
after a "pic.twitter.com/…" or "https://t.co/…" link. The post text is the paragraph before
the signature; the display name is the source; the post is quoted verbatim (direct).
"""

from __future__ import annotations

import re
from datetime import datetime

from ...model import Span
from .candidate import Candidate, Context
from .spans import make_span

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
SIGNATURE = re.compile(
    r"[—–]\s*(?P<name>[^\n()—–@]{1,80}?)\s*\((?P<handle>@[A-Za-z0-9_]{1,30})\)\s*"
    r"(?P<date>(?:" + MONTHS + r")\.?\s+\d{1,2},\s*\d{4})?"
)
TRAILING_LINK = re.compile(r"\s*(?:pic\.twitter\.com/\S+|https?://t\.co/\S+|https?://\S+)\s*$")


def parse_post_date(value: str | None) -> str | None:
    """'March 2, 2022' → '2022-03-02'; None when absent or unparseable."""
    if not value:
        return None
    cleaned = re.sub(r"\s+", " ", value.replace(".", "")).strip()
    for fmt in ("%B %d, %Y", "%b %d, %Y"):
        try:
            return datetime.strptime(cleaned, fmt).date().isoformat()
        except ValueError:
            continue
    if cleaned.startswith("Sept "):
        return parse_post_date(cleaned.replace("Sept ", "Sep ", 1))
    return None


def find_social_posts(ctx: Context) -> list[Candidate]:
    text = ctx.text
    out: list[Candidate] = []
    for m in SIGNATURE.finditer(text):
        para_start = text.rfind("\n", 0, m.start()) + 1
        body = text[para_start : m.start()]
        link = TRAILING_LINK.search(body)
        body_end = para_start + (link.start() if link else len(body))
        content = make_span(text, para_start, body_end, " \t\n\"“”")
        if content is None or len(content.text.split()) < 2:
            continue
        name = make_span(text, m.start("name"), m.end("name"))
        handle = m.group("handle")
        h0 = m.start("handle")
        out.append(
            Candidate(
                source=name or Span(handle, h0, h0 + len(handle)),
                cue=Span(handle, h0, h0 + len(handle)),
                content=content,
                mode="direct",
                rule="embedded post signature “— name (@handle) date” after the post text",
                source_type="social_post",
                source_name=name.text if name else handle,
                platform="twitter",
                handle=handle,
                date=parse_post_date(m.group("date")),
                priority=3,
            )
        )
    return out
