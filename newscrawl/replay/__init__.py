"""Replay: answer requests from files in ``fixtures/`` instead of the network.

``store`` maps URLs to files (and back, for recording); ``middleware`` plugs
that into Scrapy's downloader.
"""

from newscrawl.replay.store import FixtureStore, MissingFixture, url_to_relpath

__all__ = ["FixtureStore", "MissingFixture", "url_to_relpath"]
