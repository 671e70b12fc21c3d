"""The consistency report as GitHub-flavoured Markdown, for pasting into a ticket.

No HTML and no SVG: a summary table, then per fact cluster a line of the values each source gives
and, per conflict or update, the reason and a table source | date | speaker | claim with the numbers
and negations in bold. Article text is escaped so it cannot break a table, start emphasis, a link,
an HTML tag or math.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from .common import (
    ATTRIBUTE_NAMES,
    EMPTY_MESSAGE,
    SHOWN_UPDATES,
    as_dict,
    as_int,
    as_list,
    clean,
    cluster_name,
    conflict_claim_ids,
    count_text,
    event_parts,
    events_of,
    format_date,
    format_score,
    iso_date,
    one_line,
    ordered_conflicts,
    plural,
    safe_url,
    segments,
    series_of,
    sides,
    sorted_values,
    summary_counts,
    value_date,
    value_label,
    values_by_claim,
    values_span,
)

MAX_VALUES = 12
# Backslash escapes for the ASCII punctuation that could start markup inside a line of text.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$])")
_SPACE = re.compile(r"\s+")
_FLAT = str.maketrans("\t\n\r", "   ")


def escape(value: object, limit: int | None = None) -> str:
    """Text safe inside a Markdown paragraph, heading or table cell (on one line)."""
    return _SPECIAL.sub(r"\\\1", one_line(value, limit))


def _url(value: object) -> str | None:
    url = safe_url(value)
    # percent-encode what could end the link or break the table: spaces, (), <>, |, quotes, backslash
    return quote(url, safe=":/?#[]@!$&'*+,;=%~-._") if url else None


def highlighted(text: object, spans: object) -> str:
    """The claim on one line, escaped, with its highlight spans in bold."""
    raw = str(text) if text is not None else ""
    out = []
    for piece, kind in segments(raw, spans):
        flat = _SPACE.sub(" ", piece)
        if kind is None or not flat.strip():
            out.append(escape_keep_space(flat))
            continue
        lead = flat[: len(flat) - len(flat.lstrip())]
        trail = flat[len(flat.rstrip()) :]
        out.append(f"{lead}**{escape_keep_space(flat.strip())}**{trail}")
    return "".join(out).strip()


def escape_keep_space(text: str) -> str:
    """Like :func:`escape` but keeps leading and trailing spaces (for pieces of one sentence)."""
    return _SPECIAL.sub(r"\\\1", clean(text).translate(_FLAT))


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(c if c else " " for c in cells) + " |"


def _side_row(claim: dict[str, Any]) -> str:
    source = escape(claim.get("source"), 60) or "unknown"
    url = _url(claim.get("url"))
    if url:
        source = f"[{source}]({url})"
    speaker = escape(claim.get("speaker"), 60) or "—"
    date = iso_date(claim.get("published")) or "undated"
    return _row([source, escape(date), speaker, highlighted(claim.get("text"), claim.get("highlights"))])


def _pair(
    pair: dict[str, Any], heading: str, values: dict[int, dict[str, Any]], hashes: str = "###"
) -> list[str]:
    a, b = sides(pair, values)
    facts = [f"confidence {format_score(pair.get('confidence'))}"]
    cue = escape(pair.get("cue"), 30)
    if cue:
        facts.insert(0, cue)
    lines = [f"{hashes} {heading}: {', '.join(facts)}", ""]
    reason = escape(pair.get("reason"), 400)
    if reason:
        lines += [f"**Reason:** {reason}", ""]
    lines += [
        "| Source | Date | Speaker | Claim |",
        "| --- | --- | --- | --- |",
        _side_row(a),
        _side_row(b),
        "",
    ]
    return lines


def values_line(cluster: dict[str, Any]) -> str:
    """ "Values: ≥ 30 (A, Apr 8) → 50 (B, Apr 9) → 57 (C, May 26)", in time order; "" without values."""
    values = sorted_values(cluster)
    if not values:
        return ""
    warn = conflict_claim_ids(cluster)
    years = {d.year for d in (value_date(v) for v in values) if d}
    measure = cluster.get("measure")
    parts = []
    for v in values[:MAX_VALUES]:
        when = v.get("as_of") or v.get("published")
        where = escape(v.get("source"), 40) or "unknown"
        if value_date(v):
            where += ", " + format_date(when, year=len(years) > 1)
        mark = " ⚠" if v.get("claim_id") in warn else ""
        parts.append(f"{escape(value_label(v, measure))} ({where}){mark}")
    more = f" (+{len(values) - MAX_VALUES} more)" if len(values) > MAX_VALUES else ""
    legend = " (⚠ = in a conflict)" if any(v.get("claim_id") in warn for v in values[:MAX_VALUES]) else ""
    return "Values: " + " → ".join(parts) + more + legend


def _cluster(number: int, cluster: dict[str, Any], level: int = 2) -> list[str]:
    conflicts = ordered_conflicts(cluster.get("conflicts"))
    updates = [u for u in as_list(cluster.get("updates")) if isinstance(u, dict)]
    cid = escape(cluster.get("id"), 30) or f"#{number}"
    name = _SPECIAL.sub(r"\\\1", cluster_name(cluster))
    counts = []
    if conflicts:
        counts.append(plural(len(conflicts), "conflict"))
    if updates:
        counts.append(plural(len(updates), "update"))
    title = f"{cid} · {name}" if name else cid
    hashes = "#" * level
    lines = [f"{hashes} {number}. {title} — {', '.join(counts) or 'no conflicts or updates'}", ""]
    sources = [escape(s, 60) for s in as_list(cluster.get("sources"))]
    facts = []
    size = cluster.get("size")
    if isinstance(size, int) and not isinstance(size, bool):
        facts.append(plural(size, "claim"))
    if sources:
        facts.append(f"{plural(len(sources), 'source')} ({', '.join(sources)})")
    value_range = values_span(cluster)
    if value_range:
        facts.append(f"values {escape(value_range)}")
    facts.append(f"importance {format_score(cluster.get('importance'))}")
    lines += [" · ".join(facts), ""]
    values = values_line(cluster)
    if values:
        lines += [values, ""]
    by_claim = values_by_claim(cluster)
    sub = "#" * min(level + 1, 6)
    for i, pair in enumerate(conflicts, 1):
        lines += _pair(pair, f"Conflict {i}", by_claim, sub)
    for i, pair in enumerate(updates[:SHOWN_UPDATES], 1):
        lines += _pair(pair, f"Update {i}", by_claim, sub)
    rest = updates[SHOWN_UPDATES:]
    if rest:
        lines += [f"_…and {plural(len(rest), 'more update')} (see the HTML or JSON report)._", ""]
    return lines


def render(data: dict[str, Any]) -> str:
    """The report as Markdown text (ends with a newline)."""
    data = as_dict(data)
    s = summary_counts(data)
    lines = ["# xcheck consistency report", ""]
    meta = []
    generated = escape(data.get("generated"), 40)
    if generated:
        meta.append(f"Generated {generated}")
    index = escape(data.get("index"), 200)
    if index:
        meta.append(f"index {index}")
    filters = as_dict(data.get("filters"))
    if filters.get("source"):
        meta.append(f"source: {escape(filters['source'], 60)}")
    if filters.get("since"):
        meta.append(f"since {escape(filters['since'], 30)}")
    if meta:
        lines += [" · ".join(meta), ""]
    rel = s["relations"]
    lines += [
        "## Summary",
        "",
        "| | Count |",
        "| --- | ---: |",
        _row(["Sources", count_text(len(s["sources"]))]),
        _row(["Documents", count_text(s["documents"])]),
        _row(["Claims", count_text(s["claims"])]),
        _row(["Events", count_text(s["events"])]),
        _row(["Fact clusters with a conflict or update", count_text(s["clusters"])]),
        _row(["Conflicts", count_text(rel["conflict"])]),
        _row(["Updates", count_text(rel["update"])]),
        _row(["Consistent pairs", count_text(rel["consistent"])]),
        _row(["Duplicates", count_text(rel["duplicate"])]),
        "",
    ]
    if s["sources"]:
        lines += ["Sources: " + ", ".join(escape(x) for x in s["sources"]), ""]
    lines += ["**Conflicts by type**", "", "| Type | Conflicts |", "| --- | ---: |"]
    lines += [_row([escape(cue), count_text(n)]) for cue, n in s["cues"]]
    lines.append("")
    clusters = [c for c in as_list(data.get("clusters")) if isinstance(c, dict)]
    events = events_of(data)
    if not clusters and not events:
        lines += [f"**{EMPTY_MESSAGE}.**", ""]
    numbers = {id(c): i for i, c in enumerate(clusters, 1)}
    inside = {id(c) for e in events for c in event_parts(e, clusters)[0]}
    if events:
        lines += ["## Events", ""]
        for number, event in enumerate(events, 1):
            lines += _event(number, event, clusters)
    outside = [c for c in clusters if id(c) not in inside]
    if outside and events:
        lines += ["## Facts outside events", ""]
    for cluster in outside:
        lines += _cluster(numbers[id(cluster)], cluster, level=3 if events else 2)
    return "\n".join(lines).rstrip("\n") + "\n"


def series_line(series: dict[str, Any]) -> str:
    """ "killed: ≥ 9 (A, Jun 28) → 18 (B, Jun 28) → 20 (A, Jun 29)": one measure of one event."""
    line = values_line(series)
    measure = escape(series.get("measure"), 40) or "toll"
    return f"{measure}: {line.removeprefix('Values: ')}" if line else ""


def _event(number: int, event: dict[str, Any], clusters: list[dict[str, Any]]) -> list[str]:
    _inside, updates = event_parts(event, clusters)
    all_conflicts = ordered_conflicts(event.get("conflicts"))
    n_agree = as_int(event.get("agreements")) or 0
    label = escape(event.get("label"), 120) or escape(event.get("id"), 60) or "event"
    counts = [plural(len(all_conflicts), "conflict"), plural(n_agree, "agreement")]
    lines = [f"### E{number}. {label} — {', '.join(counts)}", ""]
    first, last = event.get("first"), event.get("last")
    when = iso_date(first) + (f" to {iso_date(last)}" if last and iso_date(last) != iso_date(first) else "")
    sources = [escape(s, 60) for s in as_list(event.get("sources"))]
    facts = [f"`{escape(event.get('id'), 60)}`", when]
    size = event.get("size")
    if isinstance(size, int) and not isinstance(size, bool):
        facts.append(plural(size, "claim"))
    if sources:
        facts.append(f"{plural(len(sources), 'source')} ({', '.join(sources)})")
    lines += [" · ".join(facts), ""]
    attrs = [as_dict(a) for a in as_list(event.get("attributes"))]
    if attrs:
        lines += ["| Attribute | Value | Sources | Who says so |", "| --- | --- | --- | --- |"]
        for a in attrs:
            attr = one_line(a.get("attribute"), 30)
            said = "; ".join(
                f"{escape(c.get('source'), 40) or 'unknown'}"
                + (f" (according to {escape(c.get('speaker'), 60)})" if c.get("speaker") else "")
                + f": {highlighted(c.get('text'), c.get('highlights'))}"
                for c in (as_dict(x) for x in as_list(a.get("claims")))
            )
            lines.append(
                _row(
                    [
                        escape(ATTRIBUTE_NAMES.get(attr, attr)),
                        f"**{escape(a.get('value'), 60)}**",
                        ", ".join(escape(s, 40) for s in as_list(a.get("sources"))),
                        said,
                    ]
                )
            )
        lines.append("")
    for series in series_of(event):
        line = series_line(series)
        if line:
            lines += [f"Timeline, {line}", ""]
    for i, pair in enumerate(all_conflicts, 1):
        lines += _pair(pair, f"Conflict {i}", {}, "####")
    if n_agree:
        by = as_dict(event.get("agreements_by_attribute"))
        detail = ", ".join(f"{escape(k, 20)} {v}" for k, v in by.items())
        agreed = f"{plural(n_agree, 'agreement')} across sources" + (f" ({detail})" if detail else "")
        lines += [agreed + ".", ""]
    for i, pair in enumerate(updates[:SHOWN_UPDATES], 1):
        lines += _pair(pair, f"Update {i}", {}, "####")
    rest = updates[SHOWN_UPDATES:]
    if rest:
        lines += [f"_…and {plural(len(rest), 'more update')} (see the HTML or JSON report)._", ""]
    return lines
