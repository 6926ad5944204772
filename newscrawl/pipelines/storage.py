"""Storage: articles appended to a JSON Lines file, one complete record per line.

``NEWSCRAWL_OUTPUT`` (a ``FEEDS``-style template, default ``%(name)s.jsonl``)
names the file. When the user configures ``FEEDS`` (``-o``/``-O``) and does not
set ``NEWSCRAWL_OUTPUT`` explicitly, Scrapy's feed exports do the writing and
this pipeline stays out of the way.

Rotation (``newscrawl.pipelines.jsonl.OutputFiles``): ``%(day)s`` in the
template starts a file per UTC day; ``NEWSCRAWL_OUTPUT_MAX_BYTES`` with
``%(part)d`` (or ``%(batch_id)d``) starts a new part when a file reaches that
size. A name ending in ``.gz`` is written gzip-compressed, record by record.
"""

from __future__ import annotations

import logging
from pathlib import Path

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import SETTINGS_PRIORITIES

from newscrawl.items import Reject
from newscrawl.pipelines.jsonl import OutputFiles

logger = logging.getLogger(__name__)


class JsonLinesStoragePipeline:
    """Append every article that reached the end of the pipeline chain."""

    def __init__(self, crawler: Crawler, template: str) -> None:
        self.crawler = crawler
        self.template = template
        self.fsync = crawler.settings.getbool("NEWSCRAWL_FSYNC")
        self.max_bytes = crawler.settings.getint("NEWSCRAWL_OUTPUT_MAX_BYTES")
        self.files: OutputFiles | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> JsonLinesStoragePipeline:
        settings = crawler.settings
        template = settings.get("NEWSCRAWL_OUTPUT") or ""
        explicit = (settings.getpriority("NEWSCRAWL_OUTPUT") or 0) > SETTINGS_PRIORITIES["project"]
        if not template:
            raise NotConfigured
        if settings.getdict("FEEDS") and not explicit:
            logger.info("FEEDS (-o/-O) writes the articles; NEWSCRAWL_OUTPUT is not used")
            raise NotConfigured
        return cls(crawler, template)

    def open_spider(self, spider: object = None) -> None:
        name = self.crawler.spider.name if self.crawler.spider else "crawl"
        self.files = OutputFiles(self.template, name, max_bytes=self.max_bytes, fsync=self.fsync)
        self.files.file_for_next()  # open now: a crawl that finds nothing still leaves its file
        self.crawler.newscrawl_outputs = self.files

    def close_spider(self, spider: object = None) -> None:
        if self.files:
            self.files.close()
            self.crawler.stats.set_value("newscrawl/output_files", len(self.files.paths))

    def process_item(self, item: dict | Reject, spider: object = None) -> dict | Reject:
        if isinstance(item, Reject) or self.files is None:
            return item
        self.files.append(item)
        self.crawler.stats.inc_value("newscrawl/stored")
        return item


def current_output(crawler: Crawler) -> str | None:
    """The local file this crawl's articles are written to, if one is known.

    Our own JSON Lines file when the storage pipeline writes (the one the next
    record goes to, after any rotation); else the first local ``FEEDS`` target.
    """
    files = getattr(crawler, "newscrawl_outputs", None)
    if files is not None:
        return files.file_for_next().resolved  # resolved once per file, not per record
    for uri in crawler.settings.getdict("FEEDS"):
        uri = str(uri)
        if uri.startswith("file://"):
            return uri.removeprefix("file://")
        if "://" not in uri and "%(" not in uri:
            return str(Path(uri).resolve())
    return None
