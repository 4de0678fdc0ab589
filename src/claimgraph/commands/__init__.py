"""CLI commands by area, each module exporting ``COMMANDS`` (top-level) and optionally
``EVAL_COMMANDS`` (under ``claimgraph eval``). ``claimgraph.cli`` registers every module here,
so an area adds commands without editing the core CLI file.
"""
