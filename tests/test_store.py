"""The index: re-ingest is a no-op, vectors are reused, crashes leave the previous state, one writer."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from xcheck.corpus import Corpus
from xcheck.errors import IndexBusyError, ModelError, StoreError
from xcheck.store import sqlite as sqlite_mod
from xcheck.store import vectors as vectors_mod
from xcheck.store.index import LOCK_NAME
from xcheck.store.vectors import VectorIndex

from .conftest import FakeEmbedder, write

ARTICLE_A = """---
title: Kharkiv toll
source: Northern Ledger
published: 2022-06-13
---
Officials said 606 civilians have been killed in the Kharkiv region since February 24.

The UN refugee agency said more than six million people have fled Ukraine.
"""
ARTICLE_B = """---
title: Probes
source: Danube Wire
published: 2022-05-25
---
Ukraine says it has opened more than 12,000 war crime investigations.

The UN refugee agency said more than six million people have fled Ukraine.
"""


def snapshot(index_dir: Path) -> tuple[dict[str, int], int, list[str]]:
    c = Corpus(index_dir, embedder=FakeEmbedder())
    try:
        return (
            c.store.sql.counts(),
            c.store.vectors().size,
            sorted(p.name for p in index_dir.glob("vectors-*")),
        )
    finally:
        c.close()


def test_ingest_then_query(corpus: Corpus, tmp_path: Path) -> None:
    a = write(tmp_path / "a.md", ARTICLE_A)
    report = corpus.ingest([str(a)])
    assert (report.documents, report.claims, report.skipped, report.failed) == (1, 2, 0, [])
    hits = corpus.query("civilians killed in the Kharkiv region", k=1)
    assert hits[0].text.startswith("Officials said 606 civilians")
    assert hits[0].source == "Northern Ledger" and hits[0].published == "2022-06-13"
    assert hits[0].title == "Kharkiv toll"
    doc_text = corpus.store.sql.db.execute("SELECT text FROM documents").fetchone()[0]
    assert doc_text[hits[0].start : hits[0].end] == hits[0].text


def test_reingest_unchanged_does_nothing(corpus: Corpus, fake: FakeEmbedder, tmp_path: Path) -> None:
    a = write(tmp_path / "a.md", ARTICLE_A)
    corpus.ingest([str(a)])
    generation = corpus.store.generation
    embedded = len(fake.embedded)
    report = corpus.ingest([str(a)])
    assert (report.documents, report.claims, report.skipped) == (0, 0, 1)
    assert len(fake.embedded) == embedded
    assert corpus.store.generation == generation  # nothing was rewritten


def test_known_claim_is_never_embedded_twice(corpus: Corpus, fake: FakeEmbedder, tmp_path: Path) -> None:
    a = write(tmp_path / "a.md", ARTICLE_A)
    b = write(tmp_path / "b.md", ARTICLE_B)
    corpus.ingest([str(a)])
    corpus.ingest([str(b)])
    shared = "The UN refugee agency said more than six million people have fled Ukraine."
    assert fake.embedded.count(shared) == 1
    assert corpus.store.sql.counts()["claims"] == 4
    assert corpus.store.vectors().size == 4


def test_same_sentence_twice_in_one_batch_is_embedded_once(
    corpus: Corpus, fake: FakeEmbedder, tmp_path: Path
) -> None:
    write(tmp_path / "d" / "a.md", ARTICLE_A)
    write(tmp_path / "d" / "b.md", ARTICLE_B)
    report = corpus.ingest([str(tmp_path / "d")])
    assert report.claims == 4 and report.embedded == 3


def test_changed_article_replaces_its_claims(corpus: Corpus, tmp_path: Path) -> None:
    a = write(tmp_path / "a.md", ARTICLE_A)
    corpus.ingest([str(a)])
    write(tmp_path / "a.md", ARTICLE_A.replace("606", "650"))
    report = corpus.ingest([str(a)])
    assert report.documents == 1
    counts = corpus.store.sql.counts()
    assert counts == {"documents": 1, "claims": 2, "sources": 1, "undated": 0}
    assert corpus.store.vectors().size == 2
    texts = [h.text for h in corpus.query("civilians killed Kharkiv", k=5)]
    assert any("650" in t for t in texts) and not any("606" in t for t in texts)


def test_claim_ids_are_never_reused(corpus: Corpus, tmp_path: Path) -> None:
    a = write(tmp_path / "a.md", ARTICLE_A)
    corpus.ingest([str(a)])
    first = corpus.store.sql.all_claim_ids()
    write(tmp_path / "a.md", ARTICLE_A.replace("606", "650"))
    corpus.ingest([str(a)])
    assert not set(first) & set(corpus.store.sql.all_claim_ids())


def test_failure_in_the_middle_of_a_write_keeps_the_previous_state(
    index_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = write(tmp_path / "a.md", ARTICLE_A)
    b = write(tmp_path / "b.md", ARTICLE_B)
    with Corpus(index_dir, embedder=FakeEmbedder(), create=True) as c:
        c.ingest([str(a)])
    before = snapshot(index_dir)

    calls = {"n": 0}
    real_add = sqlite_mod.SqliteStore.add_document

    def add_then_crash(self, doc, claims, ids):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        real_add(self, doc, claims, ids)
        raise OSError("disk full")  # after rows for the document were written, before commit

    monkeypatch.setattr(sqlite_mod.SqliteStore, "add_document", add_then_crash)
    with Corpus(index_dir, embedder=FakeEmbedder()) as c, pytest.raises(StoreError, match="disk full"):
        c.ingest([str(b)])
    assert calls["n"] == 1
    monkeypatch.undo()
    assert snapshot(index_dir) == before


def test_crash_between_vector_file_and_commit_keeps_the_previous_state(
    index_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = write(tmp_path / "a.md", ARTICLE_A)
    b = write(tmp_path / "b.md", ARTICLE_B)
    with Corpus(index_dir, embedder=FakeEmbedder(), create=True) as c:
        c.ingest([str(a)])
    before = snapshot(index_dir)

    def crash(self) -> None:  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt  # the process is stopped after the new vector file is on disk

    monkeypatch.setattr(sqlite_mod.SqliteStore, "commit", crash)
    with Corpus(index_dir, embedder=FakeEmbedder()) as c, pytest.raises(KeyboardInterrupt):
        c.ingest([str(b)])
    monkeypatch.undo()
    monkeypatch.setattr(vectors_mod, "KEEP_OLD_SECONDS", 0.0)  # older generations go at once
    counts, size, _files = snapshot(index_dir)
    assert (counts, size) == before[:2]  # the newer vector file is an ignored leftover
    with Corpus(index_dir, embedder=FakeEmbedder()) as c:  # and the next writer goes on from there
        report = c.ingest([str(b)])
        assert report.documents == 1
    counts, size, files = snapshot(index_dir)
    assert counts["claims"] == size == 4 and len(files) == 1


def test_crash_while_writing_the_vector_file(
    index_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = write(tmp_path / "a.md", ARTICLE_A)
    with Corpus(index_dir, embedder=FakeEmbedder(), create=True) as c:
        c.ingest([str(a)])
    before = snapshot(index_dir)

    def broken_write(self, path):  # type: ignore[no-untyped-def]
        path.with_name(path.name + ".tmp").write_bytes(b"half a file")
        raise OSError("no space left on device")

    monkeypatch.setattr(VectorIndex, "write", broken_write)
    b = write(tmp_path / "b.md", ARTICLE_B)
    with Corpus(index_dir, embedder=FakeEmbedder()) as c, pytest.raises(StoreError, match="no space left"):
        c.ingest([str(b)])
    monkeypatch.undo()
    assert snapshot(index_dir)[:2] == before[:2]


def test_other_model_is_refused(index_dir: Path, tmp_path: Path) -> None:
    a = write(tmp_path / "a.md", ARTICLE_A)
    with Corpus(index_dir, embedder=FakeEmbedder(), create=True) as c:
        c.ingest([str(a)])

    class OtherModel(FakeEmbedder):
        model_id = "other/model"

    with Corpus(index_dir, embedder=OtherModel()) as c, pytest.raises(ModelError, match="fake/bag-of-words"):
        c.query("killed")
    with Corpus(index_dir, model="some/other-model") as c, pytest.raises(ModelError, match="built with"):
        c.query("killed")


def test_opening_a_missing_index_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no index at"):
        Corpus(tmp_path / "nothing-here")


def test_newer_schema_is_refused(index_dir: Path) -> None:
    Corpus(index_dir, embedder=FakeEmbedder(), create=True).close()
    import sqlite3

    db = sqlite3.connect(index_dir / "xcheck.sqlite")
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(StoreError, match="newer xcheck"):
        Corpus(index_dir, embedder=FakeEmbedder())


def test_second_writer_stops_with_a_clear_message(
    index_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = write(tmp_path / "a.md", ARTICLE_A)
    Corpus(index_dir, embedder=FakeEmbedder(), create=True).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from filelock import FileLock; l = FileLock(sys.argv[1]); l.acquire(); "
            "print('held', flush=True); time.sleep(30)",
            str(index_dir / LOCK_NAME),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        monkeypatch.setenv("XCHECK_LOCK_TIMEOUT", "0.3")
        with (
            Corpus(index_dir, embedder=FakeEmbedder()) as c,
            pytest.raises(IndexBusyError, match="another xcheck"),
        ):
            c.ingest([str(a)])
    finally:
        holder.kill()
        holder.communicate()
    with Corpus(index_dir, embedder=FakeEmbedder()) as c:
        assert c.ingest([str(a)]).documents == 1


def test_two_writers_wait_for_each_other(
    index_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vectors_mod, "KEEP_OLD_SECONDS", 0.0)  # older generations go at once
    paths = [write(tmp_path / f"{i}.md", ARTICLE_A.replace("606", str(600 + i))) for i in range(6)]
    Corpus(index_dir, embedder=FakeEmbedder(), create=True).close()
    errors: list[BaseException] = []

    def run(chunk: list[Path]) -> None:
        try:
            for p in chunk:
                with Corpus(index_dir, embedder=FakeEmbedder()) as c:
                    c.ingest([str(p)])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(paths[i::2],)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    counts, size, files = snapshot(index_dir)
    assert counts["documents"] == 6 and size == counts["claims"] == 12 and len(files) == 1


def test_stats_are_counted_again_only_after_a_change(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The service's /health asks for the stats on every call: they are counted once per change of
    the database, whoever commits it (this corpus, or another connection as another process would)."""
    corpus.ingest([str(write(tmp_path / "a.md", ARTICLE_A))])
    counted: list[int] = []
    real = corpus.store.sql.counts
    monkeypatch.setattr(corpus.store.sql, "counts", lambda: counted.append(1) or real())
    first = corpus.stats()
    assert corpus.stats() == first and corpus.stats()["documents"] == 1 and len(counted) == 1
    corpus.ingest([str(write(tmp_path / "b.md", ARTICLE_B))])
    assert corpus.stats()["documents"] == 2 and len(counted) == 2
    assert corpus.stats()["documents"] == 2 and len(counted) == 2
    with Corpus(corpus.index_dir, embedder=FakeEmbedder()) as other:  # another writer
        doc_id = other.documents()[0]["id"]
        other.remove([doc_id])
    assert corpus.stats()["documents"] == 1 and len(counted) == 3
