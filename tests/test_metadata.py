"""Metadata is never lost: options for every article, the date at a text's head, undated marked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xcheck.cli.app import app
from xcheck.ingest.dates import date_at_head
from xcheck.ingest.readers import read_inputs
from xcheck.types import Document, mark_undated

from .conftest import write

PLAIN = "Officials said 606 civilians have been killed in the Kharkiv region since February 24.\n"
OTHER = "Officials said 650 civilians have been killed in the Kharkiv region since February 24.\n"


def run(runner: CliRunner, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Published: June 13, 2022\n\nOfficials said 5 people died.", "2022-06-13"),
        ("Top of page\n\nA headline\n\nPublished On 13 Jun 2022 10:21 GMT\n\nBody.", "2022-06-13"),
        ("Posted 2022-06-13 10:00\n\nBody.", "2022-06-13"),
        ("KYIV, June 13, 2022 (Reuters) - Officials said 5 people died.", "2022-06-13"),
        ("Kharkiv, Ukraine, 13 June 2022 — Amnesty International said on Monday ...", "2022-06-13"),
        ("June 13, 2022 — Amnesty said", "2022-06-13"),
        ("Monday 13 June 2022 10:21 GMT\n\nBody.", "2022-06-13"),
        # not a date of publication
        ("Officials said on June 13, 2022 - that 5 people died.", None),
        ("The war began on February 24, 2022.", None),
        ("Updated: June 14, 2022\n\nBody.", None),
        ("KYIV (Reuters) - 5 people died.", None),
        ("Published 3 hours ago\n\nBody.", None),
        ("\n".join(["Line."] * 8) + "\nPublished: June 13, 2022", None),  # too far down: not the head
    ],
)
def test_date_at_the_head_of_a_text(text: str, date: str | None) -> None:
    assert date_at_head(text) == date


def test_plain_text_and_markdown_take_their_dateline(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "KYIV, June 13, 2022 (Reuters) - " + PLAIN)
    write(tmp_path / "b.md", "# Toll\n\nPublished: 14 June 2022\n\n" + OTHER)
    write(tmp_path / "c.md", "---\npublished: 2022-06-20\n---\nPublished: 14 June 2022\n\n" + OTHER)
    docs = [d for d in read_inputs([str(tmp_path)]) if isinstance(d, Document)]
    assert [d.published for d in docs] == ["2022-06-13", "2022-06-14", "2022-06-20"]  # front matter wins


def test_options_apply_to_every_file_and_win(runner: CliRunner, tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", PLAIN)
    write(tmp_path / "in" / "b.md", "---\nsource: Someone\npublished: 2022-01-01\n---\n" + OTHER)
    idx = str(tmp_path / "idx")
    r = run(
        runner, "ingest", str(tmp_path / "in"), "--index", idx,
        "--published", "13 June 2022", "--source", "Radio X", "--title", "Seed",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    docs = json.loads(run(runner, "docs", "--json", "--index", idx).stdout)
    assert [(d["source"], d["published"], d["title"], d["undated"]) for d in docs] == [
        ("Radio X", "2022-06-13", "Seed", False)
    ] * 2


def test_check_takes_the_same_options(runner: CliRunner, tmp_path: Path) -> None:
    idx = str(tmp_path / "idx")
    write(tmp_path / "old.md", "---\nsource: Wire\npublished: 2022-06-13\n---\n" + PLAIN)
    assert run(runner, "ingest", str(tmp_path / "old.md"), "--index", idx).exit_code == 0
    new = write(tmp_path / "new.txt", OTHER)
    r = run(runner, "check", str(new), "--json", "--index", idx, "--published", "2022-06-14", "--source", "X")
    [article] = [json.loads(line) for line in r.stdout.splitlines()]
    assert article["document"]["published"] == "2022-06-14" and article["document"]["source"] == "X"
    assert article["document"]["undated"] is False
    r = run(runner, "check", str(new), "--index", idx, "--published", "junk")
    assert r.exit_code == 2 and "--published: cannot read the date 'junk'" in r.stderr


def test_undated_documents_are_counted_and_marked(runner: CliRunner, tmp_path: Path) -> None:
    idx = str(tmp_path / "idx")
    write(tmp_path / "in" / "dated.md", "---\nsource: Wire\npublished: 2022-06-13\n---\n" + PLAIN)
    write(tmp_path / "in" / "undated.txt", OTHER)
    assert run(runner, "ingest", str(tmp_path / "in"), "--index", idx).exit_code == 0
    stats = json.loads(run(runner, "stats", "--json", "--index", idx).stdout)
    assert (stats["documents"], stats["undated"]) == (2, 1)
    assert "undated    1" in run(runner, "stats", "--index", idx).stdout

    hits = json.loads(run(runner, "query", "civilians killed Kharkiv", "--json", "--index", idx).stdout)
    assert sorted(h["undated"] for h in hits) == [False, True]
    assert "undated" in run(runner, "query", "civilians killed Kharkiv", "--index", idx).stdout

    # 606 vs 650 with one side undated: never a conflict, a related pair that says why
    assert json.loads(run(runner, "pairs", "--json", "--index", idx).stdout) == []
    pairs = json.loads(run(runner, "pairs", "--relation", "related", "--json", "--index", idx).stdout)
    assert pairs and all({p["a"]["undated"], p["b"]["undated"]} == {False, True} for p in pairs)
    assert any("no date to order them" in p["reason"] for p in pairs)
    assert "undated" in run(runner, "pairs", "--relation", "related", "--index", idx).stdout

    listing = run(runner, "docs", "--index", idx).stdout
    assert "undated" in listing and "2022-06-13" in listing

    report = json.loads(run(runner, "report", "--json", "--index", idx).stdout)
    claims = [c for cl in report["clusters"] for c in cl["claims"]]
    assert all(c["undated"] is (c["published"] is None) for c in claims)
    md = run(runner, "report", "--format", "md", "--index", idx).stdout
    assert not claims or "undated" in md

    extracted = json.loads(run(runner, "extract", str(tmp_path / "in" / "undated.txt"), "--json").stdout)
    assert extracted[0]["document"]["undated"] is True
    dated = run(
        runner, "extract", str(tmp_path / "in" / "undated.txt"), "--json", "--published", "2022-06-14"
    )
    assert json.loads(dated.stdout)[0]["document"]["published"] == "2022-06-14"


def test_mark_undated_reaches_every_depth() -> None:
    data = {"a": {"published": None}, "b": [{"published": "2022-01-01", "x": {"published": None}}]}
    assert mark_undated(data) == {
        "a": {"published": None, "undated": True},
        "b": [{"published": "2022-01-01", "undated": False, "x": {"published": None, "undated": True}}],
    }
