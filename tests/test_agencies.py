"""Every agency profile replays offline into exactly its golden records.

Languages with fixtures are found from the goldens, so a new profile with
fixtures and goldens is covered here without touching this file.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from newscrawl.profiles import all_profiles
from newscrawl.schema import schema_errors
from tests.conftest import GOLDEN, golden_files, page_fields, run_crawl


def _expected() -> dict[tuple[str, str], dict[str, dict]]:
    """Goldens grouped by (agency, language edition)."""
    groups: dict[tuple[str, str], dict[str, dict]] = defaultdict(dict)
    for path in golden_files():
        data = json.loads(path.read_text("utf-8"))
        url = data.get("url") or "https://" + str(
            path.relative_to(GOLDEN).with_suffix("").with_suffix("")
        )
        for profile in all_profiles():
            if profile.owns(url) and profile.is_article(url):
                groups[(profile.name, profile.language_of(url) or "")][url] = data
    return groups


CASES = sorted(_expected())


def test_every_profile_has_fixtures() -> None:
    covered = {name for name, _ in CASES}
    assert covered == {p.name for p in all_profiles()}


@pytest.mark.parametrize(("agency", "lang"), CASES, ids=[f"{a}-{lang}" for a, lang in CASES])
def test_agency_edition_replays_to_its_goldens(tmp_path: Path, agency: str, lang: str) -> None:
    expected = _expected()[(agency, lang)]
    result = run_crawl(tmp_path, "-a", f"lang={lang}", spider=agency)
    assert result.returncode == 0, result.log[-3000:]
    good = {u: d for u, d in expected.items() if "reject" not in d}
    got = {r["url"]: r for r in result.records}
    assert set(got) == set(good)
    for url, record in got.items():
        assert schema_errors(record) == []
        assert record["inLanguage"] == lang or lang == ""
        assert page_fields(record) == good[url], url
        assert record["revision"] == 1
    rejected = {r["url"]: r["reason"] for r in result.rejects}
    assert {u for u, d in expected.items() if "reject" in d} <= set(rejected)
    # the only other rejects are pages that answer with an error on purpose (403, 503, 404)
    assert "missing_fixture" not in rejected.values()
    assert "Traceback" not in result.log


def test_an_agency_found_only_through_its_news_sitemap_index(tmp_path: Path) -> None:
    """Reuters has no listing or feed: the index's children are read, and with ``-a since``
    the child that changed last before the range is not fetched at all."""
    full = run_crawl(tmp_path / "all", spider="reuters")
    assert full.returncode == 0, full.log[-3000:]
    assert full.stats["newscrawl/sitemaps"] == 3  # the index and its two children
    assert full.stats["newscrawl/discovered/news_sitemap"] == 5
    assert len(full.records) == 4
    assert [r["reason"] for r in full.rejects] == ["blocked"]  # the DataDome wall
    recent = run_crawl(tmp_path / "since", "-a", "since=2026-11-25", spider="reuters")
    assert recent.stats["newscrawl/skipped/old_sitemap"] == 1
    assert recent.stats["newscrawl/sitemaps"] == 2
    old = {r["url"] for r in full.records} - {r["url"] for r in recent.records}
    assert [u.rsplit("-", 3)[-3:] for u in old] == [["2026", "11", "20/"]]


def test_a_news_sitemap_lists_hubs_and_gone_pages_too(tmp_path: Path) -> None:
    result = run_crawl(tmp_path, spider="ap")
    assert result.returncode == 0, result.log[-3000:]
    assert result.stats["newscrawl/skipped/not_article_url"] == 1  # /hub/climate-and-environment
    assert [r["reason"] for r in result.rejects] == ["http_404"]
    assert len(result.records) == 3
