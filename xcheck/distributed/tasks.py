"""The work a Ray worker does: plain functions of their arguments, so a task that is lost with its
worker can run again anywhere and give the same result (Ray retries it; nothing is written here).

Each function calls the façade's own per-document pieces (``read_inputs``, ``claims_of``, the
embedder, ``self_join``); nothing of the flow is copied.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..claims.furniture import Furniture
from ..embed import Embedder
from ..ingest.readers import Metadata, read_inputs
from ..types import Claim, Document, IngestFailure

EMBED_TURN = 32  # texts per call of the model, as in Corpus.embed


@dataclass(frozen=True)
class ModelSpec:
    """How a worker gets its embedder: ``factory()`` (pickled by reference or by value), run once per
    worker process and kept. The default factory is ``xcheck.embed.make_embedder(name)``, which loads
    the bundled model from the worker's own install (``HF_HUB_OFFLINE=1``), never from a hub."""

    name: str
    factory: Callable[[], Embedder] | None = None

    def make(self) -> Embedder:
        if self.factory is not None:
            return self.factory()
        from ..embed import make_embedder

        return make_embedder(self.name)


_MODELS: dict[ModelSpec, Embedder] = {}
_MODELS_LOCK = threading.Lock()


def _embedder(spec: ModelSpec) -> Embedder:
    with _MODELS_LOCK:
        model = _MODELS.get(spec)
        if model is None:
            model = spec.make()
            model.dim  # noqa: B018 - load it now, once per worker process
            _MODELS[spec] = model
        return model


@dataclass(frozen=True)
class ReadUnit:
    """One input to read on a worker: a file or folder (its path must be visible there) and its
    format (``None``: by suffix)."""

    path: str
    fmt: str | None


def read_units(units: Sequence[ReadUnit], encoding: str, meta: Metadata) -> list[Document | IngestFailure]:
    """The articles of ``units``, in order; unreadable ones as failures, as ``read_inputs`` gives."""
    out: list[Document | IngestFailure] = []
    for unit in units:
        out.extend(read_inputs([unit.path], fmt=unit.fmt, encoding=encoding, meta=meta))
    return out


def extract(
    docs: Sequence[Document],
    furniture: dict[str, tuple[Furniture, Furniture]],
    with_frames: bool,
) -> tuple[list[list[Claim]], list[str]]:
    """The claims (with frames) of each of ``docs`` and the notes on them: ``claims_of`` on a worker."""
    from ..corpus import claims_of

    notes: list[str] = []
    claims = [
        claims_of(d, with_frames=with_frames, furniture=furniture.get(d.source or ""), notes=notes)
        for d in docs
    ]
    return claims, notes


def embed(spec: ModelSpec, texts: Sequence[str]) -> tuple[np.ndarray, str, int]:
    """Vectors of ``texts`` (float32, L2-normalised), with the model id and dimension that made them."""
    from ..embed import longest_first

    model = _embedder(spec)
    order = longest_first(texts)  # batches of about one length: little padding
    ordered = [texts[i] for i in order]
    parts = [model.embed_batch(ordered[i : i + EMBED_TURN]) for i in range(0, len(ordered), EMBED_TURN)]
    vecs = np.concatenate(parts) if parts else np.zeros((0, model.dim), dtype=np.float32)
    out = np.empty_like(vecs)
    out[order] = vecs
    return np.ascontiguousarray(out, dtype=np.float32), model.model_id, model.dim


def search_block(
    data: np.ndarray, dim: int, query_ids: np.ndarray, floor: float, k: int, exhaustive: bool
) -> list[tuple[int, int, float]]:
    """``self_join`` of one block of query ids against the whole serialised vector index ``data``."""
    import faiss

    from ..pairing.candidates import self_join
    from ..store.vectors import VectorIndex

    vectors = VectorIndex(dim, faiss.deserialize_index(np.frombuffer(data, dtype=np.uint8)))
    return self_join(vectors, floor=floor, k=k, query_ids=query_ids, exhaustive=exhaustive)
