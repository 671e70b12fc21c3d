"""Fail when the installed torch is a CUDA build: xcheck runs on the CPU and the CUDA build costs ~3 GB.

`make setup` runs this after installing. A CPU build has ``torch.version.cuda is None`` and no
``nvidia-*`` distributions beside it; checking ``torch.cuda.is_available()`` instead would pass on any
machine without a GPU, CUDA build or not.
"""

from __future__ import annotations

import importlib.metadata
import sys
from collections.abc import Iterable


def cuda_build_problems(
    torch_version: str, cuda_version: str | None, distributions: Iterable[str]
) -> list[str]:
    """What shows that torch ``torch_version`` (built for ``cuda_version``) is not the CPU build."""
    problems = []
    if cuda_version is not None:
        problems.append(f"torch {torch_version} is built for CUDA {cuda_version}")
    nvidia = sorted({d for d in distributions if d.lower().replace("_", "-").startswith("nvidia-")})
    if nvidia:
        shown = ", ".join(nvidia[:3]) + (", ..." if len(nvidia) > 3 else "")
        problems.append(f"{len(nvidia)} nvidia-* packages are installed ({shown})")
    return problems


def main() -> int:
    import torch

    names = [d.metadata["Name"] or "" for d in importlib.metadata.distributions()]
    problems = cuda_build_problems(torch.__version__, torch.version.cuda, names)
    if problems:
        print(
            "error: a CUDA build of torch was installed: "
            + "; ".join(problems)
            + ". Install the CPU build first (see the README, 'Installing without make').",
            file=sys.stderr,
        )
        return 1
    print(f"torch {torch.__version__}: CPU build")
    return 0


if __name__ == "__main__":
    sys.exit(main())
