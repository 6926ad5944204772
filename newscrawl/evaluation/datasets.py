"""Readers of labelled page sets, all yielding the same ``LabelledPage``.

Three layouts are recognised from the folder's contents, so that
``newscrawl eval DIR`` needs no format option:

``aeb`` (article-extraction-benchmark)
    ``html/<id>.html.gz`` and ``ground-truth.json`` =
    ``{id: {"articleBody": str, "url": str}}``. Body only.

``fundus`` (the fundus project's per-publisher test pages)
    ``manifest.jsonl``, one page a line with ``html``, ``expected``,
    ``version`` and ``url`` (paths relative to the folder). The expected file
    is ``{version: {title, authors, publishing_date, body, ...}}`` with
    ``body = {"summary": [str], "sections": [{"headline": [str],
    "paragraphs": [str]}]}``; the article text is
    ``"\\n\\n".join(summary + for each section: headline + paragraphs)``.

``simple`` (our own, for hand-made sets)
    ``expected.jsonl`` and a ``pages/`` folder of HTML files (each may be
    gzipped; the gzip magic bytes decide, not the name). One JSON object a
    line::

        {"file": "pages/x.html", "url": "https://...", "articleBody": "...",
         "headline": "...", "datePublished": "2024-05-03T18:19:00+02:00",
         "authors": ["Jane Doe"]}

    ``file`` is relative to the folder; ``url``, ``headline``,
    ``datePublished`` (ISO 8601) and ``authors`` (a list of names) are
    optional; an optional ``id`` names the page (else ``file`` does).
    A metadata key that is absent is not scored; ``"authors": []`` scores
    that the page has no author.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMATS = ("simple", "aeb", "fundus")
_GZIP_MAGIC = b"\x1f\x8b"


class DatasetError(ValueError):
    """The folder is missing or holds no recognised labelled set."""


@dataclass(frozen=True)
class LabelledPage:
    """One saved page and what a person marked as its article."""

    id: str
    url: str | None
    html: bytes
    expected_body: str
    expected_title: str | None = None
    expected_date: str | None = None
    expected_authors: tuple[str, ...] | None = None

    @property
    def has_metadata(self) -> bool:
        """Whether any metadata field can be scored on this page."""
        return any(
            v is not None for v in (self.expected_title, self.expected_date, self.expected_authors)
        )


@dataclass(frozen=True)
class Dataset:
    """A recognised folder; ``pages()`` reads lazily, one page at a time."""

    path: Path
    format: str

    def pages(self, limit: int | None = None) -> Iterator[LabelledPage]:
        """The pages in a stable order, at most ``limit`` of them."""
        reader = {"aeb": read_aeb, "fundus": read_fundus, "simple": read_simple}[self.format]
        for n, page in enumerate(reader(self.path)):
            if limit is not None and n >= limit:
                return
            yield page


def detect_format(path: Path) -> str | None:
    """The layout of ``path`` from its marker files, or None."""
    if (path / "expected.jsonl").is_file():
        return "simple"
    if (path / "ground-truth.json").is_file() and (path / "html").is_dir():
        return "aeb"
    if (path / "manifest.jsonl").is_file():
        return "fundus"
    return None


def load_dataset(path: str | Path) -> Dataset:
    """Recognise the folder, or raise ``DatasetError`` saying why not."""
    path = Path(path)
    if not path.is_dir():
        raise DatasetError(f"{path}: no such folder")
    fmt = detect_format(path)
    if fmt is None:
        raise DatasetError(
            f"{path}: not a labelled data set (expected expected.jsonl, "
            "ground-truth.json with html/, or manifest.jsonl)"
        )
    return Dataset(path, fmt)


def read_html(path: Path) -> bytes:
    """The file's bytes, gunzipped when it is gzip whatever its name."""
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == _GZIP_MAGIC else data


def read_aeb(path: Path) -> Iterator[LabelledPage]:
    """Pages of the article-extraction-benchmark, sorted by id."""
    truth = json.loads((path / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        item = truth[page_id]
        yield LabelledPage(
            id=page_id,
            url=item.get("url"),
            html=read_html(path / "html" / f"{page_id}.html.gz"),
            expected_body=item.get("articleBody") or "",
        )


def read_fundus(path: Path) -> Iterator[LabelledPage]:
    """Pages of a fundus manifest, in manifest order."""
    cache: dict[str, dict[str, Any]] = {}
    for entry in _jsonl(path / "manifest.jsonl"):
        expected_file = entry["expected"]
        if expected_file not in cache:
            cache[expected_file] = json.loads((path / expected_file).read_text("utf-8"))
        expected = cache[expected_file][entry["version"]]
        authors = expected.get("authors")
        yield LabelledPage(
            id=entry["html"],
            url=entry.get("url"),
            html=read_html(path / entry["html"]),
            expected_body=fundus_body_text(expected.get("body") or {}),
            expected_title=expected.get("title"),
            expected_date=expected.get("publishing_date"),
            expected_authors=None if authors is None else tuple(authors),
        )


def fundus_body_text(body: dict[str, Any]) -> str:
    """The article text of a fundus body, as the data set's README defines it."""
    parts = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        parts += section.get("headline") or []
        parts += section.get("paragraphs") or []
    return "\n\n".join(parts)


def read_simple(path: Path) -> Iterator[LabelledPage]:
    """Pages of our own ``expected.jsonl`` layout, in file order."""
    for item in _jsonl(path / "expected.jsonl"):
        authors = item.get("authors")
        yield LabelledPage(
            id=str(item.get("id") or item["file"]),
            url=item.get("url"),
            html=read_html(path / item["file"]),
            expected_body=item.get("articleBody") or "",
            expected_title=item.get("headline"),
            expected_date=item.get("datePublished"),
            expected_authors=None if authors is None else tuple(_names(authors)),
        )


def _names(authors: list[Any]) -> list[str]:
    """Author names; record-style ``{"name": ...}`` objects are accepted too."""
    return [a["name"] if isinstance(a, dict) else str(a) for a in authors]


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The objects of a JSON Lines file, blank lines skipped."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)
