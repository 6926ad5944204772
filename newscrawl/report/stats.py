"""Numbers about a crawl's output: what ``newscrawl stats`` prints and the HTML report draws.

Everything is computed in one pass over the records, so a year of hourly
output (millions of lines) is summarised without holding the records: only
counters, body lengths and the set of seen URLs and hashes are kept.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any
from urllib.parse import urlsplit

from newscrawl.schema import article_schema

LENGTH_BINS = (0, 250, 500, 1000, 2000, 4000, 8000, 16000)
"""Lower bounds of the body-length histogram bins, in characters (the last is open)."""


CRAWL_STATE_FIELDS = frozenset({"schemaVersion", "revision", "duplicateOf"})
"""Fields whose null is the normal case (or always set): reported apart, not as coverage."""


def record_fields() -> tuple[str, ...]:
    """The record's top-level fields from the schema, in schema order (coverage rows)."""
    return tuple(k for k in article_schema()["properties"] if k not in CRAWL_STATE_FIELDS)


def agency_of(record: dict) -> str:
    """Who a record belongs to: the spider that crawled it, else its publisher or host."""
    spider = (record.get("metadata") or {}).get("spider")
    if spider:
        return str(spider)
    publisher = record.get("publisher") or {}
    if publisher.get("name"):
        return str(publisher["name"])
    return urlsplit(str(record.get("url") or "")).hostname or "unknown"


def day_of(record: dict) -> str | None:
    """The publication day as the page shows it (the date part, in the article's own offset)."""
    published = record.get("datePublished")
    return published[:10] if isinstance(published, str) and len(published) >= 10 else None


def is_reject(record: dict) -> bool:
    """A rejects-file line (``url`` + ``reason``, no article text) met among articles."""
    return "reason" in record and "articleBody" not in record


@dataclass
class Summary:
    """The counts ``newscrawl stats`` reports; ``to_json`` is its machine-readable form."""

    sources: list[str] = field(default_factory=list)
    records: int = 0
    bad_lines: int = 0
    agencies: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    days: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    lengths: list[int] = field(default_factory=list)
    present: Counter = field(default_factory=Counter)
    duplicate_of: int = 0
    repeated_urls: int = 0
    repeated_hashes: int = 0
    revised: int = 0
    versions: Counter = field(default_factory=Counter)
    rejects: Counter = field(default_factory=Counter)
    reject_source: str | None = None
    _urls: set = field(default_factory=set, repr=False)
    _hashes: set = field(default_factory=set, repr=False)

    def add(self, record: dict) -> None:
        """Count one article record."""
        self.records += 1
        self.agencies[agency_of(record)] += 1
        self.languages[record.get("inLanguage") or "unknown"] += 1
        self.days[day_of(record) or "unknown"][agency_of(record)] += 1
        self.lengths.append(len(record.get("articleBody") or ""))
        self.present.update(k for k in record_fields() if record.get(k) not in (None, "", []))
        self.versions[str(record.get("schemaVersion") or "none")] += 1
        self.duplicate_of += bool(record.get("duplicateOf"))
        self.revised += (record.get("revision") or 1) > 1
        self._count_repeats(record)

    def _count_repeats(self, record: dict) -> None:
        """Lines whose URL or content hash an earlier line already had."""
        url = record.get("url")
        if url in self._urls:
            self.repeated_urls += 1
        self._urls.add(url)
        digest = (record.get("metadata") or {}).get("contentHash")
        if digest and digest in self._hashes:
            self.repeated_hashes += 1
        if digest:
            self._hashes.add(digest)

    def add_reject(self, record: dict) -> None:
        """Count one line of a rejects file."""
        self.rejects[str(record.get("reason") or "unknown")] += 1

    def coverage(self) -> dict[str, float]:
        """Share of records (0..1) with a non-null value, per top-level field."""
        n = self.records or 1
        return {k: self.present[k] / n for k in record_fields()}

    def length_summary(self) -> dict[str, int]:
        """Body length in characters: min, quartiles, max (empty with no records)."""
        if not self.lengths:
            return {}
        ordered = sorted(self.lengths)
        if len(ordered) > 1:
            q1, median, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
        else:
            q1 = median = q3 = ordered[0]
        quartiles = {"q1": round(q1), "median": round(median), "q3": round(q3)}
        return {"min": ordered[0], **quartiles, "max": ordered[-1]}

    def histogram(self) -> list[tuple[str, int]]:
        """Body lengths counted in ``LENGTH_BINS`` (label, count)."""
        counts = [0] * len(LENGTH_BINS)
        for length in self.lengths:
            counts[max(i for i, low in enumerate(LENGTH_BINS) if length >= low)] += 1
        labels = [f"{low}-{high - 1}" for low, high in pairwise(LENGTH_BINS)] + [
            f"{LENGTH_BINS[-1]}+"
        ]
        return list(zip(labels, counts, strict=True))

    def to_json(self) -> dict[str, Any]:
        """Every number, for ``--json`` and for scripts."""
        return {
            "sources": self.sources,
            "records": self.records,
            "badLines": self.bad_lines,
            "schemaVersions": dict(self.versions),
            "agencies": dict(self.agencies.most_common()),
            "languages": dict(self.languages.most_common()),
            "days": {d: dict(c) for d, c in sorted(self.days.items())},
            "bodyLength": self.length_summary(),
            "bodyLengthHistogram": dict(self.histogram()),
            "coverage": {k: round(v, 4) for k, v in self.coverage().items()},
            "duplicates": {
                "duplicateOf": self.duplicate_of,
                "repeatedUrls": self.repeated_urls,
                "repeatedContentHashes": self.repeated_hashes,
            },
            "revised": self.revised,
            "rejects": dict(self.rejects.most_common()),
            "rejectSource": self.reject_source,
        }


def summarise(articles: Iterable[Any], rejects: Iterable[Any] | None = None) -> Summary:
    """A ``Summary`` of parsed article lines and, optionally, parsed rejects-file lines.

    Items are ``newscrawl.commands.common.Line``-like (``record``, ``error``).
    Without a rejects file, reject-like lines found among the articles are counted
    as rejects (a concatenation of both files summarises the same way).
    """
    summary = Summary()
    for line in articles:
        if line.error or not isinstance(line.record, dict):
            summary.bad_lines += 1
        elif is_reject(line.record):
            summary.add_reject(line.record)
            summary.reject_source = "records"
        else:
            summary.add(line.record)
    if rejects is not None:
        summary.rejects.clear()
        summary.reject_source = "file"
        for line in rejects:
            if not line.error and isinstance(line.record, dict):
                summary.add_reject(line.record)
    return summary
