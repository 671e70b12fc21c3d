"""Renderers of the consistency report: pure functions from the report data to text.

The data is the dict built by :func:`xcheck.report_data.build_report_data` (``schema_version`` 2,
described there).
Each renderer is ``render(data) -> str`` with no I/O; :func:`render` picks one by format name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .common import EMPTY_MESSAGE, SCHEMA_VERSION
from .html import render as render_html
from .json_report import render as render_json
from .markdown import render as render_markdown
from .svg import render as render_chart

__all__ = [
    "EMPTY_MESSAGE",
    "FORMATS",
    "SCHEMA_VERSION",
    "render",
    "render_chart",
    "render_html",
    "render_json",
    "render_markdown",
]

FORMATS: dict[str, Callable[[dict[str, Any]], str]] = {
    "html": render_html,
    "markdown": render_markdown,
    "md": render_markdown,
    "json": render_json,
}


def render(data: dict[str, Any], fmt: str = "html") -> str:
    """The report in ``fmt``: "html", "markdown" (or "md") or "json"."""
    try:
        renderer = FORMATS[fmt.lower()]
    except KeyError:
        raise ValueError(f"unknown report format {fmt!r}; use one of: html, markdown, json") from None
    return renderer(data)
