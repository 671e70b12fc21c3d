"""`xcheck check`: new articles against the corpus, linter-style exit codes, --add, JSON Lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import xcheck.corpus
from xcheck.check import check_documents
from xcheck.cli.app import app
from xcheck.corpus import EMBED_TURN, Corpus
from xcheck.ingest.readers import read_inputs

from .conftest import FakeEmbedder, write

CORPUS_ARTICLE = """---
title: Kharkiv toll
source: Northern Ledger
published: 2022-06-13
---
Officials said 606 civilians have been killed in the Kharkiv region since February 24.

Ukraine is not a party to the Convention on Cluster Munitions.
"""
AGREES = """---
title: Kharkiv toll confirmed
source: Danube Wire
published: 2022-06-13
---
Officials said hundreds of civilians have been killed in the Kharkiv region since February 24.
"""
CONFLICTS = """---
title: Treaty error
source: Adriatic Observer
published: 2022-06-14
---
Ukraine is a state party to the Convention on Cluster Munitions.
"""


@pytest.fixture
def indexed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(xcheck.corpus, "make_embedder", lambda name=None: FakeEmbedder())
    idx = tmp_path / "idx"
    with Corpus(idx, embedder=FakeEmbedder(), create=True) as c:
        c.ingest([str(write(tmp_path / "corpus" / "a.md", CORPUS_ARTICLE))])
    return idx


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_corroboration_found_and_exit_zero(indexed: Path, tmp_path: Path) -> None:
    new = write(tmp_path / "new" / "agrees.md", AGREES)
    r = run("check", str(new), "--index", str(indexed), "--json")
    assert r.exit_code == 0, r.output
    [line] = r.stdout.splitlines()
    result = json.loads(line)
    assert result["document"]["source"] == "Danube Wire"
    assert result["conflicts"] == 0 and result["corroborations"] >= 1
    # the headline "Kharkiv toll confirmed" is a claim too; the sentence is the one the corpus backs
    [claim] = [c for c in result["claims"] if c["corroborating"]]
    match = claim["corroborating"][0]
    assert match["relation"] == "consistent" and match["source"] == "Northern Ledger"
    assert match["reason"].startswith("killed: 606 vs hundreds")


def test_conflict_gives_exit_one_and_names_the_cue(indexed: Path, tmp_path: Path) -> None:
    new = write(tmp_path / "new" / "conflicts.md", CONFLICTS)
    r = run("check", str(new), "--index", str(indexed))
    assert r.exit_code == 1
    assert "CONFLICT" in r.stdout and "Ukraine" in r.stdout
    assert run("check", str(new), "--index", str(indexed), "--exit-zero").exit_code == 0


def test_not_added_unless_asked(indexed: Path, tmp_path: Path) -> None:
    new = write(tmp_path / "new" / "agrees.md", AGREES)
    run("check", str(new), "--index", str(indexed))
    assert json.loads(run("stats", "--json", "--index", str(indexed)).stdout)["documents"] == 1
    r = run("check", str(new), "--index", str(indexed), "--add")
    assert r.exit_code == 0 and "added: 1 documents" in r.stdout
    assert json.loads(run("stats", "--json", "--index", str(indexed)).stdout)["documents"] == 2


def test_add_reuses_the_check_embeddings(tmp_path: Path) -> None:
    fake = FakeEmbedder()
    with Corpus(tmp_path / "idx", embedder=fake, create=True) as c:
        c.ingest([str(write(tmp_path / "a.md", CORPUS_ARTICLE))])
        before = len(fake.embedded)
        items = list(read_inputs([str(write(tmp_path / "b.md", AGREES))]))
        result = check_documents(c, items, add=True)
        assert result.added is not None and result.added.documents == 1
        # headline and sentence: embedded for the check, reused for the add
        assert len(fake.embedded) - before == 2


def test_input_errors_exit_two_and_the_rest_is_checked(indexed: Path, tmp_path: Path) -> None:
    good = write(tmp_path / "new" / "agrees.md", AGREES)
    bad = write(tmp_path / "new" / "bad.txt", b"\x00\x01binary")
    r = run("check", str(good), str(bad), "--index", str(indexed), "--json")
    assert r.exit_code == 2
    assert f"{bad}: this looks like a binary file" in r.stderr
    assert len(r.stdout.splitlines()) == 1  # the good article was still checked


def test_usage_error_exits_two(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xcheck.corpus, "make_embedder", lambda name=None: FakeEmbedder())
    r = run("check", str(write(tmp_path / "a.md", AGREES)), "--index", str(tmp_path / "missing"))
    assert r.exit_code == 2 and "no index at" in r.stderr
    assert run("check", "--no-such-option", "x").exit_code == 2


def test_many_articles_in_one_batched_call(tmp_path: Path) -> None:
    fake = FakeEmbedder()
    calls: list[int] = []
    real = fake.embed_batch

    def counting(texts):  # type: ignore[no-untyped-def]
        calls.append(len(texts))
        return real(texts)

    with Corpus(tmp_path / "idx", embedder=fake, create=True) as c:
        c.ingest([str(write(tmp_path / "a.md", CORPUS_ARTICLE))])
        fake.embed_batch = counting  # type: ignore[method-assign]
        lines = [
            json.dumps({"id": str(i), "text": f"Officials said {600 + i} civilians were killed in Kharkiv."})
            for i in range(300)
        ]
        items = list(read_inputs([str(write(tmp_path / "many.jsonl", "\n".join(lines)))]))
        result = check_documents(c, items)
    assert len(result.articles) == 300
    # 300 claims in full model batches across articles (the model is taken in turns of EMBED_TURN)
    assert sum(calls) == 300 and len(calls) == -(-300 // EMBED_TURN)


def test_a_new_article_loses_its_outlet_furniture_as_indexed_ones_do(tmp_path: Path) -> None:
    fake = FakeEmbedder()
    with Corpus(tmp_path / "idx", embedder=fake, create=True) as c:
        for n in range(1, 7):
            body = f"0{n}.05.22 10:1{n} - Rescuers worked all night in Kharkiv, day {n}. Read more here."
            c.ingest(
                [
                    str(
                        write(
                            tmp_path / f"p{n}.md",
                            f"---\nsource: Plain Post\npublished: 2022-05-0{n}\n---\n{body}\n",
                        )
                    )
                ]
            )
        new = write(
            tmp_path / "new.md",
            "---\nsource: Plain Post\npublished: 2022-05-09\n---\n"
            "09.05.22 11:11 - Twelve people were killed in the city of Kharkiv. Read more here.\n",
        )
        result = check_documents(c, list(read_inputs([str(new)])), add=False)
        texts = [cl["text"] for cl in result.articles[0].claims]
        assert texts == ["Twelve people were killed in the city of Kharkiv."]
