"""Training data for the attribution CRFs: the real-news gold's tune half, never its test half."""

from __future__ import annotations

from pathlib import Path

from claimgraph import nlp
from claimgraph.eval.newsgold import load_gold, training_documents
from claimgraph.extract.attribution.learned.data import gold_token_relations, role_sequences
from claimgraph.eval.polnear import GoldRelation

from conftest import shared_path

ROOT = Path(__file__).resolve().parents[1]


def test_training_documents_hold_the_tune_half_only():
    gold = load_gold(ROOT / "gold" / "attribution")
    tune = {g.article for g in gold if g.split == "tune"}
    test = {g.article for g in gold if g.split == "test"}
    skip = sorted(tune)[:2]
    docs = training_documents(ROOT / "gold" / "attribution", shared_path("data", "news"), exclude=skip)
    names = {d.name.removeprefix("news:") for d in docs}
    assert names == tune - set(skip)
    assert not names & test
    assert all(d.name.startswith("news:") and d.text for d in docs)
    assert all(r.cue and r.content for d in docs for r in d.relations)


def test_a_content_far_from_its_cue_is_no_role_sequence_for_news():
    text = ("“We will rebuild the bridge,” the mayor said. The river rose again in May. "
            "Crews came back. Nobody was hurt. The road stayed closed. “It will open by winter.”")
    doc = nlp.load()(text)
    said = text.index("said")
    far = text.index("It will")
    rels = [GoldRelation("Attribution", [(text.index("the mayor"), said - 1)], [(said, said + 4)],
                         [(1, text.index(",”"))]),
            GoldRelation("Attribution", [], [(said, said + 4)], [(far, len(text) - 2)])]
    tok = gold_token_relations(doc, rels)
    assert len(list(role_sequences(doc, tok))) == 2  # PolNeAR: unchanged
    kept = list(role_sequences(doc, tok, content_in_window=True))
    assert len(kept) == 1 and "B-CON" in kept[0][1]
