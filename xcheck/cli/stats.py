"""`xcheck stats`: what the index holds."""

from __future__ import annotations

import typer

from .common import IndexOpt, JsonOpt, corpus, print_json, translate_errors


def human_bytes(n: int) -> str:
    size = float(n)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


@translate_errors
def stats(index: IndexOpt = None, as_json: JsonOpt = False) -> None:
    """Count documents, claims, sources and undated documents; name the model; measure the index."""
    with corpus(index) as c:
        data = c.stats()
    if as_json:
        print_json(data)
        return
    for key, label in (("documents", "documents"), ("claims", "claims"), ("sources", "sources")):
        typer.echo(f"{label:<10} {data[key]}")
    typer.echo(f"{'undated':<10} {data['undated']} documents without a publication date")
    typer.echo(f"{'model':<10} {data['model'] or '-'} ({data['dim'] or '?'} dimensions)")
    typer.echo(f"{'index':<10} {data['index']} ({human_bytes(data['index_bytes'])})")
