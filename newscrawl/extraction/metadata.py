"""Page metadata: headline, dates, authors, language, section, keywords, image, links.

Each function reads a parsed ``Page`` (meta tags, JSON-LD, the tree) and the
agency profile when there is one, and returns the record field's value.
The order of sources in each function is the documented preference of
docs/record.md.
"""

from __future__ import annotations

import html
import re
from datetime import datetime
from urllib.parse import urlsplit

from newscrawl.extraction.body import Body
from newscrawl.extraction.byline import Publisher, clean_names, find_authors, printed_names
from newscrawl.extraction.dates import iso, parse_machine_date, parse_visible_date
from newscrawl.extraction.headline import Titles, site_keys
from newscrawl.extraction.headline import titles as find_titles
from newscrawl.extraction.page import Page, squash
from newscrawl.extraction.pubdate import fallback_published, machine_published
from newscrawl.profiles import AgencyProfile

_LANG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_].*)?$")


def titles(page: Page, profile: AgencyProfile | None) -> Titles:
    """The headline (the profile's selector first, else the visible title confirmed by
    page metadata), a differently worded declared title, and the printed h1."""
    known = page.xpath_text(profile.headline_xpaths) if profile else None
    ld_headline = ld_str(page.jsonld.get("headline"))
    return find_titles(page, site_names(page, profile), ld_headline, known)


def section(page: Page, profile: AgencyProfile | None) -> str | None:
    """The article's section: ``article:section``, else the profile's label."""
    section = page.first_meta("article:section") or ld_str(page.jsonld.get("articleSection"))
    if section:
        return squash(section)
    return page.xpath_text(profile.section_xpaths) if profile else None


def published(
    page: Page, profile: AgencyProfile | None, visible: str | None
) -> tuple[datetime | None, str | None]:
    """The publication date and the text it was read from (visible text first).

    Order: the head's machine-readable dates; the agency's visible date;
    ``itemprop=datePublished`` and ``<time datetime>``; htmldate last.
    """
    tz = profile.timezone if profile else None
    found = machine_published(page, tz, known_site=profile is not None)
    if found and found.in_head:
        return found.when, visible or found.raw
    if visible and profile:
        dt = parse_visible_date(visible, profile.date_formats, tz, langs(page, profile))
        if dt:
            return dt, visible
    found = found or fallback_published(page, tz)
    if found:
        return found.when, visible or found.raw
    return None, visible


def modified(page: Page, tz: str | None) -> str | None:
    """The last-modified date, from JSON-LD or ``article:modified_time``."""
    for raw in (
        ld_str(page.jsonld.get("dateModified")),
        page.first_meta("article:modified_time", "og:updated_time", "datemodified"),
    ):
        dt = parse_machine_date(raw, tz)
        if dt:
            return iso(dt)
    return None


def language(page: Page, profile: AgencyProfile | None) -> str | None:
    """ISO 639-1 code from ``<html lang>``, else the URL's language edition."""
    m = _LANG.match(page.lang or "")
    if m and len(m.group(1)) == 2:
        return m.group(1).lower()
    if profile and page.url:
        return profile.language_of(page.url)
    return None


def langs(page: Page, profile: AgencyProfile | None) -> list[str]:
    """Languages to try when reading month names."""
    lang = language(page, profile)
    return [lang] if lang else []


def authors(
    page: Page, profile: AgencyProfile | None, dateline: dict | None, body: Body
) -> list[dict] | None:
    """People who wrote the story: JSON-LD, meta or byline, then dateline and signature.

    With none of the page's own author fields, a "By …" line the cleaner
    took from the top of the body names them ("by Xinhua writers Zhou Min, Gao Lei").
    """
    publisher = Publisher(
        site_names(page, profile), urlsplit(page.url).hostname if page.url else None
    )
    names = find_authors(page, publisher, resolve_ids(page, page.jsonld.get("author")))
    byline = body.printed_byline() if not names else None
    if byline:
        names = printed_names(byline, publisher)
    extra = [dateline.get("author") if dateline else None, body.signature_author]
    names += clean_names([n for n in extra if n], publisher)
    unique: dict[str, str] = {}
    for name in names:
        unique.setdefault(name.casefold(), name)
    return [{"name": n} for n in unique.values()] or None


def resolve_ids(page: Page, value: object) -> object:
    """JSON-LD ``{"@id": …}`` references replaced by the objects they point to."""
    if isinstance(value, list):
        return [resolve_ids(page, v) for v in value]
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id"):
        return page.jsonld_ids.get(value["@id"], value)
    return value


def site_names(page: Page, profile: AgencyProfile | None) -> list[str]:
    """The names the site calls itself by: ``og:site_name``, JSON-LD publisher, profile."""
    names = [
        page.first_meta("og:site_name") or "",
        page.first_meta("application-name") or "",
        ld_str(page.jsonld.get("publisher")) or "",
    ]
    if profile:
        names += [profile.title, *profile.agency_names]
    return [n for n in names if n]


def self_names(page: Page, profile: AgencyProfile | None) -> list[str]:
    """``site_names`` and the main label of the site's domain ("ascom" for www.ascom.com)."""
    names = site_names(page, profile)
    _, domain = site_keys(page, names)
    return [*names, domain] if domain else names


def description(page: Page) -> str | None:
    """The page's summary line."""
    text = page.first_meta("description", "og:description", "twitter:description")
    return squash(text or ld_str(page.jsonld.get("description"))) or None


# A CMS's routing tag rather than a word for readers: "@river", "_Prio_3", "channel_other",
# a UUID, "Day: Friday", "sections/sverige", or no word at all ('"').
_MACHINE_TAG = re.compile(
    r"^[@_]|^[\w.-]+_[\w.-]+$|^[0-9a-f]{8}-[0-9a-f]{4}-|^[\w ]{1,30}:\s|"
    r"^[a-z0-9-]+/[a-z0-9/_-]+$|^[\W_]+$"
)


def keywords(page: Page, profile: AgencyProfile | None) -> list[str] | None:
    """The keywords of the first source that has any, in this order.

    ``<meta name=keywords>`` (or ``news_keywords``), the ``article:tag``
    metas, JSON-LD ``keywords`` (a comma list or a list), and the tag links
    a profile names: many sites fill only one of them. A CMS's own routing
    tags ("@river", "channel_other", "Day: Friday", a UUID) are no keywords.
    """
    declared = page.jsonld.get("keywords")
    sources = (
        lambda: _split([page.first_meta("keywords", "news_keywords")]),
        lambda: _split(page.metas("article:tag")),
        lambda: _split(declared if isinstance(declared, list) else [declared]),
        lambda: [n.text_content() for xp in _tag_xpaths(profile) for n in page.tree.xpath(xp)],
    )
    for source in sources:
        words = (squash(w) for w in source())
        unique = list(dict.fromkeys(w for w in words if w and not _MACHINE_TAG.search(w)))
        if unique:
            return unique
    return None


def _split(values: list) -> list[str]:
    """Comma lists as their items ("a, b" and ["a", "b, c"]), entities decoded."""
    return [html.unescape(w) for v in values if isinstance(v, str) for w in v.split(",")]


def _tag_xpaths(profile: AgencyProfile | None) -> tuple[str, ...]:
    return profile.tag_xpaths if profile else ()


def main_image(page: Page) -> dict | None:
    """The lead image: ``og:image``, else the JSON-LD image."""
    url = page.first_meta("og:image", "og:image:url", "twitter:image")
    if not url:
        image = page.jsonld.get("image")
        image = image[0] if isinstance(image, list) and image else image
        url = image.get("url") if isinstance(image, dict) else image
    url = page.web_url(url) if isinstance(url, str) else None
    return {"url": url} if url else None


def translations(page: Page, language: str | None) -> list[dict] | None:
    """Other language editions of the same story, from hreflang alternates."""
    out = []
    for hreflang, href in page.alternates:
        m = _LANG.match(hreflang)
        code = m.group(1).lower() if m else ""
        if len(code) != 2 or code == language:  # "x-default", "123", three-letter codes
            continue
        out.append({"inLanguage": code, "url": href})
    return out or None


def publisher(page: Page, profile: AgencyProfile | None) -> dict | None:
    """The agency from its profile, else the site's own name and origin."""
    if profile:
        return {"name": profile.title, "url": profile.home}
    if not page.url:
        return None
    parts = urlsplit(page.url)
    name = page.first_meta("og:site_name") or parts.hostname
    return {"name": name, "url": f"{parts.scheme}://{parts.netloc}/"} if name else None


def ld_str(value: object) -> str | None:
    """A JSON-LD value as a string (first of a list, ``name`` of an object)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    return value if isinstance(value, str) and value.strip() else None
