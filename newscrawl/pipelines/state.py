"""Emit only what is new or changed, and mark copies of other articles.

``StatePipeline`` (before storage) looks each article up in the crawl state
by canonical URL: unchanged text is dropped (counted as
``newscrawl/unchanged``), changed text goes out with ``revision`` + 1 and a
``dateModified`` (``newscrawl/changed``), unless the change is our own: an
upgraded extractor re-reading a page that declares no new modification
(``newscrawl/reextracted``: ``revision`` + 1, no invented ``dateModified``).
A text already seen under another URL (exact hash or a SimHash within 3 bits)
gets ``duplicateOf`` = that URL. Before the record is written it is entered
in the state's journal.

``StateCommitPipeline`` (after storage) then remembers the record and clears
the journal entry. A crash between the two is repaired on the next start:
journal entries whose record is in the output file are committed, the others
dropped (and re-emitted when the article is met again). ``-a full=1`` (or
``NEWSCRAWL_FULL``) emits everything for one run, still updating the state.
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from newscrawl.items import Reject
from newscrawl.pipelines.dedup import dedup_key
from newscrawl.pipelines.jsonl import tail_text
from newscrawl.pipelines.storage import current_output
from newscrawl.state.base import Seen
from newscrawl.state.component import state_for
from newscrawl.state.fingerprints import simhash

logger = logging.getLogger(__name__)
_TAIL_BYTES = 8 * 1024 * 1024  # how much of an output file's end a repair reads


class StatePipeline:
    """Decide revision and duplicates from the crawl state; drop unchanged articles."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.state = state_for(crawler)
        if self.state is None:
            # asked for (``-s NEWSCRAWL_STATE=``, ``--no-state``): said at INFO, not as
            # Scrapy's "Disabled ..." warning, which NotConfigured with a message gives
            logger.info("No crawl state (NEWSCRAWL_STATE is empty): every article is written")
            raise NotConfigured

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StatePipeline:
        return cls(crawler)

    def open_spider(self, spider: object = None) -> None:
        repaired = repair_journal(self.state)
        if repaired:
            logger.warning("Crawl state: settled %d records left by an interrupted crawl", repaired)

    @property
    def full(self) -> bool:
        spider = self.crawler.spider
        flag = getattr(spider, "full", None) or self.crawler.settings.get("NEWSCRAWL_FULL")
        return str(flag).lower() in ("1", "true", "yes")

    def process_item(self, item: dict | Reject, spider: object = None) -> dict | Reject:
        if isinstance(item, Reject):
            return item
        key = dedup_key(item)
        content_hash = item["metadata"]["contentHash"]
        stats = self.crawler.stats
        if not self.state.claim(key, content_hash):  # distributed: another worker has it
            stats.inc_value("newscrawl/claimed_elsewhere")
            raise DropItem(f"another worker is emitting {key}", log_level="DEBUG")
        known = self.state.get(key)
        extractor = item["metadata"].get("extractor")
        if known and known.content_hash == content_hash and not self.full:
            if known.extractor != extractor:  # so a later edit is not taken for ours
                self.state.put(replace(known, extractor=extractor))
            self.state.settle(key)  # release the claim
            stats.inc_value("newscrawl/unchanged")
            raise DropItem(f"unchanged since the last crawl: {key}", log_level="DEBUG")
        changed = known is not None and known.content_hash != content_hash
        item["revision"] = known.revision + 1 if changed else (known.revision if known else 1)
        if changed and reextracted(known, item):
            # our text changed, not the page's: no new modification time is invented
            item["dateModified"] = item.get("dateModified") or known.date_modified
            stats.inc_value("newscrawl/reextracted")
        elif changed:
            item["dateModified"] = item.get("dateModified") or item["metadata"]["dateDownloaded"]
            stats.inc_value("newscrawl/changed")
        fingerprint = getattr(item, "fingerprint", None)  # computed by the extraction worker
        if fingerprint is None:
            fingerprint = simhash(item["articleBody"])
        _fingerprints(self.crawler)[key] = fingerprint  # for the commit, after storage
        item["duplicateOf"] = self.state.find_content(content_hash, fingerprint, key)
        if item["duplicateOf"]:
            stats.inc_value("newscrawl/content_duplicates")
        self.state.journal(key, item["url"], item["revision"], content_hash, self._output())
        return item

    def _output(self) -> str:
        return current_output(self.crawler) or ""


class StateCommitPipeline:
    """After the record is written: remember it, settle its journal entry."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.state = state_for(crawler)
        if self.state is None:
            raise NotConfigured

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StateCommitPipeline:
        return cls(crawler)

    def process_item(self, item: dict | Reject, spider: object = None) -> dict | Reject:
        if isinstance(item, Reject) or "revision" not in item:
            return item
        key = dedup_key(item)
        fingerprint = _fingerprints(self.crawler).pop(key, None)
        if fingerprint is None:
            fingerprint = simhash(item["articleBody"])
        self.state.commit_emitted(seen_from(item, key), fingerprint)
        return item


def reextracted(known: Seen, item: dict) -> bool:
    """Did an upgraded extractor, not the publisher, change this article's text?

    An upgrade of newscrawl or trafilatura changes the text of many articles
    at once; re-fetched, each would look edited. It is ours when the record
    was made by another extractor than the remembered one and the page
    declares no modification since (its ``dateModified`` is absent or the
    one already known). A publisher's edit that the page does not date,
    met in the same crawl as an upgrade, is counted here too: the two
    cannot be told apart from the text alone.
    """
    if known.extractor == item["metadata"].get("extractor"):
        return False
    declared = item.get("dateModified")
    return declared is None or declared == known.date_modified


def _fingerprints(crawler: Crawler) -> dict[str, int]:
    """SimHashes computed before storage, handed to the commit (computed once, ~2 ms each)."""
    if not hasattr(crawler, "_newscrawl_fingerprints"):
        crawler._newscrawl_fingerprints = {}
    return crawler._newscrawl_fingerprints


def seen_from(record: dict, key: str) -> Seen:
    """The state entry of an emitted record."""
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    return Seen(
        key=key,
        url=record["url"],
        content_hash=record["metadata"]["contentHash"],
        revision=record["revision"],
        date_published=record.get("datePublished"),
        date_modified=record.get("dateModified"),
        first_seen=stamp,
        last_seen=stamp,
        extractor=record["metadata"].get("extractor"),
    )


def repair_journal(state) -> int:  # type: ignore[no-untyped-def]
    """Settle journal entries left by a crash: commit those whose record was written."""
    entries = state.journaled()
    settled = 0
    for key, url, revision, _content_hash, output in entries:
        record = _find_written(Path(output), url, revision) if output else None
        if record is not None:
            state.commit_emitted(seen_from(record, key), simhash(record["articleBody"]))
            settled += 1
        else:
            state.settle(key)
    return settled


def _find_written(path: Path, url: str, revision: int) -> dict | None:
    """The record for ``url`` at ``revision`` near the end of an output file, if written."""
    if not path.exists():
        return None
    tail = tail_text(path, _TAIL_BYTES)  # plain or gzip output
    needle = json.dumps(url, ensure_ascii=False)
    for line in reversed(tail.splitlines()):
        if needle in line:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if record.get("url") == url and record.get("revision") == revision:
                return record
    return None
