"""Scrapy's two per-page DEBUG lines, not even built when the crawl logs above DEBUG.

For every response Scrapy makes a "Crawled (200) <GET ...>" record, and for
every item a "Scraped from <200 ...>" one, at DEBUG. Scrapy leaves the root
logger at NOTSET and filters in its handler, so each becomes a ``LogRecord``
(with the referer looked up) that the handler then drops at the usual
``LOG_LEVEL`` (INFO): some 0.03 ms a page in the reactor thread for nothing.
Returning None from ``crawled``/``scraped`` is Scrapy's documented way of
not logging them; at ``LOG_LEVEL`` DEBUG (or a level we cannot read) they
are logged as Scrapy would.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler
from scrapy.logformatter import LogFormatter


def log_level(value: object) -> int | None:
    """A ``LOG_LEVEL`` setting (name or number) as a number; None when unknown."""
    if isinstance(value, int):
        return value
    number = logging.getLevelName(str(value).upper())
    return number if isinstance(number, int) else None


class QuietLogFormatter(LogFormatter):
    """Scrapy's ``LogFormatter`` without the per-page DEBUG lines above ``LOG_LEVEL`` DEBUG."""

    def __init__(self, per_page: bool = True) -> None:
        self.per_page = per_page

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> QuietLogFormatter:
        level = log_level(crawler.settings.get("LOG_LEVEL"))
        return cls(per_page=level is None or level <= logging.DEBUG)

    def crawled(self, *args: Any, **kwargs: Any) -> Any:
        return super().crawled(*args, **kwargs) if self.per_page else None

    def scraped(self, *args: Any, **kwargs: Any) -> Any:
        return super().scraped(*args, **kwargs) if self.per_page else None
