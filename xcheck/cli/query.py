"""`xcheck query`: the claims nearest to a sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from .common import (
    BackendOpt,
    IndexOpt,
    JsonOpt,
    ModelOpt,
    corpus,
    date_of,
    print_json,
    table,
    translate_errors,
)

if TYPE_CHECKING:
    from ..types import Hit


def hits_table(hits: list[Hit]) -> str:
    rows = [[f"{h.score:.3f}", h.source or "-", date_of(h.published), h.title or "-", h.text] for h in hits]
    return table(["score", "source", "published", "title", "claim"], rows, [5, 18, 10, 24, 70])


@translate_errors
def query(
    text: Annotated[str, typer.Argument(help="A sentence to look for.")],
    k: Annotated[int, typer.Option("-k", "--top", min=1, help="How many claims to show.")] = 10,
    index: IndexOpt = None,
    model: ModelOpt = None,
    backend: BackendOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show the indexed claims most similar to TEXT."""
    with corpus(index, model, backend=backend, read_only=True) as c:  # vectors mapped, not read
        hits = c.query(text, k=k)
    if as_json:
        print_json([h.to_dict() for h in hits])
    elif not hits:
        typer.echo("The index holds no claims yet.")
    else:
        typer.echo(hits_table(hits))
