"""The standfirst: the summary paragraph a story shows between its headline and its text.

Extractors skip it, because pages set it in the article's ``<header>`` or
in a teaser block apart from the text container. But it is written for the
story ("Müdigkeit und Muskelschmerzen: Jede Impfung kann Nebenwirkungen
haben …"), and the page declares it as its description (``og:description``,
``<meta name=description>``, JSON-LD ``description``). So a declared
description that the page also shows, as one block of its own above the
story's first paragraph, opens the body.

Not taken: a description the body already holds (the lead paragraph is the
description on most agency pages), one shown only inside a link, a list,
navigation, a footer or a sidebar (a teaser of the story elsewhere on the
page), or one that only repeats the headline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extraction.page import CONTROL, Page, squash

_KEY_CHARS = 24  # the description's opening looked for in the page's text
_MIN_CHARS = 40  # shorter descriptions are labels ("Politik", "News from Baku")
_SLACK = (1.5, 40)  # the shown block may be this much longer (a dateline, a "…" cut)
_COVER = 0.9  # ... and must show at least this much of the description
_COVERED = 0.5  # share of the description's word triples the body has: it holds it already
# A standfirst is never inside these: links, lists and boxes hold teasers of
# stories; scripts, forms and labels are no text a reader sees as the story's.
_OUTSIDE = frozenset({"a", "li", "nav", "footer", "aside", "form", "button", "figcaption"}) | {
    *("script", "style", "noscript", "template", "title", "head", "option", "label", "time")
}


def standfirst(
    page: Page, lines: list[str], headline: str | None, first: HtmlElement | None = None
) -> str | None:
    """The page's shown standfirst when the body ``lines`` lack it, else None.

    ``first`` is the page's element of the first line, when the caller knows
    it: the search then reads only the text before it.
    """
    if not lines:
        return None
    text = " ".join(lines)
    title = _words(headline) if headline else None
    candidates = [t for t in _descriptions(page) if len(t) >= _MIN_CHARS and t not in text]
    if not candidates:
        return None  # the common case: the lead paragraph is the description
    have = _flat(text)
    texts = [t for t in candidates if not _held(t, have) and _words(t) != title]
    if not texts:
        return None
    if first is None:
        first = _element_with(page.tree, _key(lines[0]))
    for block in _shown_blocks(first if first is not None else page.tree, texts):
        if first is None or _precedes(block, first):
            shown = squash(block.text_content())
            return None if _held(shown, have) else shown
    return None


def _held(text: str, have: str) -> bool:
    """True when the body (``have``, as ``_flat`` words) holds most of ``text``'s word triples."""
    words = _words(text)
    grams = [f" {' '.join(words[i : i + 3])} " for i in range(max(1, len(words) - 2))]
    return sum(g in have for g in grams) >= _COVERED * len(grams)


def _descriptions(page: Page) -> list[str]:
    """The page's declared descriptions, distinct, in order of trust."""
    found = [
        page.first_meta("og:description"),
        page.first_meta("description"),
        page.first_meta("twitter:description"),
        page.jsonld.get("description") if isinstance(page.jsonld.get("description"), str) else None,
    ]
    return list(dict.fromkeys(squash(t) for t in found if t and squash(t)))


def _key(text: str) -> str:
    """The start of ``text`` to look for in the page, as an XPath string can hold it.

    Cut before a control character (a NUL from a JSON string, a form feed),
    which lxml refuses in an XPath variable: the part before it still finds
    the element.
    """
    return CONTROL.split(text[:_KEY_CHARS], maxsplit=1)[0]


def _element_with(tree: HtmlElement, key: str) -> HtmlElement | None:
    """The first element of the page's body whose own text contains ``key``."""
    if not key:
        return None
    for node in tree.xpath("//body//text()[contains(., $key)]", key=key):
        parent = node.getparent()
        if parent is not None and parent.tag not in _OUTSIDE:
            return parent
    return None


def _shown_blocks(start: HtmlElement, texts: list[str]) -> Iterator[HtmlElement]:
    """Blocks that show one of ``texts`` on their own (one walk of the page).

    ``start`` is the page's root (every text node is read) or the element of
    the body's first line (only the text before it is).
    """
    keyed = [(text, key) for text in texts if (key := _key(text))]
    if not keyed:
        return
    keys = {f"k{i}": key for i, (_, key) in enumerate(keyed)}
    whole = start.getparent() is None
    for node in _finder(len(keys), whole)(start, **keys):
        for text, key in keyed:
            if key in node:
                limit = _SLACK[0] * len(text) + _SLACK[1]
                block = _block(node.getparent(), text, limit)
                if block is not None:
                    yield block


@cache
def _finder(n: int, whole: bool) -> etree.XPath:
    """A compiled XPath for text nodes that contain one of ``$k0``..``$k{n-1}``.

    ``whole``: every text node of the page's body; else those before the
    context element (the ``preceding`` axis: not its ancestors' own text).
    """
    test = " or ".join(f"contains(., $k{i})" for i in range(n))
    nodes = "//body//text()" if whole else "preceding::text()"
    return etree.XPath(f"{nodes}[not(parent::script)][{test}]")


def _block(el: HtmlElement | None, text: str, limit: float) -> HtmlElement | None:
    """The smallest element from ``el`` up that shows all of ``text``, within ``limit``.

    Smallest, so that share buttons or a date beside the standfirst stay out;
    None when that element is (inside) a link, list item, navigation, footer,
    sidebar or form: a teaser of the story, not its standfirst.
    """
    need = _COVER * len(text)
    while el is not None and isinstance(el.tag, str):
        if el.tag in _OUTSIDE:
            return None
        shown = squash(el.text_content())
        if len(shown) >= need:
            if len(shown) > limit or text[:_KEY_CHARS] not in shown[: _KEY_CHARS + _SLACK[1]]:
                return None
            break
        el = el.getparent()
    if el is None or any(a.tag in _OUTSIDE for a in el.iterancestors()):
        return None
    return el


def _precedes(a: HtmlElement, b: HtmlElement) -> bool:
    """True when ``a`` ends before ``b`` starts in document order (neither holds the other)."""
    path_a = [a, *a.iterancestors()][::-1]
    path_b = [b, *b.iterancestors()][::-1]
    depth = 0
    while depth < min(len(path_a), len(path_b)) and path_a[depth] is path_b[depth]:
        depth += 1
    if depth in (len(path_a), len(path_b)):
        return False  # one contains the other
    parent = path_a[depth - 1]
    return parent.index(path_a[depth]) < parent.index(path_b[depth])


_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _flat(text: str) -> str:
    """``text`` as its case-folded words between single spaces, padded: for word-run lookups."""
    return f" {' '.join(_words(text))} "
