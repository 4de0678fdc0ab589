"""Storage. One class owns the database; callers never write SQL."""

from .sqlite import Store, open_store

__all__ = ["Store", "open_store"]
