"""Places (city / region / country / other) and entities (countries, demonyms, organisations, persons)."""

from __future__ import annotations

import pytest

from xcheck.claims.frames import extract_frame

# sentence -> [(name, type), ...] in order of appearance
PLACES: list[tuple[str, list[tuple[str, str]]]] = [
    ("Missiles hit the city of Kharkiv overnight.", [("Kharkiv", "city")]),
    ("Shelling continued in the Kharkiv region.", [("Kharkiv", "region")]),
    ("Kharkiv oblast was shelled again.", [("Kharkiv", "region")]),
    ("Russian forces shelled Kharkiv.", [("Kharkiv", "city")]),
    ("Ukraine says it retook the village.", [("Ukraine", "country")]),
    ("Fighting raged in Donbas and Crimea.", [("Donbas", "region"), ("Crimea", "region")]),
    ("The town of Bucha was occupied for a month.", [("Bucha", "city")]),
    ("Strikes hit the Donetsk and Luhansk regions.", [("Donetsk", "region"), ("Luhansk", "region")]),
    ("Protesters gathered in Moscow and St Petersburg.", [("Moscow", "city"), ("St Petersburg", "city")]),
    ("Residents of Kiev sheltered in the metro.", [("Kyiv", "city")]),
    ("Odessa and Kharkov were shelled.", [("Odesa", "city"), ("Kharkiv", "city")]),
    (
        "The IAEA visited the Zaporizhzhia nuclear power plant.",
        [("Zaporizhzhia nuclear power plant", "other")],
    ),
    (
        "Fighters held out in the Azovstal steel plant in Mariupol.",
        [("Azovstal steel plant", "other"), ("Mariupol", "city")],
    ),
    ("A blast hit Lviv, in western Ukraine.", [("Lviv", "city"), ("Ukraine", "country")]),
    ("The region of Sumy was hit.", [("Sumy", "region")]),
    ("The port city of Mariupol was besieged.", [("Mariupol", "city")]),
    (
        "Refugees arrived in Poland, Romania and Moldova.",
        [("Poland", "country"), ("Romania", "country"), ("Moldova", "country")],
    ),
    ("In Donetsk region, troops struck eight localities.", [("Donetsk", "region")]),
    ("Texas and New Mexico sued the agency.", [("Texas", "region"), ("New Mexico", "region")]),
    (
        "The Kharkiv region and the city of Kharkiv were shelled.",
        [("Kharkiv", "region"), ("Kharkiv", "city")],
    ),
    ("Nothing was said about the weather.", []),
    ("He will launch a US$70 million clean-up programme.", []),  # a currency, not a place
    ("The US will launch a $70 million programme.", [("United States", "country")]),
]


@pytest.mark.parametrize(("sentence", "expected"), PLACES, ids=[p[0][:40] for p in PLACES])
def test_places(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(p.name, p.type) for p in extract_frame(sentence).places] == expected


def test_place_text_is_the_surface_form() -> None:
    (p,) = extract_frame("Residents of Kiev sheltered in the metro.").places
    assert p.text == "Kiev"


# sentence -> [(name, type), ...]
ENTITIES: list[tuple[str, list[tuple[str, str]]]] = [
    ("Ukrainian and Russian officials met in Istanbul.", [("Ukraine", "country"), ("Russia", "country")]),
    (
        "American and British diplomats left Kyiv.",
        [("United States", "country"), ("United Kingdom", "country")],
    ),
    ("The ICC issued a warrant for Putin.", [("ICC", "organisation"), ("Vladimir Putin", "person")]),
    (
        "Amnesty International and Human Rights Watch documented the strikes.",
        [("Amnesty International", "organisation"), ("Human Rights Watch", "organisation")],
    ),
    ("The OHCHR and UNHCR published new figures.", [("OHCHR", "organisation"), ("UNHCR", "organisation")]),
    ("NATO and the EU condemned the attack.", [("NATO", "organisation"), ("European Union", "organisation")]),
    ("The UN Security Council met on Friday.", [("UN Security Council", "organisation")]),
    ("President Volodymyr Zelensky addressed the Bundestag.", [("Volodymyr Zelensky", "person")]),
    ("Foreign Minister Sergei Lavrov met his counterpart.", [("Sergei Lavrov", "person")]),
    ("The U.S. and the UK imposed sanctions.", [("United States", "country"), ("United Kingdom", "country")]),
    ("Germany sent tanks to Ukraine.", [("Germany", "country"), ("Ukraine", "country")]),
    ("The Red Cross visited the camp.", [("ICRC", "organisation")]),
    ("The WHO said hospitals were hit.", [("WHO", "organisation")]),
    ("Who fired the missile?", []),
    ("Let us know what you think.", []),
    (
        "Ukraine is a party to the Rome Statute of the International Criminal Court.",
        [("Ukraine", "country"), ("Rome Statute", "treaty")],
    ),
    ("The Ottawa Treaty bans anti-personnel mines.", [("Mine Ban Treaty", "treaty")]),
    (
        "The cluster munitions convention entered into force in 2010.",
        [("Convention on Cluster Munitions", "treaty")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), ENTITIES, ids=[e[0][:40] for e in ENTITIES])
def test_entities(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(e.name, e.type) for e in extract_frame(sentence).entities] == expected
