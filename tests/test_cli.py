"""The CLI: every command through typer's CliRunner, with the fake model in place of the real one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xcheck.cli.app import app

from .conftest import write

ARTICLE = """---
title: Kharkiv toll
source: Northern Ledger
url: https://example.org/a
published: 2022-06-13
---
Officials said 606 civilians have been killed in the Kharkiv region since February 24.

More than six million refugees have fled Ukraine, according to the UN refugee agency.
"""


def run(runner: CliRunner, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


def test_ingest_query_stats_json(runner: CliRunner, tmp_path: Path) -> None:
    a = write(tmp_path / "a.md", ARTICLE)
    idx = str(tmp_path / "idx")
    r = run(runner, "ingest", str(a), "--index", idx)
    assert r.exit_code == 0, r.output
    assert "1 documents, 2 claims indexed" in r.stdout and "0 failed" in r.stdout

    r = run(runner, "query", "civilians killed in the Kharkiv region", "-k", "1", "--json", "--index", idx)
    assert r.exit_code == 0
    [hit] = json.loads(r.stdout)
    assert set(hit) >= {"text", "score", "source", "published", "title", "doc_id", "claim_id"}
    assert hit["source"] == "Northern Ledger" and "606" in hit["text"] and 0 < hit["score"] <= 1.0001

    r = run(runner, "stats", "--json", "--index", idx)
    data = json.loads(r.stdout)
    assert (data["documents"], data["claims"], data["sources"]) == (1, 2, 1)
    assert data["model"] == "fake/bag-of-words" and data["index_bytes"] > 0


def test_query_table_for_people(runner: CliRunner, tmp_path: Path) -> None:
    a = write(tmp_path / "a.md", ARTICLE)
    run(runner, "ingest", str(a), "--index", str(tmp_path / "idx"))
    r = run(runner, "query", "refugees fled", "--index", str(tmp_path / "idx"))
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["score", "source", "published", "title", "claim"]
    assert "Northern Ledger" in r.stdout and "2022-06-13" in r.stdout


def test_xcheck_index_env_is_used(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XCHECK_INDEX", str(tmp_path / "envidx"))
    a = write(tmp_path / "a.md", ARTICLE)
    assert run(runner, "ingest", str(a)).exit_code == 0
    assert (tmp_path / "envidx" / "xcheck.sqlite").exists()
    assert json.loads(run(runner, "stats", "--json").stdout)["claims"] == 2


def test_default_index_is_dot_index(runner: CliRunner, tmp_path: Path) -> None:
    a = write(tmp_path / "a.md", ARTICLE)
    assert run(runner, "ingest", str(a)).exit_code == 0
    assert (tmp_path / "index" / "xcheck.sqlite").exists()  # the tests run inside tmp_path


def test_stdin_ingest(runner: CliRunner, tmp_path: Path) -> None:
    idx = str(tmp_path / "idx")
    r = run(
        runner,
        "ingest",
        "-",
        "--source",
        "Radio X",
        "--index",
        idx,
        input="Officials said 12 people were hurt.",
    )
    assert r.exit_code == 0, r.output
    hits = json.loads(run(runner, "query", "people hurt", "--json", "--index", idx).stdout)
    assert hits[0]["source"] == "Radio X"


def test_bad_inputs_are_reported_and_the_batch_goes_on(runner: CliRunner, tmp_path: Path) -> None:
    d = tmp_path / "batch"
    write(d / "good.md", ARTICLE)
    write(d / "empty.txt", "")
    write(d / "binary.txt", b"\x00\x01\x02binary")
    write(d / "latin.txt", b"caf\xe9 3 cups")
    write(d / "lines.jsonl", '{"text": "Wire says 40 died in the strike."}\n{broken\n{"title": "x"}\n')
    idx = str(tmp_path / "idx")
    r = run(runner, "ingest", str(d), str(tmp_path / "missing.md"), "--index", idx)
    assert r.exit_code == 1
    err = r.stderr.splitlines()
    assert f"xcheck: error: {d / 'binary.txt'}: this looks like a binary file, not text" in err
    assert f"xcheck: error: {d / 'empty.txt'}: the file is empty" in err
    assert any(
        line.startswith(f"xcheck: error: {d / 'latin.txt'}: the text is not valid utf-8") for line in err
    )
    assert any(line.startswith(f"xcheck: error: {d / 'lines.jsonl'}:2: not valid JSON") for line in err)
    assert f'xcheck: error: {d / "lines.jsonl"}:3: no "text" field' in err
    assert f"xcheck: error: {tmp_path / 'missing.md'}: no such file or directory" in err
    assert "Traceback" not in r.output
    assert "2 documents" in r.stdout and "6 failed" in r.stdout
    stats = json.loads(run(runner, "stats", "--json", "--index", idx).stdout)
    assert stats["documents"] == 2  # the good article and the good JSONL line are in


def test_errors_are_one_line_without_traceback(runner: CliRunner, tmp_path: Path) -> None:
    r = run(runner, "query", "anything", "--index", str(tmp_path / "none"))
    assert r.exit_code == 1
    assert r.stderr.strip().startswith("xcheck: error: no index at")
    assert len(r.stderr.strip().splitlines()) == 1
    r = run(runner, "stats", "--index", str(tmp_path / "none"))
    assert r.exit_code == 1 and "no index at" in r.stderr


def test_model_mismatch_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    a = write(tmp_path / "a.md", ARTICLE)
    idx = str(tmp_path / "idx")
    run(runner, "ingest", str(a), "--index", idx)
    r = run(runner, "query", "killed", "--index", idx, "--model", "someone/else")
    assert r.exit_code == 1 and "built with the model 'fake/bag-of-words'" in r.stderr


def test_demo_uses_an_index_of_its_own(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = write(tmp_path / "mine.md", ARTICLE)
    assert run(runner, "ingest", str(mine)).exit_code == 0  # the user's own ./index
    monkeypatch.setenv("XCHECK_INDEX", str(tmp_path / "index"))
    before = json.loads(run(runner, "stats", "--json").stdout)
    r = run(runner, "demo")
    assert r.exit_code == 0, r.output
    demo_index = tmp_path / "cache" / "xcheck" / "demo-index"
    assert f"into {demo_index}" in r.stdout
    assert json.loads(run(runner, "stats", "--json").stdout) == before  # untouched
    assert json.loads(run(runner, "stats", "--json", "--index", str(demo_index)).stdout)["documents"] >= 8
    docs = json.loads(run(runner, "docs", "--json").stdout)
    assert [d["source"] for d in docs] == ["Northern Ledger"]  # no "Danube Wire" among the user's articles


def test_glob_of_examples_takes_articles_only() -> None:
    from .conftest import REPO

    names = sorted(p.name for p in (REPO / "examples").glob("*"))  # what `xcheck ingest examples/*` reads
    assert names and all(n.endswith((".md", ".html", ".jsonl")) for n in names)
    assert not [n for n in names if n.lower().startswith(("readme", "license", "notes"))]
    assert (REPO / "examples").resolve() == (REPO / "xcheck" / "data" / "examples").resolve()  # one copy


def test_demo_ingests_the_sample_corpus(runner: CliRunner, tmp_path: Path) -> None:
    r = run(runner, "demo", "--index", str(tmp_path / "idx"))
    assert r.exit_code == 0, r.output
    assert "Query: " in r.stdout and "score" in r.stdout
    stats = json.loads(run(runner, "stats", "--json", "--index", str(tmp_path / "idx")).stdout)
    assert stats["documents"] >= 8 and stats["sources"] >= 5


def test_help_lists_commands(runner: CliRunner) -> None:
    r = run(runner, "--help")
    for name in ("ingest", "query", "stats", "demo"):
        assert name in r.stdout
