"""Families a fact-checker can trust (issue 15): invented texts only, never article text.

Each rule has one test here: live-blog entry times are timestamps, fragments and unresolved
pronoun subjects stay out of families, a speaker pronoun is resolved, event facts that
contradict keep two claims apart, repeats in one article are one appearance, and the gold
scorer counts what it should.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.corpus.events import conflict, event_facts
from claimgraph.corpus.families import Thresholds
from claimgraph.corpus.provenance import _one_per_article
from claimgraph.corpus.text import coverage, lexical_overlap
from claimgraph.eval.families import GoldPair, Side, load_pairs, score
from claimgraph.extract.liveblog import entry_stamps, entry_time_at

BLOG = ("Harbour strike: the live report\n\nFrom 3 Mar 2031 21.15 Ferry service suspended The port authority of "
        "Velmora said the evening ferry was cancelled.\n\n3 Mar 2031 22.40 The mayor of Velmora said 14 boats were "
        "damaged.\n\nThe council meets on 4 March 2031 at 10.30 to discuss it.")


def test_live_blog_entry_times_are_timestamps_not_words():
    stamps = entry_stamps(BLOG)
    assert [s.value for s in stamps] == ["2031-03-03T21:15", "2031-03-03T22:40"]
    first = stamps[0]
    assert BLOG[first.text_start:first.text_end] == "3 Mar 2031 21.15"
    assert BLOG[first.end:].startswith("Ferry service")  # "From " and the blank are inside the stamp
    # a date inside a sentence is not an entry time
    assert all(BLOG[s.start - 1] == "\n" for s in stamps)
    assert entry_time_at(stamps, BLOG.index("14 boats")) == "2031-03-03T22:40"
    assert entry_time_at(stamps, 5) is None


def test_analysis_strips_the_stamp_from_claims_and_sources():
    from claimgraph.pipeline import analyze as analyze_text

    analysis = analyze_text(BLOG, title="Harbour strike: the live report", published="2031-03-03")
    pattern = "Mar 2031 2"
    assert not any(pattern in c.text for c in analysis.claims)
    assert not any(a.source_name and pattern in a.source_name for a in analysis.attributions)
    assert not any(a.source and pattern in a.source.text for a in analysis.attributions)
    times = [t for t in analysis.times if t.value == "2031-03-03T22:40"]
    assert times and times[0].type == "TIME" and "live-blog" in times[0].reason


@pytest.fixture(scope="module")
def nlp():
    from claimgraph import nlp as nlp_mod

    return nlp_mod.load()


def _fit(nlp, text: str, source: str | None = None, stype: str | None = None):
    from claimgraph.corpus.claimfit import fitness

    doc = nlp(text)
    return fitness([t for t in doc], text, 0, source, stype)


def test_fragments_and_unresolved_pronouns_are_not_self_contained(nlp):
    assert not _fit(nlp, "The northern dam's collapse in the spring").self_contained
    assert not _fit(nlp, "to double the number of ferry crossings").self_contained
    assert not _fit(nlp, "They no longer trust the harbour board with the ferries.").self_contained
    assert not _fit(nlp, "The claim could not be independently verified.").self_contained
    assert _fit(nlp, "The harbour board cancelled the evening ferry to Velmora.").self_contained
    assert _fit(nlp, "There were no injuries at the harbour.").self_contained


def test_a_speaker_pronoun_is_resolved_to_the_named_speaker(nlp):
    fit = _fit(nlp, "she would not approve the ferry cuts", "Mara Lind", "named_person")
    assert fit.self_contained and fit.core.startswith("Mara Lind would not")
    org = _fit(nlp, "it stands by its report on the ferry cuts", "Harbour Watch", "named_org")
    assert org.self_contained and org.core.startswith("Harbour Watch stands")
    # "they" is never resolved: a speaker rarely calls themselves "they"
    assert not _fit(nlp, "they would not approve the cuts", "Mara Lind", "named_person").self_contained


def _facts(nlp, text: str, reference: str, days: list[str] | None = None):
    doc = nlp(text)
    ents = [{"text": e.text, "label": e.label_} for e in doc.ents]
    return event_facts(list(doc), ents, [{"value": d, "type": "DATE"} for d in days or []], reference)


def test_events_that_contradict_are_not_one_claim(nlp):
    # two strikes in two towns
    a = _facts(nlp, "Eight people were killed in shelling of Dornfeld.", "2031-04-02")
    b = _facts(nlp, "Four people were killed in shelling of Marrow Creek.", "2031-04-02")
    assert "places" in (conflict(a, b) or "")
    # the same town's toll counted again weeks later is another strike
    c = _facts(nlp, "Eight people were killed in shelling.", "2031-04-02")
    d = _facts(nlp, "Four people were killed in shelling.", "2031-07-19")
    assert "figures" in (conflict(c, d) or "")
    # a toll updated the next day is the same event, changed: mutates, not apart
    e = _facts(nlp, "Four people were killed in shelling.", "2031-04-03")
    assert conflict(c, e) is None
    # explicit days far apart
    f = _facts(nlp, "The ferry sank near the pier.", "2031-05-01", ["2031-04-20"])
    g = _facts(nlp, "The ferry sank near the pier.", "2031-05-01", ["2031-03-02"])
    assert "dates" in (conflict(f, g) or "")
    # a country is never a conflicting place, and missing facts never separate
    h = _facts(nlp, "Norway closed the ferry route.", "2031-04-02")
    assert conflict(a, h) is None and conflict(None, a) is None


def test_a_fragment_inside_a_sentence_is_not_the_same_claim():
    short, long = "the northern dam collapse", ("officials said the northern dam collapse flooded three villages "
                                                 "and forced the evacuation of farms along the river valley")
    assert lexical_overlap(short, long) == 1.0
    assert coverage(short, long) < 0.4
    t = Thresholds(strong=0.75, weak=0.45, lexical=0.7, coverage=0.4, strong_coverage=0.3)
    assert not t.accept(0.6, 1.0, coverage(short, long))
    assert not t.accept(0.8, 1.0, 0.1) and t.accept(0.8, 1.0, 0.5)
    assert not t.founds({"checkworthiness": 0.1}) if t.found else t.founds({"checkworthiness": 0.1})


def test_repeats_in_one_article_are_one_appearance_with_their_times():
    rows = [
        {"n": 5, "article_id": "blog", "facts": {"entry_time": "2031-03-03T22:40"}},
        {"n": 9, "article_id": "blog", "facts": {"entry_time": "2031-03-03T21:15"}},
        {"n": 7, "article_id": "other", "facts": None},
    ]
    kept = {r["article_id"]: r for r in _one_per_article(rows)}
    assert kept["blog"]["n"] == 5 and kept["blog"]["also"] == [9]
    assert kept["blog"]["times"] == ["2031-03-03T21:15", "2031-03-03T22:40"]
    assert kept["other"]["also"] == [] and kept["other"]["times"] == []


def _pair(key: str, label: str, split: str = "test") -> GoldPair:
    side = Side("a" * 16, "0" * 64, 0, 10)
    return GoldPair(key, split, "member", "c", side, side, label, "why")


def test_gold_scoring_counts_membership_and_mutates(tmp_path: Path):
    pairs = [_pair("p1", "same_claim"), _pair("p2", "same_topic"), _pair("p3", "same_claim"),
             _pair("p4", "unrelated", "tune")]
    preds = [{"pair": "p1", "found": True, "same_family": True, "edges": ["mutates"]},
             {"pair": "p2", "found": True, "same_family": True, "edges": ["mutates"]},
             {"pair": "p3", "found": True, "same_family": False, "edges": []},
             {"pair": "p4", "found": True, "same_family": False, "edges": []}]
    result = score(pairs, preds)
    m = result["test"]["membership"]
    assert (m["tp"], m["fp"], m["fn"], m["precision"], m["recall"]) == (1, 1, 1, 0.5, 0.5)
    assert result["test"]["mutates"] == {"precision": 0.5, "edges": 2, "correct": 1}
    assert result["tune"]["membership"]["precision"] is None
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"pair": "x"}) + "\n", encoding="utf-8")
    from claimgraph.errors import DataError

    with pytest.raises(DataError):
        load_pairs(bad)


def test_the_gold_file_holds_no_article_text():
    gold = Path(__file__).resolve().parents[1] / "gold" / "families" / "pairs.jsonl"
    rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 300 and {r["split"] for r in rows} == {"tune", "test"}
    allowed = {"pair", "split", "sampled_as", "collection", "a", "b", "label", "reason", "annotator", "round"}
    for r in rows:
        assert set(r) <= allowed and set(r["a"]) == {"article", "sha256", "start", "end"}
        assert len(r["reason"]) < 200


def test_gold_pairs_carry_their_sampling_round(tmp_path: Path):
    side = {"article": "a" * 16, "sha256": "0" * 64, "start": 0, "end": 10}
    base = {"split": "test", "collection": "c", "a": side, "b": side, "label": "same_topic", "reason": "why"}
    path = tmp_path / "pairs.jsonl"
    path.write_text(json.dumps({"pair": "old", **base}) + "\n" + json.dumps({"pair": "new", "round": 2, **base}) + "\n",
                    encoding="utf-8")
    assert {p.pair: p.round for p in load_pairs(path)} == {"old": 1, "new": 2}
