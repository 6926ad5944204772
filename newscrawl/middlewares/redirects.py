"""Redirects to another site end in a reject with a reason, not in silence.

Scrapy follows a redirect and then, when the target is off the spider's
domains, drops the new request quietly (a stat, no errback). For an article
that means a page vanishes from the crawl's account. This middleware sees the
3xx first: a redirect whose target is outside ``allowed_domains`` fails the
original request with ``OffsiteRedirect``, which the spider's errback turns
into a reject naming the target.

A redirect back to a URL already in the request's redirect chain (A -> B -> A,
or A -> A) fails with ``RedirectLoop`` at once: Scrapy would drop the repeated
URL as already seen, without an errback, and the article would vanish.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from w3lib.url import canonicalize_url


class OffsiteRedirect(IgnoreRequest):
    """A redirect that leaves the spider's domains."""


class RedirectLoop(IgnoreRequest):
    """A redirect back to a URL of its own redirect chain."""

    reason = "redirect_loop"


class BadRedirect(IgnoreRequest):
    """A redirect whose Location is no URL at all."""

    reason = "bad_redirect"


class OffsiteRedirectMiddleware:
    """Fail requests redirected off the spider's domains or in a loop (runs first)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OffsiteRedirectMiddleware:
        return cls(crawler)

    def process_response(
        self, request: Request, response: Response, spider: object = None
    ) -> Response:
        location = response.headers.get("Location")
        if response.status not in (301, 302, 303, 307, 308) or not location:
            return response
        try:
            target = urljoin(request.url, location.decode("latin-1"))
            host = (urlsplit(target).hostname or "").lower()
        except ValueError:  # "http://[::1" and other unparseable locations
            raise BadRedirect(f"redirect to an invalid URL: {location[:200]!r}") from None
        domains = getattr(self.crawler.spider, "allowed_domains", None) or []
        if domains and not any(host == d or host.endswith("." + d) for d in domains):
            self.crawler.stats.inc_value("newscrawl/offsite_redirects")
            raise OffsiteRedirect(f"redirected to another site: {target}")
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if canonicalize_url(target) in {canonicalize_url(url) for url in chain}:
            self.crawler.stats.inc_value("newscrawl/redirect_loops")
            raise RedirectLoop(f"redirect loop: back to {target} after {len(chain)} redirects")
        if request.meta.get("newscrawl_kind") == "article":
            # The redirected copy inherits this flag: a target the crawl already
            # fetched is fetched again (and ends as a duplicate or a loop) instead
            # of being dropped by the scheduler without an outcome.
            request.dont_filter = True
        return response
