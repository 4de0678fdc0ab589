"""Earlier fact-checks for one free-text claim: the answer ``claimgraph check --json`` prints and
``GET /api/check`` returns, built in one place so the two cannot differ.

Building a matching index over a library (BM25 plus, optionally, embeddings of every fact-check)
is the expensive part, so indexes are cached per library state (its size and newest id) and
options; importing more fact-checks makes a new one.
"""

from __future__ import annotations

import threading
from typing import Any

from .factchecks import FactCheck
from .match import FactCheckIndex, MatchOptions

_CACHE: dict[tuple[Any, ...], FactCheckIndex] = {}
_LOCK = threading.Lock()


def index_for(library: list[FactCheck], options: MatchOptions, key: Any = None) -> FactCheckIndex:
    """A (cached) index over ``library``; ``key`` names the library (e.g. the database path)."""
    cache_key = (key, len(library), library[-1].id if library else None, options)
    with _LOCK:
        index = _CACHE.get(cache_key)
        if index is None:
            if len(_CACHE) > 8:
                _CACHE.clear()
            index = _CACHE[cache_key] = FactCheckIndex(library, options)
    return index


def check_claim(index: FactCheckIndex, claim_text: str, when: int | None = None) -> dict[str, Any]:
    """Ranked fact-checks for a claim, with the calibrated threshold and whether any passed it.

    ``when``: the claim's date as an ordinal day (``textnorm.day_number``), if known.
    """
    matches = index.search(" ".join(claim_text.split()), when=when)
    return {"claim": claim_text, "threshold": index.threshold, "matches": [m.to_dict() for m in matches],
            "earlier_factcheck": any(m.above_threshold for m in matches)}
