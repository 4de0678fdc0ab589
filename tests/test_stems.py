"""Stems (claimgraph.stems): which stemmer each part uses, and that the FTS5 lookups find what
SQLite stored."""

from __future__ import annotations

import sqlite3
import threading

import numpy as np

from claimgraph.corpus.embed import hashed_vector
from claimgraph.corpus.text import content_tokens, content_tokens_v1, lexical_overlap
from claimgraph.stems import fts_forms, light, light_v1, snowball, snowball_all
from claimgraph.store import open_store
from claimgraph.store import verify_ops as ops
from claimgraph.verify.bm25 import tokenize

WORDS = ("government elections universities organized relational running happily ponies "
         "apology assembly credibly chronology vaccines vaccination says news").split()


def test_fts_forms_hold_the_term_sqlite_porter_stores():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE f USING fts5(text, tokenize='porter unicode61')")
    conn.executemany("INSERT INTO f(rowid, text) VALUES (?, ?)", list(enumerate(WORDS, 1)))
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(f, 'instance')")
    stored = {doc: term for term, doc in conn.execute("SELECT term, doc FROM v")}
    for i, word in enumerate(WORDS, 1):
        assert stored[i] in fts_forms(word), (word, stored[i], fts_forms(word))


def test_fts_rarest_keeps_words_porter_cuts_deep(tmp_path):
    """"government" is stored as "govern": a raw or lightly stemmed lookup missed it and the
    word fell out of the query."""
    store = open_store(str(tmp_path / "ev.db"))
    try:
        texts = ["The government announced elections.", "Universities organized a vote.",
                 "Ponies were running happily."]
        texts += [f"Filler passage number {i}." for i in range(20)]
        ops.add_evidence_doc(store, {"id": "d", "source": "test", "text": " ".join(texts)},
                             [{"id": f"p{i}", "seq": i, "start": 0, "end": len(t), "text": t}
                              for i, t in enumerate(texts)])
        words = ["filler", "government", "elections", "universities", "ponies"]
        kept = ops.fts_rarest(store, words, max_df=50)
        # before: ["filler"], the only word found raw or lightly stemmed
        assert kept == ["elections", "government", "ponies", "universities", "filler"]
        hits = ops.fts_search(store, ["government"], max_df=50)
        assert [pid for pid, _ in hits] == ["p0"]
    finally:
        store.close()


def test_content_tokens_use_snowball_and_link_word_forms():
    tokens = content_tokens("Elections were held; the elected vaccinated")
    assert tokens == ["elect", "held", "elect", "vaccin"]
    assert lexical_overlap("new vaccines ordered", "vaccination order") == 1.0


def test_frozen_stems_stay_as_they_were():
    """hashed-lexical-v1 vectors live on in saved indexes; fact-check matching was fitted on its
    stems. The expected values were computed with the code before PyStemmer came in."""
    words = ("cities", "running", "voted", "boxes", "class", "is", "trump's", "presidents")
    assert [light_v1(w) for w in words] == ["cit", "runn", "voted", "boxe", "clas", "is", "trump'",
                                            "president"]
    assert [light(w) for w in words] == ["city", "runn", "vot", "box", "class", "is", "trump",
                                         "president"]
    assert content_tokens_v1("Cities are voting") == ["cit", "voting"]
    assert tokenize("Cities voted, https://t.co/x boxes") == ["city", "vot", "box"]
    vec = hashed_vector("Cities are voting in the elections")
    assert np.nonzero(vec)[0].tolist() == [42, 66, 125, 178, 296]
    assert np.sign(vec[np.nonzero(vec)[0]]).tolist() == [1.0, 1.0, 1.0, -1.0, 1.0]


def test_snowball_from_many_threads():
    """Each thread has its own PyStemmer object (one object is not safe to share)."""
    words = ["elections", "running", "vaccination", "universities"] * 500
    want = [snowball(w) for w in words]
    out: list[list[str]] = []

    def work() -> None:
        out.append(snowball_all(words))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert out == [want] * 4
