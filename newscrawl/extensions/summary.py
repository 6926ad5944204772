"""The closing summary: every article URL a crawl scheduled, and what became of it.

Each scheduled article URL ends in exactly one outcome: emitted, unchanged
since an earlier crawl, a duplicate of an emitted one, claimed by another
worker, rejected (with a reason), dropped as outside the date range once its
page gave the date, or dropped by Scrapy's scheduler as a URL already fetched
(a redirect to a page the crawl had read). The summary adds them up and logs
the difference from the number scheduled as ``newscrawl/unaccounted`` (0 when
nothing was lost silently), then the article rejects by reason, the skips by
reason (URLs never scheduled: off-site, refused, not article-shaped, ...) and
the download failures of every kind of page.
"""

from __future__ import annotations

import logging

from scrapy import Request, signals
from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

OUTCOMES = (
    ("emitted", "item_scraped_count"),
    ("unchanged", "newscrawl/unchanged"),
    ("duplicates", "newscrawl/duplicates"),
    ("claimed by another worker", "newscrawl/claimed_elsewhere"),
    ("rejected", "newscrawl/rejected_articles"),
    ("outside the date range", "newscrawl/dropped/out_of_date_range"),
    ("dropped as already fetched", "newscrawl/dropped/already_fetched"),
)


def account(stats: dict) -> dict[str, int]:
    """Scheduled article URLs, each outcome, and what no outcome explains."""
    counts = {name: int(stats.get(key, 0)) for name, key in OUTCOMES}
    scheduled = int(stats.get("newscrawl/scheduled", 0))
    return {"scheduled": scheduled, **counts, "unaccounted": scheduled - sum(counts.values())}


def by_reason(stats: dict, prefix: str) -> dict[str, int]:
    """The counters under ``prefix`` (``newscrawl/skipped/``), keyed by what follows it."""
    return {k[len(prefix) :]: int(v) for k, v in sorted(stats.items()) if k.startswith(prefix)}


class CrawlSummary:
    """Log the account of the crawl's article URLs when the spider closes."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.request_dropped, signal=signals.request_dropped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlSummary:
        return cls(crawler)

    def request_dropped(self, request: Request, spider: object = None) -> None:
        """An article request the scheduler refused (seen before): an outcome, not a loss."""
        if request.meta.get("newscrawl_kind") == "article":
            self.crawler.stats.inc_value("newscrawl/dropped/already_fetched")

    def spider_closed(self, spider: object, reason: str) -> None:
        stats = self.crawler.stats
        values = stats.get_stats()
        numbers = account(values)
        stats.set_value("newscrawl/unaccounted", numbers["unaccounted"])
        lines = [f"{numbers['scheduled']} article URLs scheduled:"]
        lines += [f"  {name}: {numbers[name]}" for name, _ in OUTCOMES]
        lines.append(f"  unaccounted: {numbers['unaccounted']}")
        sections = (
            ("article rejects by reason", "newscrawl/rejected_articles/"),
            ("rejects by reason (all kinds of page)", "newscrawl/rejected/"),
            ("skipped by reason (never scheduled)", "newscrawl/skipped/"),
            ("failures by kind and reason", "newscrawl/failed/"),
        )
        lines += [f"  {title}: {by_reason(values, prefix) or 'none'}" for title, prefix in sections]
        level = logging.INFO if numbers["unaccounted"] == 0 else logging.WARNING
        logger.log(level, "Crawl summary (%s)\n%s", reason, "\n".join(lines))
