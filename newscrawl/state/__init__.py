"""Crawl state: what earlier crawls emitted, so that each run emits only what is new or changed.

``open_state(settings)`` gives the store the settings ask for: a SQLite file
by default (``NEWSCRAWL_STATE``), Redis in distributed mode.
"""

from newscrawl.state.base import CrawlState, Seen
from newscrawl.state.fingerprints import near_duplicate_bits, simhash
from newscrawl.state.sqlite import SQLiteState

__all__ = ["CrawlState", "SQLiteState", "Seen", "near_duplicate_bits", "simhash"]
