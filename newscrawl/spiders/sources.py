"""Reading discovery sources: RSS/Atom feeds and paginated listing pages.

Pure functions from a page to ``Link`` items (URL, title, date), so they can
be tested without a crawl. Feeds are parsed with entity expansion, network
access and DTD loading switched off.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

import courlan
from lxml import etree, html

from newscrawl.extraction.dates import parse_machine_date, parse_visible_date
from newscrawl.extraction.page import squash
from newscrawl.profiles import AgencyProfile, Listing


@dataclass(frozen=True)
class Link:
    """An article URL found in a source, with what the source says of it."""

    url: str
    title: str | None = None
    date: datetime | None = None
    date_raw: str | None = None


@lru_cache(maxsize=4096)
def normalize_url(url: str) -> str:
    """The URL to request: lower-case host, sorted query, no trackers or fragment.

    Cached: a sitemap's URL is normalised when read, when judged and when
    requested (~0.02 ms each time with courlan).
    """
    try:
        clean = courlan.normalize_url(url.strip())
    except (ValueError, AttributeError):
        clean = url.strip()
    return clean.split("#", 1)[0]


def join_url(base_url: str, href: str) -> str | None:
    """``href`` made absolute against ``base_url``; None for a link that cannot be
    (``http://[::1`` and other broken hosts make ``urljoin`` raise)."""
    try:
        url = urljoin(base_url, href.strip())
        urlsplit(url)  # urljoin passes some broken absolute URLs through unparsed
    except ValueError:
        return None
    return url


def local_name(el: etree._Element) -> str:
    """An element's name without its namespace; "" for comments and processing instructions.

    Recovering from broken XML (a truncated ``<news:``, an undeclared prefix)
    leaves elements whose whole tag is ``news:`` or ``x:title``, on which
    ``etree.QName`` raises ValueError: so the name is cut out of the tag as text.
    """
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


# Feeds and sitemaps: no entity expansion (billion laughs), no DTD or network (XXE).
SAFE_XML = dict(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    recover=True,
    remove_comments=True,
    remove_pis=True,
)


class FeedError(ValueError):
    """A feed that cannot be read safely; the message is the reason."""


def declares_entities(root: etree._Element) -> bool:
    """Whether the document's DTD declares entities (billion laughs, XXE).

    Feeds and sitemaps never need them; a document that declares them is
    refused rather than read with its entities left out.
    """
    dtd = root.getroottree().docinfo.internalDTD
    return dtd is not None and any(True for _ in dtd.iterentities())


def parse_feed(body: bytes, base_url: str, tz: str | None = None) -> list[Link]:
    """Links of an RSS 2.0, RSS 1.0 or Atom feed, in feed order (none if unreadable)."""
    try:
        return read_feed(body, base_url, tz)
    except FeedError:
        return []


def read_feed(body: bytes, base_url: str, tz: str | None = None) -> list[Link]:
    """Links of a feed; raises ``FeedError`` for one that is not XML or declares entities."""
    parser = etree.XMLParser(**SAFE_XML)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"not XML: {exc}") from exc
    if root is None:
        raise FeedError("empty feed")
    if declares_entities(root):
        raise FeedError("the feed declares XML entities (refused: entity expansion, XXE)")
    links = []
    for item in root.iter("{*}item", "{*}entry"):
        url = _feed_link(item)
        url = join_url(base_url, url) if url else None
        if not url:
            continue
        raw = _child_text(item, "pubDate", "published", "updated", "date")
        links.append(
            Link(
                url=normalize_url(url),
                title=squash(_child_text(item, "title")) or None,
                date=parse_machine_date(raw, tz),
                date_raw=raw,
            )
        )
    return links


def _joined(base_url: str, hrefs: Iterable[str]) -> Iterator[str]:
    """The ``hrefs`` that resolve, made absolute."""
    for href in hrefs:
        url = join_url(base_url, href)
        if url:
            yield url


def _feed_link(item: etree._Element) -> str | None:
    """The article link of a feed item (RSS ``<link>`` text or Atom ``href``)."""
    for child in item:
        if local_name(child) != "link":
            continue
        href = child.get("href")
        if href and child.get("rel", "alternate") == "alternate":
            return href.strip()
        if child.text and child.text.strip():
            return child.text.strip()
    guid = _child_text(item, "guid")
    return guid if guid and guid.startswith("http") else None


def _child_text(item: etree._Element, *names: str) -> str | None:
    """Text of the first child element whose local name is among ``names``."""
    for name in names:
        for child in item:
            if local_name(child) == name and child.text and child.text.strip():
                return child.text.strip()
    return None


def parse_listing(
    body: str, base_url: str, profile: AgencyProfile, listing: Listing
) -> tuple[list[Link], str | None, set[str]]:
    """Article links on a listing page, its ``rel=next`` URL, and every URL it links."""
    tree = html.fromstring(body or "<html></html>", base_url=base_url)
    linked = {normalize_url(u) for u in _joined(base_url, tree.xpath("//a/@href"))}
    links = list(_listing_items(tree, base_url, profile, listing))
    if not links:  # markup changed: every article-looking link will do
        links = [Link(url=u) for u in sorted(linked) if profile.is_article(u)]
    nxt = tree.xpath("//a[@rel='next']/@href | //link[@rel='next']/@href")
    return links, (join_url(base_url, nxt[0]) if nxt else None), linked


def _listing_items(
    tree: html.HtmlElement, base_url: str, profile: AgencyProfile, listing: Listing
) -> Iterator[Link]:
    """Links with their dates, read from the listing's item blocks."""
    if not listing.item_xpath:
        return
    seen = set()
    for item in tree.xpath(listing.item_xpath):
        hrefs = [normalize_url(u) for u in _joined(base_url, item.xpath(listing.link_xpath))]
        url = next((h for h in hrefs if profile.is_article(h)), None)
        if not url or url in seen:
            continue
        seen.add(url)
        raw, date = _item_date(item, listing.date_xpath, profile)
        titles = (squash(a.text_content()) for a in item.xpath("descendant-or-self::a"))
        title = next((t for t in titles if t), None)
        yield Link(url=url, title=title, date=date, date_raw=raw)


def _item_date(
    item: html.HtmlElement, xpath: str | None, profile: AgencyProfile
) -> tuple[str | None, datetime | None]:
    """A listing item's date as printed, and parsed.

    ``xpath`` may select an element (its text is read with the profile's
    date formats) or a string such as ``time/@datetime``, read as a machine
    date first: a listing that prints only "14:05" under a day heading
    often carries the full date there.
    """
    nodes = item.xpath(xpath) if xpath else []
    first = nodes[0] if isinstance(nodes, list) and nodes else None
    if isinstance(first, str):
        raw = squash(first) or None
        machine = parse_machine_date(raw, profile.timezone) if raw else None
    elif isinstance(first, html.HtmlElement):
        raw, machine = squash(first.text_content()) or None, None
    else:
        return None, None
    if machine is not None or raw is None:
        return raw, machine
    return raw, parse_visible_date(raw, profile.date_formats, profile.timezone)


_DATE_PATH = re.compile(r"/(19|20)\d{2}[/-](0?[1-9]|1[0-2])([/-](0?[1-9]|[12]\d|3[01]))?(/|$)")
_ID = re.compile(r"(?<![a-z])\d{5,}(?![a-z])")
_NOT_ARTICLE = re.compile(
    r"/(tag|tags|topic|topics|category|categories|section|author|authors|about|contact|"
    r"search|login|logout|register|account|subscribe|newsletter|privacy|terms|imprint|"
    r"impressum|cookies?|feed|rss|atom|page|archive|video|videos|gallery|photos?|live)(/|$|\?)",
    re.IGNORECASE,
)
_FILE_EXT = re.compile(r"\.(jpe?g|png|gif|webp|svg|pdf|zip|mp3|mp4|xml|rss|css|js|json)$", re.I)


def looks_like_article(url: str) -> bool:
    """Whether a URL has the shape of an article page rather than a section or tool page.

    Articles carry a date in the path, a long numeric id, or a long
    hyphenated slug below at least one section; tag, author, search, account
    and feed pages and files do not count.
    """
    parts = urlsplit(url)
    path = parts.path
    if parts.scheme not in ("http", "https") or _FILE_EXT.search(path) or _NOT_ARTICLE.search(path):
        return False
    segments = [s for s in path.split("/") if s]
    if not segments:
        return False
    slug = segments[-1].rsplit(".", 1)[0]
    if _DATE_PATH.search(path) and (len(segments) >= 4 or slug.count("-") >= 2):
        return True
    if _ID.search(slug):
        return True
    return len(segments) >= 2 and slug.count("-") + slug.count("_") >= 3


def looks_like_section(url: str, home: str) -> bool:
    """A first-level section of the site (``/world/``), worth reading for links."""
    parts = urlsplit(url)
    if urlsplit(home).hostname != parts.hostname or parts.query or _NOT_ARTICLE.search(parts.path):
        return False
    segments = [s for s in parts.path.split("/") if s]
    return len(segments) == 1 and not _FILE_EXT.search(parts.path) and not looks_like_article(url)


def page_links(body: str, base_url: str) -> list[str]:
    """Every http(s) link of an HTML page, absolute and normalised, in order."""
    tree = html.fromstring(body or "<html></html>", base_url=base_url)
    urls = _joined(base_url, (h for h in tree.xpath("//a/@href") if h.strip()))
    return list(
        dict.fromkeys(normalize_url(u) for u in urls if u.startswith(("http://", "https://")))
    )


def feed_links(body: str, base_url: str) -> list[str]:
    """RSS and Atom feeds a page advertises with ``<link rel="alternate">``."""
    tree = html.fromstring(body or "<html></html>", base_url=base_url)
    hrefs = tree.xpath(
        "//link[contains(@rel, 'alternate')][contains(@type, 'rss') or contains(@type, 'atom')]"
        "/@href"
    )
    return list(dict.fromkeys(_joined(base_url, hrefs)))


def next_page_link(body: str, base_url: str) -> str | None:
    """The ``rel=next`` link of a paginated page."""
    tree = html.fromstring(body or "<html></html>", base_url=base_url)
    nxt = tree.xpath("//a[@rel='next']/@href | //link[@rel='next']/@href")
    return join_url(base_url, nxt[0]) if nxt else None
