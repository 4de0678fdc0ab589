"""Re-ranker weights and the calibrated threshold for fact-check matching.

Written by ``python -m claimgraph.verify.calibrate`` (see docs/calibration-verify.md).
Dev calibration: precision target 0.9; dev queries answered 0.575; gold-removed
queries wrongly answered 0.044.
"""

FEATURES = ('bm25_rel', 'bm25_log', 'cos', 'cos_gap', 'rrf', 'q_cover', 'd_cover', 'num_shared', 'num_conflict', 'name_shared', 'date_close', 'date_far', 'body_gap')
WEIGHTS = (3.62149, -0.37156, 4.18812, 8.14656, 0.84777, -0.75355, 1.44101, -0.42259, -0.16129, 0.08966, 2.70375, -1.23159, 2.92573)
BIAS = -6.87774
THRESHOLD = 0.5872
