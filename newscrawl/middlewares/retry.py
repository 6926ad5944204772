"""Retries with exponential back-off, for anti-bot walls and overloaded servers.

Scrapy's ``RetryMiddleware`` retries at once; against a Cloudflare challenge
or a 503 that only makes things worse. This subclass waits before each
retry: ``NEWSCRAWL_BACKOFF_BASE * 2**(attempt-1)`` seconds, at most
``NEWSCRAWL_BACKOFF_MAX``, or the server's ``Retry-After`` when it says so.
A challenge page served with status 200 is retried like a 403. When the
retries run out, the response goes on to the spider's errback, which turns
it into a counted reject.
"""

from __future__ import annotations

import asyncio
import logging
import random

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.utils.response import response_status_message

from newscrawl.http import response_verdict

logger = logging.getLogger(__name__)
_STOP_CHECK_SECONDS = 0.25  # how soon a back-off notices that the crawl is stopping


class BackoffRetryMiddleware(RetryMiddleware):
    """``RetryMiddleware`` that waits, longer each time, before retrying."""

    @classmethod
    def from_crawler(cls, crawler):  # type: ignore[no-untyped-def]
        mw = super().from_crawler(crawler)
        mw.base = crawler.settings.getfloat("NEWSCRAWL_BACKOFF_BASE", 2.0)
        mw.cap = crawler.settings.getfloat("NEWSCRAWL_BACKOFF_MAX", 60.0)
        return mw

    async def process_response(
        self, request: Request, response: Response, spider: object = None
    ) -> Request | Response:
        if request.meta.get("dont_retry", False):
            return response
        verdict = response_verdict(response)
        if response.status not in self.retry_http_codes and verdict != "challenge":
            return response
        if verdict:
            self.crawler.stats.inc_value(f"newscrawl/blocked/{verdict}")
        reason = response_status_message(response.status) + (f" ({verdict})" if verdict else "")
        retry = self._retry(request, reason)
        if retry is None:
            response.meta["newscrawl_verdict"] = verdict or f"http_{response.status}"
            return response
        retry_after = response.headers.get("Retry-After", b"").decode("latin-1")
        delay = self.delay(retry.meta.get("retry_times", 1), retry_after)
        logger.debug("Backing off %.2fs before retrying %s (%s)", delay, request.url, reason)
        if delay > 0 and not await self._wait(delay):
            response.meta["newscrawl_verdict"] = verdict or f"http_{response.status}"
            return response  # the crawl is stopping (Ctrl-C): give up instead of waiting
        return retry

    async def _wait(self, seconds: float) -> bool:
        """Sleep ``seconds`` unless the crawl stops meanwhile; True if the wait ran out.

        A graceful stop waits for every request in the downloader, so a
        minute-long back-off would otherwise hold up Ctrl-C for a minute.
        """
        loop = asyncio.get_running_loop()
        end = loop.time() + seconds
        while (left := end - loop.time()) > 0:
            if not getattr(self.crawler, "crawling", True):
                return False
            await asyncio.sleep(min(left, _STOP_CHECK_SECONDS))
        return True

    def delay(self, attempt: int, retry_after: str | None) -> float:
        """Seconds to wait before retry number ``attempt``."""
        if retry_after and retry_after.strip().isdigit():
            return min(float(retry_after), self.cap)
        wait = self.base * 2 ** max(0, attempt - 1)
        return min(wait * random.uniform(0.8, 1.2), self.cap)
