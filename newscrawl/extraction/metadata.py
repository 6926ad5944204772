"""Page metadata: headline, dates, authors, language, section, keywords, image, links.

Each function reads a parsed ``Page`` (meta tags, JSON-LD, the tree) and the
agency profile when there is one, and returns the record field's value.
The order of sources in each function is the documented preference of
docs/record.md.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

from newscrawl.extraction.body import Body
from newscrawl.extraction.dates import iso, parse_machine_date, parse_visible_date
from newscrawl.extraction.page import Page, squash
from newscrawl.profiles import AgencyProfile

_LANG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_].*)?$")
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$")


def headline(page: Page, profile: AgencyProfile | None) -> str | None:
    """The visible title; page metadata when the profile's selector misses."""
    if profile:
        text = page.xpath_text(profile.headline_xpaths)
        if text:
            return text
    for candidate in (
        squash(ld_str(page.jsonld.get("headline"))),
        squash(page.first_meta("og:title", "twitter:title")),
        page.xpath_text(["//article//h1", "//h1"]),
        _TITLE_SUFFIX.sub("", page.title or ""),
    ):
        if candidate:
            return candidate
    return None


def section(page: Page, profile: AgencyProfile | None) -> str | None:
    """The article's section: ``article:section``, else the profile's label."""
    section = page.first_meta("article:section") or ld_str(page.jsonld.get("articleSection"))
    if section:
        return squash(section)
    return page.xpath_text(profile.section_xpaths) if profile else None


def published(
    page: Page, profile: AgencyProfile | None, visible: str | None
) -> tuple[datetime | None, str | None]:
    """The publication date and the text it was read from (visible text first)."""
    tz = profile.timezone if profile else None
    for raw in (
        ld_str(page.jsonld.get("datePublished")),
        page.first_meta("article:published_time", "datepublished", "og:published_time"),
        page.first_meta("date", "dc.date", "dc.date.issued", "pubdate", "publishdate"),
    ):
        dt = parse_machine_date(raw, tz)
        if dt:
            return dt, visible or raw
    if visible and profile:
        dt = parse_visible_date(visible, profile.date_formats, tz, langs(page, profile))
        if dt:
            return dt, visible
    node = page.tree.xpath("//time[@datetime]")
    if node:
        dt = parse_machine_date(node[0].get("datetime"), tz)
        if dt:
            return dt, squash(node[0].text_content()) or node[0].get("datetime")
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
    """People who wrote the story: JSON-LD persons, meta author, dateline, signature."""
    names: list[str] = []
    for author in ld_list(page.jsonld.get("author")):
        if isinstance(author, dict):
            kind = str(author.get("@type", "Person"))
            if "Person" in kind:
                names.append(ld_str(author.get("name")) or "")
        elif isinstance(author, str):
            names.append(author)
    meta_author = page.first_meta("author", "article:author")
    if meta_author and not meta_author.startswith("http"):
        names.append(meta_author)
    if dateline and dateline.get("author"):
        names.append(dateline["author"])
    if body.signature_author:
        names.append(body.signature_author)
    orgs = {n.casefold() for n in org_names(page, profile)}
    seen: list[str] = []
    for name in (squash(n) for n in names):
        if name and name.casefold() not in orgs and name not in seen:
            seen.append(name)
    return [{"name": n} for n in seen] or None


def org_names(page: Page, profile: AgencyProfile | None) -> list[str]:
    """Names that denote the publisher, never a person."""
    names = [page.first_meta("og:site_name") or ""]
    if profile:
        names += [profile.title, *profile.agency_names]
    return [n for n in names if n]


def description(page: Page) -> str | None:
    """The page's summary line."""
    text = page.first_meta("description", "og:description", "twitter:description")
    return squash(text or ld_str(page.jsonld.get("description"))) or None


def keywords(page: Page, profile: AgencyProfile | None) -> list[str] | None:
    """Keywords from ``<meta name=keywords>``, else the page's tag links."""
    raw = page.first_meta("keywords", "news_keywords")
    if raw:
        words = [squash(w) for w in raw.split(",")]
    elif profile and profile.tag_xpaths:
        words = [squash(n.text_content()) for xp in profile.tag_xpaths for n in page.tree.xpath(xp)]
    else:
        words = []
    unique = list(dict.fromkeys(w for w in words if w))
    return unique or None


def main_image(page: Page) -> dict | None:
    """The lead image: ``og:image``, else the JSON-LD image."""
    url = page.first_meta("og:image", "og:image:url", "twitter:image")
    if not url:
        image = page.jsonld.get("image")
        image = image[0] if isinstance(image, list) and image else image
        url = image.get("url") if isinstance(image, dict) else image
    url = page.absolute(url) if isinstance(url, str) else None
    return {"url": url} if url else None


def translations(page: Page, language: str | None) -> list[dict] | None:
    """Other language editions of the same story, from hreflang alternates."""
    out = []
    for hreflang, href in page.alternates:
        code = hreflang.lower().split("-")[0]
        if code in ("x", "x-default") or hreflang.lower() == "x-default" or code == language:
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


def ld_list(value: object) -> list:
    """A JSON-LD value as a list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
