"""The FAISS half of an index: one vector per claim, FAISS id == claim id.

Files are written by generation: ``vectors-<g>.faiss`` is written to a temporary name, flushed and
renamed; only then does SQLite's manifest move to generation ``g`` in the same transaction as the rows.
Whatever a crash interrupts, the manifest names a complete file that matches the rows, and files of
other generations are leftovers that the next writer removes.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from ..errors import StoreError

_NAME = re.compile(r"^vectors-(\d+)\.faiss(\.tmp)?$")


def file_for(index_dir: Path, generation: int) -> Path:
    return index_dir / f"vectors-{generation}.faiss"


class VectorIndex:
    """An exact inner-product index over L2-normalised vectors (inner product == cosine)."""

    def __init__(self, dim: int, index: Any = None) -> None:
        if dim <= 0:
            raise ValueError(f"dimension must be positive, got {dim}")
        self.dim = dim
        self.index: Any = index if index is not None else faiss.IndexIDMap2(faiss.IndexFlatIP(dim))

    @property
    def size(self) -> int:
        return int(self.index.ntotal)

    def _check(self, vectors: np.ndarray) -> np.ndarray:
        v = np.ascontiguousarray(vectors, dtype=np.float32)
        if v.ndim != 2 or v.shape[1] != self.dim:
            raise ValueError(f"expected vectors of shape (n, {self.dim}), got {v.shape}")
        return v

    def add(self, ids: Sequence[int], vectors: np.ndarray) -> None:
        v = self._check(vectors)
        if len(ids) != v.shape[0]:
            raise ValueError(f"{len(ids)} ids for {v.shape[0]} vectors")
        if len(ids):
            self.index.add_with_ids(v, np.asarray(ids, dtype=np.int64))

    def remove(self, ids: Sequence[int]) -> None:
        if ids:
            self.index.remove_ids(np.asarray(ids, dtype=np.int64))

    def get(self, ids: Sequence[int]) -> np.ndarray:
        """The stored vectors of ``ids`` (each must be present)."""
        out = np.empty((len(ids), self.dim), dtype=np.float32)
        for row, cid in enumerate(ids):
            out[row] = self.index.reconstruct(int(cid))
        return out

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Scores and ids of the ``k`` nearest vectors of each query (id -1 where fewer exist)."""
        q = self._check(queries)
        k = max(1, min(k, max(self.size, 1)))
        if self.size == 0:
            return np.zeros((q.shape[0], 0), dtype=np.float32), np.zeros((q.shape[0], 0), dtype=np.int64)
        scores, ids = self.index.search(q, k)
        return scores, ids

    def all_ids(self) -> np.ndarray:
        return faiss.vector_to_array(self.index.id_map).astype(np.int64)

    # -- files ----------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path, dim: int) -> VectorIndex:
        try:
            index = faiss.read_index(str(path))
        except Exception as exc:  # faiss raises RuntimeError with C++ text
            raise StoreError(f"the vector file {path} is unreadable: {exc}") from exc
        if index.d != dim:
            raise StoreError(f"the vector file {path} has dimension {index.d}, the manifest says {dim}")
        return cls(dim, index)

    def write(self, path: Path) -> None:
        """Write atomically: a temporary file, flushed to disk, then renamed over ``path``."""
        tmp = path.with_name(path.name + ".tmp")
        faiss.write_index(self.index, str(tmp))
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale(index_dir: Path, keep: int) -> None:
    """Delete vector files of generations other than ``keep`` (leftovers of interrupted runs)."""
    for entry in index_dir.iterdir():
        m = _NAME.match(entry.name)
        if m and (m.group(2) or int(m.group(1)) != keep):
            with contextlib.suppress(OSError):
                entry.unlink()
