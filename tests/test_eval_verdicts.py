"""Verdict-precision gold: strata, and the judge's file of scripts/annotate_verdicts.py (no stance shown)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from claimgraph.eval.verdicts import by_stratum, load_pairs, precision

ROOT = Path(__file__).resolve().parents[1]


def _script():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location("annotate_verdicts", ROOT / "scripts" / "annotate_verdicts.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pair(pid: str, label: str, stratum: str | None = None) -> dict:
    d = {"pair": pid, "article": "a", "collection": "c", "sha256": "x", "claim": [0, 5],
         "evidence_article": "b", "evidence_collection": "c", "evidence_sha256": "y", "passage": [3, 9],
         "before": None, "label": label, "reason": "r"}
    if stratum:
        d["stratum"] = stratum
    return d


def test_precision_per_stratum(tmp_path: Path) -> None:
    gold = tmp_path / "g.jsonl"
    rows = [_pair("p1", "supports", "default"), _pair("p2", "not enough info", "default"),
            _pair("p3", "refutes", "all"), _pair("p4", "unrelated", "all"), _pair("p5", "supports", "all")]
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    pairs = load_pairs(gold)
    assert [p.stratum for p in pairs] == ["default", "default", "all", "all", "all"]
    stances = ["supports", "supports", "contradicts", None, "supports"]
    out = by_stratum(pairs, stances)
    assert out["default"]["pairs"] == 2 and out["default"]["precision"] == 0.5
    assert out["all"]["verdicts"] == 2 and out["all"]["right"] == 2  # the withdrawn pair is not counted
    assert precision(list(zip(stances, [p.label for p in pairs])))["right"] == 3
    old = tmp_path / "old.jsonl"  # earlier samples have no stratum
    old.write_text(json.dumps(_pair("q", "supports")) + "\n", encoding="utf-8")
    assert load_pairs(old)[0].stratum == ""


def test_judge_file_hides_the_product(tmp_path: Path) -> None:
    mod = _script()
    rows = [{"pair": "b2", "article": "A", "evidence_article": "E", "claim_text": "Kyiv said X.",
             "passage_text": "X, Kyiv said.", "stratum": "all", "before": None,
             "after": {"verdict": "supported", "stance": "supports", "reason": "model and rules"}},
            {"pair": "a1", "article": "A", "evidence_article": "E", "claim_text": "Y.", "passage_text": "Not Y.",
             "stratum": "default", "before": None,
             "after": {"verdict": "contradicted", "stance": "contradicts", "reason": "negation"}}]
    meta = {"A": {"title": "T1", "outlet": "Guardian", "published": "2022-06-01"},
            "E": {"title": "T2", "outlet": "NYT", "published": "2022-06-02"}}
    out = mod.judge_rows(rows, meta)
    assert [j["pair"] for j in out] == ["a1", "b2"]
    assert all(j["label"] == "" and j["reason"] == "" for j in out)
    text = json.dumps(out)
    for hidden in ("supported", "contradicted", "supports", "contradicts", "stratum", "negation", "model and rules"):
        assert hidden not in text
    assert out[1]["claim"]["text"] == "Kyiv said X." and out[1]["passage"]["published"] == "2022-06-02"


def test_strata_selection_adds_whole_articles() -> None:
    mod = _script()
    rows = [{"pair": f"d{i}", "article": "A", "stratum": "default"} for i in range(3)]
    rows += [{"pair": "x1", "article": "B", "stratum": "all"}, {"pair": "x2", "article": "B", "stratum": "all"},
             {"pair": "y1", "article": "C", "stratum": "all"}]
    assert [r["pair"] for r in mod.select_strata(rows, ["A", "B", "C"], 4)] == ["d0", "d1", "d2", "x1", "x2"]
    assert len(mod.select_strata(rows, ["A", "B", "C"], 0)) == 6
    assert len(mod.select_strata(rows, ["A", "C", "B"], 3)) == 3
    assert len(mod.select_strata(rows, ["A", "B", "B", "C"], 0)) == 6  # an id twice: its pairs once


def test_folds_hold_out_every_article_once() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from news_sets import RUUKR, NewsArticle, is_held_out

    arts = [NewsArticle(f"k{i}", RUUKR, "", "", None, None) for i in range(60)]
    for a in arts:
        assert sum(is_held_out(a, "verify4", fold) for fold in range(6)) == 1
        assert is_held_out(a, "verify") == is_held_out(a, "verify", 0)
    assert not is_held_out(NewsArticle("k1", "basil", "", "", None, None), "verify4", 0)


def test_write_judge_keeps_the_stance_in_the_draft_only(tmp_path: Path) -> None:
    mod = _script()
    rows = [{"pair": "p1", "article": "A", "evidence_article": "E", "claim_text": "c", "passage_text": "p",
             "stratum": "default", "after": {"verdict": "supported", "stance": "supports"}},
            {"pair": "p2", "article": "B", "evidence_article": "E", "claim_text": "c2", "passage_text": "p2",
             "stratum": "all", "after": {"verdict": "contradicted", "stance": "contradicts"}}]
    meta = {k: {"title": k, "outlet": "o", "published": None} for k in "ABE"}
    mod.write_judge(rows, meta, "s", 1, tmp_path / "judge", tmp_path / "selected.jsonl")
    judged = [json.loads(x) for x in (tmp_path / "judge" / "pairs.jsonl").read_text().splitlines()]
    assert [j["pair"] for j in judged] == ["p1"] and "stance" not in json.dumps(judged)
    assert json.loads((tmp_path / "selected.jsonl").read_text())["after"]["stance"] == "supports"
    assert "not enough info" in (tmp_path / "judge" / "INSTRUCTIONS.md").read_text()
