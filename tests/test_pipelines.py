"""Validation, duplicate suppression and rejects, as pipeline components."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from newscrawl import extract_article
from newscrawl.items import Reject
from newscrawl.pipelines import DuplicatesPipeline, RejectsPipeline, ValidationPipeline
from newscrawl.spiders.agencies import AzertacSpider
from tests.conftest import FIXTURES, GOLDEN, golden_files


def _record() -> dict:
    golden = next(p for p in golden_files() if "Khojaly" in p.name)
    page = FIXTURES / golden.relative_to(GOLDEN).with_suffix("")
    url = json.loads(golden.read_text())["url"]
    record = extract_article(page.read_bytes(), url)
    record["metadata"].update(dateDownloaded="2026-11-27T10:00:00+00:00", spider="azertac")
    return record


def _crawler(**settings):
    crawler = get_crawler(AzertacSpider, settings_dict=settings)
    crawler.spider = crawler._create_spider()
    crawler.stats.open_spider()
    return crawler


def test_valid_article_passes_validation() -> None:
    record = _record()
    assert ValidationPipeline.from_crawler(_crawler()).process_item(record) is record


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("headline", None, "missing_headline"),
        ("articleBody", None, "empty_body"),
        ("articleBody", "   ", "empty_body"),
        ("datePublished", None, "missing_date"),
        ("inLanguage", "english", "schema"),
        ("description", "", "schema"),
        ("datePublished", "2017-02-23 14:05", "schema"),
    ],
)
def test_invalid_article_becomes_a_reject(field: str, value, reason: str) -> None:
    crawler = _crawler()
    record = _record()
    record[field] = value
    out = ValidationPipeline.from_crawler(crawler).process_item(record)
    assert isinstance(out, Reject)
    assert (out.url, out.reason) == (record["url"], reason)
    assert crawler.stats.get_value(f"newscrawl/invalid/{reason}") == 1


def test_duplicate_canonical_url_is_dropped() -> None:
    crawler = _crawler()
    pipe = DuplicatesPipeline.from_crawler(crawler)
    first = _record()
    again = dict(first, url=first["url"] + "?utm_source=rss")
    again["canonicalUrl"] = first["canonicalUrl"].replace("https://", "http://") + "/"
    assert pipe.process_item(first) is first
    with pytest.raises(DropItem):
        pipe.process_item(again)
    assert crawler.stats.get_value("newscrawl/duplicates") == 1


def test_rejects_are_written_with_reason_and_short_excerpt(tmp_path: Path) -> None:
    crawler = _crawler(NEWSCRAWL_REJECTS=str(tmp_path / "%(name)s.rejects.jsonl"))
    pipe = RejectsPipeline.from_crawler(crawler)
    pipe.open_spider()
    with pytest.raises(DropItem):
        pipe.process_item(Reject("https://azertag.az/x-1", "empty_body", excerpt="word " * 500))
    assert pipe.process_item(_record())["headline"]  # articles pass through
    pipe.close_spider()
    (line,) = (tmp_path / "azertac.rejects.jsonl").read_text().splitlines()
    reject = json.loads(line)
    assert reject["url"] == "https://azertag.az/x-1" and reject["reason"] == "empty_body"
    assert len(reject["excerpt"]) <= 200
    assert crawler.stats.get_value("newscrawl/rejected/empty_body") == 1
