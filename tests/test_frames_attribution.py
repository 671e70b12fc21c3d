"""Attribution: who asserts the claim, normalised."""

from __future__ import annotations

import pytest

from xcheck.claims.frames import extract_frame, extract_frames

CASES: list[tuple[str, str | None]] = [
    ("According to the UN refugee agency, 5 million people have fled.", "UNHCR"),
    ("Ukraine says 20 people died.", "Ukraine"),
    ("Kyiv says Russian forces shelled the city.", "Ukraine"),
    ("Moscow claims the strike hit military targets.", "Russia"),
    ("The Kremlin said the operation was going to plan.", "Russia"),
    ("The Russian defence ministry said it destroyed 12 drones.", "Russia (defence ministry)"),
    ("Russia's Ministry of Defence said 300 fighters were killed.", "Russia (defence ministry)"),
    ("The Russian Defense Ministry claims up to 300 fighters have been killed.", "Russia (defence ministry)"),
    ("Amnesty International said the strike was a war crime.", "Amnesty International"),
    ('"This is a war crime," said Amnesty.', "Amnesty International"),
    ("The mayor said 12 people died.", "mayor"),
    ("In Kyiv the mayor said 5 died.", "mayor"),
    ("Police said three suspects were detained.", "police"),
    ("Ukraine's general staff reported 200 Russian losses.", "Ukraine (general staff)"),
    ("Witnesses told Reuters they heard explosions.", "witnesses"),
    ("The UN human rights office said 606 civilians had been killed.", "OHCHR"),
    ("Human Rights Watch reported the use of cluster munitions.", "Human Rights Watch"),
    ("HRW said the attack was indiscriminate.", "Human Rights Watch"),
    ("Russian officials denied the report.", "Russia"),
    ("The Ukrainian military said it shot down 8 drones.", "Ukraine (military)"),
    ("The Pentagon said Russia had lost 10 percent of its forces.", "United States (defence ministry)"),
    ("According to Ukrainian officials, 40 people died.", "Ukraine"),
    ("Zelenskyy said the city would be rebuilt.", "Volodymyr Zelensky"),
    ("US President Joe Biden said sanctions would follow.", "Joe Biden"),
    ("Oleg Synegubov, the governor of Kharkiv, said 12 people were hurt.", "Oleg Synegubov"),
    ("A spokesman for the Kremlin said no civilians were hurt.", "Russia"),
    ("The Defence Intelligence said Russia is preparing show trials.", "Defence Intelligence"),
    ("Officials said 3 people died.", "officials"),
    (
        "Ukraine's human rights commissioner Lyudmila Denisova said 700,000 civilians had been deported.",
        "Lyudmila Denisova",
    ),
    ("Secretary of State Antony Blinken has stated that Russia intends to attack.", "Antony Blinken"),
    ("The UN High Commissioner for Human Rights' office said it would send a team.", "OHCHR"),
    ("According to the Financial Times, troops reported outages.", "Financial Times"),
    ("Twelve people died in the attack.", None),
    ("The bridge was reported destroyed on Monday.", None),
]


@pytest.mark.parametrize(("sentence", "speaker"), CASES, ids=[c[0][:40] for c in CASES])
def test_attribution(sentence: str, speaker: str | None) -> None:
    assert extract_frame(sentence).attribution == speaker


def test_pronoun_takes_the_previous_speaker_in_the_article() -> None:
    frames = extract_frames(
        [
            "The mayor said 5 people died in the strike.",
            "He said the toll could rise.",
            "Rescue work went on.",
        ],
        published="2022-03-01",
    )
    assert [f.attribution for f in frames] == ["mayor", "mayor", None]


def test_pronoun_without_context_is_none() -> None:
    assert extract_frame("She said the toll could rise.").attribution is None


def test_a_plural_noun_is_not_the_speech_verb_when_a_verb_follows() -> None:
    from xcheck.claims.frames import extract_frame

    sentence = "Ukrainian claims that the bridge was hit are not true, the Russian defence ministry said."
    assert extract_frame(sentence, published="2022-04-08").attribution == "Russia (defence ministry)"
    assert extract_frame("Russia claims that Ukraine hit the bridge.").attribution == "Russia"
