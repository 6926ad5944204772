"""Shared helpers: fixture paths, goldens and running real crawls offline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
GOLDEN = ROOT / "tests" / "golden"
SHARED = ROOT.parent / "shared"


CRAWL_ONLY = frozenset({"metadata", "revision", "duplicateOf"})
"""Record fields a crawl adds that a page's golden cannot know."""


def page_fields(record: dict) -> dict:
    """A crawled record without its crawl-only fields, to compare with a golden."""
    return {k: v for k, v in record.items() if k not in CRAWL_ONLY}


def golden_files() -> list[Path]:
    """Every expected-record file, sorted."""
    return sorted(GOLDEN.rglob("*.json"))


def fixture_of(golden: Path) -> Path:
    """The fixture page a golden describes."""
    return FIXTURES / golden.relative_to(GOLDEN).with_suffix("")


@dataclass
class CrawlResult:
    """What a finished crawl left behind."""

    returncode: int
    records: list[dict]
    rejects: list[dict]
    stats: dict
    log: str
    seconds: float = 0.0  # wall-clock time of the crawl process
    maxrss_mb: float = 0.0  # its peak resident memory (and its reaped children's)


def read_jsonl(path: Path) -> list[dict]:
    """Every line of a JSON Lines file (asserting each one parses)."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def run_crawl(
    workdir: Path,
    *args: str,
    spider: str = "azertac",
    output: str | None = "articles.jsonl",
    timeout: int = 120,
) -> CrawlResult:
    """Run ``scrapy crawl`` in a subprocess (a fresh reactor each time) in replay mode."""
    workdir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings"}
    env.pop("NEWSCRAWL_REPLAY", None)
    stats_file = workdir / "stats.json"
    cmd = [
        sys.executable, "-m", "scrapy", "crawl", spider,
        "-s", f"NEWSCRAWL_REPLAY={FIXTURES}",
        "-s", f"NEWSCRAWL_STATE={workdir / 'state.sqlite3'}",
        "-s", "NEWSCRAWL_REJECTS=rejects.jsonl",
        "-s", "STATS_CLASS=tests.support.JsonDumpStatsCollector",
        "-s", f"NEWSCRAWL_STATS_DUMP={stats_file}",
        *(["-s", f"NEWSCRAWL_OUTPUT={output}"] if output else []),
        *args,
    ]  # fmt: skip
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    # an empty download cache for tldextract, as on a fresh machine: a replay that tried
    # to fetch the public suffix list would log the failure (and the test sees it)
    env["TLDEXTRACT_CACHE"] = str(workdir / "tldextract-cache")
    returncode, log, seconds, maxrss_mb = _run_measured(cmd, workdir, env, timeout)
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    return CrawlResult(
        returncode,
        read_jsonl(workdir / "articles.jsonl"),
        read_jsonl(workdir / "rejects.jsonl"),
        stats,
        log,
        seconds,
        maxrss_mb,
    )


def _run_measured(
    cmd: list[str], workdir: Path, env: dict, timeout: int
) -> tuple[int, str, float, float]:
    """Run ``cmd``; its exit code, stderr, wall time and peak memory (``wait4``'s rusage)."""
    with tempfile.TemporaryFile() as log:
        start = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=log)
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        text = log.read().decode("utf-8", errors="replace")
    if proc.returncode == -9 and seconds >= timeout:
        raise subprocess.TimeoutExpired(cmd, timeout, stderr=text)
    return proc.returncode, text, seconds, usage.ru_maxrss / 1024


@pytest.fixture
def crawl(tmp_path: Path):
    """``crawl(*args)`` runs a replay crawl in a fresh folder."""

    def _run(*args: str, spider: str = "azertac") -> CrawlResult:
        return run_crawl(tmp_path, *args, spider=spider)

    return _run
