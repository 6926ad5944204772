"""The closing summary: every article URL a crawl scheduled, and what became of it.

Each scheduled article URL ends in exactly one outcome: emitted, unchanged
since an earlier crawl, a duplicate of an emitted one, claimed by another
worker, rejected (with a reason), or dropped as outside the date range once
its page gave the date. The summary adds them up and logs the difference
from the number scheduled as ``newscrawl/unaccounted`` (0 when nothing was
lost silently).
"""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

OUTCOMES = (
    ("emitted", "item_scraped_count"),
    ("unchanged", "newscrawl/unchanged"),
    ("duplicates", "newscrawl/duplicates"),
    ("claimed by another worker", "newscrawl/claimed_elsewhere"),
    ("rejected", "newscrawl/rejected_articles"),
    ("outside the date range", "newscrawl/dropped/out_of_date_range"),
)


def account(stats: dict) -> dict[str, int]:
    """Scheduled article URLs, each outcome, and what no outcome explains."""
    counts = {name: int(stats.get(key, 0)) for name, key in OUTCOMES}
    scheduled = int(stats.get("newscrawl/scheduled", 0))
    return {"scheduled": scheduled, **counts, "unaccounted": scheduled - sum(counts.values())}


class CrawlSummary:
    """Log the account of the crawl's article URLs when the spider closes."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlSummary:
        return cls(crawler)

    def spider_closed(self, spider: object, reason: str) -> None:
        stats = self.crawler.stats
        numbers = account(stats.get_stats())
        stats.set_value("newscrawl/unaccounted", numbers["unaccounted"])
        reasons = {
            k.rsplit("/", 1)[1]: v
            for k, v in stats.get_stats().items()
            if k.startswith("newscrawl/rejected/")
        }
        lines = [f"{numbers['scheduled']} article URLs scheduled:"]
        lines += [f"  {name}: {numbers[name]}" for name, _ in OUTCOMES]
        lines.append(f"  rejects by reason (all kinds of page): {reasons or 'none'}")
        level = logging.INFO if numbers["unaccounted"] == 0 else logging.WARNING
        lines.append(f"  unaccounted: {numbers['unaccounted']}")
        logger.log(level, "Crawl summary (%s)\n%s", reason, "\n".join(lines))
