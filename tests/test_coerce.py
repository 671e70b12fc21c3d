"""The CLI's own argument conversion (xcheck/cli/coerce.py): the values and messages typer's pydantic
conversion gave, for every parameter type xcheck's commands use."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from xcheck.cli.app import app
from xcheck.cli.coerce import InvalidValueError, convert, plan


@pytest.mark.parametrize(
    ("annotation", "value", "want"),
    [
        (str, "x", "x"),
        (int, " 12 ", 12),
        (int, 10, 10),
        (float, "0.5", 0.5),
        (bool, "yes", True),
        (bool, "0", False),
        (Path, "a/b", Path("a/b")),
        (list[int], ("1", "2"), [1, 2]),
        (list[str], ("a",), ["a"]),
    ],
)
def test_convert(annotation: object, value: object, want: object) -> None:
    assert convert(annotation, value) == want


@pytest.mark.parametrize(
    ("annotation", "value", "lo", "hi", "message"),
    [
        (int, "abc", None, None, "Input should be a valid integer, unable to parse string as an integer"),
        (float, "x", None, None, "Input should be a valid number, unable to parse string as a number"),
        (int, "0", 1, None, "Input should be greater than or equal to 1"),
        (float, "-1", 0.0, 1.0, "Input should be greater than or equal to 0"),
        (float, "1.5", 0.0, 1.0, "Input should be less than or equal to 1"),
        (list[int], ("1", "x"), None, None, "Input should be a valid integer"),
    ],
)
def test_bad_values(annotation: object, value: object, lo: object, hi: object, message: str) -> None:
    with pytest.raises(InvalidValueError, match=message):
        convert(annotation, value, lo, hi)


def test_only_plain_types() -> None:
    assert plan(dict[str, int]) is None and plan(list[list[str]]) is None


def test_cli_messages_and_exit_status() -> None:
    res = CliRunner().invoke(app, ["query", "killed", "-k", "0"])
    assert res.exit_code == 2
    assert "Invalid value for '-k' / '--top': Input should be greater than or equal to 1" in res.output
    res = CliRunner().invoke(app, ["remove", "abc"])
    assert res.exit_code == 2 and "valid integer" in res.output
