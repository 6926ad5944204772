"""The Scrapy add-on that turns on distributed mode when ``NEWSCRAWL_REDIS_URL`` is set.

An add-on (Scrapy's ``ADDONS`` setting) rather than code in a spider: it
runs after the spider's and the command line's settings are in, for every
spider alike, and the engine and the spiders stay unaware of Redis.
Everything is set with the ``addon`` priority, so ``-s`` still overrides
any of it (e.g. ``-s SCHEDULER_QUEUE_CLASS=scrapy_redis.queue.FifoQueue``).
"""

from __future__ import annotations

import logging

from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)
IDLE_EXTENSION = "newscrawl.distributed.idle.RedisIdleClose"


def distributed_settings(settings: BaseSettings) -> dict[str, object]:
    """scrapy-redis' settings for a crawl against ``NEWSCRAWL_REDIS_URL``."""
    from newscrawl.distributed.connection import prefix, redis_params

    keys = prefix(settings) + ":%(spider)s"
    return {
        "SCHEDULER": "newscrawl.distributed.scheduler.RedisScheduler",
        "SCHEDULER_QUEUE_CLASS": "newscrawl.distributed.scheduler.IdempotentPriorityQueue",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,  # a stopped or crashed crawl resumes from the queue
        "SCHEDULER_FLUSH_ON_START": False,  # a second worker must not wipe the first one's queue
        "SCHEDULER_QUEUE_KEY": keys + ":requests",
        "SCHEDULER_DUPEFILTER_KEY": keys + ":dupefilter",
        "REDIS_URL": settings.get("NEWSCRAWL_REDIS_URL"),
        "REDIS_PARAMS": redis_params(settings),
    }


class RedisAddon:
    """Shared queue, duplicate filter and crawl state in Redis, when asked for."""

    def update_settings(self, settings: BaseSettings) -> None:
        url = settings.get("NEWSCRAWL_REDIS_URL")
        if not url:
            return  # the usual single-process crawl: nothing imported, nothing changed
        require_redis()
        for name, value in distributed_settings(settings).items():
            settings.set(name, value, priority="addon")
        settings["EXTENSIONS"][IDLE_EXTENSION] = 500
        if settings.get("JOBDIR"):
            logger.warning("JOBDIR is not used in distributed mode: the queue lives in Redis")
        from newscrawl.distributed.connection import redact

        logger.info("Distributed mode: queue, duplicate filter and state in %s", redact(url))


def require_redis() -> None:
    """Fail with the install command, not an ImportError, when the extra is missing."""
    try:
        import redis  # noqa: F401
        import scrapy_redis  # noqa: F401
    except ImportError as exc:
        raise RuntimeError(
            "NEWSCRAWL_REDIS_URL needs scrapy-redis and redis: pip install 'newscrawl[distributed]'"
        ) from exc
