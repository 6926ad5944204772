"""End-to-end: the real spider and pipelines replay the fixture site offline."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newscrawl.profiles import get_profile
from newscrawl.schema import schema_errors
from tests.conftest import FIXTURES, GOLDEN, golden_files, page_fields, read_jsonl, run_crawl

PROFILE = get_profile("azertac")
SEED_TAIL = (
    "© Content from this site must be hyperlinked when used.",
    "Report a mistake by marking it and pressing ctrl + enter",
    "Fields with * are required.",
    "Please enter the letters as they are shown in the image above.",
    "Letters are not case-sensitive.",
)


def _goldens() -> dict[str, dict]:
    """Expected records (and expected rejects) keyed by URL."""
    out = {}
    for path in golden_files():
        data = json.loads(path.read_text("utf-8"))
        url = data.get("url") or "https://" + str(
            path.relative_to(GOLDEN).with_suffix("").with_suffix("")
        )
        if PROFILE.owns(url):
            out[url] = data
    return out


def _sidecar_rejects() -> dict[str, str]:
    """Article fixtures that always answer with an error status, and the reason expected."""
    reasons = {403: "blocked", 503: "unavailable", 404: "http_404"}
    out = {}
    for sidecar in (FIXTURES / "azertag.az").rglob("*.meta.json"):
        meta = json.loads(sidecar.read_text("utf-8"))
        if "status" in meta:
            rel = sidecar.relative_to(FIXTURES).with_suffix("").with_suffix("").with_suffix("")
            out["https://" + str(rel)] = reasons[meta["status"]]
    return out


def _languages() -> list[str]:
    """Editions that have fixtures (a listing page at least)."""
    return [
        lang
        for lang, prefix in PROFILE.editions.items()
        if (FIXTURES / "azertag.az" / (prefix.strip("/") or ".") / "xeber.html").exists()
    ]


@pytest.fixture(scope="module")
def full_crawl(tmp_path_factory):
    return run_crawl(tmp_path_factory.mktemp("full"), "-a", f"lang={','.join(_languages())}")


def test_full_crawl_emits_exactly_the_golden_records(full_crawl) -> None:
    goldens = _goldens()
    expected = {url for url, data in goldens.items() if "reject" not in data}
    assert full_crawl.returncode == 0, full_crawl.log[-3000:]
    urls = [r["url"] for r in full_crawl.records]
    assert len(urls) == len(set(urls)), "an article was emitted twice"
    assert set(urls) == expected
    for record in full_crawl.records:
        assert schema_errors(record) == [], record["url"]
        assert record["metadata"]["spider"] == "azertac"
        assert page_fields(record) == goldens[record["url"]]
        assert record["revision"] == 1


def test_full_crawl_rejects_every_bad_page_with_its_reason(full_crawl) -> None:
    expected = _sidecar_rejects()
    expected.update({u: "empty_body" for u, d in _goldens().items() if "reject" in d})
    got = {r["url"]: r["reason"] for r in full_crawl.rejects}
    assert got == expected
    for reject in full_crawl.rejects:
        assert set(reject) <= {
            "url", "reason", "detail", "excerpt", "status", "kind", "date", "spider"
        }  # fmt: skip
        assert len(reject.get("excerpt") or "") <= 200


def test_full_crawl_stats_account_for_every_page(full_crawl) -> None:
    stats = full_crawl.stats
    assert stats["newscrawl/stored"] == len(full_crawl.records)
    assert stats["newscrawl/rejected"] == len(full_crawl.rejects)
    # the always-403 and always-503 pages: 2 retries each; the blocked-once page: 1
    assert stats["retry/count"] == 5
    assert stats["retry/max_reached"] == 2
    assert stats["newscrawl/listing_pages"] == len(
        list((FIXTURES / "azertag.az").rglob("xeber*.html"))
    )
    assert stats["newscrawl/feeds"] == len(_languages())
    assert "Traceback" not in full_crawl.log
    # the closing summary accounts for every article URL scheduled
    articles_rejected = sum(1 for r in full_crawl.rejects if r["kind"] == "article")
    assert stats["newscrawl/scheduled"] == len(full_crawl.records) + articles_rejected
    assert stats["newscrawl/unaccounted"] == 0
    assert "Crawl summary (finished)" in full_crawl.log


def test_no_record_carries_furniture_or_title_lines(full_crawl) -> None:
    for record in full_crawl.records:
        body_lines = record["articleBody"].split("\n")
        assert record["headline"] not in body_lines
        assert record["datePublishedRaw"] not in body_lines
        assert all(line.strip() for line in body_lines), "blank line in body"
        for furniture in SEED_TAIL:
            assert furniture not in record["articleBody"]
        assert "©" not in record["articleBody"]
        assert "ctrl + enter" not in record["articleBody"].lower()


def test_russian_edition_through_feeds_option(tmp_path: Path) -> None:
    """``-O`` keeps working: Scrapy's feed export writes the records, UTF-8 unescaped."""
    result = run_crawl(tmp_path, "-a", "lang=ru", "-O", "x.jsonl", output=None)
    assert result.returncode == 0, result.log[-2000:]
    raw = (tmp_path / "x.jsonl").read_text("utf-8")
    records = read_jsonl(tmp_path / "x.jsonl")
    assert len(records) == 4
    assert {r["inLanguage"] for r in records} == {"ru"}
    assert "Баку" in raw and "\\u" not in raw
    assert not (tmp_path / "azertac.jsonl").exists(), "FEEDS should be in charge"


def test_pages_argument_bounds_listing_depth(tmp_path: Path) -> None:
    result = run_crawl(tmp_path, "-a", "lang=en", "-a", "pages=1")
    assert result.stats["newscrawl/listing_pages"] == 1
    old = [r for r in result.records if r["datePublished"] < "2020"]
    assert old == [], "page 3 (the archive items) must not be read with pages=1"


def test_since_skips_older_articles_and_stops_paging(tmp_path: Path) -> None:
    result = run_crawl(tmp_path, "-a", "lang=en", "-a", "since=2026-11-25")
    expected = {
        url
        for url, data in _goldens().items()
        if "/en/" in url and "reject" not in data and data["datePublished"] >= "2026-11-25"
    }
    assert {r["url"] for r in result.records} == expected
    assert result.stats["newscrawl/listing_pages"] == 2  # page 2 reaches older items
    assert result.stats["newscrawl/skipped/out_of_date_range"] > 0


def test_missing_fixture_is_a_clear_error_naming_the_url(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURES, site)
    gone = next((site / "azertag.az" / "fr" / "xeber").glob("*.html"))
    gone.unlink()
    url = "https://azertag.az/fr/xeber/" + gone.name.removesuffix(".html")
    result = run_crawl(tmp_path, "-a", "lang=fr", "-s", f"NEWSCRAWL_REPLAY={site}")
    assert f"ERROR: Giving up on article {url}: no fixture for {url}" in result.log
    assert {r["url"]: r["reason"] for r in result.rejects} == {url: "missing_fixture"}
    assert result.records == []


def test_date_range_backfills_from_the_archive_search(tmp_path: Path) -> None:
    """With pages=1 the latest listing cannot reach 20 November; the date search does."""
    result = run_crawl(
        tmp_path,
        "-a",
        "lang=en",
        "-a",
        "pages=1",
        "-a",
        "since=2026-11-19",
        "-a",
        "until=2026-11-21",
    )
    assert {r["url"] for r in result.records} == {
        "https://azertag.az/en/xeber/Baku_hosts_international_forum_on_Middle_Corridor_connectivity-3867418"
    }
    assert result.rejects == []
    assert result.stats["newscrawl/skipped/out_of_date_range"] > 0


def test_replay_folder_from_the_environment(tmp_path: Path) -> None:
    """``NEWSCRAWL_REPLAY`` works as an environment variable as well as with ``-s``."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    env = {
        **os.environ,
        "SCRAPY_SETTINGS_MODULE": "newscrawl.settings",
        "PYTHONPATH": str(ROOT),
        "NEWSCRAWL_REPLAY": str(FIXTURES),
        "NEWSCRAWL_STATE": str(tmp_path / "state.db"),
    }
    cmd = [sys.executable, "-m", "scrapy", "crawl", "azertac", "-a", "lang=fr", "-O", "fr.jsonl"]
    proc = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    (record,) = read_jsonl(tmp_path / "fr.jsonl")
    assert record["inLanguage"] == "fr" and record["dateline"]["place"] == "Bakou"
    assert "Replay mode" in proc.stderr


def test_soft_404_served_with_200_is_rejected_not_stored(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURES, site)
    gone = (
        "azertag.az/en/xeber/Azerbaijani_judokas_win_three_medals_at_Abu_Dhabi_Grand_Slam-3872877"
    )
    (site / f"{gone}.html.meta.json").unlink()  # the "page not found" page now comes with 200
    result = run_crawl(tmp_path, "-a", "lang=en", "-s", f"NEWSCRAWL_REPLAY={site}")
    assert {r["url"]: r["reason"] for r in result.rejects}[f"https://{gone}"] == "soft_404"
    assert f"https://{gone}" not in {r["url"] for r in result.records}


def test_redirect_to_another_domain_is_not_followed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURES, site)
    moved = "azertag.az/en/xeber/Exhibition_of_Azerbaijani_carpets_opens_in_Vienna-3872615"
    sidecar = {"status": 301, "headers": {"Location": "https://elsewhere.example/carpets"}}
    (site / f"{moved}.html.meta.json").write_text(json.dumps(sidecar))
    result = run_crawl(tmp_path, "-a", "lang=en", "-s", f"NEWSCRAWL_REPLAY={site}")
    assert all("elsewhere.example" not in r["url"] for r in result.records)
    assert f"https://{moved}" not in {r["url"] for r in result.records}
    rejects = {r["url"]: r for r in result.rejects}
    assert rejects[f"https://{moved}"]["reason"] == "offsite_redirect"
    assert "elsewhere.example/carpets" in rejects[f"https://{moved}"]["detail"]
    assert "Traceback" not in result.log


def test_429_with_retry_after_is_retried_then_served(tmp_path: Path) -> None:
    """A rate-limited article is retried (after Retry-After, capped in replay) and then stored."""
    site = tmp_path / "site"
    shutil.copytree(FIXTURES, site)
    page = "azertag.az/fr/xeber/Le_ministre_azerbaidjanais_des_Affaires_etrangeres_s_entretient_avec_son_homologue_senegalais-3813276"
    sidecar = {"sequence": [{"status": 429, "headers": {"Retry-After": "1"}}, {"status": 200}]}
    (site / f"{page}.html.meta.json").write_text(json.dumps(sidecar))
    result = run_crawl(tmp_path, "-a", "lang=fr", "-s", f"NEWSCRAWL_REPLAY={site}")
    assert [r["url"] for r in result.records] == [f"https://{page}"]
    assert result.stats["retry/count"] == 1
    assert result.rejects == []
