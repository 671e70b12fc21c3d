"""An index folder: SQLite rows and FAISS vectors kept in step, one writer at a time."""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import IndexBusyError, ModelError, StoreError, XcheckError
from .sqlite import SqliteStore

if TYPE_CHECKING:  # FAISS loads with the first read of vectors: `stats` and friends never need it
    from .vectors import VectorIndex

LOCK_NAME = ".write.lock"
LOCK_TIMEOUT_ENV = "XCHECK_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 30.0


def lock_timeout() -> float:
    raw = os.environ.get(LOCK_TIMEOUT_ENV)
    if not raw:
        return DEFAULT_LOCK_TIMEOUT
    try:
        return max(0.0, float(raw))
    except ValueError:
        raise StoreError(f"{LOCK_TIMEOUT_ENV} must be a number of seconds, got {raw!r}") from None


def remove_stale(index_dir: Path, keep: int) -> None:
    """:func:`xcheck.store.vectors.remove_stale`, imported when first needed (it loads FAISS)."""
    from .vectors import remove_stale as remove

    remove(index_dir, keep=keep)


def write_error(index_dir: Path, exc: BaseException) -> StoreError:
    """One line naming the index and the cause of a failed write (a full disk, a read-only folder)."""
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            cause = "no space left on device"
        elif exc.errno == errno.EDQUOT:
            cause = "disk quota exceeded"
        else:
            cause = (exc.strerror or str(exc) or type(exc).__name__).lower()
    elif isinstance(exc, sqlite3.Error):
        cause = str(exc) or type(exc).__name__
        if "full" in cause:
            cause = "no space left on device (" + cause + ")"
    else:
        cause = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return StoreError(f"cannot write to the index at {index_dir}: {cause}; the index is unchanged")


class IndexStore:
    """Open (or create) the index in ``index_dir``.

    Reading needs no lock: SQLite (WAL) and the generation-named vector files give every reader a
    consistent snapshot (see ``vectors()``). Writing happens inside ``locked()``, which holds a file
    lock; a writer changes a copy of the vectors, so readers in the same process are never disturbed.
    """

    def __init__(self, index_dir: Path, *, create: bool = False, read_only: bool = False) -> None:
        self.dir = Path(index_dir)
        # read_only: vectors are memory-mapped, not read (a one-off reader such as `xcheck query`
        # starts faster), and nothing can be written.
        self.read_only = read_only and not create
        if create:
            try:
                self.dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the index folder {self.dir}: {exc.strerror or exc}") from exc
        elif not self.dir.is_dir():
            raise StoreError(f"no index at {self.dir}; run `xcheck ingest` first or pass --index")
        self.sql = SqliteStore(self.dir, create=create)
        # (generation, vectors) of the last snapshot read, replaced as a whole (readers in threads).
        self._cache: tuple[int, VectorIndex] | None = None

    def close(self) -> None:
        self.sql.close()

    # -- manifest -------------------------------------------------------------------------------
    @property
    def model_id(self) -> str | None:
        return self.sql.manifest().get("model_id")

    @property
    def backends(self) -> list[str]:
        """The backends whose vectors the index holds (an index of before backends: ``torch``)."""
        manifest = self.sql.manifest()
        raw = manifest.get("backend")
        if raw is None:
            return ["torch"] if manifest.get("model_id") else []
        return [b for b in raw.split(",") if b]

    @property
    def dim(self) -> int | None:
        raw = self.sql.manifest().get("dim")
        return int(raw) if raw else None

    @property
    def generation(self) -> int:
        return int(self.sql.manifest().get("generation", "0"))

    def check_model(self, model_id: str, dim: int | None = None, backend: str | None = None) -> None:
        """Refuse to mix vectors of two models, or of two backends not declared compatible, in one index."""
        stored = self.model_id
        if stored is not None and stored != model_id:
            raise ModelError(
                f"the index at {self.dir} was built with the model {stored!r}, not {model_id!r}; "
                "use the same model (--model / XCHECK_MODEL) or another --index"
            )
        stored_dim = self.dim
        if dim is not None and stored_dim is not None and stored_dim != dim:
            raise ModelError(
                f"the index at {self.dir} holds {stored_dim}-dimensional vectors; the model gives {dim}"
            )
        if backend is not None and stored is not None:
            from ..embed import backends_compatible

            for other in self.backends:
                if not backends_compatible(stored, other, backend):
                    raise ModelError(
                        f"the index at {self.dir} holds vectors made by the {other} backend, which the "
                        f"{backend} backend does not reproduce closely enough; use --backend "
                        f"{other.split('-')[0]} (or XCHECK_BACKEND) or another --index"
                    )

    # -- vectors --------------------------------------------------------------------------------
    def vectors(self) -> VectorIndex:
        """The vectors of the committed generation, reloaded when another process has moved it on.

        Never change the returned object: other threads may be searching it.
        """
        gen = self.generation
        cache = self._cache
        if cache is None or cache[0] != gen:
            cache = self._load_vectors()
            if not self.sql.db.in_transaction:  # a writer's uncommitted state is not shared
                self._cache = cache
        return cache[1]

    def _load_vectors(self) -> tuple[int, VectorIndex]:
        """Manifest, claim count and vector file of one committed state.

        The manifest and the claim count are read in one SQLite read transaction, and the vector file
        is opened inside it. A committed file is only removed after a newer generation is committed,
        so a missing file means a writer has moved on: read the new state. Only a file missing from
        the state that still names it, or a count that differs within one state, is corruption.
        """
        from .vectors import VectorIndex, file_for

        missing: tuple[int, Path] | None = None
        for _ in range(50):
            with self.sql.snapshot():
                manifest = self.sql.manifest()
                dim = int(manifest.get("dim", "0"))
                gen = int(manifest.get("generation", "0"))
                if gen == 0 or dim == 0:
                    return gen, VectorIndex(dim or 1)
                claims = self.sql.counts()["claims"]
                path = file_for(self.dir, gen)
                try:
                    vec = (
                        VectorIndex.load(path, dim, mapped=True)
                        if self.read_only
                        else VectorIndex.load(path, dim)
                    )
                except FileNotFoundError:
                    if missing == (gen, path):
                        raise StoreError(
                            f"the vector file {path.name} of the index at {self.dir} is missing"
                        ) from None
                    missing = (gen, path)
                    continue
            if vec.size != claims:
                raise StoreError(
                    f"the index at {self.dir} is out of step: {claims} claims but {vec.size} vectors"
                )
            return gen, vec
        raise StoreError(f"the index at {self.dir} keeps changing; try again")  # pragma: no cover

    # -- writing --------------------------------------------------------------------------------
    @contextmanager
    def locked(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the index's write lock; wait up to ``timeout`` seconds for another writer."""
        if self.read_only:
            raise StoreError(f"the index at {self.dir} was opened read-only")
        from filelock import FileLock, Timeout  # here: readers (stats, query) never need it

        wait = lock_timeout() if timeout is None else timeout
        lock = FileLock(str(self.dir / LOCK_NAME))
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            raise IndexBusyError(
                f"another xcheck process is writing to the index at {self.dir} "
                f"(waited {wait:g} s); try again when it has finished"
            ) from None
        except OSError as exc:  # a read-only folder: the lock file cannot be created
            raise write_error(self.dir, exc) from exc
        try:
            remove_stale(self.dir, keep=self.generation)
            yield
        finally:
            lock.release()

    @contextmanager
    def rows_transaction(self) -> Iterator[None]:
        """A change of SQLite rows only (pairs); the vectors stay as they are. Call inside ``locked()``."""
        try:
            self.sql.begin()
            try:
                yield
                self.sql.commit()
            except BaseException:
                self.sql.rollback()
                raise
        except (OSError, sqlite3.Error) as exc:
            raise write_error(self.dir, exc) from exc

    @contextmanager
    def transaction(self, *, model_id: str, dim: int, backend: str | None = None) -> Iterator[VectorIndex]:
        """One atomic change of rows and vectors. Call inside ``locked()``.

        Yields the vector index to change; on success the new vectors are written as the next
        generation and the rows committed with it; on any error both are left as they were.
        """
        try:
            with self._transaction(model_id=model_id, dim=dim, backend=backend) as vectors:
                yield vectors
        except XcheckError:
            raise
        except (OSError, sqlite3.Error, RuntimeError, MemoryError) as exc:
            # faiss raises RuntimeError with C++ text; SQLite says "database or disk is full"
            raise write_error(self.dir, exc) from exc

    @contextmanager
    def _transaction(self, *, model_id: str, dim: int, backend: str | None) -> Iterator[VectorIndex]:
        from .vectors import VectorIndex, file_for

        current = self.vectors()
        # Readers in other threads may be searching ``current``: change a copy.
        vectors = current.copy() if current.dim == dim else VectorIndex(dim)
        migrating = current.size > 0 and current.layout == "flat32"
        self.sql.begin()
        try:
            known = self.backends  # read before the manifest names the model
            yield vectors
            # The layout its size calls for: an older file's vectors become lean here, in this
            # generation's file, and an index that has grown past IVF_MIN becomes an inverted file.
            vectors = vectors.lean()
            if migrating:  # the older index's frames become lean in the same transaction
                self.sql.compact_frames()
            gen = self.generation + 1
            vectors.write(file_for(self.dir, gen))
            max_id = vectors.all_ids().max(initial=0)
            stored_max = int(self.sql.manifest().get("max_claim_id", "0"))
            self.sql.set_manifest(
                model_id=model_id, dim=dim, generation=gen, max_claim_id=max(int(max_id), stored_max)
            )
            if backend is not None and backend not in known:
                self.sql.set_manifest(backend=",".join(sorted([*known, backend])))
            self.sql.commit()
        except BaseException:
            self.sql.rollback()
            raise
        self._cache = (gen, vectors)
        remove_stale(self.dir, keep=gen)
        if migrating:
            self.sql.vacuum()  # give the space of the JSON frames back
