"""Parse a page once and collect the machine-readable metadata it carries.

Everything downstream (headline, dates, body location) reads from one
``Page``: the lxml tree plus its ``<meta>`` tags, JSON-LD objects, canonical
link and hreflang alternates, gathered in a single pass.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin

from lxml.html import HtmlElement

from newscrawl.extraction.encoding import decode_html

_ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "blogposting",
    "liveblogposting",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "report",
    "webpage",
}
_URL_DROPPED = re.compile(r"[\t\n\r]")  # what the WHATWG URL parser removes
_URL_SPACE = re.compile(r"[\s\ufeff]")  # ``\s`` as JSON Schema (ECMA) reads it
_WEB_URL = re.compile(r"https?://[^/?#\s]")
# soft hyphen, zero-width space/joiners, word joiner, byte-order mark: nothing on screen
INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")
# Control characters that are never text and that lxml refuses in a tree or an XPath
# string (C0 controls but tab and newlines, DEL, U+FFFE/U+FFFF): a NUL from a JSON string.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def squash(text: str | None) -> str:
    """Collapse all whitespace (including no-break spaces) to single spaces.

    ``str.split()`` splits on exactly what ``\\s`` matches, no-break spaces
    included, at a quarter of a regular expression's cost.
    """
    return " ".join(text.split()) if text else ""


def visible(text: str) -> bool:
    """Whether ``text`` shows anything: a character that is neither space nor invisible.

    Python's ``str.isspace`` and JSON Schema's (ECMA) ``\\s`` disagree on a few
    characters (U+FEFF is a space only to ECMA, U+001C-U+001F and U+0085 only to
    Python); a string with a character outside both sets matches the
    schema's ``\\S`` under either reading.
    """
    return any(not c.isspace() and c not in INVISIBLE_CHARS for c in text)


@dataclass
class Page:
    """A parsed page and the metadata found in its head and JSON-LD."""

    tree: HtmlElement
    url: str | None
    meta: dict[str, str] = field(default_factory=dict)
    # every value of a ``<meta>`` key that occurs more than once (``article:author`` is an
    # array in Open Graph: one tag per author), in page order; ``meta`` keeps the first
    repeated: dict[str, list[str]] = field(default_factory=dict)
    jsonld: dict = field(default_factory=dict)
    jsonld_ids: dict[str, dict] = field(default_factory=dict)
    canonical: str | None = None
    alternates: list[tuple[str, str]] = field(default_factory=list)
    lang: str | None = None
    title: str | None = None

    def metas(self, name: str) -> list[str]:
        """Every distinct value of the ``<meta>`` key ``name``, in page order."""
        name = name.lower()
        if name in self.repeated:
            return self.repeated[name]
        value = self.meta.get(name)
        return [value] if value else []

    def first_meta(self, *names: str) -> str | None:
        """The first non-empty ``<meta>`` content among ``names``."""
        for name in names:
            value = self.meta.get(name.lower())
            if value:
                return value
        return None

    def absolute(self, link: str | None) -> str | None:
        """``link`` resolved against the page URL (unchanged when no URL is known).

        None when it cannot be resolved: pages carry broken links such as
        ``http://[::1``, on which ``urljoin`` raises, and links of nothing but
        a zero-width space, which would resolve to the page's folder.
        """
        if not link or not visible(link):
            return None
        link = link.strip()
        try:
            return urljoin(self.url, link) if self.url else link
        except ValueError:
            return None

    def web_url(self, link: str | None) -> str | None:
        """``link`` as an absolute http(s) URL fit for a record field, or None.

        Read as a browser reads an ``href``: tabs and newlines inside it are
        dropped and other whitespace is percent-encoded. Other schemes
        (``javascript:``, ``data:``) and links that do not resolve to a host
        are no web page, so a record never carries them.
        """
        url = self.absolute(_URL_DROPPED.sub("", link) if link else None)
        if not url:
            return None
        url = _URL_SPACE.sub(lambda m: quote(m.group()), url)
        return url if _WEB_URL.match(url) else None

    def xpath_text(self, xpaths: tuple[str, ...] | list[str]) -> str | None:
        """Text of the first element matched by any of ``xpaths``, squashed."""
        for xp in xpaths:
            for node in self.tree.xpath(xp):
                text = squash(node if isinstance(node, str) else " ".join(node.itertext()))
                if text:
                    return text
        return None


def parse_page(
    html: bytes | str, url: str | None = None, encoding: str | None = None
) -> Page | None:
    """Parse ``html`` (bytes in any encoding, or str) into a ``Page``.

    ``encoding`` is what the HTTP header declared, one piece of evidence among
    others (see ``decode_html``). Returns None when the input is not HTML at
    all (empty, binary, unparseable).
    """
    if not html:
        return None
    from trafilatura.utils import load_html  # here: importers of ``squash`` skip trafilatura

    if isinstance(html, bytes):
        html, _ = decode_html(html, encoding)
    try:
        tree = load_html(html)
    except (ValueError, TypeError):
        return None
    if tree is None or not isinstance(tree, HtmlElement):
        return None
    page = Page(tree=tree, url=url)
    _read_head(page)
    page.jsonld, page.jsonld_ids = _article_jsonld(tree)
    return page


def _read_head(page: Page) -> None:
    """Collect meta tags, canonical, hreflang alternates, lang and title."""
    tree = page.tree
    for node in tree.iter("meta"):
        key = node.get("property") or node.get("name") or node.get("itemprop")
        content = node.get("content")
        if key and content and content.strip():
            key, content = key.strip().lower(), content.strip()
            first = page.meta.setdefault(key, content)
            if first != content and content not in page.repeated.setdefault(key, [first]):
                page.repeated[key].append(content)
    for node in tree.iter("link"):
        rel = (node.get("rel") or "").lower().split()
        href = node.get("href")
        if not href:
            continue
        if "canonical" in rel and page.canonical is None:
            page.canonical = page.web_url(href)
        elif "alternate" in rel and node.get("hreflang") and (alternate := page.web_url(href)):
            page.alternates.append((node.get("hreflang").strip(), alternate))
    lang = tree.get("lang") or tree.get("xml:lang") or page.meta.get("content-language")
    page.lang = lang.strip() if lang and lang.strip() else None
    title = tree.find(".//title")
    page.title = squash(title.text_content()) if title is not None else None


def _article_jsonld(tree: HtmlElement) -> tuple[dict, dict[str, dict]]:
    """The most article-like JSON-LD object on the page (or an empty dict), and
    every object that has an ``@id``, to resolve references such as
    ``"author": {"@id": "#/schema/person/1"}``.
    """
    best: dict = {}
    ids: dict[str, dict] = {}
    best_rank = -1
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, TypeError):
            continue
        for obj in _walk_jsonld(data):
            if isinstance(obj.get("@id"), str) and len(obj) > 1:
                ids.setdefault(obj["@id"], obj)
            rank = _jsonld_rank(obj)
            if rank > best_rank:
                best, best_rank = obj, rank
    return (best if best_rank > 0 else {}), ids


def _walk_jsonld(data: object, depth: int = 0):
    """Yield every JSON-LD object, descending into lists and @graph."""
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk_jsonld(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if isinstance(data.get(key), list | dict):
                yield from _walk_jsonld(data[key], depth + 1)


def _jsonld_rank(obj: dict) -> int:
    """How article-like a JSON-LD object is: news types beat WebPage."""
    types = obj.get("@type")
    types = types if isinstance(types, list) else [types]
    names = {str(t).lower() for t in types if t}
    if not names & _ARTICLE_TYPES:
        return 0
    rank = 1 if names <= {"webpage"} else 3
    if obj.get("headline"):
        rank += 1
    if obj.get("datePublished"):
        rank += 1
    return rank
