"""PolNeAR loader and attribution scorer, on a hand-written mini corpus (tests/fixtures/polnear).

The expected numbers of the half-wrong predictor were computed by hand; the comments next to
each assertion say which predictions count.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from claimgraph.errors import DataError, InputError
from claimgraph.eval import (
    describe_gold,
    evaluate_attribution,
    format_attribution_report,
    load_polnear,
    run_attribution_eval,
)
from claimgraph.eval.attribution import is_speech_cue, match_quotes
from claimgraph.eval.spans import is_quoted, outer, trim

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "polnear"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
POLNEAR_DEV = SHARED / "data" / "attribution" / "polnear" / "dev"

ALPHA = "alpha_2016-01-04_bridge-vote"
BETA = "beta_2016-02-09_audit-report"


def texts() -> dict[str, str]:
    return {d.name: d.text for d in load_polnear(FIXTURE)}


def span(text: str, needle: str, occurrence: int = 1) -> dict[str, Any]:
    i = -1
    for _ in range(occurrence):
        i = text.index(needle, i + 1)
    return {"text": needle, "start": i, "end": i + len(needle)}


def attribution(text: str, source: str | None, cue: str, content: str, cue_occ: int = 1):
    return {
        "source": span(text, source) if source else None,
        "cue": span(text, cue, cue_occ),
        "content": span(text, content),
    }


def by_text(predictions: dict[str, list[dict[str, Any]]]):
    """A predict function answering per document (documents are identified by their text)."""
    table = {texts()[name]: preds for name, preds in predictions.items()}
    return lambda text: table.get(text, [])


def perfect_predict(text: str) -> list[dict[str, Any]]:
    """Gold relations, each role as its outer interval (what one-span records can express)."""
    doc = next(d for d in load_polnear(FIXTURE) if d.text == text)
    out = []
    for rel in doc.relations:
        item: dict[str, Any] = {}
        for role in ("source", "cue", "content"):
            o = outer(getattr(rel, role))
            item[role] = (
                None if o is None else {"text": text[o[0]:o[1]], "start": o[0], "end": o[1]}
            )
        out.append(item)
    return out


# ---------------------------------------------------------------- loader


def test_loader_reads_first_annotator_and_relations() -> None:
    docs = {d.name: d for d in load_polnear(FIXTURE)}
    assert sorted(docs) == [ALPHA, BETA, "gamma_2016-03-15_weather"]
    alpha = docs[ALPHA]
    assert alpha.annotator == "a1b2"  # c3d4 holds a single, different relation
    assert len(alpha.relations) == 3  # Discuss span, note and stray line are no relations
    first = alpha.relations[0]
    assert alpha.text[slice(*first.source[0])] == "Mayor Ana Ruiz"
    assert alpha.text[slice(*first.content[0])] == "the bridge would open in May."
    assert len(docs["gamma_2016-03-15_weather"].relations) == 0  # only a Discard span


def test_loader_keeps_discontinuous_fragments() -> None:
    alpha = {d.name: d for d in load_polnear(FIXTURE)}[ALPHA]
    quote = alpha.relations[1]
    assert [alpha.text[s:e] for s, e in quote.content] == [
        '"We are not ready,"',
        '"and the budget is gone."',
    ]
    assert alpha.text[slice(*quote.source[0])] == "the engineer"


def test_loader_no_source_relation() -> None:
    beta = {d.name: d for d in load_polnear(FIXTURE)}[BETA]
    assert [r.kind for r in beta.relations] == ["Attribution-no-source", "Attribution"]
    assert beta.relations[0].source == []
    assert beta.text[slice(*beta.relations[0].cue[0])] == "has been widely criticised as"


def test_loader_limit_spreads_and_accepts_corpus_root(tmp_path: Path) -> None:
    assert [d.name for d in load_polnear(FIXTURE, limit=1)] == [ALPHA]
    assert len(load_polnear(FIXTURE, limit=2)) == 2
    root = tmp_path / "polnear"
    (root / "dev").mkdir(parents=True)
    for sub in ("text", "attributions"):
        (root / "dev" / sub).symlink_to(FIXTURE / sub)
    assert len(load_polnear(root)) == 3  # the corpus root means its dev/ folder


def _copy_fixture(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    for sub in ("text", "attributions"):
        (folder / sub).mkdir(parents=True)
        for f in (FIXTURE / sub).iterdir():
            (folder / sub / f.name).write_bytes(f.read_bytes())
    return folder


def test_missing_or_malformed_folder_raises_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="not found"):
        load_polnear(tmp_path / "nope")
    with pytest.raises(DataError, match="not a PolNeAR folder"):
        load_polnear(tmp_path)
    with pytest.raises(DataError):
        run_attribution_eval(tmp_path / "nope", None, lambda text: [])

    folder = _copy_fixture(tmp_path)
    ann = folder / "attributions" / f"{BETA}_e5f6.ann"
    ann.write_text("T1\tCue 38 x67\thas been\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"_e5f6\.ann:1: malformed offsets") as err:
        load_polnear(folder)
    assert "\n" not in str(err.value)
    ann.write_text("T1\tCue 38 9999\thas been\n", encoding="utf-8")
    with pytest.raises(DataError, match="outside the text"):
        load_polnear(folder)
    ann.write_text("E1\tAttribution:T3 Cue:T9\n", encoding="utf-8")
    with pytest.raises(DataError, match="unknown span T9"):
        load_polnear(folder)
    ann.unlink()
    (folder / "text" / f"{ALPHA}.txt").unlink()
    with pytest.raises(DataError, match="annotations without text"):
        load_polnear(folder)


# ---------------------------------------------------------------- scorer


def test_perfect_predictor_scores_one() -> None:
    result = evaluate_attribution(FIXTURE, perfect_predict)
    counts = (result["documents"], result["gold_relations"], result["predicted_relations"])
    assert counts == (3, 5, 5)
    for key in ("source", "cue", "content", "quotes_0.3", "quotes_0.8"):
        scores = (result[key]["precision"], result[key]["recall"], result[key]["f1"])
        assert scores == (1.0, 1.0, 1.0), key
    assert result["source"]["gold"] == 4  # the no-source relation has no source span
    assert result["quotes_0.8"]["source_accuracy"] == 1.0
    assert result["alignment"] == {"realigned": 0, "unaligned": 0}


def test_edge_punctuation_does_not_break_exact_match() -> None:
    t = texts()
    predict = by_text({
        ALPHA: [
            attribution(t[ALPHA], "Mayor Ana Ruiz", "said", "the bridge would open in May"),
            attribution(t[ALPHA], "the engineer,", "said",
                        'We are not ready," said the engineer, "and the budget is gone', cue_occ=2),
            attribution(t[ALPHA], "Residents", "fear", "that the tolls will rise."),
        ],
        BETA: [
            attribution(t[BETA], None, "has been widely criticised as", "wasteful."),
            attribution(t[BETA], "the auditor,", "According to", "costs doubled"),
        ],
    })
    result = evaluate_attribution(FIXTURE, predict)
    for key in ("source", "cue", "content"):
        assert result[key]["f1"] == 1.0, key


def test_half_wrong_predictor_matches_hand_computed_numbers() -> None:
    t = texts()
    predict = by_text({
        ALPHA: [
            attribution(t[ALPHA], "Mayor Ana Ruiz", "said", "the bridge would open in May"),
            # only the first half of the split quote: 19 of 44 gold characters = 0.43
            attribution(t[ALPHA], "engineer", "said", '"We are not ready,"', cue_occ=2),
            attribution(t[ALPHA], "Council", "delays", "bridge vote"),  # false alarm
        ],
        BETA: [
            attribution(t[BETA], "The plan", "criticised as", "wasteful"),  # invented source
            attribution(t[BETA], "the auditor", "According to", "costs doubled"),
        ],
    })
    r = evaluate_attribution(FIXTURE, predict)
    # sources: Mayor Ana Ruiz and the auditor right; engineer, Council, The plan wrong
    assert (r["source"]["tp"], r["source"]["predicted"], r["source"]["gold"]) == (2, 5, 4)
    source = r["source"]
    assert (source["precision"], source["recall"], source["f1"]) == (0.4, 0.5, 0.4444)
    # cues: both "said" and "According to" right; "delays" and "criticised as" wrong
    assert (r["cue"]["precision"], r["cue"]["recall"]) == (0.6, 0.6)
    # contents: May, wasteful, costs doubled right; half quote and bridge vote wrong
    assert (r["content"]["tp"], r["content"]["f1"]) == (3, 0.6)
    # quote level > 0.3: everything but the false alarm and the missed "fear" relation
    q3 = r["quotes_0.3"]
    assert (q3["tp"], q3["predicted"], q3["gold"], q3["f1"]) == (4, 5, 5, 0.8)
    assert q3["source_accuracy"] == 0.75  # "The plan" against no source
    assert q3["cue_accuracy"] == 1.0  # "criticised as" overlaps the gold cue
    # > 0.8: the half quote (0.43) no longer matches
    q8 = r["quotes_0.8"]
    assert (q8["tp"], q8["precision"], q8["recall"]) == (3, 0.6, 0.6)
    assert q8["source_accuracy"] == 0.6667
    assert r["by_type"]["Attribution"] == {"gold": 4, "recall_0.3": 0.75, "recall_0.8": 0.5}
    assert r["by_type"]["Attribution-no-source"]["recall_0.8"] == 1.0
    # speech cues: said, said, criticised, According to (gold and predicted); "fear" and
    # "delays" fall outside the subset
    speech = r["subsets"]["speech_cue"]
    assert (speech["quotes_0.3"]["tp"], speech["quotes_0.3"]["f1"]) == (4, 1.0)
    assert speech["quotes_0.8"]["f1"] == 0.75
    direct = r["subsets"]["direct_quote"]
    assert (direct["quotes_0.3"]["gold"], direct["quotes_0.3"]["f1"]) == (1, 1.0)
    assert direct["quotes_0.8"]["f1"] == 0.0

    report = format_attribution_report(r)
    assert "exact source" in report and "0.444" in report
    assert "quotes overlap > 0.8" in report


def test_shifted_offsets_are_realigned_and_refusals_counted() -> None:
    t = texts()
    shifted = span(t[BETA], "costs doubled")
    shifted["start"] += 2
    shifted["end"] += 2

    def predict(text: str) -> list[dict[str, Any]]:
        if text == t[ALPHA]:
            raise InputError("refused")
        if text == t[BETA]:
            return [{"source": None, "cue": span(text, "According to"), "content": shifted}]
        return []

    r = evaluate_attribution(FIXTURE, predict)
    assert r["failed_documents"] == 1
    assert r["alignment"]["realigned"] == 1
    assert r["content"]["tp"] == 1


def test_match_quotes_uses_gold_length_and_strict_threshold() -> None:
    gold = [[(0, 10)], [(20, 30)]]
    # 3 of 10 gold characters is not *more* than 0.3; 4 of 10 is
    assert match_quotes(gold, [(7, 15)], 0.3) == []
    assert match_quotes(gold, [(6, 12)], 0.3) == [(0, 0)]
    # one prediction covering both gold quotes matches only one of them
    assert match_quotes(gold, [(0, 30)], 0.3) == [(0, 0)]


def test_span_helpers() -> None:
    text = 'He said: "It is over," and left.'
    assert trim(text, 8, 22) == (10, 20)  # ' "It is over,"' -> 'It is over'
    assert trim(text, 21, 22) is None
    assert is_quoted(text, [(9, 22)])
    assert is_quoted(text, [(10, 20)])  # marks just outside the span
    assert not is_quoted(text, [(3, 20)])
    assert is_speech_cue("said in a statement")
    assert is_speech_cue("According to")
    assert is_speech_cue(":")
    assert not is_speech_cue("believes")
    assert not is_speech_cue("poll shows")


def test_describe_gold_counts_cues_and_quotes() -> None:
    stats = describe_gold(load_polnear(FIXTURE))
    assert (stats["relations"], stats["no_source"], stats["quoted"]) == (5, 1, 1)
    assert stats["top_cues"][0] == ("said", 2)


@pytest.mark.skipif(
    not POLNEAR_DEV.is_dir(), reason=f"PolNeAR dev data not present at {POLNEAR_DEV}"
)
def test_real_polnear_dev_counts_match_readme() -> None:
    docs = load_polnear(POLNEAR_DEV)
    assert len(docs) == 706
    relations = [r for d in docs for r in d.relations]
    assert len(relations) == 17195
    assert sum(r.kind == "Attribution-no-source" for r in relations) == 1284
    assert sum(bool(r.source) for r in relations) == 15911
