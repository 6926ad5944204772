"""Stop a distributed worker once the shared queue has stayed empty for a while.

A worker of one spider cannot end when its own queue runs dry, as a lone
Scrapy process does: another worker may be parsing a listing page that is
about to queue fifty articles. So on ``spider_idle`` it raises
``DontCloseSpider`` (Scrapy then polls the scheduler again every few
seconds) until the queue has been empty, and this worker without a
response, for ``NEWSCRAWL_REDIS_IDLE_SECONDS`` (default 10).
"""

from __future__ import annotations

import logging
import time

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured

logger = logging.getLogger(__name__)


class RedisIdleClose:
    """Keep an idle worker open until the shared queue has been empty long enough."""

    def __init__(self, crawler: Crawler, seconds: float) -> None:
        self.crawler = crawler
        self.seconds = seconds
        self.idle_since: float | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisIdleClose:
        if not crawler.settings.get("NEWSCRAWL_REDIS_URL"):
            raise NotConfigured("not in distributed mode")
        ext = cls(crawler, crawler.settings.getfloat("NEWSCRAWL_REDIS_IDLE_SECONDS", 10.0))
        crawler.signals.connect(ext.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(ext.busy, signal=signals.response_received)
        return ext

    def busy(self) -> None:
        """A response arrived: this worker is working, the idle clock starts over."""
        self.idle_since = None

    def spider_idle(self) -> None:
        scheduler = self.crawler.engine.scheduler if self.crawler.engine else None
        if scheduler is not None and scheduler.has_pending_requests():
            self.idle_since = None
            raise DontCloseSpider
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        if now - self.idle_since < self.seconds:
            raise DontCloseSpider
        logger.info("Shared queue empty for %.0f s: this worker stops", now - self.idle_since)
