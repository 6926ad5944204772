"""Who is crawling: one ``Worker`` per process, known to the others by its heartbeat.

Every worker writes the Redis server's clock into two sorted sets every few
seconds: ``<prefix>:workers`` (all spiders; the crawl state asks it whether the
holder of an article is still alive) and ``<prefix>:<spider>:workers`` (the
last one of a spider to leave ends the crawl: it drops the duplicate filter,
so the next scheduled crawl fetches every article page again and sees
changes). The server's clock, not the machines', so skewed clocks on
several machines cannot make a live worker look dead.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from dataclasses import dataclass, field

import redis
from redis.exceptions import RedisError
from scrapy import signals
from scrapy.crawler import Crawler
from twisted.internet.task import LoopingCall

from newscrawl.distributed.connection import connect, prefix

logger = logging.getLogger(__name__)
_ATTR = "_newscrawl_worker"

# Lua: the server's clock in seconds, for heartbeats and liveness checks.
NOW = "local t = redis.call('TIME') local now = tonumber(t[1]) + tonumber(t[2]) / 1000000\n"

BEAT = (
    NOW
    + """
for _, k in ipairs(KEYS) do redis.call('ZADD', k, now, ARGV[1]) end
return tostring(now)
"""
)

# KEYS: all workers, this spider's workers, queue, dupefilter, popped; ARGV: worker, timeout
LEAVE = (
    NOW
    + """
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('DEL', KEYS[5])
local stale = now - tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', stale)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', stale)
if redis.call('ZCARD', KEYS[2]) == 0 and redis.call('ZCARD', KEYS[3]) == 0 then
  redis.call('DEL', KEYS[4])
  return 1
end
return 0
"""
)


def new_worker_id() -> str:
    """Unique across machines and restarts: host, process id and a random suffix."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


@dataclass
class Worker:
    """This process as one of the workers of a distributed crawl."""

    client: redis.Redis
    prefix: str
    spider: str
    timeout: float = 60.0
    id: str = field(default_factory=new_worker_id)
    host: str = field(default_factory=socket.gethostname)

    def __post_init__(self) -> None:
        self._beat = self.client.register_script(BEAT)
        self._leave = self.client.register_script(LEAVE)
        self._loop: LoopingCall | None = None

    @property
    def all_key(self) -> str:
        return f"{self.prefix}:workers"

    @property
    def spider_key(self) -> str:
        return f"{self.prefix}:{self.spider}:workers"

    def popped_key(self) -> str:
        """Where this worker's last taken request is kept (see the scheduler)."""
        return f"{self.prefix}:{self.spider}:popped:{self.id}"

    def beat(self) -> None:
        """Tell the others this worker is alive."""
        self._beat(keys=[self.all_key, self.spider_key], args=[self.id])

    def beat_safely(self) -> None:
        """A heartbeat that never stops the loop: a missed beat is retried next time."""
        try:
            self.beat()
        except RedisError as exc:
            logger.warning("Redis heartbeat failed (will retry): %s", exc)

    def start(self) -> None:
        """Beat now, then every ``timeout / 6`` seconds until ``stop``."""
        if self._loop is None:
            self._loop = LoopingCall(self.beat_safely)
            self._loop.start(max(self.timeout / 6, 0.5), now=True)

    def stop(self) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()

    def leave(self, queue_key: str, dupefilter_key: str) -> bool:
        """Sign off; True when this was the last worker and the queue is empty.

        The last one out drops the duplicate filter: the crawl is over, and
        the next one must be free to fetch every article page again. A
        queue that is not empty (workers stopped or killed mid-crawl) keeps
        both, and the next worker started resumes the crawl.
        """
        self.stop()
        keys = [self.all_key, self.spider_key, queue_key, dupefilter_key, self.popped_key()]
        return bool(self._leave(keys=keys, args=[self.id, self.timeout]))

    def alive_since(self) -> float:
        """Heartbeats older than this (server time) belong to dead workers."""
        seconds, micros = self.client.time()
        return seconds + micros / 1_000_000 - self.timeout


def worker_for(crawler: Crawler) -> Worker:
    """This crawl's worker, registered (and beating) from its first use."""
    worker = getattr(crawler, _ATTR, None)
    if worker is None:
        settings = crawler.settings
        worker = Worker(
            client=connect(settings),
            prefix=prefix(settings),
            spider=crawler.spidercls.name,
            timeout=settings.getfloat("NEWSCRAWL_REDIS_WORKER_TIMEOUT", 60.0),
        )
        worker.start()
        crawler.signals.connect(worker.stop, signal=signals.engine_stopped, weak=False)
        setattr(crawler, _ATTR, worker)
        logger.info("Distributed worker %s", worker.id)
    return worker
