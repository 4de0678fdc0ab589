"""Only claims that assert something are verified: a fragment finds passages on its topic, never
evidence for or against it (a quarter of the wrong verdicts of the fourth judged sample)."""

from __future__ import annotations

from claimgraph import analyze
from claimgraph.verify.options import VerifyOptions
from claimgraph.verify.verdict import _asserts, claims_to_verify


def test_a_fragment_asserts_nothing_but_a_clause_and_an_accusation_do():
    assert not _asserts("Since the invasion of the valley in late February")
    assert not _asserts("policies against the northern provinces")
    assert _asserts("The strike on the depot killed 23 people on Tuesday.")
    assert _asserts("the province of using grain as leverage in the talks")


def test_claims_to_verify_leaves_out_fragments_even_with_all_claims():
    a = analyze("Depot\n\nThe strike on the Arden depot killed 23 people on Tuesday, the governor said. "
                "The governor warned of a worsening situation in the east.", published="2022-05-04")
    assert any(c.text == "a worsening situation in the east" for c in a.claims)  # the extractor's claim
    texts = [c.text for c in claims_to_verify(a, VerifyOptions(all_claims=True))]
    assert any("killed 23 people" in t for t in texts)
    assert "a worsening situation in the east" not in texts, texts
