"""Number words, fractions and vague amounts, as intervals.

Spelled-out cardinals ("one hundred twenty-three", "six million", "a thousand") are found with a
precompiled regex and their value is computed by ``text2num`` (the ``text2num`` package), which is
wrapped: it is only ever handed a span this module has already recognised as a cardinal, because on its own
it turns the vague plural "hundreds" into 100.

Vague amounts are never given to ``text2num``; they map to the documented intervals of
:data:`VAGUE_INTERVALS` (all bounds inclusive):

=========================  ====================  ==============================================
phrase                     interval              why
=========================  ====================  ==============================================
a couple of                [2, 3]
a handful (of)             [2, 6]
a few                      [2, 5]
several                    [3, 9]
dozens (of)                [24, 99]              at least two dozen, below a hundred: holds 36, not 300
scores of                  [40, 199]             at least two score
hundreds (of)              [200, 999]            holds 606, not 1,606
thousands (of)             [2000, 9999]
tens of thousands          [20000, 99999]
hundreds of thousands      [200000, 999999]
millions (of)              [2e6, 9.99e6]
tens of millions           [2e7, 9.99e7]
hundreds of millions       [2e8, 9.99e8]
billions (of)              [2e9, 9.99e9]
=========================  ====================  ==============================================

"several / a few / a couple of" before a scale word multiply the interval: "several hundred" is
[300, 900], "a few thousand" [2000, 5000], "a couple of dozen" [24, 36].

Fractions are read as percentages (unit ``percent``): "half (of)" 50, "a third of" 33.33, "two-thirds of"
66.67, "a quarter of" 25, "three quarters of" 75, "a fifth of" 20, and ratios "one in five" 20.
"half a million" is 500,000 and "half a dozen" 6; "a dozen" is 12 and "two dozen" 24 (exact).
"""

from __future__ import annotations

import re
from functools import lru_cache

from text_to_num import text2num

UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}
# Abbreviated scales written after digits: "12k", "1.5m", "5bn", "$3tn", "2 mln".
SCALE_SUFFIXES: dict[str, float] = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "billion": 1e9,
    "tn": 1e12,
    "trillion": 1e12,
    "lakh": 1e5,
    "crore": 1e7,
}

# (pattern, low, high). Order matters: longer phrases first.
VAGUE_INTERVALS: tuple[tuple[str, float, float], ...] = (
    ("tens of thousands", 20_000, 99_999),
    ("hundreds of thousands", 200_000, 999_999),
    ("tens of millions", 20_000_000, 99_999_999),
    ("hundreds of millions", 200_000_000, 999_999_999),
    ("thousands", 2_000, 9_999),
    ("hundreds", 200, 999),
    ("dozens", 24, 99),
    ("scores", 40, 199),
    ("millions", 2_000_000, 9_999_999),
    ("billions", 2_000_000_000, 9_999_999_999),
    ("several", 3, 9),
    ("a handful", 2, 6),
    ("a few", 2, 5),
    ("a couple of", 2, 3),
)
_VAGUE_MULT: dict[str, tuple[float, float]] = {
    "several": (3, 9),
    "a few": (2, 5),
    "a couple of": (2, 3),
    "a couple": (2, 3),
}
_MULT_SCALES: dict[str, float] = {"dozen": 12, **SCALES}

FRACTIONS: dict[str, float] = {
    "half": 50.0,
    "one half": 50.0,
    "a half": 50.0,
    "a third": 100 / 3,
    "one third": 100 / 3,
    "two thirds": 200 / 3,
    "a quarter": 25.0,
    "one quarter": 25.0,
    "three quarters": 75.0,
    "a fifth": 20.0,
    "one fifth": 20.0,
    "two fifths": 40.0,
    "three fifths": 60.0,
    "four fifths": 80.0,
    "a tenth": 10.0,
    "one tenth": 10.0,
}

_U = "|".join(sorted(UNITS, key=len, reverse=True))
_T = "|".join(TENS)
_S = "|".join(SCALES)
_BASIC = rf"(?:(?:{_T})(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)\b)?|(?:{_U}))"
_ATOM = rf"(?:{_BASIC}|(?:{_S}))"

# A spelled-out cardinal. "a" only as in "a hundred", "a million".
NUMBER_WORDS_RE = re.compile(
    rf"\b(?:{_BASIC}|a(?=\s+(?:{_S})\b))(?:(?:\s+and\s+|\s+|-)(?:{_ATOM})\b)*\b",
    re.IGNORECASE,
)
# "two and a half million", "one and a half"
AND_A_HALF_RE = re.compile(
    rf"\b(?P<n>{_BASIC})\s+and\s+a\s+half(?:\s+(?P<s>thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)
# "half a million", "half a dozen"
HALF_A_RE = re.compile(r"\bhalf\s+an?\s+(?P<s>dozen|hundred|thousand|million|billion)\b", re.IGNORECASE)
# "a dozen", "two dozen", "a dozen or so" (not "dozens")
DOZEN_RE = re.compile(rf"\b(?P<n>a|one|{_BASIC}|\d+)\s+dozen\b(?!s)", re.IGNORECASE)

_VAGUE_ALT = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p, _, _ in VAGUE_INTERVALS)
VAGUE_RE = re.compile(
    r"\b(?P<mult>several|a\s+few|a\s+couple\s+of|a\s+couple)\s+(?P<scale>dozen|hundred|thousand|million|billion)\b(?!s)"
    rf"|\b(?P<vague>{_VAGUE_ALT})\b",
    re.IGNORECASE,
)
FRACTION_RE = re.compile(
    r"\b(?P<f>(?:one|a)[\s-]half|half|(?:a|one|two)[\s-]thirds?|(?:a|one|three)[\s-]quarters?"
    r"|(?:a|one|two|three|four)[\s-]fifths?|(?:a|one)[\s-]tenth)\b",
    re.IGNORECASE,
)
RATIO_RE = re.compile(
    rf"\b(?P<a>{_BASIC}|\d{{1,3}})\s+(?:in|out\s+of)\s+(?P<b>{_BASIC}|\d{{1,4}})\b(?!\s*(?:[-/:]|%))",
    re.IGNORECASE,
)

_SPACE_RE = re.compile(r"[\s-]+")
_TIME_WORDS = frozenset(
    [
        "second",
        "seconds",
        "minute",
        "minutes",
        "hour",
        "hours",
        "day",
        "days",
        "night",
        "nights",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "decade",
        "decades",
        "century",
        "centuries",
        "time",
        "times",
        "occasions",
        "moments",
    ]
)


def is_time_word(word: str) -> bool:
    return word.lower() in _TIME_WORDS


_CARDINAL_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(SCALES) | {"and"}


@lru_cache(maxsize=4096)
def words_to_number(phrase: str) -> float | None:
    """Value of a spelled-out cardinal, or ``None``. Wraps ``text2num``."""
    p = _SPACE_RE.sub(" ", phrase.strip().lower())
    if p.startswith("a "):
        p = "one " + p[2:]
    if p in UNITS:
        return float(UNITS[p])
    if p in TENS:
        return float(TENS[p])
    if any(w not in _CARDINAL_WORDS for w in p.split()):
        return None  # never let text2num read "hundreds" (-> 100) or other non-cardinals
    try:
        return float(text2num(p, "en"))
    except ValueError:
        return None


def longest_number_prefix(phrase: str) -> tuple[float, int] | None:
    """For a phrase text2num rejects ("two and three"), the longest leading part it accepts.

    Returns (value, length in characters of that part) or ``None``.
    """
    parts = list(re.finditer(r"[A-Za-z]+", phrase))
    for k in range(len(parts), 0, -1):
        end = parts[k - 1].end()
        v = words_to_number(phrase[:end])
        if v is not None:
            return v, end
    return None


def vague_interval(match: re.Match[str]) -> tuple[float, float]:
    """Interval for a :data:`VAGUE_RE` match."""
    if match.group("mult"):
        lo, hi = _VAGUE_MULT[_SPACE_RE.sub(" ", match.group("mult").lower())]
        s = _MULT_SCALES[match.group("scale").lower()]
        return lo * s, hi * s
    key = _SPACE_RE.sub(" ", match.group("vague").lower())
    for phrase, lo, hi in VAGUE_INTERVALS:
        if phrase == key:
            return float(lo), float(hi)
    raise KeyError(key)  # pragma: no cover - the regex only matches table entries


def fraction_percent(text: str) -> float | None:
    """Percentage for a fraction word ("two-thirds" -> 66.67), or ``None``."""
    key = _SPACE_RE.sub(" ", text.lower())
    for k in (key, key + "s", key.removesuffix("s")):
        if k in FRACTIONS:
            return FRACTIONS[k]
    return None


def small_number(text: str) -> float | None:
    """Digits or a number word ("five", "12")."""
    t = text.strip()
    if t.isdigit():
        return float(t)
    return words_to_number(t)
