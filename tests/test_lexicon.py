"""Word lists are data files, one copy each, loaded by xcheck.lexicon."""

from __future__ import annotations

from importlib import resources

import pytest

from xcheck import lexicon

WORD_LISTS = (
    "facilities",
    "carriers",
    "final_states",
    "planned_by",
    "not_deeds",
    "blamed_for",
    "denial_words",
    "incident_words",
    "event_once",
    "event_in_city",
    "attack_nouns",
    "attack_verbs",
    "agent_forces",
    "stop_words",
    "negators",
    "speaker_words",
    "refusal_cues",
    "one_time_verbs",
    "continuing_verbs",
    "agent_fillers",
    "done_by",
    "disowning",
    "blame_shift",
    "title_words",
    "deed_qualifiers",
    "modified_after",
    "faked_nouns",
    "voice_words",
    "not_doers_after",
    "city_phrase_ends",
    "held_targets",
    "seldom_hit",
)
TABLES = (
    "treaty_descriptions",
    "nuclear_sites",
    "event_targets",
    "event_kinds",
    "agents",
    "weapons",
    "statuses",
    "control_words",
    "causes",
    "ship_names",
    "people_sides",
    "landmark_places",
    "city_parts",
)


@pytest.mark.parametrize("name", WORD_LISTS)
def test_each_word_list_loads_lower_case_without_comments(name: str) -> None:
    words = lexicon.words(name)
    assert words and all(w == w.lower() and "#" not in w and w == w.strip() for w in words)


def test_tables_map_a_name_to_its_wordings() -> None:
    table = lexicon.table("treaty_descriptions")
    assert "cluster munitions" in table["Convention on Cluster Munitions"]
    assert all(entries for entries in table.values())


@pytest.mark.parametrize("name", TABLES)
def test_each_table_has_entries_for_every_key(name: str) -> None:
    table = lexicon.table(name)
    assert table and all(entries and all(e == e.lower() for e in entries) for entries in table.values())


def test_states_come_in_opposite_pairs() -> None:
    keys = set(lexicon.table("statuses"))
    assert keys and all("/".join(reversed(k.split("/"))) in keys for k in keys)


def test_every_data_file_is_read_by_the_loader() -> None:
    files = {p.name for p in resources.files("xcheck.lexicon").iterdir() if p.name.endswith(".txt")}
    assert files == {f"{n}.txt" for n in (*WORD_LISTS, *TABLES)}
