"""Re-ranker weights and the calibrated threshold for fact-check matching.

Written by ``python -m claimgraph.verify.calibrate`` (see docs/calibration-verify.md); these
hand-set starting values are only used until that has been run.
"""

FEATURES = ("bm25_rel", "bm25_log", "cos", "cos_gap", "rrf", "q_cover", "d_cover", "num_shared",
            "num_conflict", "name_shared")
WEIGHTS = (2.0, 0.3, 6.0, 3.0, 0.5, 2.0, 1.0, 0.5, -0.5, 1.0)
BIAS = -8.0
THRESHOLD = 0.5
