"""Choosing the backend, and what the index records of it (no model is loaded here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from xcheck.config import DEFAULT_MODEL_ID
from xcheck.corpus import Corpus
from xcheck.embed import (
    SentenceTransformerEmbedder,
    backends_compatible,
    make_embedder,
    resolve_backend,
)
from xcheck.errors import ModelError, UsageError
from xcheck.onnx_embed import OnnxEmbedder

from .conftest import FakeEmbedder


class Backed(FakeEmbedder):
    """The fake model, saying which backend made its vectors."""

    def __init__(self, backend: str, model_id: str = "fake/bag-of-words") -> None:
        super().__init__()
        self.backend = backend
        self.model_id = model_id


def test_default_is_onnx_for_the_bundled_model_and_torch_for_others(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_backend(None, DEFAULT_MODEL_ID) == "onnx"
    assert resolve_backend(None, "some/other-model") == "torch"
    assert isinstance(make_embedder(None), OnnxEmbedder)
    assert isinstance(make_embedder(None, backend="torch"), SentenceTransformerEmbedder)
    assert isinstance(make_embedder("some/other-model"), SentenceTransformerEmbedder)
    monkeypatch.setenv("XCHECK_BACKEND", "torch")
    assert resolve_backend(None, DEFAULT_MODEL_ID) == "torch"
    assert resolve_backend("onnx", DEFAULT_MODEL_ID) == "onnx"  # the option wins


def test_bad_backend_choices_are_usage_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UsageError, match="unknown backend 'tensorflow'") as err:
        resolve_backend("tensorflow", DEFAULT_MODEL_ID)
    assert err.value.param == "backend"
    with pytest.raises(UsageError, match="only the bundled"):
        resolve_backend("onnx", "some/other-model")
    monkeypatch.setenv("XCHECK_BACKEND", "jax")
    with pytest.raises(UsageError, match="XCHECK_BACKEND=jax"):
        resolve_backend(None, DEFAULT_MODEL_ID)


def test_compatibility_is_declared_per_model() -> None:
    assert backends_compatible(DEFAULT_MODEL_ID, "onnx-int8", "torch")
    assert backends_compatible("some/model", "torch", "torch")
    assert not backends_compatible("some/model", "onnx-int8", "torch")


def test_index_records_backends_and_refuses_an_undeclared_mix(tmp_path: Path) -> None:
    idx = tmp_path / "idx"
    (tmp_path / "a.txt").write_text("Officials said 606 civilians were killed in Kharkiv.\n")
    (tmp_path / "b.txt").write_text("Officials said 650 civilians were killed in Kharkiv.\n")
    with Corpus(idx, embedder=Backed("torch"), create=True) as c:
        c.ingest([str(tmp_path / "a.txt")])
        assert c.store.backends == ["torch"]
    with Corpus(idx, embedder=Backed("onnx-int8")) as c:
        with pytest.raises(ModelError, match="torch backend") as err:
            c.ingest([str(tmp_path / "b.txt")])
        assert "--backend torch" in str(err.value)
        with pytest.raises(ModelError):
            c.query("killed")
        assert c.stats()["documents"] == 1  # nothing was written


def test_a_declared_pair_shares_an_index_and_both_are_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import xcheck.embed

    monkeypatch.setitem(xcheck.embed.COMPATIBLE, "fake/bag-of-words", frozenset({"torch", "onnx-int8"}))
    idx = tmp_path / "idx"
    (tmp_path / "a.txt").write_text("Officials said 606 civilians were killed in Kharkiv.\n")
    (tmp_path / "b.txt").write_text("Officials said 650 civilians were killed in Kharkiv.\n")
    with Corpus(idx, embedder=Backed("torch"), create=True) as c:
        c.ingest([str(tmp_path / "a.txt")])
    with Corpus(idx, embedder=Backed("onnx-int8")) as c:
        assert c.ingest([str(tmp_path / "b.txt")]).documents == 1
        assert c.store.backends == ["onnx-int8", "torch"]
        assert c.stats()["backend"] == "onnx-int8,torch"


def test_an_index_from_before_backends_counts_as_torch(tmp_path: Path) -> None:
    idx = tmp_path / "idx"
    (tmp_path / "a.txt").write_text("Officials said 606 civilians were killed in Kharkiv.\n")
    with Corpus(idx, embedder=FakeEmbedder(), create=True) as c:  # no backend: as an older xcheck wrote
        c.ingest([str(tmp_path / "a.txt")])
        assert "backend" not in c.store.sql.manifest()
        assert c.store.backends == ["torch"]


def test_cli_backend_option_errors_are_one_line(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from xcheck.cli.app import app

    result = runner.invoke(app, ["query", "killed", "--index", str(tmp_path), "--backend", "tf"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "xcheck: error: --backend: unknown backend 'tf'; choose onnx or torch"
    ]
