"""The ONNX Runtime backend reproduces sentence-transformers on real sentences (real models)."""

from __future__ import annotations

import numpy as np
import pytest

from xcheck.config import DEFAULT_MODEL_ID
from xcheck.corpus import Corpus, claims_of
from xcheck.embed import SentenceTransformerEmbedder, bundled_model_path, make_embedder
from xcheck.ingest.readers import read_inputs
from xcheck.onnx_embed import OnnxEmbedder, max_seq_length
from xcheck.types import Document

from .conftest import EXAMPLES

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    """Every claim of the sample articles, with their titles (short and long sentences)."""
    docs = [d for d in read_inputs([str(EXAMPLES)]) if isinstance(d, Document)]
    out = [c.text for d in docs for c in claims_of(d, with_frames=False)]
    out += [d.title for d in docs if d.title]
    assert len(out) > 100
    return list(dict.fromkeys(out))


def test_onnx_agrees_with_sentence_transformers_per_sentence(sentences: list[str]) -> None:
    onnx = OnnxEmbedder(batch_size=16)
    reference = SentenceTransformerEmbedder(DEFAULT_MODEL_ID)
    a = onnx.embed_batch(sentences)
    b = reference.embed_batch(sentences)
    assert a.shape == b.shape == (len(sentences), 384) and a.dtype == np.float32
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    cos = np.sum(a * b, axis=1)
    worst = int(np.argmin(cos))
    assert cos.min() >= 0.99, f"cosine {cos.min():.4f} for {sentences[worst]!r}"
    # the order of the inputs and the batch they fall in do not change a vector
    again = onnx.embed_batch(sentences[::-1])[::-1]
    assert np.allclose(a, again, atol=1e-5)


def test_long_text_is_truncated_like_sentence_transformers() -> None:
    limit = max_seq_length(bundled_model_path())
    long = " ".join(f"word{i} killed" for i in range(limit * 2))
    a = OnnxEmbedder().embed_batch([long, "  short one  "])
    b = SentenceTransformerEmbedder(DEFAULT_MODEL_ID).embed_batch([long, "short one"])
    assert np.sum(a * b, axis=1).min() >= 0.99


def test_default_backend_is_onnx_and_recorded(tmp_path) -> None:  # type: ignore[no-untyped-def]
    embedder = make_embedder(None)
    assert isinstance(embedder, OnnxEmbedder)
    with Corpus(tmp_path / "idx", create=True) as c:
        report = c.ingest([str(EXAMPLES / "northern-ledger-kharkiv.md")])
        assert report.claims > 0
        assert c.store.backends == ["onnx-int8"]
        hits = c.query("civilians killed in the Kharkiv region", k=3)
        assert hits and hits[0].score > 0.5
    # the torch backend may add to it: the pair is declared compatible (measured agreement)
    with Corpus(tmp_path / "idx", backend="torch") as c:
        assert c.query("civilians killed in the Kharkiv region", k=1)[0].claim_id == hits[0].claim_id
