"""CLI conventions: --version, completion, help text, exit statuses, stdout/stderr, file modes."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

import xcheck
import xcheck.corpus
from xcheck.cli.app import app

from .conftest import write
from .test_pairs_cli import ARTICLES

COMMANDS = ("ingest", "query", "stats", "docs", "remove", "demo", "extract", "pairs", "clusters", "eval")
COMMANDS += ("check", "serve", "report")


def run(runner: CliRunner, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False, prog_name="xcheck")


@pytest.fixture
def idx(runner: CliRunner, tmp_path: Path) -> str:
    for name, text in ARTICLES.items():
        write(tmp_path / "in" / name, text)
    r = run(runner, "ingest", str(tmp_path / "in"), "--index", str(tmp_path / "idx"))
    assert r.exit_code == 0, r.output
    return str(tmp_path / "idx")


def test_version(runner: CliRunner) -> None:
    r = run(runner, "--version")
    assert r.exit_code == 0 and r.stdout.strip() == f"xcheck {xcheck.__version__}"


def test_shell_completion_is_offered(runner: CliRunner) -> None:
    out = run(runner, "--help").stdout
    assert "--install-completion" in out and "--show-completion" in out


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_no_bool_type_and_no_braces(runner: CliRunner, command: str) -> None:
    r = run(runner, command, "--help")
    assert r.exit_code == 0
    assert "<bool>" not in r.stdout
    usage = next(line for line in r.stdout.splitlines() if "Usage:" in line)
    assert "{" not in usage and "}" not in usage, usage
    if command in ("ingest", "check", "extract"):
        assert re.search(r"Usage: xcheck \w+ \[OPTIONS\] PATH\.\.\.", usage), usage


def test_top_level_help_shows_no_bool(runner: CliRunner) -> None:
    assert "<bool>" not in run(runner, "--help").stdout


@pytest.mark.parametrize("command", ["ingest", "check", "extract"])
def test_front_matter_keys_are_in_help(runner: CliRunner, command: str) -> None:
    text = " ".join(run(runner, command, "--help").stdout.split())
    for key in ("title", "source", "url", "published"):
        assert key in text
    assert "front matter" in text and "dateline" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["pairs", "--relation", "nonsense"], "--relation: unknown relation 'nonsense'"),
        (["report", "--format", "pdf"], "--format: unknown report format 'pdf'"),
        (["report", "--since", "junk"], "--since: cannot read the date 'junk'"),
        (["report", "--json", "--format", "md"], "ask for two different formats"),
        (["ingest", "--format", "pdf", "x.txt"], "--format: unknown format 'pdf'"),
        (["extract", "--format", "pdf", "x.txt"], "--format: unknown format 'pdf'"),
        (["ingest", "--published", "someday", "x.txt"], "--published: cannot read the date 'someday'"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    runner: CliRunner, idx: str, args: list[str], message: str
) -> None:
    r = run(runner, *args) if args[0] == "extract" else run(runner, *args, "--index", idx)
    assert r.exit_code == 2, r.output
    assert r.stderr.strip() == f"xcheck: error: {message}" or (
        r.stderr.startswith("xcheck: error: ") and message in r.stderr and len(r.stderr.splitlines()) == 1
    ), r.stderr
    assert r.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        ["pairs", "--min-similarity", "1.5"],
        ["pairs", "--min-similarity", "-0.1"],
        ["clusters", "--min-similarity", "2"],
        ["query", "x", "-k", "0"],
        ["eval", "labels.jsonl", "--floor", "1.2"],
    ],
)
def test_out_of_range_values_are_usage_errors(runner: CliRunner, idx: str, args: list[str]) -> None:
    r = run(runner, *args, "--index", idx) if args[0] != "eval" else run(runner, *args)
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output


def test_input_errors_still_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    r = run(runner, "ingest", str(tmp_path / "missing.md"), "--index", str(tmp_path / "idx"))
    assert r.exit_code == 1 and "no such file" in r.stderr


def test_report_json_switch_is_format_json(runner: CliRunner, idx: str) -> None:
    a = json.loads(run(runner, "report", "--json", "--index", idx).stdout)
    b = json.loads(run(runner, "report", "--format", "json", "--index", idx).stdout)
    a.pop("generated"), b.pop("generated")
    assert a == b and a["schema_version"] == 2


def test_report_file_follows_the_umask(runner: CliRunner, idx: str, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        out = tmp_path / "r.html"
        r = run(runner, "report", "-o", str(out), "--index", idx)
        assert r.exit_code == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
        os.umask(0o027)
        out2 = tmp_path / "r2.md"
        assert run(runner, "report", "-f", "md", "-o", str(out2), "--index", idx).exit_code == 0
        assert stat.S_IMODE(out2.stat().st_mode) == 0o640
    finally:
        os.umask(old)
    assert r.stderr == "" and f"wrote {out}" in r.stdout  # stdout results, stderr errors only
