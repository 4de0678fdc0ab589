"""The trained attribution extractor, its licence-clean fallback, and the two new scorers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph import analyze
from claimgraph.errors import DataError
from claimgraph.eval.cofenet import CofenetTally, pieces
from claimgraph.eval.newsgold import (
    GoldArticle,
    GoldAttribution,
    NewsTally,
    content_overlap,
    load_gold,
    same_speaker,
    score_article,
    summarize_news,
    text_sha256,
)
from claimgraph.eval.polnear import GoldDocument, GoldRelation
from claimgraph.extract.attribution.learned import tagger
from claimgraph.options import AnalyzeOptions

from conftest import shared_path

ROOT = Path(__file__).resolve().parents[1]
NON_SPEECH = (
    "Budget talks\n\nThe senator wants the bill passed before the recess. "
    "The mayor called for a stronger response from the province."
)


def _by_cue(text: str, method: str) -> dict[str, object]:
    return {a.cue.text: a for a in analyze(text, options=AnalyzeOptions(attribution=method)).attributions}


def test_model_finds_non_speech_cues_the_rules_miss():
    model = _by_cue(NON_SPEECH, "model")
    rules = _by_cue(NON_SPEECH, "rules")
    assert "wants" in model and "called for" in model
    assert model["called for"].content.text == "a stronger response from the province"  # type: ignore[attr-defined]
    assert model["wants"].source.text == "The senator"  # type: ignore[attr-defined]
    assert "trained attribution model" in model["wants"].reason  # type: ignore[attr-defined]
    assert "wants" not in rules
    # "called for X" is a rule of its own since session 9 (stances), which outranks the model
    assert rules["called for"].content.text == model["called for"].content.text  # type: ignore[attr-defined]


def test_rules_option_never_uses_the_model():
    a = analyze(NON_SPEECH + " Union leaders believe the plan will cost jobs.",
                options=AnalyzeOptions(attribution="rules"))
    assert a.attributions and all("trained attribution model" not in x.reason for x in a.attributions)
    assert not a.warnings


def test_missing_weights_fall_back_to_rules_with_a_warning(monkeypatch):
    monkeypatch.setattr(tagger, "model_folder", lambda: None)
    tagger.load_model.cache_clear()
    try:
        a = analyze(NON_SPEECH, options=AnalyzeOptions(attribution="model"))
    finally:
        tagger.load_model.cache_clear()
    assert any("claimgraph_polnear" in w and "rule extractor" in w for w in a.warnings)
    assert all("trained attribution model" not in x.reason for x in a.attributions)


def test_evidence_verb_with_inanimate_subject_and_indirect_question_are_not_attributions():
    assert analyze("History\n\nThis episode shows how close the two towns have always been.").attributions == []
    assert analyze("Talks\n\nThe envoy does not know why the meeting was cancelled.").attributions == []


def test_appositive_names_the_speaker_and_a_later_description_resolves_to_it():
    text = ("Drones\n\nThe national security adviser, Jake Sullivan, said that Iran was preparing drones. "
            "Later the national security adviser said the shipments had not started.")
    atts = analyze(text).attributions
    assert [a.source_name for a in atts] == ["Jake Sullivan", "Jake Sullivan"]
    assert atts[0].source_type == "named_person" and "apposition" in atts[0].reason


def test_a_name_in_apposition_to_an_office_is_a_person_even_when_the_recogniser_misses_it():
    """"The mayor of Arden, Ana Ruiz" (no entity found) and "Ukraine's president, Volodymyr
    Zelenskiy" (typed an organisation by the small model) are named people; a company named in
    apposition to "the carmaker" stays an organisation."""
    cases = {"The mayor of Arden, Ana Ruiz, said two bridges would reopen.": ("named_person", "Ana Ruiz"),
             "Ukraine’s president, Volodymyr Zelenskiy, said two bridges would reopen.":
                 ("named_person", "Volodymyr Zelenskiy"),
             "The carmaker, Volkswagen Group, said two plants would reopen.": ("named_org", "Volkswagen Group")}
    for sentence, expected in cases.items():
        atts = analyze("Flood\n\n" + sentence).attributions
        assert [(a.source_type, a.source_name) for a in atts] == [expected], sentence


def test_content_does_not_run_into_the_next_sentence():
    text = ("Strikes\n\nThe governor said the Kremlin was fully responsible for the attack on the depot. "
            "Rescue workers searched the debris for survivors overnight.")
    for a in analyze(text).attributions:
        assert "Rescue workers" not in a.content.text


def test_cli_attribution_option_is_validated():
    proc = subprocess.run([sys.executable, "-m", "claimgraph.cli", "analyze", "--example", "--attribution", "crf"],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "crf" in proc.stderr and "Traceback" not in proc.stderr


# --------------------------------------------------------------------------- CofeNet protocol


def test_cofenet_pieces_cut_at_line_breaks_and_keep_punctuation():
    text = "“We will win,” he said.\n\n“And soon.”"
    assert pieces(text, [(0, len(text))]) == {(0, 23), (25, 36)}
    assert pieces(text, [(0, 15)]) == {(0, 14)}  # quote marks and comma stay, the space goes


def test_cofenet_tally_counts_each_fragment_of_a_split_quote():
    text = "“We will win,” he said, “and soon.”"
    gold = GoldDocument("d", text, [GoldRelation("Attribution", source=[(15, 17)], cue=[(18, 22)],
                                                 content=[(0, 14), (24, 35)])])
    pred_whole = [{"source": {"start": 15, "end": 17}, "cue": {"start": 18, "end": 22},
                   "content": {"start": 0, "end": 35}, "content_parts": []}]
    pred_parts = [dict(pred_whole[0], content_parts=[{"start": 0, "end": 14}, {"start": 24, "end": 35}])]
    t1, t2 = CofenetTally(), CofenetTally()
    t1.add(gold, pred_whole)
    t2.add(gold, pred_parts)
    assert t1.summary()["content"]["tp"] == 0 and t1.summary()["source"]["tp"] == 1
    assert t2.summary()["content"]["tp"] == 2 and t2.summary()["content"]["f1"] == 1.0


# --------------------------------------------------------------------------- real-news gold scorer


def _gold(speaker: str | None, content: tuple[int, int], kind: str = "named_person") -> GoldAttribution:
    return GoldAttribution(source=[], cue=[], content=[content], type=kind, speaker=speaker)


def test_same_speaker_titles_surnames_and_pronouns():
    g = _gold("Volodymyr Zelenskiy", (0, 5))
    assert same_speaker(g, {"source": {"text": "he"}, "source_name": "Zelenskiy"})
    assert same_speaker(g, {"source": {"text": "Ukraine's president, Volodymyr Zelenskiy"}, "source_name": None})
    assert same_speaker(g, {"source": {"text": "President Zelenskiy"}, "source_name": "President Zelenskiy"})
    assert not same_speaker(g, {"source": {"text": "he"}, "source_name": None})
    assert not same_speaker(g, {"source": {"text": "Sergei Lavrov"}, "source_name": "Sergei Lavrov"})
    anon = _gold(None, (0, 5), "anonymous")
    assert same_speaker(anon, {"source": None, "source_type": "anonymous"})
    assert not same_speaker(anon, {"source": {"text": "officials"}, "source_type": "descriptive_person"})


def test_content_overlap_needs_half_of_the_longer_span():
    assert content_overlap(set(range(0, 10)), set(range(0, 20))) == 0.5
    assert content_overlap(set(range(0, 10)), set(range(0, 21))) < 0.5


def test_score_article_matches_one_to_one_and_counts_speakers():
    text = "Sullivan said Iran was preparing drones. Officials said the talks had stalled."
    gold = GoldArticle("x", text_sha256(text), "basil", "tune", attributions=[
        _gold("Jake Sullivan", (14, 39)), _gold("Officials", (55, 77), "descriptive_person")])
    preds = [
        {"source": {"text": "Sullivan", "start": 0, "end": 8}, "source_name": "Sullivan",
         "source_type": "named_person", "cue": {"start": 9, "end": 13},
         "content": {"start": 14, "end": 39}, "content_parts": []},
        {"source": {"text": "Sullivan", "start": 0, "end": 8}, "source_name": "Sullivan",  # wrong speaker
         "source_type": "named_person", "cue": {"start": 51, "end": 55},
         "content": {"start": 55, "end": 77}, "content_parts": []},
        {"source": None, "source_type": "anonymous", "cue": {"start": 0, "end": 3},
         "content": {"start": 0, "end": 8}, "content_parts": []},  # a false alarm
    ]
    t = NewsTally()
    score_article(text, gold, preds, t)
    s = summarize_news(t)
    assert (t.matched, t.content_matched, t.gold, t.pred) == (1, 2, 2, 3)
    assert s["relation"]["precision"] == round(1 / 3, 4) and s["relation"]["recall"] == 0.5
    assert s["speaker_accuracy"] == 0.5 and len(t.false_alarms) == 1 and len(t.wrong_speaker) == 1


def test_gold_files_reject_bad_records(tmp_path):
    bad = tmp_path / "part-x.jsonl"
    bad.write_text(json.dumps({"article": "a", "sha256": "0", "collection": "basil", "split": "dev",
                               "attributions": []}) + "\n")
    with pytest.raises(DataError, match="split"):
        load_gold(bad)
    bad.write_text(json.dumps({"article": "a", "sha256": "0", "collection": "basil", "split": "tune",
                               "attributions": [{"type": "wizard", "content": [[0, 3]]}]}) + "\n")
    with pytest.raises(DataError, match="type must be"):
        load_gold(bad)


def test_repository_gold_set_is_well_formed_and_holds_no_text():
    gold = load_gold(ROOT / "gold" / "attribution")
    assert len(gold) >= 60
    assert {g.split for g in gold} == {"tune", "test"}
    raw = "".join(p.read_text() for p in (ROOT / "gold" / "attribution").glob("part-*.jsonl"))
    assert '"text"' not in raw and "content_has" not in raw  # offsets and labels only


def test_real_news_gold_scores_against_the_news_data(tmp_path):
    news = shared_path("data", "news")
    gold = load_gold(ROOT / "gold" / "attribution")
    first = min((g for g in gold if g.collection == "guardian-nyt-russia-ukraine-2022"), key=lambda g: g.article)
    line = next(l for p in sorted((ROOT / "gold" / "attribution").glob("part-*.jsonl"))
                for l in p.read_text().splitlines() if json.loads(l)["article"] == first.article)
    one = tmp_path / "one.jsonl"
    one.write_text(line + "\n")
    proc = subprocess.run([sys.executable, "-m", "claimgraph.cli", "eval", "attribution", "--gold", str(one),
                           "--news", str(news), "--json"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["all"]["articles_gold_relations"] == len(first.attributions)
    assert 0.0 <= result["all"]["relation"]["recall"] <= 1.0
    # a changed article text is refused, not silently mis-scored
    tampered = json.loads(line) | {"sha256": "0" * 64}
    one.write_text(json.dumps(tampered) + "\n")
    proc = subprocess.run([sys.executable, "-m", "claimgraph.cli", "eval", "attribution", "--gold", str(one),
                           "--news", str(news)], capture_output=True, text=True)
    assert proc.returncode == 2 and "hash differs" in proc.stderr


def test_cofenet_protocol_on_polnear(tmp_path):
    dev = shared_path("data", "attribution", "polnear", "dev")
    proc = subprocess.run([sys.executable, "-m", "claimgraph.cli", "eval", "attribution", "--polnear", str(dev),
                           "--protocol", "cofenet", "--limit", "2", "--json"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["documents"] >= 2 and result["content"]["gold"] > 0 and result["attribution"] == "model"
