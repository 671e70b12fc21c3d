"""Where the index lives and which model embeds: option > environment > default."""

from __future__ import annotations

import os
from pathlib import Path

INDEX_ENV = "XCHECK_INDEX"
MODEL_ENV = "XCHECK_MODEL"
DEFAULT_INDEX = "index"
DEFAULT_MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"
PAIR_FLOOR = 0.45  # cosine similarity below which two claims are never paired (tuned on eval/dev.jsonl)


def resolve_index_dir(option: str | Path | None = None) -> Path:
    """``--index`` wins, then ``$XCHECK_INDEX``, then ``./index``."""
    if option:
        return Path(option)
    env = os.environ.get(INDEX_ENV)
    if env:
        return Path(env)
    return Path(DEFAULT_INDEX)


def resolve_model_name(option: str | None = None) -> str:
    """``--model`` wins, then ``$XCHECK_MODEL``, then the bundled all-MiniLM-L6-v2."""
    if option:
        return option
    env = os.environ.get(MODEL_ENV)
    if env:
        return env
    return DEFAULT_MODEL_ID
