"""What spiders yield: article records (plain dicts) and ``Reject`` items.

Articles are plain dicts shaped by the JSON Schema, so ``FEEDS`` exporters and
item pipelines handle them as any Scrapy user expects. A page that cannot
become an article is a ``Reject``: it travels the same pipelines so that
nothing a crawl scheduled disappears without a line saying why.
"""

from __future__ import annotations

from dataclasses import dataclass

EXCERPT_CHARS = 200  # a reject says why, it does not keep the page: excerpt and detail are capped
URL_CHARS = 2083  # Scrapy's URLLENGTH_LIMIT: longer URLs are never requested


@dataclass
class Reject:
    """A URL that did not yield an article, and why."""

    url: str
    reason: str
    detail: str | None = None
    excerpt: str | None = None
    status: int | None = None
    kind: str = "article"  # what the URL was: article, listing, feed, sitemap, home, ...

    def __post_init__(self) -> None:
        self.url = self.url[:URL_CHARS]
        if self.excerpt:
            self.excerpt = " ".join(self.excerpt.split())[:EXCERPT_CHARS] or None
        if self.detail:
            self.detail = self.detail[:EXCERPT_CHARS]
