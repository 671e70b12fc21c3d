"""The public frame API: shape of ``to_dict()``, round trip, one frame per sentence, robustness."""

from __future__ import annotations

import json
import random

from xcheck.claims.frames import Frame, extract_frame, extract_frames

TOP_KEYS = {
    "quantities",
    "negated",
    "dates",
    "as_of",
    "places",
    "scope",
    "entities",
    "memberships",
    "attribution",
    "period",
    "context_places",
    "moment",
    "said_on",
    "earlier_report",
    "years",
    "event",
    "cues",
}
QUANTITY_KEYS = {"text", "start", "end", "low", "high", "kind", "measure", "subject", "unit", "role"}

RICH = (
    "According to the UN refugee agency, at least 606 civilians have been killed and 1,248 injured "
    "in the Kharkiv region since February 24, while Russia and Ukraine are not parties to the Ottawa Treaty."
)


def test_to_dict_has_exactly_the_documented_shape() -> None:
    d = extract_frame(RICH, published="2022-03-10").to_dict()
    assert set(d) == TOP_KEYS
    assert d["quantities"] and all(set(q) == QUANTITY_KEYS for q in d["quantities"])
    assert all(set(p) == {"name", "type", "text"} for p in d["places"])
    assert all(set(e) == {"name", "type"} for e in d["entities"])
    assert all(set(m) == {"entity", "relation", "treaty", "negated"} for m in d["memberships"])
    # the judge's cues: a text key, content words (#: figures and months, @: a speaker's words), negations
    assert set(d["cues"]) == {"key", "words", "neg", "den", "negw"}
    assert {"#606", "#february", "civilian", "kharkiv"} <= set(d["cues"]["words"].split())
    assert d["cues"]["neg"] == ["ottawa parti treaty"] and d["cues"]["den"] == [0]
    assert [(p["name"], p["type"], p["text"]) for p in d["places"]] == [
        ("Kharkiv", "region", "Kharkiv region"),
        ("Russia", "country", "Russia"),
        ("Ukraine", "country", "Ukraine"),
    ]
    assert [(q["text"], q["low"], q["high"], q["measure"], q["subject"]) for q in d["quantities"]] == [
        ("at least 606", 606.0, None, "killed", "civilians"),
        ("1,248", 1248.0, 1248.0, "injured", "civilians"),
    ]
    assert d["scope"] == "since 2022-02-24"
    assert d["period"] == {
        "kind": "since",
        "start": "2022-02-24",
        "end": "2022-03-10",
        "label": "since 2022-02-24",
    }
    assert [q["role"] for q in d["quantities"]] == ["total", "total"]
    assert d["dates"] == ["2022-02-24"]
    assert d["as_of"] == "2022-03-10"
    assert d["attribution"] == "UNHCR"
    assert d["negated"] is True
    assert {(m["entity"], m["treaty"]) for m in d["memberships"]} == {
        ("Russia", "Mine Ban Treaty"),
        ("Ukraine", "Mine Ban Treaty"),
    }


def test_values_have_the_documented_types() -> None:
    d = extract_frame(RICH, published="2022-03-10").to_dict()
    for q in d["quantities"]:
        assert isinstance(q["start"], int) and isinstance(q["end"], int)
        assert q["low"] is None or isinstance(q["low"], float)
        assert q["high"] is None or isinstance(q["high"], float)
        assert q["kind"] in {"exact", "approximate", "lower_bound", "upper_bound", "range", "vague"}
        assert q["unit"] in {None, "percent"}
        assert RICH[q["start"] : q["end"]] == q["text"]
    for p in d["places"]:
        assert p["type"] in {"city", "region", "country", "other"}
    for e in d["entities"]:
        assert e["type"] in {"country", "organisation", "treaty", "person"}
    for m in d["memberships"]:
        assert m["relation"] in {"party", "signatory", "member", "joined", "ratified", "signed", "withdrew"}


def test_json_round_trip() -> None:
    f = extract_frame(RICH, published="2022-03-10")
    text = json.dumps(f.to_dict())
    back = Frame.from_dict(json.loads(text))
    assert back == f
    assert back.to_dict() == f.to_dict()


def test_from_dict_tolerates_missing_keys() -> None:
    assert Frame.from_dict({}) == Frame()


def test_one_frame_per_sentence_in_order() -> None:
    sents = ["Five people died.", "", "Russia denied it.", "The UN said 12 were hurt."]
    frames = extract_frames(sents, published="2022-03-01")
    assert len(frames) == 4
    assert frames[0].quantities[0].low == 5
    assert frames[1] == Frame(as_of="2022-03-01")
    assert frames[2].negated
    assert frames[3].attribution == "UN"


def test_empty_article() -> None:
    assert extract_frames([], published=None) == []


def test_bad_published_date_is_ignored() -> None:
    f = extract_frame("Yesterday 5 people died.", published="not a date")
    assert f.dates == () and f.as_of is None
    assert f.quantities[0].low == 5


def test_never_crashes_on_odd_text() -> None:
    rng = random.Random(7)
    alphabet = "0123456789 ,.-/:%$€£abcdefghijKLMNOP()'’\"—–+#№\n\t"
    pieces = [
        "about",
        "between",
        "and",
        "hundreds",
        "one",
        "half",
        "of",
        "the",
        "convention",
        "said",
        "not",
        "since",
        "Thursday",
        "May",
        "Kharkiv",
        "region",
        "3-1",
        "9N210",
        "1.5m",
        "12k",
        "a dozen",
    ]
    for _ in range(300):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        s += " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        f = extract_frame(s, published="2022-02-25")
        json.dumps(f.to_dict())
        for q in f.quantities:
            assert s[q.start : q.end] == q.text


def test_frames_are_hashable_and_immutable() -> None:
    f = extract_frame("Five people died.")
    assert hash(f) == hash(extract_frame("Five people died."))
