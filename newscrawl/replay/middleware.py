"""Downloader middlewares that replay fixtures and record live responses.

``NEWSCRAWL_REPLAY=<dir>`` (a setting or an environment variable): every
request is answered from ``<dir>``; nothing touches the network. A URL
with no fixture fails with ``MissingFixture`` naming the URL and the file
that was looked for. ``robots.txt`` without a fixture is a 404, as on a site
that has none.

``NEWSCRAWL_RECORD=<dir>``: live responses are saved into ``<dir>`` in the
same format, so a real crawl turns into new fixtures.
"""

from __future__ import annotations

import logging
from pathlib import Path

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.responsetypes import responsetypes
from tldextract import TLDExtract

from newscrawl.replay.store import FixtureStore, MissingFixture

logger = logging.getLogger(__name__)


class ReplayMiddleware:
    """Answer every request from the fixture folder."""

    def __init__(self, crawler: Crawler, root: Path) -> None:
        self.crawler = crawler
        self.store = FixtureStore(root)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReplayMiddleware:
        root = crawler.settings.get("NEWSCRAWL_REPLAY")
        if not root:
            raise NotConfigured
        path = Path(root)
        if not path.is_dir():
            raise NotConfigured(f"NEWSCRAWL_REPLAY={root} is not a folder")
        logger.info("Replay mode: answering every request from %s", path.resolve())
        _offline_public_suffixes()
        return cls(crawler, path)

    def process_request(self, request: Request, spider: object = None) -> Response:
        stats = self.crawler.stats
        try:
            served = self.store.serve(request.url)
        except MissingFixture:
            if request.url.endswith("/robots.txt"):
                return Response(url=request.url, status=404, body=b"", request=request)
            stats.inc_value("newscrawl/replay/missing")
            raise
        stats.inc_value("newscrawl/replay/served")
        headers = {k: v for k, v in served.headers.items()}
        cls = responsetypes.from_args(headers=headers, url=request.url, body=served.body)
        return cls(
            url=request.url,
            status=served.status,
            headers=headers,
            body=served.body,
            request=request,
        )


def _offline_public_suffixes() -> None:
    """Make Scrapy's cookie middleware read the public suffix list offline.

    On the first ``Set-Cookie`` it asks tldextract whether the cookie's
    domain is a public suffix, and tldextract downloads the list from
    publicsuffix.org unless a cached copy exists: a replay on a fresh
    machine would try the network (and log its failure). The snapshot that
    ships with tldextract answers the same question without it.
    """
    from scrapy.downloadermiddlewares import cookies

    if hasattr(cookies, "_split_domain"):  # Scrapy's module-level extractor (2.11+)
        cookies._split_domain = TLDExtract(suffix_list_urls=(), include_psl_private_domains=True)


class RecordMiddleware:
    """Save every live response as a fixture."""

    def __init__(self, crawler: Crawler, root: Path) -> None:
        self.crawler = crawler
        self.store = FixtureStore(root)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RecordMiddleware:
        root = crawler.settings.get("NEWSCRAWL_RECORD")
        if not root:
            raise NotConfigured
        if crawler.settings.get("NEWSCRAWL_REPLAY"):
            raise NotConfigured("recording is off while replaying")
        logger.info("Record mode: saving responses under %s", root)
        return cls(crawler, Path(root))

    def process_response(
        self, request: Request, response: Response, spider: object = None
    ) -> Response:
        headers = {
            k.decode("latin-1"): response.headers.get(k).decode("latin-1") for k in response.headers
        }
        path = self.store.record(response.url, response.status, headers, response.body)
        self.crawler.stats.inc_value("newscrawl/replay/recorded")
        logger.debug("Recorded %s as %s", response.url, path)
        return response
