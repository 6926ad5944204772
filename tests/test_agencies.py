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
