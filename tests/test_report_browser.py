"""The HTML report in real headless Chromium: it renders, no script runs, it reads at phone width.

Chromium comes from Debian's ``chromium`` package (see tests/browser.py: installed when missing and
running as root; the tests fail under CI and skip elsewhere when it cannot be had). Set
``XCHECK_SCREENSHOT_DIR`` to keep the screenshots.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from xcheck.reports import EMPTY_MESSAGE, render_html

from .browser import dump_dom, ensure_chromium, png_stats, screenshot
from .test_reports import IMG, SCRIPT, SVG_ONLOAD, empty_report, parse, sample_events_report, sample_report

pytestmark = pytest.mark.integration

TITLE = "xcheck consistency report"
LONG_WORD = "https://tracking.example/" + "x" * 180  # must wrap, not widen the page


@pytest.fixture(scope="module")
def chromium() -> str:
    return ensure_chromium()


def report() -> dict[str, Any]:
    data = sample_report(payloads=True)
    data["clusters"][0]["claims"][0]["text"] += " Source: " + LONG_WORD
    data["clusters"][0]["conflicts"][0]["reason"] += f" {SCRIPT}"
    return data


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_html(report()), encoding="utf-8")
    return path


def keep(path: Path) -> None:
    target = os.environ.get("XCHECK_SCREENSHOT_DIR")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(target) / path.name)


def test_page_renders_without_errors_and_payloads_stay_text(chromium: str, page: Path) -> None:
    run = dump_dom(chromium, page.as_uri())
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.console() == [], "the page logged console messages (errors, CSP violations)"
    dom = run.stdout
    parsed = parse(dom)
    tags = [t for t, _ in parsed.tags]
    for bad in ("script", "img", "iframe", "object", "embed", "link", "foreignobject"):
        assert bad not in tags, f"a <{bad}> element exists in the rendered page"
    for tag, attrs in parsed.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert "data-pwned" not in attrs
    assert f"<title>{TITLE}</title>" in dom  # the payload would have changed it to PWNED
    assert "PWNED</title>" not in dom
    text = "".join(parsed.text)
    assert SCRIPT in text
    assert IMG.strip('"') in text
    assert SVG_ONLOAD in text
    assert tags.count("article") == 4
    assert tags.count("svg") == 3
    assert tags.count("mark") >= 10
    hrefs = [a.get("href") or "" for t, a in parsed.tags if t == "a"]
    assert hrefs and all(h.startswith(("#", "https://")) for h in hrefs)
    assert not [h for h in hrefs if "javascript" in h.lower()]


def test_empty_report_renders(chromium: str, tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text(render_html(empty_report()), encoding="utf-8")
    run = dump_dom(chromium, path.as_uri(), 390, 844)
    assert run.returncode == 0 and run.console() == [], run.stderr[-3000:]
    assert f'<p class="empty">{EMPTY_MESSAGE}.</p>' in run.stdout


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 900)])
def test_screenshots_are_not_blank(
    chromium: str, page: Path, tmp_path: Path, width: int, height: int
) -> None:
    png = tmp_path / f"report-{width}x{height}.png"
    run = screenshot(chromium, page.as_uri(), png, width, height)
    assert run.returncode == 0, run.stderr[-3000:]
    assert png.exists() and png.stat().st_size > 5000
    keep(png)
    stats = png_stats(png)
    assert (stats.width, stats.height) == (width, height)
    assert stats.colours > 50, "a page of text and cards has many shades"
    assert 0.02 < stats.ink < 0.6, stats


PROBE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>probe</title></head>
<body style="margin:0">
<iframe id="phone" style="width:390px;height:844px;border:0;display:block" srcdoc="{doc}"></iframe>
<iframe id="desktop" style="width:1280px;height:900px;border:0;display:block" srcdoc="{doc}"></iframe>
<script>
function measure(frame) {{
  var d = frame.contentDocument, w = d.documentElement.clientWidth, over = [];
  d.querySelectorAll("body *").forEach(function (e) {{
    var r = e.getBoundingClientRect();
    if (r.width > 0 && (r.right > w + 1 || r.left < -1)) {{
      over.push(e.tagName + " " + (e.getAttribute("class") || ""));
    }}
  }});
  var pairs = [].map.call(d.querySelectorAll(".sides"), function (s) {{
    return [].map.call(s.children, function (e) {{
      var r = e.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.top), Math.round(r.width)];
    }});
  }});
  var fonts = [].map.call(d.querySelectorAll(".claim"), function (e) {{
    return parseFloat(getComputedStyle(e).fontSize);
  }});
  var charts = [].map.call(d.querySelectorAll("figure.chart svg"), function (e) {{
    return Math.round(e.getBoundingClientRect().width);
  }});
  return {{width: w, scrollWidth: d.documentElement.scrollWidth, overflow: over.slice(0, 20), pairs: pairs,
          fonts: fonts, charts: charts, scripts: d.scripts.length, images: d.images.length,
          pwned: d.body.hasAttribute("data-pwned"), title: d.title}};
}}
window.addEventListener("load", function () {{
  document.body.setAttribute("data-probe", JSON.stringify({{
    phone: measure(document.getElementById("phone")), desktop: measure(document.getElementById("desktop"))
  }}));
}});
</script></body></html>"""


def test_layout_stacks_at_phone_width_and_sits_side_by_side_on_desktop(
    chromium: str, page: Path, tmp_path: Path
) -> None:
    """The report in two frames, 390 and 1280 CSS px wide, measured by a script in the test's parent page."""
    probe = tmp_path / "probe.html"
    probe.write_text(
        PROBE.format(doc=html.escape(page.read_text(encoding="utf-8"), quote=True)), encoding="utf-8"
    )
    run = dump_dom(chromium, probe.as_uri(), 1400, 1000)
    assert run.returncode == 0, run.stderr[-3000:]
    m = re.search(r'data-probe="([^"]*)"', run.stdout)
    assert m, "the probe did not run: " + run.stdout[:500]
    found = json.loads(html.unescape(m.group(1)))
    phone, desktop = found["phone"], found["desktop"]
    for view, width in ((phone, 390), (desktop, 1280)):
        assert view["width"] == width
        assert view["scrollWidth"] <= width, f"the page scrolls sideways at {width}px"
        assert view["overflow"] == [], f"elements stick out at {width}px: {view['overflow']}"
        assert view["scripts"] == 0 and view["images"] == 0 and not view["pwned"]
        assert view["title"] == TITLE
        assert min(view["fonts"]) >= 15, "claims are readable"
        assert len(view["charts"]) == 3
    assert len(phone["pairs"]) == 8  # conflicts and updates: 4 + 2 + 1 + 1
    for a, b in phone["pairs"]:
        assert a[0] == b[0] and b[1] > a[1], "at phone width the two sides stack"
        assert a[2] > 300
    for a, b in desktop["pairs"]:
        assert a[1] == b[1] and b[0] > a[0] + a[2] - 1, "on a desktop the two sides stand side by side"
    assert all(w >= 320 for w in phone["charts"]), "charts use the phone's width"
    assert all(w <= 480 for w in desktop["charts"]), "and do not blow up on a desktop"


@pytest.fixture(scope="module")
def events_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = sample_events_report(payloads=True)
    data["events"][0]["attributes"][0]["claims"][0]["text"] += " Source: " + LONG_WORD
    path = tmp_path_factory.mktemp("report") / "events.html"
    path.write_text(render_html(data), encoding="utf-8")
    return path


def test_events_render_and_fit_a_phone_and_a_desktop(
    chromium: str, events_page: Path, tmp_path: Path
) -> None:
    run = dump_dom(chromium, events_page.as_uri(), 390, 844)
    assert run.returncode == 0 and run.console() == [], run.stderr[-3000:]
    parsed = parse(run.stdout)
    tags = [t for t, _ in parsed.tags]
    assert "script" not in tags and "img" not in tags
    assert tags.count("table") == 1 and tags.count("svg") == 3 + 2  # the events: 3 series; F51, F80
    text = "".join(parsed.text)
    assert f"strike: Kramatorsk station, 2022-04-08 {SCRIPT}" in text and f"Ukraine {SVG_ONLOAD}" in text
    probe = tmp_path / "probe.html"
    probe.write_text(
        PROBE.format(doc=html.escape(events_page.read_text(encoding="utf-8"), quote=True)), encoding="utf-8"
    )
    run = dump_dom(chromium, probe.as_uri(), 1400, 1000)
    m = re.search(r'data-probe="([^"]*)"', run.stdout)
    assert m, "the probe did not run: " + run.stdout[:500]
    found = json.loads(html.unescape(m.group(1)))
    for name, width in (("phone", 390), ("desktop", 1280)):
        view = found[name]
        assert view["scrollWidth"] <= width, f"the page scrolls sideways at {width}px"
        assert view["overflow"] == [], f"elements stick out at {width}px: {view['overflow']}"
        assert len(view["charts"]) == 5
    assert all(w >= 320 for w in found["phone"]["charts"])
    png = tmp_path / "events-390x844.png"
    shot = screenshot(chromium, events_page.as_uri(), png, 390, 844)
    assert shot.returncode == 0 and png_stats(png).colours > 50
    keep(png)
