"""Candidate pairs: every two claims whose vectors are at least ``floor`` apart in cosine similarity.

The self-join runs through FAISS in batches of query vectors, never as a Python loop over pairs:

1. Each batch of query vectors is searched with ``k + 1`` neighbours (the ``+ 1`` is the query's own
   hit, which is dropped). FAISS computes the scores with its own threads (BLAS and OpenMP). For the
   full join the stored vectors are searched as an upper triangle: the batch starting at storage row
   ``s`` is searched against rows ``s..n-1`` only (``faiss.knn`` on the index's own storage, no copy),
   so every pair is scored about once instead of twice. With ``query_ids`` the queries' vectors are
   reconstructed from the index and searched against all of it.
2. A query whose last (``k + 1``-th) neighbour still scores ``>= floor`` may have more neighbours above
   the floor than the ``k`` asked for. Those queries — and only those — are searched again with
   ``range_search`` over the whole index, which returns *every* vector above a radius. FAISS keeps
   inner products strictly greater than the radius, so the radius is the float32 just below ``floor``
   and results are then filtered with ``>= floor``. The fallback queries of all batches are pooled and
   range-searched in batches at the end (FAISS is much faster per query on many queries at once).
   Hence no pair above the floor is missed, whatever ``k`` is: ``k`` only trades the cost of the
   first pass against how often the fallback runs. (In the triangle, a pair ``(a, b)`` with ``a``
   stored first is in ``a``'s search range; if it is not among ``a``'s ``k + 1`` hits, those hits all
   score at least as much, so ``a`` falls back to ``range_search``.)
3. The ``(batch, k + 1)`` result arrays are filtered with numpy (score ``>= floor``, no self-match, no
   ``-1`` padding), each pair is put in canonical order with ``np.minimum`` / ``np.maximum``, and
   pairs found from both sides are reduced to one (the first found) by sorting on a combined key.

**An inverted file** (an index of ``IVF_MIN`` claims or more, see :mod:`xcheck.store.vectors`) is
joined approximately, as FAISS searches it: the stored vectors are read list by list, each vector is
assigned to the ``JOIN_NPROBE`` lists whose centroids are nearest to it, and the vectors of each list are
compared with the vectors that probe it in one matrix product (BLAS), keeping the scores ``>= floor``.
A pair is found when either end probes the other's list. The recall of the pairs above the floor is
measured against the exact join (``benchmarks/pairing.py``, ``tests/test_lean_index.py``). With
``query_ids`` an inverted file is searched with its own ``nprobe``.

Scores are inner products of the stored vectors (float16 in a lean index, float32 in the older
layout), which equal cosine similarities when the vectors are L2-normalised (as
:class:`~xcheck.store.vectors.VectorIndex` expects). ``floor`` is compared in float32.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import faiss
import numpy as np

from ..store.vectors import VectorIndex, ivf_of

__all__ = ["Pair", "self_join", "self_join_matrix"]

Pair = tuple[int, int, float]
"""``(a, b, similarity)`` with ``a < b``."""

_KEY_LIMIT = 1 << 31  # ids below this fit two to an int64 key
# Lists each vector probes in the join of an inverted file (recall: see the module docstring). On
# 100,000 claim vectors (2,048 lists, 8 * sqrt(n)) at floor 0.75 the join found 0.9520 / 0.9911 / 0.9978
# of the exact join's pairs probing 8 / 12 / 16 lists; with 16, 8.4x and 15.5x as fast as paraphrase
# mining in two runs (README, "Lean index and scale"). 8 was chosen on lists twice as large (4 * sqrt(n)).
JOIN_NPROBE = 16


# --- boundary checks ----------------------------------------------------------------------------------


def _check_params(floor: float, k: int, batch_size: int) -> np.float32:
    if isinstance(floor, bool) or not isinstance(floor, int | float | np.floating | np.integer):
        raise ValueError(f"floor must be a number in [-1, 1], got {floor!r}")
    if not (math.isfinite(float(floor)) and -1.0 <= float(floor) <= 1.0):
        raise ValueError(f"floor must be a number in [-1, 1], got {floor!r}")
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 1:
        raise ValueError(f"k must be an integer >= 1, got {k!r}")
    if isinstance(batch_size, bool) or not isinstance(batch_size, int | np.integer) or batch_size < 1:
        raise ValueError(f"batch_size must be an integer >= 1, got {batch_size!r}")
    return np.float32(floor)


def _check_ids(ids: Any, what: str) -> np.ndarray:
    arr = np.asarray(ids)
    if arr.ndim != 1:
        raise ValueError(f"{what} must be a 1-d sequence of integer ids, got shape {arr.shape}")
    if arr.size == 0:
        return np.zeros(0, dtype=np.int64)
    if arr.dtype.kind not in "iu":
        raise ValueError(f"{what} must be integer ids, got dtype {arr.dtype}")
    if arr.dtype.kind == "u" and arr.max() > np.iinfo(np.int64).max:
        raise ValueError(f"{what} must fit in int64")
    return arr.astype(np.int64, copy=False)


# --- the join -----------------------------------------------------------------------------------------


def self_join(
    vectors: VectorIndex,
    *,
    floor: float,
    k: int = 20,
    query_ids: Sequence[int] | np.ndarray | None = None,
    batch_size: int = 4096,
    exhaustive: bool = True,
) -> list[Pair]:
    """All pairs of claims in ``vectors`` with cosine similarity ``>= floor``.

    ``exhaustive=False`` keeps only each query's ``k`` nearest neighbours above the floor (no
    ``range_search`` fallback): what an index of near-identical wire copy needs to stay bounded. In
    the full join (no ``query_ids``) the neighbours are those among the claims stored after the query.

    With ``query_ids`` only pairs with at least one end in ``query_ids`` (e.g. the claims that just
    arrived) are returned, and all of them; their vectors are reconstructed from the index. Returns
    unique unordered pairs ``(a, b, similarity)`` with ``a < b``, self-matches excluded, sorted by
    ``(a, b)``. ``k`` neighbours are asked per query; queries with more than ``k`` neighbours above
    the floor fall back to ``range_search`` (see the module docstring), so the result never depends
    on ``k``. ``batch_size`` query vectors are searched at a time.
    """
    f32 = _check_params(floor, k, batch_size)
    if not isinstance(vectors, VectorIndex):
        raise ValueError(f"vectors must be a VectorIndex, got {type(vectors).__name__}")
    index = vectors.index
    if int(index.d) != vectors.dim:
        raise ValueError(f"the FAISS index has dimension {index.d}, the VectorIndex says {vectors.dim}")
    n = vectors.size
    all_ids = vectors.all_ids()

    found = _Found()
    spilled: list[tuple[np.ndarray, np.ndarray]] = []  # (ids, vectors) of queries left to range_search
    ivf = ivf_of(index)
    if query_ids is None and ivf is not None:
        if n < 2:
            return []
        lo, hi, sim = _ivf_join(ivf, f32, k, exhaustive=exhaustive, batch_size=batch_size)
        return list(zip(lo.tolist(), hi.tolist(), sim.tolist(), strict=True))
    if query_ids is None:
        if n < 2:
            return []
        stored = _stored_vectors(index, n)
        for start in range(0, n, batch_size):
            stop = min(start + batch_size, n)
            # Upper triangle: a pair is found from the side that comes first in storage order.
            kk = min(k + 1, n - start)
            scores, pos = faiss.knn(stored[start:stop], stored[start:], kk, metric=faiss.METRIC_INNER_PRODUCT)
            bids = all_ids[start:stop]
            spill = _collect(
                found,
                f32,
                bids,
                scores,
                all_ids[pos + start],
                complete=kk == n - start,
                keep_spilled=not exhaustive,
            )
            if spill.any():
                spilled.append((bids[spill], stored[start:stop][spill]))
    else:
        qids = np.unique(_check_ids(query_ids, "query_ids"))
        _require_present(qids, all_ids)
        if qids.size == 0 or n < 2:
            return []
        kk = min(k + 1, n)
        for start in range(0, qids.size, batch_size):
            bids = qids[start : start + batch_size]
            q = np.ascontiguousarray(index.reconstruct_batch(bids), dtype=np.float32)
            scores, nbrs = index.search(q, kk)
            spill = _collect(found, f32, bids, scores, nbrs, complete=kk == n, keep_spilled=not exhaustive)
            if spill.any():
                spilled.append((bids[spill], q[spill]))

    if spilled and exhaustive:
        # Pooled across batches: range_search is much cheaper per query on many queries at once.
        # FAISS keeps inner products strictly above the radius, so use the float32 just below the floor.
        radius = float(np.nextafter(f32, np.float32(-np.inf)))
        sids = np.concatenate([ids for ids, _ in spilled])
        svecs = np.concatenate([vecs for _, vecs in spilled])
        for start in range(0, sids.size, batch_size):
            bids = sids[start : start + batch_size]
            lims, rscores, rnbrs = index.range_search(svecs[start : start + batch_size], radius)
            rq = np.repeat(bids, np.diff(lims).astype(np.int64))
            keep = (rscores >= f32) & (rnbrs != rq) & (rnbrs != -1)
            found.add(rq[keep], rnbrs[keep], rscores[keep])

    lo, hi, sim = found.unique()
    return list(zip(lo.tolist(), hi.tolist(), sim.tolist(), strict=True))


def self_join_matrix(
    vecs: np.ndarray,
    ids: Sequence[int] | np.ndarray,
    *,
    floor: float,
    k: int = 20,
    query_ids: Sequence[int] | np.ndarray | None = None,
    batch_size: int = 4096,
) -> list[Pair]:
    """:func:`self_join` over a plain ``(n, dim)`` float32 array whose row ``i`` has id ``ids[i]``.

    Builds a temporary exact (float32) inner-product index; useful for benchmarks and tests.
    """
    _check_params(floor, k, batch_size)
    if not isinstance(vecs, np.ndarray):
        raise ValueError(f"vecs must be a numpy array, got {type(vecs).__name__}")
    if vecs.dtype != np.float32:
        raise ValueError(f"vecs must have dtype float32, got {vecs.dtype}")
    if vecs.ndim != 2:
        raise ValueError(f"vecs must be 2-d (n, dim), got shape {vecs.shape}")
    if vecs.shape[1] < 1:
        raise ValueError(f"vecs must have a positive dimension, got shape {vecs.shape}")
    id_arr = _check_ids(ids, "ids")
    if id_arr.shape[0] != vecs.shape[0]:
        raise ValueError(f"{id_arr.shape[0]} ids for {vecs.shape[0]} vectors")
    if id_arr.size and np.unique(id_arr).size != id_arr.size:
        raise ValueError("ids must be unique")
    if (id_arr == -1).any():
        raise ValueError("id -1 is reserved by FAISS for 'no result'")
    index = VectorIndex.exact(int(vecs.shape[1]))
    index.add(id_arr, vecs)  # type: ignore[arg-type]  # numpy int64 array, used as a sequence
    return self_join(index, floor=floor, k=k, query_ids=query_ids, batch_size=batch_size)


# --- helpers ------------------------------------------------------------------------------------------


class _Found:
    """Pairs as found, in pieces: ``(query id, neighbour id, score)`` arrays."""

    def __init__(self) -> None:
        self.a: list[np.ndarray] = []
        self.b: list[np.ndarray] = []
        self.s: list[np.ndarray] = []

    def add(self, a: np.ndarray, b: np.ndarray, s: np.ndarray) -> None:
        self.a.append(a)
        self.b.append(b)
        self.s.append(s)

    def unique(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if not self.a:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
        a = np.concatenate(self.a).astype(np.int64, copy=False)
        b = np.concatenate(self.b).astype(np.int64, copy=False)
        s = np.concatenate(self.s).astype(np.float32, copy=False)
        return _unique_pairs(np.minimum(a, b), np.maximum(a, b), s)


def _collect(
    found: _Found,
    f32: np.float32,
    bids: np.ndarray,
    scores: np.ndarray,
    nbrs: np.ndarray,
    *,
    complete: bool,
    keep_spilled: bool = False,
) -> np.ndarray:
    """Keep the kNN hits ``>= floor`` of queries whose list is not cut short; return the mask of the others.

    A query spills when its last neighbour still scores ``>= floor`` and the search was not over
    every candidate (``complete``): more vectors above the floor may follow, so its hits are dropped
    here and the caller re-runs it with ``range_search`` (unless ``keep_spilled``: then its ``k`` hits
    are all it gets).
    """
    spill = scores[:, -1] >= f32 if not complete else np.zeros(bids.size, dtype=bool)
    mask = (scores >= f32) & (nbrs != bids[:, None]) & (nbrs != -1)
    if not keep_spilled:
        mask[spill] = False
    found.add(np.broadcast_to(bids[:, None], nbrs.shape)[mask], nbrs[mask], scores[mask])
    return spill


def _ivf_lists(ivf: Any) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The ids and float32 vectors of each inverted list of ``ivf``."""
    lists = ivf.invlists
    d = int(ivf.d)
    raw16 = (
        isinstance(ivf, faiss.IndexIVFScalarQuantizer)
        and not ivf.by_residual
        and ivf.sq.qtype == faiss.ScalarQuantizer.QT_fp16
    )
    ids_of: list[np.ndarray] = []
    vecs_of: list[np.ndarray] = []
    for li in range(ivf.nlist):
        m = int(lists.list_size(li))
        if m == 0:
            ids_of.append(np.zeros(0, dtype=np.int64))
            vecs_of.append(np.zeros((0, d), dtype=np.float32))
            continue
        ids = faiss.rev_swig_ptr(lists.get_ids(li), m).astype(np.int64)
        if raw16:  # the codes are the float16 vectors themselves
            codes = faiss.rev_swig_ptr(lists.get_codes(li), m * int(ivf.code_size))
            vecs = codes.view(np.float16).reshape(m, d).astype(np.float32)
        else:
            vecs = np.ascontiguousarray(ivf.reconstruct_batch(ids), dtype=np.float32)
        ids_of.append(ids)
        vecs_of.append(vecs)
    return ids_of, vecs_of


def _ivf_join(
    ivf: Any, f32: np.float32, k: int, *, exhaustive: bool, batch_size: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs ``>= floor`` of an inverted file, list by list (see the module docstring)."""
    ids_of, vecs_of = _ivf_lists(ivf)
    all_ids = np.concatenate(ids_of)
    stored = np.concatenate(vecs_of)
    nprobe = min(JOIN_NPROBE, int(ivf.nlist))
    _, probes = ivf.quantizer.search(stored, nprobe)
    flat = probes.ravel()
    order = np.argsort(flat, kind="stable")
    bounds = np.searchsorted(flat[order], np.arange(ivf.nlist + 1))
    qa: list[np.ndarray] = []
    qb: list[np.ndarray] = []
    qs: list[np.ndarray] = []
    for li in range(ivf.nlist):
        members = vecs_of[li]
        rows_all = order[bounds[li] : bounds[li + 1]] // nprobe
        if members.shape[0] == 0 or rows_all.size == 0:
            continue
        for start in range(0, rows_all.size, batch_size):
            rows = rows_all[start : start + batch_size]
            scores = stored[rows] @ members.T
            qi, mi = np.nonzero(scores >= f32)
            a = all_ids[rows[qi]]
            b = ids_of[li][mi]
            keep = a != b
            qa.append(a[keep])
            qb.append(b[keep])
            qs.append(scores[qi[keep], mi[keep]])
    if not qa:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
    a = np.concatenate(qa)
    b = np.concatenate(qb)
    s = np.concatenate(qs).astype(np.float32, copy=False)
    if not exhaustive:  # each query keeps its k best neighbours above the floor
        by = np.lexsort((-s, a))
        a, b, s = a[by], b[by], s[by]
        first = np.r_[0, np.flatnonzero(a[1:] != a[:-1]) + 1]
        rank = np.arange(a.size) - np.repeat(first, np.diff(np.r_[first, a.size]))
        keep = rank < k
        a, b, s = a[keep], b[keep], s[keep]
    return _unique_pairs(np.minimum(a, b), np.maximum(a, b), s)


def _stored_vectors(index: Any, n: int) -> np.ndarray:
    """The ``(n, d)`` stored vectors in storage order: a view for a flat index, else a copy."""
    inner = faiss.downcast_index(index.index)
    if isinstance(inner, faiss.IndexFlat) and inner.ntotal == n:
        return faiss.rev_swig_ptr(inner.get_xb(), n * inner.d).reshape(n, inner.d)
    return np.ascontiguousarray(inner.reconstruct_n(0, n), dtype=np.float32)


def _require_present(qids: np.ndarray, all_ids: np.ndarray) -> None:
    missing = qids[~np.isin(qids, all_ids)]
    if missing.size:
        raise ValueError(f"query_ids not in the index: {missing[:10].tolist()}")


def _unique_pairs(
    lo: np.ndarray, hi: np.ndarray, sim: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One entry per ``(lo, hi)`` (the first found), sorted by ``(lo, hi)``."""
    if lo.size == 0:
        return lo, hi, sim
    if lo.min() >= 0 and hi.max() < _KEY_LIMIT:
        _, first = np.unique((lo << 32) | hi, return_index=True)  # sorted key == sorted (lo, hi)
    else:  # ids too large (or negative) for a combined key
        order = np.lexsort((hi, lo))
        lo_s, hi_s = lo[order], hi[order]
        keep = np.ones(order.size, dtype=bool)
        keep[1:] = (lo_s[1:] != lo_s[:-1]) | (hi_s[1:] != hi_s[:-1])
        first = order[keep]
    return lo[first], hi[first], sim[first]
