"""One options object for an analysis, instead of keyword lists passed through every layer."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


def _env_flag(name: str) -> bool:
    """True when the environment variable says on (``1``, ``on``, ``yes``, ``true``)."""
    return os.environ.get(name, "").strip().lower() in ("1", "on", "yes", "true")


@dataclass(frozen=True, slots=True)
class AnalyzeOptions:
    """How to analyse an article.

    ``require_english``: refuse non-English text (the extractors are English-only); when
    False the analysis runs anyway and carries a warning.
    ``max_chars``: longest article text accepted; longer input is refused, not truncated,
    because a silently truncated analysis would miss claims without saying so.
    ``attribution``: ``model`` (default) runs the attribution extractor trained on PolNeAR
    (weights in the separate ``claimgraph_polnear`` package, research and evaluation use) with
    the rules as fallback; ``rules`` runs the licence-clean rule extractor alone.
    ``checkworthy_embedding``: score check-worthiness with the MiniLM sentence embedding (the
    model's main part). Off by default: it makes the analysis about three times slower (ratio to
    bare spaCy 4.1 instead of 1.5) and on the findings gold set it changed nothing, while its
    ranking gain is small (cross-validated MAP 0.229/0.127 vs 0.224/0.112 on the CLEF
    transcripts); ``claimgraph eval checkworthy`` always uses it. The environment variable
    ``CLAIMGRAPH_CHECKWORTHY_EMBEDDING=1`` turns it on for every analysis, ``0`` off everywhere.
    ``anchors_file``: extra event anchors (a JSON file like ``claimgraph/data/anchors.json``)
    for "day N of EVENT" expressions; they add to and override the shipped anchors.
    """

    require_english: bool = True
    max_chars: int = 2_000_000
    checkworthy_threshold: float | None = None  # None: the threshold stored with the model
    anchors_file: str | None = None
    attribution: str = "model"
    checkworthy_embedding: bool = field(default_factory=lambda: _env_flag("CLAIMGRAPH_CHECKWORTHY_EMBEDDING"))
    extractors: tuple[str, ...] = field(
        default=("attribution", "claims", "entities", "times", "media", "findings")
    )


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Limits for reading input: files, stdin and URLs are all untrusted."""

    max_bytes: int = 20 * 1024 * 1024
    # a Telegram export or an X archive file is one JSON document parsed whole (about 10 bytes
    # of memory per byte): larger than an article, bounded all the same
    max_export_bytes: int = 200 * 1024 * 1024
    timeout: float = 15.0
    max_redirects: int = 5
    allow_private: bool = False  # an intranet deployment; metadata addresses stay refused
    # "host:port" pairs exempt from the private/loopback refusal (never from the metadata one):
    # a newsroom's own CMS, or a test server. Every other hop, redirects included, is checked.
    trusted_hosts: tuple[str, ...] = ()
    user_agent: str = "claimgraph/0.1 (+https://github.com/claimgraph/claimgraph)"
