"""Helpers shared by the evaluation scripts (eval_mrpc.py, eval_sick.py, eval_ruwa.py).

Only plumbing: where the data lives, binary precision/recall/F1, the best-F1 threshold and a printed line.
The judgement itself always comes from :mod:`xcheck.pairing.evaluate`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# The shared data sets sit next to the repository: <repo>/../shared/data
DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

# Judge every pair, whatever its similarity, so that any floor can be applied afterwards:
# a pair below floor f is "not paired", exactly as judge_texts(..., floor=f) would say.
JUDGE_ALL = -1.0


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float
    tp: int
    predicted: int
    support: int

    def line(self, name: str) -> str:
        return (
            f"{name:<44} P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"(tp {self.tp}, predicted {self.predicted}, gold {self.support})"
        )


def prf(gold: Sequence[bool], pred: Sequence[bool]) -> PRF:
    """Precision, recall and F1 of the positive class."""
    tp = sum(1 for g, p in zip(gold, pred, strict=True) if g and p)
    n_pred = sum(1 for p in pred if p)
    n_gold = sum(1 for g in gold if g)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1, tp, n_pred, n_gold)


def best_threshold(
    gold: Sequence[bool], scores: Sequence[float], extra: Sequence[bool] | None = None
) -> tuple[float, PRF]:
    """The threshold t with the best F1 of ``score >= t`` (and ``extra`` when given) on these pairs.

    Candidates are the distinct scores rounded to 3 decimals; ties go to the higher threshold.
    """
    g = np.asarray(gold, dtype=bool)
    s = np.round(np.asarray(scores, dtype=np.float64), 3)
    e = np.ones_like(g) if extra is None else np.asarray(extra, dtype=bool)
    best_t, best_f1 = float(s.max()) if len(s) else 0.0, -1.0
    for t in np.unique(s):
        pred = (s >= t) & e
        tp = int(np.sum(pred & g))
        n_pred, n_gold = int(pred.sum()), int(g.sum())
        f1 = 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0
        if f1 >= best_f1:
            best_t, best_f1 = float(t), f1
    return best_t, prf(list(g), list((s >= best_t) & e))
