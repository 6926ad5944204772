"""Test-only Scrapy components."""

from __future__ import annotations

import json

from scrapy.statscollectors import MemoryStatsCollector


class JsonDumpStatsCollector(MemoryStatsCollector):
    """Write the final stats to ``NEWSCRAWL_STATS_DUMP`` so a test can read them."""

    def _persist_stats(self, stats: dict) -> None:
        super()._persist_stats(stats)
        path = self._crawler.settings.get("NEWSCRAWL_STATS_DUMP")
        if path:
            with open(path, "w", encoding="utf-8") as fh:
                json.dump(stats, fh, default=str, indent=1, sort_keys=True)
