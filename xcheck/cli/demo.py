"""`xcheck demo`: index the bundled sample corpus and show what a query finds."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from .common import IndexOpt, ModelOpt, corpus, one_line, translate_errors
from .ingest import TerminalProgress, summary_line
from .pairs import pair_lines
from .query import hits_table

DEMO_QUERY = "how many civilians were killed in the Kharkiv region"


def sample_corpus() -> Path:
    """The repository's ``examples/`` folder (present in a clone and in an editable install)."""
    here = Path(__file__).resolve().parents[2] / "examples"
    if here.is_dir():
        return here
    raise UsageError("the sample corpus (examples/) is not next to this installation; pass --corpus DIR")


@translate_errors
def demo(
    corpus_dir: Annotated[
        Path | None, typer.Option("--corpus", help="Folder of articles to use instead of examples/.")
    ] = None,
    question: Annotated[str, typer.Option("--query", help="The query to run after ingesting.")] = DEMO_QUERY,
    index: IndexOpt = None,
    model: ModelOpt = None,
) -> None:
    """Ingest the bundled sample corpus, then run a query over it and show what was found."""
    folder = corpus_dir or sample_corpus()
    typer.echo(f"Ingesting {folder} ...")
    progress = TerminalProgress()
    with corpus(index, model, create=True) as c:
        try:
            report = c.ingest([str(folder)], progress=progress)
        finally:
            progress.close()
        for failure in report.failed:
            typer.echo(f"xcheck: error: {one_line(failure.message)}", err=True)
        typer.echo(summary_line(report))
        stats = c.stats()
        typer.echo(
            f"The index at {stats['index']} holds {stats['documents']} documents and "
            f"{stats['claims']} claims from {stats['sources']} sources.\n"
        )
        typer.echo(f'Query: "{question}"\n')
        typer.echo(hits_table(c.query(question, k=5)))
        c.update_pairs()
        conflicts = c.pairs(relation="conflict")
        typer.echo(f"\n{len(conflicts)} conflicts across sources; the first three (see `xcheck pairs`):\n")
        for p in conflicts[:3]:
            typer.echo("\n".join(pair_lines(p)))
    if report.failed:
        raise typer.Exit(1)
