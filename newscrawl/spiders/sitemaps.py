"""Sitemaps, sitemap indexes (gzipped too) and Google News sitemaps.

Parsed with entity expansion, DTDs and network access off (and refused when
they declare entities at all), and gzipped
sitemaps inflated up to a size limit, so a hostile sitemap (billion laughs,
XXE, gzip bomb) is refused with a reason instead of eating the machine.
"""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass, field

from lxml import etree

from newscrawl.extraction.dates import parse_machine_date
from newscrawl.extraction.page import squash
from newscrawl.spiders.sources import (
    SAFE_XML,
    Link,
    declares_entities,
    join_url,
    local_name,
    normalize_url,
)

MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit for one file, uncompressed
MAX_SITEMAP_DEPTH = 3  # index of indexes of sitemaps: deeper is a loop or a trap


class SitemapError(ValueError):
    """A sitemap that cannot be read safely; the message is the reason."""


@dataclass
class Sitemap:
    """What one sitemap file lists: child sitemaps (an index) or pages.

    A child sitemap is a ``Link`` too: its ``date`` is the index's
    ``lastmod``, which lets a crawl with ``-a since`` skip the children
    that changed before it (they can list only older pages).
    """

    children: list[Link] = field(default_factory=list)
    pages: list[Link] = field(default_factory=list)
    news: bool = False

    @property
    def sitemaps(self) -> list[str]:
        """The child sitemaps' URLs, in index order."""
        return [child.url for child in self.children]


def inflate(body: bytes, limit: int = MAX_SITEMAP_BYTES) -> bytes:
    """The body, un-gzipped when it is gzip, refusing anything over ``limit`` bytes."""
    if body[:2] != b"\x1f\x8b":
        if len(body) > limit:
            raise SitemapError(f"sitemap larger than {limit} bytes")
        return body
    out = io.BytesIO()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as gz:
            while chunk := gz.read(1 << 16):
                out.write(chunk)
                if out.tell() > limit:
                    raise SitemapError(f"gzipped sitemap inflates beyond {limit} bytes")
    except (OSError, EOFError, zlib.error) as exc:
        raise SitemapError(f"broken gzip: {exc}") from exc
    return out.getvalue()


def parse_sitemap(body: bytes, base_url: str, tz: str | None = None) -> Sitemap:
    """Child sitemaps and page links (with lastmod, news date and title) of a sitemap."""
    data = inflate(body)
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(**SAFE_XML))
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"not XML: {exc}") from exc
    if root is None:
        raise SitemapError("empty sitemap")
    if declares_entities(root):
        raise SitemapError("the sitemap declares XML entities (refused: entity expansion, XXE)")
    out = Sitemap()
    kind = local_name(root)
    for entry in root:
        if not isinstance(entry.tag, str):
            continue
        loc = _text(entry, "loc")
        if not loc:
            continue
        url = join_url(base_url, loc)
        if not url:
            continue
        if kind == "sitemapindex":
            raw = _text(entry, "lastmod")
            out.children.append(Link(url=url, date=parse_machine_date(raw, tz), date_raw=raw))
        else:
            out.pages.append(_page_link(entry, url, tz, out))
    return out


def _page_link(entry: etree._Element, url: str, tz: str | None, out: Sitemap) -> Link:
    """A page entry, preferring the news publication date and title when present."""
    news = next((el for el in entry.iter() if local_name(el) == "news"), None)
    raw = _text(news, "publication_date") if news is not None else None
    title = _text(news, "title") if news is not None else None
    out.news = out.news or news is not None
    raw = raw or _text(entry, "lastmod")
    return Link(
        url=normalize_url(url),
        title=squash(title) or None,
        date=parse_machine_date(raw, tz),
        date_raw=raw,
    )


def _text(parent: etree._Element | None, name: str) -> str | None:
    """Text of the first descendant called ``name`` (any namespace)."""
    if parent is None:
        return None
    for el in parent.iter():
        if local_name(el) == name and el.text and el.text.strip():
            return el.text.strip()
    return None
