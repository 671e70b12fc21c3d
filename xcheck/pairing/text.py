"""Words of a claim as the judgement compares them: content words, crude stems, overlap."""

from __future__ import annotations

import re

from ..claims import vocab
from ..ingest.dates import MONTH_NUMBERS

NEGATORS = frozenset(
    [
        "not",
        "no",
        "never",
        "neither",
        "nor",
        "none",
        "nobody",
        "nothing",
        "without",
        "denied",
        "denies",
        "deny",
        "n't",
    ]
)


STOP = frozenset(
    [
        *vocab.ARTICLES,
        *vocab.BE,
        *vocab.HAVE,
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "with",
        "from",
        "and",
        "or",
        "but",
        "as",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "their",
        "there",
        "said",
        "says",
        "say",
        "according",
        "than",
        "more",
        "less",
        "about",
    ]
)


WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d[\d,.]*")


MONTHS = frozenset(MONTH_NUMBERS)


def norm_text(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


SPEAKER_WORDS = frozenset(
    [
        "kyiv",
        "moscow",
        "kremlin",
        "ukraine",
        "ukraine's",
        "russia",
        "russia's",
        "ukrainian",
        "russian",
        "says",
        "said",
        "claims",
        "claimed",
        "according",
        "ministry",
        "defence",
        "defense",
        "military",
        "officials",
        "official",
        "spokesman",
        "spokeswoman",
    ]
)


def stem(word: str) -> str:
    """A crude suffix stripper: enough to match "shelled" with "shell", "strikes" with "strike" and
    "killings" with "killed"."""
    if word.endswith("ings") and len(word) >= 8:
        word = word[:-1]  # "killings" -> "killing" -> "kill"
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_list(text: str, *, drop_numbers: bool = False, drop_speakers: bool = False) -> list[str]:
    words = []
    for w in WORD.findall(text.lower()):
        if w in STOP or w in NEGATORS or w.endswith("n't"):
            continue
        if drop_numbers and (w[0].isdigit() or w in MONTHS):
            continue
        if drop_speakers and w in SPEAKER_WORDS:
            continue
        words.append(stem(w))
    return words


def content_words(text: str, *, drop_numbers: bool = False, drop_speakers: bool = False) -> set[str]:
    return set(content_list(text, drop_numbers=drop_numbers, drop_speakers=drop_speakers))


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0
