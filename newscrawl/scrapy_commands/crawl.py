"""``scrapy crawl``, with exit status 1 when the finished crawl raised the site-health alarm.

cron and systemd judge a job by its exit status. Scrapy's ``crawl`` exits 0
after any finished crawl, so an hourly crawl of a redesigned site would
"succeed" while emitting nothing; ``newscrawl.extensions.health`` notices,
and this command makes the status say so (as ``newscrawl crawl`` does).
Everything else is Scrapy's own command: options, ``-a``, ``-s``, ``-o``.
"""

from __future__ import annotations

import argparse

from scrapy import Spider
from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.crawler import Crawler

from newscrawl.extensions.health import problems


class Command(ScrapyCrawl):
    """Scrapy's ``crawl``; exit status 1 when ``newscrawl/health/*`` was counted."""

    crawler: Crawler | None = None

    def _create_crawler(self, spidercls: type[Spider] | str) -> Crawler:
        self.crawler = super()._create_crawler(spidercls)
        return self.crawler

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        super().run(args, opts)
        stats = self.crawler.stats if self.crawler is not None else None
        if self.exitcode == 0 and stats is not None and problems(stats.get_stats()):
            self.exitcode = 1
