"""`xcheck events` and `xcheck event ID`: incidents with who says what about them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from .common import IndexOpt, JsonOpt, ModelOpt, corpus, date_of, print_json, shorten, translate_errors

if TYPE_CHECKING:  # the library is imported when a command runs: `--help` stays fast
    from ..pairing.events import Event

_ATTR_NAMES = {"agent": "who did it", "weapon": "with what", "denier": "denies its part", "status": "state"}


def _summary(e: Event) -> list[str]:
    lines = [f"{e.id}: {e.label} ({len(e.claims)} claims, {len(e.sources)} sources: {', '.join(e.sources)})"]
    for attr, values in e.attributes().items():
        if values:
            said = "; ".join(
                f"{value} ({', '.join(sorted({w['source'] or 'unknown' for w in who}))})"
                for value, who in sorted(values.items())
            )
            lines.append(f"    {_ATTR_NAMES[attr]}: {said}")
    for p in e.conflicts:
        lines.append(f"    CONFLICT ({p.confidence:.2f}): {p.reason}")
    if e.agreements:
        lines.append(f"    {len(e.agreements)} agreements across sources")
    return lines


@translate_errors
def events(
    index: IndexOpt = None,
    model: ModelOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List events (one incident at one target), with their sources, who says what, and conflicts."""
    with corpus(index, model) as c:
        c.update_pairs()
        found = c.events()
    if as_json:
        print_json([e.to_dict(claims=False) for e in found])
        return
    if not found:
        typer.echo("No events found.")
        return
    for e in found:
        typer.echo("\n".join(_summary(e)) + "\n")


@translate_errors
def event(
    event_id: Annotated[str, typer.Argument(help="An event id as `xcheck events` lists it.")],
    index: IndexOpt = None,
    model: ModelOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show one event: every claim grouped by what it says, the tolls over time, conflicts, agreements."""
    from ..pairing.events import ATTRIBUTES

    with corpus(index, model) as c:
        c.update_pairs()
        e = c.event(event_id)
    if as_json:
        print_json(e.to_dict())
        return
    typer.echo(f"{e.id}: {e.label}, {e.first} to {e.last}; sources: {', '.join(e.sources)}")
    for attr, values in e.attributes().items():
        if not values:
            continue
        typer.echo(f"\n{_ATTR_NAMES[attr]}:")
        for value, who in sorted(values.items()):
            typer.echo(f"  {value}:")
            for w in who:
                speaker = f" (according to {w['speaker']})" if w["speaker"] else ""
                where = f"{w['source'] or 'unknown'} {date_of(w['published'])}{speaker}"
                typer.echo(f"    - {where}: {shorten(w['text'], 130)}")
    rows = e.timeline()
    if rows:
        typer.echo("\ntolls:")
        for r in rows:
            typer.echo(f"  {date_of(r['as_of'])} {r['measure']}: {r['text']} ({r['source'] or 'unknown'})")
    if e.conflicts:
        typer.echo("\nconflicts:")
        for p in e.conflicts:
            typer.echo(f"  ({p.confidence:.2f}) {p.reason}")
    if e.agreements:
        typer.echo("\nagreements:")
        for p in e.agreements:
            typer.echo(f"  ({p.confidence:.2f}) {p.reason}")
    other = [
        cl
        for cl in e.claims
        if cl.frame.event is None or not any(getattr(cl.frame.event, a) for a in ATTRIBUTES)
    ]
    if other:
        typer.echo(f"\nother claims ({len(other)}):")
        for cl in other:
            typer.echo(f"  - {cl.source or 'unknown'} {date_of(cl.published)}: {shorten(cl.text, 130)}")
