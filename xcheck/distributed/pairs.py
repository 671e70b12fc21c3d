"""``xcheck pairs --ray``: the neighbour search in blocks of query claims across Ray workers.

``Corpus.update_pairs(search=block_search(ray))`` runs the same pairing as a plain ``pairs``; only
the search is spread: the vector index is put once into Ray's object store, and each block of
``BLOCK`` query claims (sorted, as ``self_join`` takes them) is searched by one task against all of
it. A block is a pure function of the vectors and its ids, so a block lost with its worker is only
searched again. The blocks' pairs are merged in block order, keeping the first found of a pair seen
from both ends, as ``self_join`` does within one process; a block is a whole number of
``self_join``'s batches of 4,096 queries, so every FAISS call sees the same queries as in a plain run
and the result is identical. The judgement and the write stay with the one writer on the driver.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import faiss
import numpy as np

from ..pairing.candidates import Pair, _unique_pairs
from ..store.vectors import VectorIndex
from . import cluster
from .tasks import search_block

BLOCK = 4 * 4096  # query claims per task; a multiple of self_join's batch


def block_search(ray: Any, *, block: int = BLOCK) -> Callable[..., list[Pair]]:
    """A replacement for ``self_join(vectors, floor=, k=, query_ids=, exhaustive=)`` run on Ray (the
    search around ``query_ids``, as ``update_pairs`` asks for it)."""
    if block < 1:
        raise ValueError(f"block must be at least 1, got {block}")
    task = cluster.remote(ray, search_block)

    def search(
        vectors: VectorIndex,
        *,
        floor: float,
        k: int,
        query_ids: Sequence[int] | np.ndarray,
        exhaustive: bool = True,
    ) -> list[Pair]:
        qids = np.unique(np.asarray(query_ids, dtype=np.int64))
        if qids.size == 0 or vectors.size < 2:
            return []
        data = ray.put(faiss.serialize_index(vectors.index))
        refs = [
            task.remote(data, vectors.dim, qids[i : i + block], floor, k, exhaustive)
            for i in range(0, qids.size, block)
        ]
        found = [p for part in cluster.get(ray, refs) for p in part]
        if not found:
            return []
        lo = np.fromiter((p[0] for p in found), dtype=np.int64, count=len(found))
        hi = np.fromiter((p[1] for p in found), dtype=np.int64, count=len(found))
        sim = np.fromiter((p[2] for p in found), dtype=np.float32, count=len(found))
        lo, hi, sim = _unique_pairs(lo, hi, sim)
        return list(zip(lo.tolist(), hi.tolist(), sim.tolist(), strict=True))

    return search


def update_pairs_on_ray(corpus: Any, address: str | None = None, *, floor: float | None = None) -> int:
    """``corpus.update_pairs(floor)`` with the neighbour search on Ray (``address``: see
    :func:`cluster.connect`)."""
    with cluster.connect(address) as ray:
        return int(corpus.update_pairs(floor, search=block_search(ray)))
