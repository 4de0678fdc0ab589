"""The PostgreSQL store against a real PostgreSQL 15 server started on 127.0.0.1 for this module.

The server is created with ``initdb`` in a temporary directory and started with ``pg_ctl``
(as the ``postgres`` user when the tests run as root); the test is skipped with the reason
when the server binaries or psycopg are absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "corpus"


def test_store_api_and_migrations_on_postgres(pg_url):
    from claimgraph import analyze
    from claimgraph.store import open_store

    with open_store(pg_url) as store:
        assert type(store).__name__ == "PostgresStore"
        assert "0101_corpus_claims_sources_families" in store.applied_migrations()
        analysis = analyze("Harbour news\n\nThe ferry will stop on Sundays, the harbour authority said.",
                           published="2024-03-04")
        assert store.save(analysis) is True and store.save(analysis) is False
        got = store.get(analysis.article.id[:8])
        assert got is not None and got.article.text == analysis.article.text
        assert [c.text for c in got.claims] == [c.text for c in analysis.claims]
        assert store.count() == 1 and next(store.articles())["id"] == analysis.article.id
    with open_store(pg_url) as again:  # migrations are not re-applied
        assert again.count() == 1


def test_corpus_ingest_and_provenance_on_postgres(pg_url, tmp_path, monkeypatch):
    from claimgraph.corpus.embed import minilm_available
    from claimgraph.corpus.ingest import IngestOptions, ingest
    from claimgraph.corpus.provenance import build
    from claimgraph.corpus.trace import find_family
    from claimgraph.store import corpus_ops as ops
    from claimgraph.store import open_store

    if not minilm_available():
        pytest.skip("the ONNX MiniLM embedder cannot run here (onnxruntime, tokenizers or model file missing)")
    monkeypatch.setenv("CLAIMGRAPH_INDEX_DIR", str(tmp_path))
    with open_store(pg_url) as store:
        report = ingest(store, [str(FIXTURE)], IngestOptions(embedder="all-MiniLM-L6-v2"))
        assert (report.stored, report.copies, len(report.bad)) == (12, 1, 1)
        fid, _ = find_family(store, claim_text="Fishermen in Port Elsby are selling their boats")
        prov = build(store, fid)
        name = {n["id"]: n.get("outlet") or n["id"] for n in prov.nodes}
        assert {(e["kind"], name[e["src"]], name[e["dst"]]) for e in prov.edges} == {
            ("copies", "Valley Times", "Coastal Daily"), ("cites", "Coastal Daily", "Northbay Herald"),
            ("repeats", "Coastal Daily", "Northbay Herald"), ("cites", "Morning Ledger", "Coastal Daily"),
            ("mutates", "Morning Ledger", "Coastal Daily"), ("repeats", "Quayside Notes", "Northbay Herald"),
            ("repeats", "Union Bulletin", "Northbay Herald")}
        assert [name[i] for i in prov.earliest] == ["Northbay Herald"]
        counts = ops.corpus_counts(store)
    assert (tmp_path / f"claimgraph-{pg_url.rsplit('/', 1)[1]}.claims.usearch").exists()
    with open_store(pg_url) as store:
        again = ingest(store, [str(FIXTURE)], IngestOptions(embedder="all-MiniLM-L6-v2"))
        assert (again.stored, again.skipped) == (0, 12)
        assert ops.corpus_counts(store) == counts
