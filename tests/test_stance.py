"""The shipped stance model: runs on onnxruntime without torch, reads negation and swapped facts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.verify.signals import agreement_signals
from claimgraph.verify.textnorm import detokenize

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "claimgraph" / "data"


def test_model_is_shipped_small_and_documented() -> None:
    model = DATA / "stance-minilm-int8.onnx"
    assert model.exists() and model.stat().st_size < 40 * 1024 * 1024
    assert (DATA / "stance-tokenizer.json").exists()
    card = (DATA / "stance-MODEL-CARD.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in card and "scripts/train_stance.py" in card


def test_inference_needs_no_torch() -> None:
    code = (
        "import sys, json\n"
        "from claimgraph.verify.stance import StanceModel\n"
        "m = StanceModel.load()\n"
        "p = m.predict([('A man is sleeping on a couch.', 'A man is asleep.'),\n"
        "               ('A man is sleeping on a couch.', 'A man is running a marathon.')])\n"
        "print(json.dumps({'p': p, 'torch': 'torch' in sys.modules}))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["torch"] is False
    entail, contra = data["p"]
    assert entail["supports"] > max(entail["neutral"], entail["contradicts"])
    assert contra["contradicts"] > contra["supports"]
    assert abs(sum(entail.values()) - 1.0) < 1e-4


def test_fever_text_is_detokenised_like_news_copy() -> None:
    assert detokenize("Nikolaj -LRB- born 1970 -RRB- is an actor , and he 's Danish .") == \
        "Nikolaj (born 1970) is an actor, and he's Danish."


def test_rules_flag_number_date_negation_and_hedge_with_offsets() -> None:
    claim = "The council raised the toll to 12 dollars in 2021."
    passage = "Officials said the council reportedly raised the toll to 9 dollars in 2020."
    sig = {s.kind: s for s in agreement_signals(claim, passage, claim_offset=100, passage_offset=1000,
                                                 with_entities=False)}
    assert passage[sig["conflicting_number"].passage_start - 1000: sig["conflicting_number"].passage_end - 1000] == "9"
    assert claim[sig["conflicting_number"].claim_start - 100: sig["conflicting_number"].claim_end - 100] == "12"
    assert sig["conflicting_date"].detail == "claim says 2021, passage says 2020"
    assert sig["hedged"].polarity == 0
    neg = agreement_signals("Troops surrendered near the river.", "The troops did not surrender near the river.",
                            with_entities=False)
    assert [s.kind for s in neg if s.polarity < 0] == ["negation"]
    same = agreement_signals("Troops surrendered near the river.", "Troops surrendered near the river.",
                             with_entities=False)
    assert not [s for s in same if s.polarity < 0]  # identical text: no conflict, ever


def test_negation_conflicts_only_when_the_whole_negated_phrase_is_asserted() -> None:
    def conflicts(claim: str, passage: str) -> list[str]:
        return [s.detail for s in agreement_signals(claim, passage, with_entities=False) if s.polarity < 0]

    # the negation is about "rock" / "American", which the passage never asserts: no conflict
    assert conflicts("The Lanterns is not a rock album.", "The Lanterns is the second studio album by a blues singer.") == []
    assert conflicts("Harbour Tales is not an American series.", "Harbour Tales is a French animated series.") == []
    # both sides negate it: agreement, not conflict
    assert conflicts("The mayor never signed the ferry contract.", "The mayor has never signed the ferry contract.") == []
    # the passage denies exactly what the claim asserts (inflections differ): conflict, with offsets
    claim = "Soldiers are leaving their tanks near Kharkiv."
    passage = "Soldiers did not leave their tanks, the ministry said."
    (sig,) = [s for s in agreement_signals(claim, passage, with_entities=False) if s.polarity < 0]
    assert sig.detail == "the passage negates 'leave their tanks'"
    assert claim[sig.claim_start:sig.claim_end] == "leaving their tanks"
    assert passage[sig.passage_start:sig.passage_end] == "leave their tanks"
