"""Dates from metadata, normalised to ISO ``YYYY-MM-DD``.

``parse_date`` is lenient (``None`` when unsure: metadata of web pages is often odd); ``normalise_date``
is strict and says what is wrong, for values a user typed (front matter, JSONL, options).
"""

from __future__ import annotations

import email.utils
import re
from datetime import date, datetime

# Month names and abbreviations to month numbers; shared by every date reader.
MONTH_NUMBERS = {
    name: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:$|[T\s])")
_DMY_NAMED = re.compile(
    r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})(?!\d)"
)
_MDY_NAMED = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)")
_NUMERIC_DMY = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")


def _make_date(year: int, month: int, day: int) -> str | None:
    if not 1800 <= year <= 2200:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` for the common date spellings of news pages, ``None`` when unsure."""
    if not value:
        return None
    text = " ".join(value.split())
    if not text:
        return None
    m = _ISO_DATE.search(text)
    if m:
        return _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _COMPACT_DATE.match(text)
    if m:
        return _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _DMY_NAMED.search(text)
    if m and m.group(2).lower() in MONTH_NUMBERS:
        return _make_date(int(m.group(3)), MONTH_NUMBERS[m.group(2).lower()], int(m.group(1)))
    m = _MDY_NAMED.search(text)
    if m and m.group(1).lower() in MONTH_NUMBERS:
        return _make_date(int(m.group(3)), MONTH_NUMBERS[m.group(1).lower()], int(m.group(2)))
    m = _NUMERIC_DMY.search(text)
    if m:
        first, second, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if first > 12 >= second:
            return _make_date(year, second, first)
        if second > 12 >= first:
            return _make_date(year, first, second)
        return None  # 03/04/2022: day and month cannot be told apart
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return _make_date(parsed.year, parsed.month, parsed.day)


def normalise_date(value: object) -> str | None:
    """Return ``value`` as ``YYYY-MM-DD``; ``None`` for an empty value.

    Raises ``ValueError`` when the value is present but is not a date we can read for sure.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip().strip("\"'")
    if not text:
        return None
    iso = parse_date(text)
    if iso is None:
        raise ValueError(f"cannot read the date {text!r}; use YYYY-MM-DD")
    return iso


# -- the date at the head of an article --------------------------------------------------------
HEAD_LINES = 8  # how many non-empty lines at the top of a text may hold its date
_PUBLISHED_LINE = re.compile(
    r"^(?:first\s+)?(?:published|posted|date)\b\s*(?:on\b|at\b|:)?\s*(?P<date>.{6,60})$", re.IGNORECASE
)
# "KYIV, June 13, 2022 (Reuters) — ..." or "Kharkiv, Ukraine, 13 June 2022 - ...": a place, a date with
# its year, an optional agency in brackets, then a dash.
_DATELINE = re.compile(
    r"^(?:[A-Z][\w.'’ -]{1,40}?,\s*(?:[A-Z][\w.'’ -]{1,40}?,\s*)?)?"
    r"(?P<date>(?:[A-Z][a-z]+day,?\s+)?[\w .,/]{6,30}?\d{4})\s*(?:\([^()]{1,40}\)\s*)?(?:—|–|--?)\s",
)
_DATE_WORDS = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:am|pm|gmt|utc|bst|cet|cest|eet|eest|est|edt|at)\b|"
    + r"\b(?:"
    + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
    + r")\b\.?|\d+(?:st|nd|rd|th)?|[\s,.:/+-]",
    re.IGNORECASE,
)


def _date_only(line: str) -> str | None:
    """The date of a line that holds a date and nothing else ("Monday 13 June 2022 10:21 GMT")."""
    if len(line) > 60 or _DATE_WORDS.sub("", line):
        return None
    return parse_date(line)


def date_at_head(text: str) -> str | None:
    """The publication date a text gives at its head, ``None`` when it gives none.

    Read from the first lines: a "Published …" (or "Posted …", "Date: …") line, a line that is only a
    date, or a news dateline ("KYIV, June 13, 2022 (Reuters) — …"). The date must include its year.
    """
    seen = 0
    for raw in text.splitlines():
        line = " ".join(raw.split()).strip("*_#> ")
        if not line:
            continue
        seen += 1
        if seen > HEAD_LINES:
            break
        m = _PUBLISHED_LINE.match(line)
        if m and (found := parse_date(m.group("date"))):
            return found
        if found := _date_only(line):
            return found
        m = _DATELINE.match(line)
        if m and (found := _date_only(m.group("date"))):
            return found
    return None
