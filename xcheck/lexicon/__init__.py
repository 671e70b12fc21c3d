"""Word lists the judgement and extraction read, kept as data files in this folder, one copy each.

Each ``<name>.txt`` holds one entry per line; ``#`` starts a comment. Adding an entry is one line in the
file and a test row; nothing else changes. :func:`words` loads a list once per process.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["table", "words"]


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


@cache
def table(name: str) -> dict[str, tuple[str, ...]]:
    """``xcheck/lexicon/<name>.txt`` read as ``key: entry | entry | …`` lines (entries lower-cased)."""
    text = resources.files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    out: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        key, _, rest = line.partition(":")
        out[key.strip()] = tuple(e.strip().lower() for e in rest.split("|") if e.strip())
    return out
