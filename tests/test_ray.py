"""Ingest and pairing on Ray: a local Ray instance with 2 CPUs, started once for this module.

Every wait on Ray has a time limit (``XCHECK_RAY_TIMEOUT``); the workers embed with the fake model
(pickled to them from tests.conftest) and never touch the network.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import xcheck.distributed.ingest as ray_ingest_module
from xcheck.corpus import Corpus
from xcheck.distributed import cluster
from xcheck.distributed.ingest import ingest as ray_ingest
from xcheck.distributed.pairs import block_search
from xcheck.distributed.tasks import ModelSpec
from xcheck.errors import StoreError, UsageError
from xcheck.store.sqlite import DB_NAME

from .conftest import EXAMPLES, FakeEmbedder, write

FAKE = ModelSpec(FakeEmbedder.model_id, FakeEmbedder)
TIMEOUT = 120.0


@pytest.fixture(autouse=True)
def _bounded(monkeypatch: pytest.MonkeyPatch, local_ray: Any) -> None:
    monkeypatch.setenv(cluster.TIMEOUT_ENV, str(TIMEOUT))


def snapshot(index_dir: Path) -> dict[str, Any]:
    """Everything an index holds, by its ids: documents, claims with frames, pairs, vectors."""
    db = sqlite3.connect(index_dir / DB_NAME)
    try:
        docs = db.execute(
            "SELECT id, doc_key, sha256, source, title, url, published, origin, text "
            "FROM documents ORDER BY id"
        ).fetchall()
        claims = db.execute(
            "SELECT id, doc_id, position, start, end, text, text_hash, frame, part, repeats, paired "
            "FROM claims ORDER BY id"
        ).fetchall()
        pairs = db.execute("SELECT * FROM pairs ORDER BY a, b").fetchall()
        manifest = dict(db.execute("SELECT key, value FROM manifest").fetchall())
    finally:
        db.close()
    with Corpus(index_dir, embedder=FakeEmbedder()) as c:
        vectors = c.store.vectors()
        ids = sorted(vectors.all_ids().tolist())
        vecs = vectors.get(ids)
    manifest.pop("generation", None)  # how many commits it took is not content
    return {"docs": docs, "claims": claims, "pairs": pairs, "manifest": manifest, "ids": ids, "vecs": vecs}


def assert_same(a: dict[str, Any], b: dict[str, Any]) -> None:
    for key in ("docs", "claims", "pairs", "manifest", "ids"):
        assert a[key] == b[key], key
    assert np.array_equal(a["vecs"], b["vecs"])


def plain_index(path: Path, inputs: Sequence[str], *, pairs: bool = True) -> dict[str, Any]:
    with Corpus(path, embedder=FakeEmbedder(), create=True) as c:
        report = c.ingest(inputs)
        assert report.documents > 0 and not report.failed
        if pairs:
            c.update_pairs()
    return snapshot(path)


def test_ingest_on_ray_gives_the_same_index_as_a_plain_ingest(tmp_path: Path, local_ray: Any) -> None:
    expected = plain_index(tmp_path / "plain", [str(EXAMPLES)])
    with Corpus(tmp_path / "ray", embedder=FakeEmbedder(), create=True) as c:
        report = ray_ingest(c, [str(EXAMPLES)], model=FAKE)
        assert (report.documents, report.skipped, report.failed) == (12, 0, [])
        assert report.claims == len(expected["claims"])
        c.update_pairs()
        again = ray_ingest(c, [str(EXAMPLES)], model=FAKE)  # a rerun adds nothing
        assert (again.documents, again.skipped, again.embedded) == (0, 12, 0)
    got = snapshot(tmp_path / "ray")
    assert len(got["pairs"]) > 10
    assert_same(got, expected)


def test_small_batches_and_known_sentences_are_embedded_once(
    tmp_path: Path, local_ray: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many commits, many embedding tasks, texts shared across batches and with the index already."""
    monkeypatch.setattr(ray_ingest_module, "COMMIT_EVERY_DOCS", 3)
    monkeypatch.setattr(ray_ingest_module, "EMBED_CHUNK", 7)
    monkeypatch.setattr(ray_ingest_module, "DOCS_PER_TASK", 2)
    first, rest = sorted(EXAMPLES.iterdir())[:2], sorted(EXAMPLES.iterdir())[2:]
    inputs = [str(p) for p in first + rest]
    expected = plain_index(tmp_path / "plain", inputs, pairs=False)
    with Corpus(tmp_path / "ray", embedder=FakeEmbedder(), create=True) as c:
        ray_ingest(c, [str(p) for p in first], model=FAKE)
        report = ray_ingest(c, [str(p) for p in rest], model=FAKE)
    got = snapshot(tmp_path / "ray")
    assert_same(got, expected)
    texts = {row[5] for row in got["claims"] if row[1] > 2}  # claims of the second call's documents
    assert report.embedded <= len(texts)


def _dying_embedder(marker: str) -> FakeEmbedder:
    """A fake model whose first batch kills its worker process (once: the marker file remembers)."""

    class Dying(FakeEmbedder):
        def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
            if texts and not os.path.exists(marker):
                Path(marker).write_text(str(os.getpid()))
                os._exit(1)  # the worker dies in the middle of its task
            return super().embed_batch(texts)

    return Dying()


def test_a_worker_killed_mid_batch_ends_in_the_same_index(
    tmp_path: Path, local_ray: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ray_ingest_module, "EMBED_CHUNK", 16)  # several embedding tasks in flight
    monkeypatch.setattr(ray_ingest_module, "DOCS_PER_TASK", 2)
    expected = plain_index(tmp_path / "plain", [str(EXAMPLES)])
    marker = tmp_path / "killed"
    spec = ModelSpec(FakeEmbedder.model_id, functools.partial(_dying_embedder, str(marker)))
    with Corpus(tmp_path / "ray", embedder=FakeEmbedder(), create=True) as c:
        report = ray_ingest(c, [str(EXAMPLES)], model=spec)
        c.update_pairs()
    assert marker.exists()  # a worker did die
    assert report.documents == 12
    assert_same(snapshot(tmp_path / "ray"), expected)


def test_a_driver_that_stops_mid_run_loses_no_commit_and_a_rerun_duplicates_nothing(
    tmp_path: Path, local_ray: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = plain_index(tmp_path / "plain", [str(EXAMPLES)])
    monkeypatch.setattr(ray_ingest_module, "COMMIT_EVERY_DOCS", 4)
    real = Corpus.commit_prepared
    calls = []

    def failing(self: Corpus, *args: Any, **kwargs: Any) -> None:
        calls.append(1)
        if len(calls) == 2:
            raise StoreError("the disk went away")
        real(self, *args, **kwargs)

    with Corpus(tmp_path / "ray", embedder=FakeEmbedder(), create=True) as c:
        monkeypatch.setattr(Corpus, "commit_prepared", failing)
        with pytest.raises(StoreError):
            ray_ingest(c, [str(EXAMPLES)], model=FAKE)
        assert c.store.sql.counts()["documents"] == 4  # the first commit stands
        monkeypatch.setattr(Corpus, "commit_prepared", real)
        report = ray_ingest(c, [str(EXAMPLES)], model=FAKE)
        assert (report.documents, report.skipped) == (8, 4)
        c.update_pairs()
    assert_same(snapshot(tmp_path / "ray"), expected)


def test_failures_and_stdin_are_read_as_in_a_plain_ingest(tmp_path: Path, local_ray: Any) -> None:
    import io

    folder = tmp_path / "in"
    write(folder / "a.txt", "---\nsource: A\npublished: 2022-06-01\n---\nAt least 12 people were killed.")
    write(folder / "bad.jsonl", '{"text": "Ten people died in Kyiv on Monday."}\nnot json\n')
    write(folder / "empty.txt", "")
    (tmp_path / "nothing").mkdir()
    inputs = [str(folder), "-", str(tmp_path / "nothing"), str(tmp_path / "missing.txt")]
    stdin = b"Twenty people fled the city on Friday."
    with Corpus(tmp_path / "plain", embedder=FakeEmbedder(), create=True) as c:
        plain = c.ingest(inputs, stdin=io.BytesIO(stdin))
    with Corpus(tmp_path / "ray", embedder=FakeEmbedder(), create=True) as c:
        got = ray_ingest(c, inputs, model=FAKE, stdin=io.BytesIO(stdin))
    assert got.failed == plain.failed and len(got.failed) == 4
    assert (got.documents, got.claims, got.notes) == (plain.documents, plain.claims, plain.notes)
    assert_same(snapshot(tmp_path / "ray"), snapshot(tmp_path / "plain"))


def test_pairs_on_ray_in_blocks_are_those_of_a_plain_search(tmp_path: Path, local_ray: Any) -> None:
    expected = plain_index(tmp_path / "plain", [str(EXAMPLES)])
    with Corpus(tmp_path / "ray", embedder=FakeEmbedder(), create=True) as c:
        c.ingest([str(EXAMPLES)])
        judged = c.update_pairs(search=block_search(local_ray, block=16))  # 9 blocks of 16 claims
        assert judged > 0
    assert_same(snapshot(tmp_path / "ray"), expected)


def test_cli_ingest_and_pairs_with_ray(runner: Any, tmp_path: Path, local_ray: Any) -> None:
    from xcheck.cli.app import app

    plain = runner.invoke(app, ["ingest", str(EXAMPLES), "--index", "plain", "--json"])
    got = runner.invoke(app, ["ingest", str(EXAMPLES), "--index", "dist", "--ray", "--json"])
    assert got.exit_code == 0, got.output
    a, b = json.loads(plain.stdout), json.loads(got.stdout)
    a.pop("seconds"), b.pop("seconds")
    assert a == b and b["documents"] == 12
    plain_pairs = runner.invoke(app, ["pairs", "--index", "plain", "--json"])
    ray_pairs = runner.invoke(app, ["pairs", "--index", "dist", "--ray-address", "local", "--json"])
    assert ray_pairs.exit_code == 0, ray_pairs.output
    assert json.loads(ray_pairs.stdout) == json.loads(plain_pairs.stdout) != []


def test_cli_an_empty_ray_address_is_a_usage_error(runner: Any) -> None:
    got = runner.invoke(app_(), ["ingest", str(EXAMPLES), "--ray-address", " "])
    assert got.exit_code == 2
    assert "--ray-address" in got.stderr and "Traceback" not in got.output


def test_without_ray_installed_the_message_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "ray", None)  # import ray raises ImportError
    with pytest.raises(UsageError, match=r"xcheck\[ray\]"), cluster.connect("local"):
        pass


def app_() -> Any:
    from xcheck.cli.app import app

    return app


def snapshot_real(index_dir: Path) -> dict[str, Any]:
    db = sqlite3.connect(index_dir / DB_NAME)
    try:
        rows = db.execute(
            "SELECT c.id, d.sha256, c.start, c.end, c.text, c.frame, c.part FROM claims c "
            "JOIN documents d ON d.id = c.doc_id ORDER BY c.id"
        ).fetchall()
        manifest = {
            k: v for k, v in db.execute("SELECT key, value FROM manifest") if k in ("model_id", "dim")
        }
    finally:
        db.close()
    with Corpus(index_dir) as c:
        vectors = c.store.vectors()
        vecs = vectors.get([r[0] for r in rows])
    return {"rows": rows, "manifest": manifest, "vecs": vecs}


def test_a_local_instance_of_its_own_gives_the_workers_an_offline_hub(tmp_path: Path) -> None:
    """``connect("local")`` in a fresh process: its workers see HF_HUB_OFFLINE=1 although the
    driver's environment does not set it; the instance is shut down at the end."""
    import subprocess
    import sys

    script = (
        "import os\n"
        "from xcheck.distributed import cluster\n"
        "def env():\n"
        "    return os.environ.get('HF_HUB_OFFLINE'), os.environ.get('TRANSFORMERS_OFFLINE')\n"
        "with cluster.connect('local', num_cpus=1) as ray:\n"
        "    print(cluster.get(ray, cluster.remote(ray, env).remote(), timeout=60))\n"
        "print(ray.is_initialized())\n"
    )
    environ = {k: v for k, v in os.environ.items() if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=environ, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split("\n")[:2] == ["('1', '1')", "False"]


@pytest.mark.integration
def test_cli_ingest_with_ray_and_the_bundled_model_matches_a_plain_ingest(
    tmp_path: Path, local_ray: Any
) -> None:
    """`xcheck ingest --ray` as a user runs it, in a process of its own: it starts and stops a local
    instance, whose workers load the bundled model from their install (the driver's environment does
    not even say offline). The same rows as a plain ingest, the vectors up to float rounding, and the
    same pairs when the search runs in blocks on Ray."""
    import subprocess
    import sys

    with Corpus(tmp_path / "plain", create=True) as c:
        plain = c.ingest([str(EXAMPLES)])
        c.update_pairs()
        plain_pairs = [(p.a.claim_id, p.b.claim_id, p.relation) for p in c.pairs()]
    environ = {k: v for k, v in os.environ.items() if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
    done = subprocess.run(
        [sys.executable, "-m", "xcheck", "ingest", str(EXAMPLES), "--index", "dist", "--ray", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env=environ,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    got = json.loads(done.stdout)
    want = plain.to_dict()
    got.pop("seconds"), want.pop("seconds")
    assert got == want and got["documents"] == 12
    a, b = snapshot_real(tmp_path / "plain"), snapshot_real(tmp_path / "dist")
    assert a["rows"] == b["rows"] and a["manifest"] == b["manifest"]
    assert np.allclose(a["vecs"], b["vecs"], atol=1e-5)
    with Corpus(tmp_path / "dist") as c:
        c.update_pairs(search=block_search(local_ray))
        assert [(p.a.claim_id, p.b.claim_id, p.relation) for p in c.pairs()] == plain_pairs != []
