"""Training the check-worthiness model: honest folds, calibration, a deterministic rebuild."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimgraph.errors import DataError
from claimgraph.extract.checkworthy import CheckworthyModel
from claimgraph.extract.checkworthy.data import Line, Transcript, normalise, transcript_groups

FIXTURES = Path(__file__).parent / "fixtures" / "checkworthy"

pytest.importorskip("sklearn")

from claimgraph.extract.checkworthy.train import (
    Design,
    TrainParams,
    assemble,
    cross_validate,
    dump_model,
    fit,
    fold_plan,
    load_training_data,
    platt,
    sentence_examples,
    transcript_examples,
)


def _vectors(texts: list[str]) -> np.ndarray:
    from claimgraph.corpus.embed import minilm

    return minilm(1).encode(texts)


def _transcript(dataset: str, name: str, texts: list[str], labels: list[int]) -> Transcript:
    speakers = ["MOD" if t.endswith("?") else "SMITH" for t in texts]
    return Transcript(dataset, name, tuple(Line(t, y, s) for t, y, s in zip(texts, labels, speakers)))


SHARED_LINES = [f"The committee met {n} times in the spring to discuss the budget plan." for n in
                ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven")]


def test_re_annotated_transcripts_are_one_group() -> None:
    a = _transcript("clef2019", "a.tsv", SHARED_LINES + ["Hello there."], [0] * 11)
    b = _transcript("clef2020", "b.tsv", SHARED_LINES + ["Good night."], [0] * 11)
    c = _transcript("clef2020", "c.tsv", ["Taxes rose by 5 percent in the first year of the plan."], [1])
    groups = transcript_groups([a, b, c], min_shared=10)
    assert groups[0] == groups[1] != groups[2]
    assert transcript_groups([a, b, c], min_shared=11) == [0, 1, 2]


def test_folds_never_train_on_held_out_text_or_clef2019_test_copies() -> None:
    texts, labels = load_training_data(FIXTURES / "train.tsv")
    cb = sentence_examples(texts, labels)
    lines = ["We cut taxes for 40 million families.", "Thank you, good night.",
             "Unemployment doubled in four years.", "Is that true?"]
    transcripts = [
        _transcript("clef2019", f"t{i}.tsv", [f"{t} ({i})" for t in lines], [1, 0, 1, 0]) for i in range(4)
    ] + [_transcript("clef2020", "20181015_60_min.tsv", [texts[0], "Okay then, go ahead?"], [1, 0])]
    design = Design(cb + transcript_examples(transcripts), TrainParams(embedding=False), None)
    plan = fold_plan(design, TrainParams(embedding=False, folds=2, clef_folds=2))
    assert len(plan) == 4
    copies = {i for i, e in enumerate(design.examples) if "60_min" in e.transcript}
    norms = [normalise(e.text) for e in design.examples]
    for held, train in plan:
        assert not set(held) & set(train) and not copies & set(train)
        assert not {norms[i] for i in held} & {norms[i] for i in train}
    held_cb_first = next(h for h, _ in plan if 0 in h)
    assert 0 in held_cb_first  # the ClaimBuster row shared with the test copy is held out once
    clean = fold_plan(design, TrainParams(embedding=False, folds=2, clef_folds=2, sources=("claimbuster",)))
    assert all(design.examples[i].source == "claimbuster" for _, train in clean for i in train)


def test_training_on_a_tiny_set_gives_a_calibrated_working_model(tmp_path: Path) -> None:
    texts, labels = load_training_data(FIXTURES / "train.tsv")
    assert len(texts) == 16 and sum(labels) == 8
    params = TrainParams(C=1.0, min_df=1, folds=2, speaker=False)
    design = Design(sentence_examples(texts, labels), params, _vectors)
    cv = cross_validate(design, params)
    assert sorted(cv.decisions) == list(range(16))
    lexical = TrainParams(C=1.0, min_df=1, folds=2, speaker=False, embedding=False)
    data = assemble(design, params, cv, (design, lexical, cross_validate(design, lexical)))
    path = tmp_path / "model.json"
    dump_model(data, path)
    trained = CheckworthyModel.load(path)
    assert len(trained.main.embedding) == 384 and trained.fallback.embedding is None
    high, low = trained.score(["Prices rose 7 percent in 2021.", "Thank you, good night."])
    assert high > low + 0.2
    assert 0.05 <= trained.threshold <= 0.95
    again = assemble(design, params, cross_validate(design, params),
                     (design, lexical, cross_validate(design, lexical)))
    dump_model(again, tmp_path / "again.json")
    assert (tmp_path / "again.json").read_bytes() == path.read_bytes()  # deterministic


def test_platt_maps_log_odds_to_observed_rates() -> None:
    rng = np.random.default_rng(0)
    z = rng.normal(size=4000)
    y = (rng.random(4000) < 1 / (1 + np.exp(-(2 * z - 1)))).astype(int)
    a, b = platt(z.tolist(), y.tolist())
    assert a == pytest.approx(2, abs=0.25) and b == pytest.approx(-1, abs=0.2)


def test_training_needs_both_classes() -> None:
    params = TrainParams(min_df=1, embedding=False, speaker=False)
    design = Design(sentence_examples(["Taxes rose 5%.", "Jobs fell 2%."], [1, 1]), params, None)
    with pytest.raises(DataError):
        fit(design, [0, 1], params)
