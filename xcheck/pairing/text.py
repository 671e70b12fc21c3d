"""Words of a claim as the judgement compares them: re-exported from :mod:`xcheck.claims.words`, where
they are read at extraction time (the judge compares the stored words of two frames)."""

from __future__ import annotations

from ..claims.words import (
    MONTHS,
    NEGATORS,
    SPEAKER_WORDS,
    STOP,
    WORD,
    content_list,
    content_words,
    jaccard,
    norm_text,
    stem,
)

__all__ = [
    "MONTHS",
    "NEGATORS",
    "SPEAKER_WORDS",
    "STOP",
    "WORD",
    "content_list",
    "content_words",
    "jaccard",
    "norm_text",
    "stem",
]
