"""Membership and treaty status, coordinated subjects, negation and co-reference across an article."""

from __future__ import annotations

import pytest

from xcheck.claims.frames import extract_frame, extract_frames

CCM = "Convention on Cluster Munitions"
MBT = "Mine Ban Treaty"

# sentence -> [(entity, relation, treaty, negated), ...]
CASES: list[tuple[str, list[tuple[str, str, str, bool]]]] = [
    (
        "Neither Ukraine, Russia, nor the United States are signatories to the Convention on Cluster "
        "Munitions.",
        [
            ("Ukraine", "signatory", CCM, True),
            ("Russia", "signatory", CCM, True),
            ("United States", "signatory", CCM, True),
        ],
    ),
    (
        "Russia and Ukraine are not parties to the Mine Ban Treaty.",
        [("Russia", "party", MBT, True), ("Ukraine", "party", MBT, True)],
    ),
    ("Ukraine is a party to the Ottawa Treaty.", [("Ukraine", "party", MBT, False)]),
    ("Ukraine joined the Mine Ban Treaty in 2005.", [("Ukraine", "joined", MBT, False)]),
    ("Ukraine ratified the Rome Statute in 2024.", [("Ukraine", "ratified", "Rome Statute", False)]),
    (
        "The United States signed the Rome Statute but never ratified it.",
        [
            ("United States", "signed", "Rome Statute", False),
            ("United States", "ratified", "Rome Statute", True),
        ],
    ),
    ("Russia withdrew from the Rome Statute in 2016.", [("Russia", "withdrew", "Rome Statute", False)]),
    ("Russia has not signed the Convention on Cluster Munitions.", [("Russia", "signed", CCM, True)]),
    (
        "Russia hasn't ratified the Chemical Weapons Convention.",
        [("Russia", "ratified", "Chemical Weapons Convention", True)],
    ),
    ("Finland and Sweden applied to join NATO.", []),
    ("Finland joined NATO in April 2023.", [("Finland", "joined", "NATO", False)]),
    ("Poland is a NATO member.", [("Poland", "member", "NATO", False)]),
    (
        "Hungary is a member of the European Union and NATO.",
        [("Hungary", "member", "European Union", False), ("Hungary", "member", "NATO", False)],
    ),
    ("Britain left the EU in 2020.", [("United Kingdom", "withdrew", "European Union", False)]),
    ("Ukraine is not a member of NATO.", [("Ukraine", "member", "NATO", True)]),
    (
        "According to Human Rights Watch, Russia has not joined the Convention on Cluster Munitions.",
        [("Russia", "joined", CCM, True)],
    ),
    ("One hundred twenty-three nations have joined the Convention on Cluster Munitions.", []),
    (
        "Ukraine has signed but not ratified the Convention on Cluster Munitions.",
        [("Ukraine", "signed", CCM, False), ("Ukraine", "ratified", CCM, True)],
    ),
    ("Russia has refused to sign the Ottawa Convention.", [("Russia", "signed", MBT, True)]),
    ("Kyiv says Russia will never join the treaty.", []),
    (
        "Russia, the United States and China are not states parties to the Rome Statute.",
        [
            ("Russia", "party", "Rome Statute", True),
            ("United States", "party", "Rome Statute", True),
            ("China", "party", "Rome Statute", True),
        ],
    ),
    (
        "The US has yet to ratify the Arms Trade Treaty.",
        [("United States", "ratified", "Arms Trade Treaty", True)],
    ),
    (
        "Estonia, Latvia and Lithuania joined NATO in 2004.",
        [
            ("Estonia", "joined", "NATO", False),
            ("Latvia", "joined", "NATO", False),
            ("Lithuania", "joined", "NATO", False),
        ],
    ),
    ("Ukraine signed a deal with the IMF.", []),
    ("The president signed the law on Friday.", []),
    ("Russia is a party to the conflict.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:45] for c in CASES])
def test_memberships(sentence: str, expected: list[tuple[str, str, str, bool]]) -> None:
    got = [(m.entity, m.relation, m.treaty, m.negated) for m in extract_frame(sentence).memberships]
    assert got == expected


def test_number_subject_is_a_quantity_not_a_membership() -> None:
    f = extract_frame("One hundred twenty-three nations have joined the Convention on Cluster Munitions.")
    assert f.memberships == ()
    (q,) = f.quantities
    assert (q.low, q.measure, q.subject) == (123, "joined", "states")
    assert ("Convention on Cluster Munitions", "treaty") in [(e.name, e.type) for e in f.entities]


ARTICLE = [
    "The Convention on Cluster Munitions bans the use of cluster bombs.",
    "More than 100 countries have joined the convention.",
    "Neither Ukraine, Russia, nor the United States are signatories to the international treaty.",
    "Russia and Ukraine are not parties to the convention, Human Rights Watch said.",
]


def test_treaty_coreference_across_sentences() -> None:
    frames = extract_frames(ARTICLE, published="2022-03-01")
    assert len(frames) == 4
    assert [(m.entity, m.treaty, m.negated) for m in frames[2].memberships] == [
        ("Ukraine", CCM, True),
        ("Russia", CCM, True),
        ("United States", CCM, True),
    ]
    assert [(m.entity, m.relation, m.treaty) for m in frames[3].memberships] == [
        ("Russia", "party", CCM),
        ("Ukraine", "party", CCM),
    ]
    assert frames[3].attribution == "Human Rights Watch"
    (q,) = frames[1].quantities
    assert (q.low, q.high, q.kind, q.measure, q.subject) == (100, None, "lower_bound", "joined", "states")
    assert ("Convention on Cluster Munitions", "treaty") in [(e.name, e.type) for e in frames[2].entities]


def test_generic_reference_without_a_named_treaty_keeps_its_words() -> None:
    (f,) = extract_frames(["Russia and Ukraine are not parties to the convention."], published=None)
    assert [(m.entity, m.treaty) for m in f.memberships] == [
        ("Russia", "convention"),
        ("Ukraine", "convention"),
    ]


def test_coreference_does_not_leak_between_articles() -> None:
    extract_frames(["The Rome Statute created the ICC."], published=None)
    (f,) = extract_frames(["Ukraine is not a party to the statute."], published=None)
    assert [m.treaty for m in f.memberships] == ["statute"]


def test_statute_and_alliance_references() -> None:
    frames = extract_frames(
        [
            "The Rome Statute created the ICC.",
            "Ukraine is not a party to the statute.",
            "NATO leaders met in Madrid.",
            "Finland joined the alliance in 2023.",
        ],
        published="2023-05-01",
    )
    assert [(m.entity, m.treaty, m.negated) for m in frames[1].memberships] == [
        ("Ukraine", "Rome Statute", True)
    ]
    assert [(m.entity, m.relation, m.treaty) for m in frames[3].memberships] == [
        ("Finland", "joined", "NATO")
    ]


def test_a_treaty_described_by_what_it_bans_is_that_treaty() -> None:
    from xcheck.claims.frames import extract_frame

    f = extract_frame(
        "Russia and Ukraine are not parties to the international conventions banning cluster munitions."
    )
    assert {(m.entity, m.treaty, m.negated) for m in f.memberships} == {
        ("Russia", "Convention on Cluster Munitions", True),
        ("Ukraine", "Convention on Cluster Munitions", True),
    }
    [m] = extract_frame("Ukraine has not joined the treaty on landmines.").memberships
    assert m.treaty == "Mine Ban Treaty"


def test_memberships_of_different_countries_never_conflict() -> None:
    from xcheck.claims.frames import extract_frame
    from xcheck.pairing.relate import ClaimView, judge

    us = "The United States is not a party to the Convention on Cluster Munitions."
    ua = "Ukraine is a state party to the Convention on Cluster Munitions."
    a = ClaimView.from_stored(1, 1, us, extract_frame(us).to_dict(), published="2022-06-13")
    b = ClaimView.from_stored(2, 2, ua, extract_frame(ua).to_dict(), published="2022-06-13")
    assert judge(a, b, 0.9).relation != "conflict"
