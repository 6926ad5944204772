"""The publication date: machine-readable sources first, with their real UTC offset.

Pages often state the date several times, and not always with a zone:
JSON-LD may say ``2023-04-28 18:11:01`` while ``<meta name=date>`` says
``2023-04-28T18:11:01+02:00``. Reading the first value in an assumed zone
would shift the instant, so a zone-less value borrows the offset of another
source that shows the same wall-clock time. Pages with no machine-readable
date at all fall back to htmldate (the URL, the visible text), on the rare
pages that need it only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from newscrawl.extraction.dates import parse_machine_date_offset, zone
from newscrawl.extraction.page import Page, squash

_META_PUBLISHED = (
    "article:published_time",
    "article:published:time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
)
_META_DATES = (
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
)
_PUBLISHED_ELEMENT = "//*[@itemprop='datePublished'][@content or @datetime]"


def _ld_value(value: object) -> str | None:
    """A JSON-LD date as a string (the first of a list)."""
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, str) and value.strip() else None


def machine_dates(page: Page) -> Iterator[tuple[str, str | None, bool]]:
    """``(raw, shown, in_head)`` publication dates in order of preference, read lazily.

    The head's (JSON-LD, ``<meta>``) come first, then the body's
    ``itemprop=datePublished`` and first ``<time datetime>``, whose ``shown``
    is the text the element displays.
    """
    ld = _ld_value(page.jsonld.get("datePublished"))
    for raw in (ld, page.first_meta(*_META_PUBLISHED), page.first_meta(*_META_DATES)):
        if raw:
            yield raw, None, True
    for node in page.tree.xpath(_PUBLISHED_ELEMENT)[:1]:
        yield node.get("content") or node.get("datetime"), None, False
    for node in page.tree.xpath("//time[@datetime]")[:1]:
        # the date and the time may be spans that only CSS sets apart
        yield node.get("datetime"), squash(" ".join(node.itertext())) or None, False


@dataclass(frozen=True)
class Found:
    """A publication date, the text it was read from, and whether the head gave it."""

    when: datetime
    raw: str
    in_head: bool


def machine_published(page: Page, tz: str | None, known_site: bool) -> Found | None:
    """The first machine-readable publication date, with a stated offset when one is given.

    A value without an offset takes the offset of a later source with the
    same wall-clock time; on an unknown site (no profile zone to trust) a
    later source with an offset on the same day is preferred outright.
    """
    first: Found | None = None
    for raw, shown, in_head in machine_dates(page):
        dt, has_offset = parse_machine_date_offset(raw, tz)
        if dt is None:
            continue
        if first is None:
            first = Found(dt, shown or raw, in_head)
            if has_offset:
                return first
        elif has_offset and _same_wall_time(first.when, dt):
            return Found(dt, first.raw, first.in_head)
        elif has_offset and not known_site and first.when.date() == dt.date():
            return Found(dt, shown or raw, first.in_head)
    return first


def _same_wall_time(naive: datetime, stated: datetime) -> bool:
    """True when two readings show the same local time to the minute."""
    return naive.replace(tzinfo=None, second=0, microsecond=0) == stated.replace(
        tzinfo=None, second=0, microsecond=0
    )


def fallback_published(page: Page, tz: str | None) -> Found | None:
    """htmldate's reading of the URL and page text, for pages with no machine date.

    Only the date and time htmldate reports are kept, read in ``tz``; its
    tree is a copy, so the page is not changed.
    """
    from htmldate import find_date  # imported lazily: needed on few pages

    try:
        found = find_date(
            page.tree,
            extensive_search=False,
            original_date=True,
            outputformat="%Y-%m-%dT%H:%M:%S",
            url=page.url,
        )
    except Exception:  # htmldate raises many types on odd pages
        return None
    if not found:
        return None
    return Found(datetime.fromisoformat(found).replace(tzinfo=zone(tz)), found, False)
