"""Extraction speed: ``extract_article`` against raw trafilatura, same pages, same run.

Usage::

    python benchmarks/speed.py [--rounds 3] [--limit N]

Reads the labelled pages of ``../shared/datasets/{aeb,fundus}`` (or, when
they are absent, every HTML fixture of this repository). Each page is
timed with the three extractors back to back, in rotating order, so that
the noise of a shared machine hits them alike; the table gives the median
ms/page of each and the ratio to ``trafilatura.extract(with_metadata=True)``,
the issue's reference. A benchmark, not a test: it prints, asserts nothing.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import trafilatura

from newscrawl import extract_article
from newscrawl.evaluation.datasets import load_dataset

REPO = Path(__file__).resolve().parents[1]
DATASETS = REPO.parent / "shared" / "datasets"

EXTRACTORS: dict[str, Callable[[bytes, str | None], object]] = {
    "newscrawl extract_article": lambda html, url: extract_article(html, url),
    "trafilatura extract(with_metadata=True)": lambda html, url: trafilatura.extract(
        html, url=url, with_metadata=True
    ),
    "trafilatura extract": lambda html, url: trafilatura.extract(html, url=url),
}
REFERENCE = "trafilatura extract(with_metadata=True)"


def pages(limit: int | None) -> list[tuple[bytes, str | None]]:
    """The pages to time: the shared labelled sets, else the fixtures."""
    out: list[tuple[bytes, str | None]] = []
    for name in ("aeb", "fundus"):
        if (DATASETS / name).is_dir():
            out += [(p.html, p.url) for p in load_dataset(DATASETS / name).pages()]
    if not out:
        out = [(p.read_bytes(), None) for p in sorted((REPO / "fixtures").rglob("*.html"))]
    return out[:limit] if limit else out


def measure(items: list[tuple[bytes, str | None]], rounds: int) -> dict[str, list[float]]:
    """Per-page best-of-``rounds`` times in ms for each extractor."""
    names = list(EXTRACTORS)
    times: dict[str, list[float]] = {n: [] for n in names}
    for html, url in items:
        for name in names:  # warm caches (parsers, regexes) outside the clock
            EXTRACTORS[name](html, url)
        best = {n: float("inf") for n in names}
        for r in range(rounds):
            for name in names[r % len(names) :] + names[: r % len(names)]:
                start = time.perf_counter()
                EXTRACTORS[name](html, url)
                best[name] = min(best[name], (time.perf_counter() - start) * 1000)
        for name in names:
            times[name].append(best[name])
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    items = pages(args.limit)
    times = measure(items, args.rounds)
    ref = statistics.median(times[REFERENCE])
    print(
        f"{len(items)} pages, best of {args.rounds} rounds per page, {platform.machine()}, "
        f"Python {platform.python_version()}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )
    print(f"{'extractor':42} {'median ms':>10} {'p90 ms':>8} {'ratio':>6}")
    for name, values in times.items():
        med = statistics.median(values)
        p90 = statistics.quantiles(values, n=10)[-1]
        print(f"{name:42} {med:10.1f} {p90:8.1f} {med / ref:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
