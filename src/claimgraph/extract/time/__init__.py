"""Time expressions (TIMEX3): find them, normalise them, anchor day counts to events.

Public entry points: :func:`extract_times`, :class:`AnchorSet`, :func:`load_anchors`.
"""

from __future__ import annotations

from .anchors import Anchor, AnchorSet, Period, default_anchors, load_anchors
from .extract import extract_times, infer_reference

__all__ = [
    "Anchor",
    "AnchorSet",
    "Period",
    "default_anchors",
    "extract_times",
    "infer_reference",
    "load_anchors",
]
