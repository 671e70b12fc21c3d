"""The report renderers: escaping, highlights, order, charts, Markdown tables, JSON, empty reports."""

from __future__ import annotations

import itertools
import json
import random
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from typing import Any

import pytest

from xcheck.reports import (
    EMPTY_MESSAGE,
    SCHEMA_VERSION,
    render,
    render_chart,
    render_html,
    render_json,
    render_markdown,
)
from xcheck.reports.common import format_compact, ordered_conflicts, segments, value_label, values_span
from xcheck.reports.markdown import highlighted as md_highlighted
from xcheck.reports.svg import WARN

SCRIPT = "<script>document.title='PWNED'</script>"
IMG = '"><img src=x onerror="document.body.dataset.pwned=1">'
SVG_ONLOAD = "<svg onload=alert(1)>"


# -- a realistic report ------------------------------------------------------------------------------


def claim(
    cid: int,
    source: str,
    published: str | None,
    text: str,
    marks: tuple[tuple[str, str], ...] = (),
    *,
    speaker: str | None = None,
    title: str = "",
    url: str | None = "auto",
    doc: int | None = None,
) -> dict[str, Any]:
    """A claim object as the report data holds it; ``marks`` are (substring, kind) to highlight."""
    spans = []
    for word, kind in marks:
        start = text.index(word)
        spans.append([start, start + len(word), kind])
    slug = re.sub(r"[^a-z0-9]+", "-", source.lower()).strip("-")
    return {
        "claim_id": cid,
        "doc_id": doc if doc is not None else cid // 2,
        "text": text,
        "source": source,
        "published": published,
        "title": title or f"{source}: report {cid}",
        "url": f"https://{slug or 'news'}.example/articles/{cid}" if url == "auto" else url,
        "start": 10,
        "end": 10 + len(text),
        "speaker": speaker,
        "highlights": sorted(spans),
    }


def value(c: dict[str, Any], text: str, low: float | None, high: float | None, kind: str, **kw: Any) -> dict:
    return {
        "claim_id": c["claim_id"],
        "source": c["source"],
        "published": c["published"],
        "as_of": kw.get("as_of", c["published"]),
        "text": text,
        "low": low,
        "high": high,
        "kind": kind,
    }


def pair(relation: str, a: dict, b: dict, confidence: float, cue: str | None, reason: str) -> dict:
    return {
        "relation": relation,
        "similarity": 0.9,
        "confidence": confidence,
        "cue": cue,
        "reason": reason,
        "a": a,
        "b": b,
    }


def sample_report(payloads: bool = True) -> dict[str, Any]:
    """Four fact clusters: a rising toll with conflicts, undated values, no values, no dates at all.

    With ``payloads`` some article text (a title, a claim, a speaker, a reason, a source, a url)
    carries script injection attempts, as an attacker's article could.
    """
    x = payloads
    c12 = claim(
        12,
        "Danube Wire",
        "2022-04-08",
        "At least 30 people were killed when two missiles struck the railway station in Kramatorsk.",
        (("At least 30", "quantity"),),
        speaker="regional officials",
    )
    c15 = claim(
        15,
        "Northern Ledger",
        "2022-04-08",
        "The death toll from the Kramatorsk station strike rose to 39, the railway company said.",
        (("39", "quantity"),),
        speaker="Ukrainian Railways",
        title=f"Kramatorsk toll rises {SCRIPT}" if x else "Kramatorsk toll rises",
    )
    c19 = claim(
        19,
        "Harbour Times",
        "2022-04-09",
        "Fifty people, including five children, died in the attack on the station, the governor said.",
        (("Fifty", "quantity"), ("five", "quantity")),
        speaker="Pavlo Kyrylenko",
    )
    c23 = claim(
        23,
        "Meridian Post",
        "2022-04-11",
        "By Sunday the number of people killed in the station attack had reached 57 | officials.",
        (("57", "quantity"),),
        speaker=f"the governor {IMG}" if x else "the governor",
    )
    c27 = claim(
        27,
        "Kremlin Daily" + (f" {SVG_ONLOAD}" if x else ""),
        "2022-04-08",
        "The defence ministry said Russian forces did not fire missiles at Kramatorsk and nobody was killed.",
        (("not", "negation"), ("nobody", "negation")),
        speaker="Russian defence ministry",
        url="javascript:alert(1)" if x else "https://kremlin-daily.example/a/27",
    )
    c40 = claim(
        40,
        "Meridian Post",
        "2022-04-08",
        "Around 390 people were killed at Kramatorsk station, a local official told reporters "
        + (f"{SCRIPT} {IMG}" if x else "on Friday")
        + ".",
        (("Around 390", "quantity"),),
        speaker=None,
    )
    f12 = {
        "id": "F12",
        "size": 5,
        "sources": ["Danube Wire", "Harbour Times", "Meridian Post", "Northern Ledger"],
        "measure": "killed",
        "value_range": [30.0, 429.0],
        "importance": 0.86,
        "values": [
            value(c12, "At least 30", 30.0, None, "lower_bound"),
            value(c15, "39", 39.0, 39.0, "exact"),
            value(c40, "Around 390", 351.0, 429.0, "approximate"),
            value(c19, "Fifty", 50.0, 50.0, "exact"),
            value(c23, "57", 57.0, 57.0, "exact", as_of="2022-04-10"),
        ],
        "claims": [c12, c15, c19, c23, c40],
        "conflicts": [
            pair(
                "conflict",
                c12,
                c27,
                0.72,
                "negation",
                "killed: at least 30 vs nobody (same day, Kramatorsk)",
            ),
            pair(
                "conflict",
                c15,
                c40,
                0.86,
                "numeric",
                "killed: 39 vs about 390 (same day, Kramatorsk station)" + (f" {SCRIPT}" if x else ""),
            ),
        ],
        "updates": [
            pair("update", c15, c19, 0.7, "numeric", "killed: 39 on Apr 8, 50 on Apr 9 (cumulative count)"),
            pair("update", c19, c23, 0.68, "numeric", "killed: 50 on Apr 9, 57 on Apr 10 (cumulative count)"),
        ],
    }
    d1 = claim(
        51,
        "Danube Wire",
        "2022-05-03",
        "The UN refugee agency said 5.7 million people had fled Ukraine since February 24.",
        (("5.7 million", "quantity"),),
        speaker="UNHCR",
    )
    d2 = claim(
        53,
        "Northern Ledger",
        "2022-05-12",
        "More than 6 million refugees have now left the country, according to the UN.",
        (("More than 6 million", "quantity"),),
        speaker="the UN",
    )
    d3 = claim(
        57,
        "Harbour Times",
        None,
        "Up to 8 million people could leave Ukraine, the agency warned.",
        (("Up to 8 million", "quantity"),),
        speaker="UNHCR",
    )
    d4 = claim(
        59,
        "Kremlin Daily",
        "2022-05-03",
        "Only 1.1 million people have left Ukraine, most of them for Russia, the ministry said.",
        (("1.1 million", "quantity"),),
        speaker="Russian foreign ministry",
    )
    f51 = {
        "id": "F51",
        "size": 3,
        "sources": ["Danube Wire", "Harbour Times", "Northern Ledger"],
        "measure": "fled",
        "value_range": [1100000.0, None],
        "importance": 0.64,
        "values": [
            value(d1, "5.7 million", 5.7e6, 5.7e6, "exact"),
            value(d2, "More than 6 million", 6e6, None, "lower_bound"),
            value(d3, "Up to 8 million", 0.0, 8e6, "upper_bound"),
            value(d4, "1.1 million", 1.1e6, 1.1e6, "exact"),
        ],
        "claims": [d1, d2, d3, d4],
        "conflicts": [
            pair("conflict", d1, d4, 0.64, "numeric", "fled: 5.7 million vs 1.1 million (same day)"),
        ],
        "updates": [
            pair("update", d1, d2, 0.6, "numeric", "fled: 5.7 million on May 3, over 6 million on May 12")
        ],
    }
    m1 = claim(
        70,
        "Northern Ledger",
        "2022-05-18",
        "Finland is not a member of NATO and has not applied to join, the foreign minister said.",
        (("not", "negation"), ("not", "negation")),
        speaker="Pekka Haavisto",
    )
    second = m1["text"].index("not", 12)
    m1["highlights"] = [[11, 14, "negation"], [second, second + 3, "negation"]]
    m2 = claim(
        73,
        "Danube Wire",
        "2022-05-18",
        "Finland and Sweden formally applied to join NATO on Wednesday, handing letters in Brussels.",
        (),
        speaker=None,
        url=None,
    )
    f70 = {
        "id": "F70",
        "size": 2,
        "sources": ["Danube Wire", "Northern Ledger"],
        "measure": None,
        "value_range": None,
        "importance": 0.58,
        "values": [],
        "claims": [m1, m2],
        "conflicts": [
            pair("conflict", m1, m2, 0.58, "membership", "NATO membership: applied vs not applied")
        ],
        "updates": [],
    }
    t1 = claim(
        80,
        "Harbour Times",
        None,
        "Between 300 and 400 tanks were lost in the offensive.",
        (("Between 300 and 400", "quantity"),),
    )
    t2 = claim(
        83,
        "Meridian Post",
        None,
        "The army lost 1,200 tanks, the analysts estimate.",
        (("1,200", "quantity"),),
    )
    f80 = {
        "id": "F80",
        "size": 2,
        "sources": ["Harbour Times", "Meridian Post"],
        "measure": "tanks",
        "value_range": [300.0, 1200.0],
        "importance": 0.51,
        "values": [
            value(t1, "Between 300 and 400", 300.0, 400.0, "range"),
            value(t2, "1,200", 1200.0, 1200.0, "exact"),
        ],
        "claims": [t1, t2],
        "conflicts": [pair("conflict", t1, t2, 0.51, "numeric", "tanks: 300-400 vs 1,200")],
        "updates": [],
    }
    return {
        "schema_version": 2,
        "generated": "2026-11-24T10:00:00Z",
        "index": "/srv/xcheck/index",
        "filters": {"source": None, "since": None},
        "summary": {
            "sources": ["Danube Wire", "Harbour Times", "Kremlin Daily", "Meridian Post", "Northern Ledger"],
            "documents": 12,
            "claims": 150,
            "clusters": 4,
            "relations": {"conflict": 5, "update": 3, "consistent": 12, "duplicate": 3},
            "conflicts_by_cue": {"numeric": 3, "membership": 1, "negation": 1, "date": 0},
        },
        "clusters": [f12, f51, f70, f80],
    }


def empty_report() -> dict[str, Any]:
    data = sample_report(payloads=False)
    data["clusters"] = []
    data["summary"]["clusters"] = 0
    data["summary"]["relations"].update(conflict=0, update=0)
    data["summary"]["conflicts_by_cue"] = dict.fromkeys(data["summary"]["conflicts_by_cue"], 0)
    data["filters"] = {"source": "Danube Wire", "since": "2022-05-01"}
    return data


def article_urls(data: dict[str, Any]) -> set[str]:
    return {
        side["url"]
        for c in data["clusters"]
        for p in c["conflicts"] + c["updates"]
        for side in (p["a"], p["b"])
        if side.get("url")
    }


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Tags:
    p = Tags()
    p.feed(html)
    p.close()
    return p


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "div", "header", "h1", "h2", "h3", "p", "section",
    "ul", "ol", "li", "b", "span", "nav", "a", "main", "article", "figure", "figcaption", "time", "mark",
    "details", "summary", "footer",
    # the inline SVG
    "svg", "g", "line", "polyline", "polygon", "circle", "text",
}  # fmt: skip
TABLE_TAGS = {"table", "colgroup", "col", "thead", "tbody", "tr", "th", "td"}


# -- dispatch ----------------------------------------------------------------------------------------


def test_render_picks_the_format() -> None:
    data = sample_report()
    assert render(data).startswith("<!DOCTYPE html>")
    assert render(data, "html") == render_html(data)
    assert render(data, "markdown") == render(data, "md") == render_markdown(data)
    assert render(data, "JSON") == render_json(data)
    with pytest.raises(ValueError, match="unknown report format"):
        render(data, "pdf")


def test_schema_version_matches_the_data_builder() -> None:
    from xcheck import report_data

    assert report_data.SCHEMA_VERSION == SCHEMA_VERSION


# -- HTML escaping and safety --------------------------------------------------------------------------


def test_html_escapes_every_piece_of_article_text() -> None:
    data = sample_report()
    data["clusters"][0]["measure"] = "killed <script>x()</script>"
    data["clusters"][0]["id"] = 'F12"><script>x()</script>'
    data["summary"]["sources"].append(SCRIPT)
    data["index"] = "/tmp/<script>x()</script>"
    out = render_html(data)
    parsed = parse(out)
    tags = {t for t, _ in parsed.tags}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    assert "script" not in tags and "img" not in tags
    for tag, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    text = "".join(parsed.text)
    # the payloads are shown as text
    assert "Kramatorsk toll rises <script>document.title='PWNED'</script>" in text
    assert 'the governor "><img src=x onerror="document.body.dataset.pwned=1">' in text
    assert "Kremlin Daily <svg onload=alert(1)>" in text
    assert "killed <script>x()</script>" in text
    assert "&lt;script&gt;" in out
    assert "<script" not in out.lower()
    assert "<img" not in out.lower()
    assert "onload=" not in out.replace("onload=alert(1)&gt;", "")


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "ftp://files.example/x",
        "https://ok.example/a b",
        "",
        None,
        42,
    ],
)
def test_html_links_only_http_urls(url: object) -> None:
    data = sample_report(payloads=False)
    data["clusters"][0]["conflicts"][0]["a"]["url"] = url
    parsed = parse(render_html(data))
    hrefs = [attrs.get("href") or "" for tag, attrs in parsed.tags if tag == "a"]
    assert all(h.startswith(("#", "https://", "http://")) for h in hrefs), hrefs
    if isinstance(url, str) and url:
        assert url.strip() not in hrefs


def test_html_url_with_quotes_stays_inside_its_attribute() -> None:
    data = sample_report(payloads=False)
    evil = 'https://evil.example/"><script>alert(1)</script>'
    data["clusters"][0]["conflicts"][0]["a"]["url"] = evil
    out = render_html(data)
    parsed = parse(out)
    assert "script" not in {t for t, _ in parsed.tags}
    assert evil in [attrs.get("href") for tag, attrs in parsed.tags if tag == "a"]
    assert 'rel="noopener noreferrer nofollow"' in out


def test_html_has_no_external_requests() -> None:
    data = sample_report()
    out = render_html(data)
    own = article_urls(data)
    for m in re.finditer(
        r"""\b(src|href|xlink:href|action|srcset|poster|data)\s*=\s*["']?([^"'\s>]*)""", out, re.I
    ):
        attr, target = m.group(1).lower(), m.group(2)
        if re.match(r"(?:https?:)?//", target, re.I):
            assert attr == "href" and target.replace("&amp;", "&") in own, m.group(0)
    assert not [attrs for _, attrs in parse(out).tags if "src" in attrs or "srcset" in attrs]
    assert "@import" not in out
    assert "url(" not in out
    assert "<link" not in out
    assert "<script" not in out
    assert "<iframe" not in out
    csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    assert f'<meta http-equiv="Content-Security-Policy" content="{csp}">' in out
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in out
    assert "@media (min-width:600px)" in out


def test_control_characters_do_not_break_html_or_svg() -> None:
    data = sample_report(payloads=False)
    c = data["clusters"][0]
    c["measure"] = "killed\x00\x1b\x7f\ud800"
    c["values"][0]["source"] = "Danube\x0bWire"
    c["conflicts"][0]["a"]["text"] = "At\x00 least 30 people were killed."
    out = render_html(data)
    assert "\x00" not in out and "\x1b" not in out and "\ud800" not in out
    out.encode("utf-8")  # no lone surrogate left
    for fragment in re.findall(r"<svg.*?</svg>", out, re.S):
        ET.fromstring(fragment)


# -- highlights ---------------------------------------------------------------------------------------


def test_highlights_are_marked_at_their_offsets() -> None:
    data = sample_report(payloads=False)
    out = render_html(data)
    assert '<mark class="quantity">At least 30</mark> people were killed' in out
    neg = '<mark class="negation">not</mark>'
    assert f"Finland is {neg} a member of NATO and has {neg} applied" in out
    md = render_markdown(data)
    assert "**At least 30** people were killed" in md
    assert "station strike rose to **39**, the railway" in md
    assert "Finland is **not** a member of NATO and has **not** applied" in md


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([[4, 6, "quantity"]], [("abc ", None), ("30", "quantity"), (" xyz", None)]),
        (
            [[4, 6, "quantity"], [0, 3, "negation"]],
            [("abc", "negation"), (" ", None), ("30", "quantity"), (" xyz", None)],
        ),
        # overlapping and touching spans merge
        (
            [[2, 5, "quantity"], [4, 7, "negation"]],
            [("ab", None), ("c 30 ", "quantity negation"), ("xyz", None)],
        ),
        ([[0, 3, "quantity"], [3, 6, "quantity"]], [("abc 30", "quantity"), (" xyz", None)]),
        ([[4, 6, "quantity"], [4, 6, "quantity"]], [("abc ", None), ("30", "quantity"), (" xyz", None)]),
        # out of range: clipped or dropped
        ([[7, 99, "quantity"]], [("abc 30 ", None), ("xyz", "quantity")]),
        ([[-5, 3, "quantity"]], [("abc", "quantity"), (" 30 xyz", None)]),
        ([[50, 60, "quantity"]], [("abc 30 xyz", None)]),
        # empty, reversed, malformed: ignored
        ([[5, 5, "quantity"], [6, 4, "quantity"]], [("abc 30 xyz", None)]),
        ([["4", 6, "quantity"], [4], None, "x", [True, 6, "q"], [4.0, 6.0, "q"]], [("abc 30 xyz", None)]),
        ([[4, 6]], [("abc ", None), ("30", "other"), (" xyz", None)]),
        ([[4, 6, '"><script>']], [("abc ", None), ("30", "script"), (" xyz", None)]),
        (None, [("abc 30 xyz", None)]),
        ("garbage", [("abc 30 xyz", None)]),
    ],
)
def test_segments(spans: object, expected: list[tuple[str, str | None]]) -> None:
    assert segments("abc 30 xyz", spans) == expected


def test_segments_always_rebuild_the_text() -> None:
    rng = random.Random(7)
    text = "The toll rose to 1,606, officials said, not 606."
    for _ in range(500):
        spans = [
            [rng.randint(-5, 60), rng.randint(-5, 60), rng.choice(["quantity", "negation"])]
            for _ in range(rng.randint(0, 5))
        ]
        pieces = segments(text, spans)
        assert "".join(p for p, _ in pieces) == text
        assert all(p for p, _ in pieces)
        kinds = [k for _, k in pieces]
        assert all(a is None or b is None for a, b in itertools.pairwise(kinds))


def test_html_highlights_out_of_range_are_safe() -> None:
    data = sample_report(payloads=False)
    a = data["clusters"][0]["conflicts"][0]["a"]
    a["text"] = "<b>30</b> killed"
    a["highlights"] = [[3, 5, "quantity"], [0, 999, "negation"], [-3, 2, "quantity"], [12, 4, "x"]]
    out = render_html(data)
    assert '<mark class="quantity negation">&lt;b&gt;30&lt;/b&gt; killed</mark>' in out


def test_markdown_bold_does_not_swallow_spaces() -> None:
    assert md_highlighted("rose to 39 today", [[7, 11, "quantity"]]) == "rose to **39** today"
    assert md_highlighted("a   b", [[1, 4, "quantity"]]) == "a b"
    assert md_highlighted("x*y* 3_0", [[5, 8, "quantity"]]) == r"x\*y\* **3\_0**"


# -- order -----------------------------------------------------------------------------------------


def test_cluster_order_is_kept() -> None:
    data = sample_report(payloads=False)
    data["clusters"].reverse()
    ids = [c["id"] for c in data["clusters"]]
    for out in (render_html(data), render_markdown(data)):
        positions = [out.index(f"{cid}</span>" if out.startswith("<!") else f". {cid}") for cid in ids]
        assert positions == sorted(positions)


def test_conflicts_ordered_by_confidence_then_sources() -> None:
    data = sample_report(payloads=False)
    f12 = data["clusters"][0]
    out = render_html(data)
    # given 0.72 first, shown 0.86 first
    assert out.index("39 vs about 390") < out.index("at least 30 vs nobody")
    md = render_markdown(data)
    assert md.index("### Conflict 1: numeric, confidence 0.86") < md.index(
        "### Conflict 2: negation, confidence 0.72"
    )
    same = dict(f12["conflicts"][0], confidence=0.5, reason="one source")
    same["b"] = dict(same["b"], source=same["a"]["source"])
    two = dict(f12["conflicts"][1], confidence=0.5, reason="two sources")
    top = dict(f12["conflicts"][1], confidence=0.9, reason="top")
    assert [p["reason"] for p in ordered_conflicts([same, two, top])] == ["top", "two sources", "one source"]
    assert [p["reason"] for p in ordered_conflicts([two, same])] == ["two sources", "one source"]
    assert ordered_conflicts([{"confidence": None}, "junk", {"confidence": 0.1}]) == [
        {"confidence": 0.1},
        {"confidence": None},
    ]


def test_updates_read_in_time_order_and_many_are_folded() -> None:
    data = sample_report(payloads=False)
    f12 = data["clusters"][0]
    first = f12["updates"][0]
    first["a"], first["b"] = first["b"], first["a"]  # later report given first
    extra = [dict(first, reason=f"extra update {i}") for i in range(4)]
    f12["updates"] += extra
    out = render_html(data)
    block = out[out.index("39 on Apr 8, 50 on Apr 9") :]
    assert block.index("Northern Ledger") < block.index("Harbour Times"), "the earlier report comes first"
    assert '<details class="more"><summary>3 more updates</summary>' in out
    assert out.index("<summary>3 more updates</summary>") < out.index("extra update 1")
    md = render_markdown(data)
    assert "### Update 3:" in md and "### Update 4:" not in md
    assert "_…and 3 more updates (see the HTML or JSON report)._" in md
    table = md[md.index("**Reason:** killed: 39 on Apr 8") :]
    assert table.index("Northern Ledger") < table.index("Harbour Times")


# -- charts ----------------------------------------------------------------------------------------


def svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(s) for s in re.findall(r"<svg\b.*?</svg>", html, re.S)]


def tag(el: ET.Element) -> str:
    return el.tag.rsplit("}", 1)[-1]


def find(el: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in el.iter() if tag(e) == name]


def test_one_valid_svg_per_cluster_with_values() -> None:
    data = sample_report()
    charts = svgs(render_html(data))
    with_values = [c for c in data["clusters"] if c["values"]]
    assert len(charts) == len(with_values) == 3
    for chart in charts:
        assert chart.get("viewBox", "").startswith("0 0 ")
        assert chart.get("width") == "100%"
        assert find(chart, "title")
    assert render_chart(data["clusters"][2]) == ""  # no values, no chart


def rising(n: int, dated: bool = True) -> dict[str, Any]:
    values = [
        {
            "claim_id": i,
            "source": f"S{i}",
            "published": f"2022-04-{8 + i:02d}" if dated else None,
            "as_of": f"2022-04-{8 + i:02d}" if dated else None,
            "text": str(v),
            "low": float(v),
            "high": float(v),
            "kind": "exact",
        }
        for i, v in enumerate([30, 39, 50, 57, 88][:n])
    ]
    return {"id": "F1", "measure": "killed", "values": values, "conflicts": [], "updates": []}


def polyline_ys(chart: ET.Element) -> list[float]:
    lines = [p for p in find(chart, "polyline") if p.get("class") == "trend"]
    assert len(lines) == 1
    return [float(xy.split(",")[1]) for xy in (lines[0].get("points") or "").split()]


def polyline_xs(chart: ET.Element) -> list[float]:
    line = next(p for p in find(chart, "polyline") if p.get("class") == "trend")
    return [float(xy.split(",")[0]) for xy in (line.get("points") or "").split()]


def test_rising_values_draw_a_rising_line() -> None:
    chart = ET.fromstring(render_chart(rising(5)))
    ys = polyline_ys(chart)
    assert len(ys) == 5
    assert all(b < a for a, b in itertools.pairwise(ys))  # SVG y grows downwards
    xs = polyline_xs(chart)
    assert all(b > a for a, b in itertools.pairwise(xs))


def test_falling_values_draw_a_falling_line_in_date_order() -> None:
    cluster = rising(4)
    for v, low in zip(cluster["values"], [90, 70, 40, 10], strict=True):
        v["low"] = v["high"] = float(low)
    cluster["values"].reverse()  # given out of time order
    ys = polyline_ys(ET.fromstring(render_chart(cluster)))
    assert all(b > a for a, b in itertools.pairwise(ys))


def test_chart_marks_bounds_intervals_and_conflicts() -> None:
    data = sample_report(payloads=False)
    chart = ET.fromstring(render_chart(data["clusters"][0]))
    groups = [g for g in find(chart, "g") if (g.get("class") or "").startswith("pt")]
    assert len(groups) == 5
    tips = {find(g, "title")[0].text or "": g for g in groups}
    lower = next(g for t, g in tips.items() if t.startswith("Danube Wire"))
    assert find(lower, "polygon"), "a lower bound has an arrow"
    assert any(c.get("fill") == "#ffffff" for c in find(lower, "circle")), "and an open marker"
    interval = next(g for t, g in tips.items() if "Around 390" in t)
    assert len(find(interval, "line")) == 3, "an interval is a bar with two caps"
    conflicted = [g for g in groups if g.get("class") == "pt conflict"]
    assert {find(g, "title")[0].text.split(" · ")[0] for g in conflicted} == {  # type: ignore[union-attr]
        "Danube Wire",
        "Northern Ledger",
        "Meridian Post",
    }
    for g in conflicted:
        assert any(WARN in (e.get("fill"), e.get("stroke")) for e in g.iter())
    texts = [t.text for t in find(chart, "text")]
    assert "killed" in texts
    assert "8 Apr 2022" in texts and "11 Apr 2022" not in texts  # the axis ends at the last as_of date
    assert "10 Apr 2022" in texts


def test_chart_puts_undated_values_in_their_own_column() -> None:
    data = sample_report(payloads=False)
    chart = ET.fromstring(render_chart(data["clusters"][1]))
    texts = [t.text or "" for t in find(chart, "text")]
    assert "no date" in texts
    assert any(t.endswith("M") for t in texts), texts  # millions on the axis: 2M, 4M, ...
    # the undated value is not on the line, nor is 1.1 million, only in a conflict: 5.7 million -> 6 million
    ys = polyline_ys(chart)
    assert len(ys) == 2 and ys[1] < ys[0]


def test_values_only_in_a_conflict_stay_off_the_line() -> None:
    cluster = rising(4)
    outlier = dict(cluster["values"][1], claim_id=99, low=900.0, high=900.0, source="Outlier")
    cluster["values"].append(outlier)
    cluster["conflicts"] = [{"confidence": 0.9, "a": {"claim_id": 1}, "b": {"claim_id": 99}}]
    cluster["updates"] = [{"a": {"claim_id": 1}, "b": {"claim_id": 2}}]
    chart = ET.fromstring(render_chart(cluster))
    ys = polyline_ys(chart)
    assert len(ys) == 4  # 30, 39 (in the conflict, but also an update), 50, 57; not 900
    assert all(b < a for a, b in itertools.pairwise(ys))
    warn = [g for g in find(chart, "g") if g.get("class") == "pt conflict"]
    assert len(warn) == 2


def test_number_line_when_no_value_has_a_date() -> None:
    chart = ET.fromstring(render_chart(rising(3, dated=False)))
    assert not find(chart, "polyline")
    texts = [t.text for t in find(chart, "text")]
    assert {"S0", "S1", "S2"} <= set(texts)
    title = find(chart, "title")[0].text or ""
    assert "no dates" in title
    circles = [c for c in find(chart, "circle")]
    xs = [float(c.get("cx") or 0) for c in circles]
    assert xs == sorted(xs)  # 30 < 39 < 50 from left to right


def test_chart_escapes_text_and_survives_odd_values() -> None:
    cluster = rising(3)
    cluster["measure"] = "<script>alert(1)</script> & co"
    cluster["values"][0]["source"] = '"><img src=x onerror=alert(1)>'
    cluster["values"][1]["low"] = float("nan")
    cluster["values"][1]["high"] = "12"
    cluster["values"].append({"claim_id": 9, "low": True, "high": None})
    cluster["values"].append("junk")
    svg = render_chart(cluster)
    root = ET.fromstring(svg)
    assert not [e for e in root.iter() if tag(e) in ("script", "img")]
    assert "<script>alert(1)</script> & co" in [t.text for t in find(root, "text")]
    assert len([g for g in find(root, "g") if g.get("class") == "pt"]) == 2


def test_chart_of_equal_values_and_single_value() -> None:
    one = rising(1)
    assert ET.fromstring(render_chart(one)) is not None
    same = rising(3)
    for v in same["values"]:
        v["low"] = v["high"] = 0.0
    ys = polyline_ys(ET.fromstring(render_chart(same)))
    assert len(set(ys)) == 1
    assert render_chart({"values": []}) == ""
    assert render_chart({}) == ""


# -- Markdown -------------------------------------------------------------------------------------------


def cells(row: str) -> list[str]:
    """The cells of a Markdown table row, honouring backslash escapes."""
    out, cur, i = [], "", 0
    body = row.strip()
    assert body.startswith("|") and body.endswith("|") and not body.endswith("\\|"), row
    body = body[1:-1]
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            cur += body[i : i + 2]
            i += 2
            continue
        if ch == "|":
            out.append(cur)
            cur = ""
        else:
            cur += ch
        i += 1
    out.append(cur)
    return out


def tables(md: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in md.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def test_markdown_tables_are_well_formed_with_pipes_escaped() -> None:
    data = sample_report()
    data["clusters"][0]["conflicts"][0]["a"]["speaker"] = "A | B"
    data["clusters"][0]["conflicts"][0]["a"]["source"] = "Pipe|Source\\"
    md = render_markdown(data)
    found = tables(md)
    assert len(found) == 2 + sum(len(c["conflicts"]) + len(c["updates"]) for c in data["clusters"])
    for table in found:
        widths = {len(cells(row)) for row in table}
        assert len(widths) == 1, table
        assert re.fullmatch(r"\|( ?-+:? \|)+", table[1].replace("---:", "--:")), table[1]
    assert "had reached **57** \\| officials" in md
    assert "A \\| B" in md
    assert "Pipe\\|Source\\\\" in md


def test_markdown_escapes_markup_in_article_text() -> None:
    data = sample_report()
    c = data["clusters"][0]["conflicts"][0]["a"]
    c["text"] = "Some *claim* with _under_ `code` [link](http://x) ~~strike~~ $x$ & more"
    c["highlights"] = []
    md = render_markdown(data)
    assert r"Some \*claim\* with \_under\_ \`code\` \[link\](http://x) \~\~strike\~\~ \$x\$ \& more" in md
    assert not re.search(r"(?<!\\)<", md), "every < is escaped: no raw HTML at all"
    assert r"\<script\>document.title='PWNED'\</script\>" in md
    assert "javascript:" not in md
    assert "](https://danube-wire.example/articles/12)" in md


def test_markdown_link_urls_cannot_break_out() -> None:
    data = sample_report(payloads=False)
    data["clusters"][0]["conflicts"][0]["a"]["url"] = "https://x.example/a(b)|c<d>"
    md = render_markdown(data)
    assert "](https://x.example/a%28b%29%7Cc%3Cd%3E)" in md


def test_markdown_summary_values_line_and_reason() -> None:
    md = render_markdown(sample_report(payloads=False))
    assert md.startswith("# xcheck consistency report\n")
    assert "| Claims | 150 |" in md
    assert "| Fact clusters with a conflict or update | 4 |" in md
    assert "| numeric | 3 |" in md and "| membership | 1 |" in md
    assert (
        "Values: ≥ 30 (Danube Wire, Apr 8) ⚠ → 39 (Northern Ledger, Apr 8) ⚠ → Around 390 (Meridian Post, "
        "Apr 8) ⚠ → 50 (Harbour Times, Apr 9) → 57 (Meridian Post, Apr 10) (⚠ = in a conflict)"
    ) in md
    assert (
        "Values: 5.7 million (Danube Wire, May 3) ⚠ → 1.1 million (Kremlin Daily, May 3) ⚠ → ≥ 6 million"
        in md
    )
    assert "≤ 8 million (Harbour Times)" in md
    assert "**Reason:** killed: 39 vs about 390 (same day, Kramatorsk station)" in md
    assert "<svg" not in md
    assert "## 1. F12 · killed — 2 conflicts, 2 updates" in md
    assert "## 3. F70 · Finland is not a member of NATO and has not applied to join… — 1 conflict" in md
    assert (
        "5 claims · 4 sources (Danube Wire, Harbour Times, Meridian Post, Northern Ledger) · values 30 – 429"
        in md
    )


# -- JSON -------------------------------------------------------------------------------------------


def test_json_round_trips_with_schema_version_first() -> None:
    data = sample_report()
    data["summary"]["sources"].append("Київ — Kyiv")
    moved = {k: v for k, v in data.items() if k != "schema_version"}
    moved["schema_version"] = 2
    for d in (data, moved):
        out = render_json(d)
        assert json.loads(out) == data
        assert next(iter(json.loads(out))) == "schema_version"
        assert out.startswith('{\n  "schema_version": 2,\n')
        assert "Київ — Kyiv" in out
    assert render_json(data) == json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# -- empty report --------------------------------------------------------------------------------------


def test_empty_report_says_so_in_every_format() -> None:
    data = empty_report()
    html = render_html(data)
    md = render_markdown(data)
    js = render_json(data)
    for out in (html, md, js):
        assert EMPTY_MESSAGE in out
    assert "<svg" not in html and "<article" not in html
    assert "Danube Wire" in html and "2022-05-01" in html  # the filters are shown
    assert "## 1." not in md
    loaded = json.loads(js)
    assert loaded["clusters"] == [] and loaded["message"] == EMPTY_MESSAGE
    assert {k: v for k, v in loaded.items() if k != "message"} == data


def test_minimal_and_malformed_data_still_render() -> None:
    for data in (
        {},
        {"schema_version": 2, "clusters": None, "summary": None},
        {
            "clusters": [
                "junk",
                {"id": None, "values": None, "conflicts": [None, {"a": None}], "updates": "x"},
            ]
        },
        {"clusters": [{"claims": [{"text": None, "highlights": [[0, 5, "quantity"]]}], "size": True}]},
    ):
        for fmt in ("html", "markdown", "json"):
            assert render(data, fmt)
    assert EMPTY_MESSAGE in render_html({})


def test_values_span_and_compact_numbers() -> None:
    data = sample_report(payloads=False)
    assert values_span(data["clusters"][1]) == "1.1 million – 8 million"
    assert values_span(data["clusters"][2]) == ""
    lower_top = {
        "values": [{"low": 39.0, "high": 39.0}, {"low": 15000.0, "high": None, "kind": "lower_bound"}]
    }
    assert values_span(lower_top) == "39 – ≥ 15,000"
    assert values_span({"values": [], "value_range": [30.0, None]}) == "≥ 30"
    assert values_span({"values": [{"low": 6.3, "high": 6.3}], "measure": "percent"}) == "6.3%"
    assert [format_compact(t, 15000) for t in (0, 5000, 10000, 15000)] == ["0", "5k", "10k", "15k"]
    assert format_compact(6.3e6) == "6.3M" and format_compact(1200) == "1,200"


def test_value_labels() -> None:
    assert value_label({"low": 30.0, "high": None, "kind": "lower_bound"}) == "≥ 30"
    assert value_label({"low": 0.0, "high": 50.0, "kind": "upper_bound"}) == "≤ 50"
    assert value_label({"low": 300.0, "high": 400.0, "kind": "range"}) == "300–400"
    assert value_label({"low": 1606.0, "high": 1606.0, "kind": "exact"}) == "1,606"
    assert value_label({"low": 6.3, "high": 6.3, "kind": "exact"}, "percent") == "6.3%"
    assert (
        value_label({"low": 540.0, "high": 660.0, "kind": "approximate", "text": "about 600"}) == "about 600"
    )
    assert value_label({"low": None, "high": None, "text": None}) == "?"


# -- events -----------------------------------------------------------------------------------------


def sample_events_report(payloads: bool = True) -> dict[str, Any]:
    """The sample report with two events: the Kramatorsk station (who fired, its tolls, fact F12 inside
    it) and a mall with a toll series of its own. With ``payloads`` article text carries injections."""
    x = payloads
    data = sample_report(payloads=payloads)
    f12 = data["clusters"][0]
    e1 = claim(
        101,
        "Danube Wire",
        "2022-04-08",
        "Kyiv says Russian forces fired two missiles at the railway station in Kramatorsk.",
        speaker="Ukraine",
    )
    e2 = claim(
        103,
        "Kremlin Daily",
        "2022-04-08",
        "The defence ministry said a Ukrainian Tochka-U hit the Kramatorsk station"
        + (f" {SCRIPT}" if x else "")
        + ", and the strike was not Russian.",
        (("not", "negation"),),
        speaker="Russia (defence ministry)" + (f" {IMG}" if x else ""),
    )
    m1 = claim(111, "Harbour Times", "2022-06-27", "At least 9 people were killed at the Bright mall.")
    m2 = claim(113, "Meridian Post", "2022-06-28", "The strike on the Bright mall killed 18 people.")
    station = {
        "id": "station-kramatorsk-2022-04-08",
        "label": "strike: Kramatorsk station, 2022-04-08" + (f" {SCRIPT}" if x else ""),
        "target": "station@Kramatorsk",
        "kind": "strike",
        "first": "2022-04-08",
        "last": "2022-04-11",
        "sources": ["Danube Wire", "Harbour Times", "Kremlin Daily", "Meridian Post", "Northern Ledger"],
        "size": 7,
        "attributes": [
            {
                "attribute": "agent",
                "value": "Russia",
                "sources": ["Danube Wire"],
                "speakers": ["Ukraine"],
                "claims": [{**e1, "words": "Russian forces fired"}],
            },
            {
                "attribute": "agent",
                "value": "Ukraine" + (f" {SVG_ONLOAD}" if x else ""),
                "sources": ["Kremlin Daily"],
                "speakers": ["Russia (defence ministry)"],
                "claims": [{**e2, "words": "Ukrainian Tochka-U"}],
            },
            {
                "attribute": "weapon",
                "value": "Tochka-U",
                "sources": ["Kremlin Daily"],
                "speakers": ["Russia (defence ministry)"],
                "claims": [{**e2, "words": "Tochka-U"}],
            },
        ],
        "conflicts": [
            pair("conflict", e1, e2, 0.83, "agent", "who did it (Kramatorsk station): Russia vs Ukraine"),
            *f12["conflicts"],
        ],
        "agreements": 3,
        "agreements_by_attribute": {"agent": 1, "weapon": 2},
        "timeline": [
            {"measure": "killed", "values": f12["values"]},
            {"measure": "injured", "values": [value(e1, "more than 100", 100.0, None, "lower_bound")]},
        ],
        "clusters": ["F12"],
    }
    f12["event"] = station["id"]
    for c in data["clusters"][1:]:
        c["event"] = None
    mall = {
        "id": "mall-bright-2022-06-27",
        "label": "strike: Bright mall, 2022-06-27",
        "target": "mall@Bright",
        "kind": "strike",
        "first": "2022-06-27",
        "last": "2022-06-28",
        "sources": ["Harbour Times", "Meridian Post"],
        "size": 2,
        "attributes": [],
        "conflicts": [],
        "agreements": 0,
        "agreements_by_attribute": {},
        "timeline": [
            {
                "measure": "killed",
                "values": [
                    value(m1, "At least 9", 9.0, None, "lower_bound"),
                    value(m2, "18", 18.0, 18.0, "exact"),
                ],
            }
        ],
        "clusters": [],
    }
    data["events"] = [station, mall]
    data["summary"]["events"] = 2
    return data


def test_html_events_come_first_with_table_conflicts_updates_and_charts() -> None:
    data = sample_events_report(payloads=False)
    out = render_html(data)
    parsed = parse(out)
    assert {t for t, _ in parsed.tags} <= ALLOWED_TAGS | TABLE_TAGS
    assert out.index('id="events"') < out.index('id="facts"')
    events = re.findall(
        r'<article class="event" id="([^"]+)">(.*?)</article>(?=<article class="event"|</section>)', out, re.S
    )
    assert [i for i, _ in events] == [
        "event-1-station-kramatorsk-2022-04-08",
        "event-2-mall-bright-2022-06-27",
    ]
    station, mall = events[0][1], events[1][1]
    assert (
        "strike: Kramatorsk station, 2022-04-08" in station
        and "8 Apr 2022" in station
        and "11 Apr 2022" in station
    )
    assert "Danube Wire, Harbour Times, Kremlin Daily, Meridian Post, Northern Ledger" in station
    rows = re.findall(r"<tr><td>(.*?)</td><td><b>(.*?)</b></td>", station)
    assert rows == [("who did it", "Russia"), ("who did it", "Ukraine"), ("with what", "Tochka-U")]
    assert "according to Russia (defence ministry)" in station and "“Ukrainian Tochka-U”" in station
    assert "<h3>Conflicts (3)</h3>" in station and station.count('<div class="pair conflict">') == 3
    assert "3 agreements across sources (agent 1, weapon 2)" in station
    assert "<h3>Updates (2)</h3>" in station  # the updates of F12, the fact inside the event
    assert station.count("<svg") == 2 and mall.count("<svg") == 1  # one chart per measure per event
    assert '<mark class="negation">not</mark>' in station
    # F12 lies in the event: it is not shown again among the facts outside events
    facts = out[out.index('id="facts"') :]
    assert 'id="cluster-1-F12"' not in out and 'id="cluster-2-F51"' in facts
    toc = out[out.index("<nav") : out.index("</nav>")]
    assert "#event-1-station-kramatorsk-2022-04-08" in toc and "#cluster-1-F12" not in toc
    assert "Events</b><span>" not in out and "<b>2</b><span>Events</span>" in out


def test_event_charts_never_join_numbers_of_two_events() -> None:
    out = render_html(sample_events_report(payloads=False))
    charts = {
        i: [ET.fromstring(s) for s in re.findall(r"<svg.*?</svg>", body, re.S)]
        for i, body in re.findall(
            r'<article class="event" id="([^"]+)">(.*?)</article>(?=<article|</section>)', out, re.S
        )
    }
    mall = charts["event-2-mall-bright-2022-06-27"]
    assert len(mall) == 1
    tips = [t.text or "" for t in find(mall[0], "title")][1:]
    assert len(tips) == 2 and all(("Harbour Times" in t or "Meridian Post" in t) for t in tips)
    assert polyline_ys(mall[0])[0] > polyline_ys(mall[0])[1]  # 9 then 18: a rising line of this event
    killed, injured = charts["event-1-station-kramatorsk-2022-04-08"]
    assert len(find(killed, "g")) == 5 and len(find(injured, "g")) == 1
    assert not any("Bright" in (t.text or "") for t in find(killed, "title"))


def test_events_escape_article_text_in_html_and_markdown() -> None:
    data = sample_events_report(payloads=True)
    out = render_html(data)
    parsed = parse(out)
    assert "script" not in {t for t, _ in parsed.tags} and "img" not in {t for t, _ in parsed.tags}
    text = "".join(parsed.text)
    assert f"strike: Kramatorsk station, 2022-04-08 {SCRIPT}" in text
    assert f"Ukraine {SVG_ONLOAD}" in text
    md = render_markdown(data)
    assert re.search(r"(?<!\\)<(script|svg|img)", md) is None and "\\<script\\>" in md
    for table in tables(md):
        assert len({len(cells(row)) for row in table}) == 1, table


def test_markdown_events_section() -> None:
    md = render_markdown(sample_events_report(payloads=False))
    assert md.index("## Events") < md.index("## Facts outside events")
    assert "### E1. strike: Kramatorsk station, 2022-04-08 — 3 conflicts, 3 agreements" in md
    assert "`station-kramatorsk-2022-04-08` · 2022-04-08 to 2022-04-11 · 7 claims · 5 sources" in md
    assert "| Attribute | Value | Sources | Who says so |" in md
    assert "| who did it | **Russia** | Danube Wire | Danube Wire (according to Ukraine): Kyiv says" in md
    assert "Timeline, injured: ≥ 100 (Danube Wire, Apr 8)" in md
    assert "Timeline, killed: ≥ 9 (Harbour Times, Jun 27) → 18 (Meridian Post, Jun 28)" in md
    assert "3 agreements across sources (agent 1, weapon 2)." in md
    assert "F12" not in md.split("## Facts outside events")[1]
    assert "| Events | 2 |" in md


def test_json_with_events_round_trips_and_is_not_empty() -> None:
    data = sample_events_report()
    data["clusters"] = []
    loaded = json.loads(render_json(data))
    assert loaded == data and "message" not in loaded
    for fmt in ("html", "markdown"):
        assert EMPTY_MESSAGE not in render(data, fmt)


def test_malformed_events_still_render() -> None:
    for events in (
        None,
        "x",
        [None, "junk", {}],
        [{"attributes": [None, {"claims": "x"}], "timeline": [{}, None]}],
    ):
        data = {"events": events, "clusters": [{"id": "F1", "event": "nope"}]}
        for fmt in ("html", "markdown", "json"):
            assert render(data, fmt)
