"""Extraction functions for tests of the extraction pool, named by dotted path.

Workers import them by name (``NEWSCRAWL_EXTRACT_FUNCTION``), so they live in
an importable module. A page is marked when its URL holds ``MARK`` (unit
tests pass such URLs) or the fragment named by ``NEWSCRAWL_TEST_MARKER`` in the
environment (a crawl is a fresh process, and its forkserver and workers
inherit the environment; in one pytest process the forkserver keeps the
environment of when it started, hence the fixed mark).
"""

from __future__ import annotations

import os
import time

from newscrawl.extraction import extract_article

MARKER_ENV = "NEWSCRAWL_TEST_MARKER"
DELAY_ENV = "NEWSCRAWL_TEST_DELAY"
MARK = "newscrawl-test-marker"


def _marked(html: bytes | str, url: str | None) -> bool:
    marker = os.environ.get(MARKER_ENV, "")
    url = url or ""
    return MARK in url or (bool(marker) and marker in url)


def crash_on_marker(html: bytes | str, url: str | None = None, *, encoding: str | None = None):
    """Kill the worker process outright (as a segfault would) on a marked URL."""
    if _marked(html, url):
        os._exit(1)
    return extract_article(html, url, encoding=encoding)


def raise_on_marker(html: bytes | str, url: str | None = None, *, encoding: str | None = None):
    """Raise, as a bug in a cleaning rule would, on a marked URL."""
    if _marked(html, url):
        raise ValueError("a cleaning rule tripped")
    return extract_article(html, url, encoding=encoding)


def slow_extract(html: bytes | str, url: str | None = None, *, encoding: str | None = None):
    """Extraction much slower than the (replayed, instant) downloads."""
    time.sleep(float(os.environ.get(DELAY_ENV, "0.05")))
    return extract_article(html, url, encoding=encoding)


def hang_on_marker(html: bytes | str, url: str | None = None, *, encoding: str | None = None):
    """Never return on a marked URL, as a parser stuck in a loop would."""
    if _marked(html, url):
        while True:
            time.sleep(60)
    return extract_article(html, url, encoding=encoding)


def tag_worker(html: bytes | str, url: str | None = None, *, encoding: str | None = None):
    """The record, with the worker's PID and when it held the page (to see recycling).

    Slow enough (0.1 s) that a new worker forked while old ones still hold pages
    would be seen running beside them.
    """
    started = time.monotonic()
    time.sleep(0.1)
    record = extract_article(html, url, encoding=encoding)
    if record is not None:
        record["_worker"] = (os.getpid(), started, time.monotonic())
    return record
