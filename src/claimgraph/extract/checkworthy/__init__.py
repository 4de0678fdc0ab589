"""Check-worthiness: how much a sentence looks like a claim a fact-checker would check.

Public API: :class:`CheckworthyModel` (``load()``, ``score(texts, contexts)``, ``explain(text)``),
:class:`Context` and :func:`claim_contexts` (the sentence before each claim in a parsed article).
"""

from __future__ import annotations

from .context import Context, claim_contexts, transcript_contexts
from .model import CheckworthyModel

__all__ = ["CheckworthyModel", "Context", "claim_contexts", "transcript_contexts"]
