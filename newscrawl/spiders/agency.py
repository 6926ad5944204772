"""The agency spider: one generic spider, configured by an agency profile.

``scrapy crawl <agency> -a lang=en -a pages=3 -a since=2026-11-01``

- ``lang``: a language edition (``en``), several (``en,ru``) or ``all``;
  default: the profile's default edition.
- ``pages``: how many listing pages to read per edition (default 5).
- ``since``/``until``: ``YYYY-MM-DD``; articles outside the range are
  skipped, and listing pagination stops at the first page that reaches
  older articles. When the profile has archive (search-by-date) pages, a
  range also reads those, page by page: a backfill (raise ``-a pages=``).

Listing pages, feeds and sitemaps (news sitemaps, sitemap indexes) are
always read; every article page found is fetched and turned into one record
by ``newscrawl.extract_article``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from datetime import datetime, timedelta

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings

from newscrawl.extraction.dates import zone
from newscrawl.profiles import AgencyProfile, Listing
from newscrawl.spiders.base import ArticleSpider
from newscrawl.spiders.sitemaps import parse_sitemap
from newscrawl.spiders.sources import Link, normalize_url, parse_listing, read_feed

DEFAULT_PAGES = 5
DEFAULT_BACKFILL_DAYS = 30  # with -a until= alone, backfill this many days before it


class AgencySpider(ArticleSpider):
    """Crawl one agency's latest articles from its listings, feeds and sitemaps."""

    profile: AgencyProfile

    def __init__(
        self,
        lang: str | None = None,
        pages: str | int | None = None,
        *args: object,
        **kwargs: object,
    ) -> None:
        self.timezone = self.profile.timezone
        super().__init__(*args, **kwargs)
        self.languages = self._parse_languages(lang)
        self.pages = int(pages) if pages not in (None, "") else DEFAULT_PAGES
        if self.pages < 1:
            raise ValueError("pages must be at least 1")
        self.allowed_domains = list(self.profile.domains)

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        """The profile's politeness settings, under what the base class sets."""
        settings.setdict(dict(cls.profile.settings), priority="spider")
        super().update_settings(settings)

    def _parse_languages(self, lang: str | None) -> list[str]:
        editions = self.profile.editions
        if not lang:
            return [self.profile.default_language]
        if lang == "all":
            return list(editions)
        wanted = [code.strip() for code in lang.split(",") if code.strip()]
        unknown = [code for code in wanted if code not in editions]
        if unknown:
            raise ValueError(
                f"unknown language edition(s) {', '.join(unknown)} for {self.profile.name}; "
                f"known: {', '.join(editions)}"
            )
        return wanted

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for request in self.source_requests():
            yield request

    def source_requests(self) -> Iterator[scrapy.Request]:
        """First listing page, every feed and every sitemap of each requested edition.

        With a date range and an agency that has archive (search-by-date)
        pages, those are read too: that is how a range is backfilled.
        """
        for lang in self.languages:
            for listing in self.profile.listings_for(lang):
                url = self.profile.edition_urls(listing.url, lang)
                yield self._listing_request(url, lang, listing, 1)
            for archive in self.profile.archives_for(lang) if (self.since or self.until) else ():
                fill = self._range_values(archive)
                url = self.profile.edition_urls(archive.url, lang, **fill)
                yield self._listing_request(url, lang, archive, 1, fill)
            for feed in self.profile.feeds_for(lang):
                url = self.profile.edition_urls(feed, lang)
                yield self._source_request(url, self.parse_feed, "feed", lang=lang)
            for sitemap in self.profile.sitemaps_for(lang):
                url = self.profile.edition_urls(sitemap, lang)
                yield self._source_request(url, self.parse_sitemap, "sitemap", lang=lang, depth=0)

    def _source_request(
        self, url: str, callback: Callable, kind: str, **cb_kwargs: object
    ) -> scrapy.Request:
        """A request for a listing, feed or sitemap: never filtered as a duplicate."""
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.on_error,
            cb_kwargs=cb_kwargs,
            dont_filter=True,
            meta={"newscrawl_kind": kind},
        )

    def _range_values(self, archive: Listing) -> dict[str, str]:
        """``{since}``/``{until}`` for an archive template (until defaults to today)."""
        until = self.until or datetime.now(zone(self.profile.timezone))
        since = self.since or until - timedelta(days=DEFAULT_BACKFILL_DAYS)
        fmt = archive.date_param_format
        return {"since": since.strftime(fmt), "until": until.strftime(fmt)}

    def _listing_request(
        self, url: str, lang: str, listing: Listing, page: int, fill: dict | None = None
    ) -> scrapy.Request:
        fill = fill or {}
        return self._source_request(
            url, self.parse_listing, "listing", lang=lang, listing=listing, page=page, fill=fill
        )

    def parse_listing(
        self,
        response: Response,
        lang: str | None = None,
        listing: Listing | None = None,
        page: int = 1,
        fill: dict | None = None,
    ) -> Iterator[scrapy.Request]:
        """Article links of one listing page, then the next page while allowed.

        Without arguments (a ``scrapy check`` contract request) it reads the
        default edition's first listing, page 1.
        """
        lang = lang or self.profile.default_language
        listing = listing or self.profile.listings_for(lang)[0]
        fill = fill or {}
        self.count("listing_pages")
        text = response.text if isinstance(response, TextResponse) else ""
        links, next_url, pages_linked = parse_listing(text, response.url, self.profile, listing)
        reached_old = any(self.since and link.date and link.date < self.since for link in links)
        for link in links:
            yield from self._article(link, lang, "listing")
        if page >= self.pages or reached_old or not links:
            return
        if listing.page_url:  # the template wins, but only when the page links to it
            templated = self.profile.edition_urls(listing.page_url, lang, page=page + 1, **fill)
            if normalize_url(templated) in pages_linked:
                next_url = templated
        if next_url:
            yield self._listing_request(next_url, lang, listing, page + 1, fill)

    def parse_feed(self, response: Response, lang: str | None = None) -> Iterator[scrapy.Request]:
        """Article links of one RSS/Atom feed (of the default edition unless told)."""
        for link in self.read_source("feed", read_feed, response) or []:
            yield from self._article(link, lang or self.profile.default_language, "feed")

    async def parse_sitemap(
        self, response: Response, lang: str | None = None, depth: int = 0
    ) -> AsyncIterator[scrapy.Request]:
        """Article links of a (news) sitemap, and the child sitemaps of an index (paced).

        Paced because a sitemap may list thousands of pages: they enter the
        queue as fast as the crawl works through it.
        """
        lang = lang or self.profile.default_language
        async for request in self.paced(self._sitemap_requests(response, lang, depth)):
            yield request

    def _sitemap_requests(
        self, response: Response, lang: str, depth: int
    ) -> Iterator[scrapy.Request]:
        sitemap = self.read_source("sitemap", parse_sitemap, response)
        if sitemap is None:
            return
        for url in self.sitemap_children(sitemap, depth, self.profile.owns):
            yield self._source_request(
                url, self.parse_sitemap, "sitemap", lang=lang, depth=depth + 1
            )
        source = "news_sitemap" if sitemap.news else "sitemap"
        for link in sitemap.pages:
            yield from self._article(link, lang, source)

    def _article(self, link: Link, lang: str, source: str) -> Iterator[scrapy.Request]:
        url = normalize_url(link.url)
        if not self.profile.owns(url) or not self.profile.is_article(url):
            self.count("skipped/not_article_url")
            return
        request = self.article_request(link, source, lang=lang)
        if request is not None:
            yield request
