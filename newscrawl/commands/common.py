"""What several commands share: the error type and reading JSON Lines files."""

from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO


class CommandError(Exception):
    """An error to show as one line, with the exit code it maps to (``cli.EXIT_CODES``)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Line:
    """One line of a JSON Lines file: its number, and the record or why it did not parse."""

    number: int
    record: Any = None
    error: str | None = None


def open_text(path: str) -> TextIO:
    """A text stream for ``path``: ``-`` is stdin, ``.gz`` files are decompressed.

    Gzip is recognised by its magic bytes, not only the suffix, so rotated
    ``.jsonl.gz`` output and renamed files read the same way.
    """
    if path == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    file = Path(path)
    if file.is_dir():
        raise CommandError(f"{path}: is a folder, not a JSON Lines file", 3)
    with file.open("rb") as fh:
        magic = fh.read(2)
    if magic == b"\x1f\x8b":
        return io.TextIOWrapper(gzip.open(file, "rb"), encoding="utf-8", errors="replace")
    return file.open(encoding="utf-8", errors="replace")


def read_lines(path: str) -> Iterator[Line]:
    """Every non-blank line of a JSON Lines file, parsed, with its 1-based number.

    A line that is not JSON is returned with ``error`` set rather than raised,
    so a report can name every bad line instead of stopping at the first.
    A gzip file cut short (a killed crawl) ends the iteration with one error line.
    """
    with open_text(path) as fh:
        number = 0
        try:
            for number, text in enumerate(fh, start=1):
                if not text.strip():
                    continue
                try:
                    yield Line(number, json.loads(text))
                except ValueError as exc:
                    yield Line(number, error=f"not JSON: {exc}")
        except (EOFError, gzip.BadGzipFile, OSError) as exc:
            yield Line(number + 1, error=f"compressed data ends early or is corrupt: {exc}")
