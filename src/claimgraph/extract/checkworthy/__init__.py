"""Check-worthiness: how much a sentence looks like a claim a fact-checker would check.

Public API: :class:`CheckworthyModel` (``load()``, ``score(texts)``, ``explain(text)``).
"""

from __future__ import annotations

from .model import CheckworthyModel

__all__ = ["CheckworthyModel"]
