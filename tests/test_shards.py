"""A sharded index (two shards on one machine) answers as one index holding the same documents."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from xcheck.corpus import Corpus
from xcheck.distributed import cluster
from xcheck.distributed.ingest import ingest as ray_ingest
from xcheck.distributed.shards import ShardedIndex
from xcheck.distributed.tasks import ModelSpec
from xcheck.errors import StoreError, UsageError
from xcheck.pairing.clusters import PairRecord
from xcheck.types import Hit

from .conftest import EXAMPLES, FakeEmbedder

FAKE = ModelSpec(FakeEmbedder.model_id, FakeEmbedder)
QUERIES = [
    "how many civilians were killed in the Kharkiv region",
    "refugees who fled Ukraine",
    "Ukraine is a party to the Convention on Cluster Munitions",
]


@pytest.fixture
def both(
    tmp_path: Path, local_ray: Any, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Corpus, ShardedIndex]]:
    monkeypatch.setenv(cluster.TIMEOUT_ENV, "120")
    single = Corpus(tmp_path / "single", embedder=FakeEmbedder(), create=True)
    single.ingest([str(EXAMPLES)])
    single.update_pairs()
    sharded = ShardedIndex(tmp_path / "sharded", shards=2, create=True, embedder=FakeEmbedder())
    report = ray_ingest(sharded, [str(EXAMPLES)], model=FAKE)
    assert report.documents == 12
    yield single, sharded
    single.close()
    sharded.close()


def doc_key(c: Any, doc_id: int) -> str:
    return str(c.store.sql.db.execute("SELECT sha256 FROM documents WHERE id = ?", (doc_id,)).fetchone()[0])


def content(c: Corpus) -> list[tuple[Any, ...]]:
    rows = c.store.sql.db.execute(
        "SELECT d.sha256, c.part, c.start, c.end, c.text, c.frame, c.repeats FROM claims c "
        "JOIN documents d ON d.id = c.doc_id"
    ).fetchall()
    return sorted(tuple(r) for r in rows)


def hit_key(h: Hit, sha: str) -> tuple[Any, ...]:
    return (sha, h.start, h.end, h.text, round(h.score, 5))


def pair_key(p: PairRecord, sha_a: str, sha_b: str) -> tuple[Any, ...]:
    ends = [(p.a.claim_id, sha_a, p.a.part, p.a.start, p.a.text), (p.b.claim_id, sha_b, p.b.part, p.b.start)]
    return (p.relation, round(p.similarity, 5), p.confidence, p.reason, p.cue, *ends)


def test_documents_and_claims_are_split_between_the_shards_without_loss(both: Any) -> None:
    single, sharded = both
    per_shard = [content(c) for c in sharded.shards]
    assert all(per_shard)  # both shards hold documents
    assert sorted(r for rows in per_shard for r in rows) == content(single)
    for s, c in enumerate(sharded.shards):  # each document lies in the shard of its hash
        shas = {r[0] for r in c.store.sql.db.execute("SELECT sha256 FROM documents")}
        assert {sharded.shard_of(sha) for sha in shas} == {s}
    assert sharded.counts() == {k: v for k, v in single.stats().items() if k in ("documents", "claims")}


def canonical(keys: list[tuple[Any, ...]]) -> tuple[list[float], list[tuple[Any, ...]]]:
    """The scores in order, and the hits above the last score (equal scores may come in any order,
    and which of a tie at the k-th place is kept is arbitrary, in one index as in shards)."""
    scores = [k[-1] for k in keys]
    return scores, sorted(k for k in keys if k[-1] > scores[-1])


def test_queries_fan_out_and_merge_to_the_single_index_answer(both: Any) -> None:
    single, sharded = both
    for text in QUERIES:
        want = [hit_key(h, doc_key(single, h.doc_id)) for h in single.query(text, k=8)]
        got = []
        for h in sharded.query(text, k=8):
            s, local = sharded.local_id(h.doc_id)
            got.append(hit_key(h, doc_key(sharded.shards[s], local)))
        assert len(canonical(want)[1]) >= 4
        assert canonical(got) == canonical(want)


def test_pairs_across_shards_are_those_of_the_single_index(both: Any) -> None:
    single, sharded = both

    def keys_single(pairs: list[PairRecord]) -> list[tuple[Any, ...]]:
        return sorted(pair_key(p, doc_key(single, p.a.doc_id), doc_key(single, p.b.doc_id)) for p in pairs)

    def keys_sharded(pairs: list[PairRecord]) -> list[tuple[Any, ...]]:
        out = []
        for p in pairs:
            (sa, la), (sb, lb) = sharded.local_id(p.a.doc_id), sharded.local_id(p.b.doc_id)
            out.append(pair_key(p, doc_key(sharded.shards[sa], la), doc_key(sharded.shards[sb], lb)))
        return sorted(out)

    want = keys_single(single.pairs())
    assert len(want) > 10
    got = sharded.pairs()
    assert keys_sharded(got) == want
    cross = [p for p in got if p.a.doc_id % 2 != p.b.doc_id % 2]
    assert cross  # pairs whose claims lie in different shards are found
    for kwargs in ({"relation": "conflict"}, {"same_document": True}, {"min_similarity": 0.7}):
        assert keys_sharded(sharded.pairs(**kwargs)) == keys_single(single.pairs(**kwargs))


def test_a_rerun_adds_nothing_and_the_layout_is_checked(both: Any, tmp_path: Path) -> None:
    _, sharded = both
    again = ray_ingest(sharded, [str(EXAMPLES)], model=FAKE)
    assert (again.documents, again.skipped) == (0, 12)
    with pytest.raises(UsageError, match="2 shards, not 3"):
        ShardedIndex(sharded.root, shards=3, embedder=FakeEmbedder())
    with pytest.raises(StoreError, match=r"shards\.json"):
        ShardedIndex(tmp_path / "nowhere", embedder=FakeEmbedder())
    with pytest.raises(UsageError):
        sharded.pairs(relation="related")
