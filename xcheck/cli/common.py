"""What every command shares: the --index/--model options, error translation, output helpers."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Annotated, Any, ParamSpec, TypeVar

import typer

from ..corpus import Corpus
from ..errors import XcheckError

P = ParamSpec("P")
R = TypeVar("R")

IndexOpt = Annotated[
    str | None,
    typer.Option("--index", help="Index folder (default: $XCHECK_INDEX, else ./index).", show_default=False),
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="Embedding model: a local folder or a hub name (default: $XCHECK_MODEL, else the model the "
        "index was built with, else the bundled all-MiniLM-L6-v2).",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for machines instead of a table.")]


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """``text`` with line breaks and other control characters escaped, so that a file name holding a
    newline cannot make one message look like several (or forge a log line)."""
    out = []
    for ch in text:
        code = ord(ch)
        if code < 0x20 or 0x7F <= code < 0xA0 or ch in "\u2028\u2029":
            out.append(_ESCAPES.get(ch) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"))
        else:
            out.append(ch)
    return "".join(out)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Write one line on stderr and return the Exit to raise."""
    typer.echo(f"xcheck: error: {one_line(message)}", err=True)
    return typer.Exit(code)


def translate_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn xcheck's errors into one clear line on stderr and exit status 1, never a traceback."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except XcheckError as err:
            raise fail(str(err)) from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None
        except BrokenPipeError:
            raise typer.Exit(1) from None

    return wrapper


@contextmanager
def corpus(index: str | None, model: str | None = None, *, create: bool = False) -> Iterator[Corpus]:
    c = Corpus(index, model=model, create=create)
    try:
        yield c
    finally:
        c.close()


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def shorten(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def table(headers: list[str], rows: list[list[str]], widths: list[int]) -> str:
    """A plain fixed-width table; the last column takes what is left and wraps."""
    import textwrap

    out = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    out.append("  ".join("-" * w for w in widths))
    for row in rows:
        cells = [shorten(c, w) for c, w in zip(row[:-1], widths[:-1], strict=True)]
        last = textwrap.wrap(" ".join(row[-1].split()), widths[-1]) or [""]
        indent = sum(w + 2 for w in widths[:-1])
        out.append("  ".join(c.ljust(w) for c, w in zip(cells, widths[:-1], strict=True)) + "  " + last[0])
        out.extend(" " * indent + line for line in last[1:])
    return "\n".join(out)
