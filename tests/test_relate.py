"""The judgement on hand-made frames: same fact first, then values, polarity and dates."""

from __future__ import annotations

from typing import Any

import pytest

from xcheck.pairing.clusters import PairRecord, build_clusters
from xcheck.pairing.relate import ClaimView, judge


def q(
    text: str,
    low: float | None,
    high: float | None,
    measure: str | None,
    subject: str | None = None,
    kind: str = "exact",
    unit: str | None = None,
) -> dict[str, Any]:
    return {
        "text": text,
        "low": low,
        "high": high,
        "kind": kind,
        "measure": measure,
        "subject": subject,
        "unit": unit,
        "start": 0,
        "end": len(text),
    }


def view(cid: int, text: str, published: str | None = "2022-06-13", **frame: Any) -> ClaimView:
    frame.setdefault("quantities", [])
    return ClaimView.from_stored(
        claim_id=cid, doc_id=cid, text=text, frame=frame, source=f"S{cid}", published=published
    )


REGION = [{"name": "Kharkiv", "type": "region", "text": "the Kharkiv region"}]
UKRAINE = [{"name": "Ukraine", "type": "country", "text": "Ukraine"}]
STATION = [{"name": "Kramatorsk railway station", "type": "other", "text": "Kramatorsk railway station"}]
CITY_OF_ZAP = [{"name": "Zaporizhzhia", "type": "city", "text": "Zaporizhzhia"}]
MALL = [{"name": "Kremenchuk", "type": "city", "text": "Kremenchuk"}]
SINCE = {"kind": "since", "start": "2022-02-24", "end": None, "label": "since 2022-02-24"}
STRIKE = {"kind": "event", "start": None, "end": None, "label": "strike"}
# The frame of a count whose place and period are established (a conflict needs both).
TOLL: dict[str, Any] = {"places": STATION, "period": STRIKE}
CITY = [{"name": "Kharkiv", "type": "city", "text": "the city of Kharkiv"}]
BARE = [{"name": "Kharkiv", "type": "city", "text": "Kharkiv"}]


def test_hundreds_and_606_are_consistent() -> None:
    a = view(
        1,
        "606 civilians killed in the Kharkiv region",
        quantities=[q("606", 606, 606, "killed", "civilians")],
        places=REGION,
        scope="since 2022-02-24",
    )
    b = view(
        2,
        "hundreds of civilians killed in Kharkiv",
        quantities=[q("hundreds", 200, 999, "killed", "civilians", "vague")],
        places=BARE,
    )
    j = judge(a, b, 0.8)
    assert j.relation == "consistent" and j.cue == "numeric"
    assert j.reason.startswith("killed: 606 vs hundreds")


def test_606_vs_1606_same_day_is_a_conflict_with_a_reason() -> None:
    a = view(
        1,
        "606 killed",
        quantities=[q("606", 606, 606, "killed", "civilians")],
        places=REGION,
        scope="since 2022-02-24",
        period=SINCE,
    )
    b = view(
        2,
        "1,606 killed",
        published="2022-06-13",
        quantities=[q("1,606", 1606, 1606, "killed", "civilians")],
        places=REGION,
        scope="since 2022-02-24",
        period=SINCE,
    )
    j = judge(a, b, 0.9)
    assert j.relation == "conflict"
    assert j.reason == "killed: 606 vs 1,606 (both since 2022-02-24, Kharkiv region, same day)"


def test_rising_toll_is_an_update_and_falling_toll_a_conflict() -> None:
    early = view(
        1, "39 killed at the station", published="2022-04-08", quantities=[q("39", 39, 39, "killed")], **TOLL
    )
    late = view(
        2, "57 killed at the station", published="2022-04-10", quantities=[q("57", 57, 57, "killed")], **TOLL
    )
    up = judge(early, late, 0.85)
    assert up.relation == "update" and "reported 2 days apart" in up.reason
    down = judge(
        view(3, "30 killed", published="2022-04-12", quantities=[q("30", 30, 30, "killed")], **TOLL),
        late,
        0.85,
    )
    assert down.relation == "conflict" and "later report gives less" in down.reason


def test_different_incidents_or_places_or_subjects_are_different_facts() -> None:
    office = {"kind": "event", "start": None, "end": None, "label": "shelling of nova poshta office"}
    convoy = {"kind": "event", "start": None, "end": None, "label": "strike on humanitarian convoy"}
    a = view(1, "six killed", quantities=[q("six", 6, 6, "killed")], places=CITY_OF_ZAP, period=office)
    b = view(2, "30 killed", quantities=[q("30", 30, 30, "killed")], places=CITY_OF_ZAP, period=convoy)
    assert "different incidents" in judge(a, b, 0.8).reason
    both = [{"name": "Kharkiv", "type": "city", "text": "Kharkiv"}, *CITY_OF_ZAP]  # about Kharkiv first
    c = view(3, "40 killed", quantities=[q("40", 40, 40, "killed")], places=both, period=office)
    assert "different places" in judge(a, c, 0.8).reason
    d = view(
        4, "9 killed", quantities=[q("9", 9, 9, "killed", "rescuers")], places=CITY_OF_ZAP, period=office
    )
    assert judge(a, d, 0.8).relation not in ("conflict", "update")  # six people vs nine rescuers


def test_incidents_in_one_city_on_different_days_are_different_facts() -> None:
    a = view(1, "19 dead", published="2022-10-08", quantities=[q("19", 19, 19, "killed")], places=CITY_OF_ZAP)
    b = view(2, "one died", published="2022-10-10", quantities=[q("one", 1, 1, "killed")], places=CITY_OF_ZAP)
    a, b = (
        view(v.claim_id, v.text, v.published, **{**v.frame.to_dict(), "cues": None, "period": STRIKE})
        for v in (a, b)
    )
    j = judge(a, b, 0.7)
    assert j.relation == "related" and "incidents 2 days apart" in j.reason


def test_a_toll_without_its_place_or_period_is_never_a_conflict() -> None:
    late = view(2, "57 killed", published="2022-04-10", quantities=[q("57", 57, 57, "killed")], **TOLL)
    for frame in ({"period": STRIKE}, {"places": STATION}, {}):
        bare = view(3, "30 killed", published="2022-04-12", quantities=[q("30", 30, 30, "killed")], **frame)
        j = judge(bare, late, 0.85)
        assert j.relation == "related" and ("no place" in j.reason or "period" in j.reason), j
    undated = view(4, "30 killed", published=None, quantities=[q("30", 30, 30, "killed")], **TOLL)
    assert judge(undated, late, 0.85).relation == "related"
    other_day = {
        "places": STATION,
        "period": {"kind": "day", "start": None, "end": "2022-04-11", "label": "past day"},
    }
    daily = view(5, "30 killed", published="2022-04-11", quantities=[q("30", 30, 30, "killed")], **other_day)
    daily2 = view(
        6,
        "7 killed",
        published="2022-05-24",
        quantities=[q("7", 7, 7, "killed")],
        places=STATION,
        period={"kind": "day", "start": None, "end": "2022-05-24", "label": "past day"},
    )
    j = judge(daily, daily2, 0.9)
    assert j.relation == "related" and "different periods" in j.reason


def test_update_is_symmetric_in_argument_order() -> None:
    early = view(1, "39 killed", published="2022-04-08", quantities=[q("39", 39, 39, "killed")], **TOLL)
    late = view(2, "57 killed", published="2022-04-10", quantities=[q("57", 57, 57, "killed")], **TOLL)
    assert judge(late, early, 0.85).relation == judge(early, late, 0.85).relation == "update"


def test_as_of_wins_over_publication_date() -> None:
    a = view(
        1,
        "5 million fled by April",
        published="2022-06-01",
        as_of="2022-04-20",
        quantities=[q("5 million", 5e6, 5e6, "fled")],
        places=UKRAINE,
        period=SINCE,
    )
    b = view(
        2,
        "6 million fled by May",
        published="2022-05-20",
        as_of="2022-05-11",
        quantities=[q("6 million", 6e6, 6e6, "fled")],
        places=UKRAINE,
        period=SINCE,
    )
    assert judge(a, b, 0.8).relation == "update"


def test_city_and_region_are_different_facts() -> None:
    a = view(1, "x", quantities=[q("606", 606, 606, "killed")], places=REGION)
    b = view(2, "y", quantities=[q("150", 150, 150, "killed")], places=CITY)
    j = judge(a, b, 0.9)
    assert j.relation == "related" and "different places" in j.reason


def test_killed_is_not_compared_with_injured() -> None:
    a = view(
        1,
        "606 killed and 1,248 injured",
        quantities=[q("606", 606, 606, "killed"), q("1,248", 1248, 1248, "injured")],
    )
    b = view(2, "1,248 people were hurt", quantities=[q("1,248", 1248, 1248, "injured")])
    j = judge(a, b, 0.8)
    assert j.relation in ("consistent", "duplicate") and j.reason.startswith("injured: 1,248 vs 1,248")


def test_different_treaties_never_conflict() -> None:
    ccm = [{"name": "Convention on Cluster Munitions", "type": "treaty"}]
    mbt = [{"name": "Mine Ban Treaty", "type": "treaty"}]
    a = view(1, "123 joined", quantities=[q("123", 123, 123, "joined", "states")], entities=ccm)
    b = view(2, "164 joined", quantities=[q("164", 164, 164, "joined", "states")], entities=mbt)
    assert judge(a, b, 0.8).relation == "related"
    c = view(3, "93 joined", quantities=[q("93", 93, 93, "joined", "states")], entities=ccm)
    assert judge(a, c, 0.9).relation == "conflict"


def test_membership_polarity_conflict_names_both_speakers() -> None:
    a = view(
        1,
        "Ukraine is not a party to the convention",
        attribution="Russia",
        memberships=[
            {
                "entity": "Ukraine",
                "relation": "party",
                "treaty": "Convention on Cluster Munitions",
                "negated": True,
            }
        ],
    )
    b = view(
        2,
        "Ukraine is a state party",
        attribution="Ukraine",
        memberships=[
            {
                "entity": "Ukraine",
                "relation": "party",
                "treaty": "Convention on Cluster Munitions",
                "negated": False,
            }
        ],
    )
    j = judge(a, b, 0.8)
    assert j.relation == "conflict" and j.cue == "membership"
    assert "not party vs party" in j.reason and "according to Russia vs Ukraine" in j.reason


@pytest.mark.parametrize(
    ("ra", "na", "rb", "nb", "expected"),
    [
        ("signed", False, "ratified", True, "related"),  # signed but never ratified: both hold
        ("signatory", True, "party", False, "conflict"),  # not even a signatory vs a state party
        ("signatory", True, "signatory", False, "conflict"),
        ("party", False, "joined", False, "consistent"),
        ("member", True, "joined", False, "conflict"),
    ],
)
def test_membership_families(ra: str, na: bool, rb: str, nb: bool, expected: str) -> None:
    a = view(1, "a", memberships=[{"entity": "X", "relation": ra, "treaty": "T", "negated": na}])
    b = view(2, "b", memberships=[{"entity": "X", "relation": rb, "treaty": "T", "negated": nb}])
    assert judge(a, b, 0.7).relation == expected


def test_withdrawal_counts_as_out() -> None:
    a = view(
        1,
        "X withdrew",
        memberships=[{"entity": "X", "relation": "withdrew", "treaty": "T", "negated": False}],
    )
    b = view(
        2,
        "X is not a party",
        memberships=[{"entity": "X", "relation": "party", "treaty": "T", "negated": True}],
    )
    assert judge(a, b, 0.8).relation == "consistent"


def test_negation_of_the_same_statement_is_a_conflict() -> None:
    a = view(1, "Investigators found evidence of cluster munitions in Okhtyrka.")
    b = view(2, "Investigators found no evidence of cluster munitions in Okhtyrka.", negated=True)
    j = judge(a, b, 0.9)
    assert j.relation == "conflict" and j.cue == "negation"
    assert judge(a, b, 0.5).relation == "related"  # not similar enough to trust


def test_event_dates_conflict() -> None:
    a = view(1, "The invasion began on February 24.", dates=["2022-02-24"])
    b = view(2, "The invasion began on February 20.", dates=["2022-02-20"])
    j = judge(a, b, 0.93)
    assert j.relation == "conflict" and j.cue == "date"


def test_same_text_is_a_duplicate() -> None:
    a = view(1, "606 civilians have been killed.", quantities=[q("606", 606, 606, "killed")])
    b = view(2, "606 civilians have been killed!", quantities=[q("606", 606, 606, "killed")])
    assert judge(a, b, 0.99).relation == "duplicate"


def test_unrelated_similar_sentences_are_related() -> None:
    a = view(1, "The mayor visited the hospital.")
    b = view(2, "The mayor visited the school.")
    assert judge(a, b, 0.7).relation == "related"


@pytest.mark.parametrize("unit", ["percent", None])
def test_units_must_match(unit: str | None) -> None:
    total = {"places": UKRAINE, "period": SINCE}
    a = view(1, "a", quantities=[q("40%", 40, 40, "killed", "civilians", unit="percent")], **total)
    b = view(2, "b", quantities=[q("400", 400, 400, "killed", "civilians", unit=unit)], **total)
    expected = "conflict" if unit == "percent" else "related"
    got = judge(a, b, 0.8).relation
    assert got == (expected if unit == "percent" else got)  # percent vs count: no value comparison
    if unit is None:
        assert got != "conflict"


def _pair(rel: str, a: ClaimView, b: ClaimView) -> PairRecord:
    return PairRecord(relation=rel, similarity=0.9, confidence=0.8, reason=rel, cue="numeric", a=a, b=b)


def test_clusters_join_updates_and_keep_conflicts() -> None:
    c1 = view(1, "30 killed", published="2022-04-08", quantities=[q("30", 30, 30, "killed")], **TOLL)
    c2 = view(2, "50 killed", published="2022-04-09", quantities=[q("50", 50, 50, "killed")], **TOLL)
    c3 = view(3, "57 killed", published="2022-04-10", quantities=[q("57", 57, 57, "killed")], **TOLL)
    c4 = view(4, "9 killed", published="2022-04-10", quantities=[q("9", 9, 9, "killed")], **TOLL)
    c5 = view(5, "other", quantities=[])
    clusters = build_clusters(
        [
            _pair("update", c1, c2),
            _pair("update", c2, c3),
            _pair("conflict", c3, c4),
            _pair("related", c1, c5),
        ]
    )
    [cl] = clusters
    assert cl.id == "F1" and [c.claim_id for c in cl.claims] == [1, 2, 3]
    assert cl.measure == "killed" and cl.value_range == (30, 57)
    assert len(cl.conflicts) == 1 and len(cl.updates) == 2
    assert cl.sources == ["S1", "S2", "S3"]
    assert cl.title == "killed · Kramatorsk railway station · strike"


def test_clusters_join_only_claims_of_one_established_fact() -> None:
    # a paraphrase, or a shared figure without place and period, links nothing
    bare = [view(i, t, quantities=[q("30", 30, 30, "killed")]) for i, t in ((1, "30 killed"), (2, "30 died"))]
    assert build_clusters([_pair("consistent", *bare)]) == []
    same = [view(i, "Thirty people were killed.", quantities=[]) for i in (3, 4)]
    [cl] = build_clusters([_pair("duplicate", *same)])  # the same statement, word for word
    assert cl.title is None and [c.claim_id for c in cl.claims] == [3, 4]
    region = {"places": REGION, "period": SINCE}
    a = view(5, "606 killed", quantities=[q("606", 606, 606, "killed", "civilians")], **region)
    b = view(
        6, "hundreds killed", quantities=[q("hundreds", 200, 999, "killed", "civilians", "vague")], **region
    )
    [cl] = build_clusters([_pair("consistent", a, b)])
    assert cl.title == "killed · civilians · Kharkiv region · since 2022-02-24"


@pytest.mark.parametrize(
    ("a_text", "b_text"),
    [
        # the negation sits in a side remark ("..., whose names were not released, ...")
        (
            "The two men, whose names were not released, were carrying Pakistani passports, police said.",
            "The two men were carrying Pakistani passports, police said.",
        ),
        # what is negated ("resign") is not in the other statement at all
        (
            "She was persuaded not to resign but was expected to lose her post in the reshuffle.",
            "She was expected to lose her post in the reshuffle.",
        ),
        # both negate the same thing, one with "without"
        (
            "Massachusetts is one of 12 states that does not have the death penalty.",
            "Massachusetts is one of 12 states without the death penalty.",
        ),
        # a contraction typed without its apostrophe is still a negation
        (
            "Details haven't been finalized, the company said.",
            "Details havent been finalized, the company said.",
        ),
    ],
)
def test_a_negation_that_denies_nothing_the_other_states_is_no_conflict(a_text: str, b_text: str) -> None:
    j = judge(view(1, a_text), view(2, b_text), 0.93)
    assert j.relation != "conflict", j.reason


def test_a_negated_clause_the_other_side_states_is_a_conflict() -> None:
    a = view(1, "Officials said Russian forces did not shell the plant on Saturday and blamed Ukraine.")
    b = view(2, "Officials said Russian forces shelled the plant on Saturday and blamed Ukraine.")
    j = judge(a, b, 0.9)
    assert j.relation == "conflict" and j.cue == "negation" and "the first denies" in j.reason


def test_a_figure_rounded_to_fewer_decimals_is_consistent() -> None:
    a = view(1, "Revenue was $6.3 billion a year ago.", quantities=[q("$6.3 billion", 6.3e9, 6.3e9, "usd")])
    b = view(
        2, "Revenue was $6.32 billion a year ago.", quantities=[q("$6.32 billion", 6.32e9, 6.32e9, "usd")]
    )
    j = judge(a, b, 0.95)
    assert j.relation == "consistent" and j.cue == "numeric"
    c = view(3, "Revenue was $6.4 billion a year ago.", quantities=[q("$6.4 billion", 6.4e9, 6.4e9, "usd")])
    j = judge(b, c, 0.95)  # 6.32 does not round to 6.4, but whose revenue, where, when: not established
    assert j.relation == "related" and "no place stated" in j.reason
    year = {
        "places": UKRAINE,
        "period": {"kind": "span", "start": None, "end": "2022-06-13", "label": "past year"},
    }
    b, c = (
        view(i, v.text, quantities=[x.to_dict() for x in v.frame.quantities], **year)
        for i, v in ((2, b), (3, c))
    )
    assert judge(b, c, 0.95).relation == "conflict"
    d = view(4, "Shares fell $1.50 to close at $50.", quantities=[q("$1.50", 1.5, 1.5, "usd")], **year)
    e = view(5, "Shares fell $1.49 to close at $50.", quantities=[q("$1.49", 1.49, 1.49, "usd")], **year)
    assert judge(d, e, 0.95).relation == "conflict"  # same precision: a real difference


def test_overlapping_amounts_of_money_are_not_different_purposes() -> None:
    a = view(
        1,
        "During nearly a decade the charity's fundraisers raised more than $7 million.",
        quantities=[q("more than $7 million", 7e6, None, "usd", kind="lower_bound")],
    )
    b = view(
        2,
        "Telemarketing Associates raised $7.1 million from 1987 to 1995.",
        quantities=[q("$7.1 million", 7.1e6, 7.1e6, "usd")],
    )
    assert judge(a, b, 0.75).relation == "consistent"


@pytest.mark.parametrize(
    "early",
    [
        "Death toll from the missile strike on the Kremenchuk mall grows to 11.",
        "The death toll from the strike on the Kremenchuk mall has grown to 11.",
        "First data on the Kremenchuk mall strike: 11 dead.",
        "Currently, 11 people are reported killed in the strike on the Kremenchuk mall.",
        "As of 19:30, 11 people were killed in the strike on the Kremenchuk mall.",  # only one side is timed
    ],
)
def test_same_day_tolls_with_a_rise_or_provisional_cue_are_updates(early: str) -> None:
    a = view(1, "Two people were killed in the strike on the Kremenchuk mall.", published="2022-06-27")
    mall = {"places": MALL, "period": STRIKE}
    a = ClaimView.from_stored(
        1, 1, a.text, {"quantities": [q("Two", 2, 2, "killed")], **mall}, published="2022-06-27"
    )
    b = ClaimView.from_stored(
        2, 2, early, {"quantities": [q("11", 11, 11, "killed")], **mall}, published="2022-06-27"
    )
    j = judge(a, b, 0.8)
    assert j.relation == "update" and "same day" in j.reason


def test_same_day_tolls_without_a_shared_moment_are_low_confidence_updates() -> None:
    a = ClaimView.from_stored(
        1,
        1,
        "The strike killed 8 people.",
        {"quantities": [q("8", 8, 8, "killed")], **TOLL},
        published="2022-07-14",
    )
    b = ClaimView.from_stored(
        2,
        2,
        "The strike killed 23 people.",
        {"quantities": [q("23", 23, 23, "killed")], **TOLL},
        published="2022-07-14",
    )
    j = judge(a, b, 0.9)  # a toll rises within the day; nothing shows the two counts are of one moment
    assert j.relation == "update" and j.confidence < 0.6 and "same day" in j.reason


def test_opposed_speakers_conflict_only_over_what_is_denied() -> None:
    denial = view(
        1,
        "Russian officials deny that their forces have fired cluster munitions at civilian areas.",
        attribution="Russia",
    )
    accusation = view(
        2,
        "Amnesty International said Russian forces fired cluster munitions at civilian areas of Kharkiv.",
        attribution="Amnesty International",
    )
    aside = view(
        3,
        "Campaigners said every use of cluster munitions in Ukraine should be condemned, whichever side is "
        "responsible.",
        attribution="Campaigners",
    )
    j = judge(denial, accusation, 0.65)
    assert j.relation == "conflict" and j.cue == "negation"
    assert "according to Russia vs Amnesty International" in j.reason
    assert judge(denial, aside, 0.64).relation == "related"


def test_same_day_tolls_stamped_with_the_same_time_conflict() -> None:
    a = ClaimView.from_stored(
        1,
        1,
        "As of 19:30, 10 people were killed.",
        {"quantities": [q("10", 10, 10, "killed")], "moment": "19:30", **TOLL},
        published="2022-06-27",
    )
    b = ClaimView.from_stored(
        2,
        2,
        "As of 19:30, 14 people were killed.",
        {"quantities": [q("14", 14, 14, "killed")], "moment": "19:30", **TOLL},
        published="2022-06-27",
    )
    assert judge(a, b, 0.95).relation == "conflict"


def test_a_denial_of_a_denial_or_of_something_else_is_no_conflict() -> None:
    dismissal = view(
        1,
        "He dismissed Russian claims that it was not behind the attack in Kramatorsk.",
        attribution="United States",
    )
    accusation = view(
        2,
        "The United States says the attack on Kramatorsk is one more atrocity by Russia.",
        attribution="Russia",
    )
    assert judge(dismissal, accusation, 0.7).relation != "conflict"
    denial = view(1, "Russia denies killing civilians in Bucha.", attribution="Russia")
    statement = view(
        2, "Ukraine's foreign minister says the Bucha killings of civilians are many.", attribution="Ukraine"
    )
    assert judge(denial, statement, 0.6).relation != "conflict"  # too far apart to be about one thing


def test_one_event_given_two_dates_conflicts_but_two_targets_do_not() -> None:
    dam_a = view(
        1, "The Kakhovka dam was destroyed in the early hours of June 6, 2023.", dates=["2023-06-06"]
    )
    dam_b = view(
        2, "The Kakhovka dam was destroyed in the early hours of June 9, 2023.", dates=["2023-06-09"]
    )
    j = judge(dam_a, dam_b, 0.95)
    assert j.relation == "conflict" and j.cue == "date" and "2023-06-06 vs 2023-06-09" in j.reason
    quake_a = view(1, "A powerful earthquake struck the mountains late on Friday.", dates=["2023-09-08"])
    quake_b = view(2, "A powerful earthquake struck the mountains late on September 8.", dates=["2023-09-08"])
    assert judge(quake_a, quake_b, 0.9).relation != "conflict"  # Friday was September 8
    blocks_a = view(
        1, "Rescuers cleared apartment blocks struck with missiles on October 6.", dates=["2022-10-06"]
    )
    blocks_b = view(
        2, "Bodies were found in apartment blocks struck with missiles on October 9.", dates=["2022-10-09"]
    )
    assert judge(blocks_a, blocks_b, 0.7).relation != "conflict"  # what was hit, not one event
    theatre = view(1, "The Mariupol drama theatre was hit by an airstrike on March 16, 2022.")
    hospital = view(2, "The Mariupol maternity hospital was hit by an airstrike on March 9, 2022.")
    assert judge(theatre, hospital, 0.7).relation != "conflict"


def test_a_plain_not_between_parties_contradicts_only_about_one_day() -> None:
    kyiv = view(1, "Kyiv says Russian forces shelled the nuclear plant on Saturday.", attribution="Ukraine")
    moscow = view(
        2, "Moscow says Russian forces did not shell the nuclear plant on Saturday.", attribution="Russia"
    )
    assert judge(kyiv, moscow, 0.85).relation == "conflict"
    later = view(
        3,
        "Moscow says Russian forces did not shell the nuclear plant on Saturday.",
        published="2022-07-01",
        attribution="Russia",
    )
    assert judge(kyiv, later, 0.85).relation != "conflict"


def test_a_running_total_far_below_an_earlier_one_is_another_count() -> None:
    def total(cid: int, n: float, published: str) -> ClaimView:
        return view(
            cid,
            f"{n:g} children injured",
            published=published,
            quantities=[q(f"{n:g}", n, n, "injured", "children")],
            places=UKRAINE,
            period=SINCE,
        )

    # "more than 1,110 children injured" (killed and injured together) vs 805 injured, later
    j = judge(total(1, 1110, "2022-08-26"), total(2, 805, "2022-10-11"), 0.9)
    assert j.relation == "related" and "likely another count" in j.reason
    # a small drop of one running total is a conflict
    j = judge(total(3, 1222, "2022-04-10"), total(4, 1202, "2022-05-02"), 0.9)
    assert j.relation == "conflict" and "later report gives less" in j.reason


def test_same_day_counts_of_an_incident_that_move_both_ways_are_not_a_conflict() -> None:
    mall = {"places": MALL, "period": STRIKE}
    a = view(
        1,
        "more than 40 missing",
        quantities=[q("more than 40", 40, None, "missing", kind="lower_bound")],
        **mall,
    )
    b = view(2, "36 missing", quantities=[q("36", 36, 36, "missing")], **mall)
    j = judge(a, b, 0.75)
    assert j.relation == "related" and "two moments" in j.reason


def test_a_first_report_is_the_earlier_of_one_day() -> None:
    """ "Initially, 17 were reported dead" then "the toll rises to 13": the order within the day is known,
    and the later report gives less; a first report below the later toll is a rise."""
    first = ClaimView.from_stored(
        1,
        1,
        "Initially, it was reported that 17 people died in the strike.",
        {"quantities": [q("17", 17, 17, "killed")], "earlier_report": True, **TOLL},
        published="2022-10-09",
    )
    later = ClaimView.from_stored(
        2,
        2,
        "The strike killed 13 people.",
        {"quantities": [q("13", 13, 13, "killed")], **TOLL},
        published="2022-10-09",
    )
    j = judge(first, later, 0.8)
    assert j.relation == "conflict" and "first reported 17, later 13" in j.reason
    risen = ClaimView.from_stored(
        3,
        3,
        "The strike killed 23 people.",
        {"quantities": [q("23", 23, 23, "killed")], **TOLL},
        published="2022-10-09",
    )
    assert judge(first, risen, 0.8).relation == "update"


@pytest.mark.parametrize(
    ("sentence", "first"),
    [
        ("Initially, it was reported that 17 people died as a result of the rocket fire.", True),
        ("First reports put the toll at 30.", True),
        ("Initially 17 deaths were reported, but the toll was later revised to 12.", False),
        ("The toll has risen to 21 from the 11 reported at first.", False),
        ("At least 17 people were killed in the strike.", False),
    ],
)
def test_a_first_report_is_read_from_the_sentence(sentence: str, first: bool) -> None:
    from xcheck.claims.frames import extract_frame

    assert extract_frame(sentence, published="2022-10-09").earlier_report is first
