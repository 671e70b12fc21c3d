"""Reliability: readers racing a writer, failed writes, bad and oversized inputs (issue 10)."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from xcheck import corpus as corpus_mod
from xcheck.corpus import MAX_CLAIM_CHARS, MAX_CLAIMS_PER_DOCUMENT, Corpus, claims_of
from xcheck.errors import StoreError
from xcheck.store import sqlite as sqlite_mod
from xcheck.store import vectors as vectors_mod
from xcheck.types import Document, Span

from .conftest import REPO, FakeEmbedder, write

ARTICLE = """---
title: Kharkiv toll
source: Northern Ledger
published: 2022-06-13
---
Officials said 606 civilians have been killed in the Kharkiv region since February 24.

The UN refugee agency said more than six million people have fled Ukraine.
"""

# A writer in its own process: one small commit after another until told to stop (or 120 s pass).
# Old vector files are removed at once, so readers depend on reading one snapshot, not on luck.
WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    from tests.conftest import FakeEmbedder
    from xcheck.corpus import Corpus
    from xcheck.store import vectors
    from xcheck.types import Document, Span
    vectors.KEEP_OLD_SECONDS = 0.0
    index, stop = Path(sys.argv[2]), Path(sys.argv[3])
    deadline = time.monotonic() + 120
    n = 0
    with Corpus(index, embedder=FakeEmbedder()) as c:
        while not stop.exists() and time.monotonic() < deadline:
            n += 1
            text = f"Officials said {n} civilians were killed in region {n}.\\n\\nAid convoy {n} arrived."
            c.ingest_documents([Document(text=text, doc_key=f"k{n % 7}")])
            print(n, flush=True)
    """
)


def test_fresh_readers_never_see_a_writer_half_way(index_dir: Path, tmp_path: Path) -> None:
    """2,000 fresh opens while another process commits small changes: 0 errors."""
    with Corpus(index_dir, embedder=FakeEmbedder(), create=True) as c:
        c.ingest([str(write(tmp_path / "a.md", ARTICLE))])
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(REPO), str(index_dir), str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    errors: list[str] = []
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "1"  # it is writing
        fake = FakeEmbedder()
        deadline = time.monotonic() + 90
        for _ in range(2000):
            assert time.monotonic() < deadline, "2,000 opens took too long"
            try:
                with Corpus(index_dir, embedder=fake) as c:
                    stats = c.stats()
                    vectors = c.store.vectors()
                    assert vectors.size >= 1 and stats["claims"] >= 1
            except Exception as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        stop.touch()
        out, err = writer.communicate(timeout=30)
    commits = len(out.split()) + 1
    assert writer.returncode == 0, err
    assert commits > 20, "the writer hardly wrote while the readers read"
    assert errors == [], f"{len(errors)} of 2000 readers failed, e.g. {errors[:3]}"


def test_a_reader_retries_when_the_generation_it_read_is_gone(index_dir: Path, tmp_path: Path) -> None:
    """The exact race: the manifest names generation g, then a writer commits g+1 and removes g."""
    with Corpus(index_dir, embedder=FakeEmbedder(), create=True) as c:
        c.ingest([str(write(tmp_path / "a.md", ARTICLE))])
    reader = Corpus(index_dir, embedder=FakeEmbedder())
    real_load = vectors_mod.VectorIndex.load
    raced = {"done": False}

    def load_after_a_commit(path: Path, dim: int) -> vectors_mod.VectorIndex:
        if not raced["done"]:
            raced["done"] = True
            done = threading.Event()

            def commit() -> None:  # another writer, in another thread with its own connection
                with Corpus(index_dir, embedder=FakeEmbedder()) as w:
                    vectors_mod.KEEP_OLD_SECONDS = 0.0
                    w.ingest_documents([Document(text="Ten trucks of aid arrived in Kharkiv.", doc_key="t")])
                    w.ingest_documents([Document(text="Twelve trucks of aid left Kharkiv.", doc_key="u")])
                done.set()

            threading.Thread(target=commit).start()
            assert done.wait(20)
        return real_load(path, dim)

    old_grace = vectors_mod.KEEP_OLD_SECONDS
    try:
        vectors_mod.VectorIndex.load = load_after_a_commit  # type: ignore[method-assign]
        assert reader.store.vectors().size == 4  # the state after both commits, read whole
    finally:
        vectors_mod.VectorIndex.load = real_load  # type: ignore[method-assign]
        vectors_mod.KEEP_OLD_SECONDS = old_grace
        reader.close()
    assert raced["done"]


def test_stats_survive_a_file_removed_while_listing(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus.ingest_documents([Document(text="Ten trucks of aid arrived in Kharkiv.", doc_key="t")])
    real_stat = Path.stat
    seen: set[str] = set()

    def removed_after_listing(self: Path, *args: object, **kwargs: object) -> os.stat_result:
        if self.name.startswith("vectors-"):  # there when listed and checked, gone when measured
            if self.name in seen:
                raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(self))
            seen.add(self.name)
        return real_stat(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "stat", removed_after_listing)
    assert corpus.stats()["claims"] == 1
    assert seen


# -- failed writes ---------------------------------------------------------------------------------------
def _full_disk_after(nbytes: int):  # type: ignore[no-untyped-def]
    """A ``write_file`` that writes ``nbytes`` and then finds the disk full, like a real one."""

    def write_file(path: Path, data: memoryview) -> None:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(fd, data[:nbytes])
        finally:
            os.close(fd)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    return write_file


def test_full_disk_is_one_line_and_leaves_no_temp_file(
    index_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Corpus(index_dir, embedder=FakeEmbedder(), create=True) as c:
        c.ingest([str(write(tmp_path / "a.md", ARTICLE))])
        before = (c.store.sql.counts(), c.store.generation, sorted(os.listdir(index_dir)))
    monkeypatch.setattr(vectors_mod, "write_file", _full_disk_after(100))
    with Corpus(index_dir, embedder=FakeEmbedder()) as c:
        with pytest.raises(StoreError) as err:
            c.ingest_documents([Document(text="Ten trucks of aid arrived in Kharkiv.", doc_key="t")])
        message = str(err.value)
        assert "\n" not in message and str(index_dir) in message and "no space left on device" in message
        assert (c.store.sql.counts(), c.store.generation, sorted(os.listdir(index_dir))) == before
    assert not list(index_dir.glob("*.tmp"))


def test_full_disk_in_sqlite_is_one_line(index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    with Corpus(index_dir, embedder=FakeEmbedder(), create=True) as c:
        monkeypatch.setattr(sqlite_mod.SqliteStore, "add_document", full)
        with pytest.raises(StoreError, match=r"cannot write to the index at .*: no space left on device"):
            c.ingest_documents([Document(text="Ten trucks of aid arrived in Kharkiv.", doc_key="t")])
        monkeypatch.undo()
        assert c.store.sql.counts()["claims"] == 0


def test_full_disk_through_the_cli_is_one_line(
    tmp_path: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from xcheck.cli.app import app

    monkeypatch.setattr(vectors_mod, "write_file", _full_disk_after(10))
    monkeypatch.setattr(corpus_mod, "make_embedder", lambda name: FakeEmbedder())
    r = CliRunner().invoke(app, ["ingest", str(write(tmp_path / "a.md", ARTICLE)), "--index", str(index_dir)])
    assert r.exit_code == 1
    lines = [line for line in r.stderr.splitlines() if line]
    assert len(lines) == 1 and "no space left on device" in lines[0] and "Traceback" not in r.output


# -- size amplification ----------------------------------------------------------------------------------
def test_a_repeated_sentence_is_stored_once_with_its_count(corpus: Corpus) -> None:
    text = " ".join(["Officials said 606 civilians have been killed in Kharkiv."] * 5000)
    report = corpus.ingest_documents([Document(text=text, doc_key="r", origin="r.txt")])
    assert report.claims == 1 and report.embedded == 1
    assert corpus.store.sql.db.execute("SELECT repeats FROM claims").fetchone()[0] == 5000
    assert any("4999 repeated sentence" in n for n in report.notes)


def test_a_run_on_line_is_split_into_bounded_claims() -> None:
    words = " ".join(f"word{i}" for i in range(3000))
    doc = Document(text=words, origin="run-on.txt")
    notes: list[str] = []
    claims = claims_of(doc, with_frames=False, notes=notes)
    assert len(claims) > 1 and all(len(c.text) <= MAX_CLAIM_CHARS for c in claims)
    assert all(doc.text[c.start : c.end] == c.text for c in claims)
    assert " ".join(c.text for c in claims) == words  # nothing lost, nothing cut inside a word
    assert any("split" in n for n in notes)
    no_spaces = "x" * (3 * MAX_CLAIM_CHARS + 5)
    pieces = corpus_mod._pieces(no_spaces, Span(0, len(no_spaces), no_spaces))
    assert [len(p.text) for p in pieces] == [MAX_CLAIM_CHARS] * 3 + [5]


def test_a_document_keeps_at_most_the_documented_number_of_claims() -> None:
    text = " ".join(f"Officials said {i} trucks arrived." for i in range(MAX_CLAIMS_PER_DOCUMENT + 10))
    notes: list[str] = []
    claims = claims_of(Document(text=text, origin="long.txt"), with_frames=False, notes=notes)
    assert len(claims) == MAX_CLAIMS_PER_DOCUMENT
    assert any(f"only the first {MAX_CLAIMS_PER_DOCUMENT}" in n for n in notes)


# -- commits during a long run ---------------------------------------------------------------------------
def test_a_long_run_commits_every_n_documents(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus_mod, "COMMIT_EVERY_DOCS", 3)
    docs = [Document(text=f"Officials said {i} trucks arrived.", doc_key=f"d{i}") for i in range(10)]
    generations: list[int] = []
    real = corpus_mod.Corpus._commit

    def counting(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        real(self, *args, **kwargs)
        generations.append(self.store.generation)

    monkeypatch.setattr(corpus_mod.Corpus, "_commit", counting)
    assert corpus.ingest_documents(docs).documents == 10
    assert generations == [1, 2, 3, 4]  # 3 + 3 + 3 + 1


def test_a_long_run_commits_every_t_seconds(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus_mod, "COMMIT_EVERY_SECONDS", 0.0)
    docs = [Document(text=f"Officials said {i} trucks arrived.", doc_key=f"d{i}") for i in range(4)]
    corpus.ingest_documents(docs)
    assert corpus.store.generation == 4


def test_a_killed_run_keeps_what_it_committed(index_dir: Path, tmp_path: Path) -> None:
    """A run killed part-way: the committed documents stay, and a resumed run skips them."""
    lines = [
        json.dumps({"id": str(i), "text": f"Officials said {i} trucks arrived in Kharkiv."})
        for i in range(40)
    ]
    data = write(tmp_path / "many.jsonl", "\n".join(lines))
    script = textwrap.dedent(
        """
        import os, signal, sys
        sys.path.insert(0, sys.argv[1])
        from tests.conftest import FakeEmbedder
        from xcheck import corpus
        corpus.COMMIT_EVERY_DOCS = 10
        real = corpus.Corpus._commit
        def commit_then_die(self, pending, *args, **kwargs):
            real(self, pending, *args, **kwargs)
            if self.store.generation == 2:
                os.kill(os.getpid(), signal.SIGKILL)  # killed right after the second commit
        corpus.Corpus._commit = commit_then_die
        with corpus.Corpus(sys.argv[2], embedder=FakeEmbedder(), create=True) as c:
            c.ingest([sys.argv[3]])
        """
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(REPO), str(index_dir), str(data)], timeout=60, capture_output=True
    )
    assert run.returncode == -9, run.stderr
    with Corpus(index_dir, embedder=FakeEmbedder()) as c:
        assert c.store.sql.counts()["documents"] == 20
        report = c.ingest([str(data)])
        assert (report.skipped, report.documents) == (20, 20)


# -- bad inputs ------------------------------------------------------------------------------------------
@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from xcheck.cli.app import app

    loads: list[str] = []

    def make(name: str | None = None) -> FakeEmbedder:
        loads.append(name or "")
        return FakeEmbedder()

    monkeypatch.setattr(corpus_mod, "make_embedder", make)
    runner = CliRunner()

    def run(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(app, list(args), catch_exceptions=False)

    run.loads = loads  # type: ignore[attr-defined]
    return run


def test_a_deeply_nested_jsonl_line_is_reported_and_the_batch_goes_on(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    deep = "[" * 1000 + "]" * 1000
    good = json.dumps({"id": "g", "text": "Officials said 606 civilians have been killed in Kharkiv."})
    folder = tmp_path / "in"
    write(folder / "a.jsonl", deep + "\n" + '{"text": ' * 1000 + "\n" + good + "\n")
    write(folder / "b.md", ARTICLE)
    idx = str(tmp_path / "idx")
    r = cli("ingest", str(folder), "--index", idx, "--json")
    assert r.exit_code == 1 and "Traceback" not in r.output
    errors = r.stderr.splitlines()
    assert f"{folder / 'a.jsonl'}:1: the JSON is nested too deeply" in errors[0]
    assert f"{folder / 'a.jsonl'}:2: " in errors[1] and len(errors) == 2
    assert json.loads(r.stdout)["documents"] == 2  # the good line and the good file
    checked = cli("check", str(folder), "--index", idx, "--json")
    assert checked.exit_code == 2 and "Traceback" not in checked.output


def _unblock_if_stuck(fifo: Path, thread: threading.Thread) -> None:
    if thread.is_alive():  # the reader is stuck opening the FIFO: give it a writer so the test ends
        fd = os.open(fifo, os.O_WRONLY)
        os.close(fd)
        thread.join(10)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_fifos_are_skipped_not_waited_for(tmp_path: Path) -> None:
    from xcheck.ingest.readers import read_inputs

    folder = tmp_path / "in"
    write(folder / "a.md", ARTICLE)
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(tmp_path / "named.md")
    got: list[object] = []
    thread = threading.Thread(
        target=lambda: got.extend(read_inputs([str(tmp_path / "named.md"), str(folder)])), daemon=True
    )
    thread.start()
    thread.join(10)
    stuck = thread.is_alive()
    _unblock_if_stuck(tmp_path / "named.md", thread)
    _unblock_if_stuck(folder / "pipe.txt", thread)
    assert not stuck, "reading stopped at a FIFO"
    failures = [g for g in got if not isinstance(g, Document)]
    docs = [g for g in got if isinstance(g, Document)]
    assert len(docs) == 1 and len(failures) == 2
    assert all("named pipe (FIFO), not a regular file; skipped" in f.message for f in failures)  # type: ignore[attr-defined]


def test_a_file_name_with_a_newline_gives_one_error_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    evil = write(tmp_path / "x\nxcheck: error: forged.md", "")
    r = cli("ingest", str(evil), "--index", str(tmp_path / "idx"))
    assert r.exit_code == 1
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and "x\\nxcheck: error: forged.md" in lines[0]


def test_nothing_to_ingest_does_not_load_the_model(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    empty = write(tmp_path / "empty.md", "")
    r = cli("ingest", str(empty), str(tmp_path / "missing.md"), "--index", str(tmp_path / "idx"))
    assert r.exit_code == 1 and "the file is empty" in r.stderr
    assert cli.loads == []
    a = write(tmp_path / "a.md", ARTICLE)
    assert cli("ingest", str(a), "--index", str(tmp_path / "idx")).exit_code == 0
    assert cli("ingest", str(a), "--index", str(tmp_path / "idx")).exit_code == 0  # unchanged: skipped
    assert len(cli.loads) == 1


def test_a_bad_lock_timeout_is_reported_before_the_model_loads(
    cli,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XCHECK_LOCK_TIMEOUT", "abc")
    a = write(tmp_path / "a.md", ARTICLE)
    for command in (["ingest"], ["check", "--add"]):
        r = cli(*command, str(a), "--index", str(tmp_path / "idx"))
        assert r.exit_code in (1, 2) and "XCHECK_LOCK_TIMEOUT must be a number" in r.stderr
    assert cli.loads == []


def test_model_turns_are_first_come_first_served() -> None:
    """A query waiting for the model gets the next turn, not after a long ingest's every turn."""
    turns = corpus_mod._Turns()
    order: list[str] = []
    ingest_has_turn = threading.Event()
    query_waiting = threading.Event()

    def ingest() -> None:
        for i in range(5):
            with turns:
                order.append(f"ingest{i}")
                ingest_has_turn.set()
                if i == 0:
                    assert query_waiting.wait(5)
                    time.sleep(0.1)  # the query is queued behind this turn

    def query() -> None:
        assert ingest_has_turn.wait(5)
        query_waiting.set()
        with turns:
            order.append("query")

    threads = [threading.Thread(target=ingest), threading.Thread(target=query)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert order.index("query") == 1, order


def test_an_interrupted_wait_does_not_block_later_turns() -> None:
    turns = corpus_mod._Turns()
    turns.__enter__()  # someone has the model
    real_wait = turns._cond.wait

    def interrupted(*args: object, **kwargs: object) -> bool:
        raise KeyboardInterrupt

    turns._cond.wait = interrupted  # type: ignore[method-assign]
    with pytest.raises(KeyboardInterrupt):
        turns.__enter__()  # a caller gives up while waiting for its turn
    turns._cond.wait = real_wait  # type: ignore[method-assign]
    turns.__exit__(None, None, None)
    done = threading.Event()

    def later() -> None:
        with turns:
            done.set()

    threading.Thread(target=later, daemon=True).start()
    assert done.wait(5), "the turn of the caller that gave up was never skipped"


def test_reading_pairs_never_writes(corpus: Corpus) -> None:
    """Issue 11: pairs() only reads; update_pairs() is the explicit write the CLI and service call."""
    corpus.ingest_documents(
        [
            Document(text="Officials said 606 civilians were killed in Kharkiv.", source="A", doc_key="a"),
            Document(text="Officials said 650 civilians were killed in Kharkiv.", source="B", doc_key="b"),
        ]
    )
    unpaired = corpus.store.sql.unpaired_claim_ids()
    assert corpus.pairs() == [] and corpus.clusters() == []
    assert corpus.store.sql.unpaired_claim_ids() == unpaired and unpaired  # nothing was written
    assert corpus.update_pairs() > 0
    # undated counts: a related pair, shown when asked for
    assert corpus.pairs(relation="related") and corpus.store.sql.unpaired_claim_ids() == []
