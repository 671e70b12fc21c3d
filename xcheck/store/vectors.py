"""The FAISS half of an index: one vector per claim, FAISS id == claim id.

Vectors are stored lean: as float16 (FAISS's fp16 scalar quantiser, 768 bytes for 384 dimensions
instead of 1,536), which changes a cosine similarity by about 1e-4 at most (measured in the README), so
no re-ranking is needed where the judgement reads a similarity. Up to ``IVF_MIN`` vectors they are
searched exhaustively (an ``IndexIDMap2`` over an ``IndexScalarQuantizer``: exact up to that rounding);
from ``IVF_MIN`` on, an inverted file (``IndexIVFScalarQuantizer``, ``nlist`` about ``8 * sqrt(n)``,
one list in ``NPROBE_SHARE`` searched, at most ``NPROBE_MAX``) bounds the work of a query and of
pairing at a million claims. Files of the older layout (float32, ``IndexIDMap2`` over
``IndexFlatIP``) are read as they are and written in the lean layout by the next write, as a new
generation like any other (see below): nothing is lost or half-written if that write is interrupted.

Files are written by generation: ``vectors-<g>.faiss`` is written to a temporary name, flushed and
renamed; only then does SQLite's manifest move to generation ``g`` in the same transaction as the rows.
Whatever a crash interrupts, the manifest names a complete file that matches the rows. A file is never
changed once committed; files of older generations are removed by a later writer once no reader can
still be opening them (see ``remove_stale``).
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from ..errors import StoreError

_NAME = re.compile(r"^vectors-(\d+)\.faiss(\.tmp)?$")


# From this many vectors on, an index is written as an inverted file (see the module docstring).
IVF_MIN = 100_000
# Share of its lists an inverted file searches per query (1 in NPROBE_SHARE). Neighbours down to the
# pairing floor (cosine 0.45) are far apart; on real claims 1 list in 10 gave recall 0.991 of the 20
# nearest above the floor against exact search, 1 in 8 gave 0.995 (the README's scale section).
NPROBE_SHARE = 8
# ... but never more than NPROBE_MAX lists: a list holds about sqrt(n) / 8 vectors, so a query's work
# grows with the share as n * share and with the cap only as sqrt(n). From IVF_MIN on an index has
# 2,048 lists or more (nlist_for), so the cap decides. At 1M claims (8,192 lists) 192 gave recall
# 0.9939 of the neighbours among other sentences' claims, 160 gave 0.9927 and 128 0.9903 (too close to
# 0.99: two k-means runs on the same vectors differed by 0.001 at 192); at 120k (2,048 lists) 192 gave
# 0.9977 (README, "Lean index and scale").
NPROBE_MAX = 192


def nprobe_for(nlist: int) -> int:
    """Lists an inverted file of ``nlist`` lists searches per query: 1 in ``NPROBE_SHARE``, at most
    ``NPROBE_MAX``."""
    return max(1, min(-(-nlist // NPROBE_SHARE), NPROBE_MAX))


_FP16 = faiss.ScalarQuantizer.QT_fp16
_IP = faiss.METRIC_INNER_PRODUCT


# A search of fewer queries than this runs on the calling thread only. FAISS opens an OpenMP parallel
# region even for one query, whose other thread has gone to sleep since the last search (a query's
# embedding comes between two searches) and must be woken and scheduled: on a loaded machine that
# took 28-40 ms (p50; measured: load average 10 on 2 cores) for a search that takes 0.07 ms on one
# thread, and one query gains nothing from a second thread (an inverted file searches in parallel
# over queries). Pairing searches thousands of queries and keeps every thread.
ONE_THREAD_BELOW = 8


@contextlib.contextmanager
def one_openmp_thread() -> Iterator[None]:
    """OpenMP regions opened by this thread run on it alone, until the block ends. OpenMP's thread
    count is a setting of the calling thread, so other threads (a pairing running meanwhile) keep
    theirs."""
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)


def file_for(index_dir: Path, generation: int) -> Path:
    return index_dir / f"vectors-{generation}.faiss"


def lean_flat(dim: int) -> Any:
    """An empty exhaustive index of float16 vectors, addressed by claim id."""
    return faiss.IndexIDMap2(faiss.IndexScalarQuantizer(dim, _FP16, _IP))


# Inverted lists per square root of the vectors (see nlist_for). At 1M claims 8 * sqrt(n) (8,192 lists
# of about 122 vectors) searched 192 lists in less than half the time of 4 * sqrt(n) (4,096 lists) at a
# higher recall (README, "Lean index and scale"); more lists would cost more to train (k-means over 40
# vectors a list: 8,192 lists took 250-400 s at 1M) at every rebuild.
LISTS_PER_ROOT = 8


def nlist_for(n: int) -> int:
    """Inverted lists for ``n`` vectors: about ``LISTS_PER_ROOT * sqrt(n)``, a power of two between 64
    and 65,536, and at most ``n / 39`` (FAISS trains a list on 39 vectors at least)."""
    want = LISTS_PER_ROOT * math.sqrt(max(n, 1))
    return int(max(1, min(max(2 ** round(math.log2(want)), 64), 1 << 16, n // 39)))


def ivf_of(index: Any) -> Any | None:
    """The inverted file of ``index``, or None when it is searched exhaustively."""
    inner = faiss.downcast_index(index)
    return inner if isinstance(inner, faiss.IndexIVF) else None


class VectorIndex:
    """An inner-product index over L2-normalised vectors (inner product == cosine).

    ``mapped``: the vectors are the pages of a memory-mapped file (``load(..., mapped=True)``), read
    only: ``add`` and ``remove`` refuse (FAISS would abort the process), ``copy`` gives an index of its
    own that can change.
    """

    def __init__(self, dim: int, index: Any = None, *, mapped: bool = False) -> None:
        if dim <= 0:
            raise ValueError(f"dimension must be positive, got {dim}")
        self.dim = dim
        self.index: Any = index if index is not None else lean_flat(dim)
        self.mapped = mapped
        ivf = ivf_of(self.index)
        if ivf is not None:
            ivf.nprobe = nprobe_for(ivf.nlist)

    @classmethod
    def exact(cls, dim: int) -> VectorIndex:
        """An empty index of float32 vectors searched exhaustively (the older layout; for references)."""
        return cls(dim, faiss.IndexIDMap2(faiss.IndexFlatIP(dim)))

    @property
    def size(self) -> int:
        return int(self.index.ntotal)

    @property
    def layout(self) -> str:
        """``flat32`` (the older layout), ``flat16`` or ``ivf16``."""
        if ivf_of(self.index) is not None:
            return "ivf16"
        inner = faiss.downcast_index(self.index.index)
        return "flat32" if isinstance(inner, faiss.IndexFlat) else "flat16"

    @property
    def ivf(self) -> Any | None:
        return ivf_of(self.index)

    def lean(self, ivf_min: int | None = None) -> VectorIndex:
        """This index in the layout its size calls for (itself when it is in it already).

        The older float32 layout becomes float16; from ``ivf_min`` (default ``IVF_MIN``) vectors on an
        exhaustive index becomes an inverted file, and an inverted file that has outgrown its lists
        (the ideal number is twice what it has) is built again with more. Vectors are moved in chunks,
        so the float32 copy of the whole index is never held at once.
        """
        ivf_min = IVF_MIN if ivf_min is None else ivf_min
        n = self.size
        ivf = self.ivf
        if n >= ivf_min:
            if ivf is not None and nlist_for(n) < 2 * ivf.nlist:
                return self
            return self._rebuilt(_new_ivf(self.dim, nlist_for(n), self._sample(nlist_for(n) * 40)))
        if ivf is None and self.layout == "flat16":
            return self
        return self._rebuilt(lean_flat(self.dim))

    def _sample(self, m: int) -> np.ndarray:
        ids = self.all_ids()
        if ids.size > m:
            ids = np.sort(np.random.default_rng(0).choice(ids, size=m, replace=False))
        return self.get(ids)

    def _rebuilt(self, target: Any) -> VectorIndex:
        ids = self.all_ids()
        for start in range(0, ids.size, 65536):
            chunk = ids[start : start + 65536]
            target.add_with_ids(self.get(chunk), chunk)
        return VectorIndex(self.dim, target)

    def _check(self, vectors: np.ndarray) -> np.ndarray:
        v = np.ascontiguousarray(vectors, dtype=np.float32)
        if v.ndim != 2 or v.shape[1] != self.dim:
            raise ValueError(f"expected vectors of shape (n, {self.dim}), got {v.shape}")
        return v

    def _writable(self) -> None:
        if self.mapped:
            raise StoreError("vectors read from a memory-mapped file cannot change; change a copy()")

    def add(self, ids: Sequence[int], vectors: np.ndarray) -> None:
        self._writable()
        v = self._check(vectors)
        if len(ids) != v.shape[0]:
            raise ValueError(f"{len(ids)} ids for {v.shape[0]} vectors")
        if len(ids):
            self.index.add_with_ids(v, np.asarray(ids, dtype=np.int64))

    def remove(self, ids: Sequence[int]) -> None:
        self._writable()
        if ids:
            self.index.remove_ids(np.asarray(ids, dtype=np.int64))

    def get(self, ids: Sequence[int] | np.ndarray) -> np.ndarray:
        """The stored vectors of ``ids`` (each must be present), as float32."""
        if len(ids) == 0:
            return np.empty((0, self.dim), dtype=np.float32)
        keys = np.ascontiguousarray(ids, dtype=np.int64)
        return np.ascontiguousarray(self.index.reconstruct_batch(keys), dtype=np.float32)

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Scores and ids of the ``k`` nearest vectors of each query (id -1 where fewer exist).

        Fewer than ``ONE_THREAD_BELOW`` queries are searched on this thread alone (see there)."""
        q = self._check(queries)
        k = max(1, min(k, max(self.size, 1)))
        if self.size == 0:
            return np.zeros((q.shape[0], 0), dtype=np.float32), np.zeros((q.shape[0], 0), dtype=np.int64)
        if q.shape[0] >= ONE_THREAD_BELOW:
            scores, ids = self.index.search(q, k)
            return scores, ids
        with one_openmp_thread():
            scores, ids = self.index.search(q, k)
        return scores, ids

    def all_ids(self) -> np.ndarray:
        ivf = self.ivf
        if ivf is None:
            return faiss.vector_to_array(self.index.id_map).astype(np.int64)
        lists = ivf.invlists
        parts = [
            faiss.rev_swig_ptr(lists.get_ids(i), lists.list_size(i)).copy()
            for i in range(ivf.nlist)
            if lists.list_size(i)
        ]
        return np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, dtype=np.int64)

    def copy(self) -> VectorIndex:
        """An independent copy: a writer changes the copy while readers go on with this one."""
        if self.mapped:  # a clone would still view the mapped pages: copy the bytes instead
            return VectorIndex(self.dim, faiss.deserialize_index(faiss.serialize_index(self.index)))
        return VectorIndex(self.dim, faiss.clone_index(self.index))

    # -- files ----------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path, dim: int, *, mapped: bool = False) -> VectorIndex:
        """Read a vector file. ``FileNotFoundError`` passes through (a writer may have moved on).

        ``mapped``: map the file into memory instead of reading it (nothing is copied: a reader that
        searches once, like ``xcheck query``, starts about as fast at 100k claims as at 100); the
        index is then read only (see the class).
        """
        with path.open("rb") as fh:  # once open, the bytes stay readable even if the file is removed
            try:
                if mapped:  # through the open descriptor: the very file opened, even if replaced since
                    fd_path = f"/proc/self/fd/{fh.fileno()}"
                    where = fd_path if os.path.exists(fd_path) else str(path)
                    index = faiss.read_index(where, faiss.IO_FLAG_MMAP_IFC)
                else:  # read in pieces: the file is never held twice in memory
                    index = faiss.read_index(faiss.PyCallbackIOReader(fh.read, 1 << 22))  # type: ignore[attr-defined]
            except Exception as exc:
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise StoreError(f"the vector file {path} is unreadable: {first}") from exc
        if index.d != dim:
            raise StoreError(f"the vector file {path} has dimension {index.d}, the manifest says {dim}")
        return cls(dim, index, mapped=mapped)

    def write(self, path: Path) -> None:
        """Write atomically: a temporary file, flushed to disk, then renamed over ``path``.

        The bytes are written by Python, so a full disk is an ``OSError`` naming its cause; on any
        error the temporary file is removed.
        """
        tmp = path.with_name(path.name + ".tmp")
        data = faiss.serialize_index(self.index)
        try:
            write_file(tmp, data.data)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        _fsync_dir(path.parent)


def _new_ivf(dim: int, nlist: int, sample: np.ndarray) -> Any:
    """An empty inverted file of float16 vectors with ``nlist`` lists trained on ``sample``.

    Ids are the claim ids (no id map); a hash table finds a vector by id for ``get`` and ``remove``.
    """
    quantizer = faiss.IndexFlatIP(dim)
    ivf = faiss.IndexIVFScalarQuantizer(quantizer, dim, nlist, _FP16, _IP)
    ivf.own_fields = True
    quantizer.this.disown()  # type: ignore[attr-defined]  # owned by the inverted file from now on
    ivf.cp.spherical = True  # centroids of unit vectors, compared by inner product
    ivf.cp.seed = 1234
    ivf.cp.niter = 10  # centroids good enough to route by; the build stays bounded at 1M
    ivf.by_residual = False  # the codes are the vectors themselves (read as such by the join)
    ivf.set_direct_map_type(faiss.DirectMap.Hashtable)  # type: ignore[attr-defined]
    ivf.train(np.ascontiguousarray(sample, dtype=np.float32))
    ivf.nprobe = nprobe_for(nlist)
    return ivf


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
