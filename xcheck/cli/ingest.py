"""`xcheck ingest`: read articles into the index."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .common import (
    READING_HELP,
    BackendOpt,
    FormatOpt,
    IndexOpt,
    JsonOpt,
    ModelOpt,
    PathsArg,
    PublishedOpt,
    SourceOpt,
    TitleOpt,
    corpus,
    one_line,
    print_json,
    translate_errors,
)
from .ray_options import RayAddressOpt, RayOpt, ray_target

if TYPE_CHECKING:
    from ..types import IngestReport


class TerminalProgress:
    """A progress bar on stderr with the rate (documents/s) and the time left, drawn only when stderr is
    a terminal."""

    def __init__(self, clock: Any = time.monotonic) -> None:
        self.enabled = sys.stderr.isatty()
        self._bar: Any = None
        self._done = 0
        self._clock = clock
        self._started = 0.0
        self._total = 0

    def rate(self) -> str:
        """Documents per second so far and the time left at that rate (empty during the first second)."""
        seconds = self._clock() - self._started
        if seconds < 1.0 or not self._done:
            return ""
        per_second = self._done / seconds
        left = round((self._total - self._done) / per_second)
        return f"{per_second:.1f} docs/s, {left // 60}:{left % 60:02d} left"

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < 2:
            return
        self._total = total
        if self._bar is None:
            self._started = self._clock()
            self._bar = typer.progressbar(
                length=total,
                label="ingesting",
                file=sys.stderr,
                show_eta=False,  # the time left is in rate(), from the same clock
                show_pos=True,
                show_percent=True,
                item_show_func=lambda _: self.rate(),
            )
            self._bar.__enter__()
        if done > self._done:
            self._bar.current_item = done
            self._bar.update(done - self._done)
            self._done = done

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def summary_line(report: IngestReport) -> str:
    return (
        f"{report.documents} documents, {report.claims} claims indexed; "
        f"{report.skipped} skipped (unchanged), {len(report.failed)} failed, "
        f"{report.embedded} embedded; {report.seconds:.1f} s"
    )


HELP = (
    "Read articles (txt/md with front matter, html, jsonl), extract their claims and index them."
    f"\n\n{READING_HELP}"
)


@translate_errors
def ingest(
    paths: PathsArg,
    source: SourceOpt = None,
    title: TitleOpt = None,
    published: PublishedOpt = None,
    fmt: FormatOpt = None,
    encoding: Annotated[str, typer.Option("--encoding", help="Text encoding of the inputs.")] = "utf-8",
    index: IndexOpt = None,
    model: ModelOpt = None,
    backend: BackendOpt = None,
    as_json: JsonOpt = False,
    ray: RayOpt = False,
    ray_address: RayAddressOpt = None,
) -> None:
    """Read articles (txt/md with front matter, html, jsonl), extract their claims and index them."""
    from ..ingest.readers import Metadata

    meta = Metadata.of(source=source, title=title, published=published)
    address = ray_target(ray, ray_address)
    progress = TerminalProgress()
    with corpus(index, model, create=True, backend=backend) as c:
        try:
            if address is None:
                report = c.ingest(paths, fmt=fmt, encoding=encoding, progress=progress, meta=meta)
            else:
                from ..distributed.ingest import ingest as ray_ingest

                report = ray_ingest(
                    c, paths, address=address, fmt=fmt, encoding=encoding, progress=progress, meta=meta
                )
        finally:
            progress.close()
    for failure in report.failed:
        typer.echo(f"xcheck: error: {one_line(failure.message)}", err=True)
    for note in report.notes:
        typer.echo(f"xcheck: note: {one_line(note)}", err=True)
    if as_json:
        print_json(report.to_dict())
    else:
        typer.echo(summary_line(report))
    if report.failed:
        raise typer.Exit(1)
