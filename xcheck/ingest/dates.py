"""Publication dates from metadata, normalised to ISO ``YYYY-MM-DD``."""

from __future__ import annotations

import re
from datetime import date, datetime

_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%m/%d/%Y",
    "%d.%m.%Y",
)
_ISO_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})([T ].*)?$")


def normalise_date(value: object) -> str | None:
    """Return ``value`` as ``YYYY-MM-DD``; ``None`` for an empty value.

    Raises ``ValueError`` when the value is present but is not a date we can read.
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
    m = _ISO_PREFIX.match(text)
    if m:
        return date.fromisoformat(m.group(1)).isoformat()
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    for fmt in _FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(f"cannot read the date {text!r}; use YYYY-MM-DD")
