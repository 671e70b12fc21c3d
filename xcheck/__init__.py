"""xcheck: cross-check facts across news sources.

The library returns data and never prints; ``Corpus`` is the entry point.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
