"""Crawl state at scale: look-up time with 10,000 and with 1,000,000 known articles.

Usage::

    python benchmarks/state.py [--sizes 10000,1000000] [--lookups 20000] [--json]

For each size, fills a fresh SQLite crawl state (``newscrawl.state.sqlite``,
the real class and schema) with that many emitted articles and as many text
fingerprints (random SimHashes), as years of hourly crawls would leave, then
times what the crawl does per article page, each on ``--lookups`` keys in
random order:

- ``get`` of a known URL (a re-crawled article: unchanged or revised), in
  two passes of different random keys: the first right after opening the
  file, the second once the caches hold the upper levels of the index;
- ``get`` of an unknown URL (a new article);
- ``find_content`` of a new text (exact hash, then the four SimHash bands);
- ``commit_emitted`` of a new record (one transaction: article, fingerprint,
  journal cleared).

It prints µs per operation, the file's size on disk and the ratio of the
largest size to the smallest. The filling is done with bulk inserts (not
timed). A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from newscrawl.state.base import Seen
from newscrawl.state.fingerprints import bands, to_signed
from newscrawl.state.sqlite import SQLiteState

BATCH = 50_000


def key(i: int) -> str:
    return f"https://www.example-news.org/news/2026/11/{i % 28 + 1:02d}/story-{i:08d}"


def digest(i: int) -> str:
    return hashlib.sha256(str(i).encode()).hexdigest()


def fill(state: SQLiteState, n: int, rng: random.Random) -> None:
    """``n`` emitted articles and their fingerprints, in bulk (what past crawls left)."""
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    db = state.db
    for start in range(0, n, BATCH):
        rows, contents = [], []
        for i in range(start, min(n, start + BATCH)):
            rows.append((key(i), key(i), digest(i), 1, stamp, None, stamp, stamp))
            fp = rng.getrandbits(64)
            b = [to_signed(x) for x in bands(fp)]
            contents.append((digest(i), to_signed(fp), *b, key(i), key(i)))
        with db:
            db.execute("BEGIN")
            db.executemany("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?)", rows)
            db.executemany(
                "INSERT INTO contents (content_hash, fingerprint, b0, b1, b2, b3, key, url)"
                " VALUES (?,?,?,?,?,?,?,?)",
                contents,
            )
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def per_op_us(fn, items: list) -> float:  # type: ignore[no-untyped-def]
    """Mean µs of ``fn(item)`` over ``items``."""
    start = time.perf_counter()
    for item in items:
        fn(item)
    return (time.perf_counter() - start) / len(items) * 1e6


def measure(n: int, lookups: int, folder: Path, seed: int) -> dict:
    """Fill a state with ``n`` articles, then time the crawl's per-page operations."""
    rng = random.Random(seed)
    path = folder / f"state-{n}.sqlite3"
    state = SQLiteState(path, max_contents=max(n, 1_000_000))
    started = time.perf_counter()
    fill(state, n, rng)
    filled = time.perf_counter() - started
    size_mb = sum(p.stat().st_size for p in folder.glob(f"state-{n}.sqlite3*")) / 2**20
    first = [key(rng.randrange(n)) for _ in range(lookups)]
    known = [key(rng.randrange(n)) for _ in range(lookups)]
    unknown = [key(n + i) for i in range(lookups)]
    texts = [(digest(n + i), rng.getrandbits(64), key(n + i)) for i in range(lookups)]
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    new = [
        (Seen(key(n + i), key(n + i), digest(n + i), 1, None, None, stamp, stamp), fp)
        for i, (_, fp, _) in enumerate(texts)
    ]
    result = {
        "known_urls": n,
        "size_mb": round(size_mb, 1),
        "fill_seconds": round(filled, 1),
        "get_known_first_us": per_op_us(state.get, first),  # right after opening: cold caches
        "get_known_us": per_op_us(state.get, known),
        "get_unknown_us": per_op_us(state.get, unknown),
        "find_content_us": per_op_us(lambda t: state.find_content(*t), texts),
        "commit_us": per_op_us(lambda s: state.commit_emitted(*s), new[: lookups // 4]),
    }
    state.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,1000000")
    parser.add_argument("--lookups", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dir", type=Path, help="where the state files go (default: a temp dir)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="newscrawl-state-", dir=args.dir) as tmp:
        results = [measure(n, args.lookups, Path(tmp), args.seed) for n in sizes]
    ops = ("get_known_first_us", "get_known_us", "get_unknown_us", "find_content_us", "commit_us")
    ratios = {op: results[-1][op] / results[0][op] for op in ops}
    if args.json:
        print(json.dumps({"results": results, "ratios": ratios}))
        return 0
    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {args.lookups} operations each, random keys")
    print(
        f"{'known URLs':>11} {'MB on disk':>10} {'get (1st pass)':>14} {'get known':>10}"
        f" {'get new':>9} {'find_content':>12} {'commit':>8}   (µs per operation)"
    )
    for r in results:
        print(
            f"{r['known_urls']:11,} {r['size_mb']:10.1f} {r['get_known_first_us']:14.1f}"
            f" {r['get_known_us']:10.1f} {r['get_unknown_us']:9.1f}"
            f" {r['find_content_us']:12.1f} {r['commit_us']:8.1f}"
        )
    print(
        f"{'ratio':>11} {'':>10} {ratios['get_known_first_us']:14.2f}"
        f" {ratios['get_known_us']:10.2f} {ratios['get_unknown_us']:9.2f}"
        f" {ratios['find_content_us']:12.2f} {ratios['commit_us']:8.2f}"
        f"   ({sizes[-1]:,} vs {sizes[0]:,})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
