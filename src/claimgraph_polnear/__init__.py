"""Weights of claimgraph's trained attribution extractor, trained on PolNeAR.

Kept apart from the Apache-2.0 ``claimgraph`` package on purpose: PolNeAR (Newell, Margolin,
Ruths 2018) states no licence, so these weights are for research and evaluation use, like the
corpus itself. See LICENCE-NOTE.md and MODEL-CARD.md in this folder. Delete this package (or run
``--attribution rules``) for the licence-clean rule extractor.
"""
