"""The interface every crawl-state store offers (SQLite, Redis)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Seen:
    """What the state remembers of one article (by canonical URL)."""

    key: str
    url: str
    content_hash: str
    revision: int
    date_published: str | None
    date_modified: str | None
    first_seen: str
    last_seen: str
    # ``metadata.extractor`` of the record: tells a publisher's edit from our own
    # upgraded extraction. None for entries written before it was kept.
    extractor: str | None = None


class CrawlState(Protocol):
    """Remembers emitted articles and content fingerprints across crawls."""

    def get(self, key: str) -> Seen | None:
        """The remembered article for a canonical URL, if any."""

    def put(self, seen: Seen) -> None:
        """Remember (or update) an emitted article."""

    def find_content(self, content_hash: str, fingerprint: int, key: str) -> str | None:
        """URL of an earlier article with the same or nearly the same text (not ``key``)."""

    def add_content(self, content_hash: str, fingerprint: int, key: str, url: str) -> None:
        """Remember an article's text fingerprints."""

    def claim(self, key: str, content_hash: str) -> bool:
        """Take the right to decide about ``key`` now; False if another worker has it."""

    def close(self) -> None:
        """Flush and release the store."""
