"""Extraction quality on the shared labelled sets: ``newscrawl eval`` on each.

Usage (from anywhere; extra arguments go to every ``newscrawl eval`` call)::

    python benchmarks/quality.py [--worst 5] [--extractor newscrawl] [--limit N]

Reads ``../shared/datasets/{aeb,fundus}`` beside the repository. Those pages
belong to their publishers and are never copied into the repository, so a
checkout without them skips each set with a message instead of failing.
A benchmark, not a test: it asserts nothing, it prints the tables.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from newscrawl.cli import main as newscrawl

REPO = Path(__file__).resolve().parents[1]
DATASETS = REPO.parent / "shared" / "datasets"
SETS = ("aeb", "fundus")


def run(extra: list[str]) -> int:
    """Evaluate each available set; the worst exit status of the runs."""
    status = 0
    for name in SETS:
        folder = DATASETS / name
        if not folder.is_dir():
            print(f"{name}: skipped, {folder} is absent")
            continue
        start = time.perf_counter()
        status = max(status, newscrawl(["eval", str(folder), *extra]))
        print(f"({name}: {time.perf_counter() - start:.0f} s)\n")
    return status


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
