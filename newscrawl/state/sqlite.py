"""Crawl state in one SQLite file: articles emitted, text fingerprints, a write journal.

Tables (schema version in ``PRAGMA user_version``; older files are migrated
forward when opened, never rewritten from scratch):

- ``articles``: per canonical URL, the content hash, revision, dates and
  extractor of the last emitted record;
- ``contents``: text fingerprints (exact hash and SimHash bands) for
  duplicate detection across URLs and agencies, capped at
  ``max_contents`` rows (the oldest go first);
- ``journal``: records decided but not yet known to be written, so a crash
  between writing a record and remembering it is repaired on the next start.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from newscrawl.state.base import Seen
from newscrawl.state.fingerprints import NEAR_BITS, bands, to_signed, to_unsigned

SCHEMA_VERSION = 3
MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE articles (
        key TEXT PRIMARY KEY, url TEXT NOT NULL, content_hash TEXT NOT NULL,
        revision INTEGER NOT NULL, date_published TEXT, date_modified TEXT,
        first_seen TEXT NOT NULL, last_seen TEXT NOT NULL);
    CREATE TABLE contents (
        id INTEGER PRIMARY KEY AUTOINCREMENT, content_hash TEXT NOT NULL,
        fingerprint INTEGER NOT NULL, b0 INTEGER, b1 INTEGER, b2 INTEGER, b3 INTEGER,
        key TEXT NOT NULL, url TEXT NOT NULL);
    CREATE INDEX contents_hash ON contents(content_hash);
    CREATE INDEX contents_b0 ON contents(b0);
    CREATE INDEX contents_b1 ON contents(b1);
    CREATE INDEX contents_b2 ON contents(b2);
    CREATE INDEX contents_b3 ON contents(b3);
    CREATE TABLE journal (
        key TEXT PRIMARY KEY, url TEXT NOT NULL, revision INTEGER NOT NULL,
        content_hash TEXT NOT NULL, output TEXT);
    """,
    # Band indexes that also hold the fingerprint: a near-duplicate look-up reads only
    # index pages, not one table row per candidate (with 1M texts a band matches ~15).
    2: """
    DROP INDEX contents_b0; DROP INDEX contents_b1;
    DROP INDEX contents_b2; DROP INDEX contents_b3;
    CREATE INDEX contents_b0f ON contents(b0, fingerprint);
    CREATE INDEX contents_b1f ON contents(b1, fingerprint);
    CREATE INDEX contents_b2f ON contents(b2, fingerprint);
    CREATE INDEX contents_b3f ON contents(b3, fingerprint);
    """,
    # The extractor that wrote the last record: an upgrade that changes the text is
    # then no publisher's edit (entries from before stay NULL, read as unknown).
    3: """
    ALTER TABLE articles ADD COLUMN extractor TEXT;
    """,
}
_NEAR_CANDIDATES = " UNION ALL ".join(
    f"SELECT id, fingerprint FROM contents WHERE b{i}=?{i + 1}" for i in range(4)
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SQLiteState:
    """A ``CrawlState`` in a SQLite file (WAL mode: readers never block the crawl)."""

    def __init__(self, path: str | Path, max_contents: int = 1_000_000) -> None:
        self.path = Path(path).expanduser()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.max_contents = max_contents
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.migrate()

    # -- schema ---------------------------------------------------------------

    @property
    def version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> None:
        """Bring an older state file up to ``SCHEMA_VERSION``, one step at a time."""
        current = self.version
        if current > SCHEMA_VERSION:
            raise RuntimeError(
                f"{self.path} was written by a newer newscrawl (schema {current} > "
                f"{SCHEMA_VERSION}); upgrade newscrawl or point NEWSCRAWL_STATE elsewhere"
            )
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with self.db:
                self.db.execute("BEGIN")
                self.db.executescript(MIGRATIONS[version])
                self.db.execute(f"PRAGMA user_version={version}")

    # -- articles ---------------------------------------------------------------

    def get(self, key: str) -> Seen | None:
        row = self.db.execute(
            "SELECT key, url, content_hash, revision, date_published, date_modified,"
            " first_seen, last_seen, extractor FROM articles WHERE key=?",
            (key,),
        ).fetchone()
        return Seen(*row) if row else None

    def put(self, seen: Seen) -> None:
        self.db.execute(
            "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(key) DO UPDATE SET"
            " url=excluded.url, content_hash=excluded.content_hash, revision=excluded.revision,"
            " date_published=excluded.date_published, date_modified=excluded.date_modified,"
            " last_seen=excluded.last_seen, extractor=excluded.extractor",
            (
                seen.key, seen.url, seen.content_hash, seen.revision, seen.date_published,
                seen.date_modified, seen.first_seen, seen.last_seen, seen.extractor,
            ),
        )  # fmt: skip

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    # -- content fingerprints -------------------------------------------------------

    def find_content(self, content_hash: str, fingerprint: int, key: str) -> str | None:
        row = self.db.execute(
            "SELECT url FROM contents WHERE content_hash=? AND key<>? ORDER BY id LIMIT 1",
            (content_hash, key),
        ).fetchone()
        if row:
            return row[0]
        b = [to_signed(x) for x in bands(fingerprint)]
        near = sorted(
            {
                row_id
                for row_id, other in self.db.execute(_NEAR_CANDIDATES, b)
                if (to_unsigned(other) ^ fingerprint).bit_count() <= NEAR_BITS
            }
        )
        for row_id in near:  # the oldest first, as the first URL of a text is its original
            url, other_key = self.db.execute(
                "SELECT url, key FROM contents WHERE id=?", (row_id,)
            ).fetchone()
            if other_key != key:
                return url
        return None

    def add_content(self, content_hash: str, fingerprint: int, key: str, url: str) -> None:
        b = [to_signed(x) for x in bands(fingerprint)]
        self.db.execute(
            "INSERT INTO contents (content_hash, fingerprint, b0, b1, b2, b3, key, url)"
            " VALUES (?,?,?,?,?,?,?,?)",
            (content_hash, to_signed(fingerprint), *b, key, url),
        )

    def prune(self) -> int:
        """Keep the store bounded: drop the oldest fingerprints beyond ``max_contents``."""
        cur = self.db.execute(
            "DELETE FROM contents WHERE id <= (SELECT MAX(id) FROM contents) - ?",
            (self.max_contents,),
        )
        return cur.rowcount

    # -- journal: decided, maybe written ---------------------------------------------

    def claim(self, key: str, content_hash: str) -> bool:
        """Always granted: one process owns a SQLite state (Redis arbitrates between workers)."""
        return True

    def journal(self, key: str, url: str, revision: int, content_hash: str, output: str) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO journal VALUES (?,?,?,?,?)",
            (key, url, revision, content_hash, output),
        )

    def journaled(self) -> list[tuple[str, str, int, str, str]]:
        return self.db.execute(
            "SELECT key, url, revision, content_hash, output FROM journal"
        ).fetchall()

    def settle(self, key: str) -> None:
        self.db.execute("DELETE FROM journal WHERE key=?", (key,))

    def commit_emitted(self, seen: Seen, fingerprint: int | None) -> None:
        """Remember an emitted record and its fingerprints, and clear its journal entry."""
        with self.db:
            self.db.execute("BEGIN")
            self.put(seen)
            if fingerprint is not None:
                self.add_content(seen.content_hash, fingerprint, seen.key, seen.url)
            self.settle(seen.key)

    def close(self) -> None:
        self.prune()
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.close()
