"""Candidate pairing: the FAISS self-join against sentence-transformers' paraphrase mining.

    python benchmarks/pairing.py [--data DIR] [--limit 100000] [--floor 0.75] [--k 20]

Builds claim sentences from the shared data sets (default ``../shared/data``): RUWA (title and
subheading of each row), BBC (headline and the claim sentences of each body), CheckThat! 2020 (the
verified claims with their titles, and the tweets), MRPC and the STS news sets (both sentences of each
pair) and QuanTemp (the claims); deduplicated and cut at ``--limit``. RUWA and BBC alone hold 69k
sentences; the others bring the set past 100k. Embeds them once with the bundled model (cached in
/tmp, keyed by a hash of the texts), then times on the same embeddings:

(a) ``self_join`` through a ``VectorIndex`` as an index of that size stores it (``VectorIndex.lean()``:
    float16, and an inverted file from ``IVF_MIN`` vectors on, joined list by list),
(b) ``self_join`` through an exact float32 ``VectorIndex`` (the layout before the lean index), and
(c) ``sentence_transformers.util.paraphrase_mining_embeddings`` with ``top_k=k``, keeping scores >= floor,

and prints pairs found, times, the speed ratios and the recall of each with respect to the exact join.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import xcheck  # noqa: F401  first: it picks OpenBLAS's kernels before FAISS loads (xcheck/_blas.py)

# isort: split
import faiss
import numpy as np
import torch
from _common import DATA
from eval_mrpc import load as load_mrpc
from quantemp_coverage import load_claims
from sentence_transformers.util import paraphrase_mining_embeddings

from xcheck.claims.segment import claim_spans
from xcheck.embed import SentenceTransformerEmbedder
from xcheck.pairing import candidates
from xcheck.pairing.candidates import self_join
from xcheck.store.vectors import VectorIndex

CACHE = Path(tempfile.gettempdir())


def ruwa_sentences(path: Path) -> list[str]:
    files = sorted(path.glob("*.csv")) if path.is_dir() else [path]
    out: list[str] = []
    csv.field_size_limit(sys.maxsize)
    for file in files:
        with file.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                for column in ("title", "desc"):
                    text = " ".join((row.get(column) or "").split())
                    if text:
                        out.append(text)
    return out


def read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:  # sport/199.txt
        return raw.decode("latin-1")


def bbc_sentences(path: Path) -> list[str]:
    out: list[str] = []
    for file in sorted(path.glob("*/*.txt")):
        headline, _, body = read_text(file).partition("\n")
        if headline.strip():
            out.append(" ".join(headline.split()))
        out.extend(" ".join(span.text.split()) for span in claim_spans(body))
    return out


def _tsv_columns(path: Path, columns: list[int], *, skip_header: bool, quoting: int) -> list[str]:
    out: list[str] = []
    with path.open(newline="", encoding="utf-8-sig") as fh:
        rows = csv.reader(fh, delimiter="\t", quoting=quoting)
        if skip_header:
            next(rows, None)
        for row in rows:
            for c in columns:
                if c < len(row) and row[c].strip():
                    out.append(" ".join(row[c].split()))
    return out


def clef_sentences(path: Path) -> list[str]:
    """CheckThat! 2020: verified claims and their titles, then the tweets of train and dev."""
    out = _tsv_columns(path / "verified_claims.docs.tsv", [1, 2], skip_header=True, quoting=csv.QUOTE_MINIMAL)
    for queries in sorted(path.glob("*/tweets.queries.tsv")):
        out += _tsv_columns(queries, [1], skip_header=True, quoting=csv.QUOTE_MINIMAL)
    return out


def mrpc_sentences(path: Path) -> list[str]:
    return [
        " ".join(t.split())
        for file in sorted(path.glob("*.tsv"))
        for p in load_mrpc(file)
        for t in (p.a, p.b)
    ]


def sts_sentences(path: Path) -> list[str]:
    out: list[str] = []
    for file in sorted(path.glob("*.tsv")):
        out += _tsv_columns(file, [1, 2], skip_header=False, quoting=csv.QUOTE_NONE)
    return out


def quantemp_sentences(path: Path) -> list[str]:
    return [text for claim in load_claims(path) if (text := " ".join(claim.split()))]


SOURCES = [
    ("ruwa", ruwa_sentences),
    ("bbc", bbc_sentences),
    ("clef2020", clef_sentences),
    ("mrpc", mrpc_sentences),
    ("sts-news", sts_sentences),
    ("quantemp", quantemp_sentences),
]


def build_sentences(data: Path, limit: int) -> tuple[list[str], dict[str, int]]:
    """Unique sentences of every source that is present, in order, and how many each one added."""
    seen: dict[str, None] = {}
    added: dict[str, int] = {}
    for name, read in SOURCES:
        folder = data / name
        if not folder.is_dir():
            continue
        before = len(seen)
        for text in read(folder):
            if len(seen) >= limit:
                break
            seen.setdefault(text, None)
        added[name] = len(seen) - before
    return list(seen), added


def embed_cached(texts: list[str]) -> tuple[np.ndarray, float, bool]:
    """Embeddings of ``texts``, the seconds embedding took, and whether they came from the cache."""
    embedder = SentenceTransformerEmbedder()
    digest = hashlib.sha256(embedder.model_id.encode())
    for text in texts:
        digest.update(text.encode("utf-8"))
        digest.update(b"\0")
    cache = CACHE / f"xcheck-pairing-{digest.hexdigest()[:16]}.npy"
    timing = cache.with_suffix(".seconds")
    if cache.is_file() and timing.is_file():
        emb = np.load(cache)
        if emb.shape[0] == len(texts):
            return emb, float(timing.read_text()), True
    start = time.perf_counter()
    emb = embedder.embed_batch(texts)
    seconds = time.perf_counter() - start
    tmp = cache.with_name(cache.name + ".tmp.npy")
    np.save(tmp, emb)
    os.replace(tmp, cache)
    timing.write_text(f"{seconds:.3f}\n")
    return emb, seconds, False


def run_self_join(
    emb: np.ndarray, floor: float, k: int, *, lean: bool
) -> tuple[set[tuple[int, int]], float, str]:
    index = VectorIndex(emb.shape[1]) if lean else VectorIndex.exact(emb.shape[1])
    index.add(range(emb.shape[0]), emb)
    if lean:
        index = index.lean()
    start = time.perf_counter()
    pairs = self_join(index, floor=floor, k=k)
    seconds = time.perf_counter() - start
    return {(a, b) for a, b, _ in pairs}, seconds, index.layout


def run_paraphrase_mining(emb: np.ndarray, floor: float, k: int) -> tuple[set[tuple[int, int]], float]:
    tensor = torch.from_numpy(emb)
    start = time.perf_counter()
    # max_pairs = n * k: every query contributes at most k pairs, so nothing is truncated.
    mined = paraphrase_mining_embeddings(tensor, top_k=k, max_pairs=emb.shape[0] * k + 1)
    seconds = time.perf_counter() - start
    return {(int(i), int(j)) for score, i, j in mined if score >= floor}, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    parser.add_argument("--limit", type=int, default=100_000)
    parser.add_argument("--floor", type=float, action="append", help="repeatable; default 0.75")
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument(
        "--from-index",
        type=Path,
        action="append",
        default=[],
        help="repeatable: real claims and vectors from these indexes, filled up to --limit with derived "
        "variants as benchmarks/scale.py makes them, instead of embedding --data",
    )
    parser.add_argument("--real-ids", type=int, default=0, help="as benchmarks/scale.py takes it")
    parser.add_argument("--work", type=Path, help="benchmarks/scale.py's --work (its calibration)")
    parser.add_argument(
        "--join-nprobe",
        help="comma-separated lists each vector probes in the lean join, one lean run each "
        "(default: JOIN_NPROBE)",
    )
    args = parser.parse_args(argv)
    floors = args.floor or [0.75]

    faiss.omp_set_num_threads(os.cpu_count() or 1)
    torch.set_num_threads(os.cpu_count() or 1)

    if args.from_index:
        from scale import WORK, Claims, calibrate, real_claims

        work = args.work or WORK
        real, vecs, frames, _ = real_claims(work, args.data, args.from_index, args.real_ids)
        cos, _ = calibrate(work, real, vecs, 300)
        _, emb, _ = Claims(real, vecs, frames or [""] * len(real), cos).make(0, args.limit, seed=0)
        n_real = min(len(real), args.limit)
        print(
            f"vectors: {emb.shape[0]:,}: {n_real:,} real claims as embedded in {len(args.from_index)} "
            f"indexes, {emb.shape[0] - n_real:,} derived variants (benchmarks/scale.py)"
        )
    else:
        texts, added = build_sentences(args.data, args.limit)
        if not texts:
            print(f"no data sets found under {args.data}", file=sys.stderr)
            return 2
        parts = ", ".join(f"{name} {n:,}" for name, n in added.items())
        print(f"sentences: {len(texts):,} unique ({parts})")
        emb, embed_seconds, cached = embed_cached(texts)
        rate = len(texts) / embed_seconds
        where = "read from the cache; it took" if cached else "took"
        print(f"embedding ({emb.shape[1]}-d, once): {where} {embed_seconds:.1f} s ({rate:.0f} sentences/s)")
    print(f"load average before: {os.getloadavg()[0]:.1f} (2 cores)")
    print(
        f"threads: faiss {faiss.omp_get_max_threads()}, torch {torch.get_num_threads()}; k={args.k}; "
        f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}"
    )

    probes = [int(x) for x in args.join_nprobe.split(",")] if args.join_nprobe else [candidates.JOIN_NPROBE]
    for floor in floors:
        leans = []
        for nprobe in probes:
            candidates.JOIN_NPROBE = nprobe
            leans.append((nprobe, *run_self_join(emb, floor, args.k, lean=True)))
        exact, t_exact, _ = run_self_join(emb, floor, args.k, lean=False)
        theirs, t_theirs = run_paraphrase_mining(emb, floor, args.k)
        print(f"floor {floor}:")
        for nprobe, lean, t_lean, layout in leans:
            print(
                f"  self_join, lean index ({layout}, each vector probing {nprobe} lists): {len(lean):>9} "
                f"pairs in {t_lean:8.2f} s"
            )
        print(f"  self_join, exact float32:    {len(exact):>9} pairs in {t_exact:8.2f} s")
        print(f"  paraphrase_mining:           {len(theirs):>9} pairs in {t_theirs:8.2f} s")
        for nprobe, lean, t_lean, _ in leans:
            print(
                f"  probing {nprobe}: paraphrase_mining / lean self_join {t_theirs / t_lean:.2f}x; "
                f"recall w.r.t. exact self_join {len(lean & exact) / max(len(exact), 1):.4f}, "
                f"w.r.t. paraphrase_mining {len(lean & theirs) / max(len(theirs), 1):.4f}"
            )
        print(f"  speed ratio paraphrase_mining / exact self_join: {t_theirs / t_exact:.2f}x")
        for name, got, ref in (
            ("exact self_join w.r.t. paraphrase_mining", exact, theirs),
            ("paraphrase_mining w.r.t. exact self_join", theirs, exact),
        ):
            print(f"  recall of {name}: {len(got & ref) / max(len(ref), 1):.4f}")
    print(f"load average after: {os.getloadavg()[0]:.1f} (2 cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
