"""The extraction pool: real worker processes, real crashes, bounded memory."""

from __future__ import annotations

import asyncio
import importlib
import os
import time
from pathlib import Path

import pytest
from scrapy.settings import Settings

import newscrawl.settings
from newscrawl.state.fingerprints import simhash
from newscrawl.workers import ExtractionFailed, ExtractionPool
from tests.conftest import FIXTURES, run_crawl
from tests.pool_support import DELAY_ENV, MARK, MARKER_ENV

PAGES = sorted((FIXTURES / "www.dailyplanet-news.example").glob("*/2026/*/*/*.html"))
SITE = "https://www.bulk-news.example"


class Stats:
    """The part of a stats collector the pool uses, readable by the test."""

    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, n: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + n

    def set_value(self, key: str, value: int) -> None:
        self.values[key] = value

    def max_value(self, key: str, value: int) -> None:
        self.values[key] = max(self.values.get(key, value), value)


def page_url(path: Path, victim: Path | None = None) -> str:
    """The page's URL; the victim's carries the mark the test functions act on."""
    rel = path.relative_to(FIXTURES / "www.dailyplanet-news.example").with_suffix("")
    mark = f"?{MARK}" if path == victim else ""
    return f"https://www.dailyplanet-news.example/{rel.as_posix()}{mark}"


def extract_all(
    pool: ExtractionPool, pages: list[Path], victim: Path | None = None
) -> list[dict | ExtractionFailed]:
    """Extract ``pages`` concurrently through ``pool``; failures returned, not raised."""

    async def one(path: Path) -> dict | ExtractionFailed:
        try:
            return await pool.extract(path.read_bytes(), page_url(path, victim), None)
        except ExtractionFailed as exc:
            return exc

    async def run() -> list[dict | ExtractionFailed]:
        try:
            return await asyncio.gather(*(one(p) for p in pages))
        finally:
            pool.close()

    return asyncio.run(run())


def _two_workers(function: str, **settings: object) -> ExtractionPool:
    """A two-worker pool running ``tests.pool_support.<function>``, with stats."""
    values = {
        "NEWSCRAWL_EXTRACT_WORKERS": 2,
        "NEWSCRAWL_EXTRACT_FUNCTION": f"tests.pool_support.{function}",
        **settings,
    }
    return ExtractionPool(Settings(values), Stats())


def test_a_killed_worker_rejects_only_its_page_and_the_pool_recovers() -> None:
    assert len(PAGES) >= 8
    victim = PAGES[3]
    pool = _two_workers("crash_on_marker")
    results = extract_all(pool, PAGES, victim)
    failed = {p: r for p, r in zip(PAGES, results, strict=True) if isinstance(r, Exception)}
    assert list(failed) == [victim]
    assert failed[victim].reason == "extract_crashed"
    assert all(r["url"] == page_url(p) for p, r in zip(PAGES, results, strict=True) if p != victim)
    assert pool.stats.values["newscrawl/pool/restarts"] == 1
    assert pool.stats.values["newscrawl/pool/crashed"] == 1


def test_an_exception_in_a_worker_is_a_reject_with_its_reason() -> None:
    pool = ExtractionPool(
        Settings(
            {
                "NEWSCRAWL_EXTRACT_WORKERS": 1,
                "NEWSCRAWL_EXTRACT_FUNCTION": "tests.pool_support.raise_on_marker",
            }
        )
    )
    results = extract_all(pool, PAGES[:3], PAGES[0])
    assert isinstance(results[0], ExtractionFailed)
    assert results[0].reason == "extract_error"
    assert "ValueError: a cleaning rule tripped" in results[0].detail
    assert [r["url"] for r in results[1:]] == [page_url(p) for p in PAGES[1:3]]


def test_a_hung_page_times_out_alone_and_the_pool_goes_on() -> None:
    victim = PAGES[2]
    pool = _two_workers("hang_on_marker", NEWSCRAWL_EXTRACT_TIMEOUT=3)
    started = time.monotonic()
    pages = PAGES[:6]
    results = extract_all(pool, pages, victim)
    failed = {p: r for p, r in zip(pages, results, strict=True) if isinstance(r, Exception)}
    assert list(failed) == [victim]
    assert failed[victim].reason == "extract_timeout"
    assert all(r["url"] == page_url(p) for p, r in zip(pages, results, strict=True) if p != victim)
    assert pool.stats.values["newscrawl/pool/timeouts"] == 1
    assert time.monotonic() - started < 60  # the hung worker did not hold up the close


def test_pool_and_inline_extract_the_same_records() -> None:
    inline = extract_all(ExtractionPool(Settings({"NEWSCRAWL_EXTRACT_WORKERS": 0})), PAGES)
    pooled = extract_all(ExtractionPool(Settings({"NEWSCRAWL_EXTRACT_WORKERS": 2})), PAGES)
    assert pooled == inline
    for record in pooled:  # the worker computed the SimHash the crawl state needs
        assert record.fingerprint == simhash(record["articleBody"])


def test_recycled_workers_lose_and_repeat_nothing_and_never_overlap() -> None:
    """Two pages per worker: the pool is renewed every four pages, mid-stream."""
    inline = extract_all(ExtractionPool(Settings({"NEWSCRAWL_EXTRACT_WORKERS": 0})), PAGES)
    pool = _two_workers("tag_worker", NEWSCRAWL_EXTRACT_RECYCLE_PAGES=2)
    pooled = extract_all(pool, PAGES)
    held = [record.pop("_worker") for record in pooled]
    assert pooled == inline
    executors = -(-len(PAGES) // 4)
    assert pool.stats.values["newscrawl/pool/recycled"] == executors - 1
    assert len({pid for pid, _, _ in held}) >= executors  # fresh processes each time
    # the old workers finished their pages before new ones started: never more than
    # two processes held pages at the same moment
    for _, start, _ in held:
        busy = {pid for pid, s, e in held if s <= start < e}
        assert len(busy) <= 2


def test_a_crash_while_recycling_rejects_only_its_page() -> None:
    victim = PAGES[5]
    pool = _two_workers("crash_on_marker", NEWSCRAWL_EXTRACT_RECYCLE_PAGES=1)
    results = extract_all(pool, PAGES, victim)
    failed = [p for p, r in zip(PAGES, results, strict=True) if isinstance(r, Exception)]
    assert failed == [victim]
    assert all(r["url"] == page_url(p) for p, r in zip(PAGES, results, strict=True) if p != victim)
    assert pool.stats.values["newscrawl/pool/crashed"] == 1
    assert pool.stats.values["newscrawl/pool/recycled"] >= 2


def test_crawl_survives_a_worker_crash_and_accounts_for_every_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = "Azerbaijan_Italy_agree_to_increase_gas_supplies_via_TAP"
    monkeypatch.setenv(MARKER_ENV, victim)
    crash = "tests.pool_support.crash_on_marker"
    result = run_crawl(  # 5 of the 10 English pages are rejects now: no health alarm wanted
        tmp_path / "crash", "-a", "lang=en", "-s", f"NEWSCRAWL_EXTRACT_FUNCTION={crash}",
        "-s", "NEWSCRAWL_HEALTH_ENABLED=False",
    )  # fmt: skip
    baseline = run_crawl(
        tmp_path / "baseline", "-a", "lang=en", "-s", "NEWSCRAWL_EXTRACT_WORKERS=0"
    )
    assert result.returncode == 0, result.log[-3000:]
    crashed = [r for r in result.rejects if r["reason"] == "extract_crashed"]
    assert [victim in r["url"] for r in crashed] == [True]
    got = [r["url"] for r in result.records]
    assert len(got) == len(set(got))
    assert set(got) == {r["url"] for r in baseline.records if victim not in r["url"]}
    assert result.stats["newscrawl/pool/restarts"] >= 1
    assert result.stats["newscrawl/rejected/extract_crashed"] == 1
    assert result.stats["newscrawl/unaccounted"] == 0


def write_bulk_site(root: Path, n: int) -> list[str]:
    """A replay folder: robots.txt, one sitemap, ``n`` small article pages."""
    site = root / "www.bulk-news.example"
    urls = [
        f"{SITE}/world/2026/11/20/story-number-{i:04d}-about-the-river-bridge" for i in range(n)
    ]
    (site / "world" / "2026" / "11" / "20").mkdir(parents=True)
    (site / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {SITE}/sitemap.xml\n")
    entries = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
    (site / "sitemap.xml").write_text(
        f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{entries}</urlset>"
    )
    for i, url in enumerate(urls):
        text = " ".join(
            f"Paragraph {j} of story {i} says the river bridge vote {i * j}." for j in range(12)
        )
        (site / url.removeprefix(SITE + "/")).with_suffix(".html").write_text(
            f'<html lang="en"><head><title>Story {i}</title><link rel="canonical" href="{url}">'
            f'<meta property="article:published_time" content="2026-11-20T10:{i % 60:02d}:00+00:00">'
            f"</head><body><article><h1>Story number {i} about the river bridge</h1>"
            f"<p>{text}</p><p>{text[::-1]}</p></article></body></html>"
        )
    return urls


def test_slow_extraction_holds_the_downloader_back(tmp_path: Path, monkeypatch) -> None:
    """Downloads are instant (replay), extraction slow: responses held and requests queued
    stay bounded; workers recycled every 20 pages each lose and repeat nothing."""
    n, max_active, concurrent, queued = 150, 20_000, 16, 20
    urls = write_bulk_site(tmp_path / "site", n)
    monkeypatch.setenv(DELAY_ENV, "0.03")
    result = run_crawl(
        tmp_path / "crawl",
        "-a", f"url={SITE}/", "-a", "discovery=sitemaps",
        "-s", f"NEWSCRAWL_REPLAY={tmp_path / 'site'}",
        "-s", "NEWSCRAWL_EXTRACT_FUNCTION=tests.pool_support.slow_extract",
        "-s", f"SCRAPER_SLOT_MAX_ACTIVE_SIZE={max_active}",
        "-s", f"CONCURRENT_REQUESTS={concurrent}",
        "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={concurrent}",
        "-s", f"NEWSCRAWL_MAX_QUEUED={queued}",
        "-s", "NEWSCRAWL_EXTRACT_RECYCLE_PAGES=20",
        spider="news",
    )  # fmt: skip
    assert result.returncode == 0, result.log[-3000:]
    assert sorted(r["url"] for r in result.records) == urls
    assert result.stats["newscrawl/unaccounted"] == 0
    assert result.stats["newscrawl/pool/recycled"] >= 2  # in the reactor, mid-crawl
    # Scrapy stops sending requests once the bodies in its scraper exceed max_active
    # (each counted as at least 1 KiB); the requests already sent still arrive.
    bound = max_active // 1024 + 1 + concurrent
    assert bound < n / 4
    assert result.stats["newscrawl/pool/peak_held"] <= bound
    # and the sitemap's 150 article requests entered the scheduler no faster than it drained
    assert result.stats["newscrawl/peak_queued"] <= queued


def test_workers_setting_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """``NEWSCRAWL_EXTRACT_WORKERS=0`` in the environment turns the pool off; unset = cores."""
    monkeypatch.setenv("NEWSCRAWL_EXTRACT_WORKERS", "0")
    try:
        workers = importlib.reload(newscrawl.settings).NEWSCRAWL_EXTRACT_WORKERS
        assert ExtractionPool(Settings({"NEWSCRAWL_EXTRACT_WORKERS": workers})).workers == 0
    finally:
        monkeypatch.delenv("NEWSCRAWL_EXTRACT_WORKERS")
        importlib.reload(newscrawl.settings)
    assert ExtractionPool(Settings({})).workers == len(os.sched_getaffinity(0))
