"""``extract_article``: one HTML page in, one clean article record out.

A pure function (no network, no Scrapy) so that it can be used on saved
pages, in notebooks and in worker processes alike. The spider adds only what
a page cannot know about itself (download time, spider name).
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urlsplit

from newscrawl.extraction.body import Body, extract_body
from newscrawl.extraction.dateline import find_dateline
from newscrawl.extraction.dates import (
    iso,
    parse_machine_date,
    parse_visible_date,
    resolve_day_month,
)
from newscrawl.extraction.page import Page, parse_page, squash
from newscrawl.profiles import AgencyProfile, profile_for_url

_LANG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_].*)?$")
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$")


def extract_article(html: bytes | str, url: str | None = None) -> dict | None:
    """Clean article text and metadata from one page.

    ``html`` is the page as bytes (any declared encoding) or str; ``url`` is
    where it came from, which selects agency rules and resolves relative
    links. Returns a record following ``newscrawl/schema/article.schema.json``
    (without the crawl-only ``metadata.dateDownloaded``/``spider``), or None
    when the input is not an HTML page at all. A page that is HTML but holds
    no article text yields a record with ``articleBody`` None, so the caller
    can reject it with a reason.
    """
    page = parse_page(html, url)
    if page is None:
        return None
    profile = profile_for_url(url)
    tz = profile.timezone if profile else None
    headline = _headline(page, profile)
    section = _section(page, profile)
    visible_date = page.xpath_text(profile.date_xpaths) if profile else None
    published, published_raw = _published(page, profile, visible_date)
    body = extract_body(page, profile, repeats=(headline, section, visible_date, page.title))
    language = _language(page, profile)
    dateline = _dateline(body, profile, published, language)
    record = {
        "url": url,
        "canonicalUrl": page.canonical or page.absolute(page.first_meta("og:url")) or url,
        "headline": headline,
        "articleBody": body.text or None,
        "description": _description(page),
        "datePublished": iso(published) if published else None,
        "dateModified": _modified(page, tz),
        "datePublishedRaw": published_raw,
        "authors": _authors(page, profile, dateline, body),
        "inLanguage": language,
        "articleSection": section,
        "keywords": _keywords(page, profile),
        "mainImage": _main_image(page),
        "dateline": dateline,
        "translations": _translations(page, language),
        "publisher": _publisher(page, profile),
        "metadata": {"contentHash": content_hash(body.text), "extractor": extractor_id()},
    }
    return record


def content_hash(text: str | None) -> str | None:
    """``sha256:`` of the body with whitespace and case normalised."""
    if not text:
        return None
    norm = " ".join(text.casefold().split())
    return "sha256:" + hashlib.sha256(norm.encode("utf-8")).hexdigest()


@cache
def extractor_id() -> str:
    """Versions of the code that produced a record, for reproducibility."""

    def ver(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "unknown"

    return f"newscrawl/{ver('newscrawl')} trafilatura/{ver('trafilatura')}"


def _headline(page: Page, profile: AgencyProfile | None) -> str | None:
    """The visible title; page metadata when the profile's selector misses."""
    if profile:
        text = page.xpath_text(profile.headline_xpaths)
        if text:
            return text
    for candidate in (
        squash(_ld_str(page.jsonld.get("headline"))),
        squash(page.first_meta("og:title", "twitter:title")),
        page.xpath_text(["//article//h1", "//h1"]),
        _TITLE_SUFFIX.sub("", page.title or ""),
    ):
        if candidate:
            return candidate
    return None


def _section(page: Page, profile: AgencyProfile | None) -> str | None:
    """The article's section: ``article:section``, else the profile's label."""
    section = page.first_meta("article:section") or _ld_str(page.jsonld.get("articleSection"))
    if section:
        return squash(section)
    return page.xpath_text(profile.section_xpaths) if profile else None


def _published(
    page: Page, profile: AgencyProfile | None, visible: str | None
) -> tuple[datetime | None, str | None]:
    """The publication date and the text it was read from (visible text first)."""
    tz = profile.timezone if profile else None
    for raw in (
        _ld_str(page.jsonld.get("datePublished")),
        page.first_meta("article:published_time", "datepublished", "og:published_time"),
        page.first_meta("date", "dc.date", "dc.date.issued", "pubdate", "publishdate"),
    ):
        dt = parse_machine_date(raw, tz)
        if dt:
            return dt, visible or raw
    if visible and profile:
        dt = parse_visible_date(visible, profile.date_formats, tz, _langs(page, profile))
        if dt:
            return dt, visible
    node = page.tree.xpath("//time[@datetime]")
    if node:
        dt = parse_machine_date(node[0].get("datetime"), tz)
        if dt:
            return dt, squash(node[0].text_content()) or node[0].get("datetime")
    return None, visible


def _modified(page: Page, tz: str | None) -> str | None:
    """The last-modified date, from JSON-LD or ``article:modified_time``."""
    for raw in (
        _ld_str(page.jsonld.get("dateModified")),
        page.first_meta("article:modified_time", "og:updated_time", "datemodified"),
    ):
        dt = parse_machine_date(raw, tz)
        if dt:
            return iso(dt)
    return None


def _language(page: Page, profile: AgencyProfile | None) -> str | None:
    """ISO 639-1 code from ``<html lang>``, else the URL's language edition."""
    m = _LANG.match(page.lang or "")
    if m and len(m.group(1)) == 2:
        return m.group(1).lower()
    if profile and page.url:
        return profile.language_of(page.url)
    return None


def _langs(page: Page, profile: AgencyProfile | None) -> list[str]:
    """Languages to try when reading month names."""
    lang = _language(page, profile)
    return [lang] if lang else []


def _dateline(
    body: Body, profile: AgencyProfile | None, published: datetime | None, lang: str | None
) -> dict | None:
    """The dateline parsed from the body's first line."""
    if not body.lines:
        return None
    found = find_dateline(body.lines[0], profile.agency_names if profile else ())
    if found is None:
        return None
    day = resolve_day_month(found.date_text, published, lang) if found.date_text else None
    return {
        "place": found.place,
        "date": day.isoformat() if day else None,
        "agency": found.agency,
        "author": found.author,
    }


def _authors(
    page: Page, profile: AgencyProfile | None, dateline: dict | None, body: Body
) -> list[dict] | None:
    """People who wrote the story: JSON-LD persons, meta author, dateline, signature."""
    names: list[str] = []
    for author in _ld_list(page.jsonld.get("author")):
        if isinstance(author, dict):
            kind = str(author.get("@type", "Person"))
            if "Person" in kind:
                names.append(_ld_str(author.get("name")) or "")
        elif isinstance(author, str):
            names.append(author)
    meta_author = page.first_meta("author", "article:author")
    if meta_author and not meta_author.startswith("http"):
        names.append(meta_author)
    if dateline and dateline.get("author"):
        names.append(dateline["author"])
    if body.signature_author:
        names.append(body.signature_author)
    orgs = {n.casefold() for n in _org_names(page, profile)}
    seen: list[str] = []
    for name in (squash(n) for n in names):
        if name and name.casefold() not in orgs and name not in seen:
            seen.append(name)
    return [{"name": n} for n in seen] or None


def _org_names(page: Page, profile: AgencyProfile | None) -> list[str]:
    """Names that denote the publisher, never a person."""
    names = [page.first_meta("og:site_name") or ""]
    if profile:
        names += [profile.title, *profile.agency_names]
    return [n for n in names if n]


def _description(page: Page) -> str | None:
    """The page's summary line."""
    text = page.first_meta("description", "og:description", "twitter:description")
    return squash(text or _ld_str(page.jsonld.get("description"))) or None


def _keywords(page: Page, profile: AgencyProfile | None) -> list[str] | None:
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


def _main_image(page: Page) -> dict | None:
    """The lead image: ``og:image``, else the JSON-LD image."""
    url = page.first_meta("og:image", "og:image:url", "twitter:image")
    if not url:
        image = page.jsonld.get("image")
        image = image[0] if isinstance(image, list) and image else image
        url = image.get("url") if isinstance(image, dict) else image
    url = page.absolute(url) if isinstance(url, str) else None
    return {"url": url} if url else None


def _translations(page: Page, language: str | None) -> list[dict] | None:
    """Other language editions of the same story, from hreflang alternates."""
    out = []
    for hreflang, href in page.alternates:
        code = hreflang.lower().split("-")[0]
        if code in ("x", "x-default") or hreflang.lower() == "x-default" or code == language:
            continue
        out.append({"inLanguage": code, "url": href})
    return out or None


def _publisher(page: Page, profile: AgencyProfile | None) -> dict | None:
    """The agency from its profile, else the site's own name and origin."""
    if profile:
        return {"name": profile.title, "url": profile.home}
    if not page.url:
        return None
    parts = urlsplit(page.url)
    name = page.first_meta("og:site_name") or parts.hostname
    return {"name": name, "url": f"{parts.scheme}://{parts.netloc}/"} if name else None


def _ld_str(value: object) -> str | None:
    """A JSON-LD value as a string (first of a list, ``name`` of an object)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    return value if isinstance(value, str) and value.strip() else None


def _ld_list(value: object) -> list:
    """A JSON-LD value as a list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
