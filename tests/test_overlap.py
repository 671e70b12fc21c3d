"""EmbedAhead: the model works in a thread while the caller extracts; vectors come back by key."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from xcheck.corpus import Corpus
from xcheck.overlap import EmbedAhead

from .conftest import EXAMPLES, FakeEmbedder


def test_submit_returns_while_the_model_works_and_drain_collects_every_key() -> None:
    release = threading.Event()
    started = threading.Event()
    calls: list[list[str]] = []

    def embed(texts: Sequence[str]) -> np.ndarray:
        started.set()
        assert release.wait(10), "never released"
        calls.append(list(texts))
        return np.array([[float(len(t))] for t in texts], dtype=np.float32)

    with EmbedAhead(embed, ahead=2) as ahead:
        assert ahead.submit(["a", "b"], ["x", "yy"]) == {}  # returned while embed waits
        assert started.wait(10)
        assert ahead.in_flight == {"a", "b"}
        release.set()
        got = ahead.drain()
    assert {k: float(v[0]) for k, v in got.items()} == {"a": 1.0, "b": 2.0}
    assert calls == [["x", "yy"]] and not ahead.in_flight


def test_at_most_ahead_batches_wait_and_errors_reach_the_caller() -> None:
    seen: list[int] = []

    def embed(texts: Sequence[str]) -> np.ndarray:
        seen.append(len(texts))
        if texts[0] == "boom":
            raise RuntimeError("model failed")
        return np.zeros((len(texts), 2), dtype=np.float32)

    with EmbedAhead(embed, ahead=1) as ahead:
        ahead.submit(["1"], ["one"])
        got = ahead.submit(["2"], ["two"])  # ahead=1: the first batch is collected before this one
        assert set(got) == {"1"}
        ahead.submit(["3"], ["boom"])
        with pytest.raises(RuntimeError, match="model failed"):
            ahead.drain()


def test_ingest_overlapped_stores_the_same_index_as_one_chunk_at_a_time(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import xcheck.corpus as corpus_mod

    def build(name: str) -> list[tuple[str, bytes]]:
        with Corpus(tmp_path / name, embedder=FakeEmbedder(), create=True) as c:
            report = c.ingest([str(EXAMPLES)])
            assert report.failed == [] and report.embedded > 0
            rows = c.store.sql.db.execute("SELECT id, text FROM claims ORDER BY id").fetchall()
            vecs = c.store.vectors().get([r[0] for r in rows])
            return [(r[1], v.tobytes()) for r, v in zip(rows, vecs, strict=True)]

    monkeypatch.setattr(corpus_mod, "EMBED_CHUNK", 7)  # many chunks in flight
    overlapped = build("a")
    monkeypatch.setattr(corpus_mod, "EMBED_AHEAD", 1)
    monkeypatch.setattr(corpus_mod, "EMBED_CHUNK", 10_000)  # one chunk per commit
    assert build("b") == overlapped


def test_embedding_batches_are_cut_from_texts_sorted_by_length(tmp_path: Path) -> None:
    """Less padding: each batch holds texts of about one length, and every vector comes back in place."""
    batches: list[list[str]] = []

    class Recording(FakeEmbedder):
        def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
            batches.append(list(texts))
            return super().embed_batch(texts)

    texts = [f"claim {i} " + "word " * ((i * 37) % 50) for i in range(100)]
    with Corpus(tmp_path / "idx", embedder=Recording(), create=True) as c:
        vecs = c.embed(texts)
    assert np.allclose(vecs, FakeEmbedder().embed_batch(texts))  # in the order asked for
    lengths = [len(t) for b in batches for t in b]
    assert lengths == sorted(lengths, reverse=True) and len(batches) > 1
