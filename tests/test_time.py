"""Time expressions: finding, normalising and anchoring, on hand-written sentences and the seed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.errors import InputError
from claimgraph.extract.time import extract_times, load_anchors

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed"


def values(text: str, published: str | None = "2022-03-04") -> dict[str, tuple[str, str | None]]:
    times, _ = extract_times(text, published)
    for t in times:  # every item carries offsets into the text and a reason
        assert text[t.start: t.end] == t.text
        assert t.reason
    return {t.text: (t.type, t.value) for t in times}


@pytest.mark.parametrize(
    ("text", "expr", "typ", "value"),
    [
        ("It happened on March 3, 2022 in Kyiv.", "March 3, 2022", "DATE", "2022-03-03"),
        ("It happened on 3 March 2022 in Kyiv.", "3 March 2022", "DATE", "2022-03-03"),
        ("The file is dated 2022-03-03.", "2022-03-03", "DATE", "2022-03-03"),
        ("Prices rose in March 2022.", "March 2022", "DATE", "2022-03"),
        ("The treaty was signed in 1998.", "1998", "DATE", "1998"),
        ("He left yesterday.", "yesterday", "DATE", "2022-03-03"),
        ("She will arrive tomorrow.", "tomorrow", "DATE", "2022-03-05"),
        ("Sales fell last week.", "last week", "DATE", "2022-W08"),
        ("They met two days ago.", "two days ago", "DATE", "2022-03-02"),
        ("Talks resume next month.", "next month", "DATE", "2022-04"),
        ("It has been hard this year.", "this year", "DATE", "2022"),
        ("He served three years in prison.", "three years", "DURATION", "P3Y"),
        ("The strike lasted 48 hours.", "48 hours", "DURATION", "PT48H"),
        ("Over the past two weeks prices fell.", "the past two weeks", "DURATION", "P2W"),
        ("The council meets every week.", "every week", "SET", "P1W"),
        ("The paper is printed daily.", "daily", "SET", "P1D"),
        ("The market opens every Monday.", "every Monday", "SET", "XXXX-WXX-1"),
        ("The vote closes at 3 p.m. on polling day.", "3 p.m.", "TIME", "2022-03-04T15:00"),
        ("Shelling started this morning.", "this morning", "TIME", "2022-03-04TMO"),
        ("Fans gathered last night.", "last night", "TIME", "2022-03-03TNI"),
        ("Music of the 1990s is back.", "the 1990s", "DATE", "199"),
        ("Cities of the 20th century grew.", "the 20th century", "DATE", "19"),
        ("Ukraine fought in World War 2 as a Soviet republic.", "World War 2", "DATE",
         "1939/1945"),
        ("Veterans of World War II met.", "World War II", "DATE", "1939/1945"),
        ("Veterans of the Second World War met.", "the Second World War", "DATE", "1939/1945"),
        ("Trenches of World War I remain.", "World War I", "DATE", "1914/1918"),
        ("Profit rose in the third quarter of 2021.", "the third quarter of 2021", "DATE",
         "2021-Q3"),
        ("Tourists return this summer.", "this summer", "DATE", "2022-SU"),
        ("Shops close on Christmas Day.", "Christmas Day", "DATE", "2021-12-25"),
        ("Inflation is high now.", "now", "DATE", "PRESENT_REF"),
    ],
)
def test_kinds_of_expression(text: str, expr: str, typ: str, value: str) -> None:
    assert values(text).get(expr) == (typ, value)


def test_weekday_past_tense_is_the_most_recent_one() -> None:
    # 2022-03-04 is a Friday: "said on Thursday" is the day before, "on Friday" the same day.
    assert values("The minister said on Thursday that he was tired.")["Thursday"][1] == "2022-03-03"
    assert values("Troops withdrew on Friday.")["Friday"][1] == "2022-03-04"
    assert values("Troops withdrew on Monday.")["Monday"][1] == "2022-02-28"


def test_weekday_future_tense_and_explicit_direction() -> None:
    assert values("The minister will travel on Monday.")["Monday"][1] == "2022-03-07"
    assert values("They met last Friday.")["last Friday"][1] == "2022-02-25"
    assert values("They meet next Thursday.")["next Thursday"][1] == "2022-03-10"


def test_weekday_tense_from_spacy_doc_when_given() -> None:
    from claimgraph.nlp import load

    text = "Officials confirmed the talks for Monday."
    doc = load()(text)
    times, _ = extract_times(text, "2022-03-04", doc=doc)
    assert times[0].text == "Monday" and times[0].value == "2022-02-28"  # "confirmed": past


def test_bracketed_date_pins_the_weekday_and_both_are_kept() -> None:
    text = "On Thursday (March 3, 2022) the convoy stopped."
    times, ref = extract_times(text, None)
    assert [(t.text, t.value) for t in times] == [
        ("Thursday", "2022-03-03"), ("March 3, 2022", "2022-03-03"),
    ]
    assert "adjacent date" in times[0].reason
    assert ref == "2022-03-03"


def test_reference_is_inferred_from_the_latest_full_date_and_marked() -> None:
    text = "On March 1, 2022 the mayor spoke. By March 2, 2022 he had left. Two days ago it rained."
    times, ref = extract_times(text, None)
    assert ref == "2022-03-02"
    ago = next(t for t in times if t.text == "Two days ago")
    assert ago.value == "2022-02-28" and "inferred" in ago.reason


def test_no_reference_leaves_relative_values_underspecified() -> None:
    times, ref = extract_times("He called on Thursday.", None)
    assert ref is None
    assert times[0].value == "XXXX-WXX-4"


def test_event_day_is_anchored_to_the_invasion() -> None:
    text = "In Ukraine, the eighth day of the war brought heavy shelling of Kharkiv."
    times, _ = extract_times(text, "2022-03-05")
    t = next(t for t in times if "eighth day" in t.text)
    assert t.value == "2022-03-03"
    assert t.anchor and "full-scale invasion began 2022-02-24 (day 1)" in t.anchor
    assert "russia-ukraine-invasion-2022" in t.reason
    day = values("Day 10 of the invasion: Kyiv held out, Ukraine said.", "2022-03-06")
    assert day["Day 10 of the invasion"] == ("DATE", "2022-03-05")


def test_anchor_needs_context_and_a_reference_after_its_start() -> None:
    # No Ukraine context: "the war" is not the invasion.
    assert not any("day" in k for k in values("On the eighth day of the war, rain fell."))
    # Reference before the invasion started: no anchor.
    times, _ = extract_times("In Ukraine, the eighth day of the war was quiet.", "2021-05-01")
    assert not any(t.anchor for t in times)


def test_article_stated_anchor_wins() -> None:
    text = ("The siege began on 10 March 2022. On the third day of the siege, Ukraine said, "
            "supplies ran out.")
    times, _ = extract_times(text, "2022-03-20")
    t = next(t for t in times if "third day" in t.text)
    assert t.value == "2022-03-12"
    assert "stated in the article" in (t.anchor or "")


def test_custom_anchor_file(tmp_path: Path) -> None:
    f = tmp_path / "anchors.json"
    f.write_text(json.dumps({"events": [{
        "id": "test-strike-2030", "name": "the dock strike", "start": "2030-05-01",
        "aliases": ["strike"], "context": ["dockers"],
    }]}))
    anchors = load_anchors(f)
    times, _ = extract_times("The dockers marked day 5 of the strike.", "2030-05-07", anchors)
    t = next(t for t in times if t.anchor)
    assert t.value == "2030-05-05" and t.anchor.startswith("test-strike-2030")
    bad = tmp_path / "bad.json"
    bad.write_text('{"events": [{"id": "x", "start": "not a date"}]}')
    with pytest.raises(InputError):
        load_anchors(bad)
    with pytest.raises(InputError):
        load_anchors(tmp_path / "missing.json")


def test_not_dates() -> None:
    got = values("About 2000 troops and $1998 in cash; she may agree. March on, said April Ryan.")
    assert got == {}


def test_huge_offsets_do_not_crash() -> None:
    got = values("The temple was built 2,600 years ago.")
    assert got["2,600 years ago"][0] == "DATE"


@pytest.mark.skipif(not SEED.is_dir(), reason="../shared/seed is absent")
def test_seed_time_expressions() -> None:
    text = (SEED / "article.txt").read_text("utf-8")
    expected = json.loads((SEED / "expected.json").read_text("utf-8"))["time_expressions"]
    times, ref = extract_times(text, None)
    assert ref == "2022-03-03"
    assert len(times) == len(expected)
    for exp in expected:
        hits = [t for t in times if exp["text_has"].lower() in t.text.lower()]
        assert len(hits) == 1, exp
        assert hits[0].value == exp["value"], (exp, hits[0])
        if "anchor" in exp:
            assert hits[0].anchor and "full-scale invasion began 2022-02-24 (day 1)" in hits[0].anchor


# --- expressions that refer back to an earlier date, and other TimeML conventions ---------


def test_following_year_and_that_year_resolve_against_the_last_date_mentioned() -> None:
    text = ("She joined the firm in March 1995. The following year she left it, and later that "
            "year she founded her own.")
    v = values(text)
    assert v["March 1995"] == ("DATE", "1995-03")
    assert v["The following year"] == ("DATE", "1996")
    assert v["later that year"] == ("DATE", "1996")  # the last date mentioned is now 1996


def test_next_day_same_day_and_the_day_before_count_from_the_last_day_mentioned() -> None:
    v = values("He landed on June 3, 2001, and flew home the next day. The talks had begun "
               "the same day.")
    assert v["the next day"] == ("DATE", "2001-06-04")
    assert v["the same day"] == ("DATE", "2001-06-04")
    v = values("Sales were $5 million last year, down from $7 million the year before.")
    assert v["last year"] == ("DATE", "2021")
    assert v["the year before"] == ("DATE", "2020")


def test_anaphor_without_an_earlier_date_falls_back_to_the_reference_date() -> None:
    times, _ = extract_times("That year was hard for everyone.", "2022-03-04")
    assert [(t.text, t.value) for t in times] == [("That year", "2022")]
    assert "refers back" in times[0].reason


def test_that_month_needs_a_month_and_keeps_the_fallback_after_a_bare_year() -> None:
    v = values("Prices peaked in July 2019 and fell later that month.")
    assert v["later that month"] == ("DATE", "2019-07")
    v = values("The plant opened in 2019. That month, prices fell.")
    assert v["That month"] == ("DATE", "2022-03")  # 2019 has no month: the reference's


def test_the_quarter_and_year_earlier_follow_the_quarter_reported() -> None:
    text = ("Acme said third-quarter profit rose 5% to $10 million, compared with year-earlier "
            "profit of $9.5 million. Revenue in the quarter grew 3%.")
    times, _ = extract_times(text, "2022-11-02")
    v = {t.text: t.value for t in times}
    assert v["third-quarter"] == "2022-Q3"
    assert v["year-earlier"] == "2021-Q3"
    assert v["the quarter"] == "2022-Q3"  # not 2021-Q3: a comparison is not a new reference


def test_the_year_of_a_report_and_the_year_ended() -> None:
    times, _ = extract_times("For the year, sales rose 4%. Net income for the year ended "
                             "June 30 fell.", "2022-03-04")
    assert [(t.text, t.type, t.value) for t in times][:2] == [
        ("the year", "DATE", "2022"), ("the year", "DURATION", "P1Y")]


def test_current_is_a_reference_to_the_present() -> None:
    v = values("Under current rules the plan is legal.")
    assert v["current"] == ("DATE", "PRESENT_REF")
    assert "current" not in values("The current account deficit widened.")


def test_weekday_comma_date_is_one_expression() -> None:
    times, _ = extract_times("The Times said in an editorial on Monday, Oct. 24: the law "
                             "is unfair.", "2022-10-25")
    assert [(t.text, t.type, t.value) for t in times] == [
        ("Monday, Oct. 24", "DATE", "2022-10-24")]
    # A colon after the day is not a clock time.
    assert values("On April 6: a new plan.", "2022-04-07")["April 6"] == ("DATE", "2022-04-06")


def test_a_month_just_after_the_year_end_is_the_coming_one() -> None:
    v = values("Acme agreed to buy the bank in January.", "2022-11-02")
    assert v["January"] == ("DATE", "2023-01")
    v = values("Acme bought the bank in March.", "2022-11-02")
    assert v["March"] == ("DATE", "2022-03")


def test_yearless_dates_in_a_history_take_the_story_year() -> None:
    text = ("On September 1, 1939, the army crossed the border. The capital fell on "
            "September 27, 1939. In 1940 the fighting moved west, and by May 1940 the front "
            "had collapsed. On June 14 the city was taken, and in the summer the air war began.")
    v = values(text, "2009-12-19")
    assert v["June 14"] == ("DATE", "1940-06-14")
    assert v["the summer"] == ("DATE", "1940-SU")
    times, _ = extract_times(text, "2009-12-19")
    assert "narrative" in next(t.reason for t in times if t.text == "June 14")


def test_news_with_old_years_keeps_yearless_dates_near_publication() -> None:
    text = ("The treaty of 1949 was revised in 1952, 1955 and 1982. On Tuesday the ministers "
            "met, and yesterday they agreed to meet again in April.")
    v = values(text, "1999-03-12")
    assert v["April"] == ("DATE", "1999-04")


def test_the_summer_is_this_years_or_the_last() -> None:
    assert values("Sales were weak over the summer.", "2022-10-10")["the summer"] == (
        "DATE", "2022-SU")
    assert values("Sales were weak during the early summer.", "2022-10-10")[
        "the early summer"] == ("DATE", "2022-SU")
    assert "the fall" not in values("After the fall of the wall, prices rose.")


def test_possessive_yesterday_and_tomorrow_but_not_generic_today() -> None:
    v = values("Investors cheered yesterday's announcement before tomorrow's vote.")
    assert v["yesterday"] == ("DATE", "2022-03-03")
    assert v["tomorrow"] == ("DATE", "2022-03-05")
    assert "today" not in values("Chips power today's computers.")


def test_later_in_the_day_is_the_day_of_the_story() -> None:
    v = values("He arrived on Tuesday and spoke later in the day.")
    assert v["later in the day"] == ("DATE", "2022-03-01")


def test_plural_weekday_part_is_a_set_and_a_newspaper_daily_is_not() -> None:
    v = values("Flights leave on Tuesday nights.")
    assert v["Tuesday nights"] == ("SET", "XXXX-WXX-2TNI")
    assert "daily" not in values("The party daily Pravda printed the letter.")
    assert values("The paper is printed daily.")["daily"] == ("SET", "P1D")
