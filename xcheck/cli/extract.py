"""`xcheck extract`: the claims of articles with their spans and frames, without any index."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ..types import Document, IngestFailure
from .common import (
    READING_HELP,
    FormatOpt,
    JsonOpt,
    PathsArg,
    PublishedOpt,
    SourceOpt,
    TitleOpt,
    date_of,
    one_line,
    print_json,
    translate_errors,
)

HELP = f"Print each claim of each article with its span and frame (nothing is indexed).\n\n{READING_HELP}"


def _quantity(q: dict[str, Any]) -> str:
    low, high = q.get("low"), q.get("high")
    interval = f"[{'-inf' if low is None else f'{low:g}'}, {'inf' if high is None else f'{high:g}'}]"
    what = " ".join(x for x in (q.get("measure"), q.get("subject")) if x)
    return f"{q['text']!r} {q['kind']} {interval}{' ' + what if what else ''}"


def describe(frame: dict[str, Any]) -> list[str]:
    """The frame of one claim as short lines for people."""
    lines = [f"quantity: {_quantity(q)}" for q in frame.get("quantities", [])]
    if frame.get("negated"):
        lines.append("negated")
    for m in frame.get("memberships", []):
        lines.append(
            f"membership: {'NOT ' if m['negated'] else ''}{m['entity']} {m['relation']} {m['treaty']}"
        )
    if frame.get("places"):
        lines.append("places: " + ", ".join(f"{p['name']} ({p['type']})" for p in frame["places"]))
    if frame.get("scope"):
        lines.append(f"scope: {frame['scope']}")
    if frame.get("dates"):
        lines.append("dates: " + ", ".join(frame["dates"]))
    if frame.get("as_of"):
        lines.append(f"as of: {frame['as_of']}")
    if frame.get("attribution"):
        lines.append(f"according to: {frame['attribution']}")
    return lines


@translate_errors
def extract(
    paths: PathsArg,
    source: SourceOpt = None,
    title: TitleOpt = None,
    published: PublishedOpt = None,
    fmt: FormatOpt = None,
    encoding: Annotated[str, typer.Option("--encoding", help="Text encoding of the inputs.")] = "utf-8",
    as_json: JsonOpt = False,
) -> None:
    """Print each claim of each article with its span and frame (nothing is indexed)."""
    from ..corpus import claims_of
    from ..ingest.readers import Metadata, read_inputs

    meta = Metadata.of(source=source, title=title, published=published)
    out: list[dict[str, Any]] = []
    failed = 0
    for item in read_inputs(paths, fmt=fmt, encoding=encoding, meta=meta):
        if isinstance(item, IngestFailure):
            typer.echo(f"xcheck: error: {one_line(item.message)}", err=True)
            failed += 1
            continue
        doc: Document = item
        document = {
            "origin": doc.origin,
            "title": doc.title,
            "source": doc.source,
            "url": doc.url,
            "published": doc.published,
        }
        claims = claims_of(doc)
        if as_json:
            out.extend(
                {"text": c.text, "start": c.start, "end": c.end, **c.frame, "document": document}
                for c in claims
            )
            continue
        typer.echo(
            f"== {doc.origin}  {doc.source or '-'}  {date_of(doc.published)}  {doc.title or ''}".rstrip()
        )
        for c in claims:
            typer.echo(f"[{c.start}:{c.end}] {c.text}")
            for line in describe(c.frame):
                typer.echo(f"    {line}")
        typer.echo("")
    if as_json:
        print_json(out)
    if failed:
        raise typer.Exit(1)
