"""The typer application: each command lives in its own module and only translates."""

from __future__ import annotations

import typer

from .check import check
from .demo import demo
from .evaluate import eval_
from .extract import extract
from .ingest import ingest
from .pairs import clusters, pairs
from .query import query
from .report import report
from .serve import serve
from .stats import stats

app = typer.Typer(
    name="xcheck",
    help="Cross-check facts across news sources.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
app.command()(ingest)
app.command()(query)
app.command()(stats)
app.command()(demo)
app.command()(extract)
app.command()(pairs)
app.command()(clusters)
app.command(name="eval")(eval_)
app.command()(check)
app.command()(serve)
app.command()(report)


def main() -> None:
    app()
