"""The output contract: schemaVersion, rotation by day and size, gzip, and downstream readers."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newscrawl import extract_article
from newscrawl.pipelines.jsonl import JsonLinesFile, OutputFiles, repair_gzip_tail, tail_text
from newscrawl.schema import SCHEMA_VERSION, article_schema, schema_errors
from tests.conftest import ROOT, fixture_of, golden_files, run_crawl

GZ_WRITER = """
import sys
from newscrawl.pipelines.jsonl import JsonLinesFile
out = JsonLinesFile(sys.argv[1])
i = 0
while True:
    out.append({"n": i, "articleBody": "Bakı, 23 iyun, AZƏRTAC\\n" + "ə" * (i % 3000)})
    i += 1
"""


def _gz_lines(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="module")
def crawl_output(tmp_path_factory) -> Path:
    """A replay crawl of every AZERTAC edition, as written by the storage pipeline."""
    work = tmp_path_factory.mktemp("downstream")
    result = run_crawl(work, "-a", "lang=all")
    assert result.returncode == 0 and len(result.records) > 10, result.log[-2000:]
    return work / "articles.jsonl"


def test_schema_version_is_in_schema_docs_and_records() -> None:
    schema = article_schema()
    assert "schemaVersion" in schema["required"]
    record_doc = (ROOT / "docs" / "record.md").read_text("utf-8")
    assert f"`{SCHEMA_VERSION}`" in record_doc and "## Compatibility" in record_doc
    minimal = {"schemaVersion": "2.0.0"}
    assert any(e.startswith("schemaVersion:") for e in schema_errors(minimal))
    assert not any(
        e.startswith("schemaVersion:") for e in schema_errors({"schemaVersion": "1.7.2"})
    )


def test_a_record_of_an_older_minor_version_still_validates() -> None:
    """1.1.0 added ``alternativeHeadline``: a 1.0.0 record without it is still valid."""
    golden = next(g for g in golden_files() if "alternativeHeadline" in g.read_text("utf-8"))
    record = extract_article(fixture_of(golden).read_bytes(), json.loads(golden.read_text())["url"])
    assert record is not None and SCHEMA_VERSION != "1.0.0"
    record["metadata"].update(dateDownloaded="2026-11-28T10:00:00+00:00", spider="test")
    assert schema_errors(record) == []
    del record["alternativeHeadline"]
    record["schemaVersion"] = "1.0.0"
    assert schema_errors(record) == []
    assert "alternativeHeadline" not in article_schema()["required"]


def test_size_rotation_with_gzip_in_a_real_crawl(crawl_output: Path, tmp_path: Path) -> None:
    plain = [json.loads(x) for x in crawl_output.read_text("utf-8").splitlines()]
    template = "out/%(name)s-%(day)s-%(part)03d.jsonl.gz"
    result = run_crawl(
        tmp_path / "rot",
        "-a", "lang=all",
        "-s", f"NEWSCRAWL_OUTPUT={template}",
        "-s", "NEWSCRAWL_OUTPUT_MAX_BYTES=6000",
        output=None,
    )  # fmt: skip
    assert result.returncode == 0, result.log[-2000:]
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    parts = sorted((tmp_path / "rot" / "out").iterdir())
    assert [p.name for p in parts] == [
        f"azertac-{today}-{i:03d}.jsonl.gz" for i in range(1, 1 + len(parts))
    ]
    assert len(parts) >= 3
    assert all(p.stat().st_size >= 6000 for p in parts[:-1])
    assert all(p.stat().st_size < 6000 + 8000 for p in parts)  # closed right after passing it
    records = [r for p in parts for r in _gz_lines(p)]
    assert sorted(r["url"] for r in records) == sorted(r["url"] for r in plain)
    assert all(r["schemaVersion"] == SCHEMA_VERSION and not schema_errors(r) for r in records)
    assert result.stats["newscrawl/output_files"] == len(parts)


def test_restart_appends_to_the_last_open_part(tmp_path: Path) -> None:
    template = str(tmp_path / "a-%(part)d.jsonl")
    first = OutputFiles(template, "x", max_bytes=100)
    for n in range(5):
        first.append({"n": n, "pad": "x" * 40})
    first.close()
    assert [p.name for p in first.paths] == ["a-1.jsonl", "a-2.jsonl", "a-3.jsonl"]
    again = OutputFiles(template, "x", max_bytes=100)
    assert again.append({"n": 5}) == tmp_path / "a-3.jsonl"
    again.close()


def test_day_rotation_follows_the_clock(tmp_path: Path) -> None:
    now = [datetime(2026, 11, 27, 23, 59, 59, tzinfo=UTC)]
    files = OutputFiles(str(tmp_path / "%(name)s-%(day)s.jsonl"), "tass", clock=lambda: now[0])
    files.append({"n": 1})
    now[0] = datetime(2026, 11, 28, 0, 0, 1, tzinfo=UTC)
    files.append({"n": 2})
    files.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["tass-2026-11-27.jsonl", "tass-2026-11-28.jsonl"]


def test_size_limit_needs_a_part_number() -> None:
    with pytest.raises(ValueError, match=r"%\(part\)d"):
        OutputFiles("out/%(name)s.jsonl", "x", max_bytes=1000)


def test_killed_gzip_writer_leaves_a_readable_file(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl.gz"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(2):
        before = path.stat().st_size if path.exists() else 0
        proc = subprocess.Popen([sys.executable, "-c", GZ_WRITER, str(path)], env=env)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (
            not path.exists() or path.stat().st_size < before + 50_000
        ):
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    records = _gz_lines(path)  # readable as it is, without any repair
    assert len(records) > 100
    assert all(r["articleBody"].startswith("Bakı, 23 iyun, AZƏRTAC") for r in records)


def test_torn_gzip_member_is_cut_on_open(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    out = JsonLinesFile(path)
    out.append({"n": 1})
    out.append({"n": 2})
    out.close()
    whole = path.stat().st_size
    torn = gzip.compress(b'{"n": 3, "articleBody": "long enough"}\n')[:-9]
    with path.open("ab") as fh:
        fh.write(torn)
    with pytest.raises(EOFError):
        _gz_lines(path)
    assert repair_gzip_tail(path) == len(torn) and path.stat().st_size == whole
    out = JsonLinesFile(path)
    out.append({"n": 4})
    out.close()
    assert [r["n"] for r in _gz_lines(path)] == [1, 2, 4]


def test_pandas_reads_typed_columns(crawl_output: Path) -> None:
    import pandas as pd

    frame = pd.read_json(crawl_output, lines=True)
    assert len(frame) == len(crawl_output.read_text("utf-8").splitlines())
    assert set(frame["schemaVersion"]) == {SCHEMA_VERSION}  # stays a string, not a float
    published = pd.to_datetime(frame["datePublished"], utc=True, format="ISO8601")
    assert str(published.dtype).startswith("datetime64[") and published.notna().all()
    assert published.min().year >= 2000
    authors = frame["authors"].dropna()
    assert len(authors) and all(isinstance(a, list) and "name" in a[0] for a in authors)
    assert all(
        isinstance(m, dict) and m["contentHash"].startswith("sha256:") for m in frame["metadata"]
    )
    by_day = published.dt.date.value_counts()
    assert by_day.sum() == len(frame)


def test_pandas_reads_gzip_parts(crawl_output: Path, tmp_path: Path) -> None:
    import pandas as pd

    packed = tmp_path / "articles.jsonl.gz"
    out = JsonLinesFile(packed)
    for line in crawl_output.read_text("utf-8").splitlines():
        out.append(json.loads(line))
    out.close()
    frame = pd.read_json(packed, lines=True)  # one member per record: still one gzip stream
    assert len(frame) == out.count


def test_duckdb_reads_typed_columns(crawl_output: Path) -> None:
    import duckdb

    con = duckdb.connect()
    types = dict(
        con.execute(
            "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_json_auto(?))",
            [str(crawl_output)],
        ).fetchall()
    )
    assert types["schemaVersion"] == "VARCHAR"
    assert types["datePublished"] == "TIMESTAMP WITH TIME ZONE"
    assert types["authors"] == 'STRUCT("name" VARCHAR)[]'
    assert types["keywords"] == "VARCHAR[]"
    assert types["dateline"].startswith("STRUCT(place VARCHAR, date DATE")
    assert types["metadata"].startswith(
        "STRUCT(dateDownloaded TIMESTAMP WITH TIME ZONE, spider VARCHAR"
    )
    rows = con.execute(
        "SELECT metadata.spider, inLanguage, count(*) FROM read_json_auto(?) GROUP BY ALL",
        [str(crawl_output)],
    ).fetchall()
    assert {spider for spider, _, _ in rows} == {"azertac"}
    assert sum(n for _, _, n in rows) == len(crawl_output.read_text("utf-8").splitlines())


def test_tail_of_a_gzip_output_starts_at_a_whole_record(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    out = JsonLinesFile(path)
    for n in range(300):
        out.append({"n": n, "articleBody": "x" * (n % 97)})
    out.close()
    tail = tail_text(path, 2000)
    numbers = [json.loads(line)["n"] for line in tail.splitlines()]
    assert numbers == list(range(numbers[0], 300)) and 5 < len(numbers) < 300


def test_state_settles_a_journal_entry_written_to_gzip_output(tmp_path: Path) -> None:
    """A crash between writing a record and committing it: the next start finds the record
    in the .gz output and remembers it, so the article is not emitted a second time."""
    from newscrawl.pipelines.state import repair_journal
    from newscrawl.state.sqlite import SQLiteState

    output = tmp_path / "articles.jsonl.gz"
    record = {"url": "https://x.example/a", "revision": 1, "articleBody": "Text of a.",
              "metadata": {"contentHash": "sha256:" + "0" * 64}}  # fmt: skip
    out = JsonLinesFile(output)
    out.append({"url": "https://x.example/other", "revision": 1})
    out.append(record)
    out.close()
    state = SQLiteState(tmp_path / "state.sqlite3")
    state.journal("x.example/a", record["url"], 1, record["metadata"]["contentHash"], str(output))
    assert repair_journal(state) == 1
    assert state.get("x.example/a").revision == 1 and state.journaled() == []
