"""Redis clients that ride out a Redis restart instead of failing the crawl."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

import redis
from redis.backoff import ExponentialBackoff
from redis.exceptions import BusyLoadingError, ConnectionError, TimeoutError
from redis.retry import Retry
from scrapy.settings import BaseSettings

DEFAULT_PREFIX = "newscrawl"
BACKOFF_BASE = 0.05  # seconds before the first retry
BACKOFF_CAP = 1.0  # never wait longer than this between two retries


def retry_policy(seconds: float) -> Retry:
    """Retry a command on connection errors for about ``seconds`` in all.

    A restarting Redis refuses connections, then answers LOADING while it
    reads its append-only file: both are retried, so a worker waits for the
    server instead of losing the request or the record it was handling.
    """
    retries = max(3, int(seconds / BACKOFF_CAP) + 6)  # the first ~6 back-offs are short
    return Retry(
        ExponentialBackoff(cap=BACKOFF_CAP, base=BACKOFF_BASE),
        retries,
        supported_errors=(ConnectionError, TimeoutError, BusyLoadingError, OSError),
    )


def redis_params(settings: BaseSettings) -> dict[str, Any]:
    """Client parameters for every Redis connection of a worker (scrapy-redis' too)."""
    seconds = settings.getfloat("NEWSCRAWL_REDIS_RETRY_SECONDS", 60.0)
    return {
        "socket_timeout": 30,
        "socket_connect_timeout": 5,
        "socket_keepalive": True,
        "health_check_interval": 15,
        "retry": retry_policy(seconds),
        "retry_on_error": [ConnectionError, TimeoutError, BusyLoadingError],
    }


def connect(settings: BaseSettings, *, decode: bool = True) -> redis.Redis:
    """A client for ``NEWSCRAWL_REDIS_URL`` (text replies unless ``decode`` is False)."""
    url = settings.get("NEWSCRAWL_REDIS_URL")
    if not url:
        raise ValueError("NEWSCRAWL_REDIS_URL is not set")
    return redis.Redis.from_url(url, decode_responses=decode, **redis_params(settings))


def prefix(settings: BaseSettings) -> str:
    """The namespace of every newscrawl key, so several deployments can share a server."""
    return settings.get("NEWSCRAWL_REDIS_PREFIX") or DEFAULT_PREFIX


def redact(url: str) -> str:
    """A Redis URL fit for a log line: the password replaced by ``***``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = f"{parts.username}:***@" if parts.username else ":***@"
    return urlunsplit(parts._replace(netloc=user + netloc))
