"""Words of a sentence as the judgement compares them: content words, crude stems, normalised text.

Read at extraction time (:mod:`xcheck.claims.cues`), so that the judge compares stored words and never
re-reads a sentence. The word lists are data in :mod:`xcheck.lexicon` (``stop_words``, ``negators``,
``speaker_words``), one copy each.
"""

from __future__ import annotations

import re

from xcheck import lexicon
from xcheck.claims import vocab
from xcheck.ingest.dates import MONTH_NUMBERS

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

NEGATORS = lexicon.words("negators")
STOP = frozenset([*vocab.ARTICLES, *vocab.BE, *vocab.HAVE, *lexicon.words("stop_words")])
SPEAKER_WORDS = lexicon.words("speaker_words")
MONTHS = frozenset(MONTH_NUMBERS)

WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d[\d,.]*")


def norm_text(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def stem(word: str) -> str:
    """A crude suffix stripper: enough to match "shelled" with "shell", "strikes" with "strike" and
    "killings" with "killed"."""
    if word.endswith("ings") and len(word) >= 8:
        word = word[:-1]  # "killings" -> "killing" -> "kill"
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def is_number(word: str) -> bool:
    """A figure or a month name: what ``drop_numbers`` leaves out."""
    return word[0].isdigit() or word in MONTHS


def content_list(text: str, *, drop_numbers: bool = False, drop_speakers: bool = False) -> list[str]:
    words = []
    for w in WORD.findall(text.lower()):
        if w in STOP or w in NEGATORS or w.endswith("n't"):
            continue
        if drop_numbers and is_number(w):
            continue
        if drop_speakers and w in SPEAKER_WORDS:
            continue
        words.append(stem(w))
    return words


def content_words(text: str, *, drop_numbers: bool = False, drop_speakers: bool = False) -> set[str]:
    return set(content_list(text, drop_numbers=drop_numbers, drop_speakers=drop_speakers))


def jaccard(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0
