"""Meta-refresh redirects: Scrapy's answers, without decoding the whole page."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware as ScrapyMiddleware
from scrapy.http import HtmlResponse
from scrapy.settings import Settings

import newscrawl.settings
from newscrawl.middlewares.metarefresh import MetaRefreshMiddleware
from tests.conftest import FIXTURES

URL = "https://www.dailyplanet-news.example/world/2026/11/22/old-slug"
FILLER = "<p>" + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 20 + "</p>"


def page(head: str, body: str = FILLER * 3, charset: str = "utf-8") -> bytes:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>".encode(charset)


CASES = {
    "redirect at once": page('<meta http-equiv="refresh" content="0; url=/world/new-slug">'),
    "absolute url, quoted": page(
        '<meta http-equiv="Refresh" content="0;URL=\'https://www.dailyplanet-news.example/a\'">'
    ),
    "base href": page(
        '<base href="https://m.dailyplanet-news.example/mobile/">'
        '<meta http-equiv="refresh" content="1; url=story-2">'
    ),
    "too long a delay": page('<meta http-equiv="refresh" content="300; url=/world/">'),
    "inside noscript": page(
        '<noscript><meta http-equiv="refresh" content="0; url=/nojs"></noscript>'
    ),
    "cyrillic, declared in meta": page(
        '<meta charset="windows-1251"><meta http-equiv="refresh" content="0; url=/новости/1">',
        "<p>Текст новости.</p>" * 200,
        charset="windows-1251",
    ),
    "cyrillic, utf-8 by default": page(
        '<meta http-equiv="refresh" content="0; url=/новости/2">', "<p>Текст.</p>" * 400
    ),
    "after the first 4,096 characters": page(
        "", FILLER * 10 + '<meta http-equiv="refresh" content="0; url=/late">'
    ),
    "no refresh": page("<title>Story</title>"),
}


def middleware(cls: type[ScrapyMiddleware]) -> ScrapyMiddleware:
    """The middleware as ``from_crawler`` makes it, minus the engine (only logs use it)."""
    made = cls(Settings({"METAREFRESH_MAXDELAY": 100}))
    made.crawler = SimpleNamespace(spider=None)
    return made


def outcome(result: object) -> str:
    return result.url if isinstance(result, Request) else "kept"


@pytest.mark.parametrize("name", sorted(CASES))
def test_same_redirects_as_scrapy_without_decoding_the_page(name: str) -> None:
    ours, scrapys = middleware(MetaRefreshMiddleware), middleware(ScrapyMiddleware)
    request = Request(URL)
    response = HtmlResponse(URL, body=CASES[name], request=request)
    got = outcome(ours.process_response(request, response))
    assert response._cached_ubody is None  # the page itself was not decoded in the reactor
    fresh = HtmlResponse(URL, body=CASES[name], request=request)
    assert got == outcome(scrapys.process_response(request, fresh))
    kept = {"too long a delay", "inside noscript", "no refresh", "after the first 4,096 characters"}
    assert (got == "kept") == (name in kept)


def test_fixture_pages_are_kept_as_they_are() -> None:
    ours = middleware(MetaRefreshMiddleware)
    pages = sorted(FIXTURES.rglob("*.html"))[:40]
    assert len(pages) == 40
    for path in pages:
        request = Request(URL)
        response = HtmlResponse(URL, body=path.read_bytes(), request=request)
        assert ours.process_response(request, response) is response


def test_the_project_uses_it_instead_of_scrapys() -> None:
    middlewares = newscrawl.settings.DOWNLOADER_MIDDLEWARES
    assert middlewares["scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware"] is None
    assert "newscrawl.middlewares.metarefresh.MetaRefreshMiddleware" in middlewares
