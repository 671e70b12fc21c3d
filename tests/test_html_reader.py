"""HTML pages: main text without page furniture, and the metadata fallbacks."""

from __future__ import annotations

import pytest

from xcheck.ingest.dates import parse_date
from xcheck.ingest.html import ParsedPage, parse_html

REALISTIC_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Shelling damages Kharkiv hospital | Daily Planet</title>
<meta property="og:title" content="Shelling damages Kharkiv hospital | Daily Planet">
<meta property="og:site_name" content="Daily Planet">
<meta property="og:url" content="https://planet.example/og-url">
<link rel="canonical" href="https://planet.example/world/kharkiv-hospital">
<meta property="article:published_time" content="2022-06-13T08:15:00+00:00">
<script>window.dataLayer = [{"page": "article", "text": "Do not index this"}];</script>
<style>.headline { font-weight: bold }</style>
</head>
<body class="single-article has-share-bar">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><a href="/">Daily Planet</a>
  <nav><ul><li>World</li><li>Politics</li><li>Sport</li></ul></nav></header>
<div class="cookie-banner"><p>We use cookies to improve your experience.</p><button>Accept</button></div>
<main id="main">
<article>
  <header><h1>Shelling damages Kharkiv hospital</h1>
  <p class="byline">By Jane Roe</p></header>
  <div class="share-tools"><a>Share on Facebook</a><a>Share on Twitter</a></div>
  <figure><img src="crater.jpg" alt="crater">
    <figcaption>A crater outside the hospital [File: John Doe/Reuters]</figcaption></figure>
  <p>Shelling damaged a children's hospital in Kharkiv on Monday, the regional governor said.</p>
  <p>At least 14 people were hurt and 1,200&nbsp;patients   were moved,
     according to doctors &amp; nurses.</p>
  <div class="newsletter-signup"><p>Sign up for our daily briefing.</p><form><input type="email"></form></div>
  <h2>&lsquo;No military targets&rsquo;</h2>
  <p>The hospital had no military use, staff said.<script>trackParagraph()</script></p>
  <blockquote><p>&ldquo;We heard three explosions,&rdquo; a nurse said.</p></blockquote>
  <ul><li>Two wards were destroyed.</li></ul>
  <aside class="related-stories"><h3>Related</h3><ul><li><a>Another story</a></li></ul></aside>
  <noscript><p>Enable JavaScript to watch the video.</p></noscript>
  <iframe src="https://video.example/embed"></iframe>
  <div id="comments"><p>Great reporting, thanks!</p></div>
</article>
</main>
<div class="social-follow"><p>Follow us on Twitter</p></div>
<footer><p>&copy; 2022 Daily Planet. All rights reserved.</p></footer>
</body>
</html>
"""


def test_realistic_page_main_text_and_metadata() -> None:
    page = parse_html(REALISTIC_PAGE)
    assert page == ParsedPage(
        text="\n\n".join(
            [
                "Shelling damages Kharkiv hospital",
                "Shelling damaged a children's hospital in Kharkiv on Monday, the regional governor said.",
                "At least 14 people were hurt and 1,200 patients were moved, according to doctors & nurses.",
                "‘No military targets’",
                "The hospital had no military use, staff said.",
                "“We heard three explosions,” a nurse said.",
                "Two wards were destroyed.",
            ]
        ),
        title="Shelling damages Kharkiv hospital",
        source="Daily Planet",
        url="https://planet.example/world/kharkiv-hospital",
        published="2022-06-13",
    )


@pytest.mark.parametrize(
    "furniture",
    [
        "Skip to content",
        "Politics",
        "We use cookies",
        "By Jane Roe",
        "Share on",
        "File: John Doe",
        "Sign up",
        "trackParagraph",
        "Related",
        "Enable JavaScript",
        "Great reporting",
        "Follow us",
        "All rights reserved",
        "Do not index",
    ],
)
def test_realistic_page_drops_furniture(furniture: str) -> None:
    assert furniture not in parse_html(REALISTIC_PAGE).text


def _page(head: str, body: str = "<article><p>Some article text for the page.</p></article>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param(
            _page('<meta property="og:title" content="OG title"><meta name="twitter:title" content="TW">'),
            "OG title",
            id="og-title",
        ),
        pytest.param(
            _page('<meta name="twitter:title" content="Twitter title"><title>Doc title</title>'),
            "Twitter title",
            id="twitter-title",
        ),
        pytest.param(
            _page("<title>Doc title</title>", "<article><h1>H1 title</h1><p>Body text here.</p></article>"),
            "H1 title",
            id="h1",
        ),
        pytest.param(
            _page(
                "<title>Doc title - Example Times</title>"
                '<meta property="og:site_name" content="Example Times">'
            ),
            "Doc title",
            id="title-dash-outlet-suffix",
        ),
        pytest.param(
            _page(
                '<title>Doc | title | Example Times</title><meta name="publisher" content="Example Times">'
            ),
            "Doc | title",
            id="title-pipe-outlet-suffix",
        ),
        pytest.param(
            _page(
                '<title>Doc title - Other Site</title><meta property="og:site_name" content="Example Times">'
            ),
            "Doc title - Other Site",
            id="title-suffix-kept-when-not-outlet",
        ),
        pytest.param(_page(""), None, id="no-title"),
    ],
)
def test_title_fallbacks(html: str, expected: str | None) -> None:
    assert parse_html(html).title == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param(
            _page('<meta property="og:site_name" content="OG Site"><meta name="publisher" content="Pub">'),
            "OG Site",
            id="og-site-name",
        ),
        pytest.param(
            _page('<meta name="publisher" content="Publisher Name">'), "Publisher Name", id="publisher"
        ),
        pytest.param(
            _page('<meta name="application-name" content="App Name">'), "App Name", id="application-name"
        ),
        pytest.param(
            _page(
                '<script type="application/ld+json">{"@type": "NewsArticle", '
                '"publisher": {"@type": "Organization", "name": "LD Outlet"}}</script>'
            ),
            "LD Outlet",
            id="json-ld-publisher",
        ),
        pytest.param(_page(""), None, id="no-outlet"),
    ],
)
def test_outlet_fallbacks(html: str, expected: str | None) -> None:
    assert parse_html(html).source == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param(
            _page('<meta property="article:published_time" content="2022-02-24T05:00:00+02:00">'),
            "2022-02-24",
            id="article-published-time",
        ),
        pytest.param(_page('<meta name="date" content="March 3, 2022">'), "2022-03-03", id="meta-date"),
        pytest.param(_page('<meta name="pubdate" content="20220405">'), "2022-04-05", id="meta-pubdate"),
        pytest.param(
            _page("", '<article><time pubdate datetime="2022-05-06">May 6</time><p>Text here.</p></article>'),
            "2022-05-06",
            id="time-pubdate",
        ),
        pytest.param(
            _page('<meta itemprop="datePublished" content="2022-06-07">'), "2022-06-07", id="itemprop"
        ),
        pytest.param(
            _page("", '<article><time datetime="2022-07-08T10:00Z">8 July</time><p>Text here.</p></article>'),
            "2022-07-08",
            id="time-datetime",
        ),
        pytest.param(
            _page(
                '<script type="application/ld+json">'
                '{"@type": "NewsArticle", "datePublished": "9 August 2022"}</script>'
            ),
            "2022-08-09",
            id="json-ld-date",
        ),
        pytest.param(
            _page('<meta property="article:published_time" content="sometime last week">'),
            None,
            id="unparseable",
        ),
        pytest.param(
            _page(
                '<meta property="article:published_time" content="not a date">'
                '<meta name="date" content="2022-09-10">'
            ),
            "2022-09-10",
            id="unparseable-then-next-source",
        ),
    ],
)
def test_published_fallbacks(html: str, expected: str | None) -> None:
    assert parse_html(html).published == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param(
            _page(
                '<link rel="canonical" href="https://a.example/c"><meta property="og:url" content="https://a.example/o">'
            ),
            "https://a.example/c",
            id="canonical",
        ),
        pytest.param(
            _page('<meta property="og:url" content="https://a.example/o">'),
            "https://a.example/o",
            id="og-url",
        ),
        pytest.param(_page(""), None, id="no-url"),
    ],
)
def test_url_fallbacks(html: str, expected: str | None) -> None:
    assert parse_html(html).url == expected


def test_json_ld_graph() -> None:
    html = _page(
        '<script type="application/ld+json">'
        '{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebSite", "name": "Site"},'
        '{"@type": ["NewsArticle"], "headline": "LD headline", "datePublished": "2021-03-04T10:00:00Z",'
        ' "publisher": [{"@type": "Organization", "name": "Graph Outlet"}]}]}'
        "</script><title>LD headline - Graph Outlet</title>",
        '<div itemprop="articleBody"><p>The story text is here.</p></div>',
    )
    page = parse_html(html)
    assert page.source == "Graph Outlet"
    assert page.published == "2021-03-04"
    assert page.title == "LD headline"
    assert page.text == "LD headline\n\nThe story text is here."


def test_broken_json_ld_is_ignored() -> None:
    page = parse_html(_page('<script type="application/ld+json">{"@type": "NewsArticle", </script>'))
    assert page.text == "Some article text for the page."
    assert page.published is None


def test_malformed_html() -> None:
    html = (
        "<html><body><article><h1>Head line here<p>First para <b>bold <i>text</p>"
        "<p>Second para</div></span><p>Third para &amp; more <"
    )
    page = parse_html(html)
    assert page.title == "Head line here"
    assert page.text.split("\n\n") == [
        "Head line here",
        "First para bold text",
        "Second para",
        "Third para & more <",
    ]


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<html><head><title>Nothing here</title></head><body><nav><a>Home</a></nav>"
        "<script>var x = 1;</script><footer><p>Contact</p></footer></body></html>",
        "<<<>>>&&&",
        "<html><body><article></article></body></html>",
    ],
)
def test_page_without_text(html: str) -> None:
    assert parse_html(html).text == ""


def test_entities_and_whitespace() -> None:
    html = _page(
        '<meta property="og:title" content="Rock &amp; Roll &#8217;s &quot;day&quot;">',
        "<article><p>Caf&eacute;&nbsp;owners &lt;said&gt;\n\n   prices   rose "
        "&#8364;5&#x2009;000.</p></article>",
    )
    page = parse_html(html)
    assert page.title == 'Rock & Roll ’s "day"'
    assert page.text == 'Rock & Roll ’s "day"\n\nCafé owners <said> prices rose €5 000.'


def test_largest_article_wins_and_headline_outside_container() -> None:
    html = (
        "<html><body><h1>The real headline</h1>"
        "<article class='teaser'><p>Short teaser.</p></article>"
        "<article><p>First long paragraph of the real story text.</p>"
        "<p>Second long paragraph of the real story text.</p></article></body></html>"
    )
    assert parse_html(html).text == (
        "The real headline\n\nFirst long paragraph of the real story text.\n\n"
        "Second long paragraph of the real story text."
    )


def test_short_labels_above_headline_dropped() -> None:
    html = (
        "<html><body><article><p>Russia-Ukraine war</p><p>Live</p><h1>Kyiv hit by drones</h1>"
        "<p>Drones struck the capital overnight, officials said.</p></article></body></html>"
    )
    assert (
        parse_html(html).text == "Kyiv hit by drones\n\nDrones struck the capital overnight, officials said."
    )


def test_body_fallback_and_br_breaks() -> None:
    html = (
        "<html><body><header><a>Logo</a><ul><li>Menu item</li></ul></header>"
        "<div>Loose line one<br>continues here.<br><br>Second block.</div>"
        "<div class='footer-links'><p>Contact us</p></div></body></html>"
    )
    assert parse_html(html).text == "Loose line one continues here.\n\nSecond block."


def test_deeply_nested_markup_does_not_crash() -> None:
    html = "<div>" * 3000 + "<p>Deep text here.</p>" + "</div>" * 3000
    assert parse_html(html).text == "Deep text here."


def test_text_that_looks_like_a_url_does_not_warn() -> None:
    assert parse_html("https://example.com/page").text == "https://example.com/page"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2022-02-24", "2022-02-24"),
        ("2022-02-24T05:00:00+02:00", "2022-02-24"),
        ("2022/2/4", "2022-02-04"),
        ("20220224", "2022-02-24"),
        ("February 24, 2022", "2022-02-24"),
        ("Feb. 24, 2022", "2022-02-24"),
        ("24th February 2022", "2022-02-24"),
        ("Thu, 24 Feb 2022 05:00:00 GMT", "2022-02-24"),
        ("24/02/2022", "2022-02-24"),
        ("02/24/2022", "2022-02-24"),
        ("03/04/2022", None),
        ("2022-02-30", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(raw: str | None, expected: str | None) -> None:
    assert parse_date(raw) == expected


_LONG_STORY = "".join(
    f"<p>Paragraph {i} of the story reports what the officials said about the shelling.</p>" for i in range(8)
)


@pytest.mark.parametrize(
    ("html", "kept", "dropped"),
    [
        pytest.param(
            "<html><body><h1>Headline</h1><div class='entry-content'>" + _LONG_STORY + "</div>"
            "<div class='related-posts'><article><h3>Teaser title</h3><p>Teaser text.</p></article></div>"
            "</body></html>",
            ["Headline", "Paragraph 0 of the story", "Paragraph 7 of the story"],
            ["Teaser"],
            id="teaser-article-is-not-the-story",
        ),
        pytest.param(
            "<html><body><div class='page has-sidebar'><div class='story'>" + _LONG_STORY + "</div>"
            "<div class='sidebar'><p>Sidebar text.</p></div></div></body></html>",
            ["Paragraph 0 of the story", "Paragraph 7 of the story"],
            ["Sidebar"],
            id="furniture-named-wrapper-around-story-kept",
        ),
        pytest.param(
            "<html><body><article><h1>Real headline</h1><p>Short story text.</p>"
            "<div id='comments'>" + _LONG_STORY + "</div></article></body></html>",
            ["Real headline", "Short story text."],
            ["Paragraph"],
            id="long-comments-dropped",
        ),
    ],
)
def test_container_choice(html: str, kept: list[str], dropped: list[str]) -> None:
    text = parse_html(html).text
    for piece in kept:
        assert piece in text
    for piece in dropped:
        assert piece not in text
