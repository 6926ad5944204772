"""Requests a crawler must never make, and responses too large to keep.

Every URL a crawl follows comes from untrusted input: a page, a feed, a
sitemap, a redirect. Followed blindly, a link to ``file:///etc/passwd``, to
``http://169.254.169.254/`` (a cloud's metadata service), to ``localhost`` or
to an intranet host turns the crawler into a proxy into the network it runs
in. This middleware refuses, before anything is downloaded:

- schemes other than http and https (``javascript:``, ``mailto:``, ``ftp:``,
  ``data:``, ``file:``; Scrapy itself would fetch the last three);
- hosts that are loopback, private, link-local, shared, reserved, multicast or
  unspecified addresses, written literally (also as ``http://2130706433/``)
  or reached through a name that resolves to one.

``NEWSCRAWL_ALLOW_PRIVATE=1`` allows private and loopback addresses (tests,
a crawler pointed at a local server); other schemes stay refused. Names are
resolved in a thread, once per host and crawl. In replay mode nothing goes to
the network, so names are not resolved (the fixture store answers them) while
schemes and literal addresses are still checked.

A refused article request fails with ``UnsafeRequest`` and its spider's errback
turns it into a reject; any other refused request is counted as
``newscrawl/skipped/<reason>``. A response larger than ``DOWNLOAD_MAXSIZE``
fails with ``TooLarge`` (reason ``too_large``): Scrapy's downloader cancels
such downloads itself, this check also covers responses that come from
elsewhere (replay).
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

logger = logging.getLogger(__name__)

SCHEMES = ("http", "https")
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnsafeRequest(IgnoreRequest):
    """A request refused before download; ``reason`` is the reject or skip reason."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class TooLarge(IgnoreRequest):
    """A response over ``DOWNLOAD_MAXSIZE``."""

    reason = "too_large"


def literal_address(host: str) -> Address | None:
    """The IP address ``host`` spells, in any form a resolver accepts, or None for a name."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    try:  # 2130706433, 127.1, 0x7f.0.0.1: all 127.0.0.1 to inet_aton and to resolvers
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except (OSError, ValueError):
        return None


def is_public(address: Address) -> bool:
    """Whether an address belongs to the public internet (not loopback, private, ...)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def url_refusal(url: str, allow_private: bool = False) -> tuple[str, str] | None:
    """Why ``url`` must not be fetched, judged from the URL alone: (reason, detail) or None."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        return "unsafe_scheme", f"{parts.scheme or 'no'} scheme"
    host = parts.hostname or ""
    if not host:
        return "unsafe_scheme", "no host"
    address = literal_address(host)
    if address is not None and not allow_private and not is_public(address):
        return "private_address", f"{host} is a non-public address ({address})"
    return None


def resolve(host: str) -> list[Address]:
    """Every address ``host`` resolves to (blocking: run it in a thread)."""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []  # unresolvable: the download fails with its own DNS error
    return [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]


class SafetyMiddleware:
    """Refuse unsafe schemes and non-public hosts; fail responses over the size limit."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.allow_private = settings.getbool("NEWSCRAWL_ALLOW_PRIVATE")
        self.resolving = not self.allow_private and not settings.get("NEWSCRAWL_REPLAY")
        self.maxsize = settings.getint("DOWNLOAD_MAXSIZE")
        self.hosts: dict[str, str | None] = {}  # host -> why it is refused (None: it is not)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SafetyMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request, spider: object = None) -> None:
        refusal = url_refusal(request.url, self.allow_private)
        if refusal is None and self.resolving:
            host = urlsplit(request.url).hostname or ""
            if literal_address(host) is None:
                detail = await self.resolved_refusal(host)
                refusal = ("private_address", detail) if detail else None
        if refusal is not None:
            self.refuse(request, *refusal)

    async def resolved_refusal(self, host: str) -> str | None:
        """Why ``host`` is refused after resolving it (cached per host), or None."""
        if host not in self.hosts:
            addresses = await maybe_deferred_to_future(deferToThread(resolve, host))
            bad = [str(a) for a in addresses if not is_public(a)]
            self.hosts[host] = f"{host} resolves to {', '.join(bad)}" if bad else None
        return self.hosts[host]

    def refuse(self, request: Request, reason: str, detail: str) -> None:
        """Count the refusal (a skip unless the request is an article's) and fail it."""
        kind = request.meta.get("newscrawl_kind", "page")
        if kind != "article":
            self.crawler.stats.inc_value(f"newscrawl/skipped/{reason}")
        logger.info("Refusing %s %s: %s", kind, request.url[:300], detail)
        raise UnsafeRequest(reason, f"refused: {detail}")

    def process_response(
        self, request: Request, response: Response, spider: object = None
    ) -> Response:
        limit = request.meta.get("download_maxsize", self.maxsize)
        if limit and len(response.body) > limit:
            self.crawler.stats.inc_value("newscrawl/too_large")
            raise TooLarge(f"response of {len(response.body)} bytes exceeds {limit} bytes")
        return response
