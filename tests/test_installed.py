"""The package as a user installs it: a wheel, used outside the repository, with the real model."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """xcheck built as a wheel from a copy of the sources and unpacked into a folder of its own."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, src / name)
    shutil.copytree(REPO / "xcheck", src / "xcheck", ignore=shutil.ignore_patterns("__pycache__"))
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            ".",
        ],
        cwd=src,
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = dist.glob("xcheck-*.whl")
    site = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    return site


def test_wheel_ships_the_sample_corpus(installed: Path) -> None:
    shipped = sorted(p.name for p in (installed / "xcheck" / "data" / "examples").iterdir())
    assert shipped == sorted(p.name for p in (REPO / "examples").iterdir())


def test_demo_runs_from_an_installed_package_outside_the_repository(installed: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XCHECK_")}
    env.update(PYTHONPATH=str(installed), XDG_CACHE_HOME=str(tmp_path / "cache"), HF_HUB_OFFLINE="1")
    where = subprocess.run(
        [sys.executable, "-c", "import xcheck; print(xcheck.__file__)"],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert where.stdout.strip() == str(installed / "xcheck" / "__init__.py")
    r = subprocess.run(
        [sys.executable, "-m", "xcheck", "demo"],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "Query: " in r.stdout and "conflicts across sources" in r.stdout
    assert "12 documents" in r.stdout
    # no progress bar ("Loading weights") and nothing else on stderr without a terminal
    assert r.stderr == ""
    assert not (elsewhere / "index").exists()  # the demo keeps to its own index
    assert (tmp_path / "cache" / "xcheck" / "demo-index" / "xcheck.sqlite").is_file()
