"""The FAISS half of an index: one vector per claim, FAISS id == claim id.

Files are written by generation: ``vectors-<g>.faiss`` is written to a temporary name, flushed and
renamed; only then does SQLite's manifest move to generation ``g`` in the same transaction as the rows.
Whatever a crash interrupts, the manifest names a complete file that matches the rows. A file is never
changed once committed; files of older generations are removed by a later writer once no reader can
still be opening them (see ``remove_stale``).
"""

from __future__ import annotations

import contextlib
import os
import re
import time
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

    def copy(self) -> VectorIndex:
        """An independent copy: a writer changes the copy while readers go on with this one."""
        return VectorIndex(self.dim, faiss.clone_index(self.index))

    # -- files ----------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path, dim: int) -> VectorIndex:
        """Read a vector file. ``FileNotFoundError`` passes through (a writer may have moved on)."""
        with path.open("rb") as fh:  # once open, the bytes stay readable even if the file is removed
            data = fh.read()
        try:
            index = faiss.deserialize_index(np.frombuffer(data, dtype=np.uint8))
        except Exception as exc:  # faiss raises RuntimeError with C++ text
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"the vector file {path} is unreadable: {first}") from exc
        if index.d != dim:
            raise StoreError(f"the vector file {path} has dimension {index.d}, the manifest says {dim}")
        return cls(dim, index)

    def write(self, path: Path) -> None:
        """Write atomically: a temporary file, flushed to disk, then renamed over ``path``.

        The bytes are written by Python, so a full disk is an ``OSError`` naming its cause; on any
        error the temporary file is removed.
        """
        tmp = path.with_name(path.name + ".tmp")
        data = faiss.serialize_index(self.index)
        try:
            write_file(tmp, memoryview(data.tobytes()))
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        _fsync_dir(path.parent)


def write_file(path: Path, data: memoryview) -> None:
    """Write ``data`` to a new file at ``path`` and flush it to disk."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        done = 0
        while done < len(data):
            done += os.write(fd, data[done : done + (1 << 24)])
        os.fsync(fd)
    finally:
        os.close(fd)


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


# A reader opens the file its snapshot names within moments; an older generation is kept this long
# after it stopped being current, so no reader ever finds its file gone.
KEEP_OLD_SECONDS = 10.0


def remove_stale(index_dir: Path, keep: int, *, grace: float | None = None) -> None:
    """Delete vector files other than generation ``keep`` that no reader can still need.

    Older generations are removed once their successor has been on disk for ``grace`` seconds;
    uncommitted leftovers of interrupted runs (newer generations, temporary files) right away. Call
    with the write lock held.
    """
    grace = KEEP_OLD_SECONDS if grace is None else grace
    now = time.time()
    files: dict[int, Path] = {}
    for entry in index_dir.iterdir():
        m = _NAME.match(entry.name)
        if not m:
            continue
        gen = int(m.group(1))
        if m.group(2) or gen > keep:
            with contextlib.suppress(OSError):
                entry.unlink()
        elif gen < keep:
            files[gen] = entry
    for gen, entry in files.items():
        successor = next((files[g] for g in sorted(files) if g > gen), file_for(index_dir, keep))
        try:
            superseded_at = successor.stat().st_mtime
        except OSError:
            continue
        if now - superseded_at >= grace:
            with contextlib.suppress(OSError):
                entry.unlink()
