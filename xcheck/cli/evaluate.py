"""`xcheck eval`: precision, recall and F1 of the judgement on labelled pairs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..config import PAIR_FLOOR
from .common import BackendOpt, JsonOpt, ModelOpt, print_json, translate_errors

if TYPE_CHECKING:
    from ..pairing.evaluate import EvalResult, Scores


def _row(name: str, s: Scores) -> str:
    return f"{name:<22} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>7.3f} {s.support:>8} {s.predicted:>10}"


def render(result: EvalResult) -> str:
    head = f"{'':<22} {'precision':>9} {'recall':>7} {'f1':>7} {'support':>8} {'predicted':>10}"
    lines = [f"{result.pairs} labelled pairs, similarity floor {result.floor:g}", "", "xcheck", head]
    lines += [_row(r, s) for r, s in result.per_relation.items()]
    lines += [_row(f"conflict/{cue}", s) for cue, s in result.per_cue.items()]
    lines += [
        f"accuracy {result.accuracy:.3f}",
        "",
        "baseline: cosine threshold alone (every similar pair a duplicate)",
    ]
    lines += [head] + [_row(r, s) for r, s in result.baseline.items()]
    lines.append(f"accuracy {result.baseline_accuracy:.3f}")
    return "\n".join(lines)


@translate_errors
def eval_(
    labels: Annotated[Path, typer.Argument(help="JSONL file of labelled pairs (see the README).")],
    floor: Annotated[
        float, typer.Option("--floor", min=0.0, max=1.0, help="Similarity floor for pairing.")
    ] = PAIR_FLOOR,
    show_mistakes: Annotated[bool, typer.Option("--mistakes", help="List the pairs judged wrongly.")] = False,
    model: ModelOpt = None,
    backend: BackendOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Score the judgement on labelled pairs: per relation, per cue, and against a cosine baseline."""
    from ..embed import make_embedder
    from ..pairing.evaluate import evaluate, read_labels

    pairs = read_labels(labels)
    embedder = make_embedder(model, backend=backend) if backend else make_embedder(model)
    result = evaluate(pairs, embedder, floor=floor)
    if as_json:
        print_json(result.to_dict())
        return
    typer.echo(render(result))
    if show_mistakes:
        for m in result.mistakes:
            head = f"line {m['line']}: {m['label']} judged {m['predicted']} (sim {m['similarity']})"
            typer.echo(f"\n{head}: {m['reason']}")
            typer.echo(f"  A: {m['a']}\n  B: {m['b']}")
