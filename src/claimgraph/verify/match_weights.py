"""Re-ranker weights and the calibrated threshold for fact-check matching.

Written by ``python -m claimgraph.verify.calibrate`` (see docs/calibration-verify.md).
Dev calibration: precision target 0.9; dev queries answered 0.531; gold-removed
queries wrongly answered 0.047.
"""

FEATURES = ('bm25_rel', 'bm25_log', 'cos', 'cos_gap', 'rrf', 'q_cover', 'd_cover', 'num_shared', 'num_conflict', 'name_shared')
WEIGHTS = (4.17233, 0.59133, 5.14265, 10.12646, 0.79667, -0.89627, -0.15314, 0.59183, -0.73118, 0.01675)
BIAS = -9.92262
THRESHOLD = 0.6426
