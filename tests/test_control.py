"""Who holds a city: the statement read from a sentence, and two reports of one day that disagree.

Sentences here are written for the tests (none is quoted from a data set)."""

from __future__ import annotations

import pytest

from xcheck.claims.frames import extract_frame, extract_frames
from xcheck.pairing.relate import CONFLICT, CONSISTENT, ClaimView, judge


def control(sentence: str, published: str = "2022-03-10") -> tuple[str, str] | None:
    ev = extract_frame(sentence, published=published).event
    if ev is None or not ev.target.startswith("control@"):
        return None
    return ev.target, str(ev.status)


@pytest.mark.parametrize(
    ("sentence", "target", "holder"),
    [
        ("Russian troops captured Kherson, the defence ministry said.", "control@Kherson", "Russia"),
        ("Ukrainian forces have recaptured Irpin.", "control@Irpin", "Ukraine"),
        ("Ukrainian forces take control of Enerhodar", "control@Enerhodar", "Ukraine"),
        ("The Russian army withdrew from Bucha overnight.", "control@Bucha", "Ukraine"),
        (
            "Ukrainian troops pulled out of Lysychansk, the general staff said.",
            "control@Lysychansk",
            "Russia",
        ),
        ("Kherson was liberated by Ukrainian forces.", "control@Kherson", "Ukraine"),
        ("Kherson remains under Ukrainian control, the mayor said.", "control@Kherson", "Ukraine"),
        ("Ukrainian defenders still hold Mariupol.", "control@Mariupol", "Ukraine"),
        ("Russian troops are still in Kherson, residents said.", "control@Kherson", "Russia"),
        ("Russian troops have not captured Kharkiv.", "control@Kharkiv", "Ukraine"),
        ("Claims that Russian troops captured Kharkiv are false.", "control@Kharkiv", "Ukraine"),
        # the falsehood is said of another clause: the capture stands
        (
            "Russian troops captured Kherson, and reports of Ukrainian gains are false.",
            "control@Kherson",
            "Russia",
        ),
        # a report denied: what it says is turned round
        (
            "The mayor of Enerhodar rejected reports that the Russian invaders had left the city.",
            "control@Enerhodar",
            "Russia",
        ),
    ],
)
def test_who_holds_the_city(sentence: str, target: str, holder: str) -> None:
    assert control(sentence) == (target, f"held by {holder}")


@pytest.mark.parametrize(
    "sentence",
    [
        "Ukrainians fled Mariupol by the thousands.",  # civilians, not a side's troops
        "Ukrainians remain in Mariupol without water.",
        "Russia plans to take control of Kherson.",  # what a side wants, not what it holds
        "Russian troops could capture Kharkiv within days.",
        "Kherson, which Russian troops captured in March, was quiet.",  # background, with a date
        "After Russian troops withdrew from Bucha, bodies were found in the streets.",
        "Russian forces hold Mariupol residents in filtration camps.",  # the city as a modifier
        "Russian troops withdrew from Kyiv region.",
        "Officials say more territory around Kyiv retaken by Ukrainian forces.",  # not the city itself
        "Part of Sievierodonetsk is controlled by Russian troops.",
        "Russians have not established full control over Lysychansk.",  # not full control: still fighting
        "Ukrainian troops liberated the city of Vyshhorod.",  # a city the gazetteer does not know
        "Russian troops captured Kherson and Ukrainian forces still hold Mykolaiv.",  # two cities
        "Russian troops captured Kherson, but Ukrainian forces still hold Kherson.",  # both sides
        # from an adversarial review: a possession of the city, a leader travelling, the speaker's capital,
        # a region or a facility under control, people taken, the invasion's first days, idioms, questions
        "Ukrainian forces control Kherson's air space, the military said.",
        "Russian forces captured Mariupol's port, the ministry said.",
        "Ukrainian President Zelensky left Kyiv for Washington.",
        "Putin left Mariupol after a brief night-time visit, the Kremlin said.",
        "Russian troops remain in the city, Kyiv says.",
        "The Kherson region remains under Russian control.",
        "Donetsk airport is under Ukrainian control.",
        "The nuclear plant in Enerhodar remains under Russian control.",
        "The Ukrainian marines in Mariupol were captured by Russian forces.",
        "Civilians in Melitopol were taken by Russian troops to Crimea.",
        "Russians seized Kherson early in the invasion.",
        "Russian troops captured Kherson on the third day of the invasion.",
        "Ukrainian forces hold Kherson in their sights.",
        "Russian troops remain in Kharkiv as prisoners of war.",
        "Russian troops left Kyiv, Chernihiv and Sumy regions.",
        "Russian troops captured Mykolaiv? No, Ukraine says.",
    ],
)
def test_no_statement_of_who_holds_the_city(sentence: str) -> None:
    assert control(sentence) is None


def test_the_city_held_is_not_a_part_of_it() -> None:
    frames = extract_frames(
        [
            "Russian troops still control Kherson, the ministry said.",
            "Ukrainian soldiers still hold the city's airport.",
        ],
        published="2022-03-05",
    )
    assert frames[1].event is None or not frames[1].event.target.startswith("control@")


def test_the_city_of_a_later_sentence_is_the_article_city() -> None:
    frames = extract_frames(
        [
            "Enerhodar mayor says Russian troops remain in city",
            "The mayor denied claims by regional officials that the Russian troops had left the city.",
        ],
        published="2022-03-05",
    )
    assert [f.event.target if f.event else None for f in frames] == ["control@Enerhodar"] * 2
    assert frames[1].event is not None and frames[1].event.status == "held by Russia"
    assert frames[1].event.status_text and frames[1].event.status_text.startswith("denied")


def test_a_strike_in_the_sentence_stays_the_event() -> None:
    ev = extract_frame("Russian troops captured Kherson after shelling the station in Kherson.").event
    assert ev is not None and ev.target == "station@Kherson"


def view(cid: int, sentences: list[str], published: str, source: str) -> ClaimView:
    frame = extract_frames(sentences, published=published)[-1].to_dict()
    return ClaimView.from_stored(
        claim_id=cid, doc_id=cid, text=sentences[-1], frame=frame, source=source, published=published
    )


def test_two_holders_on_one_day_conflict_and_name_both_voices() -> None:
    a = view(
        1,
        ["Ukrainian forces take control of Enerhodar, the regional administration said."],
        "2022-03-05",
        "A",
    )
    b = view(
        2,
        [
            "Enerhodar mayor says Russian troops remain in city",
            "The mayor refuted reports that the Russian troops had left the city.",
        ],
        "2022-03-05",
        "B",
    )
    j = judge(a, b, 0.3)
    assert j.relation == CONFLICT and j.cue == "status"
    assert (
        "control of Enerhodar" in j.reason and "held by Ukraine" in j.reason and "held by Russia" in j.reason
    )


def test_holders_on_different_days_do_not_conflict() -> None:
    """A city changes hands: Russia took it on one day, Ukraine retook it weeks later."""
    a = view(1, ["Russian troops captured Bucha."], "2022-03-07", "A")
    b = view(2, ["Russian forces left Bucha, the general staff said."], "2022-04-01", "B")
    assert judge(a, b, 0.5).relation != CONFLICT


def test_one_holder_from_two_sides_agrees() -> None:
    a = view(1, ["Russian troops captured Lysychansk, the defence ministry said."], "2022-07-03", "A")
    b = view(2, ["Ukrainian troops withdrew from Lysychansk, the general staff said."], "2022-07-03", "B")
    j = judge(a, b, 0.5)
    assert j.relation == CONSISTENT and "held by Russia" in j.reason


def test_control_is_not_a_strike_on_the_city() -> None:
    """ "Russian troops shelled Kherson" and "Ukrainian forces still hold Kherson": two facts."""
    a = view(1, ["Russian troops shelled Kherson on Monday."], "2022-03-07", "A")
    b = view(2, ["Ukrainian forces still hold Kherson."], "2022-03-07", "B")
    assert judge(a, b, 0.5).relation != CONFLICT
