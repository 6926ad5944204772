"""The generic news spider on the synthetic Daily Planet site (fixtures/www.dailyplanet-news.example)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.schema import schema_errors
from tests.conftest import run_crawl

SITE = "https://www.dailyplanet-news.example"
A = {
    1: "/world/2026/11/18/coastal-nations-push-for-overhaul-of-loss-and-damage-fund-at-lisbon-summit",
    2: "/world/2026/11/19/drought-forces-kenya-to-ration-hydropower-as-reservoir-levels-fall",
    3: "/business/2026/11/20/harvest-lane-grocers-to-buy-40-stores-from-rival-in-610-million-deal",
    4: "/business/2026/11/21/metropolis-port-container-volumes-hit-record-ahead-of-holiday-season",
    5: "/business/2026/10/28/metropolis-community-credit-union-agrees-to-merge-with-lakeside-savings",
    6: "/science/2026/11/26/university-telescope-catches-rare-close-flyby-of-binary-asteroid",
    7: "/world/2026/11/26/glacier-collapse-prompts-evacuation-of-alpine-valley-village",
    8: "/sport/2026/11/24/meteors-rally-from-18-points-down-to-beat-harbor-city-in-overtime",
    9: "/science/2026/11/25/new-sodium-battery-chemistry-could-halve-cost-of-grid-storage-study-finds",
    10: "/science/2026/11/27/migratory-songbirds-arriving-weeks-later-than-in-the-1990s-data-show",
    11: "/world/2026/11/22/canada-and-norway-sign-arctic-search-and-rescue-cooperation-pact",
    12: "/world/2026/11/23/chilean-copper-miners-end-12-day-strike-after-wage-deal",
    13: "/world/2026/11/27/ministers-meet-in-geneva-to-revive-stalled-plastics-treaty-talks",
}


def urls(*numbers: int) -> set[str]:
    return {SITE + A[n] for n in numbers}


def crawl_site(tmp_path: Path, *args: str):
    return run_crawl(tmp_path, "-a", f"url={SITE}/", *args, spider="news")


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    return crawl_site(tmp_path_factory.mktemp("news"))


def test_every_article_once_and_the_gone_one_rejected(full) -> None:
    assert full.returncode == 0, full.log[-3000:]
    got = [r["url"] for r in full.records]
    assert len(got) == len(set(got))
    assert set(got) == urls(*range(1, 13))
    assert {r["url"]: r["reason"] for r in full.rejects} == {SITE + A[13]: "http_404"}
    for record in full.records:
        assert schema_errors(record) == []
        assert record["publisher"]["url"] == SITE + "/"
        assert record["datePublished"].endswith(("-05:00", "-04:00"))
    assert "Traceback" not in full.log
    assert full.stats["newscrawl/scheduled"] == 13
    assert full.stats["newscrawl/unaccounted"] == 0


def test_stays_on_site_and_skips_non_articles(full) -> None:
    stats = full.stats
    assert stats["newscrawl/skipped/offsite"] >= 1  # www.othernews.example
    assert stats["newscrawl/skipped/not_article_url"] >= 1  # /business/ listed in a sitemap
    fetched = full.stats["newscrawl/replay/served"]
    # robots.txt twice (rules and sitemaps), 4 sitemaps, 2 feeds, home, 3 section pages, 13 articles
    assert fetched == 2 + 4 + 2 + 1 + 3 + 13


@pytest.mark.parametrize(
    ("discovery", "expected"),
    [
        ("sitemaps", (1, 2, 3, 4, 5, 6, 7)),
        ("feeds", (7, 8, 9, 10)),
        ("links", (1, 2, 3, 4, 5, 6, 8, 11, 12)),
    ],
)
def test_each_discovery_path(tmp_path: Path, discovery: str, expected: tuple[int, ...]) -> None:
    result = crawl_site(tmp_path, "-a", f"discovery={discovery}")
    assert {r["url"] for r in result.records} == urls(*expected)


def test_since_until_and_limit(tmp_path: Path) -> None:
    since = crawl_site(tmp_path / "since", "-a", "since=2026-11-26")
    assert {r["url"] for r in since.records} == urls(6, 7, 10)
    # the October and 21 November sitemaps changed last before the range: not fetched
    assert since.stats["newscrawl/skipped/old_sitemap"] == 2
    assert since.stats["newscrawl/sitemaps"] == 2  # the index and the news sitemap
    until = crawl_site(tmp_path / "until", "-a", "until=2026-11-20")
    assert {r["url"] for r in until.records} == urls(1, 2, 3, 5)
    limited = crawl_site(tmp_path / "limit", "-a", "limit=3")
    assert len(limited.records) == 3


def test_a_url_is_required(tmp_path: Path) -> None:
    result = run_crawl(tmp_path, spider="news")
    assert "give the site with -a url=" in result.log
    assert result.records == []


def test_a_site_without_robots_txt_is_crawled_through_its_sitemap_xml(tmp_path: Path) -> None:
    """A 404 robots.txt means no rules (RFC 9309): no reject, and /sitemap.xml is probed."""
    import shutil

    from tests.conftest import FIXTURES

    root = tmp_path / "fixtures"
    site = root / "www.dailyplanet-news.example"
    shutil.copytree(FIXTURES / "www.dailyplanet-news.example", site)
    (site / "robots.txt").write_text("<html><body>Not Found</body></html>")
    (site / "robots.txt.meta.json").write_text('{"status": 404}')
    shutil.copy(site / "sitemap_index.xml", site / "sitemap.xml")
    result = run_crawl(
        tmp_path / "run", "-a", f"url={SITE}/", "-a", "discovery=sitemaps",
        "-s", f"NEWSCRAWL_REPLAY={root}", spider="news",
    )  # fmt: skip
    assert result.returncode == 0, result.log[-3000:]
    assert all(r.get("kind") != "robots" for r in result.rejects), result.rejects
    assert {r["url"] for r in result.records} == urls(1, 2, 3, 4, 5, 6, 7)  # as with robots.txt
    assert result.stats["newscrawl/unaccounted"] == 0
