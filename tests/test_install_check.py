"""The install check of `make setup` catches a CUDA build of torch, on a machine with or without a GPU."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

from .conftest import REPO

_spec = importlib.util.spec_from_file_location("check_torch", REPO / "scripts" / "check_torch.py")
assert _spec and _spec.loader
check_torch = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_torch)


def test_a_cuda_build_is_caught_even_without_a_gpu() -> None:
    # what `pip install .` resolves on Linux without the CPU wheel: torch built for CUDA plus nvidia-* wheels
    problems = check_torch.cuda_build_problems(
        "2.13.0", "12.8", ["torch", "nvidia-cublas-cu12", "nvidia_cudnn_cu12", "numpy"]
    )
    assert problems == [
        "torch 2.13.0 is built for CUDA 12.8",
        "2 nvidia-* packages are installed (nvidia-cublas-cu12, nvidia_cudnn_cu12)",
    ]
    assert check_torch.cuda_build_problems("2.13.0", None, ["nvidia-nccl-cu12"])  # leftovers alone too


def test_the_cpu_build_passes() -> None:
    assert check_torch.cuda_build_problems("2.13.0+cpu", None, ["torch", "numpy", "faiss-cpu"]) == []


def test_this_environment_has_the_cpu_build() -> None:
    r = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "check_torch.py")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("torch ") and "CPU build" in r.stdout
