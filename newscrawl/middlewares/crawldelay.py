"""Honour the ``Crawl-delay`` a site asks for in its robots.txt.

Scrapy's robots.txt middleware obeys Allow/Disallow but ignores
Crawl-delay. This middleware reads every robots.txt response that passes
through the downloader and raises that host's download-slot delay to the
requested value (capped by ``NEWSCRAWL_MAX_CRAWL_DELAY``); AutoThrottle is
told not to lower it. Off with ``NEWSCRAWL_HONOUR_CRAWL_DELAY=False``.
"""

from __future__ import annotations

import logging

from protego import Protego
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.utils.httpobj import urlparse_cached

logger = logging.getLogger(__name__)


class CrawlDelayMiddleware:
    """Set per-host download delays from robots.txt ``Crawl-delay``."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.user_agent = crawler.settings.get("USER_AGENT") or "*"
        self.cap = crawler.settings.getfloat("NEWSCRAWL_MAX_CRAWL_DELAY", 60.0)
        self.delays: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlDelayMiddleware:
        if not crawler.settings.getbool("NEWSCRAWL_HONOUR_CRAWL_DELAY", True):
            raise NotConfigured
        return cls(crawler)

    def process_request(self, request: Request, spider: object = None) -> None:
        if urlparse_cached(request).hostname in self.delays:
            request.meta["autothrottle_dont_adjust_delay"] = True

    def process_response(
        self, request: Request, response: Response, spider: object = None
    ) -> Response:
        url = urlparse_cached(response)
        if url.path != "/robots.txt" or response.status != 200 or not url.hostname:
            return response
        try:
            rules = Protego.parse(response.body.decode("utf-8", "replace"))
            delay = rules.crawl_delay(self.user_agent)
        except (ValueError, TypeError):
            return response
        if delay:
            self.apply(url.hostname, min(float(delay), self.cap))
        return response

    def apply(self, host: str, delay: float) -> None:
        """Make ``delay`` the floor of ``host``'s download slot."""
        self.delays[host] = delay
        downloader = self.crawler.engine.downloader
        downloader.per_slot_settings.setdefault(host, {})["delay"] = delay
        slot = downloader.slots.get(host)
        if slot is not None and slot.delay < delay:
            slot.delay = delay
        self.crawler.stats.set_value(f"newscrawl/crawl_delay/{host}", delay)
        logger.info("robots.txt of %s asks for Crawl-delay %.1fs: honoured", host, delay)
