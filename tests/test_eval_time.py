"""The TimeML scorer on hand-written fixtures (tests/fixtures/timeml) and, when present, TBAQ."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.errors import DataError
from claimgraph.eval.timeml import evaluate_timeml, format_time_report, parse_tml

FIXTURES = Path(__file__).parent / "fixtures" / "timeml"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TBAQ = SHARED / "data" / "temporal" / "tbaq-cleaned"


def test_parse_tml_strips_tags_and_keeps_offsets() -> None:
    doc = parse_tml(FIXTURES / "doc1.tml")
    assert doc.dct == "2022-03-04"
    assert "<" not in doc.text and "&amp;" not in doc.text and " & ended" in doc.text
    assert [(g.text, g.value) for g in doc.gold] == [
        ("Thursday", "2022-03-03"), ("48 hours", "PT48H"), ("yesterday", "2022-03-03"),
        ("next month", "2022-04"),
    ]
    for g in doc.gold:  # offsets point into the plain text
        assert doc.text[g.start: g.end] == g.text


def test_scores_on_fixture_folder_recursively() -> None:
    r = evaluate_timeml(FIXTURES, errors=5)
    assert r["documents"] == 2
    assert (r["gold"], r["predicted"]) == (10, 10)
    # doc2: "a five year" overlaps "five year" only relaxed; "December" has a different value;
    # "the years" is missed and "Now" is spurious.
    assert r["strict_f1"] == 80.0
    assert r["relaxed_f1"] == 90.0
    assert r["value_f1"] == 80.0
    assert r["type_accuracy"] == 100.0
    assert r["strict"]["precision"] == 80.0 and r["relaxed"]["recall"] == 90.0
    assert [m["text"] for m in r["examples"]["missed"]] == ["the years"]
    assert [s["text"] for s in r["examples"]["spurious"]] == ["Now"]
    assert r["examples"]["wrong_value"][0]["pred_value"] == "1997-12"
    report = format_time_report(r)
    assert "strict" in report and "80.00" in report and "2 documents" in report


def test_limit_scores_fewer_documents() -> None:
    r = evaluate_timeml(FIXTURES, limit=1)
    assert r["documents"] == 1 and r["gold"] == 4 and r["value_f1"] == 100.0


def test_missing_folder_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError):
        evaluate_timeml(tmp_path / "absent")
    with pytest.raises(DataError):
        evaluate_timeml(tmp_path)  # exists, but holds no .tml file


@pytest.mark.skipif(not TBAQ.is_dir(), reason="../shared/data/temporal/tbaq-cleaned is absent")
def test_tbaq_sample_scores_like_a_real_tagger() -> None:
    r = evaluate_timeml(TBAQ, limit=40)
    assert r["documents"] == 40
    assert r["relaxed_f1"] > 85
    assert r["value_f1"] > 70


def test_dateline_copy_of_the_dct_is_not_scored(tmp_path: Path) -> None:
    (tmp_path / "d.tml").write_text(
        '<?xml version="1.0" ?>\n<TimeML>\n<DCT><TIMEX3 tid="t0" type="DATE" value="2022-08-11" '
        'functionInDocument="CREATION_TIME">August 11</TIMEX3></DCT>\n<TEXT>\n'
        'PARIS, August 11 (Agency) --\nThe minister spoke on <TIMEX3 tid="t1" type="DATE" '
        'value="2022-08-09">Tuesday</TIMEX3>.\n</TEXT>\n</TimeML>\n', "utf-8")
    doc = parse_tml(tmp_path / "d.tml")
    assert doc.dct_text == "August 11"
    r = evaluate_timeml(tmp_path, errors=5)
    assert (r["gold"], r["predicted"]) == (1, 1)  # "August 11" in the dateline is the DCT
    assert r["value_f1"] == 100.0
    assert r["examples"]["spurious"] == []
