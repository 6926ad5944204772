"""Discovery building blocks: feeds, sitemaps, URL shapes, Crawl-delay."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from scrapy import Request
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler

from newscrawl.middlewares.crawldelay import CrawlDelayMiddleware
from newscrawl.spiders.sitemaps import SitemapError, inflate, parse_sitemap
from newscrawl.spiders.sources import (
    feed_links,
    looks_like_article,
    looks_like_section,
    normalize_url,
    parse_feed,
)

SITE = "https://www.example-news.example"

URLSET = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>{SITE}/world/2026/11/24/talks-resume-in-geneva</loc>
    <news:news><news:publication><news:name>Example</news:name><news:language>en</news:language>
    </news:publication><news:publication_date>2026-11-24T08:15:00-05:00</news:publication_date>
    <news:title>Talks resume in Geneva</news:title></news:news></url>
  <url><loc>{SITE}/business/2026/11/23/markets-calm</loc><lastmod>2026-11-23</lastmod></url>
</urlset>"""


def test_news_sitemap_gives_dates_and_titles() -> None:
    sitemap = parse_sitemap(URLSET.encode(), SITE + "/news-sitemap.xml", "America/New_York")
    assert sitemap.news and sitemap.sitemaps == []
    first, second = sitemap.pages
    assert first.title == "Talks resume in Geneva"
    assert first.date.isoformat() == "2026-11-24T08:15:00-05:00"
    assert second.date.isoformat() == "2026-11-23T00:00:00-05:00"


def test_gzipped_sitemap_index() -> None:
    index = f"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>{SITE}/sitemaps/a.xml.gz</loc></sitemap>
      <sitemap><loc>/sitemaps/b.xml</loc><lastmod>2026-11-20</lastmod></sitemap></sitemapindex>"""
    sitemap = parse_sitemap(gzip.compress(index.encode()), SITE + "/sitemap_index.xml", "UTC")
    assert sitemap.sitemaps == [SITE + "/sitemaps/a.xml.gz", SITE + "/sitemaps/b.xml"]
    assert [child.date for child in sitemap.children] == [None, datetime(2026, 11, 20, tzinfo=UTC)]
    assert sitemap.pages == []


def test_gzip_bomb_is_refused_with_a_reason() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * (3 * 1024 * 1024))
    with pytest.raises(SitemapError, match="inflates beyond"):
        inflate(bomb, limit=1024 * 1024)


def test_entities_are_not_expanded() -> None:
    xxe = f"""<?xml version="1.0"?>
    <!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd">
      <!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>{SITE}/world/2026/11/24/story-about-&xxe;-and-&b;</loc></url></urlset>"""
    with pytest.raises(SitemapError, match="declares XML entities") as refused:
        parse_sitemap(xxe.encode(), SITE + "/s.xml")  # refused, not read with entities left out
    assert "root:" not in str(refused.value) and "aaaaaaaaaa" not in str(refused.value)
    assert parse_feed(xxe.replace("urlset", "rss").encode(), SITE + "/feed") == []


def test_rss_and_atom_feeds() -> None:
    rss = f"""<rss version="2.0"><channel><item><title>One</title>
      <link>{SITE}/world/2026/11/24/one-story-here?utm_source=rss&amp;utm_medium=feed</link>
      <pubDate>Tue, 24 Nov 2026 08:15:00 -0500</pubDate></item></channel></rss>"""
    atom = f"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Two</title>
      <link rel="alternate" href="{SITE}/world/2026/11/25/two-story-here"/>
      <published>2026-11-25T09:00:00-05:00</published></entry></feed>"""
    (one,) = parse_feed(rss.encode(), SITE + "/feed")
    (two,) = parse_feed(atom.encode(), SITE + "/atom")
    assert one.url == SITE + "/world/2026/11/24/one-story-here"  # trackers stripped
    assert one.date.isoformat() == "2026-11-24T08:15:00-05:00"
    assert (two.title, two.date.isoformat()) == ("Two", "2026-11-25T09:00:00-05:00")
    page = '<html><head><link rel="alternate" type="application/rss+xml" href="/feed/rss.xml"></head></html>'
    assert feed_links(page, SITE + "/") == [SITE + "/feed/rss.xml"]


@pytest.mark.parametrize(
    ("url", "article"),
    [
        (f"{SITE}/world/2026/11/24/council-approves-flood-defence-budget", True),
        ("https://azertag.az/en/xeber/Some_slug-1040437", True),
        ("https://tass.com/politics/1234567", True),
        ("https://www.reuters.com/world/europe/talks-resume-in-geneva-2026-11-24/", True),
        (f"{SITE}/world/", False),
        (f"{SITE}/about", False),
        (f"{SITE}/tag/climate", False),
        (f"{SITE}/author/jane-doe", False),
        (f"{SITE}/search?q=budget", False),
        (f"{SITE}/images/2026/11/24/photo-of-the-day.jpg", False),
        ("mailto:desk@example-news.example", False),
    ],
)
def test_article_url_shapes(url: str, article: bool) -> None:
    assert looks_like_article(url) is article


def test_sections() -> None:
    assert looks_like_section(f"{SITE}/world/", SITE + "/")
    assert not looks_like_section("https://other.example/world/", SITE + "/")
    assert not looks_like_section(f"{SITE}/contact", SITE + "/")


def test_normalize_url_strips_trackers_and_fragments() -> None:
    assert (
        normalize_url("https://Example.org/a?utm_source=x&id=5#top") == "https://example.org/a?id=5"
    )


def test_crawl_delay_from_robots_txt_sets_the_host_delay() -> None:
    crawler = get_crawler(settings_dict={"USER_AGENT": "newscrawl/0.1"})

    downloader = SimpleNamespace(per_slot_settings={}, slots={})
    crawler.engine = SimpleNamespace(downloader=downloader)
    crawler.stats.open_spider()
    mw = CrawlDelayMiddleware.from_crawler(crawler)
    robots = TextResponse(
        SITE + "/robots.txt",
        body=b"User-agent: *\nCrawl-delay: 7\nDisallow: /search\n",
        encoding="utf-8",
    )
    mw.process_response(Request(robots.url), robots)
    host = "www.example-news.example"
    assert downloader.per_slot_settings[host]["delay"] == 7
    later = Request(SITE + "/world/2026/11/24/x-y-z")
    mw.process_request(later)
    assert later.meta["autothrottle_dont_adjust_delay"] is True


def test_a_listing_date_is_read_from_its_text_or_from_a_datetime_attribute() -> None:
    """A listing that prints only "14:05" under a day heading keeps the full date in markup."""
    from newscrawl.profiles import Listing, get_profile
    from newscrawl.spiders.sources import parse_listing

    profile = get_profile("kazinform")
    body = (
        "<html><body><h3>27 November</h3><ul>"
        '<li class="item"><time datetime="2026-11-27T14:05">14:05</time>'
        '<a href="/en/news/grain-exports-rise_a4412999/">Grain exports rise</a></li>'
        '<li class="item"><span class="when">13:51, 25 November 2026</span>'
        '<a href="/en/news/metro-opens_a4412998/">Metro opens</a></li>'
        "</ul></body></html>"
    )
    base = "https://www.inform.kz/en/lenta"
    by_attribute = Listing(url=base, item_xpath="//li", date_xpath=".//time/@datetime")
    links, _, _ = parse_listing(body, base, profile, by_attribute)
    assert links[0].date is not None and links[0].date.isoformat() == "2026-11-27T14:05:00+05:00"
    assert links[0].date_raw == "2026-11-27T14:05" and links[1].date is None
    for xpath in (".//span[@class='when']", ".//span[@class='when']/text()"):
        by_text = Listing(url=base, item_xpath="//li", date_xpath=xpath)
        links, _, _ = parse_listing(body, base, profile, by_text)
        assert links[0].date is None
        assert links[1].date is not None
        assert links[1].date.isoformat() == "2026-11-25T13:51:00+05:00"


def test_editions_may_name_their_listings_and_feeds_differently() -> None:
    """A site whose English feed is not the Italian one's path with another prefix."""
    from scrapy.utils.test import get_crawler

    from newscrawl.profiles import AgencyProfile, Feed, Listing
    from newscrawl.spiders.agency import AgencySpider

    profile = AgencyProfile(
        name="examplewire",
        title="Example Wire",
        home="https://www.examplewire.example/",
        domains=("examplewire.example",),
        editions={"it": "/sito", "en": "/english"},
        default_language="it",
        article_url=r"/news/\d+$",
        listings=(
            Listing(url="https://www.examplewire.example{prefix}/ultime"),
            Listing(url="https://www.examplewire.example/english/top-stories", languages=("en",)),
        ),
        feeds=(
            Feed("https://www.examplewire.example/sito/wire_rss.xml", languages=("it",)),
            Feed("https://www.examplewire.example/english/english_rss.xml", languages=("en",)),
            "https://www.examplewire.example{prefix}/video.xml",
        ),
        sitemaps=(Feed("https://www.examplewire.example/english/news-sitemap.xml", ("en",)),),
    )
    spider_class = type(
        "ExampleSpider", (AgencySpider,), {"name": "examplewire", "profile": profile}
    )
    spider = spider_class.from_crawler(get_crawler(spider_class), lang="all")
    urls = {(r.cb_kwargs["lang"], r.url) for r in spider.source_requests()}
    site = "https://www.examplewire.example"
    assert urls == {
        ("it", f"{site}/sito/ultime"),
        ("it", f"{site}/sito/wire_rss.xml"),
        ("it", f"{site}/sito/video.xml"),
        ("en", f"{site}/english/ultime"),
        ("en", f"{site}/english/top-stories"),
        ("en", f"{site}/english/english_rss.xml"),
        ("en", f"{site}/english/video.xml"),
        ("en", f"{site}/english/news-sitemap.xml"),
    }
    with pytest.raises(ValueError, match=r"unknown edition\(s\) \['fr'\]"):
        AgencyProfile(
            name="typo",
            title="Typo",
            home="https://typo.example/",
            domains=("typo.example",),
            editions={"en": ""},
            default_language="en",
            article_url=r"/\d+$",
            feeds=(Feed("https://typo.example/fr/rss", languages=("fr",)),),
        )
