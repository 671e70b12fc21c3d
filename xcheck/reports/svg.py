"""A small inline SVG chart of the values the sources of one fact cluster give, drawn by hand.

Timeline (when at least one value has a date): x = the date the figure is as of, y = the value; the
dated values are joined by a line in time order, so a rising death toll rises. Undated values stand in
a "no date" column on the right. Number line (no value has a date): one row per value, x = the value.

Marks: an exact value is a dot; a lower bound ("at least 30") an open dot with an arrow towards larger
values; an upper bound an open dot with an arrow towards smaller ones; an interval ("300-400",
"about 600") a bar. The values of claims in a conflict are drawn in the warning colour.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any

from .common import (
    as_dict,
    as_list,
    as_number,
    conflict_claim_ids,
    format_compact,
    format_date,
    one_line,
    plural,
    value_date,
    value_label,
    with_unit,
)

WIDTH = 400
COLOUR = "#0969da"
WARN = "#cf222e"
LINE = "#54aeff"
AXIS = "#6e7781"
GRID = "#d8dee4"
TEXT = "#57606a"
MAX_POINTS = 60
_FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"'


@dataclass
class _Point:
    source: str
    when: date | None
    low: float | None
    high: float | None
    shape: str  # point | lower | upper | interval
    warn: bool
    on_line: bool
    approximate: bool
    tip: str

    @property
    def value(self) -> float:
        """The value the line and the label go through."""
        if self.shape == "interval" and self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        if self.shape == "upper" and self.high is not None:
            return self.high
        return self.low if self.low is not None else self.high if self.high is not None else 0.0

    def label(self, measure: str) -> str:
        """The value in few characters: "39", "≥ 30", "≤ 8M", "~390", "300–400"."""
        if self.shape == "interval" and self.low is not None and self.high is not None:
            if self.approximate:
                return "~" + with_unit(format_compact(self.value), measure)
            return with_unit(f"{format_compact(self.low)}–{format_compact(self.high)}", measure)
        text = with_unit(format_compact(self.value), measure)
        return {"lower": "≥ ", "upper": "≤ "}.get(self.shape, "") + text

    def extent(self) -> list[float]:
        if self.shape == "interval":
            return [v for v in (self.low, self.high) if v is not None]
        return [self.value]


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _n(value: float) -> str:
    """A coordinate: one decimal, no trailing zeros."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _points(cluster: dict[str, Any]) -> list[_Point]:
    warn_ids = conflict_claim_ids(cluster)
    update_ids = {
        as_dict(pair).get(side, {}).get("claim_id")
        for pair in as_list(cluster.get("updates"))
        for side in ("a", "b")
        if isinstance(as_dict(pair).get(side), dict)
    }
    measure = cluster.get("measure")
    points = []
    for raw in as_list(cluster.get("values"))[:MAX_POINTS]:
        v = as_dict(raw)
        low, high = as_number(v.get("low")), as_number(v.get("high"))
        if low is None and high is None:
            continue
        kind = v.get("kind")
        if kind == "upper_bound" and high is not None:
            shape, low = "upper", None  # "up to 50" is [0, 50]: the 0 is no information
        elif high is None:
            shape = "lower"
        elif low is None:
            shape = "upper"
        elif math.isclose(low, high):
            shape = "point"
        else:
            shape, low, high = "interval", min(low, high), max(low, high)
        when = value_date(v)
        source = one_line(v.get("source"), 60) or "unknown source"
        cid = v.get("claim_id")
        warn = cid in warn_ids
        label, words = value_label(v, measure), one_line(v.get("text"), 80)
        said = f"“{words}”" if words and words != label else ""
        when_text = format_date(v.get("as_of") or v.get("published"))
        tip = " · ".join(x for x in (source, when_text, label, said, "in a conflict" if warn else "") if x)
        # the line shows the figure over time: a value only in a conflict is an outlier, not a step of it
        on_line = when is not None and (not warn or cid in update_ids)
        approximate = kind in ("approximate", "vague")
        points.append(_Point(source, when, low, high, shape, warn, on_line, approximate, tip))
    return points


def _ticks(lo: float, hi: float, count: int = 5, whole: bool = False) -> list[float]:
    """Round tick values covering [lo, hi]: steps of 1, 2, 2.5 or 5 times a power of ten.

    ``whole``: the values are counts, so no step is smaller than 1 (and none is 2.5).
    """
    if hi < lo:
        lo, hi = hi, lo
    if math.isclose(lo, hi):
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
        if lo < 0 <= lo + pad:
            lo = 0.0
    raw = (hi - lo) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = magnitude * 10
    for m in (1, 2, 2.5, 5, 10):
        if whole and (m * magnitude < 1 or (m == 2.5 and magnitude < 10)):
            continue
        if m * magnitude >= raw:
            step = m * magnitude
            break
    start = math.floor(lo / step) * step
    end = math.ceil(hi / step) * step
    n = max(1, round((end - start) / step))
    return [round(start + i * step, 10) for i in range(n + 1)]


def _domain(points: list[_Point]) -> list[float]:
    """The value axis' ticks: from zero when the values vary a lot, else wide enough not to overstate."""
    values = [v for p in points for v in p.extent()]
    lo, hi = min(values), max(values)
    if 0 <= lo < hi * 0.5:
        lo = 0.0  # counts that vary a lot: start at zero, honest proportions
    elif lo > 0 and hi - lo < hi * 0.3:
        lo = max(0.0, hi * 0.7)  # 18 vs 20 is no steep rise: show at least 30 % of the top value
        lo = min(lo, min(values))
    whole = all(float(v).is_integer() for v in values)
    return _ticks(lo, hi, whole=whole)


def _arrow(x: float, y: float, dx: float, dy: float, colour: str) -> str:
    """A line from (x, y) by (dx, dy) with an arrow head at its end."""
    x2, y2 = x + dx, y + dy
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    px, py = -uy, ux
    head = (
        f"{_n(x2)},{_n(y2)} {_n(x2 - 6 * ux + 4 * px)},{_n(y2 - 6 * uy + 4 * py)} "
        f"{_n(x2 - 6 * ux - 4 * px)},{_n(y2 - 6 * uy - 4 * py)}"
    )
    return (
        f'<line x1="{_n(x)}" y1="{_n(y)}" x2="{_n(x2 - 5 * ux)}" y2="{_n(y2 - 5 * uy)}" '
        f'stroke="{colour}" stroke-width="2"/><polygon points="{head}" fill="{colour}"/>'
    )


def _mark(p: _Point, x: float, pos: Callable[[float], float], vertical: bool) -> str:
    """The shapes of one value; ``pos`` maps a value to a pixel along the value axis."""
    colour = WARN if p.warn else COLOUR
    parts = []
    v = pos(p.value)
    cx, cy = (x, v) if vertical else (v, x)
    radius = 6 if p.warn else 5
    if p.shape == "interval" and p.low is not None and p.high is not None:
        a, b = pos(p.low), pos(p.high)
        if vertical:
            parts.append(
                f'<line x1="{_n(x)}" y1="{_n(a)}" x2="{_n(x)}" y2="{_n(b)}" stroke="{colour}" '
                f'stroke-width="3" stroke-linecap="round"/>'
                f'<line x1="{_n(x - 5)}" y1="{_n(a)}" x2="{_n(x + 5)}" y2="{_n(a)}" stroke="{colour}" '
                f'stroke-width="2"/>'
                f'<line x1="{_n(x - 5)}" y1="{_n(b)}" x2="{_n(x + 5)}" y2="{_n(b)}" stroke="{colour}" '
                f'stroke-width="2"/>'
            )
        else:
            parts.append(
                f'<line x1="{_n(a)}" y1="{_n(x)}" x2="{_n(b)}" y2="{_n(x)}" stroke="{colour}" '
                f'stroke-width="3" stroke-linecap="round"/>'
                f'<line x1="{_n(a)}" y1="{_n(x - 5)}" x2="{_n(a)}" y2="{_n(x + 5)}" stroke="{colour}" '
                f'stroke-width="2"/>'
                f'<line x1="{_n(b)}" y1="{_n(x - 5)}" x2="{_n(b)}" y2="{_n(x + 5)}" stroke="{colour}" '
                f'stroke-width="2"/>'
            )
        parts.append(f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="3.5" fill="{colour}"/>')
    elif p.shape in ("lower", "upper"):
        sign = 1 if p.shape == "lower" else -1  # towards larger values, or smaller ones
        if vertical:
            parts.append(_arrow(cx, cy - sign * radius, 0, -sign * 20, colour))
        else:
            parts.append(_arrow(cx + sign * radius, cy, sign * 22, 0, colour))
        parts.append(
            f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{radius}" fill="#ffffff" stroke="{colour}" '
            f'stroke-width="2.5"/>'
        )
    else:
        parts.append(f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{radius}" fill="{colour}"/>')
    if p.warn:
        parts.append(
            f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{radius + 4}" fill="none" stroke="{WARN}" '
            f'stroke-width="1.5" stroke-opacity="0.5"/>'
        )
    cls = "pt conflict" if p.warn else "pt"
    return f'<g class="{cls}"><title>{_e(p.tip)}</title>{"".join(parts)}</g>'


class _Labels:
    """Value labels beside the marks, skipped where they would overlap one already placed."""

    def __init__(self, left: float, right: float) -> None:
        self.boxes: list[tuple[float, float, float, float]] = []
        self.left, self.right = left, right
        self.out: list[str] = []

    def add(self, text: str, x: float, y: float, colour: str, x_left: float | None = None) -> None:
        """Place ``text`` right of ``x``, or else left of ``x_left`` (default ``x``), if there is room."""
        width = 8.8 * len(text) + 4
        left_of = x if x_left is None else x_left
        for x0, anchor in ((x + 13, "start"), (left_of - 13 - width, "end")):
            box = (x0, y - 9, x0 + width, y + 9)
            if box[0] < self.left or box[2] > self.right:
                continue
            if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in self.boxes):
                continue
            self.boxes.append(box)
            tx = x0 if anchor == "start" else x0 + width
            self.out.append(
                f'<text x="{_n(tx)}" y="{_n(y + 4.5)}" text-anchor="{anchor}" fill="{colour}" '
                f'font-size="15" font-weight="600">{_e(text)}</text>'
            )
            return

    def block(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.boxes.append((x0, y0, x1, y1))


def _svg(width: float, height: float, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}" width="100%" '
        f'role="img" {_FONT} font-size="14"><title>{_e(title)}</title>{"".join(body)}</svg>'
    )


def _timeline(points: list[_Point], measure: str, title: str) -> str:
    height = 230
    left, right, top, bottom = 52.0, WIDTH - 14.0, 34.0, height - 40.0
    undated = [p for p in points if p.when is None]
    dated = [p for p in points if p.when is not None]
    band = 64.0 if undated else 0.0
    x0, x1 = left + 18, right - band - 18
    ticks = _domain(points)
    lo, hi = ticks[0], ticks[-1]

    def y(value: float) -> float:
        return bottom - (value - lo) / (hi - lo) * (bottom - top)

    body = []
    for t in ticks:
        body.append(
            f'<line x1="{_n(left)}" y1="{_n(y(t))}" x2="{_n(right)}" y2="{_n(y(t))}" stroke="{GRID}" '
            f'stroke-width="1"/>'
            f'<text x="{_n(left - 6)}" y="{_n(y(t) + 4)}" text-anchor="end" fill="{TEXT}" font-size="14">'
            f"{_e(with_unit(format_compact(t, max(abs(ticks[0]), abs(ticks[-1]))), measure))}</text>"
        )
    body.append(
        f'<line x1="{_n(left)}" y1="{_n(top - 10)}" x2="{_n(left)}" y2="{_n(bottom)}" stroke="{AXIS}"/>'
        f'<line x1="{_n(left)}" y1="{_n(bottom)}" x2="{_n(right)}" y2="{_n(bottom)}" stroke="{AXIS}"/>'
    )
    if measure:
        body.append(
            f'<text x="{_n(left - 44)}" y="14" fill="{TEXT}" font-size="14.5" font-weight="600">'
            f"{_e(one_line(measure, 40))}</text>"
        )
    days = sorted({p.when for p in dated if p.when})
    first, last = (days[0], days[-1]) if days else (None, None)

    def x_of(d: date) -> float:
        if first is None or last is None or first == last:
            return (x0 + x1) / 2
        return x0 + (d - first).days / (last - first).days * (x1 - x0)

    # same-day values side by side, smallest first, so the line still runs left to right
    placed: list[tuple[float, _Point]] = []
    for day in days:
        group = sorted((p for p in dated if p.when == day), key=lambda p: p.value)
        for i, p in enumerate(group):
            placed.append((x_of(day) + (i - (len(group) - 1) / 2) * 16, p))
    if band:
        xb = right - band / 2
        body.append(
            f'<line x1="{_n(right - band)}" y1="{_n(top - 10)}" x2="{_n(right - band)}" y2="{_n(bottom)}" '
            f'stroke="{AXIS}" stroke-dasharray="3 3"/>'
            f'<text x="{_n(xb)}" y="{_n(bottom + 16)}" text-anchor="middle" fill="{TEXT}" font-size="14">'
            f"no date</text>"
        )
        group = sorted(undated, key=lambda p: p.value)
        for i, p in enumerate(group):
            placed.append((xb + (i - (len(group) - 1) / 2) * 16, p))
    if first is not None and last is not None:
        labels = [(x_of(first), first, "start" if first != last else "middle")]
        if first != last:
            labels.append((x_of(last), last, "end"))
        for x, d, anchor in labels:
            body.append(
                f'<line x1="{_n(x)}" y1="{_n(bottom)}" x2="{_n(x)}" y2="{_n(bottom + 5)}" stroke="{AXIS}"/>'
                f'<text x="{_n(x - 8 if anchor == "start" else x + 8 if anchor == "end" else x)}" '
                f'y="{_n(bottom + 18)}" text-anchor="{anchor}" fill="{TEXT}" font-size="14">'
                f"{_e(format_date(d.isoformat()))}</text>"
            )
    line = [(x, y(p.value)) for x, p in placed if p.on_line]
    if len(line) > 1:
        coords = " ".join(f"{_n(x)},{_n(yy)}" for x, yy in line)
        body.append(
            f'<polyline class="trend" points="{coords}" fill="none" stroke="{LINE}" stroke-width="2" '
            f'stroke-linejoin="round"/>'
        )
    labels_ = _Labels(left + 2, WIDTH - 2)
    for x, p in placed:
        labels_.block(x - 7, y(p.value) - 7, x + 7, y(p.value) + 7)
    for x, p in placed:
        body.append(_mark(p, x, y, vertical=True))
    if len(placed) <= 8:
        for x, p in placed:
            labels_.add(p.label(measure), x, y(p.value), WARN if p.warn else TEXT)
    body.extend(labels_.out)
    return _svg(WIDTH, height, title, body)


def _number_line(points: list[_Point], measure: str, title: str) -> str:
    row = 26.0
    top = 30.0
    height = top + row * len(points) + 34
    left, right = 128.0, WIDTH - 40.0
    ticks = _domain(points)
    lo, hi = ticks[0], ticks[-1]
    bottom = top + row * len(points)

    def x(value: float) -> float:
        return left + (value - lo) / (hi - lo) * (right - left)

    body = []
    for t in ticks:
        body.append(
            f'<line x1="{_n(x(t))}" y1="{_n(top - 8)}" x2="{_n(x(t))}" y2="{_n(bottom)}" stroke="{GRID}"/>'
            f'<text x="{_n(x(t))}" y="{_n(bottom + 18)}" text-anchor="middle" fill="{TEXT}" font-size="14">'
            f"{_e(with_unit(format_compact(t, max(abs(ticks[0]), abs(ticks[-1]))), measure))}</text>"
        )
    body.append(
        f'<line x1="{_n(left)}" y1="{_n(bottom)}" x2="{_n(right + 22)}" y2="{_n(bottom)}" stroke="{AXIS}"/>'
    )
    if measure:
        body.append(
            f'<text x="{_n(right + 22)}" y="16" text-anchor="end" fill="{TEXT}" font-size="14.5" '
            f'font-weight="600">{_e(one_line(measure, 40))}</text>'
        )
    labels = _Labels(left, WIDTH - 2)
    for i, p in enumerate(points):
        cy = top + row * i + row / 2
        body.append(
            f'<text x="{_n(left - 12)}" y="{_n(cy + 4.5)}" text-anchor="end" fill="{TEXT}" font-size="14">'
            f"{_e(one_line(p.source, 15))}</text>"
        )
        body.append(_mark(p, cy, x, vertical=False))
        lo_x = x(p.low if p.low is not None else p.value)
        hi_x = x(p.high if p.high is not None else p.value)
        if p.shape == "lower":
            hi_x += 28  # the arrow
        elif p.shape == "upper":
            lo_x -= 28
        labels.block(lo_x - 7, cy - 7, hi_x + 7, cy + 7)
        labels.add(p.label(measure), hi_x + 3, cy, WARN if p.warn else TEXT, lo_x + 2)
    body.extend(labels.out)
    return _svg(WIDTH, height, title, body)


def render(cluster: dict[str, Any]) -> str:
    """The chart of one cluster's values as an ``<svg>`` element; "" when it has no numeric value."""
    points = _points(as_dict(cluster))
    if not points:
        return ""
    measure = one_line(cluster.get("measure"), 40)
    lo = min(v for p in points for v in p.extent())
    hi = max(v for p in points for v in p.extent())
    span = with_unit(format_compact(lo), measure)
    if not math.isclose(lo, hi):
        span += " to " + with_unit(format_compact(hi), measure)
    sources = len({p.source for p in points})
    what = measure or "value"
    if any(p.when for p in points):
        title = f"{what} over time: {span}, {plural(len(points), 'value')} from {plural(sources, 'source')}"
        return _timeline(points, measure, title)
    title = f"{what}: {span}, {plural(len(points), 'value')} from {plural(sources, 'source')} (no dates)"
    return _number_line(points, measure, title)
