"""Each distinct claim text is embedded once, and every indexed claim still gets its own vector.

The ingest worker de-duplicates the texts of a call and keeps the vectors of recent texts
(boilerplate and syndicated sentences recur across articles). These tests check, on a real
SQLite corpus, that this saves model calls without changing what is stored: the ANN index
holds a vector for every indexed claim, equal to that claim's own embedding, and a repeated
claim is found from either article.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimgraph.corpus.ann import VectorIndex, index_paths
from claimgraph.corpus.embed import MINILM, Embedder, minilm, minilm_available
from claimgraph.corpus.families import lookup
from claimgraph.corpus.ingest import Corpus
from claimgraph.corpus.work import Worker, WorkOptions, article_to_dict
from claimgraph.read.plain import article_from_text
from claimgraph.store import Store

pytestmark = pytest.mark.skipif(not minilm_available(), reason="onnxruntime/tokenizers or the model file missing")

BOILERPLATE = "The Northbay Herald reported that the harbour board keeps its fishing quota for the whole winter."
"""A syndicated sentence in every article; attributed, so it may found a family (issue 15)."""
STORIES = [
    "The Fisheries Board said that 40 fishing vessels were sold in the northern harbour last month.",
    "The city council voted to close the old river bridge to all traffic from next Monday.",
    "Health officials reported that the new clinic in Elsby treated 300 patients in its first week.",
    "The ferry operator said that the crossing to Varna will resume on Friday after repairs.",
]


def test_repeated_texts_are_embedded_once_and_each_row_is_its_own_vector() -> None:
    texts = ["The ferry sank near the harbour.", "Officials counted 40 vessels.", "The ferry sank near the harbour."]
    emb = Embedder(MINILM, cache_size=2)
    got = emb.encode(texts)
    assert emb.encoded == 2  # the repeat was not sent to the model
    alone = np.vstack([minilm().encode([t]) for t in texts])
    assert np.abs(got - alone).max() < 1e-5  # every row is the vector of its own text, in order
    again = emb.encode(["Officials counted 40 vessels.", "The bridge will close on Monday."])
    assert emb.encoded == 3  # the first text came from the cache
    assert np.abs(again[0] - alone[1]).max() < 1e-5
    assert len(emb._cache) == 2  # bounded: the oldest text was dropped
    emb.encode(["The ferry sank near the harbour."])
    assert emb.encoded == 4  # ... and is embedded again when it comes back
    plain = Embedder(MINILM)  # no cache: repeats across calls are embedded again, within one call once
    plain.encode(texts)
    plain.encode(texts)
    assert plain.encoded == 4 and not plain._cache


def _articles() -> list[dict]:
    out = []
    for i, story in enumerate(STORIES):
        text = f"Harbour news {i + 1}\n\n{story}\n\n{BOILERPLATE}"
        art = article_from_text(text, title=f"Harbour news {i + 1}", url=f"https://example.org/{i}",
                                published=f"2024-03-0{i + 1}")
        out.append(article_to_dict(art))
    return out


def test_ingest_stores_a_vector_for_every_indexed_claim_of_repeated_boilerplate(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    worker = Worker(WorkOptions(embedder=MINILM))
    results = worker.run(_articles()[:2]) + worker.run(_articles()[2:])  # two calls: the second reuses
    assert all("error" not in r for r in results), results
    cores = [c["core"] for r in results for c in r["claims"] if c["indexed"]]
    assert sum("harbour board keeps" in core for core in cores) == 4
    assert worker.embedder.encoded == len(set(cores)) < len(cores)
    with Store(db) as store:
        corpus = Corpus(store, MINILM)
        for r in results:
            assert corpus.add(r)[0]
        corpus.linker.save()
        rows = store.conn.execute("SELECT n, core FROM corpus_claims WHERE indexed = 1 ORDER BY n").fetchall()
        assert [r["core"] for r in rows] == cores
        paths = index_paths(store)
        assert paths is not None
        index = VectorIndex.load(MINILM, *paths)
        assert index is not None and len(index) == len(rows)
        fresh = minilm().encode([r["core"] for r in rows])
        for (n, _), vec in zip(rows, fresh):
            stored = np.asarray(index.index.get(n), dtype=np.float32)
            assert float(stored @ vec) > 0.999, n  # f16 storage; a swapped vector would score far lower
        # the boilerplate, stored four times, is found from its text: all four copies, cosine 1
        repeated = [r["n"] for r in rows if "harbour board keeps" in r["core"]]
        hits = lookup(store, rows[[r["n"] for r in rows].index(repeated[0])]["core"], Embedder(MINILM), k=4)
        assert {n for n, _, _, _ in hits} == set(repeated)
        assert min(cos for _, cos, _, _ in hits) > 0.999
        assert len({fid for _, _, _, fid in hits}) == 1 and hits[0][3]  # one family: the repeats joined it
        # identical texts tie exactly (one vector): each repeat names the earliest telling
        matched = store.conn.execute(
            f"SELECT claim_n, matched_n FROM corpus_family_members WHERE claim_n IN ({','.join('?' * len(repeated))}) "
            "ORDER BY claim_n", repeated).fetchall()
        assert [tuple(r) for r in matched] == [(n, None if n == repeated[0] else repeated[0]) for n in repeated]
