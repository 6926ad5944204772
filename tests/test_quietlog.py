"""Scrapy's per-page DEBUG lines are skipped above LOG_LEVEL DEBUG, kept at DEBUG."""

from __future__ import annotations

import logging

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.spiders import Spider
from scrapy.utils.test import get_crawler

from newscrawl import settings as project
from newscrawl.extensions.quietlog import QuietLogFormatter, log_level

REQUEST = Request("https://x.example/a")
RESPONSE = HtmlResponse("https://x.example/a", body=b"<html></html>", request=REQUEST)


def _formatter(level: object) -> tuple[QuietLogFormatter, Spider]:
    crawler = get_crawler(Spider, settings_dict={"LOG_LEVEL": level})
    return QuietLogFormatter.from_crawler(crawler), crawler._create_spider("s")


@pytest.mark.parametrize("level", ["INFO", "warning", logging.ERROR])
def test_per_page_lines_are_skipped_above_debug(level: object) -> None:
    formatter, spider = _formatter(level)
    assert formatter.crawled(REQUEST, RESPONSE, spider) is None
    assert formatter.scraped({"url": "u"}, RESPONSE, spider) is None
    dropped = formatter.dropped({"url": "u"}, ValueError("no"), RESPONSE, spider)
    assert dropped is not None and dropped["level"] == logging.WARNING  # other lines stay


@pytest.mark.parametrize("level", ["DEBUG", logging.DEBUG, "LOUD"])
def test_per_page_lines_stay_at_debug_or_an_unknown_level(level: object) -> None:
    formatter, spider = _formatter(level)
    assert formatter.crawled(REQUEST, RESPONSE, spider)["level"] == logging.DEBUG
    assert formatter.scraped({"url": "u"}, RESPONSE, spider)["level"] == logging.DEBUG


def test_the_project_uses_it() -> None:
    assert project.LOG_FORMATTER == "newscrawl.extensions.quietlog.QuietLogFormatter"
    assert log_level("info") == logging.INFO and log_level("nonsense") is None
