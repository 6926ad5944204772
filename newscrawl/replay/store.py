"""The fixture folder: URLs mapped to readable files (see fixtures/README.md)."""

from __future__ import annotations

import json
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

_DEFAULT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".xml": "application/rss+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
    ".gz": "application/gzip",
}
_EXT_FOR_TYPE = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/rss+xml": ".xml",
    "application/atom+xml": ".xml",
    "application/xml": ".xml",
    "text/xml": ".xml",
    "text/plain": ".txt",
    "application/json": ".json",
    "application/gzip": ".gz",
    "application/x-gzip": ".gz",
}
SIDECAR = ".meta.json"


class MissingFixture(Exception):
    """A request in replay mode for which no fixture file exists."""

    def __init__(self, url: str, expected: Path) -> None:
        super().__init__(f"no fixture for {url} (expected a file {expected}.* in replay mode)")
        self.url = url
        self.expected = expected


def url_to_relpath(url: str) -> Path:
    """The fixture path of ``url``, without extension (fixtures/README.md rules)."""
    parts = urlsplit(url)
    host = (parts.hostname or "unknown-host").lower()
    if parts.port and parts.port not in (80, 443):
        host = f"{host}_{parts.port}"
    path = parts.path or "/"
    if path.endswith("/"):
        path += "index"
    rel = host + path
    if parts.query:  # a "/" inside the query is not a folder
        rel += "@" + parts.query.replace("/", "%2F")
    return Path(*[seg for seg in rel.split("/") if seg not in ("", ".", "..")])


@dataclass
class Served:
    """What a fixture answers: status, headers and body."""

    status: int
    headers: dict[str, str]
    body: bytes
    path: Path


@dataclass
class FixtureStore:
    """Looks up, serves and records fixtures under ``root``."""

    root: Path
    _hits: dict[str, int] = field(default_factory=dict)

    def find(self, url: str) -> Path | None:
        """The fixture file for ``url``, or None."""
        base = self.root / url_to_relpath(url)
        if base.is_file() and not base.name.endswith(SIDECAR):
            return base
        if base.parent.is_dir():
            prefix = base.name + "."
            for candidate in sorted(base.parent.iterdir()):
                name = candidate.name
                is_data = name.startswith(prefix) and not name.endswith(SIDECAR)
                if is_data and "." not in name[len(prefix) :] and candidate.is_file():
                    return candidate
        return None

    def serve(self, url: str) -> Served:
        """The response for ``url``; raises ``MissingFixture`` when there is none."""
        path = self.find(url)
        if path is None:
            raise MissingFixture(url, self.root / url_to_relpath(url))
        meta = _read_sidecar(path)
        entry = meta
        if "sequence" in meta:
            n = self._hits.get(url, 0)
            self._hits[url] = n + 1
            seq = meta["sequence"]
            entry = seq[min(n, len(seq) - 1)]
        body_path = (path.parent / entry["file"]).resolve() if entry.get("file") else path
        headers = {"Content-Type": _content_type(body_path)}
        headers.update(meta.get("headers", {}))
        headers.update(entry.get("headers", {}))
        return Served(int(entry.get("status", 200)), headers, body_path.read_bytes(), path)

    def record(self, url: str, status: int, headers: dict[str, str], body: bytes) -> Path:
        """Save a live response as a fixture in the same format (and a sidecar if needed)."""
        ctype = headers.get("Content-Type", "text/html").split(";")[0].strip().lower()
        ext = _EXT_FOR_TYPE.get(ctype) or mimetypes.guess_extension(ctype) or ".html"
        rel = url_to_relpath(url)
        path = self.root / rel if rel.suffix == ext else self.root / f"{rel}{ext}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        keep = {k: v for k, v in headers.items() if k.lower() in _RECORDED_HEADERS}
        sidecar = path.with_name(path.name + SIDECAR)
        if status != 200 or keep:
            sidecar.write_text(json.dumps({"status": status, "headers": keep}, indent=2) + "\n")
        elif sidecar.exists():
            sidecar.unlink()
        return path


_RECORDED_HEADERS = {"location", "retry-after", "last-modified", "server", "content-language"}


def _read_sidecar(path: Path) -> dict:
    """The ``.meta.json`` beside ``path`` (empty when absent)."""
    sidecar = path.with_name(path.name + SIDECAR)
    if not sidecar.exists():
        return {}
    return json.loads(sidecar.read_text("utf-8"))


def _content_type(path: Path) -> str:
    """The default Content-Type for a fixture file."""
    return _DEFAULT_TYPES.get(path.suffix.lower(), "application/octet-stream")
