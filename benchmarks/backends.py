"""The ONNX Runtime (int8) backend against sentence-transformers (torch fp32), measured in one run.

    python benchmarks/backends.py [--ruwa N] [--mrpc N] [--repeat R] [--data DIR]

On real sentences (RUWA titles and MRPC sentences from ``DIR`` = ../shared/data): per-sentence cosine
between the two backends' vectors (min, 1st percentile, mean) and each backend's encoding speed
(sentences/s, best of ``R`` runs after a warm-up), with the ratio onnx/torch.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from xcheck.embed import SentenceTransformerEmbedder
from xcheck.onnx_embed import OnnxEmbedder

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def sentences(data: Path, ruwa: int, mrpc: int) -> list[str]:
    csv.field_size_limit(1 << 24)
    out: list[str] = []
    with open(data / "ruwa" / "RUWA_04.08.23.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            title = (row.get("title") or "").strip()
            if title:
                out.append(title)
            if len(out) >= ruwa:
                break
    got = 0
    with open(data / "mrpc" / "val.tsv", encoding="utf-8") as fh:
        for line in fh.read().splitlines()[1:]:
            cols = line.split("\t")
            for s in cols[3:5]:
                if got < mrpc:
                    out.append(s)
                    got += 1
    return list(dict.fromkeys(out))


def rate(embed, texts: list[str], repeat: int) -> tuple[float, np.ndarray]:
    embed(texts[:64])  # warm-up
    best, vecs = float("inf"), np.zeros(0)
    for _ in range(repeat):
        t0 = time.perf_counter()
        vecs = embed(texts)
        best = min(best, time.perf_counter() - t0)
    return len(texts) / best, vecs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ruwa", type=int, default=2000)
    ap.add_argument("--mrpc", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args()
    texts = sentences(args.data, args.ruwa, args.mrpc)
    print(f"{len(texts)} distinct sentences ({args.ruwa} RUWA titles, {args.mrpc} MRPC sentences asked)")
    torch_e = SentenceTransformerEmbedder()
    onnx_e = OnnxEmbedder()
    t_rate, t_vecs = rate(torch_e.embed_batch, texts, args.repeat)
    o_rate, o_vecs = rate(onnx_e.embed_batch, texts, args.repeat)
    cos = np.sum(t_vecs * o_vecs, axis=1)
    print(
        f"cosine onnx-int8 vs torch: min {cos.min():.4f}, p1 {np.percentile(cos, 1):.4f}, "
        f"mean {cos.mean():.4f}, below 0.99: {int((cos < 0.99).sum())}"
    )
    print(
        f"torch fp32: {t_rate:.1f} sentences/s; onnx int8: {o_rate:.1f} sentences/s; "
        f"ratio onnx/torch = {o_rate / t_rate:.2f}"
    )


if __name__ == "__main__":
    main()
