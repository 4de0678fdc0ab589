"""date_inconsistency: flags on hand-written contradictions, silence on consistent text."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.checks.dates import check_dates
from claimgraph.extract.time import extract_times
from claimgraph.model import Attribution, Span

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed"


def flags(text: str, published: str | None = None, attributions=()):  # type: ignore[no-untyped-def]
    times, _ = extract_times(text, published)
    found = check_dates(text, times, list(attributions), published)
    for f in found:
        assert f.kind == "date_inconsistency" and f.severity == "warning"
        assert 0 <= f.start < f.end <= len(text) and f.message
        # about is an attribution or claim id (docs/json-schema.md), never a time index
        assert f.about is None or not f.about.isdigit()
    return found, times


def text_of(times, start: int) -> str:  # type: ignore[no-untyped-def]
    return next(t.text for t in times if t.start == start)


def test_about_is_the_claim_holding_the_finding() -> None:
    from claimgraph.model import Claim

    text = "Intro line here.\nOn Friday (March 3, 2022) the convoy stopped."
    times, _ = extract_times(text, None)
    claims = [Claim(id="c1", text="Intro line here.", start=0, end=16),
              Claim(id="c2", text=text[17:], start=17, end=len(text))]
    found = check_dates(text, times, [], None, claims)
    assert [f.about for f in found] == ["c2"]


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01", "9999-12-30"])
def test_dates_at_the_ends_of_the_calendar_do_not_raise(published: str) -> None:
    text = ("On Friday (December 31, 9999) the convoy stopped. The next day, on January 1, 0001, "
            "a post was made — Jane Doe (@jane) December 31, 9999. Last year and next year it rained.")
    times, _ = extract_times(text, published)
    check_dates(text, times, [], published)


def test_weekday_next_to_a_date_of_another_weekday() -> None:
    found, times = flags("On Friday (March 3, 2022) the convoy stopped.")
    assert len(found) == 1
    f = found[0]
    assert "Thursday" in f.message and "Friday" in f.message
    assert text_of(times, f.start) == "Friday"
    assert f.start == 3 and f.end == len("On Friday (March 3, 2022")


def test_date_then_bracketed_weekday() -> None:
    found, _ = flags("The blast came on 3 March 2022 (Saturday), officials said.")
    assert len(found) == 1


@pytest.mark.parametrize(
    "text",
    [
        "On Thursday (March 3, 2022) the convoy stopped.",
        "The talks were held on Tuesday, 8 March 2022, in Belarus.",
        "Thursday, March 3, 2022: the convoy stopped.",
        # A new line between a signature date and a weekday heading is not one statement.
        "— Jane Doe (@jane) March 24, 2020\n\nSaturday: the Senate met.",
        # Year inferred: the weekday fits the previous year, so it may be our inference.
        "He asked to meet on Monday, May 13th, as planned.",
    ],
)
def test_consistent_or_uncertain_weekdays_are_not_flagged(text: str) -> None:
    published = "2020-01-15" if "May 13th" in text else None
    assert flags(text, published)[0] == []


def test_day_count_disagreeing_with_the_date_in_the_same_sentence() -> None:
    text = ("Russia invaded Ukraine on February 24, 2022. On the eighth day of the war, "
            "March 10, 2022, shelling continued.")
    found, times = flags(text)
    assert len(found) == 1
    assert "7 days later" in found[0].message
    assert any(t.anchor and found[0].start <= t.start < found[0].end for t in times)


def test_day_count_with_one_day_slack_and_other_moments_are_not_flagged() -> None:
    ok = ("In Ukraine, on the eighth day of the war, March 4, 2022, shelling continued.")
    assert flags(ok)[0] == []  # off by one: outlets count day 1 differently
    since = "In Ukraine, on the tenth day of the war that began on 24 February 2022, towns fell."
    assert flags(since, "2022-03-06")[0] == []


def test_weekday_next_to_a_day_count() -> None:
    bad = "On Monday, the eighth day of the war in Ukraine, talks resumed."
    assert len(flags(bad, "2022-03-10")[0]) == 1  # day 8 = Thursday 2022-03-03
    ok = "On Thursday, the eighth day of the war in Ukraine, talks resumed."
    assert flags(ok, "2022-03-10")[0] == []


def test_post_dated_after_publication() -> None:
    text = "Great video. — Jane Doe (@janedoe) March 9, 2022\nMore about Ukraine."
    found, _ = flags(text, "2022-03-03")
    assert len(found) == 1 and "after the article's publication" in found[0].message
    assert flags(text, "2022-03-09")[0] == []
    assert flags(text, "2022-03-08")[0] == []  # one day of slack for time zones
    assert flags(text, None)[0] == []  # no publication date: nothing to compare with


def test_attribution_dated_after_publication() -> None:
    text = "Remarkable video, she wrote."
    att = Attribution(
        id="a1", source=Span("she", 18, 21), source_type="social_post",
        cue=Span("wrote", 22, 27), content=Span("Remarkable video", 0, 16), mode="direct",
        platform="twitter", date="2022-03-20",
    )
    found = check_dates(text, [], [att], "2022-03-03")
    assert [f.about for f in found] == ["a1"]
    assert check_dates(text, [], [att], "2022-03-25") == []


def test_two_start_dates_for_the_same_event() -> None:
    text = ("The war began on 24 February 2022. Officials in Kyiv said the invasion started "
            "on February 20, 2022.")
    found, _ = flags(text, "2022-03-05")
    assert len(found) == 1 and "two start dates" in found[0].message
    same = ("The war began on 24 February 2022. Officials in Kyiv said the invasion started "
            "on February 24, 2022.")
    assert flags(same, "2022-03-05")[0] == []


@pytest.mark.skipif(not SEED.is_dir(), reason="../shared/seed is absent")
def test_seed_has_no_date_inconsistency() -> None:
    text = (SEED / "article.txt").read_text("utf-8")
    assert flags(text, None)[0] == []


def test_weekday_and_date_extracted_as_one_expression_are_still_checked() -> None:
    found, times = flags("He was arrested Saturday, July 17, 2020, in Portland.", "2020-07-20")
    assert [t.text for t in times] == ["Saturday, July 17, 2020"]
    assert len(found) == 1
    assert "'Saturday' is written next to 'July 17, 2020'" in found[0].message
    assert "Friday" in found[0].message
    ok, _ = flags("He was arrested Friday, July 17, 2020, in Portland.", "2020-07-20")
    assert ok == []
    # Year inferred and another nearby year fits the weekday: not flagged.
    ok, _ = flags("The times said on Saturday, July 17: the law is unfair.", "2021-07-20")
    assert ok == []
