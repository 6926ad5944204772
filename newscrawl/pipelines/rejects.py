"""Rejects: every page that did not become an article gets a line saying why."""

from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import UTC, datetime

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newscrawl.items import Reject
from newscrawl.pipelines.jsonl import JsonLinesFile, output_path

logger = logging.getLogger(__name__)


class RejectsPipeline:
    """Write ``Reject`` items to ``NEWSCRAWL_REJECTS`` and count them by reason."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.template = crawler.settings.get("NEWSCRAWL_REJECTS") or ""
        self.file: JsonLinesFile | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RejectsPipeline:
        return cls(crawler)

    def open_spider(self, spider: object = None) -> None:
        name = self.crawler.spider.name if self.crawler.spider else "crawl"
        if self.template:
            self.file = JsonLinesFile(output_path(self.template, name))
            logger.info("Rejects go to %s", self.file.path)

    def close_spider(self, spider: object = None) -> None:
        if self.file:
            self.file.close()

    def process_item(self, item: dict | Reject, spider: object = None) -> dict:
        if not isinstance(item, Reject):
            return item
        self.stats.inc_value("newscrawl/rejected")
        self.stats.inc_value(f"newscrawl/rejected/{item.reason}")
        if item.kind == "article":
            self.stats.inc_value("newscrawl/rejected_articles")
            self.stats.inc_value(f"newscrawl/rejected_articles/{item.reason}")
        if self.file:
            record = {k: v for k, v in asdict(item).items() if v is not None}
            record["date"] = datetime.now(UTC).isoformat(timespec="seconds")
            record["spider"] = self.crawler.spider.name if self.crawler.spider else None
            self.file.append(record)
        raise DropItem(f"rejected ({item.reason}): {item.url}", log_level="INFO")
