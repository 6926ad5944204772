"""Append-only JSON Lines files that never hold a broken line.

Each record is serialised first and written with one ``os.write`` on a file
opened with ``O_APPEND``, so a process killed between records leaves only
whole lines. A line torn by a crash mid-write (power loss, full disk) is cut
off when the file is next opened, so the file always parses.

A path ending in ``.gz`` is written gzip-compressed, one complete gzip member
per record, in the same single ``os.write``: concatenated members are one
valid gzip stream (``zcat``, ``gzip.open``, pandas and DuckDB read them), so a
killed crawl leaves a readable file, and a member torn by a crash is cut off
on the next open just like a torn line.

``OutputFiles`` names files from a ``FEEDS``-style template and rotates them:
``%(day)s`` starts a new file each UTC day, ``%(part)d`` (or Scrapy's
``%(batch_id)d``) a new one when the current file reaches a size limit.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import re
import zlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

logger = logging.getLogger(__name__)


def repair_tail(path: Path) -> int:
    """Truncate a trailing partial line; return the number of bytes removed."""
    if not path.exists() or path.stat().st_size == 0:
        return 0
    size = path.stat().st_size
    with path.open("rb+") as fh:
        block = min(size, 1 << 16)
        pos = size
        while pos > 0:
            start = max(0, pos - block)
            fh.seek(start)
            chunk = fh.read(pos - start)
            if pos == size and chunk.endswith(b"\n"):
                return 0
            nl = chunk.rfind(b"\n")
            if nl >= 0:
                keep = start + nl + 1
                fh.truncate(keep)
                return size - keep
            pos = start
        fh.truncate(0)
        return size


def repair_gzip_tail(path: Path) -> int:
    """Cut a torn last gzip member (or trailing garbage); return the number of bytes removed.

    Walks the members from the start, so it reads the whole file: rotated
    files stay small enough for that to be quick.
    """
    if not path.exists() or path.stat().st_size == 0:
        return 0
    data = path.read_bytes()
    good = 0
    while good < len(data):
        member = zlib.decompressobj(wbits=31)
        try:
            member.decompress(data[good:])
        except zlib.error:
            break
        if not member.eof:
            break
        good = len(data) - len(member.unused_data)
    if good < len(data):
        with path.open("rb+") as fh:
            fh.truncate(good)
    return len(data) - good


_MEMBER_HEADER = gzip.compress(b"", mtime=0)[:8]
"""How every gzip member ``JsonLinesFile`` writes begins: magic, deflate, no flags, mtime 0."""


def _members_text(data: bytes) -> str:
    """The text of the whole gzip members at the start of ``data`` (a torn one ends it)."""
    out, pos = [], 0
    while pos < len(data):
        member = zlib.decompressobj(wbits=31)
        try:
            text = member.decompress(data[pos:])
        except zlib.error:
            break
        if not member.eof:
            break
        out.append(text)
        pos = len(data) - len(member.unused_data)
    return b"".join(out).decode("utf-8", "replace")


def tail_text(path: Path, max_bytes: int) -> str:
    """The text of about the last ``max_bytes`` of a JSON Lines file, plain or gzip.

    For a gzip file the tail starts at the first member header inside it, so
    the crawl state can find its last records after a crash without reading
    the whole file.
    """
    with path.open("rb") as fh:
        size = path.stat().st_size
        fh.seek(max(0, size - max_bytes))
        data = fh.read()
    if path.suffix != ".gz":
        return data.decode("utf-8", "replace")
    start = data.find(_MEMBER_HEADER)
    return _members_text(data[start:]) if start >= 0 else ""


class JsonLinesFile:
    """One append-only JSON Lines file; gzip-compressed when its name ends in ``.gz``."""

    def __init__(self, path: str | os.PathLike[str], fsync: bool = False) -> None:
        self.path = Path(path)
        self.fsync = fsync
        self.compressed = self.path.suffix == ".gz"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        cut = (repair_gzip_tail if self.compressed else repair_tail)(self.path)
        if cut:
            logger.warning("%s: removed a torn last record (%d bytes)", self.path, cut)
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self.resolved = str(self.path.resolve())  # the absolute path, as opened
        self.count = 0
        self.size = os.fstat(self._fd).st_size

    def append(self, record: dict) -> None:
        """Write ``record`` as one complete line (one complete gzip member when compressed)."""
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        data = line.encode("utf-8")
        if self.compressed:
            data = gzip.compress(data, compresslevel=6, mtime=0)
        written = os.write(self._fd, data)
        while written < len(data):  # only on a short write (e.g. a signal); finish it
            written += os.write(self._fd, data[written:])
        if self.fsync:
            os.fsync(self._fd)
        self.count += 1
        self.size += len(data)

    def close(self) -> None:
        """Flush to disk and close."""
        if self._fd >= 0:
            os.fsync(self._fd)
            os.close(self._fd)
            self._fd = -1


_PART = re.compile(r"%\((part|batch_id)\)")


def output_path(template: str, spider_name: str, **values: object) -> str:
    """Fill a ``FEEDS``-style path template.

    ``%(name)s`` spider, ``%(time)s`` start time, ``%(day)s`` today (UTC),
    ``%(part)d``/``%(batch_id)d`` the part number (1 unless rotation says
    otherwise); ``values`` override them.
    """
    now = datetime.now(UTC)
    params: dict[str, object] = {
        "name": spider_name,
        "time": now.strftime("%Y-%m-%dT%H-%M-%S"),
        "day": now.strftime("%Y-%m-%d"),
        "part": 1,
        "batch_id": 1,
    }
    params.update(values)
    return template % params


def rotates_by_size(template: str) -> bool:
    """Whether the template has a part number to rotate by size."""
    return bool(_PART.search(template))


class OutputFiles:
    """The articles' files: a template filled per record, rotated by day and by size.

    The day is the UTC day of writing (so a file is complete once its day is
    over, whatever the articles' publication dates). With ``max_bytes`` the
    template must hold ``%(part)d``: a part is closed once it reaches the
    limit and the next record starts part + 1. A restarted crawl appends to
    the last part that is still below the limit.
    """

    def __init__(
        self,
        template: str,
        name: str,
        *,
        max_bytes: int = 0,
        fsync: bool = False,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        if max_bytes and not rotates_by_size(template):
            raise ValueError(
                f"NEWSCRAWL_OUTPUT_MAX_BYTES needs %(part)d or %(batch_id)d in the file name "
                f"template, e.g. {template.replace('.jsonl', '-%(part)03d.jsonl')}"
            )
        self.template, self.name, self.max_bytes, self.fsync = template, name, max_bytes, fsync
        self.clock = clock
        self.started = clock().strftime("%Y-%m-%dT%H-%M-%S")
        self.current: JsonLinesFile | None = None
        self._key: tuple[str, int] | None = None
        self.paths: list[Path] = []

    def _fill(self, day: str, part: int) -> Path:
        values = {"time": self.started, "day": day, "part": part, "batch_id": part}
        return Path(output_path(self.template, self.name, **values))

    def _first_open_part(self, day: str, part: int = 1) -> int:
        """The first part of ``day`` from ``part`` on that is below the size limit."""
        while self.max_bytes:
            path = self._fill(day, part)
            if not path.exists() or path.stat().st_size < self.max_bytes:
                break
            part += 1
        return part

    def file_for_next(self) -> JsonLinesFile:
        """The file the next record goes to (opening or rotating as needed)."""
        day = self.clock().strftime("%Y-%m-%d")
        full = self.current is not None and self.max_bytes and self.current.size >= self.max_bytes
        if self._key is None or self._key[0] != day or full:
            start = self._key[1] + 1 if full and self._key and self._key[0] == day else 1
            self._open(day, self._first_open_part(day, start))
        assert self.current is not None
        return self.current

    def _open(self, day: str, part: int) -> None:
        if self.current is not None:
            self.current.close()
        self.current = JsonLinesFile(self._fill(day, part), fsync=self.fsync)
        self._key = (day, part)
        if self.current.path not in self.paths:
            self.paths.append(self.current.path)
        logger.info("Articles go to %s", self.current.path)

    def append(self, record: dict) -> Path:
        """Write one record; return the file it went to."""
        file = self.file_for_next()
        file.append(record)
        return file.path

    def close(self) -> None:
        if self.current is not None:
            self.current.close()
            self.current = None
