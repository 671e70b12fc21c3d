"""An index folder: SQLite rows and FAISS vectors kept in step, one writer at a time."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from ..errors import IndexBusyError, ModelError, StoreError
from .sqlite import SqliteStore
from .vectors import VectorIndex, file_for, remove_stale

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


class IndexStore:
    """Open (or create) the index in ``index_dir``.

    Reading needs no lock: SQLite (WAL) and the generation-named vector file give every reader a
    consistent snapshot. Writing happens inside ``write()``, which holds a file lock.
    """

    def __init__(self, index_dir: Path, *, create: bool = False) -> None:
        self.dir = Path(index_dir)
        if create:
            try:
                self.dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the index folder {self.dir}: {exc.strerror or exc}") from exc
        elif not self.dir.is_dir():
            raise StoreError(f"no index at {self.dir}; run `xcheck ingest` first or pass --index")
        self.sql = SqliteStore(self.dir, create=create)
        self._vectors: VectorIndex | None = None
        self._vectors_gen = -1

    def close(self) -> None:
        self.sql.close()

    # -- manifest -------------------------------------------------------------------------------
    @property
    def model_id(self) -> str | None:
        return self.sql.manifest().get("model_id")

    @property
    def dim(self) -> int | None:
        raw = self.sql.manifest().get("dim")
        return int(raw) if raw else None

    @property
    def generation(self) -> int:
        return int(self.sql.manifest().get("generation", "0"))

    def check_model(self, model_id: str, dim: int | None = None) -> None:
        """Refuse to mix vectors of two models in one index."""
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

    # -- vectors --------------------------------------------------------------------------------
    def vectors(self) -> VectorIndex:
        """The vectors of the committed generation, reloaded when another process has moved it on."""
        gen = self.generation
        if self._vectors is None or self._vectors_gen != gen:
            self._vectors = self._load_vectors()
            self._vectors_gen = gen
        return self._vectors

    def _load_vectors(self) -> VectorIndex:
        for _ in range(3):
            manifest = self.sql.manifest()
            dim = int(manifest.get("dim", "0"))
            gen = int(manifest.get("generation", "0"))
            if gen == 0 or dim == 0:
                return VectorIndex(dim or 1)
            path = file_for(self.dir, gen)
            if path.exists():
                vec = VectorIndex.load(path, dim)
                claims = self.sql.counts()["claims"]
                if vec.size != claims:
                    raise StoreError(
                        f"the index at {self.dir} is out of step: {claims} claims but {vec.size} vectors"
                    )
                return vec
            # A writer may have just moved to a newer generation: read the manifest again.
        raise StoreError(f"the vector file of generation {gen} is missing from {self.dir}")

    # -- writing --------------------------------------------------------------------------------
    @contextmanager
    def locked(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the index's write lock; wait up to ``timeout`` seconds for another writer."""
        wait = lock_timeout() if timeout is None else timeout
        lock = FileLock(str(self.dir / LOCK_NAME))
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            raise IndexBusyError(
                f"another xcheck process is writing to the index at {self.dir} "
                f"(waited {wait:g} s); try again when it has finished"
            ) from None
        try:
            self._vectors = None  # another writer may have committed while we waited
            remove_stale(self.dir, keep=self.generation)
            yield
        finally:
            lock.release()

    @contextmanager
    def rows_transaction(self) -> Iterator[None]:
        """A change of SQLite rows only (pairs); the vectors stay as they are. Call inside ``locked()``."""
        self.sql.begin()
        try:
            yield
            self.sql.commit()
        except BaseException:
            self.sql.rollback()
            raise

    @contextmanager
    def transaction(self, *, model_id: str, dim: int) -> Iterator[VectorIndex]:
        """One atomic change of rows and vectors. Call inside ``locked()``.

        Yields the vector index to change; on success the new vectors are written as the next
        generation and the rows committed with it; on any error both are left as they were.
        """
        vectors = self.vectors()
        if vectors.dim != dim:
            vectors = VectorIndex(dim)  # the first vectors of a fresh index
        self.sql.begin()
        try:
            yield vectors
            gen = self.generation + 1
            vectors.write(file_for(self.dir, gen))
            max_id = vectors.all_ids().max(initial=0)
            stored_max = int(self.sql.manifest().get("max_claim_id", "0"))
            self.sql.set_manifest(
                model_id=model_id, dim=dim, generation=gen, max_claim_id=max(int(max_id), stored_max)
            )
            self.sql.commit()
        except BaseException:
            self.sql.rollback()
            self._vectors = None  # the in-memory copy may hold half a change: reload from disk
            raise
        self._vectors, self._vectors_gen = vectors, gen
        remove_stale(self.dir, keep=gen)
