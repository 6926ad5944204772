"""``extract_article``: one HTML page in, one clean article record out.

A pure function (no network, no Scrapy) so that it can be used on saved
pages, in notebooks and in worker processes alike. The spider adds only what
a page cannot know about itself (download time, spider name).
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from newscrawl.extraction import metadata as meta
from newscrawl.extraction.body import (
    Body,
    Removal,
    drop_author_bios,
    drop_publisher_blurb,
    extract_body,
)
from newscrawl.extraction.dateline import find_dateline
from newscrawl.extraction.dates import iso, resolve_day_month
from newscrawl.extraction.page import parse_page, visible
from newscrawl.extraction.standfirst import standfirst
from newscrawl.profiles import AgencyProfile, profile_for_url
from newscrawl.schema import SCHEMA_VERSION


def extract_article(
    html: bytes | str, url: str | None = None, *, encoding: str | None = None
) -> dict | None:
    """Clean article text and metadata from one page.

    ``html`` is the page as bytes (any encoding) or str; ``url`` is where it
    came from, which selects agency rules and resolves relative links;
    ``encoding`` is the charset an HTTP header declared, if any. Returns a
    record following ``newscrawl/schema/article.schema.json``
    (without the crawl-only ``metadata.dateDownloaded``/``spider``), or None
    when the input is not an HTML page at all. A page that is HTML but holds
    no article text yields a record with ``articleBody`` None, so the caller
    can reject it with a reason.
    """
    return explain_article(html, url, encoding=encoding)[0]


def explain_article(
    html: bytes | str, url: str | None = None, *, encoding: str | None = None
) -> tuple[dict | None, list[Removal]]:
    """``extract_article``'s record, plus each line the cleaner removed and by which rule.

    For finding out why a line is missing from a body: the rules are listed
    in ``newscrawl.extraction.body.RULES``. Lines trafilatura itself never
    returned (navigation, comments) are not listed: only our own removals.
    """
    page = parse_page(html, url, encoding)
    if page is None:
        return None, []
    profile = profile_for_url(url)
    tz = profile.timezone if profile else None
    titles = meta.titles(page, profile)
    headline = titles.headline
    section = meta.section(page, profile)
    visible_date = page.xpath_text(profile.date_xpaths) if profile else None
    published, published_raw = meta.published(page, profile, visible_date)
    declared = (meta.ld_str(page.jsonld.get("headline")), page.first_meta("og:title"))
    repeats = (headline, section, visible_date, page.title, *declared, titles.printed)
    body = extract_body(page, profile, repeats=repeats)
    language = meta.language(page, profile)
    dateline = _dateline(body, profile, published, language)
    authors = meta.authors(page, profile, dateline, body)
    body = drop_author_bios(body, [a["name"] for a in authors or [] if a.get("name")])
    body = drop_publisher_blurb(body, meta.self_names(page, profile))
    if body.source != "profile":  # a profile's body container already says what the story is
        lead = standfirst(page, body.lines, headline, body.first_node)
        if lead:
            body.lines.insert(0, lead)
    record = {
        "schemaVersion": SCHEMA_VERSION,
        "url": url,
        "canonicalUrl": page.canonical or page.web_url(page.first_meta("og:url")) or url,
        "headline": headline,
        "alternativeHeadline": titles.alternative,
        "articleBody": body.text or None,
        "description": meta.description(page),
        "datePublished": iso(published) if published else None,
        "dateModified": meta.modified(page, tz),
        "datePublishedRaw": published_raw,
        "authors": authors,
        "inLanguage": language,
        "articleSection": section,
        "keywords": meta.keywords(page, profile),
        "mainImage": meta.main_image(page),
        "dateline": dateline,
        "translations": meta.translations(page, language),
        "publisher": meta.publisher(page, profile),
        "metadata": {"contentHash": content_hash(body.text), "extractor": extractor_id()},
    }
    return {key: shown(value) for key, value in record.items()}, body.removed


def shown(value: object) -> object:
    """``value`` with strings that show nothing made missing, in lists and objects too.

    A page's ``<meta name="keywords" content="&#65279;, ships">`` or an author
    field holding only a zero-width space would otherwise be stored as a value
    a reader cannot see, and one of only U+FEFF fails the schema's ``\\S``
    for ECMA validators (ajv, jsonschema-rs) while Python's ``re`` passes it.
    The contract says missing is ``null``, never an empty-looking string; an
    object left with nothing but missing values is missing itself.
    """
    if isinstance(value, str):
        return value if visible(value) else None
    if isinstance(value, list):
        items = [item for item in map(shown, value) if item is not None]
        return items or None
    if isinstance(value, dict):  # an author or image whose one text shows nothing goes
        fields = {key: shown(item) for key, item in value.items()}
        return fields if any(item is not None for item in fields.values()) else None
    return value


def content_hash(text: str | None) -> str | None:
    """``sha256:`` of the body with whitespace and case normalised."""
    if not text:
        return None
    norm = " ".join(text.casefold().split())
    return "sha256:" + hashlib.sha256(norm.encode("utf-8")).hexdigest()


@cache
def extractor_id() -> str:
    """The code that produced a record: ``newscrawl/0.1.0+1a2b3c4d trafilatura/2.3.1 lxml/6.0.2``.

    For reproducibility, and for the crawl state, which tells an upgraded
    extractor's new text from a publisher's edit by it. The package version
    alone would not change between commits of an install from git, so the
    digest of the extraction code and agency profiles is part of it.
    """

    def ver(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "unknown"

    newscrawl = f"{ver('newscrawl')}+{code_digest()}"
    return f"newscrawl/{newscrawl} trafilatura/{ver('trafilatura')} lxml/{ver('lxml')}"


_PACKAGE = Path(__file__).resolve().parent.parent


def code_digest(package: Path = _PACKAGE) -> str:
    """Eight hex digits of SHA-256 over the sources that decide a record's content."""
    sources = sorted([*(package / "extraction").glob("*.py"), *(package / "profiles").glob("*.py")])
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()[:8]


def _dateline(
    body: Body, profile: AgencyProfile | None, published: datetime | None, lang: str | None
) -> dict | None:
    """The dateline parsed from the body's first line."""
    if not body.lines:
        return None
    names, extra = (profile.agency_names, profile.dateline_patterns) if profile else ((), ())
    found = find_dateline(body.lines[0], names, extra)
    if found is None:
        return None
    day = resolve_day_month(found.date_text, published, lang) if found.date_text else None
    return {
        "place": found.place,
        "date": day.isoformat() if day else None,
        "agency": found.agency,
        "author": found.author,
    }
