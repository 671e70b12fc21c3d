"""The seam between extraction and judgement: the judge reads typed frames, never the sentence text.

Every cue the judge uses is read into the frame at extraction (xcheck.claims.cues); a claim view holds
a typed Frame built once from the stored dict; old stored frames (without cues) still read.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

import xcheck
from xcheck.claims.cues import Cues, extract_cues
from xcheck.claims.frames import Frame, extract_frames
from xcheck.pairing.relate import ClaimView, judge

# (a, b, similarity, published a, published b): pairs whose verdict hangs on a text cue
PAIRS = [
    # negation: one side denies what the other states
    (
        "Investigators found no evidence of shelling at the plant.",
        "Investigators found evidence of shelling at the plant.",
        0.9,
        "2022-08-08",
        "2022-08-08",
    ),
    # a party's denial of another's statement, within days
    (
        "Kyiv says Russian forces shelled the Zaporizhzhia plant on Saturday.",
        "Moscow denies that Russian forces shelled the Zaporizhzhia plant.",
        0.8,
        "2022-08-06",
        "2022-08-07",
    ),
    # a refusal states no fact that a negation could deny
    (
        "The ministry declined to say whether the plant was shelled.",
        "The ministry did not say the plant was shelled.",
        0.9,
        "2022-08-06",
        "2022-08-06",
    ),
    # one event, two dates
    (
        "The full-scale invasion began on February 24, 2022.",
        "The full-scale invasion began on February 20, 2022.",
        0.9,
        None,
        None,
    ),
    # the same words: a duplicate
    (
        "At least 20 people were killed in Kharkiv.",
        "At least 20 people were killed in Kharkiv!",
        0.97,
        "2022-03-01",
        "2022-03-02",
    ),
    # a part of a whole is not a figure of its own
    (
        "1.5 million of the refugees went to Poland since February 24.",
        "4 million refugees fled Ukraine since February 24.",
        0.8,
        "2022-04-01",
        "2022-04-01",
    ),
    # amounts of money for what may be different purposes
    (
        "The EU pledged $500 million for reconstruction in Ukraine.",
        "The EU pledged $200 million for weapons for Ukraine.",
        0.85,
        "2022-05-01",
        "2022-05-01",
    ),
    # the same statement about other dates
    (
        "Operational information as of 06:00 on April 2 from the General Staff.",
        "Operational information as of 06:00 on May 1 from the General Staff.",
        0.95,
        "2022-04-02",
        "2022-05-01",
    ),
]


def view(cid: int, text: str, published: str | None, *, shown: str | None = None) -> ClaimView:
    """A claim as the index holds it; ``shown``: another text to display (the judge must not care)."""
    frame = extract_frames([text], published=published)[-1]
    return ClaimView.from_stored(
        cid, cid, text if shown is None else shown, frame.to_dict(), published=published
    )


@pytest.mark.parametrize(("a", "b", "sim", "pa", "pb"), PAIRS)
def test_the_judge_reads_frames_not_the_text(
    a: str, b: str, sim: float, pa: str | None, pb: str | None
) -> None:
    read = judge(view(1, a, pa), view(2, b, pb), sim)
    # the same frames with other words shown: the verdict, its confidence and its reason are the same
    blind = judge(view(1, a, pa, shown="x"), view(2, b, pb, shown="y"), sim)
    assert blind == read


def test_the_cues_decide_the_verdicts_above() -> None:
    verdicts = [judge(view(1, a, pa), view(2, b, pb), s) for a, b, s, pa, pb in PAIRS]
    assert [j.relation for j in verdicts] == [
        "conflict",
        "conflict",
        "related",
        "conflict",
        "duplicate",
        "related",
        "related",
        "related",
    ], [j.reason for j in verdicts]
    # without its cues (all words and negations blanked) the denial is no conflict: the cues decide
    a, b = view(1, PAIRS[0][0], "2022-08-08"), view(2, PAIRS[0][1], "2022-08-08")
    bare = replace(a, frame=replace(a.frame, cues=Cues(key=a.frame.cues.key)))
    assert judge(bare, b, 0.9).relation != "conflict"


def test_a_typed_frame_round_trips_through_its_stored_dict() -> None:
    for a, b, _s, pa, pb in PAIRS:
        for text, published in ((a, pa), (b, pb)):
            frame = extract_frames([text], published=published)[-1]
            assert Frame.from_dict(frame.to_dict()) == frame
            assert Cues.from_dict(frame.cues.to_dict()) == frame.cues


def test_a_frame_stored_without_cues_gets_them_from_its_text() -> None:
    text = "Moscow denies that Russian forces shelled the Zaporizhzhia plant."
    stored = extract_frames([text], published="2022-08-07")[-1].to_dict()
    old = {k: v for k, v in stored.items() if k != "cues"}  # as extractor 24 stored it
    v = ClaimView.from_stored(1, 1, text, old)
    assert v.frame.cues == extract_cues(text, v.frame.quantities) and v.frame.cues.denial_word
    assert v.frame == Frame.from_dict(stored)


def test_cues_of_one_sentence() -> None:
    c = extract_cues("Russia denied that its troops did not shell the plant, officials said.")
    assert c.denial_word and c.denies_denial and c.refusal
    assert c.negations == (frozenset({"troop", "shell", "plant"}), frozenset({"shell", "plant"}))
    assert "russia" in c.plain and "russia" not in c.words  # a speaker's word, left out of the overlap
    dated = extract_cues("The dam was destroyed on June 6, officials said.")
    assert [(e.verb, e.day) for e in dated.event_dates] == [("was destroyed", "june 6")]
    hit = extract_cues("Residential blocks struck with missiles on October 6.")
    assert hit.event_dates == ()  # what was hit, one of many targets
    frame = extract_frames(["1.5 million of the refugees went to Poland."], published=None)[0]
    assert frame.cues.partitives == frozenset({0})
    assert extract_cues("Kharkiv: 20 killed.").key == extract_cues("Kharkiv - 20 killed").key


JUDGE_MODULES = ("relate.py", "negation.py", "places.py", "clusters.py", "events.py")


@pytest.mark.parametrize("name", JUDGE_MODULES)
def test_judge_modules_neither_parse_text_nor_read_frames_as_dicts(name: str) -> None:
    source = (Path(xcheck.__file__).parent / "pairing" / name).read_text(encoding="utf-8")
    assert ".frame.get(" not in source and 'frame["' not in source
    # a claim's sentence is read for display only (to_dict), never by a check
    reads = [m.group() for m in re.finditer(r"\b\w+\.text\b", source)]
    assert set(reads) <= {
        "self.text",
        "q.text",
        "qa.text",
        "qb.text",
        "earlier_q.text",
        "later_q.text",
        "p.text",
        "c.text",
    }
