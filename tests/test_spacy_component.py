"""The spaCy factory in a user's own pipelines: ``spacy.blank("en")`` (claimgraph parses the text
itself) and ``en_core_web_sm`` (its own parse is used), plus the entry point that makes
``nlp.add_pipe("claimgraph_attributions")`` work without importing claimgraph."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

import claimgraph.spacy_component  # noqa: E402,F401 - registers the factory in this process
from claimgraph import analyze  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TEXT = ("Bridge to reopen\n\nThe mayor said the bridge would reopen on Monday. "
        "According to the transport ministry, repairs cost 4 million dollars.\n")


def _expected() -> list[dict]:
    return [a.to_dict() for a in analyze(TEXT).attributions]


def test_blank_pipeline_gets_the_same_attributions_as_the_cli():
    nlp = spacy.blank("en")
    nlp.add_pipe("claimgraph_attributions")
    doc = nlp(TEXT)
    assert doc._.attributions == _expected() and len(doc._.attributions) == 2
    contents = [(s.text, s.label_) for s in doc.spans["attributions"]]
    assert ("the bridge would reopen on Monday", "named_person") in contents or \
        any(t.startswith("the bridge would reopen") for t, _ in contents)
    assert {s.text for s in doc.spans["attribution_cues"]} >= {"said", "According to"}
    assert doc.to_bytes()  # plain data in doc._: the Doc still serialises


def test_users_en_core_web_sm_pipeline_uses_its_own_parse():
    from claimgraph import nlp as cg_nlp

    nlp = spacy.load(cg_nlp.model_name())
    nlp.add_pipe("claimgraph_attributions", config={"parse": "doc"})
    assert nlp.pipe_names[-1] == "claimgraph_attributions"
    doc = nlp(TEXT)
    sources = {a["source_name"] for a in doc._.attributions}
    assert any("mayor" in (s or "") for s in sources) and any("ministry" in (s or "") for s in sources)
    for a, span in zip(doc._.attributions, doc.spans["attributions"], strict=True):
        assert TEXT[a["content"]["start"]:a["content"]["end"]] == a["content"]["text"]
        assert span.label_ == a["source_type"]


def test_parse_doc_without_a_parser_is_a_clear_error():
    from claimgraph.errors import ModelError

    nlp = spacy.blank("en")
    nlp.add_pipe("claimgraph_attributions", config={"parse": "doc"})
    with pytest.raises(ModelError, match="needs a dependency parse"):
        nlp("The mayor said so.")
    with pytest.raises(ValueError, match="parse must be one of"):
        spacy.blank("en").add_pipe("claimgraph_attributions", config={"parse": "sometimes"})


def test_entry_point_is_declared_and_found_without_an_import():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    target = declared["project"]["entry-points"]["spacy_factories"]["claimgraph_attributions"]
    assert target == "claimgraph.spacy_component:make_attributions"
    installed = {e.name for e in importlib.metadata.entry_points(group="spacy_factories")}
    if "claimgraph_attributions" not in installed:
        pytest.skip("the installed claimgraph metadata predates the entry point: pip install -e . again")
    code = ("import spacy; nlp = spacy.blank('en'); nlp.add_pipe('claimgraph_attributions'); "
            "print(len(nlp('The mayor said the bridge is closed.')._.attributions))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0 and out.stdout.strip() == "1", out.stderr[-500:]
