"""`xcheck check`: new articles against the corpus, with linter-style exit codes."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from ..check import ArticleCheck, check_documents
from ..errors import XcheckError
from ..ingest.readers import read_inputs
from .common import IndexOpt, ModelOpt, corpus, fail, one_line, shorten, translate_errors

EXIT_CLEAN, EXIT_CONFLICTS, EXIT_ERRORS = 0, 1, 2


def render_article(a: ArticleCheck) -> list[str]:
    d = a.document
    lines = [f"{d.origin}: {d.source or 'unknown source'} {d.published or ''} {d.title or ''}".rstrip()]
    for c in a.claims:
        if not c["conflicting"] and not c["corroborating"]:
            continue
        lines.append(f"  claim [{c['start']}:{c['end']}] {shorten(c['text'], 140)}")
        for m in c["conflicting"]:
            lines.append(f"    CONFLICT {m['reason']}")
            lines.append(
                f"      vs {m['source'] or 'unknown'} {m['published'] or '-'}: {shorten(m['text'], 120)}"
            )
        for m in c["corroborating"]:
            lines.append(f"    {m['relation']} {m['reason']}")
            lines.append(
                f"      by {m['source'] or 'unknown'} {m['published'] or '-'}: {shorten(m['text'], 120)}"
            )
    lines.append(
        f"  {len(a.claims)} claims, {a.conflicts} conflicts, "
        f"{sum(len(c['corroborating']) for c in a.claims)} corroborations"
    )
    return lines


@translate_errors
def check(
    paths: Annotated[list[str], typer.Argument(help="New articles: files, folders or - for stdin.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per article (JSON Lines).")
    ] = False,
    add: Annotated[bool, typer.Option("--add", help="Add the articles to the index after checking.")] = False,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Always exit 0, even on conflicts.")] = False,
    source: Annotated[str | None, typer.Option("--source", help="Outlet name for these articles.")] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help="txt, md, html or jsonl (default: by suffix).")
    ] = None,
    index: IndexOpt = None,
    model: ModelOpt = None,
) -> None:
    """Check new articles against the indexed corpus. Exit 0: no conflict, 1: conflicts, 2: errors."""
    try:
        items = list(read_inputs(paths, fmt=fmt, source=source))
        with corpus(index, model, create=add) as c:
            result = check_documents(c, items, add=add)
    except XcheckError as err:  # usage and input errors exit 2, like a linter's
        raise fail(str(err), EXIT_ERRORS) from None
    for failure in result.failed:
        typer.echo(f"xcheck: error: {one_line(failure.message)}", err=True)
    for note in result.notes:
        typer.echo(f"xcheck: note: {one_line(note)}", err=True)
    for article in result.articles:
        if as_json:
            sys.stdout.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
        else:
            typer.echo("\n".join(render_article(article)))
    if not as_json:
        typer.echo(f"{len(result.articles)} articles checked, {result.conflicts} conflicts found")
        if result.added is not None:
            typer.echo(f"added: {result.added.documents} documents, {result.added.claims} claims")
    if exit_zero:
        raise typer.Exit(EXIT_CLEAN)
    if result.failed:
        raise typer.Exit(EXIT_ERRORS)
    raise typer.Exit(EXIT_CONFLICTS if result.conflicts else EXIT_CLEAN)
