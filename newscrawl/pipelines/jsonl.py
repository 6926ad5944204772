"""Append-only JSON Lines files that never hold a broken line.

Each record is serialised first and written with one ``os.write`` on a file
opened with ``O_APPEND``, so a process killed between records leaves only
whole lines. A line torn by a crash mid-write (power loss, full disk) is cut
off when the file is next opened, so the file always parses.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import UTC
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


class JsonLinesFile:
    """One append-only JSON Lines file."""

    def __init__(self, path: str | os.PathLike[str], fsync: bool = False) -> None:
        self.path = Path(path)
        self.fsync = fsync
        self.path.parent.mkdir(parents=True, exist_ok=True)
        cut = repair_tail(self.path)
        if cut:
            logger.warning("%s: removed a torn last line (%d bytes)", self.path, cut)
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self.count = 0

    def append(self, record: dict) -> None:
        """Write ``record`` as one complete line."""
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        data = line.encode("utf-8")
        written = os.write(self._fd, data)
        while written < len(data):  # only on a short write (e.g. a signal); finish it
            written += os.write(self._fd, data[written:])
        if self.fsync:
            os.fsync(self._fd)
        self.count += 1

    def close(self) -> None:
        """Flush to disk and close."""
        if self._fd >= 0:
            os.fsync(self._fd)
            os.close(self._fd)
            self._fd = -1


def output_path(template: str, spider_name: str, **values: str) -> str:
    """Fill a ``FEEDS``-style path template: ``%(name)s``, ``%(time)s``."""
    from datetime import datetime

    params = {"name": spider_name, "time": datetime.now(UTC).strftime("%Y-%m-%dT%H-%M-%S")}
    params.update(values)
    return template % params
