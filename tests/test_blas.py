"""OpenBLAS kernel choice for CPUs it cannot identify."""

from __future__ import annotations

from pathlib import Path

import pytest

from xcheck import _blas

AVX512 = {"sse2", "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"}


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        (AVX512, "SkylakeX"),
        ({"sse2", "avx", "avx2", "fma"}, "Haswell"),
        ({"sse2", "avx", "avx2"}, None),  # no FMA: leave it to OpenBLAS
        ({"avx512f", "avx2"}, None),  # AVX-512 foundation alone is not enough for either
        (set(), None),
    ],
)
def test_coretype_for(flags: set[str], expected: str | None) -> None:
    assert _blas.coretype_for(frozenset(flags)) == expected


def test_cpu_flags_reads_the_first_flags_line(tmp_path: Path) -> None:
    info = tmp_path / "cpuinfo"
    info.write_text(
        "processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Processor @ 2.60GHz\nflags\t\t: fpu avx2 fma\n"
    )
    assert _blas.cpu_flags(info) == {"fpu", "avx2", "fma"}
    assert _blas.cpu_flags(tmp_path / "missing") == frozenset()


def test_choose_kernels_sets_the_variable_only_when_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_blas.platform, "machine", lambda: "x86_64")
    monkeypatch.setattr(_blas, "cpu_flags", lambda: frozenset(AVX512))
    env: dict[str, str] = {}
    assert _blas.choose_kernels(env) == "SkylakeX"
    assert env == {"OPENBLAS_CORETYPE": "SkylakeX"}
    mine = {"OPENBLAS_CORETYPE": "Haswell"}
    assert _blas.choose_kernels(mine) is None
    assert mine == {"OPENBLAS_CORETYPE": "Haswell"}


def test_choose_kernels_leaves_other_machines_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_blas.platform, "machine", lambda: "aarch64")
    monkeypatch.setattr(_blas, "cpu_flags", lambda: frozenset(AVX512))
    env: dict[str, str] = {}
    assert _blas.choose_kernels(env) is None and env == {}
