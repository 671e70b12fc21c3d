"""`xcheck docs` and `xcheck remove`: listing documents and removing them, crash-safe like ingest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xcheck.cli.app import app
from xcheck.corpus import Corpus
from xcheck.errors import InputError, StoreError
from xcheck.store import sqlite as sqlite_mod
from xcheck.store import vectors as vectors_mod
from xcheck.store.vectors import VectorIndex

from .conftest import FakeEmbedder, write
from .test_pairs_cli import ARTICLES
from .test_store import snapshot


def run(runner: CliRunner, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def idx(runner: CliRunner, tmp_path: Path) -> str:
    for name, text in ARTICLES.items():
        write(tmp_path / "in" / name, text)
    r = run(runner, "ingest", str(tmp_path / "in"), "--index", str(tmp_path / "idx"))
    assert r.exit_code == 0, r.output
    return str(tmp_path / "idx")


def test_docs_lists_every_document(runner: CliRunner, idx: str) -> None:
    docs = json.loads(run(runner, "docs", "--json", "--index", idx).stdout)
    assert [d["source"] for d in docs] == ["Danube Wire", "Kyiv Morning Post", "Northern Ledger"]
    for d in docs:
        assert set(d) >= {"id", "source", "published", "title", "claims", "undated"}
        assert d["claims"] >= 1
    table = run(runner, "docs", "--index", idx).stdout.splitlines()
    assert table[0].split() == ["id", "source", "published", "claims", "title"]
    assert "Early toll" in table[2] and "2022-04-08" in table[2]


def test_remove_takes_claims_vectors_pairs_and_clusters(runner: CliRunner, idx: str) -> None:
    pairs = json.loads(run(runner, "pairs", "--json", "--index", idx).stdout)
    docs = json.loads(run(runner, "docs", "--json", "--index", idx).stdout)
    kmp = next(d for d in docs if d["source"] == "Kyiv Morning Post")
    assert any(kmp["id"] in (p["a"]["doc_id"], p["b"]["doc_id"]) for p in pairs)
    clusters = json.loads(run(runner, "clusters", "--json", "--index", idx).stdout)
    assert any(c["source"] == "Kyiv Morning Post" for cl in clusters for c in cl["claims"])

    r = run(runner, "remove", str(kmp["id"]), "--index", idx)
    assert r.exit_code == 0, r.output
    assert r.stdout.strip() == f"removed 1 documents and {kmp['claims']} claims"

    left = json.loads(run(runner, "docs", "--json", "--index", idx).stdout)
    assert [d["id"] for d in left] == [d["id"] for d in docs if d["id"] != kmp["id"]]
    stats = json.loads(run(runner, "stats", "--json", "--index", idx).stdout)
    assert stats["claims"] == sum(d["claims"] for d in left)
    pairs = json.loads(run(runner, "pairs", "--json", "--index", idx).stdout)
    assert pairs and all(kmp["id"] not in (p["a"]["doc_id"], p["b"]["doc_id"]) for p in pairs)
    clusters = json.loads(run(runner, "clusters", "--json", "--index", idx).stdout)
    assert all(c["source"] != "Kyiv Morning Post" for cl in clusters for c in cl["claims"])
    hits = json.loads(run(runner, "query", "Kramatorsk killed", "-k", "50", "--json", "--index", idx).stdout)
    assert hits and all(h["doc_id"] != kmp["id"] for h in hits)
    with Corpus(idx, embedder=FakeEmbedder()) as c:
        assert c.store.vectors().size == stats["claims"]


def test_remove_unknown_id_removes_nothing(runner: CliRunner, idx: str) -> None:
    docs = json.loads(run(runner, "docs", "--json", "--index", idx).stdout)
    r = run(runner, "remove", str(docs[0]["id"]), "999", "--index", idx)
    assert r.exit_code == 1 and r.stderr.startswith("xcheck: error: no document with id 999")
    assert len(json.loads(run(runner, "docs", "--json", "--index", idx).stdout)) == len(docs)
    r = run(runner, "remove", "abc", "--index", idx)
    assert r.exit_code == 2


def test_re_ingest_after_remove_adds_the_document_again(runner: CliRunner, idx: str, tmp_path: Path) -> None:
    docs = json.loads(run(runner, "docs", "--json", "--index", idx).stdout)
    run(runner, "remove", str(docs[0]["id"]), "--index", idx)
    r = run(runner, "ingest", str(tmp_path / "in"), "--index", idx, "--json")
    assert json.loads(r.stdout)["documents"] == 1
    again = json.loads(run(runner, "docs", "--json", "--index", idx).stdout)[-1]
    r = run(runner, "remove", str(again["id"]), "--json", "--index", idx)
    assert json.loads(r.stdout) == {"documents": 1, "claims": again["claims"]}


@pytest.mark.parametrize("where", ["commit", "vector file"])
def test_a_crash_during_remove_leaves_the_index_as_it_was(
    idx: str, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    with Corpus(idx, embedder=FakeEmbedder()) as c:
        c.update_pairs()
        first = c.documents()[0]["id"]
        pairs_before = len(c.store.sql.pair_rows())
    before = snapshot(Path(idx))

    if where == "commit":

        def crash(self) -> None:  # type: ignore[no-untyped-def]
            raise KeyboardInterrupt  # stopped after the new vector file is on disk, before the commit

        monkeypatch.setattr(sqlite_mod.SqliteStore, "commit", crash)
    else:

        def crash(self, path):  # type: ignore[no-untyped-def]
            path.with_name(path.name + ".tmp").write_bytes(b"half a file")
            raise OSError("no space left on device")

        monkeypatch.setattr(VectorIndex, "write", crash)
    with Corpus(idx, embedder=FakeEmbedder()) as c, pytest.raises((KeyboardInterrupt, OSError, StoreError)):
        c.remove([first])
    monkeypatch.undo()
    monkeypatch.setattr(vectors_mod, "KEEP_OLD_SECONDS", 0.0)  # older generations go at once
    assert snapshot(Path(idx))[:2] == before[:2]
    with Corpus(idx, embedder=FakeEmbedder()) as c:
        assert len(c.store.sql.pair_rows()) == pairs_before
        assert c.remove([first])["documents"] == 1  # and the next writer goes on from there
    counts, size, files = snapshot(Path(idx))
    assert counts["claims"] == size and len(files) == 1


def test_remove_through_the_library(corpus: Corpus, tmp_path: Path) -> None:
    write(tmp_path / "a.md", ARTICLES["a.md"])
    corpus.ingest([str(tmp_path / "a.md")])
    with pytest.raises(InputError, match="no document with id 42"):
        corpus.remove([42])
    [doc] = corpus.documents()
    assert corpus.remove([doc["id"]]) == {"documents": 1, "claims": doc["claims"]}
    assert corpus.documents() == [] and corpus.store.vectors().size == 0
