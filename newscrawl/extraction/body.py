"""The article body: locate it, turn it into lines, and strip what is not article.

Where the agency profile names the body container, that node is read
directly (its markup is known); otherwise trafilatura finds the main text.
Either way the same line rules then remove furniture, repeated metadata
(title, date, category) and a closing correspondent signature.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import trafilatura
from lxml.html import HtmlElement

from newscrawl.extraction.furniture import is_furniture, opens_tail
from newscrawl.extraction.page import Page, squash
from newscrawl.profiles.base import AgencyProfile

_SKIP_TAGS = {
    "script", "style", "noscript", "template", "iframe", "form", "button", "select",
    "textarea", "input", "label", "figure", "figcaption", "aside", "nav", "footer",
    "svg", "canvas", "video", "audio", "object", "embed",
}  # fmt: skip
_BLOCK_TAGS = {
    "p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "blockquote", "pre", "table", "tr", "dl", "dt", "dd", "header", "main", "center", "hr",
}  # fmt: skip
_TAIL_WINDOW = 12  # tail furniture is only looked for in the last lines
_SENTENCE_END = re.compile(r"[.!?…:;»\"”’)\]]$")
_DATEISH = re.compile(r"^[\W\d_]*\d{1,4}[./:\-]\d{1,2}(?:[./:\-]\d{1,4})?[\W\d_]*$", re.UNICODE)


@dataclass
class Body:
    """Lines of article text and what was learned while cleaning them."""

    lines: list[str]
    source: str
    signature_author: str | None = None
    removed: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Paragraphs joined by one newline."""
        return "\n".join(self.lines)


def extract_body(
    page: Page,
    profile: AgencyProfile | None,
    repeats: tuple[str | None, ...] = (),
) -> Body:
    """Clean body lines for ``page``; ``repeats`` are metadata lines not to keep."""
    node = _profile_node(page.tree, profile)
    if node is not None:
        body = Body(lines=node_lines(node), source="profile")
    else:
        body = Body(lines=_trafilatura_lines(page, profile), source="trafilatura")
    clean_lines(body, profile, repeats)
    return body


def _profile_node(tree: HtmlElement, profile: AgencyProfile | None) -> HtmlElement | None:
    """The body container named by the profile, pruned of its known furniture."""
    if profile is None:
        return None
    for xp in profile.body_xpaths:
        found = tree.xpath(xp)
        if found:
            node = found[0]
            for junk_xp in profile.prune_xpaths:
                for junk in node.xpath("." + junk_xp if junk_xp.startswith("//") else junk_xp):
                    _drop(junk)
            return node
    return None


def _drop(node: HtmlElement) -> None:
    """Remove ``node`` but keep its tail text in place."""
    parent = node.getparent()
    if parent is not None:
        node.drop_tree()


def node_lines(node: HtmlElement) -> list[str]:
    """The text of ``node`` as lines: one per block element or ``<br>``."""
    parts: list[str] = []
    _walk(node, parts)
    return [line for line in (squash(x) for x in "".join(parts).split("\n")) if line]


def _walk(node: HtmlElement, parts: list[str]) -> None:
    """Depth-first text collection with newlines at block and ``<br>`` edges."""
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag in _SKIP_TAGS or tag == "":
        return
    if tag == "br":
        parts.append("\n")
        return
    block = tag in _BLOCK_TAGS
    if block:
        parts.append("\n")
    if node.text:
        parts.append(node.text)
    for child in node:
        _walk(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append("\n")


def _trafilatura_lines(page: Page, profile: AgencyProfile | None) -> list[str]:
    """Main text found by trafilatura on the whole page, as lines."""
    text = trafilatura.extract(
        page.tree,
        url=page.url,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
        prune_xpath=list(profile.prune_xpaths) if profile else None,
    )
    lines = (squash(x) for x in (text or "").split("\n"))
    return [line.removeprefix("- ") for line in lines if line and line != "-"]


def clean_lines(body: Body, profile: AgencyProfile | None, repeats: tuple[str | None, ...]) -> None:
    """Apply the line rules in place: metadata repeats, furniture, tail, signature."""
    phrases = profile.furniture if profile else ()
    _drop_leading_repeats(body, repeats)
    kept = []
    for line in body.lines:
        (body.removed if is_furniture(line, phrases) else kept).append(line)
    body.lines = kept
    _cut_tail(body)
    markers = profile.signature_markers if profile else ()
    body.signature_author = _cut_signature(body, markers, profile.agency_names if profile else ())


def _drop_leading_repeats(body: Body, repeats: tuple[str | None, ...]) -> None:
    """Remove title, date, views and category lines that precede the text."""
    wanted = {squash(r).casefold() for r in repeats if r}
    while body.lines:
        line = body.lines[0]
        if line.casefold() in wanted or _DATEISH.match(line) or line.isdigit():
            body.removed.append(body.lines.pop(0))
        else:
            break


def _cut_tail(body: Body) -> None:
    """Drop a trailing related-news/tags block and bare time or count lines."""
    start = max(0, len(body.lines) - _TAIL_WINDOW)
    for i in range(start, len(body.lines)):
        if i > 0 and opens_tail(body.lines[i]):
            body.removed.extend(body.lines[i:])
            del body.lines[i:]
            break
    while body.lines and (_DATEISH.match(body.lines[-1]) or body.lines[-1].isdigit()):
        body.removed.append(body.lines.pop())


def _cut_signature(body: Body, markers: tuple[str, ...], agencies: tuple[str, ...]) -> str | None:
    """Remove a closing correspondent signature; return the correspondent's name.

    A signature is a run of at most four short lines at the very end, none of
    which ends like a sentence, one of which names the role (``markers``) or
    the agency: "Emil Hüseynli / AZƏRTAC-ın xüsusi müxbiri / Kiyev".
    """
    if not markers or len(body.lines) < 2:
        return None
    lines = body.lines
    for size in (3, 2, 4, 1):
        if size >= len(lines):
            continue
        block = lines[-size:]
        if size == 1:
            block = [p.strip() for p in block[0].split("/")]
        if not all(_short_unpunctuated(x) for x in block):
            continue
        low = [x.casefold() for x in block]
        if not any(m.casefold() in x for m in markers for x in low):
            continue
        name = block[0]
        if any(m.casefold() in name.casefold() for m in (*markers, *agencies)):
            return None
        body.removed.extend(lines[-size:])
        del lines[-size:]
        return name
    return None


def _short_unpunctuated(line: str) -> bool:
    """A line of at most six words that does not end like a sentence."""
    return 0 < len(line.split()) <= 6 and not _SENTENCE_END.search(line)
