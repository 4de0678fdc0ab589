"""``--executor ray`` runs the same per-article function on a local Ray instance (2 CPUs)."""

from __future__ import annotations

import importlib.util

import pytest


@pytest.mark.slow
def test_ray_executor_stores_what_the_local_executor_stores(tmp_path, monkeypatch):
    if importlib.util.find_spec("ray") is None:
        pytest.skip("ray is not installed (extra [ray])")
    monkeypatch.setenv("RAY_USAGE_STATS_ENABLED", "0")
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    from claimgraph.corpus.ingest import IngestOptions, ingest
    from claimgraph.store import Store

    src = tmp_path / "in"
    src.mkdir()
    for i, town in enumerate(["Arden", "Bexley", "Corran", "Dunmore", "Elgin"]):
        (src / f"{i}.txt").write_text(
            f"{town} news\n\nThe {town} council approved {i + 3} new homes on Tuesday, the mayor said.\n"
            f"Residents said the {town} plan would bring traffic to the high street.\n", encoding="utf-8")
    (src / "bad.json").write_text('{"title": "no body"}', encoding="utf-8")
    stored = {}
    for executor in ("ray", "local"):
        with Store(tmp_path / f"{executor}.db") as store:
            report = ingest(store, [str(src)], IngestOptions(executor=executor, workers=2, batch_size=2,
                                                             embedder="hashed-lexical-v1"))
            assert report.stored == 5 and len(report.bad) == 1, report.to_dict()
            stored[executor] = sorted(tuple(r) for r in store.conn.execute(
                "SELECT article_id, claim_id, text, start_offset, end_offset, source_key FROM corpus_claims"))
    assert stored["ray"] == stored["local"]
