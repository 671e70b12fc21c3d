"""Copy an index and rebuild its inverted file with another number of lists.

    python benchmarks/relist.py SRC DST [--nlist N]

Copies the index folder SRC to DST (which must not exist) and writes the vectors of SRC's committed
generation again as an inverted file of ``N`` lists (default: ``nlist_for`` of the vectors' count, the
number this xcheck gives an index of that size), under the same generation, so DST is SRC with only
its lists changed. SRC is only read. Prints the time taken and the sizes of the lists.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import xcheck  # noqa: F401  first: it picks OpenBLAS's kernels before FAISS loads (xcheck/_blas.py)

# isort: split
import faiss
import numpy as np

from xcheck.store.index import IndexStore
from xcheck.store.vectors import VectorIndex, _new_ivf, file_for, nlist_for


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("src", type=Path)
    parser.add_argument("dst", type=Path)
    parser.add_argument("--nlist", type=int, default=0, help="lists (default: nlist_for of the size)")
    args = parser.parse_args(argv)
    if args.dst.exists():
        print(f"{args.dst} exists", file=sys.stderr)
        return 2
    shutil.copytree(args.src, args.dst)  # SRC is never opened: a reader may touch SQLite's files
    store = IndexStore(args.dst, read_only=True)
    try:
        gen, dim = store.generation, store.dim
        if dim is None:
            print(f"{args.src} holds no vectors", file=sys.stderr)
            return 2
        v = store.vectors()
    finally:
        store.close()
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    load = os.getloadavg()[0]
    start = time.perf_counter()
    nlist = args.nlist or nlist_for(v.size)
    ids = v.all_ids()
    sample = v.get(
        np.sort(np.random.default_rng(0).choice(ids, size=min(ids.size, nlist * 40), replace=False))
    )
    ivf = _new_ivf(dim, nlist, sample)
    del sample
    trained = time.perf_counter() - start
    for s in range(0, ids.size, 65536):
        ivf.add_with_ids(v.get(ids[s : s + 65536]), ids[s : s + 65536])
    built = time.perf_counter() - start
    VectorIndex(dim, ivf).write(file_for(args.dst, gen))  # replaces the copied file
    sizes = np.array([ivf.invlists.list_size(i) for i in range(nlist)])
    print(
        f"{v.size:,} vectors, {v.ivf.nlist if v.ivf is not None else 0} lists -> {nlist} lists: trained in "
        f"{trained:.0f} s, built in {built:.0f} s (load average {load:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after); vectors a list: median {np.median(sizes):.0f}, largest "
        f"{sizes.max()}, empty {int((sizes == 0).sum())}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
