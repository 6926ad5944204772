"""The glibc mmap-threshold extension: on by default, off with 0, harmless without glibc."""

from __future__ import annotations

import platform

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from newscrawl import settings as project_settings
from newscrawl.extensions import malloc

GLIBC = platform.libc_ver()[0] == "glibc"


def _crawler(**settings: object):  # type: ignore[no-untyped-def]
    base = {k: v for k, v in vars(project_settings).items() if k.isupper()}
    return get_crawler(settings_dict={**base, **settings})


@pytest.mark.skipif(not GLIBC, reason="mallopt is glibc's")
def test_the_project_holds_glibc_threshold_at_128_kib() -> None:
    crawler = _crawler()
    assert "newscrawl.extensions.malloc.FixedMmapThreshold" in crawler.settings["EXTENSIONS"]
    malloc.FixedMmapThreshold.from_crawler(crawler)
    assert crawler.stats.get_value("newscrawl/malloc_mmap_threshold") == 128 * 1024


def test_zero_leaves_the_allocator_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    called: list[int] = []
    monkeypatch.setattr(malloc, "set_mmap_threshold", lambda size: called.append(size) or True)
    with pytest.raises(NotConfigured):
        malloc.FixedMmapThreshold.from_crawler(_crawler(NEWSCRAWL_MALLOC_MMAP_THRESHOLD=0))
    assert called == []


def test_without_glibc_the_extension_steps_aside(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(malloc.ctypes.util, "find_library", lambda name: None)
    assert malloc.set_mmap_threshold(128 * 1024) is False
    with pytest.raises(NotConfigured):
        malloc.FixedMmapThreshold.from_crawler(_crawler())
