"""Which URLs the safety middleware refuses, judged from the URL and from DNS."""

from __future__ import annotations

import asyncio
import ipaddress

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newscrawl.middlewares.safety import (
    SafetyMiddleware,
    TooLarge,
    UnsafeRequest,
    is_public,
    literal_address,
    resolve,
    url_refusal,
)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "mailto:desk@example.org",
        "ftp://ftp.example.org/file.pdf",
        "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd",
        "gopher://example.org/",
        "http:///no-host",
    ],
)
def test_other_schemes_are_refused_even_when_private_is_allowed(url: str) -> None:
    assert url_refusal(url)[0] == "unsafe_scheme"
    assert url_refusal(url, allow_private=True)[0] == "unsafe_scheme"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/a",
        "http://127.1/a",  # short form
        "http://2130706433/a",  # decimal
        "http://0x7f.0.0.1/a",  # hex
        "http://0.0.0.0/",
        "http://10.1.2.3/",
        "http://172.16.0.1/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",  # carrier-grade NAT
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        "http://224.0.0.1/",  # multicast
        "http://240.0.0.1/",  # reserved
        "https://[::1]/",
        "https://[fd00::1]/",
        "https://[fe80::1]/",
        "https://[::ffff:127.0.0.1]/",  # IPv4-mapped loopback
        "https://user:pw@127.0.0.1:8080/x",
    ],
)
def test_non_public_literal_addresses_are_refused_unless_allowed(url: str) -> None:
    assert url_refusal(url)[0] == "private_address"
    assert url_refusal(url, allow_private=True) is None


@pytest.mark.parametrize(
    "url", ["https://example.org/news/1", "http://93.184.215.14/", "https://[2606:4700::1]/"]
)
def test_public_urls_pass(url: str) -> None:
    assert url_refusal(url) is None


def test_literal_address_reads_what_resolvers_read() -> None:
    assert literal_address("2130706433") == ipaddress.ip_address("127.0.0.1")
    assert literal_address("[::1]") == ipaddress.ip_address("::1")
    assert literal_address("www.example.org") is None
    assert not is_public(ipaddress.ip_address("::ffff:10.0.0.1"))


def test_localhost_resolves_to_loopback() -> None:
    assert resolve("localhost")
    assert not any(is_public(a) for a in resolve("localhost"))
    assert resolve("no-such-host.invalid") == []


def _middleware(**settings: object) -> SafetyMiddleware:
    return SafetyMiddleware.from_crawler(get_crawler(settings_dict=settings))


def test_refused_article_fails_and_other_pages_are_counted_skips() -> None:
    mw = _middleware(NEWSCRAWL_REPLAY="fixtures")
    article = Request("http://10.0.0.7/2026/11/27/x-y-z", meta={"newscrawl_kind": "article"})
    with pytest.raises(UnsafeRequest) as exc:
        asyncio.run(mw.process_request(article))
    assert exc.value.reason == "private_address"
    with pytest.raises(UnsafeRequest):
        asyncio.run(mw.process_request(Request("http://10.0.0.7/sitemap.xml")))
    stats = mw.crawler.stats.get_stats()
    assert stats == {"newscrawl/skipped/private_address": 1}  # the article becomes a reject


def test_responses_over_the_size_limit_fail_as_too_large() -> None:
    mw = _middleware(DOWNLOAD_MAXSIZE=1000)
    request = Request("https://example.org/a")
    small = HtmlResponse(request.url, body=b"x" * 1000, request=request)
    assert mw.process_response(request, small) is small
    with pytest.raises(TooLarge):
        mw.process_response(request, small.replace(body=b"x" * 1001))
    capped = Request(request.url, meta={"download_maxsize": 5000})
    assert mw.process_response(capped, small.replace(body=b"x" * 1001)).status == 200
