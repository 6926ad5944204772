"""The generic news spider: any news site, no profile needed.

``scrapy crawl news -a url=https://example.org/ [-a since=YYYY-MM-DD]
[-a until=YYYY-MM-DD] [-a limit=N] [-a discovery=sitemaps,feeds,links]``

Discovery, in order of trust:

1. sitemaps named in robots.txt (``/sitemap.xml`` when none is named),
   through sitemap indexes, gzipped or not; Google News sitemaps give each
   article's publication date and title;
2. RSS and Atom feeds the home page advertises;
3. links on the home page and its first-level section pages (with their
   ``rel=next`` pages) whose URL has the shape of an article.

The spider stays on the site's domain (subdomains included). Each article
URL is fetched once, whatever number of sources list it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from urllib.parse import urljoin, urlsplit

import scrapy
from protego import Protego
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from newscrawl.spiders.base import ArticleSpider
from newscrawl.spiders.sitemaps import parse_sitemap
from newscrawl.spiders.sources import (
    Link,
    feed_links,
    looks_like_article,
    looks_like_section,
    next_page_link,
    normalize_url,
    page_links,
    read_feed,
)

DISCOVERY = ("sitemaps", "feeds", "links")
MAX_SECTIONS = 30
SECTION_PAGES = 2
_NO_ROBOTS = [404, 410]  # robots.txt absent: the site sets no rules (RFC 9309 2.3.1.3)


class NewsSpider(ArticleSpider):
    """Crawl the articles of any news site from its sitemaps, feeds and links."""

    name = "news"

    def __init__(
        self,
        url: str | None = None,
        limit: str | int | None = None,
        discovery: str | None = None,
        *args: object,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        if not url or not url.startswith(("http://", "https://")):
            raise ValueError("give the site with -a url=https://example.org/")
        self.home = url
        parts = urlsplit(url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        host = (parts.hostname or "").lower()
        self.site = host.removeprefix("www.")
        self.allowed_domains = [self.site]
        self.limit = int(limit) if limit not in (None, "") else None
        wanted = tuple(d.strip() for d in (discovery or ",".join(DISCOVERY)).split(",") if d)
        unknown = set(wanted) - set(DISCOVERY)
        if unknown:
            raise ValueError(f"unknown discovery {sorted(unknown)}; known: {', '.join(DISCOVERY)}")
        self.discovery = wanted
        self.sections: set[str] = set()

    # -- start ---------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if "sitemaps" in self.discovery:
            robots = self._request(self.origin + "/robots.txt", self.parse_robots, "robots")
            # no robots.txt is normal: read it as empty and probe /sitemap.xml
            robots.meta["handle_httpstatus_list"] = _NO_ROBOTS
            yield robots
        if "feeds" in self.discovery or "links" in self.discovery:
            yield self._request(self.home, self.parse_home, "home")

    def _request(self, url: str, callback, kind: str, **cb_kwargs: object) -> scrapy.Request:  # type: ignore[no-untyped-def]
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.on_error,
            cb_kwargs=cb_kwargs,
            dont_filter=kind in ("robots", "home"),
            meta={"newscrawl_kind": kind, "dont_obey_robotstxt": kind == "robots"},
        )

    # -- sitemaps ------------------------------------------------------------

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        """Sitemaps named in robots.txt, or the conventional ``/sitemap.xml``."""
        found = response.status == 200 and isinstance(response, TextResponse)
        rules = Protego.parse(response.text if found else "")
        sitemaps = [urljoin(self.origin, s) for s in rules.sitemaps]
        if not sitemaps:
            probe = self._request(self.origin + "/sitemap.xml", self.parse_sitemap, "sitemap")
            yield probe.replace(errback=self.on_probe_error, cb_kwargs={"depth": 0})
            return
        for url in sitemaps:
            if self._on_site(url):
                yield self._request(url, self.parse_sitemap, "sitemap", depth=0)

    async def parse_sitemap(self, response: Response, depth: int) -> AsyncIterator[scrapy.Request]:
        """Child sitemaps of an index, or the article pages a sitemap lists (paced)."""
        async for request in self.paced(self.sitemap_requests(response, depth)):
            yield request

    def sitemap_requests(self, response: Response, depth: int) -> Iterator[scrapy.Request]:
        sitemap = self.read_source("sitemap", parse_sitemap, response)
        if sitemap is None:
            return
        for url in self.sitemap_children(sitemap, depth, self._on_site):
            yield self._request(url, self.parse_sitemap, "sitemap", depth=depth + 1)
        source = "news_sitemap" if sitemap.news else "sitemap"
        for link in sitemap.pages:
            yield from self._article(link, source, trusted=sitemap.news)

    def on_probe_error(self, failure: Failure) -> None:
        """A guessed URL (``/sitemap.xml``) that is not there: counted, not an error."""
        self.count("skipped/no_sitemap")

    # -- home, sections and feeds ---------------------------------------------

    def parse_home(self, response: Response) -> Iterator[scrapy.Request]:
        """Feeds the home page advertises, its article links and its sections."""
        if not isinstance(response, TextResponse):
            return
        if "feeds" in self.discovery:
            for url in feed_links(response.text, response.url):
                if self._on_site(url):
                    yield self._request(url, self.parse_feed, "feed")
        if "links" in self.discovery:
            yield from self._links(response, "home_links")
            for url in page_links(response.text, response.url):
                if len(self.sections) < MAX_SECTIONS and self._is_section(url):
                    self.sections.add(url)
                    yield self._request(url, self.parse_section, "section", page=1)

    def parse_section(self, response: Response, page: int) -> Iterator[scrapy.Request]:
        """Article links of a section page and, within limits, of its next pages."""
        if not isinstance(response, TextResponse):
            return
        self.count("section_pages")
        yield from self._links(response, "section_links")
        nxt = next_page_link(response.text, response.url)
        if nxt and page < SECTION_PAGES and self._on_site(nxt):
            yield self._request(nxt, self.parse_section, "section", page=page + 1)

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        """Article links of an RSS or Atom feed."""
        for link in self.read_source("feed", read_feed, response) or []:
            yield from self._article(link, "feed", trusted=True)

    def _links(self, response: TextResponse, source: str) -> Iterator[scrapy.Request]:
        for url in page_links(response.text, response.url):
            if looks_like_article(url):
                yield from self._article(Link(url=url), source)

    # -- articles --------------------------------------------------------------

    def _article(self, link: Link, source: str, trusted: bool = False) -> Iterator[scrapy.Request]:
        """Schedule an article once, if it is on the site, article-shaped and wanted."""
        url = normalize_url(link.url)
        if not self._on_site(url):
            self.count("skipped/offsite")
            return
        if not trusted and not looks_like_article(url):
            self.count("skipped/not_article_url")
            return
        full = self.limit is not None and len(self.scheduled) >= self.limit
        if full and url not in self.scheduled:
            self.count("skipped/over_limit")
            return
        request = self.article_request(Link(url, link.title, link.date, link.date_raw), source)
        if request is not None:
            yield request

    def _on_site(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        scheme_ok = url.startswith(("http://", "https://"))
        return scheme_ok and (host == self.site or host.endswith("." + self.site))

    def _is_section(self, url: str) -> bool:
        return url not in self.sections and looks_like_section(url, self.home)
