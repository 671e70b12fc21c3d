"""Evaluate the judgement on labelled pairs.

The labels file is JSON Lines, one pair per line::

    {"a": "606 civilians were killed ...", "b": "Hundreds of civilians died ...",
     "a_published": "2022-06-13", "b_published": "2022-06-14",
     "a_source": "Northern Ledger", "b_source": "Danube Wire",
     "label": "consistent", "cue": "numeric"}

``a``, ``b`` and ``label`` (duplicate, consistent, update, conflict or related) are required;
``*_published`` (ISO date), ``*_source`` and ``*_title`` (the article's headline, which gives the claim
the place and incident it does not name itself) are optional; ``cue`` (numeric, negation, membership,
date, agent) says what decides the pair, for the per-cue figures. Blank lines and lines starting with ``#``
are skipped.

The baseline is a cosine threshold alone: every pair at or above the similarity floor is called a
duplicate, every other pair related.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..embed import Embedder
from ..errors import InputError
from .events import states_something
from .relate import (
    CONFLICT,
    CUES,
    DUPLICATE,
    DUPLICATE_SIMILARITY,
    RELATED,
    RELATIONS,
    ClaimView,
    Judgement,
    event_gap,
    judge,
)


@dataclass(frozen=True)
class LabelledPair:
    a: str
    b: str
    label: str
    cue: str | None = None
    a_published: str | None = None
    b_published: str | None = None
    a_source: str | None = None
    b_source: str | None = None
    a_title: str | None = None  # the article's headline: the claim inherits its place and incident
    b_title: str | None = None
    line: int = 0


@dataclass
class Scores:
    precision: float
    recall: float
    f1: float
    support: int
    predicted: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "support": self.support,
            "predicted": self.predicted,
        }


@dataclass
class EvalResult:
    pairs: int
    floor: float
    per_relation: dict[str, Scores]
    per_cue: dict[str, Scores]
    baseline: dict[str, Scores]
    accuracy: float
    baseline_accuracy: float
    mistakes: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "pairs": self.pairs,
            "floor": self.floor,
            "accuracy": round(self.accuracy, 3),
            "per_relation": {k: v.to_dict() for k, v in self.per_relation.items()},
            "per_cue_conflict": {k: v.to_dict() for k, v in self.per_cue.items()},
            "baseline": {
                "accuracy": round(self.baseline_accuracy, 3),
                "per_relation": {k: v.to_dict() for k, v in self.baseline.items()},
            },
            "mistakes": self.mistakes,
        }


def read_labels(path: str | Path) -> list[LabelledPair]:
    """Labelled pairs of a JSONL file; a bad line is an error naming the file and line."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError("no such file", path=str(p)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read it ({exc})", path=str(p)) from None
    out = []
    for n, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON ({exc.msg})", path=str(p), line=n) from None
        if not isinstance(rec, dict):
            raise InputError("expected a JSON object", path=str(p), line=n)
        for key in ("a", "b", "label"):
            if not isinstance(rec.get(key), str) or not rec[key].strip():
                raise InputError(f'"{key}" is required', path=str(p), line=n)
        if rec["label"] not in RELATIONS:
            raise InputError(
                f"unknown label {rec['label']!r}; use one of {', '.join(RELATIONS)}", path=str(p), line=n
            )
        cue = rec.get("cue")
        if cue is not None and cue not in CUES:
            raise InputError(f"unknown cue {cue!r}; use one of {', '.join(CUES)}", path=str(p), line=n)
        out.append(
            LabelledPair(
                a=rec["a"],
                b=rec["b"],
                label=rec["label"],
                cue=cue,
                a_published=rec.get("a_published"),
                b_published=rec.get("b_published"),
                a_source=rec.get("a_source"),
                b_source=rec.get("b_source"),
                a_title=rec.get("a_title"),
                b_title=rec.get("b_title"),
                line=n,
            )
        )
    if not out:
        raise InputError("no labelled pairs", path=str(p))
    return out


def _scores(gold: Sequence[str], pred: Sequence[str], positive: str) -> Scores:
    tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == positive and p == positive)
    n_pred = sum(1 for p in pred if p == positive)
    n_gold = sum(1 for g in gold if g == positive)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, n_gold, n_pred)


def judge_texts(
    pairs: Sequence[LabelledPair],
    embedder: Embedder,
    *,
    floor: float,
    duplicate_similarity: float = DUPLICATE_SIMILARITY,
) -> tuple[list[Judgement], np.ndarray]:
    """Judge each pair as the index would: frames from the text and date, similarity from the model."""
    from ..claims.frames import Frame, extract_frames

    def frame(text: str, title: str | None, published: str | None) -> Frame:
        """The claim's frame as the index would extract it: after its article's headline."""
        sentences = [title, text] if title and title.strip() != text.strip() else [text]
        return extract_frames(sentences, published=published)[-1]

    if not pairs:
        return [], np.zeros(0, dtype=np.float32)
    va = embedder.embed_batch([p.a for p in pairs])
    vb = embedder.embed_batch([p.b for p in pairs])
    sims = np.sum(va * vb, axis=1)
    out = []
    for i, p in enumerate(pairs):
        sim = float(sims[i])
        a = ClaimView(
            claim_id=0,
            doc_id=0,
            text=p.a,
            frame=frame(p.a, p.a_title, p.a_published),
            source=p.a_source,
            published=p.a_published,
        )
        b = ClaimView(
            claim_id=1,
            doc_id=1,
            text=p.b,
            frame=frame(p.b, p.b_title, p.b_published),
            source=p.b_source,
            published=p.b_published,
        )
        # as in the index: claims of one event are compared whatever their similarity
        if sim < floor and not (event_gap(a, b) is None and states_something(a) and states_something(b)):
            out.append(Judgement(RELATED, 0.0, f"below the similarity floor ({sim:.2f} < {floor:g})"))
            continue
        out.append(judge(a, b, sim, duplicate_similarity=duplicate_similarity))
    return out, sims


def evaluate(pairs: Sequence[LabelledPair], embedder: Embedder, *, floor: float) -> EvalResult:
    """Precision, recall and F1 per relation and, for conflicts, per cue; with the cosine baseline."""
    judgements, sims = judge_texts(pairs, embedder, floor=floor)
    gold = [p.label for p in pairs]
    pred = [j.relation for j in judgements]
    base = [DUPLICATE if float(s) >= floor else RELATED for s in sims]
    per_relation = {r: _scores(gold, pred, r) for r in RELATIONS}
    baseline = {r: _scores(gold, base, r) for r in RELATIONS}
    per_cue = {}
    for cue in CUES:
        g = [CONFLICT if p.label == CONFLICT and p.cue == cue else "other" for p in pairs]
        q = [CONFLICT if j.relation == CONFLICT and j.cue == cue else "other" for j in judgements]
        per_cue[cue] = _scores(g, q, CONFLICT)
    mistakes = [
        {
            "line": p.line,
            "label": p.label,
            "predicted": j.relation,
            "similarity": round(float(s), 3),
            "reason": j.reason,
            "a": p.a,
            "b": p.b,
        }
        for p, j, s in zip(pairs, judgements, sims, strict=True)
        if p.label != j.relation
    ]
    n = len(pairs)
    return EvalResult(
        pairs=n,
        floor=floor,
        per_relation=per_relation,
        per_cue=per_cue,
        baseline=baseline,
        accuracy=sum(g == q for g, q in zip(gold, pred, strict=True)) / n,
        baseline_accuracy=sum(g == q for g, q in zip(gold, base, strict=True)) / n,
        mistakes=mistakes,
    )
