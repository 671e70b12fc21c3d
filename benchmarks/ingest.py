"""Ingest throughput against the raw model, measured in one run.

    python benchmarks/ingest.py CORPUS_DIR [--limit N] [--frames on|off|both] [--backend onnx|torch]
                                [--serial] [--chunk N] [--ahead N] [--batch N] [--onnx-file PATH]

Prints documents/s and claims/s of the whole pipeline (read, segment, frames, embed, store) and the
ratio of its claims/s to ``SentenceTransformer.encode`` (torch) sentences/s on exactly the same sentences.
The pipeline embeds with ``--backend`` (default: xcheck's default, ONNX Runtime int8), overlapping claim
extraction with embedding (xcheck/overlap.py) unless ``--serial``; ``--chunk`` (texts per hand-over to
the embedding thread), ``--ahead`` (hand-overs queued) and ``--batch`` (texts per model call) override
xcheck's values for measuring them; ``--onnx-file`` runs the ONNX backend on another file of the same
model (e.g. one written by ``benchmarks/onnx_variants.py build``) instead of the shipped int8 one.
Both models are loaded (and warmed up) before anything is timed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np

import xcheck.corpus as corpus_mod
import xcheck.onnx_embed as onnx_embed_mod
from xcheck.config import DEFAULT_MODEL_ID
from xcheck.corpus import Corpus
from xcheck.embed import BATCH_SIZE, Embedder, SentenceTransformerEmbedder, make_embedder
from xcheck.ingest.readers import read_inputs
from xcheck.types import Document


class Serial:
    """EmbedAhead's interface, embedding at once in the caller's thread (no overlap), for comparison."""

    def __init__(self, embed, *, ahead: int = 2) -> None:  # type: ignore[no-untyped-def]
        self._embed = embed
        self.in_flight: set[str] = set()

    def submit(self, keys: list[str], texts: list[str]) -> dict[str, np.ndarray]:
        return dict(zip(keys, self._embed(texts), strict=True)) if texts else {}

    def drain(self) -> dict[str, np.ndarray]:
        return {}

    def __enter__(self) -> Serial:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def pipeline(items: list, embedder: Embedder, frames: bool) -> tuple[float, int, int, list[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Corpus(Path(tmp) / "idx", embedder=embedder, create=True, frames=frames)
        t0 = time.perf_counter()
        report = corpus.ingest_documents(items)
        seconds = time.perf_counter() - t0
        texts = [r[0] for r in corpus.store.sql.db.execute("SELECT text FROM claims ORDER BY id")]
        corpus.close()
    return seconds, report.documents, report.claims, texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", help="folder of articles (e.g. ../shared/data/bbc)")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N documents")
    ap.add_argument("--frames", choices=["on", "off", "both"], default="both")
    ap.add_argument("--encoding", default="utf-8")
    ap.add_argument("--backend", choices=["onnx", "torch"], default=None)
    ap.add_argument("--serial", action="store_true", help="no overlap of extraction and embedding")
    ap.add_argument("--chunk", type=int, default=0)
    ap.add_argument("--ahead", type=int, default=0)
    ap.add_argument("--batch", type=int, default=0)
    ap.add_argument("--onnx-file", type=Path, default=None, help="ONNX file for the onnx backend")
    args = ap.parse_args()
    if args.onnx_file:
        onnx_file = args.onnx_file.resolve()
        onnx_embed_mod.int8_model_path = lambda: onnx_file  # type: ignore[assignment]
    if args.serial:
        corpus_mod.EmbedAhead = Serial  # type: ignore[misc,assignment]
    if args.chunk:
        corpus_mod.EMBED_CHUNK = args.chunk
    if args.ahead:
        corpus_mod.EMBED_AHEAD = args.ahead

    t0 = time.perf_counter()
    items = list(read_inputs([args.corpus], encoding=args.encoding))
    read_s = time.perf_counter() - t0
    if args.limit:
        items = items[: args.limit]
    failures = [i for i in items if not isinstance(i, Document)]
    print(
        f"corpus: {args.corpus}: {len(items) - len(failures)} documents read, {len(failures)} unreadable "
        f"({read_s:.1f} s to read)"
    )

    reference = SentenceTransformerEmbedder(DEFAULT_MODEL_ID)  # raw encode: always torch
    reference.embed_batch(["warm-up sentence"] * 8)
    embedder = make_embedder(None, backend=args.backend) if args.backend else make_embedder(None)
    if args.batch:  # texts per model call: the corpus's turn on the model and the embedder's own batch
        corpus_mod.EMBED_TURN = args.batch
        embedder.batch_size = args.batch  # type: ignore[attr-defined]
    embedder.embed_batch(["warm-up sentence"] * 8)
    print(
        f"pipeline backend: {getattr(embedder, 'backend', '?')}"
        f"{f' ({args.onnx_file})' if args.onnx_file else ''}, "
        f"{'serial' if args.serial else 'overlapped'}, chunk {corpus_mod.EMBED_CHUNK}, "
        f"ahead {corpus_mod.EMBED_AHEAD}, "
        f"batch {min(corpus_mod.EMBED_TURN, getattr(embedder, 'batch_size', corpus_mod.EMBED_TURN))}"
    )

    runs = {"off": [False], "on": [True], "both": [False, True]}[args.frames]
    results = {}
    texts: list[str] = []
    for frames in runs:
        seconds, docs, claims, texts = pipeline(items, embedder, frames)
        results[frames] = (seconds, docs, claims)

    unique = list(dict.fromkeys(texts))
    t0 = time.perf_counter()
    reference.model.encode(
        unique,
        batch_size=BATCH_SIZE,
        convert_to_numpy=True,
        normalize_embeddings=True,
        show_progress_bar=False,
    )
    raw_s = time.perf_counter() - t0
    raw_rate = len(unique) / raw_s
    print(
        f"raw SentenceTransformer.encode (torch, batch {BATCH_SIZE}): {len(unique)} distinct sentences "
        f"in {raw_s:.1f} s "
        f"= {raw_rate:.1f} sentences/s"
    )
    for frames, (seconds, docs, claims) in results.items():
        label = "with frames" if frames else "without frames"
        # the pipeline embeds each distinct sentence once: compare like with like
        rate = len(unique) / seconds
        print(
            f"pipeline {label}: {docs} documents, {claims} claims ({len(unique)} distinct) "
            f"in {seconds:.1f} s = {docs / seconds:.1f} documents/s, {claims / seconds:.1f} claims/s; "
            f"ratio to raw encode = {rate / raw_rate:.2f}"
        )
    if len(results) == 2:
        ratio = results[False][0] / results[True][0]
        print(f"throughput with frames / without frames = {ratio:.2f}")


if __name__ == "__main__":
    main()
