"""A progress line for people watching a crawl: pages, articles, rejects, rate.

Enabled by ``newscrawl crawl`` (``NEWSCRAWL_PROGRESS = True``), off for a plain
``scrapy crawl``, whose periodic LogStats already serves log readers. On a
terminal the line is redrawn in place (``\\r``, erase to end of line) every
``NEWSCRAWL_PROGRESS_INTERVAL`` seconds (default 1) and log records first
clear it, so the two never run into each other; when stderr is a pipe or a
file it is an ordinary log line (default every 10 s), because a file full of
carriage returns is unreadable.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import TextIO

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

logger = logging.getLogger(__name__)

ERASE_LINE = "\r\x1b[K"


def progress_text(stats: dict, elapsed: float) -> str:
    """``pages 120 · articles 85 · rejects 3 · 42.5 articles/min · 0:02:00``."""
    pages = int(stats.get("response_received_count", 0))
    articles = int(stats.get("newscrawl/stored", stats.get("item_scraped_count", 0)))
    rejects = int(stats.get("newscrawl/rejected", 0))
    rate = 60 * articles / elapsed if elapsed > 0 else 0.0
    minutes, seconds = divmod(int(elapsed), 60)
    clock = f"{minutes // 60}:{minutes % 60:02d}:{seconds:02d}"
    return (
        f"pages {pages} · articles {articles} · rejects {rejects} · "
        f"{rate:.1f} articles/min · {clock}"
    )


class _ClearLine(logging.Filter):
    """Erase the progress line before a log record is written below it."""

    def __init__(self, progress: Progress) -> None:
        super().__init__()
        self.progress = progress

    def filter(self, record: logging.LogRecord) -> bool:
        self.progress.clear()
        return True


class Progress:
    """Redraws (terminal) or logs (pipe) the progress of the crawl at an interval."""

    def __init__(self, crawler: Crawler, stream: TextIO, interactive: bool) -> None:
        self.crawler = crawler
        self.stream = stream
        self.interactive = interactive
        default = 1.0 if interactive else 10.0
        self.interval = crawler.settings.getfloat("NEWSCRAWL_PROGRESS_INTERVAL", default)
        self.started = time.monotonic()
        self.showing = False
        self.loop: task.LoopingCall | None = None
        self._filter = _ClearLine(self)
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        if not crawler.settings.getbool("NEWSCRAWL_PROGRESS"):
            raise NotConfigured
        return cls(crawler, sys.stderr, sys.stderr.isatty())

    def opened(self, spider: object) -> None:
        self.started = time.monotonic()
        if self.interactive:
            for handler in logging.getLogger().handlers:
                handler.addFilter(self._filter)
        self.loop = task.LoopingCall(self.tick)
        self.loop.start(self.interval, now=False)

    def closed(self, spider: object, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self.tick()
        if self.interactive:
            self.stream.write("\n")
            self.stream.flush()
            self.showing = False
            for handler in logging.getLogger().handlers:
                handler.removeFilter(self._filter)

    def tick(self) -> None:
        """Show the current numbers once."""
        text = progress_text(self.crawler.stats.get_stats(), time.monotonic() - self.started)
        if self.interactive:
            self.stream.write(ERASE_LINE + text)
            self.stream.flush()
            self.showing = True
        else:
            logger.info("progress: %s", text)

    def clear(self) -> None:
        """Erase the line if it is on screen (a log record is about to be written)."""
        if self.showing:
            self.stream.write(ERASE_LINE)
            self.stream.flush()
            self.showing = False
