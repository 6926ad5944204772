"""What every newscrawl spider shares: article pages in, records or rejects out.

Subclasses decide how article URLs are discovered (agency listings and
feeds, or a site's sitemaps, feeds and links); this base class fetches each
article page, runs ``extract_article`` (in the extraction pool of worker
processes), fills what the page lacks from what the source said about the
link, applies ``-a since``/``-a until``, and turns every failure into a
``Reject`` with a reason.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from newscrawl.extraction.dates import iso, zone
from newscrawl.extraction.verdict import soft_404
from newscrawl.http import binary_kind, content_type, response_verdict
from newscrawl.items import Reject
from newscrawl.middlewares.safety import UnsafeRequest
from newscrawl.spiders.sitemaps import MAX_SITEMAP_DEPTH, Sitemap, SitemapError
from newscrawl.spiders.sources import FeedError, Link, normalize_url
from newscrawl.workers import ExtractionFailed, pool_for

QUEUE_POLL_SECONDS = 0.05  # how often a paced callback looks whether the queue has room

REPLAY_SETTINGS = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "NEWSCRAWL_BACKOFF_BASE": 0.05,
    "NEWSCRAWL_BACKOFF_MAX": 0.2,
    "NEWSCRAWL_HONOUR_CRAWL_DELAY": False,
}


def parse_day(value: str | None, tz: str | None, end: bool = False) -> datetime | None:
    """``YYYY-MM-DD`` as the start (or end) of that day in ``tz``."""
    if not value:
        return None
    day = datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=zone(tz))
    return day.replace(hour=23, minute=59, second=59) if end else day


class ArticleSpider(scrapy.Spider):
    """Base of all newscrawl spiders; subclasses implement ``start``."""

    timezone: str | None = None
    _peak_queued = 0  # the highest newscrawl/peak_queued given to the stats so far

    def __init__(
        self,
        since: str | None = None,
        until: str | None = None,
        full: str | None = None,
        *args: object,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.since = parse_day(since, self.timezone)
        self.until = parse_day(until, self.timezone, end=True)
        self.full = full  # "1": emit every article this run, whatever the crawl state says
        self.scheduled: set[str] = set()  # article URLs requested in this crawl

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        """Replaying fixtures needs no politeness: no delays, fast back-off."""
        super().update_settings(settings)
        if settings.get("NEWSCRAWL_REPLAY"):
            for name, value in REPLAY_SETTINGS.items():
                settings.set(name, value, priority="spider")

    def out_of_range(self, date: datetime | None) -> bool:
        """True when a known date falls outside ``-a since``/``-a until``."""
        if date is None:
            return False
        return bool((self.since and date < self.since) or (self.until and date > self.until))

    def count(self, key: str, n: int = 1) -> None:
        self.crawler.stats.inc_value(f"newscrawl/{key}", n)

    def read_source(self, kind: str, read: Callable, response: Response) -> Any:
        """A sitemap or feed read by ``read``; None when refused (``skipped/bad_<kind>``).

        Hostile XML (entities, gzip bombs, oversize) is refused with a reason in
        the log and a counted skip, never a crash and never a silent drop.
        """
        self.count(f"{kind}s")
        try:
            return read(response.body, response.url, self.timezone)
        except (SitemapError, FeedError) as exc:
            self.count(f"skipped/bad_{kind}")
            self.logger.warning("Ignoring %s %s: %s", kind, response.url, exc)
            return None

    def sitemap_children(
        self, sitemap: Sitemap, depth: int, on_site: Callable[[str], bool]
    ) -> Iterator[str]:
        """The child sitemaps of an index that are worth a request.

        On the site (``on_site``), not below ``MAX_SITEMAP_DEPTH`` (an index
        of indexes that goes on is a loop or a trap), and not a child whose
        ``lastmod`` is before ``-a since``: it changed last before the range,
        so every page it lists is older. An hourly crawl of a dated sitemap
        index reads today's child, not years of them. Each skip is counted.
        """
        if depth >= MAX_SITEMAP_DEPTH:
            if sitemap.children:
                self.count("skipped/sitemap_too_deep", len(sitemap.children))
            return
        for child in sitemap.children:
            if not on_site(child.url):
                self.count("skipped/offsite_sitemap")
            elif self.since and child.date and child.date < self.since:
                self.count("skipped/old_sitemap")
            else:
                yield child.url

    async def paced(self, requests: Iterable[scrapy.Request]) -> AsyncIterator[scrapy.Request]:
        """Yield ``requests`` no faster than the crawl works through its queue.

        Scrapy takes in everything a callback yields at once, so a sitemap of
        50,000 URLs would put 50,000 requests (a few KB each) in memory
        before the first is fetched. Waiting while the scheduler holds more
        than ``NEWSCRAWL_MAX_QUEUED`` requests keeps memory flat whatever the
        size of the site; the suspended callback's response stays counted
        by Scrapy's scraper slot meanwhile, like any response in work.
        """
        limit = self.crawler.settings.getint("NEWSCRAWL_MAX_QUEUED")
        for request in requests:
            queued = self.queued()
            while limit and queued >= limit:
                await asyncio.sleep(QUEUE_POLL_SECONDS)
                queued = self.queued()
            if queued >= self._peak_queued:  # a stats call only for a new high
                self._peak_queued = queued + 1
                self.crawler.stats.max_value("newscrawl/peak_queued", queued + 1)
            yield request

    def queued(self) -> int:
        """Requests waiting in the scheduler (0 when the scheduler cannot tell)."""
        scheduler = getattr(self.crawler.engine, "scheduler", None)
        try:
            return len(scheduler)  # type: ignore[arg-type]
        except TypeError:
            return 0

    def article_request(
        self, link: Link, source: str, **cb_kwargs: object
    ) -> scrapy.Request | None:
        """A request for an article page found in ``source`` (or None to skip it).

        Each URL is scheduled once per crawl (``newscrawl/scheduled``); every
        scheduled URL ends as exactly one outcome that the closing summary counts.
        """
        if self.out_of_range(link.date):
            self.count("skipped/out_of_date_range")
            return None
        self.count(f"discovered/{source}")
        url = normalize_url(link.url)
        limit = self.crawler.settings.getint("URLLENGTH_LIMIT")
        if limit and len(url) > limit:  # Scrapy would drop it after scheduling, silently
            self.count("skipped/url_too_long")
            return None
        if url in self.scheduled:
            self.count(f"seen_again/{source}")
            return None
        self.scheduled.add(url)
        self.count("scheduled")
        return scrapy.Request(
            url,
            callback=self.parse_article,
            errback=self.on_error,
            cb_kwargs={"link": link, **cb_kwargs},
            meta={"newscrawl_kind": "article"},
        )

    async def parse_article(
        self, response: Response, link: Link, lang: str | None = None
    ) -> AsyncIterator[dict | Reject]:
        """One article page to one record (or one reject).

        The cleaning runs in the extraction pool (``newscrawl.workers``): this
        callback awaits it, so the reactor keeps downloading meanwhile, and the
        response stays counted by Scrapy's scraper slot until the record is
        out, which holds the downloader back when extraction falls behind.
        """
        reject = self.page_reject(response)
        if reject is not None:
            yield reject
            return
        declared = content_type(response)
        charset = re.search(r"charset=([\w\-:.]+)", declared, re.I)
        try:
            record = await pool_for(self.crawler).extract(
                response.body, response.url, charset.group(1) if charset else None
            )
        except ExtractionFailed as exc:
            self.count(f"failed/article/{exc.reason}")
            yield Reject(response.url, exc.reason, exc.detail, status=response.status)
            return
        if record is None:
            yield Reject(response.url, "not_html", declared or None)
            return
        record = self.finish_record(record, link, lang)
        if record is not None:
            yield record

    def page_reject(self, response: Response) -> Reject | None:
        """Why an article response cannot be extracted at all (None: it can)."""
        if not response.body or response.body.isspace():  # strip() would copy the page
            detail = f"HTTP {response.status} with an empty body"
            return Reject(response.url, "empty_response", detail, status=response.status)
        verdict = response_verdict(response)
        if verdict:
            reason = "unavailable" if verdict == "unavailable" else "blocked"
            return Reject(response.url, reason, verdict, status=response.status)
        if soft_404(response.body):
            return Reject(response.url, "soft_404", "the page says it was not found")
        binary = binary_kind(response.body)
        if binary or not isinstance(response, TextResponse):
            served = f"served as {content_type(response) or 'no type'}"
            return Reject(response.url, "not_html", f"{binary} {served}" if binary else served)
        return None

    def finish_record(self, record: dict, link: Link, lang: str | None) -> dict | None:
        """Crawl-side fields of an extracted record; None when outside the date range."""
        fill_from_link(record, link, lang)
        published = record.get("datePublished")
        if self.out_of_range(datetime.fromisoformat(published) if published else None):
            self.count("dropped/out_of_date_range")
            return None
        record["metadata"] = {
            "dateDownloaded": iso(datetime.now(UTC)),
            "spider": self.name,
            **record["metadata"],
        }
        self.count("extracted")
        return record

    def on_error(self, failure: Failure) -> Iterator[Reject]:
        """A request that failed for good: count it and reject its URL with the reason."""
        request = failure.request
        kind = request.meta.get("newscrawl_kind", "page")
        if failure.check(UnsafeRequest) and kind != "article":
            return  # never fetched; the safety middleware counted it as a skip
        if failure.check(HttpError):
            response = failure.value.response
            reason = response.meta.get("newscrawl_verdict") or f"http_{response.status}"
            reason = "blocked" if reason == "challenge" else reason
            status = response.status
            retries = request.meta.get("retry_times", 0)
            message = f"HTTP {status}" + (f" after {retries} retries" if retries else "")
        else:
            reason, status = error_reason(failure), None
            message = failure.getErrorMessage()
        self.count(f"failed/{kind}/{reason}")
        level = logging.ERROR if reason == "missing_fixture" else logging.WARNING
        self.logger.log(level, "Giving up on %s %s: %s", kind, request.url, message)
        yield Reject(request.url, reason, message, status=status, kind=kind)


def fill_from_link(record: dict, link: Link, lang: str | None) -> None:
    """What the page lacks, the listing, feed or sitemap that linked it may know."""
    if not record.get("datePublished") and link.date:
        record["datePublished"] = iso(link.date)
        record["datePublishedRaw"] = record.get("datePublishedRaw") or link.date_raw
    if not record.get("headline") and link.title:
        record["headline"] = link.title
    if not record.get("inLanguage") and lang:
        record["inLanguage"] = lang


def error_reason(failure: Failure) -> str:
    """A short reason code for a download failure that is not an HTTP status.

    Our own exceptions carry their ``reason``; Scrapy's are told apart by type
    (old and new names) and, for ``IgnoreRequest``, by what its message says.
    """
    reason = getattr(failure.value, "reason", None)
    if isinstance(reason, str):
        return reason
    name = type(failure.value).__name__
    if name == "IgnoreRequest":
        message = failure.getErrorMessage()
        for needle, code in _IGNORED:
            if needle in message:
                return code
    return _ERRORS.get(name, "download_error")


_ERRORS = {
    "MissingFixture": "missing_fixture",
    "OffsiteRedirect": "offsite_redirect",
    "IgnoreRequest": "ignored",
    "TimeoutError": "timeout",
    "TCPTimedOutError": "timeout",
    "DownloadTimeoutError": "timeout",
    "DNSLookupError": "dns_error",
    "CannotResolveHostError": "dns_error",
    "ConnectionRefusedError": "connection_refused",
    "DownloadConnectionRefusedError": "connection_refused",
    "DownloadCancelledError": "too_large",  # the downloader cancels only over DOWNLOAD_MAXSIZE
    "ResponseDataLossError": "truncated",
}
_IGNORED = (
    ("max redirections", "too_many_redirects"),
    ("DOWNLOAD_MAXSIZE", "too_large"),  # HttpCompressionMiddleware: a body that inflates too far
    ("robots.txt", "robots_disallowed"),
)
