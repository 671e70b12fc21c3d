"""Outlet furniture is learned from the corpus itself, never from a list of sites."""

from __future__ import annotations

from xcheck.claims.furniture import learn, learn_by_source
from xcheck.corpus import claims_of
from xcheck.types import Document

# A made-up outlet that stamps every title and text, and closes its texts with a link line.
STAMPED_TITLES = [
    "Shelling of Riverton: {n} houses damaged (0{d}.05.22 1{d}:3{d}) « War news | Riverton Post",
    "Mayor says {n} schools reopened (1{d}.06.22 0{d}:0{d}) « War news | Riverton Post",
    "Power restored to {n} districts (2{d}.07.22 2{d}:1{d}) « Society | Riverton Post",
]
STAMPED_TEXTS = [
    "0{d}.05.22 1{d}:3{d} - Officials counted {n} damaged houses in Riverton. Read the news.",
    "1{d}.06.22 0{d}:0{d} - The mayor said {n} schools had reopened after repairs. Read the news.",
]


def stamped(n: int) -> list[tuple[str, str]]:
    out = []
    for d in range(1, n + 1):
        title = STAMPED_TITLES[d % len(STAMPED_TITLES)].format(n=d + 3, d=d % 9)
        text = STAMPED_TEXTS[d % len(STAMPED_TEXTS)].format(n=d + 3, d=d % 9)
        out.append((title, text))
    return out


def test_title_template_and_stamps_are_learned_and_cut() -> None:
    items = stamped(12)
    titles = learn([t for t, _ in items], titles=True)
    texts = learn([x for _, x in items])
    title = "Bridge in Riverton reopened to traffic (09.09.22 10:10) « Society | Riverton Post"
    a, b = titles.core(title)
    assert title[a:b] == "Bridge in Riverton reopened to traffic"
    text = "09.09.22 10:10 - Engineers said the bridge carries 4,000 cars a day. Read the news."
    a, b = texts.core(text)
    assert text[a:b] == "Engineers said the bridge carries 4,000 cars a day."


def test_rare_or_content_pieces_are_not_furniture() -> None:
    # every headline ends with a place, and two of twenty name a speaker: neither is a template
    heads = [f"Storm floods {n} homes in Lakeside" for n in range(18)] + [
        "Dam holds, engineer says - Lakeside mayor",
        "Roads reopen - Lakeside mayor",
    ]
    f = learn(heads, titles=True)
    for h in heads:
        a, b = f.core(h)
        assert h[a:b] == h
    assert not f.whole  # recurring toll headlines are claims, not a recurring column


def test_a_recurring_dated_column_is_furniture() -> None:
    days = ["Monday", "Tuesday", "Friday", "Sunday"]
    heads = [f"{d}'s Short Briefing, 4.{n + 10}.22" for n, d in enumerate(days)] + [
        "Parliament approves 12 billion budget"
    ]
    f = learn(heads, titles=True)
    assert f.core("Wednesday's Short Briefing, 5.3.22") == (0, 0)
    h = "Parliament approves 12 billion budget"
    assert f.core(h) == (0, len(h))


def test_claims_of_uses_the_headline_and_drops_furniture_and_repeats() -> None:
    items = stamped(12)
    furniture = learn_by_source([("Riverton Post", t, x) for t, x in items])["Riverton Post"]
    doc = Document(
        title="Flood kills 3 people in Kharkiv (09.09.22 10:10) « War news | Riverton Post",
        text="09.09.22 10:10 - Flood kills 3 people in Kharkiv. Rescuers searched the river banks all night. "
        "Read the news.",
        source="Riverton Post",
        published="2022-09-09",
    )
    claims = claims_of(doc, furniture=furniture)
    assert [(c.part, c.text) for c in claims] == [
        ("title", "Flood kills 3 people in Kharkiv"),
        ("text", "Rescuers searched the river banks all night."),
    ]
    head = claims[0]
    assert doc.title is not None and doc.title[head.start : head.end] == head.text
    body = claims[1]
    assert doc.text[body.start : body.end] == body.text
    # the body sentence has no place of its own: it inherits the headline's
    assert body.frame["places"] == [] and body.frame["context_places"][0]["name"] == "Kharkiv"
    assert head.frame["context_places"] == []


def test_without_furniture_the_stamp_stays_in_the_text() -> None:
    doc = Document(title=None, text="09.09.22 10:10 - Rescuers searched the river banks all night.")
    [claim] = claims_of(doc)
    assert claim.text.startswith("09.09.22")
