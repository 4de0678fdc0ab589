"""Checks: read an Analysis, write Findings a fact-checker should look at, each with a reason."""
