"""Who-did-what, denial, state and toll conflicts on labelled event pairs, per attribute.

    python benchmarks/eval_event_pairs.py eval/events-dev.jsonl [eval/events-test.jsonl ...]

For each file: conflict precision (with its 95 % Wilson interval) and recall, overall and per attribute
(agent, weapon, denial, status, toll: the `attribute` key of each labelled pair); agreement (consistent or
duplicate) precision and recall; and the cosine baseline from the same run (every pair at or above the
floor a duplicate, so it never finds a conflict). A predicted conflict counts for an attribute when the
gold pair has that attribute and is a conflict (the cue need not match: "who did it" found as a denial is
still the conflict an editor acts on).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from audit import wilson

from xcheck.corpus import PAIR_FLOOR
from xcheck.embed import make_embedder
from xcheck.pairing.evaluate import judge_texts, read_labels

ATTRIBUTES = ("agent", "weapon", "denial", "status", "toll")
AGREE = ("consistent", "duplicate")


def _pr(gold: list[bool], pred: list[bool]) -> dict[str, object]:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    n_pred, n_gold = sum(pred), sum(gold)
    lo, hi = wilson(tp, n_pred)
    return {
        "tp": tp,
        "predicted": n_pred,
        "support": n_gold,
        "precision": round(tp / n_pred, 3) if n_pred else None,
        "wilson": [round(lo, 2), round(hi, 2)] if n_pred else None,
        "recall": round(tp / n_gold, 3) if n_gold else None,
    }


def run(path: Path, floor: float) -> dict[str, object]:
    pairs = read_labels(path)
    raw = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("{")]
    judged, sims = judge_texts(pairs, make_embedder(), floor=floor)
    attr = [r.get("attribute") for r in raw]
    gold_c = [p.label == "conflict" for p in pairs]
    pred_c = [j.relation == "conflict" for j in judged]
    out: dict[str, object] = {"file": str(path), "pairs": len(pairs), "conflict": _pr(gold_c, pred_c)}
    for a in ATTRIBUTES:
        mask = [x == a for x in attr]
        out[f"conflict/{a}"] = _pr(
            [g and m for g, m in zip(gold_c, mask, strict=True)],
            [p and m for p, m in zip(pred_c, mask, strict=True)],
        )
    out["agreement"] = _pr([p.label in AGREE for p in pairs], [j.relation in AGREE for j in judged])
    base = [float(s) >= floor for s in sims]
    out["baseline agreement"] = _pr([p.label in AGREE for p in pairs], base)
    out["baseline conflict"] = _pr(gold_c, [False] * len(pairs))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--floor", type=float, default=PAIR_FLOOR)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    for f in args.files:
        r = run(f, args.floor)
        if args.json:
            print(json.dumps(r))
            continue
        print(f"{r['file']}: {r['pairs']} pairs, floor {args.floor}")
        for key, v in r.items():
            if not isinstance(v, dict):
                continue
            prec = "-" if v["precision"] is None else f"{v['precision']:.2f} {v['wilson']}"
            rec = "-" if v["recall"] is None else f"{v['recall']:.2f}"
            counts = f"({v['tp']} of {v['predicted']} flagged, {v['support']} gold)"
            print(f"  {key:<20} P {prec:<20} R {rec:<6} {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
