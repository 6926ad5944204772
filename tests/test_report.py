"""``newscrawl stats`` and ``validate`` on a real crawl's output, and the HTML report in Chromium."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.cli import main
from newscrawl.report import html
from newscrawl.report.stats import summarise
from tests.browser_support import find_chromium, png_size_and_colours, visit_page
from tests.conftest import CrawlResult, run_crawl


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> tuple[Path, CrawlResult]:
    """One replay crawl of two agencies into one folder (articles.jsonl, rejects.jsonl)."""
    work = tmp_path_factory.mktemp("crawl")
    run_crawl(work, "-a", "lang=en", spider="azertac")
    result = run_crawl(work, "-a", "lang=all", spider="tass")
    assert result.returncode == 0, result.log[-2000:]
    return work, result


def test_validate_accepts_a_crawl(crawled, capsys) -> None:
    work, _ = crawled
    assert main(["validate", str(work / "articles.jsonl")]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "all valid" in captured.err


def test_validate_names_each_bad_line(crawled, tmp_path: Path, capsys) -> None:
    work, _ = crawled
    lines = (work / "articles.jsonl").read_text("utf-8").splitlines()
    broken = json.loads(lines[1])
    broken["datePublished"] = "27/11/2026"
    del broken["headline"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        "\n".join([lines[0], json.dumps(broken), "{not json", "[1, 2]", *lines[2:]]) + "\n"
    )
    assert main(["validate", str(bad)]) == 1
    captured = capsys.readouterr()
    out = captured.out.splitlines()
    assert f"{bad}:2: <record>: 'headline' is a required property" in out
    assert (
        f"{bad}:2: datePublished: '27/11/2026' is not ISO 8601 with seconds and a UTC offset" in out
    )
    assert any(line.startswith(f"{bad}:3: not JSON") for line in out)
    assert f"{bad}:4: not a JSON object but list" in out
    assert len(out) == 4  # one message per bad line with this record's errors, nothing else
    assert captured.err == f"{len(lines) + 2} lines in 1 file: 3 invalid\n"


def test_validate_reads_stdin_and_gzip(crawled, tmp_path: Path, monkeypatch, capsys) -> None:
    import gzip
    import io
    import sys

    work, _ = crawled
    packed = tmp_path / "a.jsonl.gz"
    packed.write_bytes(gzip.compress((work / "articles.jsonl").read_bytes()))
    assert main(["validate", str(packed)]) == 0
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"url": 1}\n')))
    assert main(["validate", "-"]) == 1
    assert capsys.readouterr().out.startswith("<stdin>:1: ")


def test_stats_counts_the_crawl(crawled, capsys) -> None:
    work, result = crawled
    args = ["stats", str(work / "articles.jsonl"), "--rejects", str(work / "rejects.jsonl")]
    assert main([*args, "--json"]) == 0
    numbers = json.loads(capsys.readouterr().out)
    records = result.records
    assert numbers["records"] == len(records) > 0
    assert numbers["agencies"] == {"azertac": 6, "tass": 6} or set(numbers["agencies"]) == {
        "azertac",
        "tass",
    }
    assert sum(numbers["agencies"].values()) == len(records)
    assert sum(sum(day.values()) for day in numbers["days"].values()) == len(records)
    assert numbers["languages"]["en"] == sum(r["inLanguage"] == "en" for r in records)
    lengths = sorted(len(r["articleBody"]) for r in records)
    assert (
        numbers["bodyLength"]["min"] == lengths[0] and numbers["bodyLength"]["max"] == lengths[-1]
    )
    authors = sum(bool(r["authors"]) for r in records) / len(records)
    assert numbers["coverage"]["authors"] == round(authors, 4)
    rejects = [json.loads(x) for x in (work / "rejects.jsonl").read_text().splitlines()]
    assert sum(numbers["rejects"].values()) == len(rejects) > 0
    assert numbers["rejectSource"] == "file"


def test_stats_text_report(crawled, capsys) -> None:
    work, _ = crawled
    assert main(["stats", str(work / "articles.jsonl")]) == 0
    out = capsys.readouterr().out
    for heading in ("articles per agency:", "articles per language:", "body length", "duplicates:"):
        assert heading in out
    assert "no rejects file given" in out


def test_stats_sees_duplicates_and_reject_lines(crawled, tmp_path: Path, capsys) -> None:
    work, _ = crawled
    lines = (work / "articles.jsonl").read_text("utf-8").splitlines()
    copy = json.loads(lines[0]) | {"duplicateOf": "https://example.org/first"}
    reject = {"url": "https://example.org/x", "reason": "soft_404"}
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text("\n".join([*lines, lines[0], json.dumps(copy), json.dumps(reject)]) + "\n")
    assert main(["stats", str(mixed), "--json"]) == 0
    numbers = json.loads(capsys.readouterr().out)
    assert numbers["duplicates"] == {
        "duplicateOf": 1,
        "repeatedUrls": 2,
        "repeatedContentHashes": 2,
    }
    assert numbers["rejects"] == {"soft_404": 1} and numbers["rejectSource"] == "records"


def test_stats_on_a_missing_file_is_one_line(capsys) -> None:
    assert main(["stats", "/nonexistent/articles.jsonl"]) == 3
    err = capsys.readouterr().err
    assert err == "newscrawl: /nonexistent/articles.jsonl: no such file\n"


def test_html_report_is_self_contained(crawled, tmp_path: Path) -> None:
    work, _ = crawled
    report = tmp_path / "report.html"
    assert main(["stats", str(work / "articles.jsonl"), "--html", str(report)]) == 0
    page = report.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count('<svg class="chart"') == 3  # days, coverage, lengths (no rejects file)
    for external in ("src=", "href=", "@import", "url(", "http://", "https://"):
        assert external not in page.replace('xmlns="http://www.w3.org/2000/svg"', ""), external


@pytest.fixture(scope="module")
def chromium() -> str:
    return find_chromium()


def test_report_draws_in_chromium(crawled, chromium: str, tmp_path: Path) -> None:
    """The charts lay out with a size and marks, the script runs without errors, no request
    leaves the file, and the screenshot is not blank."""
    work, _ = crawled
    report = tmp_path / "report.html"
    summary = summarise(_lines(work / "articles.jsonl"), rejects=_lines(work / "rejects.jsonl"))
    report.write_text(html.render(summary), encoding="utf-8")
    probe = """JSON.stringify({
        rendered: document.documentElement.dataset.rendered,
        marks: Array.from(document.querySelectorAll('svg.chart')).map(
            s => s.querySelectorAll('.mark').length),
        widths: Array.from(document.querySelectorAll('svg.chart')).map(
            s => Math.round(s.getBoundingClientRect().width)),
        bars: document.querySelectorAll('svg.chart rect.mark[data-series]').length})"""
    visit = visit_page(report, probe, chromium)
    assert visit.errors == []
    assert all(url.startswith("file://") for url in visit.requests), visit.requests
    drawn = json.loads(visit.value)
    assert drawn["rendered"] == "4/4"
    assert all(n > 0 for n in drawn["marks"]) and all(w > 200 for w in drawn["widths"])
    assert drawn["bars"] >= len(summary.days) - 1
    width, height, colours = png_size_and_colours(visit.png)
    assert width == 1200 and height > 900 and colours > 20


def test_browser_check_sees_a_broken_page(chromium: str, tmp_path: Path) -> None:
    """The same check fails on a page whose script throws and that draws nothing."""
    page = tmp_path / "broken.html"
    page.write_text(
        "<!DOCTYPE html><html><body><svg class=chart></svg>"
        "<script>console.error('boom'); undefinedChart.draw();</script></body></html>"
    )
    visit = visit_page(page, "document.documentElement.dataset.rendered || null", chromium)
    assert visit.value is None
    assert any("boom" in e for e in visit.errors)
    assert any("undefinedChart" in e for e in visit.errors)


def _lines(path: Path):
    from newscrawl.commands.common import read_lines

    return read_lines(str(path))
