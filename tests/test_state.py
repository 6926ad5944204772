"""Hourly crawls: only new and changed articles, duplicates marked, kill -9 survived."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from newscrawl.state import SQLiteState
from newscrawl.state.fingerprints import simhash
from newscrawl.state.sqlite import MIGRATIONS, SCHEMA_VERSION
from tests.conftest import FIXTURES, GOLDEN, ROOT, read_jsonl, run_crawl

EDITED = "azertag.az/ru/xeber/V_BGU_obsudili_primenenie_iskusstvennogo_intellekta_v_obrazovanii-3342178.html"
EDITED_URL = "https://azertag.az/ru/xeber/V_BGU_obsudili_primenenie_iskusstvennogo_intellekta_v_obrazovanii-3342178"


def test_second_run_emits_nothing_and_an_edit_comes_back_as_revision_2(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURES, site)
    args = ("-a", "lang=ru", "-s", f"NEWSCRAWL_REPLAY={site}")
    first = run_crawl(tmp_path / "one", *args, "-s", f"NEWSCRAWL_STATE={tmp_path / 'state.db'}")
    assert len(first.records) == 4 and {r["revision"] for r in first.records} == {1}
    second = run_crawl(tmp_path / "two", *args, "-s", f"NEWSCRAWL_STATE={tmp_path / 'state.db'}")
    assert second.records == []
    assert second.stats["newscrawl/unchanged"] == 4
    assert second.stats["newscrawl/unaccounted"] == 0  # unchanged articles are accounted for

    page = site / EDITED
    html = page.read_text("utf-8")
    sentence = "</p>\n"
    page.write_text(
        html.replace(sentence, " Дополнено: ректор ответил на вопросы студентов.</p>\n", 2), "utf-8"
    )
    third = run_crawl(tmp_path / "three", *args, "-s", f"NEWSCRAWL_STATE={tmp_path / 'state.db'}")
    (changed,) = third.records
    assert changed["url"] == EDITED_URL
    assert changed["revision"] == 2
    assert changed["dateModified"] is not None
    assert "Дополнено" in changed["articleBody"]
    assert third.stats["newscrawl/changed"] == 1

    full = run_crawl(
        tmp_path / "four", *args, "-a", "full=1", "-s", f"NEWSCRAWL_STATE={tmp_path / 'state.db'}"
    )
    assert len(full.records) == 4


OLD_EXTRACTOR = "newscrawl/0.0.1 trafilatura/2.0.0"


def _pretend_older_extractor(state: Path, *, text_differed: bool) -> None:
    """Make the state look written by an older release (whose text may have differed)."""
    db = sqlite3.connect(state)
    db.execute("UPDATE articles SET extractor=?", (OLD_EXTRACTOR,))
    if text_differed:
        db.execute("UPDATE articles SET content_hash='sha256:' || 'older extraction'")
    db.commit()
    db.close()


def _extractors(state: Path) -> set[str | None]:
    db = sqlite3.connect(state)
    found = {row[0] for row in db.execute("SELECT extractor FROM articles")}
    db.close()
    return found


def test_an_extractor_upgrade_is_no_publisher_edit(tmp_path: Path) -> None:
    """Re-read text after an upgrade: revision + 1, no invented dateModified; edits still dated."""
    site = tmp_path / "site"
    shutil.copytree(FIXTURES, site)
    state = tmp_path / "state.db"
    args = ("-a", "lang=ru", "-s", f"NEWSCRAWL_REPLAY={site}", "-s", f"NEWSCRAWL_STATE={state}")
    first = run_crawl(tmp_path / "one", *args)
    declared = {r["url"]: r["dateModified"] for r in first.records}
    assert len(declared) == 4 and None in declared.values()  # two pages declare none
    extractor = first.records[0]["metadata"]["extractor"]
    assert _extractors(state) == {extractor}

    _pretend_older_extractor(state, text_differed=True)
    upgraded = run_crawl(tmp_path / "two", *args)
    assert {r["revision"] for r in upgraded.records} == {2}
    assert {r["url"]: r["dateModified"] for r in upgraded.records} == declared
    assert upgraded.stats["newscrawl/reextracted"] == 4
    assert "newscrawl/changed" not in upgraded.stats
    assert _extractors(state) == {extractor}

    # same text under an older extractor: not emitted, but the extractor is remembered,
    # so this publisher's dated edit (met in the same crawl) is an edit
    _pretend_older_extractor(state, text_differed=False)
    page = site / EDITED
    html = page.read_text("utf-8").replace("2026-11-05T13:12:45", "2026-11-06T09:00:00")
    page.write_text(
        html.replace("</p>\n", " Дополнено: ректор ответил студентам.</p>\n", 1), "utf-8"
    )
    edited = run_crawl(tmp_path / "three", *args)
    (record,) = edited.records
    assert record["url"] == EDITED_URL and record["revision"] == 3
    assert record["dateModified"] == "2026-11-06T09:00:00+04:00"
    assert edited.stats["newscrawl/changed"] == 1 and edited.stats["newscrawl/unchanged"] == 3
    assert "newscrawl/reextracted" not in edited.stats
    assert _extractors(state) == {extractor}


def test_a_state_file_from_before_extractors_were_kept_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    db = sqlite3.connect(path)
    for version in (1, 2):
        db.executescript(MIGRATIONS[version])
    db.execute(
        "INSERT INTO articles VALUES ('k', 'https://a.example/x', 'sha256:1', 2,"
        " NULL, NULL, '2026-01-01T00:00:00+00:00', '2026-01-02T00:00:00+00:00')"
    )
    db.execute("PRAGMA user_version=2")
    db.commit()
    db.close()
    state = SQLiteState(path)
    assert state.version == SCHEMA_VERSION == 3
    seen = state.get("k")
    assert seen is not None and seen.revision == 2 and seen.extractor is None
    state.put(replace(seen, extractor="newscrawl/9"))
    assert state.get("k").extractor == "newscrawl/9"
    state.close()


def test_content_duplicates_exact_and_near(tmp_path: Path) -> None:
    state = SQLiteState(tmp_path / "s.db")
    goldens = sorted((GOLDEN / "azertag.az" / "en" / "xeber").glob("*.json"))
    body, other = (json.loads(p.read_text("utf-8"))["articleBody"] for p in goldens[1:3])
    state.add_content("sha256:aa", simhash(body), "agency-a/story", "https://a.example/story")
    assert (
        state.find_content("sha256:aa", simhash(body), "agency-b/copy") == "https://a.example/story"
    )
    # a syndicated copy: another agency's dateline instead of the original one
    copy = "WASHINGTON, Nov 27 (Wire) – " + body.split("\n", 1)[1]
    assert (
        state.find_content("sha256:bb", simhash(copy), "agency-b/copy") == "https://a.example/story"
    )
    assert state.find_content("sha256:cc", simhash(other), "agency-b/other") is None
    assert state.find_content("sha256:aa", simhash(body), "agency-a/story") is None  # itself
    state.close()


def test_fingerprint_store_is_bounded(tmp_path: Path) -> None:
    state = SQLiteState(tmp_path / "s.db", max_contents=100)
    for i in range(250):
        state.add_content(f"sha256:{i}", random.getrandbits(64), f"k{i}", f"https://x.example/{i}")
    state.close()
    rows = sqlite3.connect(tmp_path / "s.db").execute("SELECT COUNT(*) FROM contents").fetchone()[0]
    assert rows == 100


def test_schema_version_is_kept_and_newer_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    SQLiteState(path).close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    again = SQLiteState(path)  # reopening an up-to-date file migrates nothing
    assert again.version == SCHEMA_VERSION
    again.close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version=99")
    db.commit()
    db.close()
    with pytest.raises(RuntimeError, match="newer newscrawl"):
        SQLiteState(path)


def _crawl_command(workdir: Path) -> list[str]:
    return [
        sys.executable, "-m", "scrapy", "crawl", "azertac", "-a", "lang=all",
        "-s", f"NEWSCRAWL_REPLAY={FIXTURES}",
        "-s", f"NEWSCRAWL_STATE={workdir / 'state.db'}",
        "-s", "NEWSCRAWL_OUTPUT=articles.jsonl",
        "-s", "NEWSCRAWL_REJECTS=rejects.jsonl",
        "-s", "DOWNLOAD_DELAY=0.04",  # slow enough to be killed mid-crawl
        "-s", "LOG_LEVEL=WARNING",
    ]  # fmt: skip


def _complete_lines(path: Path) -> int:
    """Lines written so far (read while the crawl may still be writing)."""
    return path.read_bytes().count(b"\n") if path.exists() else 0


def test_kill_9_at_random_moments_then_rerun_gives_the_clean_set(tmp_path: Path) -> None:
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings", "PYTHONPATH": str(ROOT)}
    clean = tmp_path / "clean"
    clean.mkdir()
    subprocess.run(_crawl_command(clean), cwd=clean, env=env, check=True, capture_output=True)
    expected = {r["url"] for r in read_jsonl(clean / "articles.jsonl")}
    assert len(expected) >= 15

    killed = tmp_path / "killed"
    killed.mkdir()
    rng = random.Random(20261127)
    counts = []
    for _ in range(4):
        before = _complete_lines(killed / "articles.jsonl")
        proc = subprocess.Popen(
            _crawl_command(killed), cwd=killed, env=env, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 60  # however slow the machine: wait for the first new record
        while time.monotonic() < deadline and proc.poll() is None:
            if _complete_lines(killed / "articles.jsonl") > before:
                break
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 0.4))  # then kill at a random moment
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        counts.append(len(read_jsonl(killed / "articles.jsonl")))
    assert any(0 < n < len(expected) for n in counts), f"no kill landed mid-crawl: {counts}"
    subprocess.run(_crawl_command(killed), cwd=killed, env=env, check=True, capture_output=True)

    lines = (killed / "articles.jsonl").read_text("utf-8").splitlines()
    records = [json.loads(line) for line in lines]  # every line parses
    urls = [r["url"] for r in records]
    assert len(urls) == len(set(urls)), "an article was emitted twice across the runs"
    assert set(urls) == expected
