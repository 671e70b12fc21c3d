"""`xcheck report`: the consistency report as HTML, Markdown or JSON."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputError, UsageError
from .common import IndexOpt, ModelOpt, corpus, translate_errors


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, so a reader never sees half a report.

    The file gets the mode any tool's output gets (0666 less the umask), not the temporary file's 0600.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write there: {exc.strerror or exc}", path=str(path)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            os.fchmod(fh.fileno(), 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@translate_errors
def report(
    fmt_given: Annotated[
        str | None,
        typer.Option("--format", "-f", help="html, md or json (default: html).", show_default=False),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to FILE instead of stdout.")
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Only facts that this source reports on.")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only claims published on or after DATE (YYYY-MM-DD).")
    ] = None,
    index: IndexOpt = None,
    model: ModelOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="The same as --format json.")] = False,
) -> None:
    """Write the consistency report: summary, then each fact with a conflict or an update."""
    fmt = (fmt_given or "html").lower()
    if fmt not in ("html", "md", "markdown", "json"):
        raise UsageError(f"unknown report format {fmt!r}; choose html, md or json", param="format")
    if as_json:
        if fmt_given and fmt != "json":
            raise UsageError(f"--json and --format {fmt} ask for two different formats")
        fmt = "json"
    from ..report_data import build_report_data
    from ..reports import render

    with corpus(index, model) as c:
        c.update_pairs()
        data = build_report_data(c, source=source, since=since)
    text = render(data, fmt)
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    write_atomically(output, text)
    typer.echo(
        f"wrote {output} ({len(data['clusters'])} facts with conflicts or updates, "
        f"{data['summary']['relations']['conflict']} conflicts)"
    )
