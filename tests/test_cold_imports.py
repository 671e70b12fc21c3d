"""Commands that need no model import no model library, and those that search no vectors no FAISS.
Help, usage errors, `stats` and a missing file import neither rich, pydantic nor numpy either.

Each command runs in a fresh interpreter; an exit hook prints which heavy modules were imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from xcheck.corpus import Corpus

from .conftest import EXAMPLES, REPO, FakeEmbedder

MODEL_LIBS = ("torch", "sentence_transformers", "transformers", "onnxruntime", "tokenizers")
HEAVY = (*MODEL_LIBS, "faiss")
# What typer would import to render help (rich) and to convert arguments (pydantic), and numpy: about
# 0.4 s of a start that needs none of them (README, "Fast start").
START = ("rich", "pydantic", "numpy")


def driver(watched: tuple[str, ...]) -> str:
    return (
        "import atexit, json, sys\n"
        "atexit.register(lambda: sys.stderr.write('\\nIMPORTED ' + json.dumps("
        f"sorted(m for m in {watched!r} if m in sys.modules)) + '\\n'))\n"
        "from xcheck.cli.app import main\n"
        "sys.argv = ['xcheck', *sys.argv[1:]]\n"
        "main()\n"
    )


def imported(args: list[str], cwd: Path, watched: tuple[str, ...] = HEAVY) -> tuple[int, set[str], str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "XCHECK_LOCK_TIMEOUT": "2"}
    env.pop("XCHECK_BACKEND", None)
    done = subprocess.run(
        [sys.executable, "-c", driver(watched), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    line = [ln for ln in done.stderr.splitlines() if ln.startswith("IMPORTED ")][-1]
    return done.returncode, set(json.loads(line.removeprefix("IMPORTED "))), done.stderr


def assert_imports_none(args: list[str], code: int, index: Path, cwd: Path, watched: tuple[str, ...]) -> None:
    """``xcheck ARGS`` (on ``index`` when the command reads one) exits with ``code`` and imports none of
    ``watched``."""
    needs_index = args[0] in ("stats", "docs", "pairs", "clusters", "report")
    full = [*args, "--index", str(index)] if needs_index else args
    rc, mods, err = imported(full, cwd, watched)
    assert rc == code, err
    assert not mods, f"xcheck {' '.join(args)} imported {sorted(mods)}"


@pytest.fixture(scope="module")
def paired_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index with claims, already paired (so reading pairs searches no vectors)."""
    idx = tmp_path_factory.mktemp("cold") / "idx"
    with Corpus(idx, embedder=FakeEmbedder(), create=True) as c:
        c.ingest([str(EXAMPLES)])
        c.update_pairs()
    return idx


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--help"], 0),
        (["--version"], 0),
        (["ingest", "--help"], 0),
        (["stats"], 0),
        (["stats", "--json"], 0),
        (["docs"], 0),
        (["pairs"], 0),
        (["pairs", "--json"], 0),
        (["clusters"], 0),
        (["report", "--format", "md"], 0),
        (["query"], 2),  # a missing argument
        (["ingest", "--no-such-option", "x.txt"], 2),
        (["pairs", "--relation", "nonsense"], 2),
    ],
)
def test_no_heavy_import(args: list[str], code: int, paired_index: Path, tmp_path: Path) -> None:
    assert_imports_none(args, code, paired_index, tmp_path, HEAVY)


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--help"], 0),
        (["--version"], 0),
        (["ingest", "--help"], 0),
        (["stats"], 0),
        (["docs", "--json"], 0),
        (["query"], 2),  # a missing argument
        (["query", "x", "-k", "0"], 2),  # a value out of range: converted without pydantic
        (["ingest", "--no-such-option", "x.txt"], 2),
    ],
)
def test_plain_start(args: list[str], code: int, paired_index: Path, tmp_path: Path) -> None:
    assert_imports_none(args, code, paired_index, tmp_path, START)


def test_missing_file_and_missing_index_load_nothing(tmp_path: Path) -> None:
    args = ["ingest", str(tmp_path / "missing.txt"), "--index", str(tmp_path / "i")]
    rc, mods, err = imported(args, tmp_path, (*HEAVY, *START))
    assert rc == 1 and "missing.txt: no such file" in err
    assert not mods
    rc, mods, err = imported(["query", "killed", "--index", str(tmp_path / "nowhere")], tmp_path)
    assert rc == 1 and "no index at" in err
    assert not mods


def test_unchanged_reingest_loads_no_model(tmp_path: Path) -> None:
    idx = tmp_path / "idx"
    article = EXAMPLES / "northern-ledger-kharkiv.md"
    with Corpus(idx, embedder=FakeEmbedder(), create=True) as c:
        c.ingest([str(article)])
    rc, mods, err = imported(["ingest", str(article), "--index", str(idx), "--json"], tmp_path)
    assert rc == 0, err
    assert not (mods & set(MODEL_LIBS)), f"re-ingest imported {sorted(mods)}"


@pytest.mark.integration
def test_query_with_the_default_backend_imports_no_torch(tmp_path: Path) -> None:
    idx = tmp_path / "idx"
    with Corpus(idx, create=True) as c:  # the real default backend (ONNX)
        c.ingest([str(EXAMPLES / "northern-ledger-kharkiv.md")])
    rc, mods, err = imported(["query", "civilians killed in Kharkiv", "--index", str(idx)], tmp_path)
    assert rc == 0, err
    assert "onnxruntime" in mods and "faiss" in mods
    assert not mods & {"torch", "sentence_transformers", "transformers"}, sorted(mods)
