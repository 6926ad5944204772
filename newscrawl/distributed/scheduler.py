"""scrapy-redis' scheduler, hardened so a Redis restart loses no request.

Stock scrapy-redis (0.9) has two weak spots when the server goes away:

- a request is marked seen (``SADD`` to the duplicate filter) and queued
  (``ZADD``) in two commands; a connection error between them, or a retried
  ``SADD`` whose first reply was lost, drops the request as "already seen";
- ``next_request`` and ``has_pending_requests`` raise the connection error
  into Scrapy's engine loop, and a pop whose reply is lost loses the request.

Here the duplicate check and the push are one Lua script (both or neither),
a pop is idempotent (a retried pop returns the request the lost reply
carried), connection errors are retried by the client (see ``connection``)
and, past that, requests wait in memory and the engine is told there is
work pending, so the worker keeps polling until Redis is back.
"""

from __future__ import annotations

import logging
import secrets
import time

from redis.exceptions import RedisError
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.utils.misc import load_object
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from newscrawl.distributed.worker import Worker, worker_for

logger = logging.getLogger(__name__)

# KEYS: queue, dupefilter; ARGV: fingerprint ('' = dont_filter), score, request
PUSH = """
if ARGV[1] ~= '' and redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
return 1
"""

# KEYS: queue, popped; ARGV: token, seconds the popped copy is kept
POP = """
if redis.call('HGET', KEYS[2], 'token') == ARGV[1] then
  return redis.call('HGET', KEYS[2], 'data')
end
local top = redis.call('ZRANGE', KEYS[1], 0, 0)
if #top == 0 then return false end
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, 0)
redis.call('HSET', KEYS[2], 'token', ARGV[1], 'data', top[1])
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[2]))
return top[1]
"""
POPPED_TTL = 24 * 3600
DOWN_PAUSE = 5.0  # seconds a worker holds requests in memory before trying Redis again


class IdempotentPriorityQueue(PriorityQueue):
    """scrapy-redis' priority queue with an atomic "push unless seen" and a retry-safe pop."""

    popped_key: str | None = None  # set by the scheduler: this worker's last-pop record

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._push = self.server.register_script(PUSH)
        self._pop = self.server.register_script(POP)

    def push_unseen(self, request: Request, dupefilter_key: str, fingerprint: str) -> bool:
        """Queue ``request`` unless its fingerprint is already seen ("" = never filtered)."""
        data = self._encode_request(request)
        keys = [self.key, dupefilter_key]
        return bool(self._push(keys=keys, args=[fingerprint, -request.priority, data]))

    def pop(self, timeout: int = 0) -> Request | None:
        """Take the best request; retrying after a lost reply gets the same one back."""
        if self.popped_key is None:
            return super().pop(timeout)
        token = secrets.token_hex(8)
        data = self._pop(keys=[self.key, self.popped_key], args=[token, POPPED_TTL])
        return self._decode_request(data) if data else None


class RedisScheduler(Scheduler):
    """The shared queue and duplicate filter of a distributed crawl."""

    crawler: Crawler
    worker: Worker
    backlog: list[Request]  # requests waiting for Redis to come back
    down_until: float  # after a failure, don't block on Redis again before this

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisScheduler:
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        scheduler.worker = worker_for(crawler)
        scheduler.backlog = []
        scheduler.down_until = 0.0
        return scheduler

    def open(self, spider: Spider) -> None:
        """scrapy-redis' ``open`` without its deprecated calls; the pop made retry-safe."""
        self.spider = spider
        key = self.queue_key % {"spider": spider.name}
        self.queue = load_object(self.queue_cls)(
            server=self.server, spider=spider, key=key, serializer=self.serializer
        )
        if isinstance(self.queue, IdempotentPriorityQueue):
            self.queue.popped_key = self.worker.popped_key()
        if not self.df:
            self.df = load_object(self.dupefilter_cls).from_spider(spider)
        if self.flush_on_start:
            self.flush()
        pending = len(self.queue)
        if pending:
            logger.info("Resuming the shared crawl: %d requests queued", pending)

    # -- Redis may be away: each call below blocks for at most one retry budget ----------

    @property
    def reachable(self) -> bool:
        """False for a short while after the client gave up retrying: hold, don't block."""
        return time.monotonic() >= self.down_until

    def _failed(self, exc: Exception, doing: str) -> None:
        self.down_until = time.monotonic() + DOWN_PAUSE
        logger.warning("Redis unreachable while %s (will try again): %s", doing, exc)

    def enqueue_request(self, request: Request) -> bool:
        if self.reachable:
            try:
                self._flush_backlog()
                return self._push(request)
            except RedisError as exc:
                self._failed(exc, "queueing a request")
        self.backlog.append(request)  # kept in memory: the engine sees pending work
        if self.stats:
            self.stats.inc_value("newscrawl/redis/held_requests")
        return True

    def _push(self, request: Request) -> bool:
        if not isinstance(self.queue, IdempotentPriorityQueue):
            return super().enqueue_request(request)
        fingerprint = "" if request.dont_filter else self.df.request_fingerprint(request)
        if not self.queue.push_unseen(request, self.df.key, fingerprint):
            self.df.log(request, self.spider)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def _flush_backlog(self) -> None:
        while self.backlog:
            self._push(self.backlog[0])
            self.backlog.pop(0)

    def next_request(self) -> Request | None:
        if not self.reachable:
            return None
        try:
            self._flush_backlog()
            request = self.queue.pop()
        except RedisError as exc:
            self._failed(exc, "taking a request")
            return None
        if request is not None and self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        if self.backlog or not self.reachable:
            return True  # unknown counts as pending: the worker waits for Redis
        try:
            return super().has_pending_requests()
        except RedisError as exc:
            self._failed(exc, "counting the queue")
            return True

    def close(self, reason: str) -> None:
        super().close(reason)
        try:
            self._flush_backlog()
            last = self.worker.leave(self.queue.key, self.df.key)
        except RedisError as exc:
            logger.warning("Could not sign off from Redis: %s", exc)
            return
        if last:
            logger.info("Last worker out: crawl finished, duplicate filter cleared")
