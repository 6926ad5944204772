"""Turn an element (HTML, or trafilatura's XML body) into lines of text.

A line is one block of text (paragraph, heading, list item, table row, or a
run separated by ``<br>``), with what the cleaning rules need to know about
it: its kind, and how much of its text is link text. Link-only lines are
what related-story lists, "Read also" prompts and teaser grids are made of.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from newscrawl.extraction.page import squash

SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "form", "button", "select",
    "textarea", "input", "label", "figure", "figcaption", "aside", "nav", "footer",
    "svg", "canvas", "video", "audio", "object", "embed", "graphic", "fig",
})  # fmt: skip
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "blockquote", "pre", "table", "tr", "dl", "dt", "dd", "header", "main", "center", "hr",
    "head", "item", "list", "quote", "row", "code", "body", "doc",
})  # fmt: skip
BREAK_TAGS = frozenset({"br", "lb"})
LINK_TAGS = frozenset({"a", "ref"})
_KIND = {
    "h1": "head", "h2": "head", "h3": "head", "h4": "head", "h5": "head", "h6": "head",
    "head": "head", "li": "item", "item": "item", "dt": "item", "dd": "item",
    "tr": "row", "row": "row", "blockquote": "quote", "quote": "quote",
}  # fmt: skip
_CELL_TAGS = frozenset({"td", "th", "cell"})
SENTENCE_END = re.compile(r"[.!?…:;»\"”’)\]。！？]$")  # a line that ends like a sentence
_CARD_PARAGRAPHS = 2  # a link around more paragraphs than a teaser card holds is broken markup
# Screen-reader labels of links, hidden on screen but text in the markup:
# "Investoren(öffnet im neuen Fenster)".
_LINK_LABEL = re.compile(
    r"\s*\((?:öffnet (?:sich )?(?:im|in einem) neuen (?:fenster|tab)|"
    r"opens in (?:a )?new (?:window|tab)|external link|"
    r"s'ouvre dans (?:une nouvelle fenêtre|un nouvel onglet)|"
    r"se abre en (?:una )?nueva (?:ventana|pestaña)|si apre in una nuova (?:finestra|scheda)|"
    r"opent in (?:een )?nieuw (?:venster|tabblad))\)",
    re.IGNORECASE,
)


@dataclass
class Line:
    """One block of text and the features the cleaning rules use."""

    text: str
    kind: str = "p"
    link_chars: int = 0

    @property
    def link_ratio(self) -> float:
        """Share of the line's characters that are link text."""
        return self.link_chars / len(self.text) if self.text else 0.0


class _Collector:
    """Accumulates text runs into lines while walking the tree."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.kind = "p"

    def add(self, text: str | None, in_link: bool) -> None:
        if text:
            self.parts.append(text)
            if in_link:
                self.link_chars += len(squash(text))

    def flush(self) -> None:
        text = squash("".join(self.parts))
        if "(" in text:
            text = _LINK_LABEL.sub("", text)
        if text:
            self.lines.append(Line(text, self.kind, min(self.link_chars, len(text))))
        self.parts, self.link_chars = [], 0


INLINE_TAGS = frozenset({"ref", "hi", "a", "span", "b", "i", "em", "strong", "del", "sub", "sup"})


def mend_split_paragraphs(root: etree._Element) -> None:
    """Re-join paragraphs that trafilatura split around a link.

    trafilatura sometimes emits ``<p>text </p><ref>link</ref><p>, more text</p>``
    for one paragraph with a link in it; read as three lines, the link would
    look like a link-only line. Stray inline elements between paragraphs are
    moved back into the preceding paragraph, with the paragraph that follows.
    """
    for parent in list(root.iter()):
        children = list(parent)
        for child in children:
            prev = child.getprevious()
            if not isinstance(child.tag, str) or child.tag not in INLINE_TAGS:
                continue
            if prev is None or prev.tag != "p" or (prev.tail or "").strip():
                continue
            nxt = child.getnext()
            prev.append(child)  # the child's tail moves along with it
            if nxt is not None and nxt.tag == "p" and not _sentence_start(nxt.text):
                child.tail = (child.tail or "") + (nxt.text or "")
                for grandchild in list(nxt):
                    prev.append(grandchild)
                prev.tail = nxt.tail
                parent.remove(nxt)


def mend_link_led_paragraphs(root: etree._Element) -> None:
    """Re-join a paragraph that trafilatura cut just before a link inside it.

    Text written straight into a ``<div>`` between ``<br>`` tags comes out
    as ``<p>after the last i9</p><p><ref>MacBook Pro</ref>was released</p>``:
    the spaces around the link are lost too. A paragraph that opens with a
    link glued to lower-case text, after one that does not end a sentence,
    is the rest of that paragraph.
    """
    for para in list(root.iter("p")):
        prev = para.getprevious()
        link = para[0] if len(para) else None
        if link is None or link.tag not in INLINE_TAGS or (para.text or "").strip():
            continue
        if prev is None or prev.tag != "p" or (prev.tail or "").strip():
            continue
        tail = link.tail or ""
        if not tail[:1].islower() or SENTENCE_END.search(_last_text(prev)):
            continue
        link.tail = " " + tail
        if len(prev):
            prev[-1].tail = (prev[-1].tail or "").rstrip() + " "
        else:
            prev.text = (prev.text or "").rstrip() + " "
        prev.extend(list(para))
        prev.tail = para.tail
        para.getparent().remove(para)


def _last_text(node: etree._Element) -> str:
    """The text a paragraph ends with."""
    return "".join(node.itertext()).rstrip()


def _sentence_start(text: str | None) -> bool:
    """True when ``text`` begins like a new sentence (capital letter), not a continuation."""
    stripped = (text or "").lstrip()
    return bool(stripped) and stripped[0].isupper()


def element_lines(root: etree._Element) -> list[Line]:
    """Lines of text under ``root``, in document order."""
    out = _Collector()
    _walk(root, out, in_link=False)
    out.flush()
    return out.lines


def _walk(node: etree._Element, out: _Collector, in_link: bool) -> None:
    tag = node.tag if isinstance(node.tag, str) else ""
    if not tag or tag in SKIP_TAGS:
        return
    if tag in BREAK_TAGS:
        out.flush()
        return
    block = tag in BLOCK_TAGS
    if block:
        out.flush()
        out.kind = _KIND.get(tag, "p")
    link = in_link or (tag in LINK_TAGS and leaves_page(node) and not wraps_story(node))
    out.add(node.text, link)
    for child in node:
        _walk(child, out, link)
        if isinstance(child.tag, str) and child.tag in _CELL_TAGS:
            out.add(" | ", False)
        out.add(child.tail, in_link=link)
    if block:
        out.flush()
        out.kind = "p"


def wraps_story(link: etree._Element) -> bool:
    """True for a "link" around several paragraphs: an unclosed ``<a>`` swallowing the text.

    Browsers and lxml alike nest what follows an unclosed ``<a>`` inside it;
    the paragraphs are not link text. A teaser card holds one or two.
    """
    return sum(1 for _ in link.iter("p")) > _CARD_PARAGRAPHS


def leaves_page(link: etree._Element) -> bool:
    """A link to another page; a named anchor or a jump within the page is not one."""
    href = (link.get("target") or link.get("href") or "").strip()
    return bool(href) and not href.startswith(("#", "javascript:"))
