"""Keep the crawl process's memory flat on long crawls of heavy pages (glibc only).

glibc serves a large allocation (a 300 KB page body, its pickled copy for a
worker) from ``mmap`` and gives it back to the system when it is freed, but
it also raises its threshold for "large" to the size of every such block
freed, up to 32 MB. After the first few pages, bodies therefore come from
the ordinary heap, between long-lived small objects, and the heap's high-water
mark creeps up with the crawl: +13% peak RSS from 2,000 to 20,000 pages of
~300 KB in our benchmark (``BENCHMARKS.md``, issue 7), +4% in a run with the
threshold held at 128 KiB from the environment (worker processes, which this
does not touch, grow too). ``NEWSCRAWL_MALLOC_MMAP_THRESHOLD`` (bytes; 0 = leave glibc's
sliding threshold) fixes it with ``mallopt(M_MMAP_THRESHOLD, ...)`` when the
crawler starts, which is what the ``MALLOC_MMAP_THRESHOLD_`` environment
variable would do, without asking users to set it. Elsewhere (musl, macOS,
Windows) the extension does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3  # glibc's <malloc.h>


def set_mmap_threshold(size: int) -> bool:
    """Fix glibc's mmap threshold at ``size`` bytes; False when there is no glibc."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError):  # no libc to load, or a libc without mallopt
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return mallopt(M_MMAP_THRESHOLD, size) == 1


class FixedMmapThreshold:
    """Sets the threshold as the crawler is built (stat ``newscrawl/malloc_mmap_threshold``)."""

    def __init__(self, size: int) -> None:
        self.size = size

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FixedMmapThreshold:
        size = crawler.settings.getint("NEWSCRAWL_MALLOC_MMAP_THRESHOLD")
        if size <= 0:
            raise NotConfigured
        if not set_mmap_threshold(size):
            logger.debug("No glibc mallopt here: the allocator's own threshold stays")
            raise NotConfigured
        if crawler.stats is not None:
            crawler.stats.set_value("newscrawl/malloc_mmap_threshold", size)
        return cls(size)
