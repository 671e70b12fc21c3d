"""The lean index: float16 vectors, an inverted file beyond a size, deflated frames, and indexes of the
older layout (float32 vectors, JSON frames) that keep opening and become lean on their next write."""

from __future__ import annotations

import json
import sqlite3
import zlib
from pathlib import Path
from typing import Any

import faiss
import numpy as np
import pytest

import xcheck.pairing.candidates as candidates_mod
import xcheck.store.sqlite as sqlite_mod
import xcheck.store.vectors as vectors_mod
from xcheck.claims.frames import extract_frame
from xcheck.corpus import Corpus
from xcheck.embed import normalise
from xcheck.errors import StoreError
from xcheck.pairing.candidates import self_join
from xcheck.store.sqlite import _FRAME_DICTS, decode_frame, encode_frame
from xcheck.store.vectors import VectorIndex, file_for, nlist_for
from xcheck.types import Document

from .conftest import FakeEmbedder

ARTICLES = [
    Document(
        text=f"Officials said {n} people were evacuated from {town} on Monday. "
        f"The bridge near {town} reopened after {n + 3} days of repairs.",
        title=f"Evacuation in {town}",
        source=f"outlet{n % 3}",
        published=f"2024-03-{n:02d}",
        doc_key=f"doc-{n}",
    )
    for n, town in enumerate(["Kharkiv", "Odesa", "Lviv", "Dnipro", "Poltava", "Sumy", "Kherson"], start=1)
]


def clustered(n: int, dim: int, seed: int, *, centres: int = 300, spread: float = 0.9) -> np.ndarray:
    """Unit vectors around ``centres`` random centres: neighbours above 0.45 are mostly in one cluster,
    as claims on one subject are."""
    rng = np.random.default_rng(seed)
    c = normalise(rng.standard_normal((centres, dim)).astype(np.float32))
    which = rng.integers(0, centres, size=n)
    noise = rng.standard_normal((n, dim)).astype(np.float32) * (spread / np.sqrt(dim))
    return normalise(c[which] + noise)


def old_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make this process write as xcheck did before the lean index: float32 vectors, JSON frames."""
    monkeypatch.setattr(vectors_mod, "lean_flat", lambda dim: faiss.IndexIDMap2(faiss.IndexFlatIP(dim)))
    monkeypatch.setattr(VectorIndex, "lean", lambda self, ivf_min=None: self)
    monkeypatch.setattr(sqlite_mod, "encode_frame", lambda frame: json.dumps(frame, ensure_ascii=False))


def stored_frames(index_dir: Path) -> list[object]:
    db = sqlite3.connect(index_dir / "xcheck.sqlite")
    try:
        return [r[0] for r in db.execute("SELECT frame FROM claims ORDER BY id")]
    finally:
        db.close()


# --- frames ---------------------------------------------------------------------------------------------


def test_a_frame_is_stored_deflated_and_read_back_unchanged() -> None:
    frame = {
        "quantities": [{"text": "12", "low": 12.0, "high": 12.0, "kind": "exact", "measure": "people"}],
        "negated": False,
        "dates": [],
        "as_of": "2024-03-01",
        "places": [{"name": "Kharkiv", "type": "city", "text": "Kharkiv"}],
        "scope": None,
        "said_on": False,
        "years": [],
        "note": "évacués",
    }
    stored = encode_frame(frame)
    assert isinstance(stored, bytes) and stored[0] == 2
    assert len(stored) < len(json.dumps(frame)) / 2
    assert decode_frame(stored) == frame
    assert decode_frame(json.dumps(frame)) == frame  # the earlier JSON text
    # a frame deflated with dictionary 1 (extractor 24 and before) still reads
    packer = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, _FRAME_DICTS[1])
    v1 = bytes([1]) + packer.compress(json.dumps(frame).encode("utf-8")) + packer.flush()
    assert decode_frame(v1) == frame


def test_a_frame_with_cues_takes_fewer_bytes_with_dictionary_2() -> None:
    sentence = "Russia denied that its troops shelled the Zaporizhzhia plant on Saturday, officials said."
    frame = extract_frame(sentence, published="2022-08-08").to_dict()
    v1 = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, _FRAME_DICTS[1])
    old = 1 + len(v1.compress(json.dumps(frame).encode("utf-8")) + v1.flush())
    stored = encode_frame(frame)
    assert decode_frame(stored) == frame and len(stored) < old


def test_an_unknown_or_broken_frame_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="upgrade xcheck"):
        decode_frame(bytes([200]) + b"xyz")
    with pytest.raises(StoreError, match="unreadable"):
        decode_frame(bytes([1]) + b"\xff\xfe not deflate")


# --- vectors --------------------------------------------------------------------------------------------


def test_a_new_index_stores_float16_within_1e3_of_float32(tmp_path: Path) -> None:
    vecs = clustered(500, 64, seed=1)
    ids = np.arange(10, 510, dtype=np.int64)
    lean = VectorIndex(64)
    lean.add(ids.tolist(), vecs)
    assert lean.layout == "flat16"
    lean.write(tmp_path / "v.faiss")
    again = VectorIndex.load(tmp_path / "v.faiss", 64)
    assert again.layout == "flat16" and again.size == 500
    assert np.abs(again.get(ids[:50]) - vecs[:50]).max() < 1e-3
    scores, found = again.search(vecs[:20], 5)
    exact = vecs[:20] @ vecs.T
    assert (found[:, 0] == ids[:20]).all()
    for row in range(20):
        assert np.abs(scores[row] - exact[row, found[row] - 10]).max() < 1e-3
    assert (tmp_path / "v.faiss").stat().st_size < 500 * (64 * 2 + 64)  # not 4 bytes a dimension


def test_lean_turns_an_exact_index_into_float16_and_a_large_one_into_an_inverted_file() -> None:
    vecs = clustered(3000, 32, seed=2)
    ids = np.arange(3000, dtype=np.int64) * 7 + 1
    old = VectorIndex.exact(32)
    old.add(ids.tolist(), vecs)
    assert old.layout == "flat32"
    flat = old.lean(ivf_min=10_000)
    assert flat.layout == "flat16" and flat.lean(ivf_min=10_000) is flat
    ivf = flat.lean(ivf_min=2000)
    assert ivf.layout == "ivf16" and ivf.ivf is not None and ivf.ivf.nlist == nlist_for(3000)
    assert ivf.lean(ivf_min=2000) is ivf  # not rebuilt until it outgrows its lists
    assert sorted(ivf.all_ids().tolist()) == sorted(ids.tolist())
    assert np.abs(ivf.get(ids[:30]) - vecs[:30]).max() < 1e-3
    ivf.remove(ids[:10].tolist())
    assert ivf.size == 2990 and not set(ids[:10].tolist()) & set(ivf.all_ids().tolist())
    copy = ivf.copy()
    copy.add([10**6], vecs[:1])
    assert copy.size == 2991 and ivf.size == 2990  # a writer's copy leaves the readers' index alone
    below = ivf.lean(ivf_min=10_000)  # shrunk below the threshold: exhaustive again
    assert below.layout == "flat16" and below.size == 2990


def test_an_inverted_file_is_written_and_read_with_its_search_width(tmp_path: Path) -> None:
    vecs = clustered(2500, 32, seed=3)
    flat = VectorIndex(32)
    flat.add(list(range(2500)), vecs)
    ivf = flat.lean(ivf_min=1000)
    ivf.write(tmp_path / "v.faiss")
    again = VectorIndex.load(tmp_path / "v.faiss", 32)
    assert again.layout == "ivf16" and again.size == 2500
    assert again.ivf is not None and again.ivf.nprobe == vectors_mod.nprobe_for(again.ivf.nlist)
    assert (again.search(vecs[:5], 1)[1][:, 0] == np.arange(5)).all()


def test_an_inverted_file_has_about_8_lists_per_root_of_its_size() -> None:
    """8 * sqrt(n) lists, a power of two: at 1M claims 8,192 lists of about 122 vectors (4,096 before:
    twice the lists halved a query's search at a higher recall; README, "Lean index and scale")."""
    assert nlist_for(100_000) == nlist_for(120_000) == 2048
    assert nlist_for(400_000) == 4096
    assert nlist_for(1_000_000) == 8192
    assert nlist_for(4_000_000) == 16384
    assert nlist_for(3000) == 3000 // 39  # at least 39 vectors to train a list on
    assert nlist_for(10**12) == 1 << 16


def _untrained_ivf(dim: int, nlist: int, sample: np.ndarray) -> Any:
    """An inverted file like ``_new_ivf``'s whose centroids are the first vectors of ``sample``, not
    k-means (seconds saved: only the number of lists matters here)."""
    quantizer = faiss.IndexFlatIP(dim)
    quantizer.add(np.ascontiguousarray(sample[:nlist], dtype=np.float32))
    ivf = faiss.IndexIVFScalarQuantizer(
        quantizer, dim, nlist, faiss.ScalarQuantizer.QT_fp16, faiss.METRIC_INNER_PRODUCT
    )
    ivf.own_fields = True
    quantizer.this.disown()
    ivf.by_residual = False
    ivf.set_direct_map_type(faiss.DirectMap.Hashtable)
    ivf.is_trained = True
    return ivf


def test_an_inverted_file_of_the_older_list_count_is_rebuilt_on_its_next_write(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An inverted file of 100,000 vectors with the lists of the older rule (4 * sqrt(n): 1,024) is
    rebuilt by lean(), the next write's step, with 8 * sqrt(n) (2,048), and then kept."""
    monkeypatch.setattr(vectors_mod, "_new_ivf", _untrained_ivf)
    n, dim = 100_000, 8
    vecs = clustered(n, dim, seed=6)
    old = VectorIndex(dim, _untrained_ivf(dim, 1024, vecs))
    old.add(list(range(n)), vecs)
    new = old.lean()
    assert new is not old and new.ivf is not None and new.ivf.nlist == 2048
    assert new.size == n and new.lean() is new
    assert np.abs(new.get([5, 99_999]) - vecs[[5, 99_999]]).max() < 1e-3


def test_search_width_is_a_share_of_the_lists_up_to_a_cap() -> None:
    """1 list in 8 while that is small; never more than NPROBE_MAX lists (at 1M claims: 8,192 lists,
    192 searched, not 1,024). From IVF_MIN claims on an index has enough lists for the cap to decide."""
    nprobe_for = vectors_mod.nprobe_for
    assert [nprobe_for(n) for n in (1, 64, 1024, 1536)] == [1, 8, 128, 192]
    assert vectors_mod.NPROBE_MAX == 192
    assert nprobe_for(4096) == nprobe_for(65536) == 192
    assert nprobe_for(nlist_for(vectors_mod.IVF_MIN)) == nprobe_for(nlist_for(10**6)) == 192


def test_a_few_queries_are_searched_on_one_openmp_thread() -> None:
    """A lone query does not wait for a second OpenMP thread to wake (tens of ms on a busy machine);
    many queries (pairing) keep every thread, and the caller's setting is left as it was."""

    class Recorder:
        def __init__(self, inner: Any) -> None:
            self.inner, self.ntotal, self.threads = inner, inner.ntotal, []

        def search(self, q: np.ndarray, k: int) -> Any:
            self.threads.append(faiss.omp_get_max_threads())
            return self.inner.search(q, k)

    vecs = clustered(200, 16, seed=5)
    index = VectorIndex(16)
    index.add(list(range(200)), vecs)
    recorder = Recorder(index.index)
    index.index = recorder
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(2)
    try:
        assert (index.search(vecs[:1], 3)[1][:, 0] == [0]).all()
        index.search(vecs[: vectors_mod.ONE_THREAD_BELOW - 1], 3)
        index.search(vecs[:100], 3)
        assert recorder.threads == [1, 1, 2]
        assert faiss.omp_get_max_threads() == 2
    finally:
        faiss.omp_set_num_threads(before)


def _top_above(scores: np.ndarray, ids: np.ndarray, qids: np.ndarray, floor: float) -> set[tuple[int, int]]:
    out = set()
    for q, srow, irow in zip(qids.tolist(), scores, ids, strict=True):
        near = [int(i) for s, i in zip(srow, irow, strict=True) if s >= floor and i != q]
        out |= {(min(q, i), max(q, i)) for i in near}
    return out


def test_inverted_file_recall_of_neighbours_above_the_floor() -> None:
    """Recall >= 0.99 against exact search, on a clustered set large enough for the inverted file:
    the 20 nearest neighbours above the pairing floor (0.45) of queries, and every pair above 0.75
    of the full join."""
    n, dim = 24_000, 48
    vecs = clustered(n, dim, seed=4, centres=600, spread=0.8)
    ids = np.arange(n, dtype=np.int64)
    exact = VectorIndex.exact(dim)
    exact.add(ids.tolist(), vecs)
    ivf = VectorIndex(dim)
    ivf.add(ids.tolist(), vecs)
    ivf = ivf.lean(ivf_min=10_000)
    assert ivf.layout == "ivf16"

    qids = ids[::40]
    want = _top_above(*exact.search(vecs[qids], 21), qids, 0.45)
    got = _top_above(*ivf.search(vecs[qids], 21), qids, 0.45)
    assert len(want) > 5 * qids.size
    assert len(want & got) / len(want) >= 0.99

    full_want = {(a, b) for a, b, _ in self_join(exact, floor=0.75, k=20)}
    full_got = {(a, b) for a, b, _ in self_join(ivf, floor=0.75, k=20)}
    assert len(full_want) > n // 4
    assert len(full_want & full_got) / len(full_want) >= 0.99

    few = {(a, b) for a, b, _ in self_join(ivf, floor=0.75, k=2, exhaustive=False)}
    assert few < full_got  # at most 2 a query, all from the same candidates


def test_the_join_of_an_inverted_file_finds_a_pair_whose_lists_are_each_the_others_12th_nearest() -> None:
    """Lists are half as large as before (8 * sqrt(n)), so the join probes JOIN_NPROBE = 16 lists a
    vector, not 8. Here a and b (cosine 0.8) each sit in a list of their own, and ten empty lists'
    centroids lie nearer to each of them than the other's list: neither probes the other with 8."""
    dim = 32
    e = np.eye(dim, dtype=np.float32)
    a, b = e[0], 0.8 * e[0] + 0.6 * e[1]
    near_a = [0.9 * a + np.sqrt(0.19) * e[2 + i] for i in range(10)]  # cosine 0.9 to a, 0.72 to b
    near_b = [0.9 * b + np.sqrt(0.19) * e[12 + i] for i in range(10)]  # 0.9 to b, 0.72 to a
    centroids = np.stack([a, b, *near_a, *near_b]).astype(np.float32)
    ivf = VectorIndex(dim, _untrained_ivf(dim, len(centroids), centroids))
    ivf.add([1, 2], np.stack([a, b]))
    assert candidates_mod.JOIN_NPROBE == 16
    assert [(x, y) for x, y, _ in self_join(ivf, floor=0.75, k=5)] == [(1, 2)]
    with pytest.MonkeyPatch.context() as m:
        m.setattr(candidates_mod, "JOIN_NPROBE", 8)
        assert self_join(ivf, floor=0.75, k=5) == []


# --- an index folder ------------------------------------------------------------------------------------


def test_an_index_of_the_older_layout_opens_and_becomes_lean_on_its_next_write(
    index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as m:
        old_layout(m)
        with Corpus(index_dir, embedder=FakeEmbedder(), create=True) as c:
            c.ingest_documents(ARTICLES[:4])
            assert c.store.vectors().layout == "flat32"
    assert all(isinstance(f, str) for f in stored_frames(index_dir))

    with Corpus(index_dir, embedder=FakeEmbedder()) as c:
        assert c.store.vectors().layout == "flat32"  # read as it is
        old_ids = c.store.vectors().all_ids()
        old_vectors = c.store.vectors().get(old_ids)
        before = {h.claim_id: h.score for h in c.query("people evacuated from Odesa", k=5)}
        views_before = c.claim_views(list(before))
        c.ingest_documents(ARTICLES[4:])
        vectors = c.store.vectors()
        assert vectors.layout == "flat16"
        assert vectors.size == c.store.sql.counts()["claims"] > old_ids.size
        assert np.abs(vectors.get(old_ids) - old_vectors).max() < 1e-3  # nothing indexed is lost
        after = {h.claim_id: h.score for h in c.query("people evacuated from Odesa", k=50)}
        assert all(abs(after[cid] - score) < 1e-3 for cid, score in before.items())
        assert c.claim_views(list(before)) == views_before  # old JSON frames still read
        assert c.update_pairs() > 0
        generation = c.store.generation
    assert VectorIndex.load(file_for(index_dir, generation), 64).layout == "flat16"
    assert all(isinstance(f, bytes) for f in stored_frames(index_dir))  # migrated with the vectors


def test_an_interrupted_migration_leaves_the_older_index_whole(
    index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as m:
        old_layout(m)
        with Corpus(index_dir, embedder=FakeEmbedder(), create=True) as c:
            c.ingest_documents(ARTICLES[:3])
            before = (c.store.sql.counts(), c.store.generation)

    def full_disk(path: Path, data: memoryview) -> None:
        path.write_bytes(bytes(data[:10]))
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(vectors_mod, "write_file", full_disk)
        with Corpus(index_dir, embedder=FakeEmbedder()) as c, pytest.raises(StoreError, match="no space"):
            c.ingest_documents(ARTICLES[3:])
    assert not list(index_dir.glob("*.tmp"))
    with Corpus(index_dir, embedder=FakeEmbedder()) as c:
        assert (c.store.sql.counts(), c.store.generation) == before
        assert c.store.vectors().layout == "flat32" and c.store.vectors().size == before[0]["claims"]
        assert all(isinstance(f, str) for f in stored_frames(index_dir))
        assert c.query("bridge reopened", k=3)


def test_an_index_past_the_threshold_becomes_an_inverted_file_and_keeps_working(
    index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vectors_mod, "IVF_MIN", 8)
    with Corpus(index_dir, embedder=FakeEmbedder(), create=True) as c:
        c.ingest_documents(ARTICLES)
        claims = c.store.sql.counts()["claims"]
        assert claims >= 8
        vectors = c.store.vectors()
        assert vectors.layout == "ivf16" and vectors.size == claims
        assert c.query("bridge near Lviv reopened", k=3)
        assert c.update_pairs() > 0
        c.remove([1])
        assert c.store.vectors().size == c.store.sql.counts()["claims"] < claims
    with Corpus(index_dir, embedder=FakeEmbedder()) as c:  # read back from its file
        assert c.store.vectors().layout == "ivf16"
        assert c.query("evacuated from Sumy", k=3)


@pytest.mark.parametrize("ivf", [False, True])
def test_a_read_only_corpus_maps_its_vectors_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ivf: bool
) -> None:
    if ivf:
        monkeypatch.setattr(vectors_mod, "IVF_MIN", 4)
    fake = FakeEmbedder()
    with Corpus(tmp_path / "idx", embedder=fake, create=True) as c:
        c.ingest_documents(ARTICLES)
        want = [(h.claim_id, h.score) for h in c.query("people evacuated from Odesa", k=5)]
    with Corpus(tmp_path / "idx", embedder=fake, read_only=True) as c:
        vectors = c.store.vectors()
        assert vectors.mapped and vectors.layout == ("ivf16" if ivf else "flat16")
        assert [(h.claim_id, h.score) for h in c.query("people evacuated from Odesa", k=5)] == want
        with pytest.raises(StoreError, match="read-only"):
            c.ingest_documents([Document(text="Twelve people were evacuated from Izium.", doc_key="new")])
        with pytest.raises(StoreError, match="memory-mapped"):
            vectors.remove([1])  # FAISS would abort the process
        copy = vectors.copy()  # a copy of its own can change
        copy.remove([1])
        assert copy.size == vectors.size - 1 and not copy.mapped
