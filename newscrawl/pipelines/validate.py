"""Validation: an article needs a URL, a headline, a body and a date, and must fit the schema."""

from __future__ import annotations

from scrapy.crawler import Crawler

from newscrawl.items import Reject
from newscrawl.schema import schema_errors

_REQUIRED = (
    ("url", "missing_url"),
    ("headline", "missing_headline"),
    ("articleBody", "empty_body"),
    ("datePublished", "missing_date"),
)


def rejection(record: dict) -> tuple[str, str | None] | None:
    """Why ``record`` cannot be stored (a reason code and detail), or None."""
    for field, reason in _REQUIRED:
        value = record.get(field)
        if not (isinstance(value, str) and value.strip()):
            return reason, None
    errors = schema_errors(record)
    if errors:
        return "schema", "; ".join(errors[:3])
    return None


class ValidationPipeline:
    """Turn an article that fails validation into a ``Reject`` with the reason."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidationPipeline:
        return cls(crawler)

    def process_item(self, item: dict | Reject, spider: object = None) -> dict | Reject:
        if isinstance(item, Reject):
            return item
        problem = rejection(item)
        if problem is None:
            return item
        reason, detail = problem
        self.stats.inc_value(f"newscrawl/invalid/{reason}")
        return Reject(
            url=item.get("url") or "",
            reason=reason,
            detail=detail,
            excerpt=item.get("articleBody") or item.get("headline"),
        )
