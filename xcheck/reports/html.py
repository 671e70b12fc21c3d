"""The consistency report as one self-contained HTML page.

Inline CSS, inline SVG charts, no script, no external request (a Content-Security-Policy meta tag
forbids them anyway). All article text is escaped; an article's url becomes a link only when it is
http(s). Readable at phone width: the two sides of a pair stand side by side from 600px and stack
below, charts scale with the page.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from . import svg
from .common import (
    ATTRIBUTE_NAMES,
    EMPTY_MESSAGE,
    SHOWN_UPDATES,
    as_dict,
    as_int,
    as_list,
    clean,
    cluster_name,
    count_text,
    event_anchor,
    event_parts,
    events_of,
    format_date,
    format_score,
    iso_date,
    one_line,
    ordered_conflicts,
    parse_date,
    plural,
    safe_url,
    segments,
    series_of,
    sides,
    summary_counts,
    value_label,
    values_by_claim,
    values_span,
)

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_ID = re.compile(r"[^A-Za-z0-9_-]+")

CSS = """
:root{color-scheme:light;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;
--conflict:#cf222e;--conflict-bg:#ffebe9;--update:#1a7f37;--update-bg:#dafbe1;--mark:#fff1a8}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--fg);
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
overflow-wrap:anywhere}
.page{max-width:980px;margin:0 auto;padding:16px}
h1{font-size:1.55rem;line-height:1.25;margin:.25em 0 .2em}
h2{font-size:1.2rem;line-height:1.3;margin:0 0 .25em}
h3{font-size:1rem;margin:1.1em 0 .4em}
section>h2,nav>h2{margin-top:1.1em}
a{color:#0969da}
.meta{color:var(--muted);font-size:.875rem;margin:.2em 0}
.stats{display:grid;grid-template-columns:repeat(auto-fill,minmax(104px,1fr));gap:8px;margin:12px 0;
padding:0;list-style:none}
.stats li{border:1px solid var(--line);border-radius:8px;padding:8px 10px}
.stats b{display:block;font-size:1.35rem;line-height:1.2}
.stats span{display:block;color:var(--muted);font-size:.8125rem;line-height:1.3}
.stats .conflict b{color:var(--conflict)}.stats .update b{color:var(--update)}
.cues{display:flex;flex-wrap:wrap;gap:6px;margin:.4em 0;padding:0;list-style:none}
.cues li{background:var(--soft);border:1px solid var(--line);border-radius:999px;padding:1px 10px;
font-size:.875rem}
.sources{font-size:.875rem;color:var(--muted)}
nav ol{padding-left:1.4em;margin:.4em 0}
nav li{margin:.15em 0}
.empty{border:1px dashed var(--line);border-radius:10px;padding:24px;text-align:center;font-size:1.1rem;
color:var(--muted);margin:20px 0}
.cluster{border:1px solid var(--line);border-radius:12px;padding:14px 16px;margin:22px 0}
.cid{color:var(--muted);font-weight:600;margin-right:.35em}
.badge{display:inline-block;border-radius:999px;padding:0 8px;font-size:.75rem;font-weight:600;
line-height:1.6;vertical-align:.15em;white-space:nowrap}
.badge.conflict{background:var(--conflict-bg);color:var(--conflict)}
.badge.update{background:var(--update-bg);color:var(--update)}
figure.chart{margin:12px 0 4px}
figure.chart svg{display:block;width:100%;height:auto;max-width:480px}
figcaption{color:var(--muted);font-size:.8125rem;margin-top:2px}
.key{display:inline-block;width:.7em;height:.7em;border-radius:50%;vertical-align:0}
.key.ok{background:#0969da}.key.warn{background:var(--conflict)}
.pair{border-top:1px solid var(--line);padding-top:6px;margin-top:14px}
.why{margin:.2em 0;font-size:.9375rem}
.reason{margin:.3em 0 .6em;font-size:.9375rem;font-weight:550}
.sides{display:grid;grid-template-columns:minmax(0,1fr);gap:10px}
@media (min-width:600px){.sides{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}}
.side{background:var(--soft);border-left:4px solid var(--line);border-radius:6px;padding:8px 12px;
min-width:0}
.pair.conflict .side{border-left-color:var(--conflict)}
.pair.update .side{border-left-color:var(--update)}
.src{font-weight:650}
.src time,.who{color:var(--muted);font-weight:400;font-size:.875rem}
.claim{margin:.35em 0;font-size:1rem}
.value{font-size:.875rem}
.value b{font-variant-numeric:tabular-nums}
.doc{font-size:.8125rem;color:var(--muted);margin-top:.3em}
mark{background:var(--mark);color:inherit;border-radius:3px;padding:0 .12em;font-weight:600}
mark.negation{background:#ffd7d5}
details{margin-top:14px}
details.more{margin-top:10px}
details.more>summary{font-weight:600}
summary{cursor:pointer;color:var(--muted);font-size:.875rem}
details ul{padding-left:1.2em;font-size:.875rem}
.event{border:2px solid var(--line);border-radius:12px;padding:14px 16px;margin:22px 0}
.event .cluster{margin:14px 0}
.badge.agree{background:var(--soft);color:var(--muted)}
.attrs{width:100%;border-collapse:collapse;table-layout:fixed;font-size:.875rem;margin:.4em 0}
.attrs th,.attrs td{border-top:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
.attrs th{color:var(--muted);font-weight:600}
.attrs col.a{width:22%}.attrs col.v{width:18%}.attrs col.w{width:60%}
.attrs ul{margin:.2em 0;padding-left:1.1em}
@media (max-width:600px){.attrs col.a{width:30%}.attrs col.v{width:25%}.attrs col.w{width:45%}}
footer{color:var(--muted);font-size:.8125rem;border-top:1px solid var(--line);margin-top:28px;
padding-top:8px}
@media (max-width:420px){.page{padding:12px}.cluster{padding:12px}h1{font-size:1.35rem}}
"""


def _e(value: object, limit: int | None = None) -> str:
    """Untrusted text, cleaned, on one line and escaped for element content or a quoted attribute."""
    return escape(one_line(value, limit), quote=True)


def _anchor(cluster: dict[str, Any], number: int) -> str:
    cid = _ID.sub("-", one_line(cluster.get("id"), 40)).strip("-")
    return f"cluster-{number}-{cid}" if cid else f"cluster-{number}"


def _nb(text: str) -> str:
    """Keep "≥ 30" and "30 – 57" together when the line wraps."""
    return text.replace("≥ ", "≥\u00a0").replace("≤ ", "≤\u00a0").replace(" – ", "\u00a0– ")


def highlighted(text: object, spans: object) -> str:
    """The claim text escaped, with each highlight span in a ``<mark>``."""
    raw = str(text) if text is not None else ""
    out = []
    for piece, kind in segments(raw, spans):
        safe = escape(clean(piece), quote=True)
        out.append(f'<mark class="{escape(kind)}">{safe}</mark>' if kind else safe)
    return "".join(out).strip()


def _time(value: object) -> str:
    d = parse_date(value)
    if d is None:
        text = _e(value, 30)
        return f"<time>{text}</time>" if text else '<span class="undated">undated</span>'
    return f'<time datetime="{d.isoformat()}">{escape(format_date(value))}</time>'


def _side(claim: dict[str, Any], values: dict[int, dict[str, Any]], measure: object) -> str:
    source = _e(claim.get("source"), 80) or "unknown source"
    parts = [f'<div class="src">{source} {_time(claim.get("published"))}</div>']
    speaker = _e(claim.get("speaker"), 80)
    parts.append(f'<div class="who">{"according to " + speaker if speaker else "no speaker named"}</div>')
    parts.append(f'<p class="claim">{highlighted(claim.get("text"), claim.get("highlights"))}</p>')
    claim_id = as_int(claim.get("claim_id"))
    value = values.get(claim_id) if claim_id is not None else None
    if value:
        line = f"Value: <b>{_nb(_e(value_label(value, measure)))}</b>"
        as_of, published = value.get("as_of"), claim.get("published")
        if as_of and iso_date(as_of) != iso_date(published):
            line += f" as of {_time(as_of)}"
        parts.append(f'<div class="value">{line}</div>')
    title = _e(claim.get("title"), 200)
    url = safe_url(claim.get("url"))
    if url:
        link_text = title or _e(url, 80)
        href = escape(url, quote=True)
        parts.append(
            f'<div class="doc"><a href="{href}" rel="noopener noreferrer nofollow">{link_text}</a></div>'
        )
    elif title:
        parts.append(f'<div class="doc">{title}</div>')
    return f'<div class="side">{"".join(parts)}</div>'


def _pair(pair: dict[str, Any], values: dict[int, dict[str, Any]], measure: object) -> str:
    relation = "conflict" if pair.get("relation") != "update" else "update"
    cue = _e(pair.get("cue"), 30)
    badge = f'<span class="badge {relation}">{relation}{" · " + cue if cue else ""}</span>'
    why = (
        f'<p class="why">{badge} confidence <b>{format_score(pair.get("confidence"))}</b>'
        f" · similarity {format_score(pair.get('similarity'))}</p>"
    )
    reason = _e(pair.get("reason"), 600)
    reason_html = f'<p class="reason">{reason}</p>' if reason else ""
    both = "".join(_side(c, values, measure) for c in sides(pair, values))
    return f'<div class="pair {relation}">{why}{reason_html}<div class="sides">{both}</div></div>'


def _cluster(number: int, cluster: dict[str, Any]) -> str:
    conflicts = ordered_conflicts(cluster.get("conflicts"))
    updates = [u for u in as_list(cluster.get("updates")) if isinstance(u, dict)]
    measure = cluster.get("measure")
    values = values_by_claim(cluster)
    badges = []
    if conflicts:
        badges.append(f'<span class="badge conflict">{plural(len(conflicts), "conflict")}</span>')
    if updates:
        badges.append(f'<span class="badge update">{plural(len(updates), "update")}</span>')
    name = _name(cluster)
    head = f'<h2><span class="cid">{_e(cluster.get("id"), 30)}</span>{name} {" ".join(badges)}</h2>'
    facts = []
    size = cluster.get("size")
    if isinstance(size, int) and not isinstance(size, bool):
        facts.append(plural(size, "claim"))
    sources = [_e(s, 60) for s in as_list(cluster.get("sources"))]
    if sources:
        facts.append(f"{plural(len(sources), 'source')}: {', '.join(sources)}")
    value_range = values_span(cluster)
    if value_range:
        facts.append(f"values {escape(_nb(value_range))}")
    facts.append(f"importance {format_score(cluster.get('importance'))}")
    parts = [head, f'<p class="meta">{" · ".join(facts)}</p>']
    chart = svg.render(cluster)
    if chart:
        parts.append(
            f'<figure class="chart">{chart}<figcaption><span class="key ok"></span> value · '
            f'<span class="key warn"></span> in a conflict · ↑ at least · ↓ at most · bar: range'
            f"</figcaption></figure>"
        )
    if conflicts:
        parts.append(f"<h3>Conflicts ({len(conflicts)})</h3>")
        parts.extend(_pair(p, values, measure) for p in conflicts)
    if updates:
        parts.append(f"<h3>Updates ({len(updates)})</h3>")
        parts.extend(_pair(p, values, measure) for p in updates[:SHOWN_UPDATES])
        rest = updates[SHOWN_UPDATES:]
        if rest:
            parts.append(
                f'<details class="more"><summary>{plural(len(rest), "more update")}</summary>'
                + "".join(_pair(p, values, measure) for p in rest)
                + "</details>"
            )
    claims = [as_dict(c) for c in as_list(cluster.get("claims"))]
    if claims:
        items = "".join(
            f"<li><b>{_e(c.get('source'), 60) or 'unknown source'}</b> {_time(c.get('published'))}: "
            f"{highlighted(c.get('text'), c.get('highlights'))}</li>"
            for c in claims
        )
        parts.append(
            f"<details><summary>All {plural(len(claims), 'claim')} of this fact</summary>"
            f"<ul>{items}</ul></details>"
        )
    return f'<article class="cluster" id="{_anchor(cluster, number)}">{"".join(parts)}</article>'


def _summary(data: dict[str, Any]) -> str:
    s = summary_counts(data)
    rel = s["relations"]
    stats = [
        ("Sources", count_text(len(s["sources"])), ""),
        ("Documents", count_text(s["documents"]), ""),
        ("Claims", count_text(s["claims"]), ""),
        ("Events", count_text(s["events"]), ""),
        ("Clusters flagged", count_text(s["clusters"]), ""),
        ("Conflicts", count_text(rel["conflict"]), "conflict"),
        ("Updates", count_text(rel["update"]), "update"),
        ("Consistent pairs", count_text(rel["consistent"]), ""),
        ("Duplicates", count_text(rel["duplicate"]), ""),
    ]
    items = "".join(
        f'<li class="{cls}"><b>{value}</b><span>{label}</span></li>'
        if cls
        else f"<li><b>{value}</b><span>{label}</span></li>"
        for label, value, cls in stats
    )
    cues = "".join(f"<li>{_e(cue)}: <b>{count_text(n)}</b></li>" for cue, n in s["cues"])
    sources = ", ".join(_e(x) for x in s["sources"])
    return (
        f'<section aria-labelledby="summary"><h2 id="summary">Summary</h2><ul class="stats">{items}</ul>'
        f'<h3>Conflicts by type</h3><ul class="cues">{cues}</ul>'
        + (f'<p class="sources">Sources: {sources}</p>' if sources else "")
        + "</section>"
    )


def render(data: dict[str, Any]) -> str:
    """The report as a complete HTML document."""
    data = as_dict(data)
    clusters = [c for c in as_list(data.get("clusters")) if isinstance(c, dict)]
    meta = []
    generated = data.get("generated")
    if generated:
        meta.append(f"Generated {_e(generated, 40)}")
    if data.get("index"):
        meta.append(f"index {_e(data.get('index'), 200)}")
    filters = as_dict(data.get("filters"))
    if filters.get("source"):
        meta.append(f"source: <b>{_e(filters['source'], 60)}</b>")
    if filters.get("since"):
        meta.append(f"since <b>{_e(filters['since'], 30)}</b>")
    body = [
        "<header>",
        "<h1>Consistency report</h1>",
        f'<p class="meta">{" · ".join(meta)}</p>' if meta else "",
        "</header>",
        _summary(data),
    ]
    events = events_of(data)
    numbers = {id(c): i for i, c in enumerate(clusters, 1)}
    inside = {id(c) for e in events for c in event_parts(e, clusters)[0]}
    outside = [c for c in clusters if id(c) not in inside]
    if events or clusters:
        nav = []
        if events:
            toc = "".join(
                f'<li><a href="#{event_anchor(e, i)}">{_e(e.get("label"), 90) or _e(e.get("id"), 60)}</a> '
                f'<span class="meta">{_event_counts(e)}</span></li>'
                for i, e in enumerate(events, 1)
            )
            nav.append(f'<h2 id="toc-events">Events</h2><ol>{toc}</ol>')
        if outside:
            toc = "".join(
                f'<li><a href="#{_anchor(c, numbers[id(c)])}">{_e(c.get("id"), 30)} {_name(c)}</a> '
                f'<span class="meta">{_toc_counts(c)}</span></li>'
                for c in outside
            )
            nav.append(f'<h2 id="toc">Fact clusters with conflicts or updates</h2><ol>{toc}</ol>')
        body.append(f'<nav aria-labelledby="{"toc-events" if events else "toc"}">{"".join(nav)}</nav>')
        main = []
        if events:
            main.append(
                '<section aria-labelledby="events"><h2 id="events">Events</h2>'
                + "".join(_event(i, e, clusters) for i, e in enumerate(events, 1))
                + "</section>"
            )
        if outside:
            heading = "Facts outside events" if events else "Fact clusters"
            main.append(
                f'<section aria-labelledby="facts"><h2 id="facts">{heading}</h2>'
                + "".join(_cluster(numbers[id(c)], c) for c in outside)
                + "</section>"
            )
        body.append("<main>" + "".join(main) + "</main>")
    else:
        body.append(f'<main><p class="empty">{EMPTY_MESSAGE}.</p></main>')
    body.append(
        "<footer>xcheck pairs statements about the same fact across sources. Conflicts are ordered by "
        "confidence, then by the number of sources involved.</footer>"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        "<title>xcheck consistency report</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n"
        f'<div class="page">\n{chr(10).join(b for b in body if b)}\n</div>\n</body>\n</html>\n'
    )


def _event_counts(event: dict[str, Any]) -> str:
    n_conflicts = len([p for p in as_list(event.get("conflicts")) if isinstance(p, dict)])
    n_agree = as_int(event.get("agreements")) or 0
    parts = [plural(len(as_list(event.get("sources"))), "source")]
    if n_conflicts:
        parts.append(plural(n_conflicts, "conflict"))
    if n_agree:
        parts.append(plural(n_agree, "agreement"))
    return ", ".join(parts)


def _attribute_rows(event: dict[str, Any]) -> str:
    rows = []
    for a in as_list(event.get("attributes")):
        a = as_dict(a)
        attr = one_line(a.get("attribute"), 30)
        claims = [as_dict(c) for c in as_list(a.get("claims"))]
        said = "".join(
            f"<li><b>{_e(c.get('source'), 60) or 'unknown source'}</b> {_time(c.get('published'))}"
            + (
                f' <span class="who">according to {_e(c.get("speaker"), 80)}</span>'
                if c.get("speaker")
                else ""
            )
            + (f" · “{_e(c.get('words'), 80)}”" if c.get("words") else "")
            + f": {highlighted(c.get('text'), c.get('highlights'))}</li>"
            for c in claims
        )
        sources = ", ".join(_e(x, 60) for x in as_list(a.get("sources")))
        rows.append(
            f"<tr><td>{escape(ATTRIBUTE_NAMES.get(attr, attr))}</td><td><b>{_e(a.get('value'), 60)}</b></td>"
            f"<td>{sources}<ul>{said}</ul></td></tr>"
        )
    if not rows:
        return ""
    return (
        '<table class="attrs"><colgroup><col class="a"><col class="v"><col class="w"></colgroup>'
        "<thead><tr><th>Attribute</th><th>Value</th><th>Who says so</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _event(number: int, event: dict[str, Any], clusters: list[dict[str, Any]]) -> str:
    _inside, updates = event_parts(event, clusters)
    all_conflicts = ordered_conflicts(event.get("conflicts"))
    n_agree = as_int(event.get("agreements")) or 0
    badges = []
    if all_conflicts:
        badges.append(f'<span class="badge conflict">{plural(len(all_conflicts), "conflict")}</span>')
    if n_agree:
        badges.append(f'<span class="badge agree">{plural(n_agree, "agreement")}</span>')
    label = _e(event.get("label"), 120) or _e(event.get("id"), 60) or "event"
    parts = [f'<h2><span class="cid">{_e(event.get("id"), 60)}</span> {label} {" ".join(badges)}</h2>']
    first, last = event.get("first"), event.get("last")
    when = _time(first) + (f" to {_time(last)}" if last and iso_date(last) != iso_date(first) else "")
    facts = [when]
    size = as_int(event.get("size"))
    if size is not None:
        facts.append(plural(size, "claim"))
    sources = [_e(x, 60) for x in as_list(event.get("sources"))]
    if sources:
        facts.append(f"{plural(len(sources), 'source')}: {', '.join(sources)}")
    parts.append(f'<p class="meta">{" · ".join(facts)}</p>')
    table = _attribute_rows(event)
    if table:
        parts.append(f"<h3>Who says what</h3>{table}")
    if all_conflicts:
        parts.append(f"<h3>Conflicts ({len(all_conflicts)})</h3>")
        parts.extend(_pair(p, {}, None) for p in all_conflicts)
    if n_agree:
        by = as_dict(event.get("agreements_by_attribute"))
        detail = ", ".join(f"{_e(k, 20)} {as_int(v) or 0}" for k, v in by.items())
        parts.append(
            f'<p class="agreements">{plural(n_agree, "agreement")} across sources'
            + (f" ({detail})" if detail else "")
            + "</p>"
        )
    for series in series_of(event):
        chart = svg.render(series)
        if chart:
            parts.append(
                f'<figure class="chart">{chart}<figcaption>'
                f"{_e(series.get('measure'), 40) or 'toll'} over time, "
                f'reports of this event only · <span class="key ok"></span> value · '
                f'<span class="key warn"></span> in a conflict</figcaption></figure>'
            )
    if updates:
        parts.append(f"<h3>Updates ({len(updates)})</h3>")
        parts.extend(_pair(p, {}, None) for p in updates[:SHOWN_UPDATES])
        rest = updates[SHOWN_UPDATES:]
        if rest:
            parts.append(
                f'<details class="more"><summary>{plural(len(rest), "more update")}</summary>'
                + "".join(_pair(p, {}, None) for p in rest)
                + "</details>"
            )
    return f'<article class="event" id="{event_anchor(event, number)}">{"".join(parts)}</article>'


def _name(cluster: dict[str, Any]) -> str:
    return escape(cluster_name(cluster), quote=True) or "fact"


def _toc_counts(cluster: dict[str, Any]) -> str:
    n_conflicts = len([p for p in as_list(cluster.get("conflicts")) if isinstance(p, dict)])
    n_updates = len([p for p in as_list(cluster.get("updates")) if isinstance(p, dict)])
    parts = []
    if n_conflicts:
        parts.append(plural(n_conflicts, "conflict"))
    if n_updates:
        parts.append(plural(n_updates, "update"))
    return ", ".join(parts)
