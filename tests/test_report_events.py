"""The report organised by events, built from an index (fake model): the events section, who says what,
conflicts with both voices, agreements, one toll series per measure per event, clusters outside events.

The articles are written for these tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from xcheck.cli.app import app
from xcheck.corpus import Corpus
from xcheck.report_data import SCHEMA_VERSION, build_report_data

from .conftest import write

ARTICLES = [
    """---
title: Rockets hit the railway station in Sloviansk
source: Plain Gazette
published: 2022-05-02
---
Kyiv says Russian forces fired two rockets at the railway station in Sloviansk on Monday.

The rocket strike on the Sloviansk railway station killed at least 12 people, the mayor said.
""",
    """---
title: What the defence ministry says about Sloviansk
source: Evening Courier
published: 2022-05-03
---
A Ukrainian Tochka-U struck the Sloviansk railway station, the defence ministry said.

By Tuesday the strike on the Sloviansk railway station had killed 15 people, the mayor said.
""",
    """---
title: Shelling of the shopping mall in Odesa
source: Plain Gazette
published: 2022-07-10
---
Russian troops shelled the shopping mall in Odesa on Sunday.

The shelling of the Odesa shopping mall killed 4 people, the regional governor said.
""",
    """---
title: Odesa mall toll rises
source: Harbour Times
published: 2022-07-11
---
Russian troops shelled the shopping mall in Odesa, the governor said.

The shelling of the Odesa shopping mall has now killed 6 people, the regional governor said.
""",
    """---
title: Refugees
source: Plain Gazette
published: 2022-05-03
---
The UN refugee agency said 5.7 million people had fled Ukraine since February 24.
""",
    """---
title: Refugees
source: Harbour Times
published: 2022-05-03
---
The UN refugee agency said 1.1 million people had fled Ukraine since February 24.
""",
]


@pytest.fixture
def built(tmp_path: Path, corpus: Corpus) -> Corpus:
    paths = [write(tmp_path / "in" / f"{i}.md", text) for i, text in enumerate(ARTICLES)]
    corpus.ingest([str(p) for p in paths])
    corpus.update_pairs()
    return corpus


def by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in data["events"]}


def test_events_come_with_who_says_what_conflicts_agreements_and_tolls(built: Corpus) -> None:
    data = build_report_data(built)
    assert data["schema_version"] == SCHEMA_VERSION == 2
    events = by_id(data)
    assert list(events) == ["station-sloviansk-2022-05-02", "mall-odesa-2022-07-10"]  # conflicts first
    assert data["summary"]["events"] == 2
    station = events["station-sloviansk-2022-05-02"]
    assert station["label"] == "strike: Sloviansk station, 2022-05-02"
    assert (station["first"], station["sources"]) == ("2022-05-02", ["Evening Courier", "Plain Gazette"])
    table = {(a["attribute"], a["value"]): a for a in station["attributes"]}
    assert list(table) == [("agent", "Russia"), ("agent", "Ukraine"), ("weapon", "Tochka-U")]
    russia = table[("agent", "Russia")]
    assert russia["sources"] == ["Plain Gazette"] and russia["speakers"] == ["Ukraine"]
    (said,) = russia["claims"]
    assert (
        said["text"].startswith("Kyiv says Russian forces fired") and said["words"] == "Russian forces fired"
    )
    assert said["url"] is None and said["title"] == "Rockets hit the railway station in Sloviansk"
    (conflict,) = station["conflicts"]
    assert conflict["cue"] == "agent"
    assert {conflict["a"]["speaker"], conflict["b"]["speaker"]} == {"Ukraine", "defence ministry"}
    assert {conflict["a"]["source"], conflict["b"]["source"]} == {"Plain Gazette", "Evening Courier"}
    mall = events["mall-odesa-2022-07-10"]
    assert (
        mall["conflicts"] == []
        and mall["agreements"] == 1
        and mall["agreements_by_attribute"] == {"agent": 1}
    )
    assert [a["sources"] for a in mall["attributes"]] == [["Harbour Times", "Plain Gazette"]]


def test_tolls_are_one_series_per_measure_per_event(built: Corpus) -> None:
    events = by_id(build_report_data(built))
    station = events["station-sloviansk-2022-05-02"]["timeline"]
    mall = events["mall-odesa-2022-07-10"]["timeline"]
    assert [(s["measure"], [v["low"] for v in s["values"]]) for s in station] == [("killed", [12.0, 15.0])]
    assert [(s["measure"], [v["low"] for v in s["values"]]) for s in mall] == [("killed", [4.0, 6.0])]
    # the values of one event are never in another's series
    mine = {c["claim_id"] for a in events["station-sloviansk-2022-05-02"]["attributes"] for c in a["claims"]}
    assert mine.isdisjoint({v["claim_id"] for s in mall for v in s["values"]})
    assert {v["kind"] for s in [*station, *mall] for v in s["values"]} <= {"exact", "lower_bound"}
    assert station[0]["values"][0]["kind"] == "lower_bound"  # "at least 12"


def test_clusters_stay_for_facts_outside_events(built: Corpus) -> None:
    data = build_report_data(built)
    outside = [c for c in data["clusters"] if c["event"] is None]
    assert outside and all(c["measure"] == "fled" for c in outside)
    inside = [c for c in data["clusters"] if c["event"] is not None]
    for c in inside:
        assert c["id"] in by_id(data)[c["event"]]["clusters"]


def test_event_filters(built: Corpus) -> None:
    assert list(by_id(build_report_data(built, source="Harbour Times"))) == ["mall-odesa-2022-07-10"]
    assert list(by_id(build_report_data(built, since="2022-07-01"))) == ["mall-odesa-2022-07-10"]
    assert build_report_data(built, since="2022-08-01")["events"] == []


def test_report_cli_shows_the_events_first(built: Corpus, runner: CliRunner) -> None:
    index = str(built.index_dir)
    built.close()
    md = runner.invoke(app, ["report", "--index", index, "--format", "md"])
    assert md.exit_code == 0, md.output
    assert md.output.index("## Events") < md.output.index("## Facts outside events")
    assert "### E1. strike: Sloviansk station, 2022-05-02 — 1 conflict, 0 agreements" in md.output
    assert "| who did it | **Ukraine** | Evening Courier |" in md.output
    assert "Timeline, killed: ≥ 12 (Plain Gazette, May 2) → 15 (Evening Courier, May 3)" in md.output
    html = runner.invoke(app, ["report", "--index", index])
    assert html.exit_code == 0
    assert html.output.index('id="events"') < html.output.index('id="facts"')
    assert html.output.count('<article class="event"') == 2
    assert html.output.count('<table class="attrs">') == 2
