"""Extractors: pure functions from a parsed article to records with character offsets.

Each module owns one concept (attribution, claims, entities, time, media, check-worthiness);
none does I/O, so the same functions run in the CLI, the server and on Ray workers.
"""
