"""Helpers shared by the report renderers: text cleaning, highlights, numbers, dates, order of pairs.

Everything that comes from an article (titles, claims, sources, speakers, reasons, urls) is untrusted:
the renderers pass it through :func:`clean` and then escape it for their format.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

SCHEMA_VERSION = 2  # the version of the data contract these renderers read (xcheck.report_data)
EMPTY_MESSAGE = "No conflicts or updates found"
RELATIONS = ("conflict", "update", "consistent", "duplicate")
CUES = ("numeric", "membership", "negation", "date")

# Characters that are not allowed in XML 1.0 or are parse errors in HTML: C0/C1 controls (but tab,
# newline and carriage return), lone surrogates and the noncharacters U+FFFE/U+FFFF.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACE = re.compile(r"\s+")
_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_URL = re.compile(r"^https?://[^\s\x00-\x1f\x7f]+$", re.IGNORECASE)
_KIND = re.compile(r"[^a-z0-9_-]+")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def clean(value: object) -> str:
    """``value`` as text: ``None`` is empty; each forbidden control character becomes U+FFFD.

    The replacement is one character for one, so offsets into the text (highlights) stay valid.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return _BAD_CHARS.sub("\ufffd", text)


def one_line(value: object, limit: int | None = None) -> str:
    """:func:`clean` text on one line (runs of white space become one space), cut to ``limit`` chars."""
    text = _SPACE.sub(" ", clean(value)).strip()
    if limit is not None and len(text) > limit:
        text = text[: max(limit - 1, 0)].rstrip() + "…"
    return text


def as_dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: object) -> list[Any]:
    if isinstance(value, list):
        return value
    return list(value) if isinstance(value, tuple) else []


def as_number(value: object) -> float | None:
    """A finite float, or ``None`` for anything else (booleans, strings, NaN, infinities)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def as_int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


# -- numbers -----------------------------------------------------------------------------------------


def format_number(value: float) -> str:
    """1606 -> "1,606"; 6.3 -> "6.3"; 0.125 -> "0.13"; 5700000 -> "5.7 million"; 1234567 -> "1,234,567"."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        scaled = value / size
        if abs(scaled) >= 1 and abs(scaled * 100 - round(scaled * 100)) < 1e-6:
            return f"{scaled:,.2f}".rstrip("0").rstrip(".") + " " + word
    if abs(value) < 1e15 and abs(value - round(value)) < 1e-9:
        return f"{round(value):,}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


_SCALES = ((1e12, 1e12, "T"), (1e9, 1e9, "B"), (1e6, 1e6, "M"), (1e4, 1e3, "k"))


def format_compact(value: float, scale_of: float | None = None) -> str:
    """Short labels: 1200 -> "1,200", 12000 -> "12k", 6300000 -> "6.3M", 5e9 -> "5B".

    ``scale_of``: pick the suffix for this number instead (so the ticks of one axis share it: 5k, 10k).
    """
    ref = abs(value if scale_of is None else scale_of)
    for threshold, size, suffix in _SCALES:
        if ref >= threshold:
            return f"{value / size:.1f}".rstrip("0").rstrip(".") + suffix if value else "0"
    return format_number(value)


def with_unit(text: str, measure: object) -> str:
    return f"{text}%" if measure == "percent" and text and text[-1].isdigit() else text


def value_label(value: dict[str, Any], measure: object = None) -> str:
    """What one source says the value is: "1,606", "≥ 30", "≤ 50", "300–400", or its own words."""
    low, high = as_number(value.get("low")), as_number(value.get("high"))
    kind = value.get("kind")
    words = one_line(value.get("text"), 40)
    if kind in ("approximate", "vague") and words:
        return words
    if kind == "lower_bound" and low is not None:
        return "≥ " + with_unit(format_number(low), measure)
    if kind == "upper_bound" and high is not None:
        return "≤ " + with_unit(format_number(high), measure)
    if low is not None and high is not None:
        if math.isclose(low, high):
            return with_unit(format_number(low), measure)
        return with_unit(f"{format_number(low)}–{format_number(high)}", measure)
    if low is not None:
        return "≥ " + with_unit(format_number(low), measure)
    if high is not None:
        return "≤ " + with_unit(format_number(high), measure)
    return words or "?"


def range_label(value_range: object, measure: object = None) -> str:
    """A cluster's ``value_range`` [low, high] (either may be None) as text; "" when there is none."""
    bounds = as_list(value_range)
    if len(bounds) != 2:
        return ""
    low, high = as_number(bounds[0]), as_number(bounds[1])
    if low is not None and high is not None:
        if math.isclose(low, high):
            return with_unit(format_number(low), measure)
        return f"{with_unit(format_number(low), measure)} – {with_unit(format_number(high), measure)}"
    if low is not None:
        return "≥ " + with_unit(format_number(low), measure)
    if high is not None:
        return "≤ " + with_unit(format_number(high), measure)
    return ""


def values_span(cluster: dict[str, Any]) -> str:
    """The spread of the values the sources give ("30 – 57", "39 – ≥ 15,000"); else the cluster's
    ``value_range``; "" when there is neither."""
    measure = cluster.get("measure")
    ends: list[tuple[float, bool]] = []  # (number, only a lower bound)
    for v in as_list(cluster.get("values")):
        v = as_dict(v)
        low, high = as_number(v.get("low")), as_number(v.get("high"))
        if v.get("kind") == "upper_bound" and high is not None:
            ends.append((high, False))
            continue
        if low is not None:
            ends.append((low, high is None))
        if high is not None:
            ends.append((high, False))
    if not ends:
        return range_label(cluster.get("value_range"), measure)
    lo = min(n for n, _ in ends)
    hi = max(n for n, _ in ends)
    open_top = all(bound for n, bound in ends if n == hi)
    top = ("≥ " if open_top else "") + with_unit(format_number(hi), measure)
    if math.isclose(lo, hi):
        return top
    return f"{with_unit(format_number(lo), measure)} – {top}"


def format_score(value: object) -> str:
    number = as_number(value)
    return "?" if number is None else f"{number:.2f}"


# -- dates -------------------------------------------------------------------------------------------


def parse_date(value: object) -> date | None:
    """The date at the start of an ISO text ("2022-04-08", "2022-04-08T10:00:00Z"), else ``None``."""
    if not isinstance(value, str):
        return None
    m = _DATE.match(value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def format_date(value: object, *, year: bool = True) -> str:
    """ "2022-04-08" -> "8 Apr 2022" (or "Apr 8" without the year); unreadable text is shown as is."""
    d = parse_date(value)
    if d is None:
        return one_line(value, 30)
    if year:
        return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
    return f"{_MONTHS[d.month - 1]} {d.day}"


def iso_date(value: object) -> str:
    d = parse_date(value)
    return d.isoformat() if d else one_line(value, 30)


# -- urls, highlights, ordering ----------------------------------------------------------------------


def safe_url(value: object) -> str | None:
    """The url when it is http(s) and has no white space or control characters, else ``None``."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    return url if len(url) <= 4096 and _URL.match(url) else None


def css_kind(value: object) -> str:
    """A highlight kind as a safe class-name part: "quantity", "negation", ... ("other" if unusable)."""
    kind = _KIND.sub("-", str(value).lower()).strip("-")[:20] if isinstance(value, str) else ""
    return kind or "other"


def segments(text: str, spans: object) -> list[tuple[str, str | None]]:
    """``text`` cut into (piece, kind) runs; kind is ``None`` outside the highlight spans.

    ``spans`` are ``[start, end, kind]`` offsets into ``text``. Offsets out of range are clipped,
    empty, reversed or malformed spans are dropped, and overlapping or touching spans are merged
    (their kinds joined with a space), so every character is emitted exactly once, in order.
    """
    n = len(text)
    found: list[tuple[int, int, str]] = []
    for span in as_list(spans):
        span = as_list(span)
        if len(span) < 2:
            continue
        start, end = as_int(span[0]), as_int(span[1])
        if start is None or end is None:
            continue
        start, end = max(0, min(n, start)), max(0, min(n, end))
        if start >= end:
            continue
        found.append((start, end, css_kind(span[2]) if len(span) > 2 else "other"))
    found.sort()
    merged: list[tuple[int, int, str]] = []
    for start, end, kind in found:
        if merged and start <= merged[-1][1]:
            m_start, m_end, m_kind = merged[-1]
            kinds = m_kind if kind in m_kind.split() else f"{m_kind} {kind}"
            merged[-1] = (m_start, max(m_end, end), kinds)
        else:
            merged.append((start, end, kind))
    out: list[tuple[str, str | None]] = []
    pos = 0
    for start, end, kind in merged:
        if start > pos:
            out.append((text[pos:start], None))
        out.append((text[start:end], kind))
        pos = end
    if pos < n:
        out.append((text[pos:], None))
    return out


SHOWN_UPDATES = 3  # more are folded away (HTML) or summarised (Markdown); conflicts are all shown


def sides(pair: dict[str, Any], values: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    """The two claims of a pair; an update's in time order (the earlier report first)."""
    a, b = as_dict(pair.get("a")), as_dict(pair.get("b"))
    if pair.get("relation") == "update":

        def when(c: dict[str, Any]) -> date | None:
            cid = as_int(c.get("claim_id"))
            v = values.get(cid) if cid is not None else None
            return (value_date(v) if v else None) or parse_date(c.get("published"))

        da, db = when(a), when(b)
        if da and db and db < da:
            return [b, a]
    return [a, b]


def pair_sources(pair: dict[str, Any]) -> set[str]:
    return {one_line(as_dict(pair.get(side)).get("source")) for side in ("a", "b")}


def ordered_conflicts(pairs: object) -> list[dict[str, Any]]:
    """Conflicts by confidence, then by the number of distinct sources; ties keep their order."""
    kept = [p for p in as_list(pairs) if isinstance(p, dict)]
    return sorted(kept, key=lambda p: (-(as_number(p.get("confidence")) or 0.0), -len(pair_sources(p))))


def cluster_name(cluster: dict[str, Any], limit: int = 60) -> str:
    """What a fact is about, as plain text: its title ("killed · civilians · Kharkiv region · since
    2022-02-24"), else its measure, else the start of its first claim."""
    title = one_line(cluster.get("title"), limit)
    if title:
        return title
    measure = one_line(cluster.get("measure"), limit)
    if measure:
        return measure
    pairs = ordered_conflicts(cluster.get("conflicts")) + [
        u for u in as_list(cluster.get("updates")) if isinstance(u, dict)
    ]
    claims = [as_dict(p).get(side) for p in pairs for side in ("a", "b")]
    for claim in [*claims, *as_list(cluster.get("claims"))]:
        text = one_line(as_dict(claim).get("text"), limit)
        if text:
            return text
    return ""


def conflict_claim_ids(cluster: dict[str, Any]) -> set[int]:
    """Ids of the claims of a cluster that take part in one of its conflicts."""
    ids: set[int] = set()
    for pair in as_list(cluster.get("conflicts")):
        for side in ("a", "b"):
            cid = as_int(as_dict(as_dict(pair).get(side)).get("claim_id"))
            if cid is not None:
                ids.add(cid)
    return ids


def values_by_claim(cluster: dict[str, Any]) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    for value in as_list(cluster.get("values")):
        cid = as_int(as_dict(value).get("claim_id"))
        if cid is not None and cid not in out:
            out[cid] = value
    return out


def sorted_values(cluster: dict[str, Any]) -> list[dict[str, Any]]:
    """The cluster's values in time order (by as_of, else published); undated ones last, in order."""
    values = [v for v in as_list(cluster.get("values")) if isinstance(v, dict)]

    def key(v: dict[str, Any]) -> tuple[int, date]:
        d = value_date(v)
        return (0, d) if d else (1, date.min)

    return sorted(values, key=key)


def value_date(value: dict[str, Any]) -> date | None:
    return parse_date(value.get("as_of")) or parse_date(value.get("published"))


def summary_counts(data: dict[str, Any]) -> dict[str, Any]:
    """The summary block with defaults, so renderers can read it without checks."""
    summary = as_dict(data.get("summary"))
    relations = as_dict(summary.get("relations"))
    cues = as_dict(summary.get("conflicts_by_cue"))
    cue_names = list(CUES) + [c for c in cues if c not in CUES]
    return {
        "sources": [one_line(s, 80) for s in as_list(summary.get("sources"))],
        "documents": as_int(summary.get("documents")),
        "claims": as_int(summary.get("claims")),
        "clusters": as_int(summary.get("clusters")),
        "events": as_int(summary.get("events")),
        "relations": {r: as_int(relations.get(r)) or 0 for r in RELATIONS},
        "cues": [(one_line(c, 40), as_int(cues.get(c)) or 0) for c in cue_names],
    }


def count_text(value: int | None) -> str:
    return "?" if value is None else f"{value:,}"


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


# -- events ------------------------------------------------------------------------------------------

ATTRIBUTE_NAMES = {
    "agent": "who did it",
    "weapon": "with what",
    "denier": "denies its part",
    "status": "state of the target",
}


def events_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in as_list(data.get("events")) if isinstance(e, dict)]


def pair_key(pair: object) -> tuple[int | None, int | None]:
    p = as_dict(pair)
    ids = sorted(x for x in (as_int(as_dict(p.get(s)).get("claim_id")) for s in ("a", "b")) if x is not None)
    return (ids[0] if ids else None, ids[1] if len(ids) > 1 else None)


def event_parts(
    event: dict[str, Any], clusters: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The fact clusters that lie wholly in ``event`` (shown with it, not again below) and the updates of
    their figures (the event's conflicts hold theirs already), earlier report first within a pair."""
    ids = {one_line(i) for i in as_list(event.get("clusters"))}
    inside = [c for c in clusters if one_line(c.get("id")) in ids and c.get("event") == event.get("id")]
    updates: list[dict[str, Any]] = []
    seen: set[tuple[int | None, int | None]] = set()
    for c in inside:
        for u in as_list(c.get("updates")):
            if isinstance(u, dict) and pair_key(u) not in seen:
                seen.add(pair_key(u))
                updates.append(u)
    return inside, updates


def series_of(event: dict[str, Any]) -> list[dict[str, Any]]:
    """The event's toll series as chart input (one per measure), with the event's conflicts, so values
    of claims in a conflict are marked; nothing from another event goes in."""
    out = []
    conflicts = as_list(event.get("conflicts"))
    for s in as_list(event.get("timeline")):
        s = as_dict(s)
        values = [v for v in as_list(s.get("values")) if isinstance(v, dict)]
        if values:
            out.append({"measure": s.get("measure"), "values": values, "conflicts": conflicts, "updates": []})
    return out


def event_anchor(event: dict[str, Any], number: int) -> str:
    eid = _KIND.sub("-", one_line(event.get("id"), 60).lower()).strip("-")
    return f"event-{number}-{eid}" if eid else f"event-{number}"
