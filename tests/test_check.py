"""``scrapy check``: every agency's contracts, written from its profile, run offline.

The default edition's first listing page, first feed and first sitemap must
each yield a request. A listing whose article links are gone (a redesign) fails
its contract, which is what a user runs ``scrapy check`` for.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from newscrawl.profiles import all_profiles
from tests.conftest import FIXTURES, ROOT


def _check(workdir: Path, fixtures: Path, *spiders: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    cmd = [sys.executable, "-m", "scrapy", "check", *spiders, "-s", f"NEWSCRAWL_REPLAY={fixtures}"]
    return subprocess.run(
        cmd, cwd=workdir, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_every_agency_passes_its_contracts_on_the_fixtures(tmp_path: Path) -> None:
    result = _check(tmp_path, FIXTURES)
    expected = sum(
        bool(p.listings_for(lang)) + bool(p.feeds_for(lang)) + bool(p.sitemaps_for(lang))
        for p in all_profiles()
        for lang in [p.default_language]
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"Ran {expected} contracts" in result.stderr
    assert list(tmp_path.iterdir()) == []  # no state, rejects or output file left behind


def test_a_listing_without_article_links_fails_its_contract(tmp_path: Path) -> None:
    fixtures = tmp_path / "fixtures"
    shutil.copytree(FIXTURES / "www.inform.kz", fixtures / "www.inform.kz")
    lenta = fixtures / "www.inform.kz" / "en" / "lenta.html"
    redesigned = re.sub(r'href="[^"]*_a\d+/?"', 'href="/en/video/"', lenta.read_text("utf-8"))
    lenta.write_text(redesigned, "utf-8")
    workdir = tmp_path / "run"
    workdir.mkdir()
    result = _check(workdir, fixtures, "kazinform")
    assert result.returncode == 1
    assert "Ran 2 contracts" in result.stderr
    assert re.search(r"FAIL: \[kazinform\] parse_listing", result.stderr), result.stderr[-3000:]
    assert "Returned 0 requests" in result.stderr
    assert "FAILED (failures=1)" in result.stderr  # the feed still has its links
