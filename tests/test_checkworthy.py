"""Check-worthiness: the packaged model, its explanations, the CLEF scorers and training."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from claimgraph.errors import DataError, ModelError
from claimgraph.eval.checkworthy import (
    average_precision,
    evaluate_debates,
    evaluate_tweets,
    format_checkworthy_report,
)
from claimgraph.extract.checkworthy import CheckworthyModel
from claimgraph.extract.checkworthy.features import FeatureConfig, sentence_features

FIXTURES = Path(__file__).parent / "fixtures" / "checkworthy"
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "checkworthy"

CHECKWORTHY = "Unemployment fell to 3.5 percent in 2019, the lowest rate in fifty years."
NOT_CHECKWORTHY = "Thank you all for being here tonight."


@pytest.fixture(scope="module")
def model() -> CheckworthyModel:
    return CheckworthyModel.load()


@pytest.fixture(scope="module")
def tiny() -> CheckworthyModel:
    """Hand-made weights (number +3, question -2.5, intercept -1) so rankings are known by hand."""
    return CheckworthyModel.load(FIXTURES / "tiny-model.json")


def test_packaged_model_loads_once_and_has_a_threshold(model: CheckworthyModel) -> None:
    assert CheckworthyModel.load() is model
    assert 0.0 < model.threshold < 1.0
    assert len(model.weights) > 1000
    assert model.metadata["sentences"] > 9000


def test_checkworthy_sentence_scores_above_courtesy(model: CheckworthyModel) -> None:
    high, low = model.score([CHECKWORTHY, NOT_CHECKWORTHY])
    assert high > model.threshold > low
    assert high - low > 0.5


def test_scores_are_probabilities_and_deterministic(model: CheckworthyModel) -> None:
    texts = [CHECKWORTHY, NOT_CHECKWORTHY, "", "?", "Why?", "x" * 5000, "Ünïcödé — 42 %"]
    first = model.score(texts)
    assert first == model.score(texts)
    assert first == [model.score([t])[0] for t in texts]
    assert all(0.0 <= s <= 1.0 for s in first)
    assert model.score([]) == []


def test_explanation_names_real_features(model: CheckworthyModel) -> None:
    text = model.explain(CHECKWORTHY)
    parts = text.split("; ")
    assert 1 <= len(parts) <= 4
    assert parts[0].startswith("mentions a number (+")
    known = dict(model.contributions(CHECKWORTHY))
    for part in parts:
        label, value = part.rsplit(" (", 1)
        assert label in known
        assert float(value.rstrip(")")) == pytest.approx(known[label], abs=0.006)
        assert known[label] > 0  # above threshold: the reasons pushing it up


def test_explanation_of_low_score_gives_the_reasons_against(model: CheckworthyModel) -> None:
    text = model.explain(NOT_CHECKWORTHY, k=2)
    assert text.count("; ") == 1
    assert all("(-" in part for part in text.split("; "))


def test_contributions_sum_to_the_log_odds(model: CheckworthyModel) -> None:
    total = model.intercept + sum(v for _, v in model.contributions(CHECKWORTHY))
    assert total == pytest.approx(model.decision(CHECKWORTHY), abs=1e-3)
    assert 1 / (1 + math.exp(-total)) == pytest.approx(model.score([CHECKWORTHY])[0], abs=1e-3)


def test_features_fold_numbers_and_mark_cues() -> None:
    feats = set(sentence_features("Taxes rose 5% in 2019, didn't they?", FeatureConfig()))
    assert {"w:<pct>", "w:<year>", "f:number", "f:percent", "f:year", "f:question",
            "f:comparative", "b:<s> taxes", "w:didn't"} <= feats
    assert "c: ta" in feats
    no_chars = sentence_features("Taxes", FeatureConfig(char_max=0))
    assert not any(f.startswith("c:") for f in no_chars)


def test_bad_model_file_is_a_model_error(tmp_path: Path) -> None:
    bad = tmp_path / "model.json"
    bad.write_text(json.dumps({"format": "something-else"}), encoding="utf-8")
    with pytest.raises(ModelError):
        CheckworthyModel.load(bad)
    with pytest.raises(ModelError):
        CheckworthyModel.load(tmp_path / "missing.json")


def test_average_precision_by_hand() -> None:
    assert average_precision([1, 0, 0, 0, 1, 0]) == pytest.approx((1 / 1 + 2 / 5) / 2)
    assert average_precision([0, 0]) == 0.0


def test_debates_map_on_hand_made_fixture(tiny: CheckworthyModel) -> None:
    # a_debate ranks lines 2,5 (number: +2) then 1,3,4 (-1, ties keep order) then 6 (question):
    # labels 1,0,0,0,1,0 -> AP (1/1 + 2/5)/2 = 0.7; b_debate ranks 2,3,1: labels 0,1,0 -> AP 0.5.
    result = evaluate_debates(FIXTURES / "debates", tiny)  # transcripts found under training/
    assert result["transcripts"] == 2
    assert result["sentences"] == 9 and result["positives"] == 3
    assert [f["ap"] for f in result["per_transcript"]] == pytest.approx([0.7, 0.5])
    assert result["map"] == pytest.approx(0.6)
    assert result["p@5"] == pytest.approx((2 / 5 + 1 / 5) / 2)
    assert result["p@10"] == pytest.approx((2 / 10 + 1 / 10) / 2)
    assert result["r_precision"] == pytest.approx((1 / 2 + 0 / 1) / 2)
    assert "MAP 0.600" in format_checkworthy_report(result)


def test_tweets_f1_on_hand_made_fixture(tiny: CheckworthyModel) -> None:
    # Log-odds: number only +2 (tweets 1 pos, 3 neg), number and question -0.5 (tweet 5 pos),
    # neither -1 (tweets 2 neg, 4 pos). At 0.5: TP 1, FP 1, FN 2 -> P 1/2, R 1/3, F1 0.4.
    # Ranking 1,3,5,2,4 -> labels 1,0,1,0,1 -> AP (1 + 2/3 + 3/5)/3.
    result = evaluate_tweets(FIXTURES / "tweets.tsv", tiny)
    assert result["tweets"] == 5 and result["positives"] == 3
    assert result["precision"] == pytest.approx(0.5)
    assert result["recall"] == pytest.approx(1 / 3)
    assert result["f1"] == pytest.approx(0.4)
    assert result["ap"] == pytest.approx((1 + 2 / 3 + 3 / 5) / 3)
    assert "F1 0.400" in format_checkworthy_report(result)


def test_malformed_eval_inputs_are_data_errors(tmp_path: Path, tiny: CheckworthyModel) -> None:
    with pytest.raises(DataError):
        evaluate_debates(tmp_path / "nowhere", tiny)
    (tmp_path / "t.tsv").write_text("1\tA\tonly three columns\n", encoding="utf-8")
    with pytest.raises(DataError):
        evaluate_debates(tmp_path, tiny)
    (tmp_path / "tweets.tsv").write_text("id\ttext\n1\thello\n", encoding="utf-8")
    with pytest.raises(DataError):
        evaluate_tweets(tmp_path / "tweets.tsv", tiny)


def test_training_on_a_tiny_tsv_gives_a_working_model(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from claimgraph.extract.checkworthy.train import (
        TrainParams,
        build,
        dump_model,
        load_training_data,
    )

    texts, labels = load_training_data(FIXTURES / "train.tsv")
    assert len(texts) == 16 and sum(labels) == 8
    params = TrainParams(C=1.0, min_df=1, folds=2)
    data, cv = build(texts, labels, params)
    assert 0.0 <= cv.f1 <= 1.0 and len(cv.scores) == 16
    path = tmp_path / "model.json"
    dump_model(data, path)
    trained = CheckworthyModel.load(path)
    high, low = trained.score(["Prices rose 7 percent in 2021.", "Thank you, good night."])
    assert high > low + 0.2
    assert 0.05 <= trained.threshold <= 0.95
    again, _ = build(texts, labels, params)
    dump_model(again, tmp_path / "again.json")
    assert (tmp_path / "again.json").read_bytes() == path.read_bytes()  # deterministic


def test_training_needs_both_classes() -> None:
    pytest.importorskip("sklearn")
    from claimgraph.extract.checkworthy.train import TrainParams, fit

    with pytest.raises(DataError):
        fit(["Taxes rose 5%.", "Jobs fell 2%."], [1, 1], TrainParams(min_df=1))


@pytest.mark.skipif(not (SHARED / "clef2019-task1-debates").is_dir(),
                    reason="shared CLEF data not present at ../shared/data/checkworthy")
def test_packaged_model_ranks_real_clef2019_debates(model: CheckworthyModel) -> None:
    result = evaluate_debates(SHARED / "clef2019-task1-debates" / "training", model)
    assert result["transcripts"] == 19
    assert result["map"] > 0.15  # random ranking gives about 0.03
