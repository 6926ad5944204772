"""Fixture mapping, replay answers and recording."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newscrawl.replay import FixtureStore, MissingFixture, url_to_relpath
from newscrawl.replay.middleware import RecordMiddleware, ReplayMiddleware
from tests.conftest import FIXTURES


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("https://azertag.az/en/xeber/Some_slug-1040437", "azertag.az/en/xeber/Some_slug-1040437"),
        ("https://azertag.az/en/xeber?page=2", "azertag.az/en/xeber@page=2"),
        ("https://azertag.az/en/rss", "azertag.az/en/rss"),
        ("https://AZERTAG.az/", "azertag.az/index"),
        ("https://azertag.az/robots.txt", "azertag.az/robots.txt"),
        ("http://localhost:8080/a/b/", "localhost_8080/a/b/index"),
        ("https://azertag.az/x#fragment", "azertag.az/x"),
        ("https://azertag.az/../../etc/passwd", "azertag.az/etc/passwd"),
    ],
)
def test_url_to_path(url: str, path: str) -> None:
    assert url_to_relpath(url) == Path(path)


def test_store_serves_files_with_type_and_sidecar_status() -> None:
    store = FixtureStore(FIXTURES)
    listing = store.serve("https://azertag.az/en/xeber?page=2")
    assert listing.status == 200
    assert listing.headers["Content-Type"].startswith("text/html")
    feed = store.serve("https://azertag.az/en/rss")
    assert feed.headers["Content-Type"].startswith("application/rss+xml")
    robots = store.serve("https://azertag.az/robots.txt")
    assert b"User-agent" in robots.body


def test_sequence_sidecar_answers_in_turn(tmp_path: Path) -> None:
    page = tmp_path / "site.example" / "a.html"
    page.parent.mkdir()
    page.write_text("<html><body><p>the article</p></body></html>")
    (tmp_path / "site.example" / "wall.html").write_text("<title>Just a moment...</title>")
    page.with_name("a.html.meta.json").write_text(
        json.dumps({"sequence": [{"status": 403, "file": "wall.html"}, {"status": 200}]})
    )
    store = FixtureStore(tmp_path)
    first = store.serve("https://site.example/a")
    second = store.serve("https://site.example/a")
    third = store.serve("https://site.example/a")
    assert (first.status, second.status, third.status) == (403, 200, 200)
    assert b"Just a moment" in first.body and b"the article" in second.body


def test_missing_fixture_names_url_and_file(tmp_path: Path) -> None:
    with pytest.raises(MissingFixture) as err:
        FixtureStore(tmp_path).serve("https://site.example/nothing?page=3")
    message = str(err.value)
    assert "https://site.example/nothing?page=3" in message
    assert "site.example/nothing@page=3" in message


def test_replay_middleware_answers_without_network() -> None:
    crawler = get_crawler(settings_dict={"NEWSCRAWL_REPLAY": str(FIXTURES)})
    mw = ReplayMiddleware.from_crawler(crawler)
    crawler.stats.open_spider()
    response = mw.process_request(Request("https://azertag.az/en/xeber"))
    assert isinstance(response, HtmlResponse)
    assert "news-item" in response.text
    missing = Request("https://azertag.az/robots.txt".replace("azertag.az", "nowhere.example"))
    assert mw.process_request(missing).status == 404  # a site without robots.txt


def test_record_then_replay_round_trip(tmp_path: Path) -> None:
    crawler = get_crawler(settings_dict={"NEWSCRAWL_RECORD": str(tmp_path)})
    recorder = RecordMiddleware.from_crawler(crawler)
    crawler.stats.open_spider()
    body = "<html><body><h1>Live</h1><p>Bakı, 23 iyun, AZƏRTAC</p></body></html>".encode()
    for url, status in (("https://azertag.az/xeber/Live-1", 200), ("https://azertag.az/gone", 404)):
        response = HtmlResponse(
            url,
            status=status,
            body=body,
            headers={"Content-Type": "text/html; charset=utf-8", "Server": "nginx"},
        )
        recorder.process_response(Request(url), response)
    saved = tmp_path / "azertag.az" / "xeber" / "Live-1.html"
    assert saved.read_bytes() == body
    store = FixtureStore(tmp_path)
    assert store.serve("https://azertag.az/xeber/Live-1").body == body
    assert store.serve("https://azertag.az/gone").status == 404
