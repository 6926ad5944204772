"""The story of a client-rendered page, read from the data its scripts carry.

Some news sites (Next.js, Nuxt and similar frameworks) send a page whose
``<body>`` is an empty shell: the article's HTML travels inside a script as a
JavaScript or JSON string (``self.__next_f.push([1,"\\u003cp\\u003e..."])``,
``"contentHtml":"<p>..."``) and the browser renders it. An extractor that
reads only the markup finds nothing. When it does, the longest such string
holding several paragraphs is the article's HTML.
"""

from __future__ import annotations

import json
import re

from lxml import etree
from lxml.html import HtmlElement, fragment_fromstring

_JS_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')  # one double-quoted literal, escapes kept
_PARAGRAPH = re.compile(r"(?:<|\\u003c|\\x3c)p(?:[\s>]|\\u003e|\\x3e)", re.IGNORECASE)
_MIN_PARAGRAPHS = 3  # a string with fewer <p> is a teaser or a caption, not a story
_PLACEHOLDER = re.compile(r"\$\$[A-Z][A-Z0-9_]{1,40}\$\$")  # "$$ARTICLEAD$$" ad slots
_CAPTION_XPATH = "//*[contains(@class, 'caption')]"


def embedded_article(tree: HtmlElement) -> HtmlElement | None:
    """The article HTML carried in the page's scripts, parsed, or None."""
    best = ""
    for script in tree.iter("script"):
        if (script.get("type") or "").endswith("ld+json"):
            continue  # structured data: its articleBody is read elsewhere
        text = script.text or ""
        if len(_PARAGRAPH.findall(text)) < _MIN_PARAGRAPHS:
            continue
        for literal in _JS_STRING.finditer(text):
            html = _decoded(literal.group(1))
            if html and len(html) > len(best):
                best = html
    return _parse(best) if best else None


def _decoded(raw: str) -> str | None:
    """A string literal's value when it holds several paragraphs of HTML."""
    if len(_PARAGRAPH.findall(raw)) < _MIN_PARAGRAPHS:
        return None
    try:
        value = json.loads(f'"{raw}"')
    except ValueError:
        return None
    return _PLACEHOLDER.sub("", value) if isinstance(value, str) else None


def _parse(html: str) -> HtmlElement | None:
    """The HTML fragment under one ``<div>``, captions removed."""
    try:
        root = fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return None
    for caption in root.xpath(_CAPTION_XPATH):
        caption.drop_tree()
    return root
