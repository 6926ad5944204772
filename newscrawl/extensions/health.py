"""Site health: say loudly when a crawl suggests the site has changed under us.

An hourly crawl that quietly emits nothing is the worst way a news crawler
fails: after a site redesign the listing pages may hold no article-shaped
link any more, or every article page may come back without a body, and cron
reports success for weeks. At the end of a crawl this extension checks two
things from the crawl's own stats:

- ``no_article_links``: index pages (listings, sections, feeds, sitemaps)
  were read, yet none gave an article link (not even one outside the date
  range): the listing layout or the article URL pattern changed;
- ``articles_rejected``: of the article pages decided, at least
  ``NEWSCRAWL_HEALTH_MAX_REJECT_SHARE`` (default 0.5) were rejects, with at
  least ``NEWSCRAWL_HEALTH_MIN_ARTICLES`` (default 5) decided: the page
  layout changed (empty bodies), or the site blocks or fails us.

Each finding is logged at ERROR with the numbers and reasons, and counted as
``newscrawl/health/<check>``; ``scrapy crawl`` (``newscrawl.scrapy_commands``)
and ``newscrawl crawl`` then exit with status 1, which cron and systemd see.
``NEWSCRAWL_HEALTH_ENABLED = False`` turns it off.
"""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newscrawl.extensions.summary import account, by_reason

logger = logging.getLogger(__name__)

INDEX_PAGES = ("listing_pages", "section_pages", "feeds", "sitemaps")
DECIDED = ("emitted", "unchanged", "duplicates", "claimed by another worker", "rejected")


def findings(stats: dict, min_articles: int = 5, max_reject_share: float = 0.5) -> dict[str, str]:
    """The health problems a finished crawl's stats show: check name -> what was seen."""
    found: dict[str, str] = {}
    index_pages = sum(int(stats.get(f"newscrawl/{key}", 0)) for key in INDEX_PAGES)
    links = sum(by_reason(stats, "newscrawl/discovered/").values())
    links += int(stats.get("newscrawl/skipped/out_of_date_range", 0))
    if index_pages and not links:
        skipped = by_reason(stats, "newscrawl/skipped/") or "none"
        found["no_article_links"] = (
            f"{index_pages} index pages read, no article link found on them "
            f"(links skipped: {skipped}); has the site's listing layout or URL pattern changed?"
        )
    numbers = account(stats)
    decided = sum(numbers[name] for name in DECIDED)
    rejected = numbers["rejected"]
    if decided >= min_articles and rejected >= max_reject_share * decided:
        reasons = by_reason(stats, "newscrawl/rejected_articles/")
        found["articles_rejected"] = (
            f"{rejected} of {decided} article pages gave no article (reasons: {reasons}); "
            "has the page layout changed, or does the site block the crawler?"
        )
    return found


class SiteHealth:
    """Check the crawl's stats when it finishes; log and count what looks broken."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not settings.getbool("NEWSCRAWL_HEALTH_ENABLED", True):
            raise NotConfigured
        self.crawler = crawler
        self.min_articles = settings.getint("NEWSCRAWL_HEALTH_MIN_ARTICLES", 5)
        self.max_reject_share = settings.getfloat("NEWSCRAWL_HEALTH_MAX_REJECT_SHARE", 0.5)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteHealth:
        return cls(crawler)

    def spider_closed(self, spider: object, reason: str) -> None:
        if reason != "finished":  # an interrupted crawl proves nothing about the site
            return
        stats = self.crawler.stats
        found = findings(stats.get_stats(), self.min_articles, self.max_reject_share)
        for check, seen in found.items():
            stats.set_value(f"newscrawl/health/{check}", 1)
            logger.error("Site health: %s", seen)


def problems(stats: dict) -> list[str]:
    """The health checks a crawl's stats record as failed."""
    return sorted(by_reason(stats, "newscrawl/health/"))
