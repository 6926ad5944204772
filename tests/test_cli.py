"""The ``newscrawl`` command line: extract."""

from __future__ import annotations

import json
from pathlib import Path

from newscrawl.cli import main
from tests.conftest import FIXTURES

SEED = next((FIXTURES / "azertag.az" / "en" / "xeber").glob("Ankara_hosts*.html"))
SEED_URL = "https://azertag.az/en/xeber/" + SEED.stem


def test_extract_one_page_as_json(capsys) -> None:
    assert main(["extract", str(SEED), "--url", SEED_URL]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["headline"].startswith("Ankara hosts")
    assert record["articleBody"].startswith("Ankara, February 23, AZERTAC")


def test_extract_as_text(capsys) -> None:
    assert main(["extract", str(SEED), "--url", SEED_URL, "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Ankara hosts") and "Report a mistake" not in out


def test_page_without_article_exits_1(tmp_path: Path, capsys) -> None:
    empty = next((FIXTURES / "azertag.az" / "en" / "xeber").glob("First_snow*.html"))
    assert main(["extract", str(empty), "--url", "https://azertag.az/en/xeber/" + empty.stem]) == 1
    assert "no article text found" in capsys.readouterr().err


def test_missing_file_is_one_clear_line(capsys) -> None:
    assert main(["extract", "/nonexistent/page.html"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file" in err
