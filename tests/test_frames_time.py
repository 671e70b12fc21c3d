"""Dates, relative dates, as-of dates and scope (events and periods)."""

from __future__ import annotations

import pytest

from xcheck.claims.frames import extract_frame

# (sentence, published, dates, as_of)
DATES: list[tuple[str, str | None, list[str], str | None]] = [
    # Friday 2022-02-25: "on Thursday" is the day before
    ("On Thursday, Russian troops crossed the border.", "2022-02-25", ["2022-02-24"], "2022-02-25"),
    ("The shelling began on Monday morning.", "2022-02-25", ["2022-02-21"], "2022-02-25"),
    ("The talks were held on Friday.", "2022-02-25", ["2022-02-25"], "2022-02-25"),
    ("Officials said yesterday that 12 people had died.", "2022-02-25", ["2022-02-24"], "2022-02-25"),
    ("The convoy was spotted last week north of Kyiv.", "2022-03-04", ["2022-02-25"], "2022-03-04"),
    ("Three days ago the bridge was blown up.", "2022-03-04", ["2022-03-01"], "2022-03-04"),
    ("The talks will resume next Monday.", "2022-03-04", ["2022-03-07"], "2022-03-04"),
    ("The strike happened last Friday.", "2022-03-04", ["2022-02-25"], "2022-03-04"),
    ("Today the mayor said 5 people died.", "2022-03-03", ["2022-03-03"], "2022-03-03"),
    (
        "Rescuers worked through the night and finished this morning.",
        "2022-03-03",
        ["2022-03-03"],
        "2022-03-03",
    ),
    ("The bridge will reopen tomorrow.", "2022-03-03", ["2022-03-04"], "2022-03-03"),
    ("As of 13:00, 47 people had been rescued.", "2022-03-04", [], "2022-03-04"),
    ("As of 13:00 on Thursday, 21 people had died.", "2022-02-25", ["2022-02-24"], "2022-02-24"),
    ("By May 11, 6 million people had left the country.", "2022-05-20", ["2022-05-11"], "2022-05-11"),
    ("The invasion began on 24 February 2022.", None, ["2022-02-24"], None),
    ("The siege started on the 2nd of March.", "2022-04-01", ["2022-03-02"], "2022-04-01"),
    ("Documents dated 24/02/2022 were found.", None, ["2022-02-24"], None),
    ("The memo is dated 02/24/2022 in the US style.", None, ["2022-02-24"], None),
    ("The report was published on 2022-03-15.", None, ["2022-03-15"], None),
    ("Feb. 24 marked the start of the invasion.", "2022-06-01", ["2022-02-24"], "2022-06-01"),
    ("The grain deal expires on November 19.", "2022-10-30", ["2022-11-19"], "2022-10-30"),
    ("He was arrested on 12 December.", "2023-01-10", ["2022-12-12"], "2023-01-10"),
    ("As of the morning of October 13, losses stood at 63,800.", "2022-10-14", ["2022-10-13"], "2022-10-13"),
    (
        "Ukraine news from April 25: Russia says it hit rail lines.",
        "2022-04-26",
        ["2022-04-25"],
        "2022-04-26",
    ),
    ("On Thursday, 21 people were killed.", None, [], None),
    ("Nothing happened in the town.", "2022-03-01", [], "2022-03-01"),
]


@pytest.mark.parametrize(("sentence", "published", "dates", "as_of"), DATES, ids=[d[0][:40] for d in DATES])
def test_dates_and_as_of(sentence: str, published: str | None, dates: list[str], as_of: str | None) -> None:
    f = extract_frame(sentence, published=published)
    assert list(f.dates) == dates
    assert f.as_of == as_of


# (sentence, published, scope)
SCOPES: list[tuple[str, str | None, str | None]] = [
    ("Since February 24, 2,000 civilians have died.", "2022-04-01", "since 2022-02-24"),
    ("Since Feb 24, the UN has counted 1,000 deaths.", "2023-01-10", "since 2022-02-24"),
    ("Since 2014, 14,000 people have been killed in Donbas.", "2022-02-01", "since 2014"),
    ("Since the start of the war, 4 million people have fled.", "2022-04-01", "since start of war"),
    ("Over the past day, 12 settlements were shelled.", "2022-04-01", "past day"),
    ("In the last 24 hours, 30 missiles were fired.", "2022-04-01", "past day"),
    ("Over the past week, 80 people were evacuated.", "2022-04-01", "past week"),
    ("So far this year, 200 people have died.", "2022-04-01", "this year"),
    ("Overnight, 9 drones were shot down.", "2022-04-01", "overnight"),
    ("At least 50 people were killed in the strike on the station.", "2022-04-08", "strike on the station"),
    (
        "Dozens died in Thursday's missile strike on the Kramatorsk railway station in eastern Ukraine.",
        "2022-04-09",
        "missile strike on the Kramatorsk railway station",
    ),
    ("Three people were hurt in the shelling of the market, officials said.", None, "shelling of the market"),
    ("The ministry published its annual report.", None, None),
]


@pytest.mark.parametrize(("sentence", "published", "scope"), SCOPES, ids=[s[0][:40] for s in SCOPES])
def test_scope(sentence: str, published: str | None, scope: str | None) -> None:
    assert extract_frame(sentence, published=published).scope == scope


def test_thursday_before_friday_publication_is_the_day_before() -> None:
    f = extract_frame("On Thursday, the strike killed 21 people.", published="2022-02-25")
    assert f.dates == ("2022-02-24",)
    (q,) = f.quantities
    assert q.low == 21  # the date is not a count


def test_time_of_day_is_not_a_quantity() -> None:
    assert (
        extract_frame("As of 13:00, the toll stood at 47.", published="2022-03-04").quantities[0].text == "47"
    )
