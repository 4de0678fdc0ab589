"""Corpus building blocks on real parts: source names, diffs, MinHash copies, the store schema."""

from __future__ import annotations

import pytest

from claimgraph.corpus.diff import diff_claims
from claimgraph.corpus.sources import SourceResolver, is_acronym, source_key


@pytest.mark.parametrize("written", ["The New York Times", "the New York Times", "NYT", "New York Times'", "nyt"])
def test_new_york_times_names_share_one_key(written):
    assert source_key(written) == "new york times"


def test_acronym_merges_only_with_the_one_name_it_spells():
    r = SourceResolver(["elsby fisheries board", "efb", "east fen bakers"], acronyms=["efb"])
    assert r("efb") == "efb"  # two long names spell EFB: ambiguous, left alone
    r = SourceResolver(["elsby fisheries board", "efb"], acronyms=["efb"])
    assert r("efb") == "elsby fisheries board"
    assert is_acronym("EFB") and not is_acronym("Reuters")


def test_diff_flags_meaning_changes_and_not_rewording():
    assert diff_claims("40 vessels were sold", "400 vessels were sold").flags == ["number"]
    neg = diff_claims("The bridge will close in June", "The bridge will not close in June")
    assert neg.flags == ["negation"] and neg.mutation
    same = diff_claims("Soldiers abandoned the town", "soldiers abandoned the town")
    assert same.flags == [] and not same.mutation


def test_minhash_links_copies_not_rewrites():
    from claimgraph.corpus.dedup import NearDuplicates, signature

    story = ("The council has called an open meeting for Thursday evening in the old market hall where residents "
             "will be able to ask questions about the future of the harbour and the jobs that depend on it and "
             "a spokesperson said the meeting would be streamed online for those who cannot attend in person")
    rewrite = ("Residents can put questions on the harbour's future to the council on Thursday night at the market "
               "hall, and those unable to come can watch online, a council spokesperson said")
    nd = NearDuplicates()
    nd.add("orig", signature(story))
    assert nd.best_match("copy", signature(story + " Syndicated story.")) is not None
    assert nd.best_match("rewrite", signature(rewrite)) is None


def test_schema_applies_and_write_is_atomic(tmp_path):
    from claimgraph.errors import StoreError
    from claimgraph.store import Store
    from claimgraph.store import corpus_ops as ops

    store = Store(tmp_path / "s.db")
    assert "0101_corpus_claims_sources_families" in store.applied_migrations()
    art = {"id": "abc123", "text": "T", "title": None, "url": None, "outlet": None, "published": None,
           "published_source": None, "language": "en", "format": "text"}
    claim = {"claim_id": "c1", "text": "x", "core": "x", "start": 0, "end": 1, "attribution_id": None,
             "source_name": None, "source_type": None, "source_key": None, "entities": [], "tokens": [], "indexed": True}
    result = {"analysis": {"article": art}, "claims": [claim, dict(claim)], "signature": b"\0" * 8}
    with pytest.raises(StoreError):  # the second claim violates UNIQUE(article_id, claim_id)
        ops.write_article(store, "abc123", 2, lambda ns: ops.ArticleWrite(result, ns))
    assert store.count() == 0 and not ops.ingested_ids(store)  # nothing half-written
    result["claims"] = [claim]
    assert ops.write_article(store, "abc123", 1, lambda ns: ops.ArticleWrite(result, ns)) is True
    assert ops.write_article(store, "abc123", 1, lambda ns: ops.ArticleWrite(result, ns)) is False
    assert ops.corpus_counts(store)["claims"] == 1
    assert store.get("abc123") is not None
    store.close()


def test_minhash_signature_is_the_per_shingle_one_across_chunks(monkeypatch):
    """Batched hashing must give the signatures already stored in corpora (one ``update`` per
    shingle), also when the shingles span several chunks and for texts too short to shingle."""
    import numpy as np
    from datasketch import MinHash

    from claimgraph.corpus import dedup
    from claimgraph.corpus.text import shingles

    def one_by_one(text: str) -> bytes:
        m = MinHash(num_perm=dedup.NUM_PERM, scheme=dedup.SCHEME)
        for s in shingles(text):
            m.update(s.encode("utf-8"))
        return np.asarray(m.hashvalues, dtype=np.uint64).tobytes()

    text = " ".join(f"word{i % 37} harbour{i % 11} vessel{i}" for i in range(120))
    monkeypatch.setattr(dedup, "CHUNK", 7)  # 300+ shingles: dozens of chunks and a ragged last one
    assert len(shingles(text)) > 7 * 40
    for t in (text, "Too short.", ""):
        assert dedup.signature(t) == one_by_one(t)
