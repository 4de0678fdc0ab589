"""``python -m claimgraph``: the same command line as the ``claimgraph`` script."""

from .cli import main

if __name__ == "__main__":  # pragma: no cover
    main()
