"""The declarative shape of an agency profile.

A profile is data: everything newscrawl knows about one agency (where its
articles are, how its pages are laid out, what its furniture says) lives in one
small module under ``newscrawl/profiles/``. The engine (spiders, extraction,
pipelines) reads profiles and never names an agency itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlsplit


def has_class(name: str) -> str:
    """An XPath test for one whole class name: ``has_class("time")`` matches
    ``class="news time"`` but not ``class="timeline"``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


class _Keep(dict):
    """``format_map`` mapping that leaves unknown placeholders in place."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class _ForEditions:
    """A source that may serve only some editions: its ``languages`` (empty: all of them)."""

    languages: tuple[str, ...]

    def serves(self, lang: str) -> bool:
        """True when this source is one of edition ``lang``'s."""
        return not self.languages or lang in self.languages


@dataclass(frozen=True)
class Listing(_ForEditions):
    """A paginated list of latest articles for one language edition.

    ``url`` and ``page_url`` are templates: ``{prefix}`` is the edition's
    prefix (see ``AgencyProfile.editions``) and ``{page}`` the page number
    (the first page is ``url`` itself). ``item_xpath`` selects one block per
    article; within it ``link_xpath`` gives the link and ``date_xpath`` the
    date as printed (read with the profile's ``date_formats``), or an
    attribute holding a machine date (``.//time/@datetime``).
    ``languages`` names the editions the listing serves when their paths
    differ (``("en",)``); empty, it serves every edition.
    """

    url: str
    page_url: str | None = None
    item_xpath: str | None = None
    link_xpath: str = ".//a/@href"
    date_xpath: str | None = None
    date_param_format: str = "%Y-%m-%d"  # how ``{since}``/``{until}`` are written in archives
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Feed(_ForEditions):
    """A feed (or sitemap) template for the ``languages`` editions (empty: all of them).

    A plain string in ``AgencyProfile.feeds`` or ``sitemaps`` serves every
    edition; a ``Feed`` is for sites whose editions name theirs differently
    (``/sito/ansait_rss.xml`` beside ``/english/english_rss.xml``).
    """

    url: str
    languages: tuple[str, ...] = ()


def _as_feeds(entries: tuple[str | Feed, ...]) -> tuple[Feed, ...]:
    """Each plain template as a ``Feed`` of every edition."""
    return tuple(Feed(entry) if isinstance(entry, str) else entry for entry in entries)


@dataclass(frozen=True)
class AgencyProfile:
    """Everything the engine needs to know about one news agency.

    ``editions`` maps a language code to the edition's prefix: a path
    (``"/en"``, ``""`` for the root) when editions share a host, or an origin
    (``"https://en.trend.az"``) when each has its own. Templates in
    ``listings`` and ``feeds`` put it where ``{prefix}`` stands; a listing or
    ``Feed`` with ``languages`` serves only those editions.
    ``article_url`` is a regular expression an article URL matches.
    ``sitemaps`` are sitemaps, Google News sitemaps or sitemap indexes (for
    agencies without listings or feeds, such as those that publish only a
    news sitemap); index children are followed on the agency's domains.
    ``archives`` are listings by date range (search or archive pages whose
    templates also hold ``{since}`` and ``{until}``): with ``-a since``/``-a
    until`` the spider reads them to backfill the range.
    The XPath tuples are tried in order; the first match wins.
    ``furniture`` adds whole-line phrases to the generic lexicon;
    ``signature_markers`` are role words of a closing correspondent signature;
    ``dateline_patterns`` add regular expressions (named groups ``place``,
    ``date``, ``agency``, ``author``) to the generic dateline shapes;
    ``settings`` are Scrapy settings for this agency's spider (politeness).
    """

    name: str
    title: str
    home: str
    domains: tuple[str, ...]
    editions: dict[str, str]
    default_language: str
    article_url: str
    listings: tuple[Listing, ...] = ()
    archives: tuple[Listing, ...] = ()
    feeds: tuple[str | Feed, ...] = ()
    sitemaps: tuple[str | Feed, ...] = ()
    timezone: str = "UTC"
    agency_names: tuple[str, ...] = ()
    headline_xpaths: tuple[str, ...] = ()
    body_xpaths: tuple[str, ...] = ()
    date_xpaths: tuple[str, ...] = ()
    date_formats: tuple[str, ...] = ()
    section_xpaths: tuple[str, ...] = ()
    tag_xpaths: tuple[str, ...] = ()
    prune_xpaths: tuple[str, ...] = ()
    furniture: tuple[str, ...] = ()
    signature_markers: tuple[str, ...] = ()
    dateline_patterns: tuple[str, ...] = ()
    settings: dict[str, object] = field(default_factory=dict)

    @cached_property
    def article_re(self) -> re.Pattern[str]:
        """The compiled article URL pattern."""
        return re.compile(self.article_url)

    def owns(self, url: str) -> bool:
        """True when ``url`` is on one of the agency's domains (or a subdomain)."""
        host = (urlsplit(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.domains)

    def is_article(self, url: str) -> bool:
        """True when ``url`` looks like one of the agency's article pages."""
        return bool(self.article_re.search(url))

    def __post_init__(self) -> None:
        """A listing or feed for an edition the profile does not have is a typo: say so."""
        for source in (*self.listings, *self.archives, *_as_feeds(self.feeds + self.sitemaps)):
            unknown = set(source.languages) - set(self.editions)
            if unknown:
                raise ValueError(
                    f"{self.name}: {source.url} names unknown edition(s) {sorted(unknown)}"
                )

    def listings_for(self, lang: str) -> tuple[Listing, ...]:
        """The latest-news listings of edition ``lang``."""
        return tuple(listing for listing in self.listings if listing.serves(lang))

    def archives_for(self, lang: str) -> tuple[Listing, ...]:
        """The date-range archives of edition ``lang``."""
        return tuple(archive for archive in self.archives if archive.serves(lang))

    def feeds_for(self, lang: str) -> tuple[str, ...]:
        """The feed templates of edition ``lang``."""
        return tuple(feed.url for feed in _as_feeds(self.feeds) if feed.serves(lang))

    def sitemaps_for(self, lang: str) -> tuple[str, ...]:
        """The sitemap templates of edition ``lang``."""
        return tuple(sitemap.url for sitemap in _as_feeds(self.sitemaps) if sitemap.serves(lang))

    def edition_urls(self, template: str, lang: str, **values: object) -> str:
        """Fill ``{prefix}`` for ``lang`` (and any ``values``); other placeholders stay."""
        return template.format_map(_Keep(prefix=self.editions[lang], **values))

    def language_of(self, url: str) -> str | None:
        """The language edition a URL belongs to, from its prefix."""
        parts = urlsplit(url)
        best: tuple[int, str | None] = (-1, None)
        for lang, prefix in self.editions.items():
            if prefix.startswith(("http://", "https://")):
                origin = urlsplit(prefix)
                here = parts.hostname == origin.hostname
                rest, path = origin.path.rstrip("/"), parts.path
            else:
                here, rest, path = True, prefix, parts.path
            inside = path == rest or path.startswith(rest + "/")
            if here and inside and len(prefix) > best[0]:
                best = (len(prefix), lang)
        return best[1]
