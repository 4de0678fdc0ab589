"""Weights of claimgraph's check-worthiness model trained on ClaimBuster *and* CLEF CheckThat!.

Kept apart from the Apache-2.0 ``claimgraph`` package on purpose: the CLEF CheckThat! 2019/2020
debate transcripts are "free for general research use" with no open licence, so these weights
are for research and evaluation use, like the data. See LICENCE-NOTE.md and MODEL-CARD.md in this
folder. When this package is installed, ``CheckworthyModel.load()`` uses it; delete it (or set
``CLAIMGRAPH_CHECKWORTHY_MODEL=clean``) for the licence-clean ClaimBuster-only model.
"""
