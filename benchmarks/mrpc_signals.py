"""MRPC: how far do the signals at hand go on their own? The ceiling behind the MRPC figure.

    python benchmarks/mrpc_signals.py [MRPC_DIR]    (default: ../shared/data/mrpc next to the repository)

Scores every MRPC pair with signals the bundled model and the text give, picks for each the threshold
with the best F1 on TRAIN and prints its F1 on VAL, next to the cosine baseline of eval_mrpc.py:

- cosine: the sentence embeddings' cosine (the baseline);
- alignment P / R / F: BERTScore-style greedy alignment of the same model's token embeddings;
- overlap: Jaccard and containment of content words (xcheck's own word normaliser);
- mixes: cosine plus w x containment and cosine minus w x one-sided words, each w tried on train.

If none of them clears the baseline on val by more than noise, no rule on top of them will: beating the
baseline needs a signal these do not carry (an NLI or paraphrase cross-encoder).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from _common import DATA, best_threshold, prf
from eval_mrpc import find_split, load

from xcheck.embed import SentenceTransformerEmbedder
from xcheck.pairing.evaluate import LabelledPair
from xcheck.pairing.relate import DUPLICATE
from xcheck.pairing.text import content_words, jaccard


def token_alignment(emb: SentenceTransformerEmbedder, pairs: list[LabelledPair]) -> np.ndarray:
    """(precision, recall, F) of greedy token alignment per pair, BERTScore-style, special tokens left out."""

    def tokens(texts: list[str]) -> list[np.ndarray]:
        out = emb.model.encode(texts, output_value="token_embeddings", batch_size=64, convert_to_numpy=False)
        vecs = []
        for t in out:
            v = t[1:-1].float().numpy()  # drop [CLS] and [SEP]
            vecs.append(v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12))
        return vecs

    rows = []
    for a, b in zip(tokens([p.a for p in pairs]), tokens([p.b for p in pairs]), strict=True):
        sim = a @ b.T
        p, r = float(sim.max(axis=1).mean()), float(sim.max(axis=0).mean())
        rows.append((p, r, 2 * p * r / (p + r) if p + r else 0.0))
    return np.array(rows)


def word_signals(pairs: list[LabelledPair]) -> np.ndarray:
    """(Jaccard, containment, one-sided words) of content words per pair."""
    rows = []
    for p in pairs:
        wa, wb = content_words(p.a), content_words(p.b)
        shared = len(wa & wb)
        rows.append(
            (jaccard(wa, wb), shared / max(1, min(len(wa), len(wb))), max(len(wa - wb), len(wb - wa)))
        )
    return np.array(rows, dtype=np.float64)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", type=Path, default=DATA / "mrpc", help="MRPC folder")
    args = ap.parse_args()
    train, val = load(find_split(args.data, "train")), load(find_split(args.data, "val"))
    emb = SentenceTransformerEmbedder()

    def signals(pairs: list[LabelledPair]) -> dict[str, np.ndarray]:
        va, vb = emb.embed_batch([p.a for p in pairs]), emb.embed_batch([p.b for p in pairs])
        cos = (va * vb).sum(axis=1).astype(np.float64)
        align, words = token_alignment(emb, pairs), word_signals(pairs)
        out = {
            "cosine (baseline)": cos,
            "alignment precision": align[:, 0],
            "alignment recall": align[:, 1],
            "alignment F": align[:, 2],
            "word Jaccard": words[:, 0],
            "word containment": words[:, 1],
        }
        for w in (0.1, 0.2, 0.3, 0.5):
            out[f"cosine + {w} x containment"] = cos + w * words[:, 1]
        for w in (0.005, 0.01, 0.02):
            out[f"cosine - {w} x one-sided words"] = cos - w * words[:, 2]
        out["mean of cosine and alignment F"] = (cos + align[:, 2]) / 2
        return out

    s_train, s_val = signals(train), signals(val)
    g_train = [p.label == DUPLICATE for p in train]
    g_val = [p.label == DUPLICATE for p in val]
    print(f"MRPC: train {len(train)}, val {len(val)} pairs; threshold of each signal chosen on train")
    print(f"{'signal':<40} {'t':>7} {'train F1':>9} {'val F1':>7}")
    for name, scores in s_train.items():
        t, fit = best_threshold(g_train, list(scores))
        val_fit = prf(g_val, [float(x) >= t for x in s_val[name]])
        print(f"{name:<40} {t:7.3f} {fit.f1:9.3f} {val_fit.f1:7.3f}")


if __name__ == "__main__":
    main()
