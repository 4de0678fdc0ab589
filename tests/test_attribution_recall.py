"""Recall mechanisms of session 10 (issue 12), on invented text: positions stated as attitudes
("voiced skepticism about", "are wary of"), verbs of echoing and recounting, and speakers
described first and named at the start of the next sentence."""

from __future__ import annotations

import pytest

from claimgraph import analyze
from claimgraph.options import AnalyzeOptions


def _atts(text: str, method: str = "model"):
    return analyze(text, options=AnalyzeOptions(attribution=method)).attributions


@pytest.mark.parametrize("text, cue, content", [
    ("Prices rose again in March. Ana Ruiz, an economist at the central bank, voiced skepticism "
     "about a quick fall in rents this year.", "skepticism", "a quick fall in rents"),
    ("The ferry schedule changed in May. Dock workers in the harbour town are wary of the new "
     "rules on night shifts, which they say are unsafe.", "wary", "the new rules"),
    ("The council met on Monday. Councillor Jo Baines echoed that view, saying the library must "
     "stay open.", "echoed", "that view"),
])
def test_the_model_keeps_positions_stated_as_attitudes(text: str, cue: str, content: str) -> None:
    found = [a for a in _atts(text) if cue in a.cue.text]
    assert found and content in found[0].content.text


def test_an_action_cue_is_still_not_an_attribution() -> None:
    text = "The council met on Monday. The mayor signed the budget and banned cars from the square."
    assert not [a for a in _atts(text) if a.cue.text in ("signed", "banned")]


@pytest.mark.parametrize("method", ["model", "rules"])
def test_a_speaker_described_first_is_named_by_the_next_sentence(method: str) -> None:
    text = ("Floods hit the valley on Monday. A senior regional official has accused the utility of "
            "ignoring warnings. Marta Kovalenko, the head of the regional council, told reporters that "
            "the dam had been neglected for years.")
    first = next(a for a in _atts(text, method) if a.cue.text.endswith("accused"))
    assert first.source_name == "Marta Kovalenko" and first.source_type == "named_person"
    text = ("The port reopened on Tuesday. The coast guard's deputy spokesperson said on Monday that "
            "two ships had run aground. The official, Pieter Vandermeer, stressed that no crew were hurt.")
    first = next(a for a in _atts(text, method) if a.cue.text == "said")
    assert first.source_name == "Pieter Vandermeer"


@pytest.mark.parametrize("text", [
    # the name does not open the next sentence with an apposition: no resolution
    "A local farmer said the river had never risen so fast. Pieter Vandermeer visited the farm on Tuesday.",
    # a definite office points back, never forward
    "The minister said the bridge was safe. Pieter Vandermeer, a local engineer, disagreed.",
])
def test_a_description_is_not_named_by_an_unrelated_next_sentence(text: str) -> None:
    first = next(a for a in _atts(text, "rules") if a.cue.text == "said")
    assert first.source_name != "Pieter Vandermeer"
