"""`xcheck check` names the index events a new article touches and what it contradicts there; claims
of one event that state who did it, with what, a denial or a state are judged whatever their
similarity. The articles are written for these tests (fake model)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

import xcheck.corpus
from xcheck.check import check_documents
from xcheck.cli.app import app
from xcheck.corpus import Corpus
from xcheck.ingest.readers import read_inputs

from .conftest import FakeEmbedder, write

INDEXED = [
    """---
title: Rockets hit the railway station in Sloviansk
source: Plain Gazette
published: 2022-05-02
---
Kyiv says Russian forces fired two rockets at the railway station in Sloviansk on Monday.

The rocket strike on the Sloviansk railway station killed at least 12 people, the mayor said.
""",
    """---
title: Shelling of the shopping mall in Odesa
source: Harbour Times
published: 2022-07-10
---
Russian troops shelled the shopping mall in Odesa on Sunday.
""",
]
# few words in common with the indexed account of who fired: far below the similarity floor
BLAMES_KYIV = """---
title: Moscow answers
source: Evening Courier
published: 2022-05-03
---
Generals in Moscow insist a Ukrainian Tochka-U was what hit Sloviansk's station.

The weather stayed mild all week.
"""
ELSEWHERE = """---
title: Another town
source: Evening Courier
published: 2022-05-03
---
Ukrainian troops shelled the railway station in Lozova on Tuesday.
"""


@pytest.fixture
def indexed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(xcheck.corpus, "make_embedder", lambda name=None: FakeEmbedder())
    idx = tmp_path / "idx"
    with Corpus(idx, embedder=FakeEmbedder(), create=True) as c:
        c.ingest([str(write(tmp_path / "corpus" / f"{i}.md", t)) for i, t in enumerate(INDEXED)])
    return idx


def test_a_new_account_of_who_fired_is_judged_against_the_event(indexed: Path, tmp_path: Path) -> None:
    new = write(tmp_path / "new" / "blames.md", BLAMES_KYIV)
    with Corpus(indexed, embedder=FakeEmbedder()) as c:
        result = check_documents(c, list(read_inputs([str(new)])))
        floor = c.pair_floor()
    (article,) = result.articles
    (touched,) = article.events
    assert touched["id"] == "station-sloviansk-2022-05-02"
    assert touched["label"] == "strike: Sloviansk station, 2022-05-02"
    assert touched["claims"] == 1
    (conflict,) = touched["conflicts"]
    assert conflict["cue"] == "agent"
    assert conflict["text"].startswith("Generals in Moscow insist")
    assert conflict["against"]["source"] == "Plain Gazette" and conflict["against"]["speaker"] == "Ukraine"
    claim = next(c for c in article.claims if c["text"].startswith("Generals"))
    assert claim["event"] == touched["id"]
    (match,) = claim["conflicting"]
    # found through the event, not among the neighbours: its similarity is below the floor
    assert match["similarity"] < floor and match["event"] == touched["id"]
    assert result.conflicts == 1
    weather = next(c for c in article.claims if "weather" in c["text"])
    assert weather["event"] is None and weather["conflicting"] == []


def test_an_article_about_another_target_touches_no_event(indexed: Path, tmp_path: Path) -> None:
    new = write(tmp_path / "new" / "elsewhere.md", ELSEWHERE)
    with Corpus(indexed, embedder=FakeEmbedder()) as c:
        result = check_documents(c, list(read_inputs([str(new)])))
    assert result.articles[0].events == [] and result.conflicts == 0
    assert all(c["event"] is None for c in result.articles[0].claims)


def test_two_new_articles_on_one_new_event_are_not_set_against_each_other(
    indexed: Path, tmp_path: Path
) -> None:
    a = write(tmp_path / "new" / "a.md", ELSEWHERE)
    b = write(tmp_path / "new" / "b.md", ELSEWHERE.replace("Ukrainian troops", "Russian troops"))
    with Corpus(indexed, embedder=FakeEmbedder()) as c:
        result = check_documents(c, list(read_inputs([str(a), str(b)])))
    assert [x.events for x in result.articles] == [[], []] and result.conflicts == 0


def test_the_cli_names_the_event_and_what_it_contradicts(indexed: Path, tmp_path: Path) -> None:
    new = write(tmp_path / "new" / "blames.md", BLAMES_KYIV)
    r = CliRunner().invoke(app, ["check", str(new), "--index", str(indexed)], catch_exceptions=False)
    assert r.exit_code == 1, r.output
    assert "touches event station-sloviansk-2022-05-02: strike: Sloviansk station, 2022-05-02" in r.output
    assert "contradicts Plain Gazette on who did it" in r.output
    r = CliRunner().invoke(app, ["check", str(new), "--index", str(indexed), "--json"])
    (line,) = r.output.splitlines()
    data = json.loads(line)
    assert [e["id"] for e in data["events"]] == ["station-sloviansk-2022-05-02"]
    assert data["events"][0]["conflicts"][0]["against"]["undated"] is False


def test_event_candidates_use_the_index_vectors(indexed: Path, tmp_path: Path) -> None:
    """The similarity reported for an event candidate is the cosine of the two claims' vectors."""
    new = write(tmp_path / "new" / "blames.md", BLAMES_KYIV)
    fake = FakeEmbedder()
    with Corpus(indexed, embedder=fake) as c:
        result = check_documents(c, list(read_inputs([str(new)])))
    claim = next(c for c in result.articles[0].claims if c["conflicting"])
    (match,) = claim["conflicting"]
    a, b = fake.embed_batch([claim["text"], match["text"]])
    assert match["similarity"] == pytest.approx(float(np.dot(a, b)), abs=1e-4)


def test_an_event_claim_stored_after_the_vectors_were_read_is_skipped(
    indexed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A concurrent ingest may store claims between reading the vectors and reading the events."""
    new = write(tmp_path / "new" / "blames.md", BLAMES_KYIV)
    with Corpus(indexed, embedder=FakeEmbedder()) as c:
        stale = c.store.vectors()
        late = write(tmp_path / "late" / "late.md", INDEXED[0].replace("Plain Gazette", "Late Wire"))
        c.ingest([str(late)])
        monkeypatch.setattr(c.store, "vectors", lambda: stale)
        result = check_documents(c, list(read_inputs([str(new)])))
    (touched,) = result.articles[0].events
    assert {x["against"]["source"] for x in touched["conflicts"]} == {"Plain Gazette"}


def test_a_new_report_of_no_place_is_judged_against_each_event_of_its_class_that_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two station events on one day: a new "a railway station" report belongs to neither for display,
    but is judged against the claims of both."""
    monkeypatch.setattr(xcheck.corpus, "make_embedder", lambda name=None: FakeEmbedder())
    two = [
        INDEXED[0],
        """---
title: Rockets hit the railway station in Kramatorsk
source: Harbour Times
published: 2022-05-02
---
Kyiv says Russian forces fired rockets at the railway station in Kramatorsk on Monday.
""",
    ]
    idx = tmp_path / "idx"
    with Corpus(idx, embedder=FakeEmbedder(), create=True) as c:
        c.ingest([str(write(tmp_path / "corpus" / f"{i}.md", t)) for i, t in enumerate(two)])
    new = write(
        tmp_path / "new" / "unplaced.md",
        "---\ntitle: Moscow answers\nsource: Evening Courier\npublished: 2022-05-02\n---\n"
        "Moscow insists a Ukrainian Tochka-U hit a railway station on Monday.\n",
    )
    with Corpus(idx, embedder=FakeEmbedder()) as c:
        result = check_documents(c, list(read_inputs([str(new)])))
    (article,) = result.articles
    claim = next(x for x in article.claims if x["text"].startswith("Moscow insists"))
    assert claim["event"] is None
    assert {m["source"] for m in claim["conflicting"]} == {"Plain Gazette", "Harbour Times"}
