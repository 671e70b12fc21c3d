"""Recall of an inverted file against exact search, by the number of lists searched.

    python benchmarks/scale_sweep.py CLAIMS QUERIES NPROBES [--from-index DIR ...]
    e.g. python benchmarks/scale_sweep.py 1000000 1000 64,128,256,512 --from-index /work/idx-all ...

Reads the index that ``benchmarks/scale.py --claims CLAIMS`` built (in /work/data/scale), searches every
vector it stores exactly (float32 over the stored float16 vectors, so only the inverted file's
approximation is measured), and compares the 20 nearest neighbours above the pairing floor of QUERIES
held-out variants (made as scale.py makes them) with the inverted file's at each width (one thread).
Most claims of the 1M index are variants of a few tens of thousands of sentences, and a query's nearest
are mostly variants of its own sentence, which sit close together; so recall is also measured for the
20 nearest among the other sentences' claims only (the neighbours a query of real claims looks for).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import xcheck  # noqa: F401  first: it picks OpenBLAS's kernels before FAISS loads (xcheck/_blas.py)

# isort: split
import faiss
import numpy as np
from _common import DATA
from scale import WORK, Claims, calibrate, real_claims, top_above

from xcheck.corpus import PAIR_FLOOR, PAIR_NEIGHBOURS
from xcheck.store.index import IndexStore
from xcheck.store.vectors import VectorIndex, _new_ivf


def others(scores: np.ndarray, ids: np.ndarray, base: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``PAIR_NEIGHBOURS`` nearest of each query among claims that are not variants of its own
    sentence (claim id ``c`` is variant ``c - 1`` of sentence ``(c - 1) % n``; -1 where fewer)."""
    keep = (ids >= 1) & ((ids - 1) % n != base[:, None])
    out_s = np.full((ids.shape[0], PAIR_NEIGHBOURS), -1.0, dtype=np.float32)
    out_i = np.full((ids.shape[0], PAIR_NEIGHBOURS), -1, dtype=np.int64)
    for r in range(ids.shape[0]):
        row = np.flatnonzero(keep[r])[:PAIR_NEIGHBOURS]
        out_s[r, : row.size], out_i[r, : row.size] = scores[r, row], ids[r, row]
    return out_s, out_i


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("claims", type=int)
    parser.add_argument("queries", type=int)
    parser.add_argument("nprobes", help="comma-separated numbers of lists")
    parser.add_argument("--from-index", type=Path, action="append", default=[])
    parser.add_argument("--work", type=Path, default=WORK)
    parser.add_argument(
        "--max-codes", default="0", help="comma-separated caps on the vectors a query scans (0: none)"
    )
    parser.add_argument(
        "--nlist", type=int, default=0, help="rebuild the stored vectors' inverted file with this many lists"
    )
    parser.add_argument("--calibrate", type=int, default=1000, help="as given to scale.py (same queries)")
    parser.add_argument("--real-ids", type=int, default=0, help="as given to scale.py (same claims)")
    args = parser.parse_args(argv)
    texts, vecs, frames, _ = real_claims(args.work, DATA, args.from_index, args.real_ids)
    cos, _ = calibrate(args.work, texts, vecs, args.calibrate)
    claims = Claims(texts, vecs, frames or [""] * len(texts), cos)
    store = IndexStore(args.work / f"index-{args.claims}")
    v = store.vectors()
    if v.ivf is None:
        print("the index is not an inverted file", file=sys.stderr)
        return 2
    ids = v.all_ids()
    if args.nlist:  # the same vectors in an inverted file of another number of lists, built here
        start = time.perf_counter()
        rng = np.random.default_rng(0)
        sample = v.get(np.sort(rng.choice(ids, size=min(ids.size, args.nlist * 39), replace=False)))
        ivf = _new_ivf(v.dim, args.nlist, sample)
        del sample
        for s in range(0, ids.size, 65536):
            ivf.add_with_ids(v.get(ids[s : s + 65536]), ids[s : s + 65536])
        v = VectorIndex(v.dim, ivf)
        print(f"an inverted file of {args.nlist} lists built in {time.perf_counter() - start:.0f} s")
    exact = faiss.IndexFlatIP(v.dim)
    for s in range(0, ids.size, 100_000):
        exact.add(v.get(ids[s : s + 100_000]))
    q = claims.make(args.claims, args.claims + args.queries, seed=10**9)[1]
    n = len(texts)
    base = (args.claims + np.arange(args.queries)) % n  # the sentence each query is a variant of
    deep = PAIR_NEIGHBOURS + 2 * (-(-args.claims // n))  # room for every variant of its own sentence
    es, ei = exact.search(q, deep)
    del exact
    qids = np.arange(args.queries)
    want = top_above(es[:, :PAIR_NEIGHBOURS], ids[ei[:, :PAIR_NEIGHBOURS]], qids, PAIR_FLOOR)
    want_other = top_above(*others(es, ids[ei], base, n), qids, PAIR_FLOOR)
    print(
        f"lists {v.ivf.nlist}; {len(want):,} neighbours above {PAIR_FLOOR} of {args.queries} queries; "
        f"{len(want_other):,} of them among the nearest of other sentences than the query's own"
    )
    faiss.omp_set_num_threads(1)
    for nprobe, max_codes in itertools.product(
        (int(x) for x in args.nprobes.split(",")), [int(x) for x in args.max_codes.split(",")]
    ):
        v.ivf.nprobe, v.ivf.max_codes = nprobe, max_codes
        ls, li = v.search(q, PAIR_NEIGHBOURS)
        got = top_above(ls, li, qids, PAIR_FLOOR)
        ls, li = v.search(q, deep)
        got_other = top_above(*others(ls, li, base, n), qids, PAIR_FLOOR)
        times = []
        for row in q[:200]:  # one query at a time, as the service searches
            start = time.perf_counter()
            v.search(row[None], 10)
            times.append(time.perf_counter() - start)
        cap = f", at most {max_codes:,} vectors" if max_codes else ""
        print(
            f"{nprobe} lists{cap}: recall {len(want & got) / len(want):.4f}, of other sentences' "
            f"{len(want_other & got_other) / max(len(want_other), 1):.4f}; one query p50 "
            f"{np.median(times) * 1000:.2f} ms (1 thread)"
        )
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
