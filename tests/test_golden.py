"""Golden tests: every article fixture gives exactly its hand-written expected record."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from newscrawl import extract_article
from newscrawl.schema import schema_errors
from tests.conftest import GOLDEN, SHARED, fixture_of, golden_files

VOLATILE = {"metadata"}
GOLDENS = golden_files()


def _body_diff(expected: str | None, actual: str | None) -> str:
    lines = difflib.unified_diff(
        (expected or "").split("\n"),
        (actual or "").split("\n"),
        "expected",
        "extracted",
        lineterm="",
        n=1,
    )
    return "\n".join(lines)


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: str(p.relative_to(GOLDEN)))
def test_fixture_matches_golden(golden: Path) -> None:
    expected = json.loads(golden.read_text("utf-8"))
    html = fixture_of(golden).read_bytes()
    if "reject" in expected:
        record = extract_article(html, url=_url_of(golden))
        assert record is None or not record["articleBody"], "a page to reject produced a body"
        return
    record = extract_article(html, url=expected["url"])
    assert record is not None
    assert record["articleBody"] == expected["articleBody"], "\n" + _body_diff(
        expected["articleBody"], record["articleBody"]
    )
    actual = {k: v for k, v in record.items() if k not in VOLATILE}
    assert actual == expected


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: str(p.relative_to(GOLDEN)))
def test_golden_record_fits_schema(golden: Path) -> None:
    expected = json.loads(golden.read_text("utf-8"))
    if "reject" in expected:
        pytest.skip("a reject has no record")
    record = extract_article(fixture_of(golden).read_bytes(), url=expected["url"])
    record["metadata"].update(dateDownloaded="2026-11-27T10:00:00+00:00", spider="test")
    assert schema_errors(record) == []


def _url_of(golden: Path) -> str:
    return "https://" + str(golden.relative_to(GOLDEN).with_suffix("").with_suffix(""))


SEED_URL = (
    "https://azertag.az/en/xeber/"
    "Ankara_hosts_Khojaly_Genocide_Crimes_Against_Humanity_and_Terrorism_conference-1040437"
)


def test_seed_fixture_matches_the_real_seed_text() -> None:
    """The seed fixture's body is exactly the reader's copy, dateline to last quote."""
    seed = SHARED / "seed" / "azertac-khojaly-conference.txt"
    if not seed.exists():
        pytest.skip("../shared/seed is not present")
    lines = [line.strip() for line in seed.read_text("utf-8").splitlines() if line.strip()]
    start = lines.index("Ankara, February 23, AZERTAC")
    end = next(i for i, line in enumerate(lines) if line.endswith('Azerbaijan," he added.'))
    page = fixture_of(GOLDEN / "azertag.az/en/xeber" / (SEED_URL.rsplit("/", 1)[1] + ".html.json"))
    record = extract_article(page.read_bytes(), url=SEED_URL)
    assert record["headline"] == lines[0]
    assert record["articleBody"] == "\n".join(lines[start : end + 1])
    for furniture in lines[end + 1 :]:
        assert furniture not in record["articleBody"]
