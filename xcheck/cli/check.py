"""`xcheck check`: new articles against the corpus, with linter-style exit codes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import XcheckError
from .common import (
    READING_HELP,
    BackendOpt,
    FormatOpt,
    IndexOpt,
    ModelOpt,
    PathsArg,
    PublishedOpt,
    SourceOpt,
    TitleOpt,
    corpus,
    date_of,
    fail,
    message_of,
    one_line,
    print_json,
    shorten,
    translate_errors,
)

if TYPE_CHECKING:
    from ..check import ArticleCheck

EXIT_CLEAN, EXIT_CONFLICTS, EXIT_ERRORS = 0, 1, 2
_CUE_NAMES = {
    "agent": "who did it",
    "weapon": "with what",
    "denial": "whether it happened",
    "status": "the state of the target",
    "numeric": "the numbers",
}


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render_article(a: ArticleCheck) -> list[str]:
    d = a.document
    lines = [f"{d.origin}: {d.source or 'unknown source'} {date_of(d.published)} {d.title or ''}".rstrip()]
    for c in a.claims:
        if not c["conflicting"] and not c["corroborating"]:
            continue
        lines.append(f"  claim [{c['start']}:{c['end']}] {shorten(c['text'], 140)}")
        for m in c["conflicting"]:
            lines.append(f"    CONFLICT {m['reason']}")
            lines.append(
                f"      vs {m['source'] or 'unknown'} {date_of(m['published'])}: {shorten(m['text'], 120)}"
            )
        for m in c["corroborating"]:
            lines.append(f"    {m['relation']} {m['reason']}")
            lines.append(
                f"      by {m['source'] or 'unknown'} {date_of(m['published'])}: {shorten(m['text'], 120)}"
            )
    for e in a.events:
        n = plural(e["claims"], "claim")
        lines.append(f"  touches event {e['id']}: {e['label']} ({n} of this article)")
        by_cue: dict[str, set[str]] = {}
        for x in e["conflicts"]:
            by_cue.setdefault(_CUE_NAMES.get(x["cue"], x["cue"] or "other"), set()).add(
                x["against"]["source"] or "unknown"
            )
        for cue, sources in sorted(by_cue.items()):
            lines.append(f"    contradicts {', '.join(sorted(sources))} on {cue}")
    lines.append(
        f"  {len(a.claims)} claims, {a.conflicts} conflicts, "
        f"{sum(len(c['corroborating']) for c in a.claims)} corroborations"
    )
    return lines


HELP = (
    "Check new articles against the indexed corpus. Exit 0: no conflict, 1: conflicts, 2: errors."
    f"\n\n{READING_HELP}"
)


@translate_errors
def check(
    paths: PathsArg,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per article (JSON Lines).")
    ] = False,
    add: Annotated[bool, typer.Option("--add", help="Add the articles to the index after checking.")] = False,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Always exit 0, even on conflicts.")] = False,
    source: SourceOpt = None,
    title: TitleOpt = None,
    published: PublishedOpt = None,
    fmt: FormatOpt = None,
    index: IndexOpt = None,
    model: ModelOpt = None,
    backend: BackendOpt = None,
) -> None:
    """Check new articles against the indexed corpus. Exit 0: no conflict, 1: conflicts, 2: errors."""
    from ..check import check_documents
    from ..ingest.readers import Metadata, read_inputs

    try:
        meta = Metadata.of(source=source, title=title, published=published)
        items = list(read_inputs(paths, fmt=fmt, meta=meta))
        with corpus(index, model, create=add, backend=backend) as c:
            result = check_documents(c, items, add=add)
    except XcheckError as err:  # usage and input errors exit 2, like a linter's
        raise fail(message_of(err), EXIT_ERRORS) from None
    for failure in result.failed:
        typer.echo(f"xcheck: error: {one_line(failure.message)}", err=True)
    for note in result.notes:
        typer.echo(f"xcheck: note: {one_line(note)}", err=True)
    for article in result.articles:
        if as_json:
            print_json(article.to_dict(), indent=None)
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
