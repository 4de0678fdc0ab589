"""One options object for an analysis, instead of keyword lists passed through every layer."""

from __future__ import annotations

from dataclasses import dataclass, field


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
    ``anchors_file``: extra event anchors (a JSON file like ``claimgraph/data/anchors.json``)
    for "day N of EVENT" expressions; they add to and override the shipped anchors.
    """

    require_english: bool = True
    max_chars: int = 2_000_000
    checkworthy_threshold: float | None = None  # None: the threshold stored with the model
    anchors_file: str | None = None
    attribution: str = "model"
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
