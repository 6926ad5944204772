"""The agency spider: one generic spider, configured by an agency profile.

``scrapy crawl <agency> -a lang=en -a pages=3 -a since=2026-11-01``

- ``lang``: a language edition (``en``), several (``en,ru``) or ``all``;
  default: the profile's default edition.
- ``pages``: how many listing pages to read per edition (default 5).
- ``since``: ``YYYY-MM-DD``; older articles are skipped and listing
  pagination stops at the first page that reaches them.

Listing pages and feeds are always read; every article page found is fetched
and turned into one record by ``newscrawl.extract_article``. A page that
cannot become an article becomes a ``Reject`` with its reason.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from newscrawl.extraction import extract_article
from newscrawl.extraction.dates import iso, zone
from newscrawl.http import header_dict, response_verdict
from newscrawl.items import Reject
from newscrawl.profiles import AgencyProfile, Listing
from newscrawl.spiders.sources import Link, normalize_url, parse_feed, parse_listing

DEFAULT_PAGES = 5


class AgencySpider(scrapy.Spider):
    """Crawl one agency's latest articles from its listings and feeds."""

    profile: AgencyProfile

    def __init__(
        self,
        lang: str | None = None,
        pages: str | int | None = None,
        since: str | None = None,
        *args: object,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.languages = self._parse_languages(lang)
        self.pages = int(pages) if pages not in (None, "") else DEFAULT_PAGES
        if self.pages < 1:
            raise ValueError("pages must be at least 1")
        self.since = self._parse_since(since)
        self.allowed_domains = list(self.profile.domains)

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        """Apply the profile's politeness settings; replay needs no politeness."""
        super().update_settings(settings)
        settings.setdict(dict(cls.profile.settings), priority="spider")
        if settings.get("NEWSCRAWL_REPLAY"):
            for name, value in (
                ("DOWNLOAD_DELAY", 0),
                ("AUTOTHROTTLE_ENABLED", False),
                ("CONCURRENT_REQUESTS_PER_DOMAIN", 8),
                ("NEWSCRAWL_BACKOFF_BASE", 0.05),
                ("NEWSCRAWL_BACKOFF_MAX", 0.2),
            ):
                settings.set(name, value, priority="spider")

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

    def _parse_since(self, since: str | None) -> datetime | None:
        if not since:
            return None
        day = datetime.strptime(since, "%Y-%m-%d")
        return day.replace(tzinfo=zone(self.profile.timezone))

    # -- discovery ---------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for request in self.source_requests():
            yield request

    def source_requests(self) -> Iterator[scrapy.Request]:
        """First listing page and every feed of each requested edition."""
        for lang in self.languages:
            for listing in self.profile.listings:
                url = self.profile.edition_urls(listing.url, lang)
                yield self._listing_request(url, lang, listing, 1)
            for feed in self.profile.feeds:
                yield scrapy.Request(
                    self.profile.edition_urls(feed, lang),
                    callback=self.parse_feed,
                    errback=self.on_error,
                    cb_kwargs={"lang": lang},
                    dont_filter=True,
                    meta={"newscrawl_kind": "feed"},
                )

    def _listing_request(self, url: str, lang: str, listing: Listing, page: int) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_listing,
            errback=self.on_error,
            cb_kwargs={"lang": lang, "listing": listing, "page": page},
            dont_filter=True,
            meta={"newscrawl_kind": "listing"},
        )

    def parse_listing(
        self, response: Response, lang: str, listing: Listing, page: int
    ) -> Iterator[scrapy.Request]:
        """Article links of one listing page, then the next page while allowed."""
        self.crawler.stats.inc_value("newscrawl/listing_pages")
        text = response.text if isinstance(response, TextResponse) else ""
        links, next_url, pages_linked = parse_listing(text, response.url, self.profile, listing)
        reached_old = False
        for link in links:
            if self._too_old(link.date):
                reached_old = True
                self.crawler.stats.inc_value("newscrawl/skipped/older_than_since")
                continue
            yield from self._article_request(link, lang, source="listing")
        if page >= self.pages or reached_old or not links:
            return
        if listing.page_url:  # the template wins, but only when the page links to it
            templated = self.profile.edition_urls(listing.page_url, lang).format(page=page + 1)
            if normalize_url(templated) in pages_linked:
                next_url = templated
        if next_url:
            yield self._listing_request(next_url, lang, listing, page + 1)

    def parse_feed(self, response: Response, lang: str) -> Iterator[scrapy.Request]:
        """Article links of one RSS/Atom feed."""
        self.crawler.stats.inc_value("newscrawl/feeds")
        for link in parse_feed(response.body, response.url, self.profile.timezone):
            if self._too_old(link.date):
                self.crawler.stats.inc_value("newscrawl/skipped/older_than_since")
                continue
            yield from self._article_request(link, lang, source="feed")

    def _too_old(self, date: datetime | None) -> bool:
        return bool(self.since and date and date < self.since)

    def _article_request(self, link: Link, lang: str, source: str) -> Iterator[scrapy.Request]:
        url = normalize_url(link.url)
        if not self.profile.owns(url) or not self.profile.is_article(url):
            self.crawler.stats.inc_value("newscrawl/skipped/not_article_url")
            return
        self.crawler.stats.inc_value(f"newscrawl/discovered/{source}")
        yield scrapy.Request(
            url,
            callback=self.parse_article,
            errback=self.on_error,
            cb_kwargs={"lang": lang, "link": link},
            meta={"newscrawl_kind": "article"},
        )

    # -- articles ----------------------------------------------------------

    def parse_article(self, response: Response, lang: str, link: Link) -> Iterator[dict | Reject]:
        """One article page to one record (or one reject)."""
        headers = header_dict(response)
        verdict = response_verdict(response)
        if verdict:
            yield Reject(response.url, "blocked", verdict, status=response.status)
            return
        if not isinstance(response, TextResponse):
            yield Reject(response.url, "not_html", headers.get("content-type"))
            return
        record = extract_article(response.text, url=response.url)
        if record is None:
            yield Reject(response.url, "not_html", headers.get("content-type"))
            return
        self._fill_from_source(record, link, lang)
        if self._too_old(_as_datetime(record.get("datePublished"))):
            self.crawler.stats.inc_value("newscrawl/skipped/older_than_since")
            return
        record["metadata"] = {
            "dateDownloaded": iso(datetime.now(UTC)),
            "spider": self.name,
            **record["metadata"],
        }
        self.crawler.stats.inc_value("newscrawl/extracted")
        yield record

    @staticmethod
    def _fill_from_source(record: dict, link: Link, lang: str) -> None:
        """What the page lacks, the listing or feed that linked it may know."""
        if not record.get("datePublished") and link.date:
            record["datePublished"] = iso(link.date)
            record["datePublishedRaw"] = record.get("datePublishedRaw") or link.date_raw
        if not record.get("headline") and link.title:
            record["headline"] = link.title
        if not record.get("inLanguage"):
            record["inLanguage"] = lang

    def on_error(self, failure: Failure) -> Iterator[Reject]:
        """A request that failed for good: count it and reject its URL with the reason."""
        request = failure.request
        kind = request.meta.get("newscrawl_kind", "page")
        if failure.check(HttpError):
            response = failure.value.response
            reason = response.meta.get("newscrawl_verdict") or f"http_{response.status}"
            reason = "blocked" if reason == "challenge" else reason
            status = response.status
            retries = failure.request.meta.get("retry_times", 0)
            message = f"HTTP {status}" + (f" after {retries} retries" if retries else "")
        else:
            reason, status = _error_reason(failure), None
            message = failure.getErrorMessage()
        self.crawler.stats.inc_value(f"newscrawl/failed/{kind}/{reason}")
        level = logging.ERROR if reason == "missing_fixture" else logging.WARNING
        self.logger.log(level, "Giving up on %s %s: %s", kind, request.url, message)
        yield Reject(request.url, reason, message, status=status)


def _error_reason(failure: Failure) -> str:
    """A short reason code for a download failure that is not an HTTP status."""
    name = type(failure.value).__name__
    return {
        "MissingFixture": "missing_fixture",
        "IgnoreRequest": "ignored",
        "TimeoutError": "timeout",
        "TCPTimedOutError": "timeout",
        "DNSLookupError": "dns_error",
        "ConnectionRefusedError": "connection_refused",
    }.get(name, "download_error")


def _as_datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
