"""`xcheck demo`: index the bundled sample corpus and show what a query finds.

The demo never touches the user's own index: unless ``--index`` is given it uses a folder of its own.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from .common import BackendOpt, ModelOpt, corpus, one_line, translate_errors
from .ingest import TerminalProgress, summary_line
from .pairs import pair_lines
from .query import hits_table

DEMO_QUERY = "how many civilians were killed in the Kharkiv region"
DEMO_INDEX_ENV = "XCHECK_DEMO_INDEX"


def sample_corpus() -> Path:
    """The sample articles shipped inside the package (``xcheck/data/examples``)."""
    here = Path(__file__).resolve().parents[1] / "data" / "examples"
    if here.is_dir():
        return here
    raise UsageError(f"the sample corpus is missing from this installation ({here}); pass --corpus DIR")


def demo_index() -> Path:
    """The demo's own index: ``$XCHECK_DEMO_INDEX``, else ``xcheck/demo-index`` in the user's cache."""
    explicit = os.environ.get(DEMO_INDEX_ENV)
    if explicit:
        return Path(explicit)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "xcheck" / "demo-index"


@translate_errors
def demo(
    corpus_dir: Annotated[
        Path | None,
        typer.Option("--corpus", help="Folder of articles to use instead of the bundled sample corpus."),
    ] = None,
    question: Annotated[str, typer.Option("--query", help="The query to run after ingesting.")] = DEMO_QUERY,
    index: Annotated[
        str | None,
        typer.Option(
            "--index",
            help="Index folder for the demo (default: a folder of its own in the user's cache, never "
            "./index or $XCHECK_INDEX).",
            show_default=False,
        ),
    ] = None,
    model: ModelOpt = None,
    backend: BackendOpt = None,
) -> None:
    """Ingest the bundled sample corpus into an index of its own, then run a query and show conflicts."""
    folder = corpus_dir or sample_corpus()
    where = Path(index) if index else demo_index()
    typer.echo(f"Ingesting {folder} into {where} ...")
    progress = TerminalProgress()
    with corpus(str(where), model, create=True, backend=backend) as c:
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
        typer.echo(
            f"\n{len(conflicts)} conflicts across sources; the first three "
            f"(see `xcheck pairs --index {where}`):\n"
        )
        for p in conflicts[:3]:
            typer.echo("\n".join(pair_lines(p)))
    if report.failed:
        raise typer.Exit(1)
