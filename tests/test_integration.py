"""With the real bundled model: ingest the sample corpus and ask about Kharkiv casualties."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from xcheck.config import DEFAULT_MODEL_ID
from xcheck.corpus import Corpus
from xcheck.embed import SentenceTransformerEmbedder

from .conftest import EXAMPLES, REPO

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def model() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(DEFAULT_MODEL_ID)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory, model: SentenceTransformerEmbedder) -> Iterator[Corpus]:
    c = Corpus(tmp_path_factory.mktemp("real") / "idx", embedder=model, create=True)
    report = c.ingest([str(EXAMPLES)])
    assert report.failed == [] and report.documents >= 8
    yield c
    c.close()


def test_bundled_model_loads_offline(model: SentenceTransformerEmbedder) -> None:
    v = model.embed_batch(["606 civilians were killed", "hundreds of civilians died"])
    assert v.shape == (2, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert float(v[0] @ v[1]) > 0.5


def test_kharkiv_casualty_claims_come_first(sample: Corpus) -> None:
    hits = sample.query("how many civilians were killed in the Kharkiv region", k=5)
    assert len(hits) == 5
    casualty = re.compile(r"\b(killed|dead|died|deaths|death toll|lost their lives)\b", re.I)
    for h in hits[:3]:
        assert "Kharkiv" in h.text and casualty.search(h.text), h.text
    assert hits[0].score > 0.5
    assert all(a.score >= b.score for a, b in itertools.pairwise(hits))


def test_index_records_the_model(sample: Corpus) -> None:
    stats = sample.stats()
    assert stats["model"] == DEFAULT_MODEL_ID and stats["dim"] == 384


def test_reopening_uses_the_recorded_model(sample: Corpus) -> None:
    with Corpus(sample.index_dir) as again:
        assert again.model_id == DEFAULT_MODEL_ID
        assert again.query("refugees who fled Ukraine", k=1)[0].score > 0.4


def test_examples_folder_exists() -> None:
    assert isinstance(EXAMPLES, Path) and EXAMPLES.is_dir()


def _pair(pairs: list, a: str, b: str):  # type: ignore[no-untyped-def,type-arg]
    for p in pairs:
        if (a in p.a.text and b in p.b.text) or (a in p.b.text and b in p.a.text):
            return p
    raise AssertionError(f"no pair of {a!r} and {b!r}")


def test_sample_corpus_pairs(sample: Corpus) -> None:
    sample.update_pairs()
    pairs = sample.pairs()
    assert _pair(pairs, "Ukraine is a state party", "Ukraine is not a party").relation == "conflict"
    assert _pair(pairs, "93 nations have joined", "123 nations have joined").relation == "conflict"
    assert (
        _pair(pairs, "at least 9 people were confirmed killed", "at least 18 people").relation == "conflict"
    )
    assert _pair(pairs, "rose to 50 on April 9", "killed at least 30 people on April 8").relation == "update"
    assert _pair(
        pairs, "killed hundreds of civilians in the Kharkiv region", "killed 606 civilians"
    ).relation == ("consistent")
    rising = [
        p for p in pairs if p.relation == "conflict" and "Kramatorsk" in p.a.text and "Kramatorsk" in p.b.text
    ]
    assert not [p for p in rising if "killed" in p.reason]  # the Kramatorsk toll only ever rose


def test_dev_set_meets_the_conflict_targets(model: SentenceTransformerEmbedder) -> None:
    from xcheck.corpus import PAIR_FLOOR
    from xcheck.pairing.evaluate import evaluate, read_labels

    result = evaluate(read_labels(REPO / "eval" / "dev.jsonl"), model, floor=PAIR_FLOOR)
    conflict = result.per_relation["conflict"]
    # Issue 9's target for the team-written set is precision >= 0.9. A conflict now needs its fact
    # established (place, date, period), which the short hand-written pairs often leave unsaid, so
    # recall fell from 0.885 to 0.577; the floor below guards that figure against regressions.
    assert conflict.precision >= 0.9 and conflict.recall >= 0.55, conflict
    assert result.accuracy > result.baseline_accuracy


def test_event_dev_set_holds_its_measured_figures(model: SentenceTransformerEmbedder) -> None:
    """Who-did-what, denial and state conflicts on the development events' real-news pairs (issue 13).

    The issue's targets (recall >= 0.6 at precision >= 0.8) are not met; these floors guard the figures
    measured when the event layer landed (precision 0.94, recall 0.29) against regressions."""
    from xcheck.corpus import PAIR_FLOOR
    from xcheck.pairing.evaluate import evaluate, read_labels

    result = evaluate(read_labels(REPO / "eval" / "events-dev.jsonl"), model, floor=PAIR_FLOOR)
    conflict = result.per_relation["conflict"]
    assert conflict.precision >= 0.85 and conflict.recall >= 0.25, conflict
    assert result.per_cue["agent"].recall >= 0.35, result.per_cue["agent"]
