"""Site health: a crawl of a site that changed under us ends in an ERROR and exit status 1.

The "redesigned" sites are copies of the AZERTAC fixtures with one thing changed, crawled
through the real ``newscrawl crawl`` command in replay mode.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from newscrawl.extensions.health import findings
from tests.conftest import FIXTURES, run_crawl
from tests.test_cli import newscrawl

EDITION = Path("azertag.az") / "en"


def crawl(site: Path, workdir: Path):  # type: ignore[no-untyped-def]
    return newscrawl(
        "crawl", "azertac", "--lang", "en", "--replay", str(site), "--no-state",
        "-o", "out.jsonl", "--rejects", "rejects.jsonl", cwd=workdir,
    )  # fmt: skip


def redesigned(tmp_path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    """A copy of the fixtures whose English edition's pages went through ``change``."""
    site = tmp_path / "site"
    shutil.copytree(FIXTURES, site)
    for page in (site / EDITION).rglob("*"):
        if page.is_file() and page.suffix in (".html", ".xml"):
            page.write_text(change(page, page.read_text("utf-8")), "utf-8")
    return site


def test_the_bundled_site_is_healthy(tmp_path: Path) -> None:
    proc = crawl(FIXTURES, tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Site health" not in proc.stderr


def test_listings_without_article_links_are_reported(tmp_path: Path) -> None:
    """Article URLs moved to a pattern the profile does not know: nothing to crawl."""
    site = redesigned(tmp_path, lambda page, text: text.replace("/en/xeber/", "/en/news/"))
    proc = crawl(site, tmp_path)
    assert proc.returncode == 1, proc.stderr[-2000:]
    (line,) = [x for x in proc.stderr.splitlines() if "Site health:" in x]
    assert "ERROR" in line and "no article link found" in line
    assert "not_article_url" in line  # the links it did find, and why they were skipped
    assert not (tmp_path / "out.jsonl").exists() or not (tmp_path / "out.jsonl").read_text()


def test_article_pages_without_text_are_reported(tmp_path: Path) -> None:
    """The article template changed: the pages come back, the story paragraphs do not."""

    def drop_story(page: Path, text: str) -> str:
        if page.parent.name != "xeber":
            return text
        return re.sub(r"<p\b.*?</p>", "", text, flags=re.S)

    site = redesigned(tmp_path, drop_story)
    proc = crawl(site, tmp_path)
    assert proc.returncode == 1, proc.stderr[-2000:]
    (line,) = [x for x in proc.stderr.splitlines() if "Site health:" in x]
    assert "article pages gave no article" in line and "empty_body" in line
    rejects = (tmp_path / "rejects.jsonl").read_text().count("\n")
    assert f"{rejects} of " in line


def test_scrapy_crawl_exits_1_on_the_alarm_too(tmp_path: Path) -> None:
    """Users schedule `scrapy crawl <agency>`: its exit status must carry the alarm."""
    site = redesigned(tmp_path, lambda page, text: text.replace("/en/xeber/", "/en/news/"))
    broken = run_crawl(tmp_path / "broken", "-a", "lang=en", "-s", f"NEWSCRAWL_REPLAY={site}")
    assert broken.returncode == 1, broken.log[-2000:]
    assert broken.stats["newscrawl/health/no_article_links"] == 1
    healthy = run_crawl(tmp_path / "healthy", "-a", "lang=en")
    assert healthy.returncode == 0, healthy.log[-2000:]
    assert healthy.records and "Site health" not in healthy.log


def test_findings_weigh_decided_articles_only() -> None:
    """Unchanged articles are healthy pages; a crawl interrupted early proves nothing."""
    stats = {
        "newscrawl/listing_pages": 3, "newscrawl/discovered/listing": 40,
        "newscrawl/scheduled": 40, "item_scraped_count": 2, "newscrawl/unchanged": 30,
        "newscrawl/rejected_articles": 8, "newscrawl/rejected_articles/http_404": 8,
    }  # fmt: skip
    assert findings(stats) == {}  # 8 of 40
    stats["newscrawl/unchanged"] = 0
    assert list(findings(stats)) == ["articles_rejected"]  # 8 of 10
    few = {"newscrawl/scheduled": 3, "newscrawl/rejected_articles": 3}
    assert findings(few) == {}  # too few pages to judge
    dated = {"newscrawl/listing_pages": 2, "newscrawl/skipped/out_of_date_range": 25}
    assert findings(dated) == {}  # links found, all older than --since: a quiet hour
