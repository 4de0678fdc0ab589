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


def _conflicts(claim: str, passage: str) -> list[str]:
    return [s.detail for s in agreement_signals(claim, passage, with_entities=False) if s.polarity < 0]


def _conflict(claim: str, passage: str, claim_offset: int = 0, passage_offset: int = 0):
    """The one conflicting signal between claim and passage (fails if there are none or several)."""
    (sig,) = [s for s in agreement_signals(claim, passage, claim_offset=claim_offset,
                                           passage_offset=passage_offset, with_entities=False) if s.polarity < 0]
    return sig


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
    # the negation is about "rock" / "American", which the passage never asserts: no conflict
    assert _conflicts("The Lanterns is not a rock album.", "The Lanterns is the second studio album by a blues singer.") == []
    assert _conflicts("Harbour Tales is not an American series.", "Harbour Tales is a French animated series.") == []
    # both sides negate it: agreement, not conflict
    assert _conflicts("The mayor never signed the ferry contract.", "The mayor has never signed the ferry contract.") == []
    # the passage denies exactly what the claim asserts (inflections differ): conflict, with offsets
    claim = "Soldiers are leaving their tanks near Kharkiv."
    passage = "Soldiers did not leave their tanks, the ministry said."
    sig = _conflict(claim, passage)
    assert sig.detail == "the passage negates 'leave their tanks'"
    assert claim[sig.claim_start:sig.claim_end] == "leaving their tanks"
    assert passage[sig.passage_start:sig.passage_end] == "leave their tanks"


def test_another_nationality_in_an_identity_statement_conflicts_with_offsets() -> None:
    claim = "Mira Holt is an Irish cricketer born in May."
    passage = "Mira Holt (born 3 May 1994) is a Kenyan cricketer who bowls left-arm spin."
    sig = _conflict(claim, passage, claim_offset=10, passage_offset=500)
    assert sig.kind == "conflicting_nationality"
    assert sig.detail == "claim says Irish cricketer, passage says Kenyan cricketer"
    assert claim[sig.claim_start - 10:sig.claim_end - 10] == "Irish cricketer"
    assert passage[sig.passage_start - 500:sig.passage_end - 500] == "Kenyan cricketer"
    # compatible nationalities, a co-production, and two people acting: no conflict
    assert _conflicts("Ada Quill is a British actor.", "Ada Quill is an English actor and writer.") == []
    assert _conflicts("Lowtide is a Canadian film.", "Lowtide is a 2009 Canadian-French film.") == []
    assert _conflicts("The convoy was hit by Russian shelling.", "The convoy was hit by Ukrainian shelling.") == []
    assert _conflicts("The crew were teaching Ukrainian troops.", "The crew were teaching Polish troops.") == []
    # another subject, another time, a relation or a language: no conflict
    assert _conflicts("Novak Djokovic is a Serbian tennis player.",
                      "Djokovic beat Daniil Medvedev, who is a Russian tennis player, in the final.") == []
    assert _conflicts("Manchester United is an English football club.",
                      "Their opponents, Real Madrid, are a Spanish football club.") == []
    assert _conflicts("Lviv is a Ukrainian city near the border.", "Lviv was a Polish city until 1939.") == []
    assert _conflicts("Syria is a Russian ally.", "Syria is an Iranian ally.") == []
    assert _conflicts("Zelensky is a native Russian speaker.", "Zelensky is a fluent Ukrainian speaker.") == []
    assert _conflicts("The wounded were Ukrainian soldiers.", "Most of the prisoners exchanged were Russian soldiers.") == []


def test_full_dates_in_the_same_year_conflict_only_when_no_date_matches() -> None:
    claim = "The Harbour Bridge opened on June 12th, 1875."
    passage = "The Harbour Bridge (opened 12 October 1875, closed 1 December 1947) spans the bay."
    sig = _conflict(claim, passage)
    assert sig.kind == "conflicting_date"
    assert claim[sig.claim_start:sig.claim_end] == "June 12th, 1875"
    assert passage[sig.passage_start:sig.passage_end] == "12 October 1875"
    # the passage also states the claim's date (another event that year): no conflict
    assert _conflicts("The ship sank on May 3, 1901.", "Launched 9 January 1901, the ship sank on 3 May 1901.") == []
    # news passages carry other dates of the same year: a range, a dateline, another event
    assert _conflicts("Russian forces shelled Mariupol on March 9, 2022.",
                      "The siege of Mariupol lasted from February 24 to May 20, 2022.") == []
    assert _conflicts("The strike on the theatre happened on March 16, 2022.",
                      "KYIV, March 17, 2022 - Rescuers searched the rubble of the theatre.") == []
    assert _conflicts("Russia invaded Ukraine on February 24, 2022.", "On March 2, 2022, the UN General Assembly "
                      "condemned Russia's invasion of Ukraine, launched on February 24.") == []


def test_numbers_conflict_only_outside_what_the_wording_allows() -> None:
    assert _conflicts("The album sold more than 100,000 copies.", "First-week sales were 258,000 copies.") == []
    assert _conflicts("About 120 people were evacuated.", "Officials said 125 people were evacuated.") == []
    assert _conflicts("More than 100 soldiers surrendered.", "At least 40 soldiers surrendered.") == []
    assert _conflicts("Fewer than 50 people came.", "Some 60 people came.") == \
        ["claim says Fewer than 50, passage says Some 60"]
    assert _conflicts("No fewer than 200 people were killed.", "Officials said 230 people were killed.") == []
    assert _conflicts("More than a hundred civilians were killed.", "132 civilians were killed.") == []
    assert _conflicts("About a dozen soldiers were captured.", "14 soldiers were captured.") == []
    assert _conflicts("About 10 drones were shot down.", "Officials said 12 drones were shot down.") == []
    # the day of a full date is a date, not a count of something
    assert [s.kind for s in agreement_signals("The ship sank on 3 May 1901.", "The ship sank on 5 May 1901.",
                                              with_entities=False) if s.polarity < 0] == ["conflicting_date"]
    assert _conflicts("The album sold 50,000 copies.", "The album sold 80,000 copies.") == \
        ["claim says 50,000, passage says 80,000"]


def test_negation_rule_reads_declined_to_and_leaves_double_negation_alone() -> None:
    # "declined to" negates, so a claim that says "refused to" agrees with it
    assert _conflicts("Ana Reyes refused to model for the brand.", "Reyes modelled for two labels but declined to "
                      "model for the brand.") == []
    assert _conflicts("Ana Reyes modelled for the brand.", "Reyes declined to model for the brand.") == \
        ["the passage negates 'model for the brand'"]
    # "declined to" a level is a fall, not a refusal
    assert _conflicts("The ruble fell to record lows.", "The ruble declined to record lows on Monday.") == []
    assert _conflicts("Support dropped to a new low.", "Support declined to a new low in June.") == []
    # a negation elsewhere in the passage does not hide one that the claim's words meet
    assert _conflicts("The minister did not resign.", "The minister resigned on Tuesday after no party backed her.") == \
        ["the claim negates 'resign'"]
    # the claim denies a role, the passage lists the cast "but without" her: both negate, no conflict
    assert _conflicts("Lena Park did not have a role in Tidewater.",
                      "The film stars Jo Kim and Sam Lee but without Lena Park, who was left out.") == []
