"""Check-worthiness: the packaged models, their reasons, the CLEF scorers and training."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.errors import DataError, ModelError
from claimgraph.eval.checkworthy import (
    average_precision,
    evaluate_debates,
    evaluate_tweets,
    format_checkworthy_report,
)
from claimgraph.extract.checkworthy import CheckworthyModel, Context, transcript_contexts
from claimgraph.extract.checkworthy.cues import CUE_REASONS, sentence_cues
from claimgraph.extract.checkworthy.features import FeatureConfig, sentence_features
from claimgraph.extract.checkworthy.model import DEFAULT_MODEL_PATH, checkthat_model_path

FIXTURES = Path(__file__).parent / "fixtures" / "checkworthy"
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "checkworthy"
SRC = Path(__file__).resolve().parents[1] / "src"

CHECKWORTHY = "Unemployment fell to 3.5 percent in 2019, the lowest rate in fifty years."
NOT_CHECKWORTHY = "Thank you all for being here tonight."


@pytest.fixture(scope="module")
def clean() -> CheckworthyModel:
    return CheckworthyModel.load("clean")


@pytest.fixture(scope="module")
def model() -> CheckworthyModel:
    """The default model: the CLEF-trained one when its package is installed (it is, in-tree)."""
    return CheckworthyModel.load()


@pytest.fixture(scope="module")
def tiny() -> CheckworthyModel:
    """Hand-made weights (figure +3, question -2.5, intercept -1) so rankings are known by hand."""
    return CheckworthyModel.load(FIXTURES / "tiny-model.json")


def _rows(path: Path) -> list[tuple[str, int]]:
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return [(t, int(y)) for t, y in (ln.rsplit("\t", 1) for ln in lines)]


# -- the packaged models -------------------------------------------------------------------

def test_default_is_the_checkthat_model_when_installed_and_clean_on_request(model, clean) -> None:
    assert CheckworthyModel.load() is model
    assert checkthat_model_path() is not None  # in-tree package claimgraph_checkthat
    assert "clef" in model.name and clean.name == "claimbuster"
    assert clean.metadata["sources"] == ["claimbuster"]
    assert set(model.metadata["sources"]) == {"claimbuster", "clef2019", "clef2020"}
    for m in (model, clean):
        assert 0.05 < m.threshold < 0.95
        assert m.main.embedding is not None and m.fallback is not None
        assert set(m.main.calibration) == {"sentence", "transcript"}
    env = {**os.environ, "CLAIMGRAPH_CHECKWORTHY_MODEL": "clean", "PYTHONPATH": str(SRC)}
    code = "from claimgraph.extract.checkworthy import CheckworthyModel as M; print(M.load().name)"
    out = subprocess.run([sys.executable, "-c", code],
                         env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "claimbuster"


def test_checkworthy_sentence_scores_above_courtesy(model, clean) -> None:
    for m in (model, clean):
        high, low = m.score([CHECKWORTHY, NOT_CHECKWORTHY])
        assert high > m.threshold > low
        assert high - low > 0.5


def test_scores_are_probabilities_and_deterministic(model) -> None:
    texts = [CHECKWORTHY, NOT_CHECKWORTHY, "", "?", "Why?", "x" * 5000, "Ünïcödé — 42 %"]
    first = model.score(texts)
    assert first == model.score(texts)
    assert first == pytest.approx([model.score([t])[0] for t in texts], abs=1e-5)
    assert all(0.0 <= s <= 1.0 for s in first)
    assert model.score([]) == []
    with pytest.raises(ValueError):
        model.score(["a", "b"], [Context()])


def test_probabilities_are_calibrated_on_an_own_written_set(clean) -> None:
    rows = _rows(FIXTURES / "calibration.tsv")
    scores = clean.score([t for t, _ in rows])
    pos = [s for s, (_, y) in zip(scores, rows) if y]
    neg = [s for s, (_, y) in zip(scores, rows) if not y]
    brier = sum((s - y) ** 2 for s, (_, y) in zip(scores, rows)) / len(rows)
    assert sum(pos) / len(pos) > 0.65 and sum(neg) / len(neg) < 0.25
    assert brier < 0.12
    assert min(pos) > max(neg) - 0.3  # no wild inversions
    assert max(neg) < 0.9


@pytest.mark.parametrize("text", [
    "FaceTime AAPL, -1.43%",
    "Apple Inc. (NASDAQ: AAPL) shares were down 2.1% at 10:30 a.m.",
    "FILE PHOTO: A man walks past a bank in Moscow, Russia, March 3, 2022. REUTERS/Staff",
    "Photograph: Anna Smith/AFP via Getty Images",
    "Police officers stand guard outside the court. (Photo by John Doe/Getty Images)",
])
def test_tickers_and_captions_score_low_and_say_why(model, text: str) -> None:
    score = model.score([text])[0]
    assert score < 0.1
    reason = model.explain(text)
    assert reason in (CUE_REASONS["f:ticker"], CUE_REASONS["f:caption"])


def test_ticker_is_not_a_statistic() -> None:
    cues = sentence_cues("FaceTime AAPL, -1.43%")
    assert "f:ticker" in cues and "f:figure" not in cues and "f:percent" not in cues
    assert "w:<pct>" not in sentence_features("FaceTime AAPL, -1.43%", FeatureConfig())


@pytest.mark.parametrize("text", [
    "What are you going to do about it?",
    "Isn't it time we stood up for our workers?",
    "Believe me, folks, we're going to win!",
    "I think he is a wonderful person.",
])
def test_questions_and_rhetoric_score_below_the_threshold(model, clean, text: str) -> None:
    assert model.score([text])[0] < model.threshold
    assert clean.score([text])[0] < clean.threshold


def test_reasons_are_words_a_fact_checker_reads(model) -> None:
    reason = model.explain("Because of the new tariffs, steel imports fell 30 percent last year.")
    parts = reason.split("; ")
    assert 1 <= len(parts) <= 3
    assert set(parts) <= set(CUE_REASONS.values())
    assert "states a figure" in parts or "gives a percentage" in parts
    low = model.explain("Would you like to respond to that?")
    assert "is a question" in low
    for text in (CHECKWORTHY, NOT_CHECKWORTHY, "The sky.", "Inflation will reach 9% next year."):
        why = model.explain(text)
        assert "'" not in why and "(" not in why and not any(ch.isdigit() for ch in why)


def test_prediction_cause_and_comparison_cues() -> None:
    assert "f:predict" in sentence_cues("Inflation will reach 9 percent next year.")
    assert "f:cause" in sentence_cues("Prices rose because of the drought.")
    assert "f:compare" in sentence_cues("We spend more on defence than on schools.")
    assert "f:people" in sentence_cues("More than 3,000 people died in the attacks.")
    assert "f:figure" not in sentence_cues("The meeting starts at 10:30 a.m. on March 3.")


@pytest.mark.parametrize("text,fires", [
    ("The United Nations needs a hundred red beds.", False),
    ("Indeed, the speed limit is the same.", False),
    ("The tired workers are united.", False),
    ("Prices doubled after the war.", True),
    ("He voted for the war.", True),
    ("The senator has opposed the bill.", True),
    ("They said it was over.", True),
])
def test_past_tense_cue_fires_only_on_past_forms(text: str, fires: bool) -> None:
    assert ("f:past" in sentence_cues(text)) is fires


def test_bad_model_file_is_a_model_error(tmp_path: Path) -> None:
    bad = tmp_path / "model.json"
    bad.write_text(json.dumps({"format": "something-else"}), encoding="utf-8")
    with pytest.raises(ModelError):
        CheckworthyModel.load(bad)
    with pytest.raises(ModelError):
        CheckworthyModel.load(tmp_path / "missing.json")
    broken = json.loads(DEFAULT_MODEL_PATH.read_text(encoding="utf-8"))
    broken["embedding"] = broken["embedding"][:10]
    bad.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(ModelError):
        CheckworthyModel.load(bad)


def test_inference_imports_neither_torch_nor_sklearn() -> None:
    code = ("import sys; from claimgraph.extract.checkworthy import CheckworthyModel as M; "
            "m = M.load(); s = m.score(['Taxes rose 5% in 2019.', 'Thank you.']); "
            "m.explain('Taxes rose 5% in 2019.'); assert s[0] > s[1]; "
            "print(sorted(k for k in ('torch', 'sklearn', 'scipy') if k in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(SRC)},
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_without_embeddings_the_fallback_part_scores(clean) -> None:
    code = ("import sys; from claimgraph.extract.checkworthy import CheckworthyModel as M; "
            "m = M.load('clean'); s = m.score(['Taxes rose 5% in 2019, the highest rate ever.', "
            "'Would you like to respond?']); assert s[0] > m.threshold > s[1], s; "
            "print(m._part() is m.fallback, 'onnxruntime' in sys.modules)")
    env = {**os.environ, "PYTHONPATH": str(SRC), "CLAIMGRAPH_CHECKWORTHY_EMBEDDING": "0"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True False"


# -- context ------------------------------------------------------------------------------

def test_transcript_contexts_describe_speaker_roles() -> None:
    speakers = ["MOD", "SMITH", "SMITH", "SYSTEM", "MOD", "SMITH"]
    texts = ["Your question?", "Taxes rose.", "Jobs fell.", "(APPLAUSE)", "And you?", "Yes."]
    ctx = transcript_contexts(speakers, texts)
    assert ctx[0].previous is None and ctx[1].previous == "Your question?"
    assert ctx[1].speaker_share == pytest.approx(3 / 6) and ctx[0].speaker_questions == 1.0
    assert ctx[1].turn_start and not ctx[2].turn_start and ctx[3].system
    assert not Context().has_speaker and ctx[0].has_speaker


# -- evaluation ---------------------------------------------------------------------------

def test_average_precision_by_hand() -> None:
    assert average_precision([1, 0, 0, 0, 1, 0]) == pytest.approx((1 / 1 + 2 / 5) / 2)
    assert average_precision([0, 0]) == 0.0


def test_debates_map_on_hand_made_fixture(tiny: CheckworthyModel) -> None:
    # a_debate ranks lines 2,5 (figure: +2) then 1,3,4 (-1, ties keep order) then 6 (question):
    # labels 1,0,0,0,1,0 -> AP (1/1 + 2/5)/2 = 0.7; b_debate ranks 2,3,1: labels 0,1,0 -> AP 0.5.
    result = evaluate_debates(FIXTURES / "debates", tiny)  # transcripts found under training/
    assert result["transcripts"] == 2
    assert result["sentences"] == 9 and result["positives"] == 3
    assert [f["ap"] for f in result["per_transcript"]] == pytest.approx([0.7, 0.5])
    assert result["map"] == pytest.approx(0.6)
    assert result["p@5"] == pytest.approx((2 / 5 + 1 / 5) / 2)
    assert result["p@10"] == pytest.approx((2 / 10 + 1 / 10) / 2)
    assert result["r_precision"] == pytest.approx((1 / 2 + 0 / 1) / 2)
    report = format_checkworthy_report(result)
    assert "MAP 0.600" in report and "model tiny" in report


def test_tweets_f1_on_hand_made_fixture(tiny: CheckworthyModel) -> None:
    # Log-odds: figure only +2 (tweets 1 pos, 3 neg), figure and question -0.5 (tweet 5 pos),
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


#: CLEF-2019 training speeches 2017–2019 that share no sentence with ClaimBuster (1,730 lines).
CLEF_SAMPLE = ("20170228_trump_address.tsv", "20170315_nashville.tsv", "20170601_paris_climate_n.tsv",
               "20180916_trump_miami.tsv", "20181010_medicare.tsv", "20190108_oval_office.tsv")


@pytest.mark.skipif(not (SHARED / "clef2019-task1-debates").is_dir(),
                    reason="shared CLEF data not present at ../shared/data/checkworthy")
def test_clean_model_ranks_real_clef2019_speeches(clean: CheckworthyModel, tmp_path: Path) -> None:
    # the clean model never saw CLEF data, nor (ClaimBuster being 1960-2016 debates) these speeches
    for name in CLEF_SAMPLE:
        (tmp_path / name).symlink_to(SHARED / "clef2019-task1-debates" / "training" / name)
    result = evaluate_debates(tmp_path, clean)
    assert result["transcripts"] == 6
    assert result["map"] > 0.2  # random ranking gives about 0.05 here


def test_claim_contexts_give_the_sentence_before_each_claim() -> None:
    from types import SimpleNamespace

    from claimgraph import nlp
    from claimgraph.extract.checkworthy import claim_contexts

    text = "The council met on Monday. Taxes rose by 5 percent. Nobody objected to the plan."
    doc = nlp.load()(text)
    claims = [SimpleNamespace(start=text.index(s), end=text.index(s) + len(s))
              for s in ("The council met", "Taxes rose by 5 percent.", "Nobody objected")]
    assert [c.previous for c in claim_contexts(doc, claims)] == [
        None, "The council met on Monday.", "Taxes rose by 5 percent."]


def test_analyze_scores_without_the_embedding_unless_asked(clean) -> None:
    """The embedding triples analysis time; analyze uses it only on request, eval always."""
    from claimgraph import analyze
    from claimgraph.corpus.embed import minilm_available
    from claimgraph.options import AnalyzeOptions

    if not minilm_available():
        pytest.skip("the MiniLM model (onnxruntime, tokenizers) is not installed")
    text = ("Harbour costs\n\nThe harbour wall cost 40 percent more than planned in 2023, "
            "the council's accounts show.\nThe mayor will visit on Friday.\n")
    model = CheckworthyModel.load()
    fast = analyze(text, published="2024-05-14")
    full = analyze(text, published="2024-05-14", options=AnalyzeOptions(checkworthy_embedding=True))
    texts = [c.text for c in fast.claims]
    assert texts and texts == [c.text for c in full.claims]
    assert [c.checkworthiness for c in fast.claims] == [round(s, 4) for s in model.score(texts, embedding=False)]
    assert [c.checkworthiness for c in full.claims] == [round(s, 4) for s in model.score(texts)]
    assert [c.checkworthiness for c in fast.claims] != [c.checkworthiness for c in full.claims]
