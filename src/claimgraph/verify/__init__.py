"""Verification: does a claim hold? Earlier fact-checks, trusted evidence, stance, verdicts.

Submodules load their models lazily; importing this package costs nothing.
"""
