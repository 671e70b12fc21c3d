"""Negation: cues that negate a claim and look-alikes that do not."""

from __future__ import annotations

import pytest

from xcheck.claims.frames import extract_frame
from xcheck.claims.polarity import negation_scopes

NEGATED = [
    "Russia did not attack civilians.",
    "There is no evidence of chemical weapons.",
    "The plant was never hit.",
    "Neither side confirmed the figures.",
    "Investigators found no evidence of shelling.",
    "The Kremlin denied targeting the station.",
    "Moscow denies any role in the blast.",
    "Ukraine doesn't have cluster munitions.",
    "The army isn't retreating, the general said.",
    "Nobody was hurt.",
    "None of the missiles hit the target.",
    "No one was killed in the attack.",
    "The ministry cannot confirm the toll.",
    "The town is no longer under Russian control.",
    "Neither Kyiv nor Moscow commented.",
    "Officials found nothing at the site.",
]

AFFIRMATIVE = [
    "Not only civilians but also soldiers died.",
    "The report must be filed no later than Friday.",
    "Nonetheless, the convoy moved on.",
    "No fewer than 30 were killed.",
    "There is no doubt the city was hit.",
    "The talks took place on Monday.",
    "Whether or not the bridge was hit is unclear.",
    "Notably, 12 buildings burned.",
    "Never before had the city seen such shelling.",
    "He is not more than 40 years old.",
    "No. 10 issued a statement.",
    "The convoy reached Kyiv on Monday.",
    "Not just the capital but the whole region lost power.",
]


@pytest.mark.parametrize("sentence", NEGATED)
def test_negated(sentence: str) -> None:
    assert extract_frame(sentence).negated is True


@pytest.mark.parametrize("sentence", AFFIRMATIVE)
def test_not_negated(sentence: str) -> None:
    assert extract_frame(sentence).negated is False


@pytest.mark.parametrize("sentence", ["Details havent been finalized.", "He didnt show up.", "We dont know."])
def test_contraction_without_apostrophe_is_negated(sentence: str) -> None:
    assert extract_frame(sentence).negated is True


@pytest.mark.parametrize(
    ("sentence", "scopes"),
    [
        (
            "Russian forces did not shell the plant on Saturday and blamed Ukraine.",
            ["shell the plant on Saturday"],
        ),
        ("The two men, whose names were not released, had passports.", []),
        ("A request for an extension was denied, officials said.", ["A request for an extension was"]),
        ("No one was hurt, but the school was not spared.", ["one was hurt", "spared"]),
    ],
)
def test_negation_scopes(sentence: str, scopes: list[str]) -> None:
    assert [sentence[s:e].strip() for s, e in negation_scopes(sentence)] == scopes


def test_without_counts_only_when_asked() -> None:
    sentence = "Massachusetts is one of 12 states without the death penalty."
    assert negation_scopes(sentence) == []
    assert [sentence[s:e].strip() for s, e in negation_scopes(sentence, without=True)] == [
        "the death penalty"
    ]
