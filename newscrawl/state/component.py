"""One crawl-state store per crawl, shared by the spider and the pipelines.

``NEWSCRAWL_STATE`` names the SQLite file (default: the per-user data folder,
``$XDG_DATA_HOME/newscrawl/state.sqlite3``, else
``~/.local/share/newscrawl/state.sqlite3``); an empty value turns the state
off (every run emits everything, as with ``-a full=1``). With
``NEWSCRAWL_REDIS_URL`` set (distributed mode) the state lives in Redis
instead, shared by every worker, whatever ``NEWSCRAWL_STATE`` says.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.crawler import Crawler

from newscrawl.state.sqlite import SQLiteState

if TYPE_CHECKING:
    from newscrawl.state.redis import RedisState

logger = logging.getLogger(__name__)
_ATTR = "_newscrawl_state"


def default_state_path() -> Path:
    """Where the state lives when ``NEWSCRAWL_STATE`` is not set."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "newscrawl" / "state.sqlite3"


def state_for(crawler: Crawler) -> SQLiteState | RedisState | None:
    """The crawl's state store, opened on first use and closed with the spider."""
    if hasattr(crawler, _ATTR):
        return getattr(crawler, _ATTR)
    setting = crawler.settings.get("NEWSCRAWL_STATE", "default")
    state = None
    if crawler.settings.get("NEWSCRAWL_REDIS_URL"):
        from newscrawl.state.redis import RedisState  # redis-py: the "distributed" extra

        state = RedisState.from_crawler(crawler)
        crawler.signals.connect(lambda: state.close(), signal=signals.engine_stopped, weak=False)
        logger.info("Crawl state: %s (%d articles known)", state.path, state.count())
    elif setting:
        path = default_state_path() if setting == "default" else Path(setting)
        state = SQLiteState(
            path, crawler.settings.getint("NEWSCRAWL_STATE_MAX_CONTENTS", 1_000_000)
        )
        crawler.signals.connect(lambda: state.close(), signal=signals.engine_stopped, weak=False)
        logger.info("Crawl state: %s (%d articles known)", state.path, state.count())
    setattr(crawler, _ATTR, state)
    return state
