"""Re-ranker weights and the calibrated threshold for fact-check matching.

Written by ``python -m claimgraph.verify.calibrate`` (see docs/calibration-verify.md).
Dev calibration: precision target 0.9; dev queries answered 0.579; gold-removed
queries wrongly answered 0.044.
"""

FEATURES = ('bm25_rel', 'bm25_log', 'cos', 'cos_gap', 'rrf', 'q_cover', 'd_cover', 'num_shared', 'num_conflict', 'name_shared', 'date_close', 'date_far', 'body_gap')
WEIGHTS = (3.88092, -0.39588, 5.05131, 8.96256, 0.43442, -0.7706, 1.77234, 0.00854, -0.56102, -0.01805, 2.42434, -1.53777, 3.25982)
BIAS = -6.43531
THRESHOLD = 0.6109
