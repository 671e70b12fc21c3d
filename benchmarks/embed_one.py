"""Embedding one query sentence with ONNX Runtime, by session option.

    python benchmarks/embed_one.py [--index DIR --real-ids N] [--queries 300] [--rounds 3]

The service embeds one sentence a request; its time is most of a warm query at 1M claims (README, "Lean
index and scale"). This times ``OnnxEmbedder``'s own tokenising, network run and pooling on one sentence
at a time, for several ONNX Runtime session configurations of the same int8 model, interleaved query by
query (so every configuration sees the same load), and prints the p50 / p90 of each. The sentences are
the held-out query variants of ``benchmarks/scale.py`` when ``--index`` names an index it built (its
first ``--real-ids`` claims are the real sentences), else a fixed list of news-like sentences.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

from xcheck.embed import bundled_model_path
from xcheck.onnx_embed import OnnxEmbedder, int8_model_path, max_seq_length

FALLBACK = [
    "Russian forces shelled the city of Kharkiv on Tuesday, killing at least 12 people, officials said.",
    "The central bank raised its key interest rate by 0.5 percentage points to 4.25% in March.",
    "More than 1,200 civilians have been evacuated from the besieged plant since the weekend.",
    "The ministry said 3 drones were shot down over the Belgorod region overnight.",
]

LEVELS = {
    "all": ort.GraphOptimizationLevel.ORT_ENABLE_ALL,
    "extended": ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
    "basic": ort.GraphOptimizationLevel.ORT_ENABLE_BASIC,
    "none": ort.GraphOptimizationLevel.ORT_DISABLE_ALL,
}
# name: (intra-op threads (0: ONNX Runtime's default, one per core), spinning, graph level)
CONFIGS = {
    "service (2 threads, no spinning, all)": (0, False, "all"),
    "1 thread, all": (1, False, "all"),
    "2 threads, spinning, all": (0, True, "all"),
    "1 thread, extended": (1, False, "extended"),
    "1 thread, basic": (1, False, "basic"),
    "2 threads, no spinning, basic": (0, False, "basic"),
    "1 thread, no optimisation": (1, False, "none"),
}


def queries(index: Path | None, real_ids: int, n: int, claims: int) -> list[str]:
    if index is None:
        return (FALLBACK * (n // len(FALLBACK) + 1))[:n]
    from scale import vary

    db = sqlite3.connect(f"file:{index / 'xcheck.sqlite'}?mode=ro", uri=True)
    texts = [r[0] for r in db.execute("SELECT text FROM claims WHERE id <= ? ORDER BY id", (real_ids,))]
    db.close()
    rng = np.random.default_rng(10**9)  # as scale.py's Claims.make(claims, claims + n, seed=10**9)
    return [vary(texts[j % len(texts)], rng) for j in range(claims, claims + n)]


def session(threads: int, spinning: bool, level: str) -> ort.InferenceSession:
    options = ort.SessionOptions()
    if threads:
        options.intra_op_num_threads = threads
    options.log_severity_level = 3
    options.graph_optimization_level = LEVELS[level]
    options.add_session_config_entry("session.intra_op.allow_spinning", "1" if spinning else "0")
    return ort.InferenceSession(
        str(int8_model_path()), sess_options=options, providers=["CPUExecutionProvider"]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path)
    parser.add_argument("--real-ids", type=int, default=0)
    parser.add_argument("--claims", type=int, default=1_000_000, help="as given to scale.py")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=1, help="passes over the queries")
    parser.add_argument("--only", help="comma-separated configuration numbers (1-based)")
    args = parser.parse_args(argv)
    model_dir = bundled_model_path()
    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tok.enable_truncation(max_length=max_seq_length(model_dir))
    tok.enable_padding(pad_id=tok.token_to_id("[PAD]") or 0, pad_token="[PAD]")
    names = list(CONFIGS)
    if args.only:
        names = [names[int(i) - 1] for i in args.only.split(",")]
    sessions = {name: session(*CONFIGS[name]) for name in names}
    texts = queries(args.index, args.real_ids, args.queries, args.claims)
    ref = {name: OnnxEmbedder._run(tok, s, texts[:5]) for name, s in sessions.items()}
    base = ref[names[0]]
    for name in names:  # every configuration computes the same vectors
        agree = float(np.min(np.einsum("ij,ij->i", ref[name], base)))
        if agree < 0.999:
            print(f"warning: {name}: cosine to the first configuration {agree:.5f}")
    for s in sessions.values():  # warm-up
        for t in texts[:20]:
            OnnxEmbedder._run(tok, s, [t])
    times: dict[str, list[float]] = {name: [] for name in names}
    load = os.getloadavg()[0]
    for _ in range(args.rounds):
        for t in texts:
            for name, s in sessions.items():
                start = time.perf_counter()
                OnnxEmbedder._run(tok, s, [t])
                times[name].append(time.perf_counter() - start)
    tokens = np.median([len(tok.encode(t).ids) for t in texts])
    print(
        f"{len(texts)} sentences x {args.rounds} (median {tokens:.0f} tokens), one at a time, configurations "
        f"interleaved; load average {load:.1f} before, {os.getloadavg()[0]:.1f} after (2 cores)"
    )
    for name in names:
        ms = np.array(times[name]) * 1000
        print(f"  {name:<40} p50 {np.median(ms):6.2f} ms  p90 {np.percentile(ms, 90):6.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
