"""Plain text and Markdown articles, with optional front matter.

Front matter is a block at the very top of the file::

    ---
    title: Headline
    source: Outlet
    url: https://example.org/story
    published: 2022-06-13
    ---

Only ``key: value`` lines are read (no YAML library needed); other keys are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import normalise_date

FRONT_MATTER_KEYS = ("title", "source", "url", "published")
_FENCE = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_MD_MARKUP = re.compile(r"^(#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+(?=\S))", re.MULTILINE)


@dataclass(frozen=True)
class ParsedText:
    text: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def split_front_matter(raw: str) -> tuple[dict[str, str], str]:
    """Return (front matter fields, body). A file without front matter has no fields."""
    m = _FENCE.match(raw)
    if not m:
        return {}, raw
    fields: dict[str, str] = {}
    for line in m.group(1).splitlines():
        lm = _LINE.match(line)
        if lm:
            fields[lm.group(1).lower()] = _unquote(lm.group(2))
    return fields, raw[m.end() :]


def strip_markdown(body: str) -> str:
    """Drop heading marks, quote marks and bullets at line starts, keeping the words.

    Emphasis marks (``*``, ``_``) inside lines are replaced by nothing only when paired.
    """
    body = _MD_MARKUP.sub("", body)
    body = re.sub(r"\*\*(.+?)\*\*|__(.+?)__", lambda m: m.group(1) or m.group(2), body)
    body = re.sub(r"\[([^\]]+)\]\((?:[^)]+)\)", r"\1", body)
    return body


def parse_text(raw: str, *, markdown: bool = False) -> ParsedText:
    """Parse a .txt or .md article. Raises ``ValueError`` for a bad ``published`` value."""
    fields, body = split_front_matter(raw)
    if markdown:
        body = strip_markdown(body)
    return ParsedText(
        text=body.strip("\n\r\ufeff"),
        title=fields.get("title") or None,
        source=fields.get("source") or None,
        url=fields.get("url") or None,
        published=normalise_date(fields.get("published")),
    )
