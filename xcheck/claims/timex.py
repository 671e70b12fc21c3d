"""Dates and times in a sentence, resolved against the article's publication date.

Precompiled regexes do all the work (``dateparser`` is not used here: it costs milliseconds per call and
the formats news sentences use are few and covered below).

Resolution rules (``pub`` is the publication date):

* absolute dates: "February 24", "Feb. 24, 2022", "24 February", "the 24th of February", "2022-02-24",
  "24/02/2022" (day first when ambiguous; month first only when the second number is > 12: 02/24/2022).
  A date without a year takes the latest year that puts it no more than 30 days after ``pub`` (no later
  than ``pub`` after "since"); without ``pub`` it is dropped.
* "today", "this morning", "tonight", "earlier today" -> pub; "yesterday", "last night" -> pub - 1;
  "the day before yesterday" -> pub - 2; "tomorrow" -> pub + 1; "N days/weeks ago" -> pub - N days/weeks;
  "last week" -> pub - 7 (the same weekday one week earlier).
* weekdays: "on Thursday" / "Thursday" -> the most recent Thursday on or before pub (Thursday in an
  article of Friday 2022-02-25 is 2022-02-24); "last Thursday" -> the most recent one strictly before pub;
  "next Thursday" / "this coming Thursday" -> the first one strictly after pub.
* times of day ("13:00", "9 a.m.", "noon") are recognised so they are not read as counts; they carry no date.
* ``as_of``: "as of / as at / by / until / up to" + a date -> that date; + a time of day -> pub;
  otherwise pub.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .numwords import UNITS

MONTHS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
# "a week ago", "three days ago": the small cardinals of numwords, plus the article as one.
_SMALL = {"a": 1, "an": 1, **{w: n for w, n in UNITS.items() if 1 <= n <= 10}}

_MON = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE_RE = re.compile(
    # 2022-02-24
    r"(?P<iso>\b(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})\b)"
    # February 24, 2022 / Feb. 24th
    rf"|(?P<md>\b{_MON.replace('mon', 'mon1')}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?!:\d|\.\d|,\d)"
    r"(?:,?\s+(?P<y1>\d{4})\b)?)"
    # 24 February 2022 / the 24th of February
    rf"|(?P<dm>\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON.replace('mon', 'mon2')}(?![a-z])"
    r"(?:,?\s+(?P<y2>\d{4})\b)?)"
    # 24/02/2022, 24.02.2022
    r"|(?P<num>\b(?P<na>\d{1,2})(?P<sep>[/.])(?P<nb>\d{1,2})(?P=sep)(?P<ny>\d{4}|\d{2})\b)"
)
_REL_RE = re.compile(
    r"\b(?P<rel>the\s+day\s+before\s+yesterday|yesterday|today|tonight|tomorrow|last\s+night"
    r"|this\s+(?:morning|afternoon|evening)|earlier\s+today|last\s+week)\b"
    r"|\b(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<u>days?|weeks?)\s+ago\b",
    re.IGNORECASE,
)
_WEEKDAY_RE = re.compile(
    r"(?:\b(?P<wmod>[Ll]ast|[Nn]ext|this\s+past|this\s+coming|[Tt]his)\s+)?"
    r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!s\b)\b"
)
_TIME_RE = re.compile(
    r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:a\.?m\.?|p\.?m\.?|h|GMT|UTC|CET|EET|local\s+time))?"
    r"|\b\d{1,2}\s*(?:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b|o'clock\b)"
    r"|\b\d{1,2}h\d{2}\b|\b(?:noon|midday|midnight)\b",
    re.IGNORECASE,
)
_AS_OF_RE = re.compile(
    r"\b(?:as\s+of|as\s+at|as\s+on|by|until|till|up\s+to|through)\s+(?:the\s+(?:end|morning|evening)\s+of\s+)?"
    r"(?:(?:on|at)\s+)?$",
    re.IGNORECASE,
)
_HAS_DIGIT_RE = re.compile(r"\d")
_TIME_THEN_DATE_RE = re.compile(r"\s*,?\s*(?:on\s+|of\s+)?(?:the\s+)?")
_SINCE_TAIL_RE = re.compile(r"\bsince\s+(?:the\s+)?(?:on\s+)?$", re.IGNORECASE)
_QUICK_RE = re.compile(
    r"\d|day|today|tonight|tomorrow|night|morning|afternoon|evening|week|noon|midnight|ago", re.IGNORECASE
)
_DATE_QUICK_RE = re.compile(r"\d[/.-]\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
_REL_QUICK_RE = re.compile(r"day|tonight|tomorrow|night|morning|afternoon|evening|week|ago", re.IGNORECASE)
_TIME_QUICK_RE = re.compile(r"\d:\d|\d\s*[ap]\.?m\b|\d\s*o'clock|\dh\d|noon|midday|midnight", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateHit:
    """A date or time expression. ``iso`` is None for times of day and unresolvable dates."""

    start: int
    end: int
    text: str
    iso: str | None
    kind: str  # "date" | "relative" | "weekday" | "time"


@lru_cache(maxsize=256)
def parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _infer_year(m: int, d: int, pub: date | None, since: bool) -> date | None:
    if pub is None:
        return None
    limit = pub if since else pub + timedelta(days=30)
    for y in (pub.year + 1, pub.year, pub.year - 1, pub.year - 2):
        dt = _safe_date(y, m, d)
        if dt is not None and dt <= limit:
            return dt
    return None


def _weekday(wd: int, mod: str | None, pub: date) -> date:
    mod = (mod or "").lower()
    if mod in ("next", "this coming"):
        delta = (wd - pub.weekday()) % 7 or 7
        return pub + timedelta(days=delta)
    back = (pub.weekday() - wd) % 7
    if mod in ("last", "this past") and back == 0:
        back = 7
    return pub - timedelta(days=back)


def find_dates(sentence: str, pub: date | None) -> list[DateHit]:
    """All date and time-of-day expressions, in order, non-overlapping."""
    if not _QUICK_RE.search(sentence):
        return []
    hits: list[DateHit] = []
    has_digit = _HAS_DIGIT_RE.search(sentence) is not None
    for m in _DATE_RE.finditer(sentence) if has_digit and _DATE_QUICK_RE.search(sentence) else ():
        dt: date | None = None
        if m.group("iso"):
            dt = _safe_date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        elif m.group("md") or m.group("dm"):
            mon = (m.group("mon1") or m.group("mon2"))[:3].lower()
            d = int(m.group("d1") or m.group("d2"))
            y = m.group("y1") or m.group("y2")
            mo = MONTHS[mon]
            if not 1 <= d <= 31:
                continue
            if y:
                dt = _safe_date(int(y), mo, d)
            else:
                since = bool(_SINCE_TAIL_RE.search(sentence, 0, m.start()))
                dt = _infer_year(mo, d, pub, since)
        else:
            a, b, yy = int(m.group("na")), int(m.group("nb")), m.group("ny")
            y = int(yy) + (2000 if len(yy) == 2 else 0)
            d, mo = (a, b) if b <= 12 else (b, a)
            dt = _safe_date(y, mo, d)
            if dt is None:
                continue
        hits.append(DateHit(m.start(), m.end(), m.group(), dt.isoformat() if dt else None, "date"))
    rel_ok = _REL_QUICK_RE.search(sentence) is not None
    for m in _REL_RE.finditer(sentence) if rel_ok else ():
        dt = None
        if pub is not None:
            if m.group("rel"):
                rel = " ".join(m.group("rel").lower().split())
                offset = {
                    "the day before yesterday": -2,
                    "yesterday": -1,
                    "last night": -1,
                    "tomorrow": 1,
                    "last week": -7,
                }.get(rel, 0)
                dt = pub + timedelta(days=offset)
            else:
                n = m.group("n").lower()
                k = int(n) if n.isdigit() else _SMALL[n]
                unit = 7 if m.group("u").lower().startswith("week") else 1
                dt = pub - timedelta(days=k * unit)
        hits.append(DateHit(m.start(), m.end(), m.group(), dt.isoformat() if dt else None, "relative"))
    for m in _WEEKDAY_RE.finditer(sentence) if rel_ok and "day" in sentence else ():
        dt = _weekday(WEEKDAYS[m.group("wd").lower()], m.group("wmod"), pub) if pub is not None else None
        hits.append(DateHit(m.start(), m.end(), m.group(), dt.isoformat() if dt else None, "weekday"))
    for m in _TIME_RE.finditer(sentence) if has_digit or _TIME_QUICK_RE.search(sentence) else ():
        hits.append(DateHit(m.start(), m.end(), m.group(), None, "time"))
    if len(hits) > 1:
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        kept: list[DateHit] = []
        for h in hits:
            if kept and h.start < kept[-1].end:
                continue
            kept.append(h)
        hits = kept
    return hits


def dates_of(hits: list[DateHit]) -> list[str]:
    out: list[str] = []
    for h in hits:
        if h.iso and h.iso not in out:
            out.append(h.iso)
    return out


def as_of(sentence: str, hits: list[DateHit], pub: date | None) -> str | None:
    """The date a claim is stated as of (see module docstring)."""
    for i, h in enumerate(hits):
        if _AS_OF_RE.search(sentence, max(0, h.start - 40), h.start):
            if h.kind == "time":
                # "as of 13:00 on Thursday" -> Thursday; "as of 13:00" -> publication date
                nxt = hits[i + 1] if i + 1 < len(hits) else None
                if nxt is not None and nxt.iso and _TIME_THEN_DATE_RE.fullmatch(sentence, h.end, nxt.start):
                    return nxt.iso
                return pub.isoformat() if pub else None
            if h.iso:
                return h.iso
    return pub.isoformat() if pub else None
