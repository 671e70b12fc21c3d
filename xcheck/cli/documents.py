"""`xcheck docs` and `xcheck remove`: what documents the index holds, and taking some out."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import IndexOpt, JsonOpt, corpus, date_of, print_json, table, translate_errors


@translate_errors
def docs(index: IndexOpt = None, as_json: JsonOpt = False) -> None:
    """List the indexed documents: id, source, published, title and number of claims."""
    with corpus(index) as c:
        found = c.documents()
    if as_json:
        print_json(found)
        return
    if not found:
        typer.echo("The index holds no documents yet.")
        return
    rows = [
        [str(d["id"]), d["source"] or "-", date_of(d["published"]), str(d["claims"]), d["title"] or "-"]
        for d in found
    ]
    typer.echo(table(["id", "source", "published", "claims", "title"], rows, [5, 22, 10, 6, 60]))


@translate_errors
def remove(
    doc_ids: Annotated[
        list[int],
        typer.Argument(metavar="DOC_ID", help="Ids of the documents to remove (see `xcheck docs`)."),
    ],
    index: IndexOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Remove documents with their claims, and the pairs and clusters they are part of."""
    with corpus(index) as c:
        done = c.remove(doc_ids)
    if as_json:
        print_json(done)
        return
    typer.echo(f"removed {done['documents']} documents and {done['claims']} claims")
