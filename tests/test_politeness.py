"""Polite defaults, back-off delays and anti-bot verdicts."""

from __future__ import annotations

from pathlib import Path

from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from newscrawl.extraction.verdict import blocked_reason
from newscrawl.middlewares.retry import BackoffRetryMiddleware
from newscrawl.spiders.agencies import AzertacSpider
from tests.conftest import FIXTURES


def test_polite_defaults() -> None:
    project = Settings()
    project.setmodule("newscrawl.settings", priority="project")
    project.set("NEWSCRAWL_REPLAY", None)
    settings = project.copy()
    AzertacSpider.update_settings(settings)  # what Crawler does with the spider's settings
    assert settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    assert 1 <= settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 4
    assert settings.getfloat("DOWNLOAD_DELAY") >= 8  # AZERTAC's profile
    assert "newscrawl" in settings.get("USER_AGENT")
    assert 403 in settings.getlist("RETRY_HTTP_CODES") or "403" in settings.getlist(
        "RETRY_HTTP_CODES"
    )


def test_backoff_doubles_and_honours_retry_after() -> None:
    crawler = get_crawler(settings_dict={"NEWSCRAWL_BACKOFF_BASE": 2, "NEWSCRAWL_BACKOFF_MAX": 60})
    mw = BackoffRetryMiddleware.from_crawler(crawler)
    first, second, third = (mw.delay(n, None) for n in (1, 2, 3))
    assert 1.6 <= first <= 2.4 and 3.2 <= second <= 4.8 and 6.4 <= third <= 9.6
    assert mw.delay(1, "7") == 7
    assert mw.delay(10, None) <= 60
    assert mw.delay(1, "3600") == 60


def test_verdicts() -> None:
    wall = (FIXTURES / "azertag.az" / "_errors" / "cloudflare-challenge.html").read_bytes()
    assert blocked_reason(403, {"server": "cloudflare"}, wall) == "challenge"
    assert blocked_reason(200, {}, wall) == "challenge"  # a wall served with 200
    assert blocked_reason(503, {}, b"<html><title>503 Service Unavailable</title></html>") == (
        "unavailable"
    )
    article = next((FIXTURES / "azertag.az" / "en" / "xeber").glob("Ankara*.html")).read_bytes()
    assert b"captcha" in article  # its report form has one, yet it is no wall
    assert blocked_reason(200, {}, article) is None
    # other bot fronts: DataDome's wall by its page or by its header alone
    datadome = next((FIXTURES / "www.reuters.com" / "world" / "americas").glob("*/index.html"))
    assert blocked_reason(403, {}, datadome.read_bytes()) == "challenge"
    assert blocked_reason(403, {"x-datadome": "protected"}, b"<html></html>") == "challenge"
    assert blocked_reason(200, {"x-datadome": "protected"}, article) is None  # it lets us in


def test_spider_arguments() -> None:
    spider = AzertacSpider(lang="az,ru", pages="2", since="2026-11-01")
    assert spider.languages == ["az", "ru"] and spider.pages == 2
    assert spider.since.isoformat() == "2026-11-01T00:00:00+04:00"
    assert AzertacSpider().languages == ["en"]
    assert AzertacSpider(lang="all").languages == list(AzertacSpider.profile.editions)
    try:
        AzertacSpider(lang="xx")
    except ValueError as exc:
        assert "xx" in str(exc) and "known" in str(exc)
    else:
        raise AssertionError("an unknown edition must be refused")


def test_fixture_tree_exists() -> None:
    assert Path(FIXTURES / "azertag.az" / "robots.txt").exists()
