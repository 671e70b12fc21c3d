"""Audit the judgement of any index by reading: draw a sample to label, then score the labels.

    python benchmarks/audit.py sample --index IDX [--per-relation 20] [--relation conflict] [--seed 7]
                                      [--cross-source] -o sample.jsonl
    python benchmarks/audit.py score sample.jsonl

``sample`` draws a reproducible random sample (``--seed``) of N judged pairs per relation (pairs inside
one article left out, as ``xcheck pairs`` does; ``--cross-source`` keeps only pairs of two different
outlets) and writes one JSON object per line: the pair as ``xcheck pairs --json`` gives it, with each
claim's headline, plus ``"label": null`` and ``"note": ""``.
Read each pair and set ``label`` to what the two statements really are (duplicate, consistent, update,
conflict, related; the guide is eval/README.md), with a short note for anything not obvious.

``score`` prints, per relation xcheck gave, how many of the labelled pairs carry that same label:
the precision, with its 95% Wilson score interval. Unlabelled lines are counted and skipped.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

from _common import REPO  # noqa: F401  (puts the repository on sys.path)

from xcheck.corpus import Corpus
from xcheck.pairing.relate import RELATIONS


def wilson(successes: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion ``successes / n``."""
    if n == 0:
        return 0.0, 1.0
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def sample(index: str, per_relation: int, relations: list[str], seed: int, cross_source: bool) -> list[dict]:
    rng = random.Random(seed)
    out: list[dict] = []
    with Corpus(index) as corpus:
        for relation in relations:
            pairs = corpus.pairs(relation=relation)
            if cross_source:
                pairs = [p for p in pairs if (p.a.source or "") != (p.b.source or "")]
            pairs.sort(key=lambda p: (p.a.claim_id, p.b.claim_id))
            chosen = rng.sample(pairs, min(per_relation, len(pairs)))
            docs = corpus.store.sql.documents_by_id(
                sorted({i for p in chosen for i in (p.a.doc_id, p.b.doc_id)})
            )
            for p in chosen:
                item = p.to_dict()
                for side, view in (("a", p.a), ("b", p.b)):
                    item[side]["title"] = docs.get(view.doc_id, {}).get("title")
                item["of"] = len(pairs)
                item["label"] = None
                item["note"] = ""
                out.append(item)
    return out


def score(path: Path) -> str:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    by: dict[str, list[str]] = defaultdict(list)
    unlabelled = 0
    for r in rows:
        if r.get("label") not in RELATIONS:
            unlabelled += 1
            continue
        by[r["relation"]].append(r["label"])
    lines = [f"{path}: {len(rows)} pairs, {unlabelled} unlabelled"]
    lines.append(f"{'xcheck said':<12} {'n':>4} {'right':>6} {'precision':>9}  95% Wilson    labels given")
    for relation in RELATIONS:
        labels = by.get(relation)
        if not labels:
            continue
        right = sum(1 for x in labels if x == relation)
        lo, hi = wilson(right, len(labels))
        counts = ", ".join(f"{k} {v}" for k, v in Counter(labels).most_common())
        share = f"{right / len(labels):>9.2f}  [{lo:.2f}, {hi:.2f}]"
        lines.append(f"{relation:<12} {len(labels):>4} {right:>6} {share}  {counts}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample", help="draw pairs to label")
    s.add_argument("--index", required=True)
    s.add_argument("--per-relation", type=int, default=20)
    s.add_argument(
        "--relation", action="append", choices=RELATIONS, help="repeatable; default: all but related"
    )
    s.add_argument("--seed", type=int, default=7)
    s.add_argument("--cross-source", action="store_true")
    s.add_argument("-o", "--output", type=Path, required=True)
    c = sub.add_parser("score", help="precision per relation of a labelled sample")
    c.add_argument("labelled", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "sample":
        relations = args.relation or [r for r in RELATIONS if r != "related"]
        items = sample(args.index, args.per_relation, relations, args.seed, args.cross_source)
        with args.output.open("w", encoding="utf-8") as f:
            for item in items:
                f.write(json.dumps(item, ensure_ascii=False) + "\n")
        print(f"{len(items)} pairs written to {args.output} (seed {args.seed})", file=sys.stderr)
    else:
        print(score(args.labelled))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
