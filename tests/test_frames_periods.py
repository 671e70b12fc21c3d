"""Periods, parts, increments and the measure each number belongs to, as the frame states them."""

from __future__ import annotations

import pytest

from xcheck.claims.frames import extract_frame, extract_frames


def frame(s: str) -> dict:
    return extract_frame(s, published="2022-06-28").to_dict()


@pytest.mark.parametrize(
    ("sentence", "kind", "end"),
    [
        ("Seven civilians have been killed over the past day in the Donetsk region.", "day", "2022-06-28"),
        ("Yesterday, 12 people were killed in Kharkiv.", "day", "2022-06-27"),
        ("On May 3, four people were killed in Kharkiv.", "day", "2022-05-03"),
        ("Since February 24, Russian troops have killed 383 children in Ukraine.", "since", "2022-06-28"),
        ("A total of 383 children have been killed in Ukraine.", "since", "2022-06-28"),
        ("Over the past week, 40 civilians were killed in the Sumy region.", "span", "2022-06-28"),
        ("Russian missile strike on Kremenchuk shopping mall kills 18.", "event", "2022-06-28"),
        ("In Ukraine, 805 children have already been injured.", "since", "2022-06-28"),
        ("As of 19:30, 10 people were killed in the strike on the Kremenchuk mall.", "event", "2022-06-28"),
    ],
)
def test_period(sentence: str, kind: str, end: str) -> None:
    p = frame(sentence)["period"]
    assert p is not None and p["kind"] == kind and p["end"] == end


def test_no_period_when_none_is_said() -> None:
    assert frame("Twelve people were killed in Kharkiv.")["period"] is None


@pytest.mark.parametrize(
    ("sentence", "roles"),
    [
        ("98 people, including 7 children, were killed in the Kharkiv region.", ["total", "part"]),
        ("Six more bodies were found in Kremenchuk.", ["increment"]),
        ("Rescuers found another 6 bodies in Kremenchuk.", ["increment"]),
        ("13 of the 16 victims were killed in Izium.", ["part", "total"]),
        ("More than 30 people were killed in Kramatorsk.", ["total"]),
        # a family among the dead is some of them, not the toll
        ("In the night shelling of Kharkiv a family of four people died in their flat.", ["part"]),
        # a clause of its own period: not the count of the sentence's incident
        (
            "The Dnipro toll rose to 14, and 43 people were killed in the region during the week.",
            ["total", "other period"],
        ),
        ("Three people died in Kharkiv on Monday, and 30 were injured.", ["total", "total"]),
    ],
)
def test_roles(sentence: str, roles: list[str]) -> None:
    assert [q["role"] for q in frame(sentence)["quantities"]] == roles


def test_each_number_takes_its_own_casualty_word() -> None:
    qs = frame("219 children were killed and 404 – injured in Ukraine.")["quantities"]
    assert [(q["text"], q["measure"]) for q in qs] == [("219", "killed"), ("404", "injured")]
    qs = frame("158 children were killed and more than 416 have suffered in Ukraine.")["quantities"]
    assert [q["measure"] for q in qs] == ["killed", "affected"]
    [q] = frame("About 40 Ukrainian prisoners killed in Olenivka.")["quantities"]
    assert q["measure"] == "killed"


def test_a_claim_without_a_place_inherits_the_headline_place() -> None:
    head, body, other = extract_frames(
        [
            "Shelling of Kharkiv kills five",
            "Twelve more people were injured, officials said.",
            "In Sumy, two houses burned.",
        ],
        published="2022-06-28",
    )
    assert [p.name for p in head.places] == ["Kharkiv"] and head.context_places == ()
    assert body.places == () and [p.name for p in body.context_places] == ["Kharkiv"]
    assert [p.name for p in other.places] == ["Sumy"] and other.context_places == ()


def test_moment_statement_date_and_years_are_in_the_frame() -> None:
    f = frame("As of 19:30, 10 people were killed in the strike on the Kremenchuk mall.")
    assert f["moment"] == "19:30" and f["said_on"] is False
    assert frame("As of Tuesday morning, 12 were killed in Kharkiv.")["moment"] == "morning"
    assert frame("As of June 1, 12 were killed in Kharkiv.")["moment"] == ""
    assert frame("Twelve were killed in Kharkiv.")["moment"] is None
    assert frame("Twelve were killed in Kharkiv, officials said on Monday.")["said_on"] is True
    assert frame("Between 2014 and 2015, 2022 and again in 2014, houses burned.")["years"] == [
        "2014",
        "2015",
        "2022",
    ]
