"""Pick OpenBLAS's CPU kernels when it cannot tell the CPU itself.

The OpenBLAS inside the faiss-cpu wheels chooses its matrix kernels by CPU model. On virtual machines
that report a generic model ("Intel(R) Xeon(R) Processor @ 2.60GHz") it falls back to its slowest
generic kernels, and FAISS's exact search runs several times slower than it should (measured here: a
4,096 x 69,077 search took 10.3 s, and 1.5 s with the AVX-512 kernels). OpenBLAS reads
``OPENBLAS_CORETYPE`` when it loads, so this module sets it, before anything loads FAISS, to the
kernels the CPU's instruction-set flags can run, unless the user has set it.
"""

from __future__ import annotations

import os
import platform
from pathlib import Path

_AVX512 = frozenset({"avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"})
_AVX2 = frozenset({"avx2", "fma"})


def coretype_for(flags: set[str] | frozenset[str]) -> str | None:
    """The OpenBLAS core type whose kernels these CPU flags can run, or None to leave the choice to it."""
    if _AVX512.issubset(flags):
        return "SkylakeX"
    if _AVX2.issubset(flags):
        return "Haswell"
    return None


def cpu_flags(cpuinfo: Path = Path("/proc/cpuinfo")) -> frozenset[str]:
    """The instruction-set flags of the first CPU in ``/proc/cpuinfo`` (empty where there is none)."""
    try:
        with cpuinfo.open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.startswith("flags"):
                    return frozenset(line.partition(":")[2].split())
    except OSError:
        pass
    return frozenset()


def choose_kernels(environ: os._Environ[str] | dict[str, str] = os.environ) -> str | None:
    """Set ``OPENBLAS_CORETYPE`` for this process if it is unset and the CPU is x86-64 with AVX2 or
    AVX-512; returns the value set, or None."""
    if "OPENBLAS_CORETYPE" in environ or platform.machine().lower() not in ("x86_64", "amd64"):
        return None
    coretype = coretype_for(cpu_flags())
    if coretype is not None:
        environ["OPENBLAS_CORETYPE"] = coretype
    return coretype
