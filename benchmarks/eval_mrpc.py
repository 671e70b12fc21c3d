"""MRPC: does xcheck's ``duplicate`` find paraphrases, compared with a cosine threshold alone?

    python benchmarks/eval_mrpc.py [MRPC_DIR]    (default: ../shared/data/mrpc next to the repository)

MRPC (Microsoft Research Paraphrase Corpus) pairs news sentences; label 1 = paraphrase. Positive here =
paraphrase = duplicate. Reads ``train.tsv`` and ``val.tsv`` (TSV with BOM; columns Quality, #1 ID, #2 ID,
#1 String, #2 String), loads the bundled model once and judges every pair with
``xcheck.pairing.evaluate.judge_texts``.

- xcheck: a pair is a duplicate when its relation is ``duplicate``; a pair below the similarity floor is
  not paired, so not a duplicate. Reported at the default floor (``xcheck.corpus.PAIR_FLOOR``) and at
  the floor with the best F1 on train.
- baseline: cosine >= t is a duplicate, with t the best-F1 threshold on train.

Every threshold is chosen on TRAIN; the figures are on VAL.
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from _common import DATA, JUDGE_ALL, best_threshold, prf

from xcheck.corpus import PAIR_FLOOR
from xcheck.embed import SentenceTransformerEmbedder
from xcheck.pairing.evaluate import LabelledPair, judge_texts
from xcheck.pairing.relate import CONSISTENT, DUPLICATE, RELATED, UPDATE


def find_split(folder: Path, name: str) -> Path:
    hits = sorted(p for p in folder.iterdir() if p.is_file() and name in p.name.lower())
    if not hits:
        raise SystemExit(f"no {name} file in {folder}")
    return hits[0]


def load(path: Path) -> list[LabelledPair]:
    pairs = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rows)
        assert header[0].strip().lower() == "quality", header
        for n, row in enumerate(rows, start=2):
            if len(row) < 5 or row[0].strip() not in ("0", "1"):
                continue
            label = DUPLICATE if row[0].strip() == "1" else RELATED
            pairs.append(LabelledPair(a=row[3], b=row[4], label=label, line=n))
    return pairs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", type=Path, default=DATA / "mrpc", help="MRPC folder")
    args = ap.parse_args()
    train_path, val_path = find_split(args.data, "train"), find_split(args.data, "val")
    train, val = load(train_path), load(val_path)
    print(f"MRPC: train {len(train)} pairs ({train_path.name}), val {len(val)} pairs ({val_path.name})")

    emb = SentenceTransformerEmbedder()
    t0 = time.perf_counter()
    # judge every pair once; a floor f is then applied as judge_texts(..., floor=f) would apply it
    j_train, s_train = judge_texts(train, emb, floor=JUDGE_ALL)
    j_val, s_val = judge_texts(val, emb, floor=JUDGE_ALL)
    elapsed = time.perf_counter() - t0
    print(f"judged {len(train) + len(val)} pairs in {elapsed:.1f}s")

    g_train = [p.label == DUPLICATE for p in train]
    g_val = [p.label == DUPLICATE for p in val]
    dup_train = [j.relation == DUPLICATE for j in j_train]
    dup_val = [j.relation == DUPLICATE for j in j_val]

    t_base, fit_base = best_threshold(g_train, s_train)
    f_x, fit_x = best_threshold(g_train, s_train, extra=dup_train)
    print(
        f"thresholds chosen on train: baseline cosine t={t_base:.3f} (train F1 {fit_base.f1:.3f}); "
        f"xcheck floor {f_x:.3f} (train F1 {fit_x.f1:.3f})"
    )
    print(f"\nVAL ({len(val)} pairs, {sum(g_val)} paraphrases), positive = paraphrase = duplicate")
    x_default = [d and s >= PAIR_FLOOR for d, s in zip(dup_val, s_val, strict=True)]
    x_tuned = [d and s >= f_x for d, s in zip(dup_val, s_val, strict=True)]
    base = [float(s) >= t_base for s in s_val]
    print(prf(g_val, x_default).line(f"xcheck duplicate (floor {PAIR_FLOOR:g})"))
    print(prf(g_val, x_tuned).line(f"xcheck duplicate (floor {f_x:.3f}, from train)"))
    print(prf(g_val, base).line(f"baseline cosine >= {t_base:.3f} (from train)"))

    # for reading the figures: what xcheck called the pairs it did not call duplicates
    agree = [
        j.relation in (DUPLICATE, CONSISTENT, UPDATE) and s >= PAIR_FLOOR
        for j, s in zip(j_val, s_val, strict=True)
    ]
    print(prf(g_val, agree).line(f"(info) xcheck duplicate|consistent|update ({PAIR_FLOOR:g})"))
    counts: dict[str, int] = {}
    for j, s in zip(j_val, s_val, strict=True):
        rel = j.relation if s >= PAIR_FLOOR else "not paired"
        counts[rel] = counts.get(rel, 0) + 1
    print(
        f"(info) xcheck relations on val at floor {PAIR_FLOOR:g}: "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    )


if __name__ == "__main__":
    main()
