"""The typer application: each command lives in its own module and only translates."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import __version__
from .check import HELP as CHECK_HELP
from .check import check
from .common import Command, Group
from .demo import demo
from .documents import docs, remove
from .evaluate import eval_
from .events import event, events
from .extract import HELP as EXTRACT_HELP
from .extract import extract
from .ingest import HELP as INGEST_HELP
from .ingest import ingest
from .pairs import clusters, pairs
from .query import query
from .report import report
from .serve import serve
from .stats import stats

app = typer.Typer(
    name="xcheck",
    cls=Group,
    help="Cross-check facts across news sources.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    # Plain help, as click writes it: rendering it with rich would import rich, markdown-it and pygments
    # (about 0.3 s, more than the rest of `xcheck --help`; README, "Fast start").
    rich_markup_mode=None,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"xcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", help="Print the version and exit.", callback=_show_version, is_eager=True),
    ] = False,
) -> None:
    """Cross-check facts across news sources."""


HELPS = {"ingest": INGEST_HELP, "check": CHECK_HELP, "extract": EXTRACT_HELP}
for name, func in (
    ("ingest", ingest),
    ("query", query),
    ("stats", stats),
    ("docs", docs),
    ("remove", remove),
    ("demo", demo),
    ("extract", extract),
    ("pairs", pairs),
    ("clusters", clusters),
    ("events", events),
    ("event", event),
    ("eval", eval_),
    ("check", check),
    ("serve", serve),
    ("report", report),
):
    app.command(name=name, cls=Command, help=HELPS.get(name))(func)


def main() -> None:
    app(prog_name="xcheck")
