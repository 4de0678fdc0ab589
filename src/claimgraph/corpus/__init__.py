"""The corpus: many articles ingested into one store, claims linked across outlets.

* :mod:`.ingest` — ``ingest(store, paths, IngestOptions)``: read, analyse (local cores or Ray),
  link near-duplicates and claim families, store one article per transaction.
* :mod:`.families` — the same claim in other words (MiniLM embeddings + usearch ANN + word
  overlap; calibrated thresholds in ``docs/calibration.md``).
* :mod:`.provenance` — per family: timeline, earliest, ``cites``/``repeats``/``mutates``/
  ``copies`` edges; :mod:`.export` writes GraphML and PROV-JSON.
* :mod:`.sources`, :mod:`.stats` — canonical source names and per-source statistics.

Nothing heavy is imported here: models load on first use.
"""
