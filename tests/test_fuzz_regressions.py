"""Minimal inputs found by the property tests and ``benchmarks/fuzz.py``, one per fix.

Each test names what used to happen; the input is the shrunk example (or the
smallest hand-made page that shows the same thing).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from newscrawl.extraction.article import extract_article
from newscrawl.extraction.dates import iso
from newscrawl.profiles import get_profile
from newscrawl.schema import schema_errors
from newscrawl.spiders.sitemaps import parse_sitemap
from newscrawl.spiders.sources import feed_links, next_page_link, page_links, parse_feed

URL = "https://news.example/2026/11/27/a-story-about-the-city"
STORY = "<p>Bakı şəhərində yeni park açılıb, sakinlər mərasimdə iştirak edib.</p>" * 3


def page(head: str, body: str = STORY) -> str:
    return f"<html lang='az'><head>{head}</head><body><article>{body}</article></body></html>"


def test_a_broken_ipv6_canonical_link_no_longer_raises() -> None:
    """``urljoin`` raised ValueError("Invalid IPv6 URL") out of extract_article."""
    record = extract_article(page("<link rel='canonical' href='http://[::1'>"), URL)
    assert record is not None
    assert record["canonicalUrl"] == URL


def test_a_canonical_that_is_no_web_url_falls_back() -> None:
    """``javascript:`` canonicals and og:url were copied into canonicalUrl (schema-invalid)."""
    head = "<link rel='canonical' href='javascript:void(0)'><meta property='og:url' content='mailto:x@y'>"
    assert extract_article(page(head), URL)["canonicalUrl"] == URL


def test_spaces_in_image_and_canonical_urls_are_percent_encoded() -> None:
    """An og:image with spaces was stored as is, which the schema's URL pattern refuses."""
    head = (
        "<meta property='og:image' content='https://img.example/2026/11/27 10:11:52.jpg'>"
        "<link rel='canonical' href='https://news.example/a story\n/x'>"
    )
    record = extract_article(page(head), URL)
    assert record["mainImage"] == {"url": "https://img.example/2026/11/27%2010:11:52.jpg"}
    assert record["canonicalUrl"] == "https://news.example/a%20story/x"


def test_hreflang_that_is_no_language_code_is_not_a_translation() -> None:
    """``hreflang="123"`` became ``{"inLanguage": "123"}`` (schema-invalid)."""
    head = (
        "<link rel='alternate' hreflang='123' href='https://news.example/a'>"
        "<link rel='alternate' hreflang='x-default' href='https://news.example/b'>"
        "<link rel='alternate' hreflang='en_US' href='https://news.example/en/c'>"
        "<link rel='alternate' hreflang='ru' href='http://[::1'>"
    )
    record = extract_article(page(head), URL)
    assert record["translations"] == [{"inLanguage": "en", "url": "https://news.example/en/c"}]


def test_local_mean_time_offsets_are_written_to_the_minute() -> None:
    """Zones before ~1920 have offsets with seconds (Baku +03:19:24): ``iso`` wrote
    "1903-09-03T00:55:19+03:19:24", which is not ISO 8601 and fails the schema."""
    dt = datetime(1903, 9, 3, 0, 55, 19, tzinfo=ZoneInfo("Asia/Baku"))
    assert iso(dt) == "1903-09-03T00:54:55+03:19"
    assert datetime.fromisoformat(iso(dt)) == dt  # the same instant


def test_an_old_naive_date_on_an_agency_in_such_a_zone_is_schema_valid() -> None:
    profile = get_profile("azertac")
    url = profile.home + "az/xeber/yeni-park-1234567"
    head = (
        "<meta property='article:published_time' content='1903-09-03T00:55:19'><title>Park</title>"
    )
    record = extract_article(page(head, "<h1>Park</h1>" + STORY), url)
    assert record["datePublished"].endswith("+03:19")
    assert not [e for e in schema_errors(record) if e.startswith("datePublished")]


def test_feeds_sitemaps_and_pages_skip_links_with_broken_hosts() -> None:
    """The same ``urljoin`` ValueError escaped the feed, sitemap and link readers."""
    base = "https://news.example/"
    feed = b"<rss><channel><item><link>http://[::1</link></item><item><link>/ok</link></item></channel></rss>"
    assert [link.url for link in parse_feed(feed, base)] == ["https://news.example/ok"]
    sitemap = b"<urlset><url><loc>http://[::1</loc></url><url><loc>/ok</loc></url></urlset>"
    assert [link.url for link in parse_sitemap(sitemap, base).pages] == ["https://news.example/ok"]
    html = "<a href='http://[::1'>x</a><a href='/ok'>y</a><a rel='next' href='//[x'>n</a>"
    assert page_links(html, base) == ["https://news.example/ok"]
    assert next_page_link(html, base) is None
    alt = "<link rel='alternate' type='application/rss+xml' href='http://[::1'>"
    assert feed_links(alt, base) == []


def test_a_truncated_prefixed_tag_in_a_sitemap_or_feed_no_longer_raises() -> None:
    """Found by ``benchmarks/fuzz.py`` (sitemap target): XML recovery leaves an element
    whose whole tag is ``news:``, and ``etree.QName`` raised ValueError on it, out of
    parse_sitemap (which promises SitemapError) and parse_feed."""
    base = "https://news.example/"
    sitemap = parse_sitemap(b"<urlset><url><loc>/a</loc><news:", base)
    assert [link.url for link in sitemap.pages] == ["https://news.example/a"]
    feed = b"<rss><channel><item><link>/a</link><x:"
    assert [link.url for link in parse_feed(feed, base)] == ["https://news.example/a"]


def test_a_control_character_in_a_declared_body_no_longer_raises() -> None:
    """A NUL from a JSON-LD ``articleBody`` reached an XPath variable in the standfirst
    search, and lxml raised ValueError out of extract_article (fuzz, session 10); the
    declared body's HTML (a link) was kept as text."""
    import json

    paragraphs = [
        f"Paragraph {i} of the feature follows the engineers through the winter, the tests "
        f"and the failures that came before the shield worked ({i})."
        for i in range(1, 13)
    ]
    declared = [paragraphs[0].replace("Paragraph 1", "Paragraph 1\u0000"), *paragraphs[1:]]
    declared[1] = declared[1].replace("engineers", "<a href='/x'>engineers</a>")
    ld = {"@type": "NewsArticle", "headline": "Shield", "articleBody": "\n".join(declared)}
    head = (
        f"<script type='application/ld+json'>{json.dumps(ld)}</script>"
        "<meta name='description' content='A long winter of tests before the shield worked.'>"
    )
    markup = "".join(f"<p>{p}</p>" for p in paragraphs[:3])
    record = extract_article(page(head, markup), URL)
    assert record["articleBody"].split("\n") == paragraphs
    assert not [e for e in schema_errors(record) if e.startswith("articleBody")]
