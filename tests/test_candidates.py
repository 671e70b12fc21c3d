"""The FAISS self-join against a brute-force reference on synthetic vectors with planted near-duplicates."""

from __future__ import annotations

import numpy as np
import pytest

from xcheck.embed import normalise
from xcheck.pairing.candidates import self_join, self_join_matrix
from xcheck.store.vectors import VectorIndex

DIM = 32


def planted(n: int, seed: int, *, groups: int = 40, group_size: int = 3, noise: float = 0.15) -> np.ndarray:
    """``n`` random unit vectors, the first ``groups * group_size`` in groups of near-duplicates."""
    rng = np.random.default_rng(seed)
    vecs = rng.standard_normal((n, DIM)).astype(np.float32)
    for g in range(groups):
        base = rng.standard_normal(DIM).astype(np.float32)
        rows = slice(g * group_size, (g + 1) * group_size)
        vecs[rows] = base + noise * rng.standard_normal((group_size, DIM)).astype(np.float32)
    return normalise(vecs)


def brute(vecs: np.ndarray, ids: np.ndarray, floor: float) -> dict[tuple[int, int], float]:
    sims = vecs @ vecs.T
    out: dict[tuple[int, int], float] = {}
    ii, jj = np.nonzero(np.triu(sims >= np.float32(floor), k=1))
    for i, j in zip(ii.tolist(), jj.tolist(), strict=True):
        a, b = int(ids[i]), int(ids[j])
        out[(min(a, b), max(a, b))] = float(sims[i, j])
    return out


def index_of(vecs: np.ndarray, ids: np.ndarray) -> VectorIndex:
    """An exact float32 index: the join itself is compared with the brute force here (the lean float16
    layout of an index on disk is tested in test_lean_index.py)."""
    index = VectorIndex.exact(vecs.shape[1])
    index.add(ids.tolist(), vecs)
    return index


def assert_same(got: list[tuple[int, int, float]], want: dict[tuple[int, int], float]) -> None:
    keys = [(a, b) for a, b, _ in got]
    assert keys == sorted(want), "pairs differ from the brute force (or are not sorted)"
    assert all(a < b for a, b in keys)
    for a, b, s in got:
        assert isinstance(a, int) and isinstance(b, int) and isinstance(s, float)
        assert abs(s - want[(a, b)]) < 1e-5


@pytest.fixture(scope="module")
def data() -> tuple[np.ndarray, np.ndarray]:
    vecs = planted(600, seed=7)
    # Non-contiguous, shuffled ids: positions in the index must never leak out as ids.
    ids = np.random.default_rng(8).permutation(np.arange(1000, 1000 + 3 * 600, 3)).astype(np.int64)
    return vecs, ids


@pytest.mark.parametrize("floor", [0.5, 0.8, 0.95])
@pytest.mark.parametrize("batch_size", [4096, 97])
def test_full_join_equals_brute_force(
    data: tuple[np.ndarray, np.ndarray], floor: float, batch_size: int
) -> None:
    vecs, ids = data
    want = brute(vecs, ids, floor)
    assert len(want) >= 40  # the planted groups are found
    got = self_join(index_of(vecs, ids), floor=floor, k=5, batch_size=batch_size)
    assert_same(got, want)


def test_matrix_variant_equals_brute_force(data: tuple[np.ndarray, np.ndarray]) -> None:
    vecs, ids = data
    assert_same(self_join_matrix(vecs, ids, floor=0.6, k=3), brute(vecs, ids, 0.6))


def test_low_floor_many_pairs_per_query(data: tuple[np.ndarray, np.ndarray]) -> None:
    """Random vectors in 32-d: most queries have far more than k neighbours above 0.2."""
    vecs, ids = data
    sub, sub_ids = vecs[:200], ids[:200]
    want = brute(sub, sub_ids, 0.2)
    assert len(want) > 200 * 4
    assert_same(self_join_matrix(sub, sub_ids, floor=0.2, k=4, batch_size=64), want)


def test_query_ids_only_pairs_touching_them(data: tuple[np.ndarray, np.ndarray]) -> None:
    vecs, ids = data
    index = index_of(vecs, ids)
    query = [int(ids[i]) for i in (0, 1, 5, 50, 333, 599)] + [int(ids[0])]  # a repeat is harmless
    qset = set(query)
    want = {p: s for p, s in brute(vecs, ids, 0.7).items() if p[0] in qset or p[1] in qset}
    assert want
    got = self_join(index, floor=0.7, k=2, query_ids=query, batch_size=2)
    assert_same(got, want)
    assert self_join(index, floor=0.7, query_ids=np.array(query)) == got
    assert self_join(index, floor=0.7, query_ids=[]) == []


def test_cluster_larger_than_k_uses_range_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cluster of 30 near-identical vectors with k=3: every member has 29 neighbours above the floor."""
    rng = np.random.default_rng(11)
    base = rng.standard_normal(DIM).astype(np.float32)
    cluster = base + 0.05 * rng.standard_normal((30, DIM)).astype(np.float32)
    vecs = normalise(np.vstack([cluster, rng.standard_normal((100, DIM)).astype(np.float32)]))
    ids = np.arange(130, dtype=np.int64) * 10
    index = index_of(vecs, ids)

    calls: list[int] = []
    original = type(index.index).range_search

    def spy(self: object, x: np.ndarray, radius: float) -> object:
        calls.append(x.shape[0])
        return original(self, x, radius)

    monkeypatch.setattr(type(index.index), "range_search", spy)
    want = brute(vecs, ids, 0.9)
    assert sum(1 for a, b in want if a < 300 and b < 300) == 30 * 29 // 2
    got = self_join(index, floor=0.9, k=3)
    assert_same(got, want)
    assert calls and sum(calls) >= 30  # every cluster member spilled over k
    # Small batches: the cluster spans batches, searched as an upper triangle.
    assert_same(self_join(index, floor=0.9, k=3, batch_size=7), want)
    calls.clear()
    assert_same(self_join(index, floor=0.9, k=3, query_ids=[0]), {p: s for p, s in want.items() if 0 in p})
    assert calls == [1]


def test_exact_duplicates_and_floor_boundaries() -> None:
    vecs = normalise(np.array([[1, 0, 0], [1, 0, 0], [1, 0, 0], [0, 1, 0], [0.6, 0.8, 0]], dtype=np.float32))
    ids = np.array([4, 2, 9, 7, 1])
    got = self_join_matrix(vecs, ids, floor=1.0, k=1)
    assert [(a, b) for a, b, _ in got] == [(2, 4), (2, 9), (4, 9)]
    assert all(abs(s - 1.0) < 1e-6 for *_, s in got)
    everything = self_join_matrix(vecs, ids, floor=-1.0, k=1)
    assert len(everything) == 5 * 4 // 2


def test_large_and_negative_ids_take_the_slow_key_path() -> None:
    vecs = planted(60, seed=3, groups=10, group_size=2)
    ids = np.arange(60, dtype=np.int64) * (1 << 40) - 5 * (1 << 40)
    assert_same(self_join_matrix(vecs, ids, floor=0.7, k=2), brute(vecs, ids, 0.7))


def test_empty_and_single() -> None:
    empty = VectorIndex(DIM)
    assert self_join(empty, floor=0.5) == []
    assert self_join_matrix(np.zeros((0, DIM), dtype=np.float32), [], floor=0.5, k=3) == []
    one = index_of(planted(1, seed=1, groups=0), np.array([42]))
    assert self_join(one, floor=-1.0) == []
    assert self_join(one, floor=-1.0, query_ids=[42]) == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"floor": 1.5}, r"floor must be a number in \[-1, 1\], got 1.5"),
        ({"floor": -1.01}, r"floor must be a number in \[-1, 1\]"),
        ({"floor": float("nan")}, r"floor must be a number in \[-1, 1\], got nan"),
        ({"floor": "0.5"}, r"floor must be a number"),
        ({"floor": 0.5, "k": 0}, r"k must be an integer >= 1, got 0"),
        ({"floor": 0.5, "k": 2.0}, r"k must be an integer >= 1, got 2.0"),
        ({"floor": 0.5, "batch_size": 0}, r"batch_size must be an integer >= 1, got 0"),
        ({"floor": 0.5, "query_ids": [1, 999]}, r"query_ids not in the index: \[999\]"),
        ({"floor": 0.5, "query_ids": [[1]]}, r"query_ids must be a 1-d sequence"),
        ({"floor": 0.5, "query_ids": [1.5]}, r"query_ids must be integer ids, got dtype float64"),
    ],
)
def test_bad_inputs_self_join(kwargs: dict, message: str) -> None:
    index = index_of(planted(5, seed=2, groups=0), np.arange(5))
    with pytest.raises(ValueError, match=message):
        self_join(index, **kwargs)


def test_bad_inputs_matrix() -> None:
    good = planted(4, seed=5, groups=0)
    cases: list[tuple[np.ndarray, object, str]] = [
        (good.astype(np.float64), [0, 1, 2, 3], r"vecs must have dtype float32, got float64"),
        (good[0], [0], r"vecs must be 2-d \(n, dim\), got shape \(32,\)"),
        (good, [0, 1, 2], r"3 ids for 4 vectors"),
        (good, [0, 1, 1, 3], r"ids must be unique"),
        (good, [0, 1, -1, 3], r"id -1 is reserved"),
        (good, ["a", "b", "c", "d"], r"ids must be integer ids"),
    ]
    for vecs, ids, message in cases:
        with pytest.raises(ValueError, match=message):
            self_join_matrix(vecs, ids, floor=0.5, k=2)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"k must be an integer >= 1"):
        self_join_matrix(good, [0, 1, 2, 3], floor=0.5, k=-3)


def test_dimension_mismatch() -> None:
    index = VectorIndex(8)
    index.dim = 16  # a corrupted wrapper: the FAISS index says 8
    with pytest.raises(ValueError, match=r"the FAISS index has dimension 8, the VectorIndex says 16"):
        self_join(index, floor=0.5)


def test_not_exhaustive_keeps_k_neighbours_per_query() -> None:
    rng = np.random.default_rng(7)
    base = rng.normal(size=(1, 16)).astype(np.float32)
    vecs = base + 0.01 * rng.normal(size=(30, 16)).astype(np.float32)  # 30 near-identical vectors
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    vi = VectorIndex(16)
    vi.add(list(range(30)), vecs)
    full = self_join(vi, floor=0.5, k=5, query_ids=[0])
    capped = self_join(vi, floor=0.5, k=5, query_ids=[0], exhaustive=False)
    assert len(full) == 29 and len(capped) == 5
    assert {p[:2] for p in capped} <= {p[:2] for p in full}
