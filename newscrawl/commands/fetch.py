"""Fetch one live page politely for ``newscrawl extract URL``.

Polite means what the crawler does: the project's identifying User-Agent,
robots.txt obeyed for that agent (RFC 9309: a missing robots.txt, or any 4xx,
allows everything; a 5xx or an unreachable one allows nothing), a timeout and
a size limit (``DOWNLOAD_TIMEOUT``, ``DOWNLOAD_MAXSIZE`` from the settings).
It uses the standard library (and Protego, the robots.txt parser Scrapy uses), so
extracting one page needs no reactor.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit, urlunsplit

from protego import Protego

from newscrawl import settings
from newscrawl.commands.common import CommandError

FETCH_FAILED = 4


@dataclass
class Fetched:
    """A downloaded page: the final URL (after redirects), its body and declared charset."""

    url: str
    body: bytes
    charset: str | None


def fetch(url: str, timeout: float | None = None, max_bytes: int | None = None) -> Fetched:
    """Download ``url`` if robots.txt allows it; raise ``CommandError`` (exit 4) otherwise."""
    timeout = timeout or float(settings.DOWNLOAD_TIMEOUT)
    max_bytes = max_bytes or int(settings.DOWNLOAD_MAXSIZE)
    if not robots_allow(url, timeout):
        raise CommandError(
            f"{url}: robots.txt disallows it for {settings.USER_AGENT}", FETCH_FAILED
        )
    status, headers, body, final = _get(url, timeout, max_bytes)
    if status >= 400:
        raise CommandError(f"{url}: HTTP {status}", FETCH_FAILED)
    return Fetched(final, body, headers.get_content_charset())


def robots_allow(url: str, timeout: float) -> bool:
    """Whether the site's robots.txt lets our User-Agent fetch ``url``."""
    parts = urlsplit(url)
    robots_url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
    try:
        status, _, body, _ = _get(robots_url, timeout, 512 * 1024)
    except CommandError:
        return False  # unreachable: RFC 9309 says assume complete disallow
    if 400 <= status < 500:
        return True
    if status >= 500:
        return False
    # Protego: the parser Scrapy's crawls use, so both read a robots.txt alike
    return Protego.parse(body.decode("utf-8", "replace")).can_fetch(url, settings.USER_AGENT)


def _get(url: str, timeout: float, max_bytes: int) -> tuple[int, Message, bytes, str]:
    """Status, headers, body (at most ``max_bytes``) and final URL of one GET."""
    request = urllib.request.Request(url, headers={"User-Agent": settings.USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, _read(response, url, max_bytes), response.url
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, b"", url
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise CommandError(f"{url}: cannot fetch: {reason}", FETCH_FAILED) from None


def _read(response, url: str, max_bytes: int) -> bytes:  # type: ignore[no-untyped-def]
    """The body, refusing one larger than ``max_bytes`` (announced or actual)."""
    announced = response.headers.get("Content-Length")
    if announced and announced.isdigit() and int(announced) > max_bytes:
        raise CommandError(f"{url}: page larger than {max_bytes} bytes", FETCH_FAILED)
    body = response.read(max_bytes + 1)
    if len(body) > max_bytes:
        raise CommandError(f"{url}: page larger than {max_bytes} bytes", FETCH_FAILED)
    return body
