"""What every command shares: the --index/--model options, error translation, output helpers."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from ..errors import UsageError, XcheckError
from ..types import UNDATED, mark_undated
from .coerce import install as install_coercion

if TYPE_CHECKING:  # the library is imported by the commands that use it: `--help` stays fast
    from ..corpus import Corpus

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
BackendOpt = Annotated[
    str | None,
    typer.Option(
        "--backend",
        metavar="onnx|torch",
        help="What runs the model: onnx (ONNX Runtime, int8; the default for the bundled model) or torch "
        "(sentence-transformers; any model). Default: $XCHECK_BACKEND, else as said.",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for machines instead of a table.")]
PathsArg = Annotated[
    list[str], typer.Argument(metavar="PATH", help="Files, folders (recursive) or - for stdin.")
]
SourceOpt = Annotated[
    str | None,
    typer.Option("--source", help="Outlet name for every article of this call.", show_default=False),
]
TitleOpt = Annotated[
    str | None,
    typer.Option("--title", help="Title for every article of this call.", show_default=False),
]
PublishedOpt = Annotated[
    str | None,
    typer.Option(
        "--published",
        metavar="DATE",
        help="Publication date (YYYY-MM-DD) for every article of this call.",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        help="Read every input as txt, md, html or jsonl (default: by suffix).",
        show_default=False,
    ),
]
# What every command that reads articles says about their metadata (shown by --help).
READING_HELP = (
    "Formats by suffix. .txt/.md: optional front matter between two '---' lines at the very top, with "
    "the keys title, source, url and published (YYYY-MM-DD). .html: title, outlet and date from the "
    "page's meta tags. .jsonl: one article per line, with text and optional id, title, source, url, "
    "published. A text without a date takes it from a dateline or a 'Published ...' line at its head. "
    "--source, --title and --published apply to every article of the call and win over what the "
    "articles say. An article with no date at all is kept and marked undated."
)


EXIT_USAGE = 2
# Library parameter names whose flag is not simply ``--name-with-dashes``.
FLAGS = {"k": "-k"}


def flag_of(param: str) -> str:
    return FLAGS.get(param, "--" + param.replace("_", "-"))


def message_of(err: XcheckError) -> str:
    """The error's message, naming the parameter at fault by its CLI flag."""
    if isinstance(err, UsageError) and err.param:
        return f"{flag_of(err.param)}: {err.reason}"
    return str(err)


def _usage_name(param: Any) -> str:
    name = (param.metavar or param.name or "").upper()
    if param.nargs != 1:
        name += "..."
    return name if param.required else f"[{name}]"


def _is_argument(param: Any) -> bool:
    return getattr(param, "param_type_name", None) == "argument"


def _tidy(params: list[Any]) -> list[Any]:
    """Flags take no value, so help shows no type for them (typer would print ``<bool>``); values are
    converted without pydantic (``coerce.py``)."""
    for p in params:
        if not _is_argument(p) and (getattr(p, "is_flag", False) or getattr(p, "count", False)):
            p.metavar = ""
    return install_coercion(params)


class Command(TyperCommand):
    """A command whose help shows ``PATH...`` in its usage line and no type next to flags."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _tidy(super().get_params(ctx))

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        pieces += [_usage_name(p) for p in self.get_params(ctx) if _is_argument(p)]
        return pieces


class Group(TyperGroup):
    """The top-level group, with the same help conventions as ``Command``; its help lists each command
    with the whole first paragraph of its help (click would cut it at the first sentence or at the
    width of one line)."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _tidy(super().get_params(ctx))

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                first = (cmd.short_help or cmd.help or "").strip().split("\n\n")[0]
                rows.append((name, " ".join(first.split())))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


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
    """Turn xcheck's errors into one clear line on stderr, never a traceback.

    Exit status 2 for a usage error (a bad option value, like typer's own), 1 for any other error.
    """

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except UsageError as err:
            raise fail(message_of(err), EXIT_USAGE) from None
        except XcheckError as err:
            raise fail(message_of(err)) from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None
        except BrokenPipeError:
            raise typer.Exit(1) from None

    return wrapper


@contextmanager
def corpus(
    index: str | None,
    model: str | None = None,
    *,
    create: bool = False,
    backend: str | None = None,
    read_only: bool = False,
) -> Iterator[Corpus]:
    from ..corpus import Corpus

    c = Corpus(index, model=model, create=create, backend=backend, read_only=read_only)
    try:
        yield c
    finally:
        c.close()


def print_json(data: Any, *, indent: int | None = 2) -> None:
    """JSON on stdout; every claim or document without a date is marked ``"undated": true``."""
    sys.stdout.write(json.dumps(mark_undated(data), ensure_ascii=False, indent=indent) + "\n")


def date_of(published: str | None) -> str:
    """A publication date for people: the date, or "undated"."""
    return published or UNDATED


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
