"""Findings on articles written for these tests: each rule fires where it should and stays
quiet where a fact-checker would call it a false alarm."""

from __future__ import annotations

from claimgraph import analyze


def _kinds(text: str, published: str | None = "2024-05-14") -> list[tuple[str, str]]:
    a = analyze(text, published=published)
    return [(f.kind, a.article.text[f.start:f.end]) for f in a.findings]


def test_vague_authority_is_flagged_but_a_bystander_is_not():
    kinds = _kinds("Flood\n\nExperts say the dam was never inspected. A fisherman said that the water rose fast.")
    assert ("vague_source", "Experts say") in kinds
    assert not any(k == "vague_source" and "fisherman" in t for k, t in kinds)


def test_named_or_local_institution_is_not_vague():
    kinds = _kinds("Court\n\nA three-judge panel of the Fifth Circuit Court said that the ruling stands. "
                   "The port authority says its inspection found no faults.")
    assert not [k for k, _ in kinds if k == "vague_source"]


def test_anonymous_rumour_is_flagged():
    kinds = _kinds("Market\n\nWord is coming that the mill will close before winter.")
    assert [k for k, _ in kinds] == ["anonymous_source"]


def test_outlet_cited_without_link_but_not_with_one():
    bare = _kinds("Budget\n\nAccording to the Valley Herald, the council will cut the school budget by a third.")
    assert ("secondhand_unlinked", "According to the Valley Herald") in bare
    linked = _kinds("Budget\n\nAccording to the Valley Herald (https://valleyherald.example/budget-cuts), "
                    "the council will cut the school budget by a third.")
    assert not [k for k, _ in linked if k == "secondhand_unlinked"]


def test_data_and_polls_are_not_secondhand_news_reports():
    kinds = _kinds("Survey\n\nAccording to a new survey, most residents want a second bridge over the river.")
    assert not [k for k, _ in kinds if k == "secondhand_unlinked"]


def test_unsourced_statistic_and_history_but_not_narration_or_dated_background():
    flagged = [t for k, t in _kinds("Town\n\nThe valley's miners fought the invaders in World War 2 alongside the "
                                    "partisans. The town was founded in 1851 by railway workers. Unemployment in "
                                    "the valley stands at 14.5 percent, the highest in the region. The mayor "
                                    "opened the fair on Sunday.") if k == "checkworthy_unsourced"]
    assert any("World War 2" in t for t in flagged) and any("14.5 percent" in t for t in flagged)
    # dated background is encyclopaedic (judged trivial on real articles), narration is not a claim
    assert not any("1851" in t for t in flagged)
    assert not any("opened the fair" in t for t in flagged)


def test_figure_from_a_named_source_in_the_paragraph_is_not_flagged():
    flagged = [t for k, t in _kinds("Jobs\n\nThe labour office said on Monday that hiring slowed. Unemployment "
                                    "stands at 14.5 percent, the highest in the region.")
               if k == "checkworthy_unsourced"]
    assert flagged == []


def test_video_on_a_platform_without_its_poster():
    kinds = _kinds("Storm\n\nA video circulating on TikTok shows the roof of the school collapsing.")
    assert [k for k, _ in kinds if k == "media_origin_unverified"]
    named = _kinds("Storm\n\nA video posted on TikTok by Mara Lind shows the roof of the school collapsing.")
    assert not [k for k, _ in named if k == "media_origin_unverified"]
