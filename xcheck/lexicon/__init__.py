"""Word lists the judgement and extraction read, kept as data files in this folder, one copy each.

Each ``<name>.txt`` holds one entry per line; ``#`` starts a comment. Adding an entry is one line in the
file and a test row; nothing else changes. :func:`words` loads a list once per process.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["words"]


@cache
def words(name: str) -> frozenset[str]:
    """The entries of ``xcheck/lexicon/<name>.txt``, lower-cased."""
    text = resources.files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    out = set()
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip().lower()
        if entry:
            out.add(entry)
    return frozenset(out)
