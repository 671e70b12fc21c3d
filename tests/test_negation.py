"""Denials between two statements: what a negation covers and whether the other side states it."""

from __future__ import annotations

import pytest

from xcheck.claims.cues import extract_cues, negated
from xcheck.pairing.negation import denies, same_speaker, states_most_of


def test_negated_gives_the_first_content_words_of_each_clause() -> None:
    assert negated(
        "Officials said Russian forces did not shell the plant on Saturday and blamed Ukraine."
    ) == [{"shell", "plant", "saturday"}]
    assert negated("The two men, whose names were not released, had passports.") == []
    assert negated("States without the death penalty.", without=True) == [{"death", "penalty"}]


@pytest.mark.parametrize(
    ("neg", "plain", "expected"),
    [
        ("Investigators found no evidence of shelling.", "Investigators found evidence of shelling.", True),
        ("She was persuaded not to resign.", "She was expected to lose her post.", False),
        ("The state does not have the death penalty.", "The state is without the death penalty.", False),
        ("Nobody was hurt in the blast.", "Two people were hurt in the blast.", True),
        ("The plant was shelled.", "The plant was shelled again.", False),  # no negation at all
    ],
)
def test_denies(neg: str, plain: str, expected: bool) -> None:
    # each sentence's negations and words are read once; the judge compares what was read
    assert denies(extract_cues(neg), extract_cues(plain)) is expected


def test_states_most_of() -> None:
    scopes = [frozenset({"forc", "fired", "cluster", "munition"})]
    assert states_most_of(
        extract_cues("Amnesty said Russian forces fired cluster munitions at Kharkiv."), scopes
    )
    assert not states_most_of(extract_cues("Every use of cluster munitions should be condemned."), scopes)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Lamo", "Adrian Lamo", True),
        ("Russia", "Ukraine", False),
        (None, None, True),
        ("Russia", None, False),
    ],
)
def test_same_speaker(a: str | None, b: str | None, expected: bool) -> None:
    assert same_speaker(a, b) is expected


def test_a_sentence_that_restates_what_it_negates_denies_nothing() -> None:
    plain = "Let the Internet be afraid of us - the president addresses the nation."
    quote = '"Do not be afraid of the Internet. Let the Internet be afraid of us" - the president'
    assert not denies(extract_cues(quote), extract_cues(plain))
    assert denies(
        extract_cues("Ukraine is not a party to the convention."),
        extract_cues("Ukraine is a party to the convention."),
    )
