"""The passage text index (``<db>.passages.fts``) against SQLite FTS5, on real SQLite files.

The index must rank exactly as FTS5 does (same terms, same words kept, same ``bm25()``), so
every test compares the two paths of ``EvidenceIndex`` on one store: the threshold is lowered
through ``EvidenceOptions.text_index_min_passages`` (1: index; 10**9: FTS5). Texts mix
inflections porter stems, SQLite's porter departures ("apology", "assembly"), diacritics,
punctuation inside words and non-ASCII whitespace.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimgraph.store import Store
from claimgraph.store import verify_ops as ops
from claimgraph.verify.arrayfile import load_arrays, save_arrays
from claimgraph.verify.evidence import EvidenceIndex, EvidenceOptions, add_evidence
from claimgraph.verify.fts_terms import Fts5Terms
from claimgraph.verify.textindex import TextIndex, text_index_path

pytestmark = pytest.mark.skipif(not Fts5Terms.available(), reason="this SQLite has no FTS5")

INDEX = EvidenceOptions(use_embeddings=False, text_index_min_passages=1)
FTS5 = EvidenceOptions(use_embeddings=False, text_index_min_passages=10**9)
WORDS = ("government governments governed governing apology apologies assembly assemblies credibly "  # noqa: SIM905
         "naïve Élan café résumé don't won't U.S. e-mail COVID-19 2,000 3.5% 1990s vaccinations "
         "vaccine vaccinated bridge bridges toll tolls running runs runner ran minister ministers "
         "budget budgets rail railway parliament parliamentary approved approval critics criticism "
         "harbour harbor traffic fell falling a the of and to in for on with snake_case x ab "
         "electricity electric relational conditional hopefulness generalization").split()
SPACES = (" ", " ", " ", "\u00a0", "\t", ", ", ". ", "\u200b")


def _sentences(n: int, rng: np.random.Generator) -> list[str]:
    out = []
    for _ in range(n):
        words = rng.choice(WORDS, size=int(rng.integers(4, 18)))
        seps = rng.choice(SPACES, size=len(words))
        out.append("".join(w + s for w, s in zip(words, seps)).strip() or "empty")
    return out


def _fill(store: Store, docs: int, per_doc: int, rng: np.random.Generator, first: int = 0,
          prefix: str = "d") -> None:
    for d in range(first, first + docs):
        texts = _sentences(per_doc, rng)
        rows, pos = [], 0
        for n, t in enumerate(texts):
            rows.append({"id": f"{prefix}{d}:{n}", "seq": n, "start": pos, "end": pos + len(t), "text": t})
            pos += len(t) + 1
        ops.add_evidence_doc(store, {"id": f"{prefix}{d}", "source": "synthetic", "text": "\n".join(texts)}, rows)


def _queries(rng: np.random.Generator, n: int = 40) -> list[str]:
    return [" ".join(rng.choice(WORDS + ["unknownword", "zzz"], size=int(rng.integers(2, 14)))) for _ in range(n)]


def _same_ranking(a: list[tuple[str, float]], b: list[tuple[str, float]]) -> None:
    """Same scores in the same order, and the same passages except among ties at the cut
    (FTS5 orders equal scores as it meets them)."""
    assert [round(s, 9) for _, s in a] == [round(s, 9) for _, s in b]
    if a:
        cut = a[-1][1]
        assert {p for p, s in a if s > cut + 1e-9} == {p for p, s in b if s > cut + 1e-9}


def _assert_paths_agree(store: Store, rng: np.random.Generator) -> EvidenceIndex:
    index, fts5 = EvidenceIndex(store, INDEX), EvidenceIndex(store, FTS5)
    assert index.text is not None and fts5.text is None
    for q in _queries(rng):
        _same_ranking(index.lexical(q, 20), fts5.lexical(q, 20))
    return index


def test_terms_are_those_fts5_stores(tmp_path: Path) -> None:
    store = Store(tmp_path / "t.db")
    _fill(store, 5, 40, np.random.default_rng(1))
    assert ops.fts_available(store)
    store.conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS fts_inst USING fts5vocab(evidence_fts, 'instance')")
    by_rowid: dict[int, list[str]] = {}
    for term, doc in store.conn.execute("SELECT term, doc FROM fts_inst"):
        by_rowid.setdefault(doc, []).append(term)
    rows = store.conn.execute("SELECT rowid, text FROM evidence_fts ORDER BY rowid").fetchall()
    ours = Fts5Terms().terms([r[1] for r in rows])
    assert sorted(ours[0]) == sorted(by_rowid.get(rows[0][0], []))
    assert all(sorted(t) == sorted(by_rowid.get(r[0], [])) for r, t in zip(rows, ours))
    terms = Fts5Terms()
    assert terms.term("government") == "govern" and terms.term("apology") == "apolog"
    assert terms.term("Élan") == "elan" and terms.term("...") is None and terms.term("e-mail") is None
    store.close()


def test_index_ranks_as_fts5(tmp_path: Path) -> None:
    rng = np.random.default_rng(2)
    store = Store(tmp_path / "ev.db")
    _fill(store, 30, 50, rng)
    index = _assert_paths_agree(store, rng)
    path = text_index_path(store)
    assert path is not None and path.exists() and len(index.text or []) == ops.passage_count(store) == 1500
    hits = index.lexical("parliamentary apologies credibly", 5)
    assert hits and all(h[1] > 0 for h in hits)
    store.close()


def test_index_catches_up_with_added_and_replaced_passages(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    store = Store(tmp_path / "ev.db")
    _fill(store, 10, 30, rng)
    EvidenceIndex(store, INDEX)  # builds the file
    path = text_index_path(store)
    assert path is not None
    built = TextIndex.load(path)
    assert built is not None and len(built) == 300

    _fill(store, 5, 30, rng, first=10)  # added behind the index's back
    rows = [{"id": "d3:0", "seq": 0, "start": 0, "end": 30, "text": "quokka marsupial sightings doubled"}]
    ops.add_evidence_doc(store, {"id": "d3", "source": "s", "text": rows[0]["text"]}, rows)  # replaced
    assert ops.passage_count(store) == 300 + 150 - 30 + 1

    index = _assert_paths_agree(store, rng)
    assert index.text is not None and len(index.text) == ops.passage_count(store)
    assert index.text.max_key == ops.passage_key_range(store)[1]
    assert index.lexical("quokka sightings", 3)[0][0] == "d3:0"
    assert not any(p.startswith("d3:") and p != "d3:0" for p, _ in index.lexical("government bridge toll", 200))
    saved = TextIndex.load(path)
    assert saved is not None and len(saved) == len(index.text)  # the caught-up index was saved
    store.close()


def test_removing_the_newest_passages_leaves_a_current_index(tmp_path: Path) -> None:
    rng = np.random.default_rng(4)
    store = Store(tmp_path / "ev.db")
    _fill(store, 4, 20, rng)
    EvidenceIndex(store, INDEX)
    store.conn.execute("DELETE FROM evidence_passages WHERE doc_id = 'd3'")  # the highest keys
    index = EvidenceIndex(store, INDEX)
    assert index.text is not None and len(index.text) == 60
    path = text_index_path(store)
    assert path is not None
    again = TextIndex.load(path)
    assert again is not None and again.max_key == ops.passage_key_range(store)[1]  # no rebuild next time
    store.close()


def test_unreadable_index_file_is_rebuilt(tmp_path: Path) -> None:
    rng = np.random.default_rng(5)
    store = Store(tmp_path / "ev.db")
    _fill(store, 6, 25, rng)
    path = text_index_path(store)
    assert path is not None
    path.write_bytes(b"not an index")
    _assert_paths_agree(store, rng)
    assert TextIndex.load(path) is not None
    store.close()


def test_evidence_add_builds_the_index_only_above_the_threshold(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("The Harbour Bridge toll rose to 4 dollars in March 2023. Officials said "
                                "the increase funds repairs of the old bridge.", encoding="utf-8")
    small = Store(tmp_path / "small.db")
    add_evidence(small, [docs / "a.txt"], embed=False)  # default threshold: FTS5, no file
    path = text_index_path(small)
    assert path is not None and not path.exists()
    assert EvidenceIndex(small, EvidenceOptions(use_embeddings=False)).text is None
    small.close()

    store = Store(tmp_path / "big.db")
    add_evidence(store, [docs / "a.txt"], embed=False, options=INDEX)
    path = text_index_path(store)
    assert path is not None and path.exists()
    saved = TextIndex.load(path)
    assert saved is not None and len(saved) == ops.passage_count(store) == 2
    ev = EvidenceIndex(store, INDEX)
    assert "toll" in ev.search("bridge toll price", 1)[0]["text"]
    store.close()


def test_in_memory_store_searches_fts5(tmp_path: Path) -> None:
    memory = Store(":memory:")
    _fill(memory, 3, 20, np.random.default_rng(6))
    assert text_index_path(memory) is None
    ev = EvidenceIndex(memory, INDEX)
    assert ev.text is None and ev.lexical("government bridge", 5)
    memory.close()


def test_array_file_round_trip_and_truncation(tmp_path: Path) -> None:
    path = tmp_path / "a.bin"
    arrays = {"x": np.arange(10, dtype=np.int64), "empty": np.empty(0, np.uint16),
              "y": np.array([1.5, 2.5], dtype=np.float32)}
    save_arrays(path, {"k": 1}, arrays)
    loaded = load_arrays(path)
    assert loaded is not None and loaded[0] == {"k": 1}
    assert all(np.array_equal(loaded[1][k], v) and loaded[1][k].dtype == v.dtype for k, v in arrays.items())
    path.write_bytes(path.read_bytes()[:-8])
    assert load_arrays(path) is None
