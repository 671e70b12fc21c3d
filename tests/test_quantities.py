"""Quantities: intervals, kinds, measures and subjects; traps that are not counts."""

from __future__ import annotations

import pytest

from xcheck.claims.frames import extract_frame
from xcheck.claims.numwords import VAGUE_INTERVALS, words_to_number
from xcheck.claims.quantities import Quantity, extract_quantities

N = None

# sentence -> [(text, low, high, kind, measure, subject, unit), ...]
CASES: list[
    tuple[str, list[tuple[str, float | None, float | None, str, str | None, str | None, str | None]]]
] = [
    (
        "At least 606 civilians have been killed and 1,248 injured, the UN said.",
        [
            ("At least 606", 606, N, "lower_bound", "killed", "civilians", N),
            ("1,248", 1248, 1248, "exact", "injured", "civilians", N),
        ],
    ),
    (
        "The UN has confirmed 606 civilian deaths and 1,248 injuries.",
        [
            ("606", 606, 606, "exact", "killed", "civilians", N),
            ("1,248", 1248, 1248, "exact", "injured", "civilians", N),
        ],
    ),
    (
        "More than 12,000 people crossed into Poland on Sunday.",
        [("More than 12,000", 12000, N, "lower_bound", "fled", "people", N)],
    ),
    (
        "At least 52 people died when the missile hit the station.",
        [("At least 52", 52, N, "lower_bound", "killed", "people", N)],
    ),
    (
        "About 5,000 residents remain trapped in the city.",
        [("About 5,000", 4500, 5500, "approximate", N, "people", N)],
    ),
    (
        "Nearly 600 people were killed in the theatre.",
        [("Nearly 600", 540, 600, "approximate", "killed", "people", N)],
    ),
    (
        "Up to 40 people may still be under the rubble.",
        [("Up to 40", 0, 40, "upper_bound", N, "people", N)],
    ),
    (
        "Hundreds of civilians have been killed in Mariupol.",
        [("Hundreds", 200, 999, "vague", "killed", "civilians", N)],
    ),
    (
        "Dozens of children were wounded in the shelling.",
        [("Dozens", 24, 99, "vague", "injured", "children", N)],
    ),
    (
        "Scores of people were detained at the protest.",
        [("Scores", 40, 199, "vague", "detained", "people", N)],
    ),
    (
        "Thousands of refugees waited at the border.",
        [("Thousands", 2000, 9999, "vague", "fled", "people", N)],
    ),
    (
        "Several soldiers were captured near the village.",
        [("Several", 3, 9, "vague", "detained", "soldiers", N)],
    ),
    (
        "A handful of journalists remained in the city.",
        [("A handful", 2, 6, "vague", N, "journalists", N)],
    ),
    (
        "Tens of thousands of people fled the region.",
        [("Tens of thousands", 20000, 99999, "vague", "fled", "people", N)],
    ),
    (
        "Millions of Ukrainians have left the country.",
        [("Millions", 2_000_000, 9_999_999, "vague", "fled", "people", N)],
    ),
    (
        "6.3 million refugees have left Ukraine since the invasion.",
        [("6.3 million", 6_300_000, 6_300_000, "exact", "fled", "people", N)],
    ),
    (
        "The fund raised 1.5m dollars in a week.",
        [("1.5m", 1_500_000, 1_500_000, "exact", "usd", N, N)],
    ),
    (
        "Officials counted 12k displaced people in the camp.",
        [("12k", 12000, 12000, "exact", "displaced", "people", N)],
    ),
    (
        "Between 300 and 400 people were evacuated overnight.",
        [("Between 300 and 400", 300, 400, "range", "evacuated", "people", N)],
    ),
    (
        "Some 300-400 homes were destroyed in the fighting.",
        [("Some 300-400", 300, 400, "range", "homes", N, N)],
    ),
    (
        "Around 2-3 million people could flee.",
        [("Around 2-3 million", 2_000_000, 3_000_000, "range", "fled", "people", N)],
    ),
    (
        "Two or three missiles struck the airport.",
        [("Two or three", 2, 3, "range", "missiles", N, N)],
    ),
    ("Turnout was 64.5% in the capital.", [("64.5%", 64.5, 64.5, "exact", N, N, "percent")]),
    ("Unemployment rose to 9 percent last year.", [("9 percent", 9, 9, "exact", N, N, "percent")]),
    (
        "Ninety-three per cent of respondents backed the plan.",
        [("Ninety-three per cent", 93, 93, "exact", "respondents", N, "percent")],
    ),
    (
        "One hundred twenty-three nations have joined the Convention on Cluster Munitions.",
        [("One hundred twenty-three", 123, 123, "exact", "joined", "states", N)],
    ),
    (
        "Six million people need humanitarian aid, the agency said.",
        [("Six million", 6_000_000, 6_000_000, "exact", N, "people", N)],
    ),
    ("A dozen buildings were damaged in the blast.", [("A dozen", 12, 12, "exact", "buildings", N, N)]),
    ("Half of the residents have left the town.", [("Half", 50, 50, "exact", N, "people", "percent")]),
    (
        "Two-thirds of the hospitals are no longer working.",
        [("Two-thirds", 66.666667, 66.666667, "exact", "hospitals", N, "percent")],
    ),
    ("One in five children lives in poverty.", [("One in five", 20, 20, "exact", N, "children", "percent")]),
    ("Police detained 1,300 protesters across Russia.", [("1,300", 1300, 1300, "exact", "detained", N, N)]),
    (
        "The strike killed 21 people and wounded 30 more.",
        [
            ("21", 21, 21, "exact", "killed", "people", N),
            ("30", 30, 30, "exact", "injured", "people", N),
        ],
    ),
    ("The death toll rose to 57, the governor said.", [("57", 57, 57, "exact", "killed", N, N)]),
    (
        "The death toll has climbed from 300 to 400.",
        [("300", 300, 300, "exact", "killed", N, N), ("400", 400, 400, "exact", "killed", N, N)],
    ),
    (
        "Russian forces have lost more than 15,000 troops, Kyiv says.",
        [("more than 15,000", 15000, N, "lower_bound", "killed", "soldiers", N)],
    ),
    (
        "The ministry opened 15 investigations into the killings.",
        [("15", 15, 15, "exact", "investigations", N, N)],
    ),
    (
        "Prosecutors are examining 11,000 cases of alleged war crimes.",
        [("11,000", 11000, 11000, "exact", "investigations", N, N)],
    ),
    ("Seven people are still missing after the attack.", [("Seven", 7, 7, "exact", "missing", "people", N)]),
    (
        "Some 7.1 million people are internally displaced.",
        [("Some 7.1 million", 6_390_000, 7_810_000, "approximate", "displaced", "people", N)],
    ),
    (
        "The EU pledged €500 million in military aid.",
        [("€500 million", 500_000_000, 500_000_000, "exact", "eur", N, N)],
    ),
    (
        "The bill will cost $2 billion a year.",
        [("$2 billion", 2_000_000_000, 2_000_000_000, "exact", "usd", N, N)],
    ),
    ("The firm employs 2,000 workers.", [("2,000", 2000, 2000, "exact", "workers", N, N)]),
    ("In 2022, 57 people were killed in the region.", [("57", 57, 57, "exact", "killed", "people", N)]),
    (
        "The 2022 invasion displaced 8 million people.",
        [("8 million", 8_000_000, 8_000_000, "exact", "displaced", "people", N)],
    ),
    ("A 12-year-old boy was among the dead.", [("12-year-old", 12, 12, "exact", "age", N, N)]),
    (
        "More than a dozen people were hurt.",
        [("More than a dozen", 12, N, "lower_bound", "injured", "people", N)],
    ),
    (
        "Fewer than 100 civilians have been evacuated so far.",
        [("Fewer than 100", 0, 100, "upper_bound", "evacuated", "civilians", N)],
    ),
    ("At most 20 people attended.", [("At most 20", 0, 20, "upper_bound", N, "people", N)]),
    ("Roughly 1,000 troops were deployed.", [("Roughly 1,000", 900, 1100, "approximate", N, "soldiers", N)]),
    (
        "No fewer than 30 journalists have been killed.",
        [("No fewer than 30", 30, N, "lower_bound", "killed", "journalists", N)],
    ),
    ("The town's population of 700 000 has halved.", [("700 000", 700_000, 700_000, "exact", N, N, N)]),
    (
        "One person was killed and two others were injured.",
        [("One", 1, 1, "exact", "killed", "people", N), ("two", 2, 2, "exact", "injured", "people", N)],
    ),
    (
        "Russia lost 1,351 soldiers, while 3,825 were wounded.",
        [
            ("1,351", 1351, 1351, "exact", "killed", "soldiers", N),
            ("3,825", 3825, 3825, "exact", "injured", "soldiers", N),
        ],
    ),
    (
        "At least 35 people were killed, including 12 children.",
        [
            ("At least 35", 35, N, "lower_bound", "killed", "people", N),
            ("12", 12, 12, "exact", "killed", "children", N),
        ],
    ),
    (
        "Killing 50 civilians, the strike was the deadliest of the war.",
        [("50", 50, 50, "exact", "killed", "civilians", N)],
    ),
    (
        "More than 3.5 million people have fled Ukraine, according to the UN.",
        [("More than 3.5 million", 3_500_000, N, "lower_bound", "fled", "people", N)],
    ),
    (
        "The UN has recorded 3,675 civilian casualties.",
        [("3,675", 3675, 3675, "exact", "casualties", "civilians", N)],
    ),
    (
        "The mall was hit at 3:50 p.m. when about 1,000 people were inside.",
        [("about 1,000", 900, 1100, "approximate", N, "people", N)],
    ),
    (
        "Over the past day, three civilians have been killed and 12 injured due to shelling.",
        [
            ("three", 3, 3, "exact", "killed", "civilians", N),
            ("12", 12, 12, "exact", "injured", "civilians", N),
        ],
    ),
    (
        "The Russian Defense Ministry claims up to 300 fighters have been killed.",
        [("up to 300", 0, 300, "upper_bound", "killed", "soldiers", N)],
    ),
    (
        "Labour took £1.5 million from the group.",
        [("£1.5 million", 1_500_000, 1_500_000, "exact", "gbp", N, N)],
    ),
    ("The vaccine cut infections by .1%.", [(".1%", 0.1, 0.1, "exact", N, N, "percent")]),
    (
        "Officials fined the firm Rs 5 crore.",
        [("Rs 5 crore", 50_000_000, 50_000_000, "exact", "inr", N, N)],
    ),
    (
        "Nearly 2/3 of rural homes lack broadband.",
        [("Nearly 2/3", 60, 66.666667, "approximate", "homes", N, "percent")],
    ),
    ("The convoy was 40 km long.", [("40", 40, 40, "exact", "km", N, N)]),
    ("Police seized 10kg of explosives.", [("10kg", 10, 10, "exact", "kg", N, N)]),
    (
        "Some 50 or more people gathered.",
        [("Some 50 or more", 50, N, "lower_bound", N, "people", N)],
    ),
    (
        "A 10,000-strong force massed at the border.",
        [("10,000-strong", 10000, 10000, "exact", "force", N, N)],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:50] for c in CASES])
def test_quantities(
    sentence: str,
    expected: list[tuple[str, float | None, float | None, str, str | None, str | None, str | None]],
) -> None:
    got = [
        (q.text, q.low, q.high, q.kind, q.measure, q.subject, q.unit)
        for q in extract_frame(sentence, published="2022-03-10").quantities
    ]
    assert len(got) == len(expected), got
    for g, e in zip(got, expected, strict=True):
        assert g[0] == e[0]
        assert g[1] == pytest.approx(e[1]) if e[1] is not None else g[1] is None
        assert g[2] == pytest.approx(e[2]) if e[2] is not None else g[2] is None
        assert g[3:] == e[3:], (g, e)


# Numbers that are not counts.
NOT_COUNTS = [
    "Russia's 2022's budget was cut.",
    "The attack began on February 24 at 5 a.m.",
    "The curfew starts at 22:00 every night.",
    "The order was dated 24/02/2022.",
    "Russia fired 9N210 and 9N235 submunitions.",
    "A Tochka-U missile carrying cluster munitions hit the square.",
    "Kyiv received HIMARS M142 launchers from Washington.",
    "A Su-34 bomber and an S-300 battery were destroyed.",
    "Kharkiv is Ukraine's second-largest city.",
    "It was the 3rd attack on the plant this month.",
    "Call the hotline on +380 44 123 4567 for help.",
    "Under Article 5 of the treaty, members must help each other.",
    "Section 230 of the act protects platforms.",
    "The first convoy reached the city on Monday.",
    "Ukraine beat Scotland 3-1 in the playoff.",
    "The war began in 2014 and escalated in 2022.",
    "The 1990s were calmer for the region.",
    "The COVID-19 pandemic slowed the talks.",
    "Engineers deployed 5G masts across the city.",
    "The plane flying MH17 was shot down over Donbas.",
    "He boarded Boeing 777 jets for years.",
    "The agreement ran from 2014-2015 without incident.",
    "No one was killed in the attack.",
    "The shop is open 24/7 for the volunteers.",
    "He was born on 1 October 1980.",
    "Protesters met at 9 am on Monday.",
    "Prices went up in 2021-22 across Europe.",
]


@pytest.mark.parametrize("sentence", NOT_COUNTS)
def test_not_counts(sentence: str) -> None:
    assert extract_frame(sentence, published="2022-03-10").quantities == ()


def test_hundreds_contains_606_not_1606() -> None:
    (q,) = extract_quantities("Hundreds of civilians were killed.")
    assert q.kind == "vague"
    assert q.contains(606)
    assert not q.contains(1606)


def test_dozens_contains_36_not_300() -> None:
    (q,) = extract_quantities("Dozens were injured.")
    assert q.contains(36)
    assert not q.contains(300)


def test_more_than_is_unbounded_above() -> None:
    (q,) = extract_quantities("More than 12,000 people fled.")
    assert q.low == 12000 and q.high is None
    assert q.contains(1_000_000)


def test_up_to_starts_at_zero() -> None:
    (q,) = extract_quantities("Up to 40 people are missing.")
    assert (q.low, q.high) == (0, 40)


def test_vague_table_is_ordered_and_sane() -> None:
    for phrase, lo, hi in VAGUE_INTERVALS:
        assert 0 < lo <= hi, phrase


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("one hundred twenty-three", 123),
        ("six million", 6_000_000),
        ("twenty three", 23),
        ("a thousand", 1000),
        ("one hundred and five", 105),
        ("nineteen", 19),
        ("hundreds", None),
    ],
)
def test_words_to_number_wraps_text2num(words: str, value: float | None) -> None:
    assert words_to_number(words) == value


def test_spans_point_into_the_sentence() -> None:
    s = "Officials said at least 606 civilians had died and 1,248 were wounded."
    for q in extract_quantities(s):
        assert s[q.start : q.end] == q.text


def test_quantity_round_trip() -> None:
    (q,) = extract_quantities("About 5,000 people fled.")
    assert Quantity.from_dict(q.to_dict()) == q
