"""xcheck: cross-check facts across news sources.

The library returns data and never prints; ``Corpus`` is the entry point.
"""

from __future__ import annotations

from ._blas import choose_kernels

choose_kernels()  # before anything loads FAISS's OpenBLAS: see xcheck/_blas.py

__version__ = "0.1.0"

__all__ = ["__version__"]
