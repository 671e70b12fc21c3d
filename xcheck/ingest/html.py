"""Read a news page's HTML: main text (headline then paragraphs) and metadata.

Only the standard library and BeautifulSoup with the builtin ``html.parser`` are used. Parsing never
raises on malformed markup; a page with no article text gives ``ParsedPage.text == ""`` and the caller
decides what to report.

Main text: the largest ``<article>`` (else ``<main>``, else ``[itemprop=articleBody]``, else ``<body>``)
with navigation, menus, asides, footers, scripts, forms, figures/captions, buttons and share / social /
newsletter / related / comments / cookie / advert / breadcrumb blocks removed. Block elements (``h1``-``h3``,
``p``, ``li``, ``blockquote``, ``pre``) become paragraphs, joined by a blank line. When the container does
not hold the page's ``<h1>``, that headline (else the title) is put first.

Metadata, first found wins:

- title: ``og:title``, ``twitter:title``, ``<h1>``, JSON-LD ``headline``, ``<title>``; a trailing
  `` | Outlet`` / `` - Outlet`` naming the outlet is dropped;
- source: ``og:site_name``, ``<meta name=publisher>``, ``application-name``, JSON-LD ``publisher.name``;
- published (``YYYY-MM-DD``, see :func:`xcheck.ingest.dates.parse_date`): ``article:published_time``,
  ``<meta name=date>``, ``pubdate``, a few other common meta names, ``itemprop=datePublished``,
  ``<time datetime>`` in the article, JSON-LD ``datePublished``, any other ``<time>``; values that do
  not parse are skipped;
- url: ``<link rel=canonical>``, ``og:url``.
"""

from __future__ import annotations

import html
import json
import re
import warnings
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from bs4 import BeautifulSoup
from bs4.element import (
    CData,
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    ProcessingInstruction,
    Tag,
)

from .dates import parse_date

__all__ = ["ParsedPage", "parse_html"]


@dataclass(frozen=True)
class ParsedPage:
    """What :func:`parse_html` found on a page."""

    text: str  # main text only: headline then paragraphs, joined by "\n\n"
    title: str | None
    source: str | None  # outlet name
    url: str | None
    published: str | None  # ISO date YYYY-MM-DD


# --- cleaning ---------------------------------------------------------------------------------------------

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "aside",
    "footer",
    "form",
    "iframe",
    "svg",
    "figure",
    "figcaption",
    "button",
    "input",
    "select",
    "textarea",
    "label",
    "canvas",
    "video",
    "audio",
    "picture",
    "object",
    "embed",
    "dialog",
    "menu",
    "link",
    "meta",
)
_DROP_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"})
_JUNK_ATTR = re.compile(
    r"share|sharing|social|newsletter|subscri|related|cookie|consent|gdpr|advert|sponsor|promo"
    r"|(?:^|[\s_-])(?:ads?|comments?)(?:$|[\s_-])|dfp|taboola|outbrain|menu|breadcrumb|sidebar|byline"
    r"|skip-?link|popup|modal|signup|sign-up|most-?read|most-?popular|trending|recommend|read-?more|more-?stories"
    r"|(?:^|[\s_-])(?:nav|navbar|navigation|footer|masthead|toolbar|tags?|caption|credit|print|visually-hidden"
    r"|sr-only|screen-reader-text)(?:$|[\s_-])",
    re.IGNORECASE,
)
_COMMENTS_ATTR = re.compile(r"comment|disqus|discussion|replies", re.IGNORECASE)
_TEXT_BLOCKS = frozenset({"p", "h1", "h2", "h3", "li", "blockquote", "pre"})
_BOUNDARY_TAGS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "div",
        "section",
        "article",
        "main",
        "header",
        "body",
        "html",
        "table",
        "thead",
        "tbody",
        "tr",
        "td",
        "th",
        "address",
        "hr",
        "details",
        "summary",
    }
)
_SKIP_STRINGS = (Comment, CData, Declaration, Doctype, ProcessingInstruction)
_SHORT_TEXT = 500  # characters
_HAS_WORD = re.compile(r"[^\W_]")
_WS = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")


def _clean_text(value: str) -> str:
    return _WS.sub(" ", value).strip()


def _attr_str(tag: Tag, name: str) -> str:
    value = tag.attrs.get(name) if isinstance(tag.attrs, dict) else None
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value)
    return str(value)


class _Index:
    """Elements looked up more than once, collected in one pass over the tree before anything is removed."""

    def __init__(self, soup: BeautifulSoup) -> None:
        self.soup = soup
        self.by_name: dict[str, list[Tag]] = {}
        self.by_itemprop: dict[str, list[Tag]] = {}
        self.role_main: list[Tag] = []
        for el in soup.descendants:
            if not isinstance(el, Tag):
                continue
            self.by_name.setdefault((el.name or "").lower(), []).append(el)
            for prop in _attr_str(el, "itemprop").lower().split():
                self.by_itemprop.setdefault(prop, []).append(el)
            if _attr_str(el, "role").lower() == "main":
                self.role_main.append(el)
        # ids of the elements that hold the story's <h1>, <main> or articleBody (and those elements)
        self.protected: set[int] = set()
        for el in [*self.tags("h1"), *self.tags("main"), *self.itemprop("articlebody")]:
            self.protected.add(id(el))
            for parent in el.parents:
                if id(parent) in self.protected:
                    break
                self.protected.add(id(parent))

    def tags(self, name: str) -> list[Tag]:
        return [t for t in self.by_name.get(name, []) if not t.decomposed]

    def itemprop(self, prop: str) -> list[Tag]:
        return [t for t in self.by_itemprop.get(prop.lower(), []) if not t.decomposed]


_NOTHING_PROTECTED: frozenset[int] = frozenset()


def _is_junk(
    tag: Tag,
    protected: AbstractSet[int] = _NOTHING_PROTECTED,
    by_marks: bool = True,
    container_chars: int = 0,
) -> bool:
    """Whether ``tag`` is page furniture.

    ``by_marks`` also judges by class / id names. Such a match is overruled for a wrapper that holds the
    story itself: one in ``protected`` (it contains the ``<h1>``, a ``<main>`` or ``[itemprop=articleBody]``),
    or, when ``container_chars`` is given, one holding most of the container's text unless it is a
    comments block.
    """
    name = (tag.name or "").lower()
    if name in _DROP_TAGS:
        return True
    if _attr_str(tag, "role").lower() in _DROP_ROLES:
        return True
    if tag.has_attr("hidden") or _attr_str(tag, "aria-hidden").lower() == "true":
        return True
    style = _attr_str(tag, "style").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    if not by_marks:
        return False
    marks = f"{_attr_str(tag, 'class')} {_attr_str(tag, 'id')}".strip()
    if not marks or _JUNK_ATTR.search(marks) is None:
        return False
    if id(tag) in protected:
        return False  # e.g. <div class="layout-with-sidebar"> around the story
    if container_chars and not _COMMENTS_ATTR.search(marks):
        return _text_len(tag) <= 0.6 * container_chars
    return True


def _text_len(tag: Tag) -> int:
    return sum(len(node) for node in tag.descendants if isinstance(node, NavigableString))


def _is_root(tag: Tag) -> bool:
    return tag.name in ("body", "html", "[document]")


def _remove_junk(container: Tag, index: _Index) -> None:
    """Remove boilerplate elements inside ``container`` (never the container itself)."""
    chars = _text_len(container)
    doomed = [
        el
        for el in container.descendants
        if isinstance(el, Tag) and _is_junk(el, index.protected, container_chars=chars)
    ]
    for el in doomed:
        if not el.decomposed:
            el.decompose()
    # a site header (logo, menus) when the container is the whole body; headers inside an article stay
    if _is_root(container):
        for header in container.find_all("header"):
            if not isinstance(header, Tag) or header.decomposed:
                continue
            if header.find_parent(["article", "main"]) is None:
                header.decompose()


def _in_junk(tag: Tag, index: _Index) -> bool:
    """Whether an ancestor of ``tag`` (below ``<body>``) is furniture, e.g. a teaser inside "related"."""
    for parent in tag.parents:
        if _is_root(parent):
            return False
        if _is_junk(parent, index.protected):
            return True
    return False


def _paragraphs(container: Tag, strict: bool) -> list[str]:
    """Text of the block elements under ``container``, one string per paragraph, in document order.

    ``strict`` keeps only text inside ``p``/``h1``-``h3``/``li``/``blockquote``/``pre``; otherwise loose
    text in ``div``s counts too. Two ``<br>`` in a row break a paragraph, one is a space.
    """
    out: list[str] = []
    buf: list[str] = []
    current: Tag | None = None
    breaks = 0

    def flush() -> None:
        text = _clean_text("".join(buf))
        if _HAS_WORD.search(text):
            out.append(text)
        buf.clear()

    for node in container.descendants:
        if isinstance(node, Tag):
            if node.name == "br":
                breaks += 1
            continue
        if not isinstance(node, NavigableString) or isinstance(node, _SKIP_STRINGS):
            continue
        block, counted = _block_of(node, container, strict)
        if not counted:
            continue
        piece = str(node)
        if block is not current:
            flush()
            current = block
            breaks = 0
        elif breaks and piece.strip():
            if breaks >= 2:
                flush()
            else:
                buf.append(" ")
            breaks = 0
        buf.append(piece)
    flush()
    return out


def _block_of(node: NavigableString, container: Tag, strict: bool) -> tuple[Tag, bool]:
    """Nearest block ancestor of ``node`` and whether its text counts as article text."""
    block: Tag | None = None
    counted = not strict
    el = node.parent
    while el is not None:
        name = el.name
        if block is None and (name in _BOUNDARY_TAGS or el is container):
            block = el
        if name in _TEXT_BLOCKS:
            counted = True
        if el is container or (block is not None and counted):
            break
        el = el.parent
    return (block if block is not None else container), counted


# --- metadata ---------------------------------------------------------------------------------------------


def _meta_map(index: _Index) -> dict[str, str]:
    """Lower-cased ``property``/``name``/``itemprop``/``http-equiv`` of ``<meta>`` -> first content."""
    found: dict[str, str] = {}
    for meta in index.tags("meta"):
        content = _attr_str(meta, "content").strip()
        if not content:
            continue
        for key_attr in ("property", "name", "itemprop", "http-equiv"):
            key = _attr_str(meta, key_attr).strip().lower()
            if key and key not in found:
                found[key] = _decode(content)
    return found


def _decode(value: str) -> str:
    # meta contents are sometimes entity-encoded twice ("It&amp;#8217;s")
    if "&" in value and ";" in value:
        value = html.unescape(value)
    return _clean_text(value)


def _json_ld(index: _Index) -> list[dict[str, Any]]:
    """Every JSON object found in ``<script type="application/ld+json">`` blocks (``@graph`` flattened)."""
    objects: list[dict[str, Any]] = []
    for script in index.tags("script"):
        if "ld+json" not in _attr_str(script, "type").lower():
            continue
        raw = script.string if script.string is not None else script.get_text()
        raw = raw.strip()
        raw = re.sub(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$", "", raw).strip()
        if not raw:
            continue
        try:
            data = json.loads(raw, strict=False)
        except (ValueError, RecursionError):
            continue
        objects.extend(_walk_ld(data, 0))
    return objects


def _walk_ld(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk_ld(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _walk_ld(graph, depth + 1)
        main_entity = data.get("mainEntity")
        if isinstance(main_entity, (dict, list)):
            yield from _walk_ld(main_entity, depth + 1)


_ARTICLE_TYPES = re.compile(r"article|posting|report|newsarticle|webpage|liveblog", re.IGNORECASE)


def _ld_types(obj: dict[str, Any]) -> str:
    kind = obj.get("@type", "")
    if isinstance(kind, list):
        return " ".join(str(k) for k in kind)
    return str(kind)


def _ld_articles(objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Article-like JSON-LD objects first, then the rest."""
    articles = [o for o in objects if _ARTICLE_TYPES.search(_ld_types(o))]
    return articles + [o for o in objects if o not in articles]


def _ld_name(value: Any) -> str | None:
    if isinstance(value, list):
        for item in value:
            name = _ld_name(item)
            if name:
                return name
        return None
    if isinstance(value, dict):
        return _ld_name(value.get("name"))
    if isinstance(value, str) and value.strip():
        return _decode(value)
    return None


def _ld_first(objects: list[dict[str, Any]], key: str) -> Iterator[str]:
    for obj in _ld_articles(objects):
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            yield _decode(value)


_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»]\s+|\s*[|·•»]\s*")


def _strip_outlet(title: str, outlet: str | None) -> str:
    """Drop a trailing `` | Outlet`` / `` - Outlet`` when it names the outlet."""
    if not outlet:
        return title
    want = outlet.casefold()
    parts = list(_TITLE_SEPARATORS.finditer(title))
    for sep in reversed(parts):
        if title[sep.end() :].strip().casefold() == want:
            head = title[: sep.start()].strip()
            return head or title
    return title


def _first(values: Iterable[str | None]) -> str | None:
    for value in values:
        if value:
            cleaned = _clean_text(value)
            if cleaned:
                return cleaned
    return None


def _first_date(values: Iterable[str | None]) -> str | None:
    for value in values:
        iso = parse_date(value)
        if iso:
            return iso
    return None


def _h1_text(index: _Index) -> str | None:
    """The first ``<h1>`` inside an ``<article>``, else the first ``<h1>`` of the page."""
    h1s = index.tags("h1")
    in_article = [h for h in h1s if h.find_parent("article") is not None]
    for h1 in [*in_article, *h1s]:
        # only the heading's own first block: an unclosed <h1> swallows what follows it
        texts = _paragraphs(h1, strict=False)
        if texts:
            return texts[0]
    return None


def _time_values(index: _Index) -> tuple[list[str], list[str]]:
    """``datetime`` of ``<time>`` elements: (inside an article/main or marked pubdate, anywhere else)."""
    preferred: list[str] = []
    others: list[str] = []
    for el in index.tags("time"):
        value = _attr_str(el, "datetime").strip() or _clean_text(el.get_text())
        if not value:
            continue
        if el.has_attr("pubdate") or el.find_parent(["article", "main"]) is not None:
            preferred.append(value)
        else:
            others.append(value)
    return preferred, others


def _itemprop_values(index: _Index, prop: str) -> list[str]:
    return [
        _attr_str(el, "content") or _attr_str(el, "datetime") or _clean_text(el.get_text())
        for el in index.itemprop(prop)
    ]


def _canonical(index: _Index) -> str | None:
    for link in index.tags("link"):
        rel = _attr_str(link, "rel").lower().split()
        href = _attr_str(link, "href").strip()
        if "canonical" in rel and href:
            return href
    return None


# --- main -------------------------------------------------------------------------------------------------


def _candidates(index: _Index) -> list[list[Tag]]:
    """Container candidates, tier by tier: articles, mains, articleBody, body."""
    bodies = index.tags("body")
    return [
        index.tags("article"),
        index.tags("main") + [t for t in index.role_main if not t.decomposed],
        index.itemprop("articleBody"),
        [bodies[0] if bodies else index.soup],
    ]


def _container_text(container: Tag, index: _Index) -> list[str]:
    if not container.decomposed:
        _remove_junk(container, index)
    return _paragraphs(container, strict=True) or _paragraphs(container, strict=False)


def _holds_h1(container: Tag, index: _Index) -> bool:
    return any(any(p is container for p in h1.parents) for h1 in index.tags("h1"))


def _main_text(index: _Index) -> tuple[list[str], bool]:
    """Paragraphs of the best container and whether that container holds an ``<h1>``.

    Tiers are tried in order; within a tier the container with the most text wins, preferring those not
    nested in furniture. A tier whose best text is short while the page body holds several times more
    is passed over (an ``<article>`` that is only a teaser).
    """
    body_size: int | None = None
    tiers = _candidates(index)
    for i, tier in enumerate(tiers):
        best: tuple[tuple[bool, int], list[str], bool] | None = None
        for container in tier:
            if container.decomposed:
                continue  # removed as furniture of an earlier candidate
            root = _is_root(container)
            if not root and _is_junk(container, index.protected):
                continue
            paras = _container_text(container, index)
            size = sum(len(p) for p in paras)
            rank = (root or not _in_junk(container, index), size)
            if paras and (best is None or rank > best[0]):
                best = (rank, paras, _holds_h1(container, index))
        if best is None:
            continue
        if i < len(tiers) - 1 and best[0][1] < _SHORT_TEXT:
            if body_size is None:
                body_size = sum(len(p) for p in _container_text(tiers[-1][0], index))
            if body_size > 4 * best[0][1]:
                continue
        return best[1], best[2]
    return [], False


def _dedupe_adjacent(paras: list[str]) -> list[str]:
    out: list[str] = []
    for p in paras:
        if not out or out[-1] != p:
            out.append(p)
    return out


_KICKER_MAX_WORDS = 8


def _drop_kickers(paras: list[str], h1: str | None) -> list[str]:
    """Drop short labels above the headline (section names, "Live", dates) so the text starts with it."""
    if not h1 or h1 not in paras:
        return paras
    at = paras.index(h1)
    if 0 < at <= 3 and all(len(p.split()) <= _KICKER_MAX_WORDS for p in paras[:at]):
        return paras[at:]
    return paras


def parse_html(raw: str) -> ParsedPage:
    """Main text and metadata of one HTML page. Never raises on malformed markup."""
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="replace")
    if not raw or not raw.strip():
        return ParsedPage(text="", title=None, source=None, url=None, published=None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # bs4 warns about markup that looks like a URL or a file name
        soup = BeautifulSoup(raw, "html.parser")

    index = _Index(soup)
    meta = _meta_map(index)
    ld = _json_ld(index)

    source = _first(
        [
            meta.get("og:site_name"),
            meta.get("publisher"),
            meta.get("application-name"),
            *(_ld_name(o.get("publisher")) for o in _ld_articles(ld)),
        ]
    )

    h1 = _h1_text(index)
    titles = index.tags("title")
    page_title = _clean_text(titles[0].get_text()) if titles else None
    title = _first(
        [meta.get("og:title"), meta.get("twitter:title"), h1, *_ld_first(ld, "headline"), page_title]
    )
    if title:
        title = _strip_outlet(title, source)

    url = _first([_canonical(index), meta.get("og:url")])

    time_preferred, time_other = _time_values(index)
    published = _first_date(
        [
            meta.get("article:published_time"),
            meta.get("og:article:published_time"),
            meta.get("article:published"),
            meta.get("date"),
            meta.get("pubdate"),
            *(_attr_str(t, "datetime") for t in index.tags("time") if t.has_attr("pubdate")),
            meta.get("publishdate"),
            meta.get("publish-date"),
            meta.get("publish_date"),
            meta.get("parsely-pub-date"),
            meta.get("sailthru.date"),
            meta.get("dc.date.issued"),
            meta.get("dc.date"),
            meta.get("dcterms.created"),
            meta.get("dcterms.issued"),
            meta.get("datepublished"),
            *_itemprop_values(index, "datePublished"),
            *time_preferred,
            *_ld_first(ld, "datePublished"),
            *time_other,
        ]
    )

    paras, has_h1 = _main_text(index)
    paras = _drop_kickers(_dedupe_adjacent(paras), h1)
    headline = h1 or title
    if paras and not has_h1 and headline and paras[0] != headline:
        paras.insert(0, headline)
    return ParsedPage(text="\n\n".join(paras), title=title, source=source, url=url, published=published)
