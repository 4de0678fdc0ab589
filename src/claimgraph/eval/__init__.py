"""Evaluation against third-party gold data (read from a path given by the user, never bundled).

``claimgraph eval attribution --polnear DIR`` scores the attribution extractor against the
PolNeAR corpus; see :mod:`claimgraph.eval.attribution` for the protocol.
"""

from __future__ import annotations

from .attribution import evaluate_attribution, format_attribution_report, run_attribution_eval
from .polnear import GoldDocument, GoldRelation, describe_gold, load_polnear

__all__ = [
    "GoldDocument",
    "GoldRelation",
    "describe_gold",
    "evaluate_attribution",
    "format_attribution_report",
    "load_polnear",
    "run_attribution_eval",
]
