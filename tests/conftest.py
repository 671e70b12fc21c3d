"""Shared fixtures: a deterministic fake model and an index folder in a temporary directory."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

import xcheck.corpus
from xcheck.corpus import Corpus
from xcheck.embed import normalise

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "xcheck" / "data" / "examples"  # `examples/` is a link to it


class FakeEmbedder:
    """Hashed bag of words: sentences that share words are near each other. No model, no network."""

    model_id = "fake/bag-of-words"
    dim = 64

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z0-9]+", text.lower()):
                h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "little")
                out[row, h % self.dim] += 1.0
        return normalise(out)


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """The CLI with the fake model in place of the real one."""
    monkeypatch.setattr(xcheck.corpus, "make_embedder", lambda name=None: FakeEmbedder())
    return CliRunner()


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the user's XCHECK_* settings or writes to ./index."""
    monkeypatch.delenv("XCHECK_INDEX", raising=False)
    monkeypatch.delenv("XCHECK_MODEL", raising=False)
    monkeypatch.delenv("XCHECK_BACKEND", raising=False)
    monkeypatch.delenv("XCHECK_DEMO_INDEX", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # the demo's own index goes there
    monkeypatch.setenv("XCHECK_LOCK_TIMEOUT", "2")
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def fake() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "idx"


@pytest.fixture
def corpus(index_dir: Path, fake: FakeEmbedder) -> Iterator[Corpus]:
    c = Corpus(index_dir, embedder=fake, create=True)
    yield c
    c.close()


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def local_ray() -> Iterator[Any]:
    """A local Ray instance with 2 CPUs for one test module, workers offline, shut down at the end."""
    import logging

    import ray

    from xcheck.distributed import cluster

    ray.init(
        address="local",
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        logging_level=logging.ERROR,
        object_store_memory=256 * 1024 * 1024,
        runtime_env={"env_vars": dict(cluster.WORKER_ENV)},
    )
    try:
        yield ray
    finally:
        ray.shutdown()
