"""SICK: does xcheck's ``conflict`` find contradictions, compared with cosine thresholds alone?

    python benchmarks/eval_sick.py [SICK_DIR]    (default: ../shared/data/sick next to the repository)

SICK 2014 pairs image-caption sentences labelled ENTAILMENT / NEUTRAL / CONTRADICTION (TSV with header
pair_ID, sentence_A, sentence_B, relatedness_score, entailment_judgment). Positive = CONTRADICTION.
Evaluated on the test split when the folder has one, else on every pair (train + trial).

- xcheck: relation ``conflict`` at the default similarity floor (``xcheck.corpus.PAIR_FLOOR``), judged by
  ``xcheck.pairing.evaluate.judge_texts``; pairs below the floor are not paired, so not conflicts.
- baseline: cosine >= t is a duplicate. It never predicts a conflict, so its contradiction recall is 0.
- for comparison, "cosine >= t => conflict" at t = the floor and at the best-F1 t on the train file.
"""

from __future__ import annotations

import argparse
import csv
import time
from collections import Counter
from pathlib import Path

from _common import DATA, JUDGE_ALL, best_threshold, prf

from xcheck.corpus import PAIR_FLOOR
from xcheck.embed import SentenceTransformerEmbedder
from xcheck.pairing.evaluate import LabelledPair, judge_texts
from xcheck.pairing.relate import CONFLICT, RELATED

CONTRADICTION = "CONTRADICTION"


def load(path: Path) -> list[tuple[str, LabelledPair]]:
    """(split, pair) per row: label ``conflict`` for CONTRADICTION, ``related`` for the others."""
    out = []
    split = "test" if "test" in path.name.lower() else "train" if "train" in path.name.lower() else "trial"
    with open(path, encoding="utf-8-sig", newline="") as f:
        for n, row in enumerate(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE), start=2):
            judgment = (row.get("entailment_judgment") or "").strip().upper()
            if not judgment or not row.get("sentence_A") or not row.get("sentence_B"):
                continue
            label = CONFLICT if judgment == CONTRADICTION else RELATED
            out.append((split, LabelledPair(a=row["sentence_A"], b=row["sentence_B"], label=label, line=n)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", type=Path, default=DATA / "sick", help="SICK folder")
    args = ap.parse_args()
    files = sorted(p for p in args.data.glob("*.txt") if "readme" not in p.name.lower())
    rows = [r for p in files for r in load(p)]
    if not rows:
        raise SystemExit(f"no SICK pairs under {args.data}")
    splits = Counter(s for s, _ in rows)
    print("SICK files: " + ", ".join(p.name for p in files) + " | pairs per split: " + str(dict(splits)))
    pairs = [p for _, p in rows]

    emb = SentenceTransformerEmbedder()
    t0 = time.perf_counter()
    judgements, sims = judge_texts(pairs, emb, floor=JUDGE_ALL)
    print(f"judged {len(pairs)} pairs in {time.perf_counter() - t0:.1f}s")

    gold = [p.label == CONFLICT for p in pairs]
    is_train = [s == "train" for s, _ in rows]
    t_fit, fit = best_threshold(
        [g for g, t in zip(gold, is_train, strict=True) if t],
        [float(s) for s, t in zip(sims, is_train, strict=True) if t],
    )
    print(f"'cosine >= t => conflict': best-F1 t on the train file = {t_fit:.3f} (train F1 {fit.f1:.3f})")

    eval_sets = [("test", [s == "test" for s, _ in rows])] if "test" in splits else []
    if not eval_sets:
        eval_sets = [
            ("all (no test split: train + trial)", [True] * len(rows)),
            ("trial only (held out from the threshold choice)", [s == "trial" for s, _ in rows]),
        ]
    for name, mask in eval_sets:
        idx = [i for i, m in enumerate(mask) if m]
        g = [gold[i] for i in idx]
        print(f"\n{name}: {len(idx)} pairs, {sum(g)} contradictions; positive = CONTRADICTION")
        x = [judgements[i].relation == CONFLICT and sims[i] >= PAIR_FLOOR for i in idx]
        print(prf(g, x).line(f"xcheck conflict (floor {PAIR_FLOOR:g})"))
        print(prf(g, [False] * len(idx)).line(f"baseline cosine >= {PAIR_FLOOR:g} => duplicate"))
        print("    (the plain baseline never predicts conflict: every similar pair is a duplicate)")
        print(
            prf(g, [float(sims[i]) >= PAIR_FLOOR for i in idx]).line(f"cosine >= {PAIR_FLOOR:g} => conflict")
        )
        print(
            prf(g, [float(sims[i]) >= t_fit for i in idx]).line(f"cosine >= {t_fit:.3f} => conflict (train)")
        )
        cues = Counter(
            f"{judgements[i].cue or 'no cue'} on {'CONTRADICTION' if gold[i] else 'other'}"
            for i in idx
            if judgements[i].relation == CONFLICT and sims[i] >= PAIR_FLOOR
        )
        print("    xcheck conflicts by cue: " + ", ".join(f"{k} {v}" for k, v in sorted(cues.items())))


if __name__ == "__main__":
    main()
