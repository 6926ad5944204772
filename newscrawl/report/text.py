"""``newscrawl stats`` as plain-text tables for a terminal (fixed width, ASCII bars)."""

from __future__ import annotations

from collections import Counter

from newscrawl.report.stats import Summary

BAR_WIDTH = 40


def render(summary: Summary) -> str:
    """The whole text report."""
    parts = [
        _overview(summary),
        _counts("articles per agency", summary.agencies),
        _counts("articles per language", summary.languages),
        _counts("articles per day (datePublished, latest 14)", _latest_days(summary, 14)),
        _lengths(summary),
        _coverage(summary),
        _duplicates(summary),
        _counts(f"rejects by reason ({_reject_origin(summary)})", summary.rejects),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def _overview(summary: Summary) -> str:
    """Files read, records, unreadable lines, schema versions."""
    versions = ", ".join(f"{v} ({n})" for v, n in sorted(summary.versions.items())) or "-"
    return "\n".join(
        [
            f"files:            {', '.join(summary.sources)}",
            f"articles:         {summary.records}",
            f"unreadable lines: {summary.bad_lines}",
            f"schemaVersion:    {versions}",
        ]
    )


def _counts(title: str, counts: Counter | dict[str, int]) -> str:
    """A titled two-column table with a proportional bar."""
    if not counts:
        return f"{title}: none"
    items = counts.most_common() if isinstance(counts, Counter) else list(counts.items())
    width = max(len(str(k)) for k, _ in items)
    top = max(v for _, v in items) or 1
    rows = [f"  {k!s:<{width}}  {v:>7}  {_bar(v, top)}".rstrip() for k, v in items]
    return f"{title}:\n" + "\n".join(rows)


def _bar(value: float, top: float) -> str:
    """ASCII bar, at least one mark for a non-zero value."""
    marks = round(BAR_WIDTH * value / top) if top else 0
    return "#" * (marks or (1 if value else 0))


def _latest_days(summary: Summary, n: int) -> dict[str, int]:
    """Articles on the ``n`` most recent days that have any, newest first."""
    days = sorted((d for d in summary.days if d != "unknown"), reverse=True)[:n]
    return {d: sum(summary.days[d].values()) for d in days}


def _lengths(summary: Summary) -> str:
    """Quartiles and a histogram of body lengths."""
    quart = summary.length_summary()
    if not quart:
        return ""
    head = "  ".join(f"{k} {v}" for k, v in quart.items())
    hist = _counts("  histogram", dict(summary.histogram())).replace("\n  ", "\n    ")
    return f"body length (characters): {head}\n{hist}"


def _coverage(summary: Summary) -> str:
    """Missing-field rates, the most often missing first."""
    if not summary.records:
        return ""
    rows = sorted(summary.coverage().items(), key=lambda kv: kv[1])
    width = max(len(k) for k, _ in rows)
    lines = [f"  {k:<{width}}  {100 * (1 - v):5.1f}% missing" for k, v in rows]
    return "fields (share of records where the value is null or absent):\n" + "\n".join(lines)


def _duplicates(summary: Summary) -> str:
    """Copies marked by the crawl state and plain repeats in the file."""
    return "\n".join(
        [
            "duplicates:",
            f"  duplicateOf set (copies of an earlier article): {summary.duplicate_of}",
            f"  repeated URL lines:                              {summary.repeated_urls}",
            f"  repeated contentHash lines:                      {summary.repeated_hashes}",
            f"  revised articles (revision > 1):                 {summary.revised}",
        ]
    )


def _reject_origin(summary: Summary) -> str:
    """Where the reject counts came from."""
    return {
        "file": "from the rejects file",
        "records": "reject lines found among the records",
    }.get(summary.reject_source or "", "no rejects file given")
