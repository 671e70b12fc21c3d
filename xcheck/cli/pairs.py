"""`xcheck pairs` and `xcheck clusters`: judged pairs across sources and the facts they form."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from .common import IndexOpt, JsonOpt, ModelOpt, corpus, date_of, print_json, shorten, translate_errors
from .ray_options import RayAddressOpt, RayOpt, ray_target

if TYPE_CHECKING:
    from ..pairing.clusters import Cluster, PairRecord

RelationOpt = Annotated[
    str | None,
    typer.Option(
        "--relation",
        help="Only this relation: conflict, update, consistent, duplicate or related (related is hidden "
        "unless asked for).",
        show_default=False,
    ),
]
MinSimOpt = Annotated[
    float | None,
    typer.Option(
        "--min-similarity",
        min=0.0,
        max=1.0,
        help="Only pairs at least this similar (cosine, default 0.45).",
        show_default=False,
    ),
]


def pair_lines(p: PairRecord) -> list[str]:
    lines = [
        f"{p.relation.upper():<10} sim {p.similarity:.2f}  conf {p.confidence:.2f}  {p.reason}",
        f"    A  {p.a.source or 'unknown'} {date_of(p.a.published)}: {shorten(p.a.text, 150)}",
        f"    B  {p.b.source or 'unknown'} {date_of(p.b.published)}: {shorten(p.b.text, 150)}",
    ]
    if p.more:
        lines.append(f"    (and {p.more} more claim pair{'s' if p.more > 1 else ''} of these two articles)")
    return lines


@translate_errors
def pairs(
    relation: RelationOpt = None,
    min_similarity: MinSimOpt = None,
    same_document: Annotated[
        bool, typer.Option("--same-document", help="Include pairs of claims from one article.")
    ] = False,
    every_claim: Annotated[
        bool,
        typer.Option(
            "--every-claim",
            help="List every claim pair; by default the claim pairs of the same two articles with the same "
            "relation and cue are one finding (counted in 'more').",
        ),
    ] = False,
    index: IndexOpt = None,
    model: ModelOpt = None,
    as_json: JsonOpt = False,
    ray: RayOpt = False,
    ray_address: RayAddressOpt = None,
) -> None:
    """Pair claims about the same fact across sources and judge each pair."""
    address = ray_target(ray, ray_address)
    with corpus(index, model) as c:
        if address is None:
            c.update_pairs(floor=min_similarity)  # pair what arrived since the last call: a write
        else:
            from ..distributed.pairs import update_pairs_on_ray

            update_pairs_on_ray(c, address, floor=min_similarity)
        found = c.pairs(
            relation=relation,
            min_similarity=min_similarity,
            same_document=same_document,
            every_claim=every_claim,
        )
    if as_json:
        print_json([p.to_dict() for p in found])
        return
    if not found:
        typer.echo("No pairs found.")
        return
    for p in found:
        typer.echo("\n".join(pair_lines(p)))
    counts: dict[str, int] = {}
    for p in found:
        counts[p.relation] = counts.get(p.relation, 0) + 1
    typer.echo("\n" + ", ".join(f"{n} {rel}" for rel, n in counts.items()))


def _value_range(cl: Cluster) -> str:
    if not cl.value_range:
        return "-"
    low, high = cl.value_range
    lo = "?" if low is None else f"{low:,.0f}"
    hi = "unbounded" if high is None else f"{high:,.0f}"
    return lo if lo == hi else f"{lo} to {hi}"


@translate_errors
def clusters(
    min_similarity: MinSimOpt = None,
    index: IndexOpt = None,
    model: ModelOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List fact clusters (claims joined as duplicate, consistent or update) with their conflicts."""
    with corpus(index, model) as c:
        c.update_pairs(floor=min_similarity)
        found = c.clusters(min_similarity=min_similarity)
    if as_json:
        print_json([cl.to_dict() for cl in found])
        return
    if not found:
        typer.echo("No fact clusters yet.")
        return
    for cl in found:
        what = f" {cl.title}:" if cl.title else ""
        head = (
            f"{cl.id}:{what} {len(cl.claims)} claims from {len(cl.sources)} sources ({', '.join(cl.sources)})"
        )
        typer.echo(head)
        if cl.measure:
            typer.echo(f"    {cl.measure}: {_value_range(cl)}")
        for claim in cl.claims:
            typer.echo(
                f"    - {claim.source or 'unknown'} {date_of(claim.published)}: {shorten(claim.text, 140)}"
            )
        for p in cl.conflicts:
            typer.echo(f"    CONFLICT ({p.confidence:.2f}): {p.reason}")
        typer.echo("")
