"""Recover article parts that the main-text extractor left out.

Many sites split one article into several sibling containers of the same
kind (``<div class="body__inner">`` × 5, separated by ads). Main-text
extractors pick the best container and drop its twins. Here the extracted
paragraphs are located in the original tree; siblings of their containers
that share the container's tag and class, and hold real paragraphs, are
read too, and their text is merged back in document order.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from newscrawl.extraction.lines import Line, element_lines, leaves_page, wraps_story
from newscrawl.extraction.page import squash

_MIN_PARAGRAPH = 40  # characters: shorter <p> are captions, labels, buttons
_MIN_TWIN_TEXT = 200  # characters of paragraph text a twin container needs
_WORDS = re.compile(r"\w+")
_LEVELS = 3  # how far above a paragraph its container's twins are looked for
_WRAPPER_LEVELS = 7  # ... and how far for twins of its wrappers that hold a twin container


def recover_twins(
    tree: HtmlElement, lines: list[Line], paragraphs: dict[str, HtmlElement]
) -> list[Line]:
    """``lines`` plus the paragraphs of twin containers the extractor skipped."""
    if not lines:
        return lines
    found = [paragraphs[line.text] for line in lines if line.text in paragraphs]
    if len(found) < 2:
        return lines
    containers = {a for p in found for a in list(p.iterancestors())[:_LEVELS]}
    twins = [t for c in containers for t in _twins(c) if t not in containers]
    twins += _wrapped_twins(found, containers)
    siblings = _sibling_paragraphs(found, {line.text for line in lines})
    if not twins and not siblings:
        return lines
    order = {el: i for i, el in enumerate(tree.iter())}
    extra: list[tuple[int, Line]] = []
    for twin in dict.fromkeys(twins):
        extra.extend((order.get(twin, 0), line) for line in element_lines(twin))
    for p in siblings:
        extra.extend((order.get(p, 0), line) for line in element_lines(p))
    placed = [(order.get(paragraphs.get(ln.text), -1), ln) for ln in lines]
    return _merge(placed, extra)


def paragraph_index(tree: HtmlElement) -> dict[str, HtmlElement]:
    """Each substantial ``<p>`` of the page by its squashed text (first wins)."""
    index: dict[str, HtmlElement] = {}
    for p in tree.iter("p"):
        text = squash(p.text_content())
        if len(text) >= _MIN_PARAGRAPH:
            index.setdefault(text, p)
    return index


def _twins(container: HtmlElement) -> list[HtmlElement]:
    """Siblings with the same tag and class that hold real paragraph text."""
    parent = container.getparent()
    cls = container.get("class")
    if parent is None or not cls:
        return []
    out = []
    for sibling in parent:
        if sibling is container or sibling.tag != container.tag or sibling.get("class") != cls:
            continue
        text = sum(len(squash(p.text_content())) for p in sibling.iter("p"))
        if text >= _MIN_TWIN_TEXT:
            out.append(sibling)
    return out


def _wrapped_twins(found: list[HtmlElement], containers: set[HtmlElement]) -> list[HtmlElement]:
    """Twins of the paragraphs' own container that sit deeper in twin wrappers.

    Some sites wrap each part of the story in the same stack of layout
    elements (``section.paywallAccess > div.row > div.col > div.content >
    div.articleBody``), so the twins are cousins, not siblings. A wrapper's
    twin counts only where it holds an element of the container's own tag and
    class (give or take a modifier class); a teaser row shaped like the
    story's row does not.
    """
    box = found[0].getparent()
    if box is None or not box.get("class") or any(p.getparent() is not box for p in found[:2]):
        return []
    tokens = set(box.get("class", "").split())
    out: list[HtmlElement] = []
    for wrapper in list(box.iterancestors())[_LEVELS - 1 : _WRAPPER_LEVELS]:
        for twin in _twins(wrapper):
            out.extend(
                el
                for el in twin.iter(box.tag)
                if el not in containers and _same_kind(tokens, set(el.get("class", "").split()))
            )
    return out


def _same_kind(a: set[str], b: set[str]) -> bool:
    """Class token sets of one kind of element, give or take modifiers ("-bottom-space")."""
    return bool(a and b) and (a <= b or b <= a)


def _merge(placed: list[tuple[int, Line]], extra: list[tuple[int, Line]]) -> list[Line]:
    """Insert the recovered lines among the extracted ones by document position.

    Extracted lines whose position is unknown keep their place relative to
    their known neighbours.
    """
    known = [text for pos, text in placed if pos >= 0]
    if not known:
        return [line for _, line in placed]
    seen = {line.text for _, line in placed}
    out: list[tuple[int, Line]] = []
    last = -1
    for pos, line in placed:
        last = pos if pos >= 0 else last
        out.append((last, line))
    for pos, line in extra:
        if line.text not in seen:
            seen.add(line.text)
            out.append((pos, line))
    out.sort(key=lambda item: item[0])
    return [line for _, line in out]


def drop_other_articles(
    tree: HtmlElement,
    lines: list[Line],
    headline: str | None,
    paragraphs: dict[str, HtmlElement],
) -> list[Line]:
    """Lines whose paragraph sits in another ``<article>`` than the story's own.

    Teaser boxes ("more posts", related stories) are often ``<article>``
    elements of their own beside the main one; extractors take their
    paragraphs for body text. Articles nested inside the main one are kept:
    sites use them for sections of the story too. The main article is the innermost
    ``<article>`` around the ``<h1>`` that carries the headline.
    """
    main = _headline_article(tree, headline)
    if main is None:
        return lines
    around_main = {main, *main.iterancestors("article")}
    kept = []
    for line in lines:
        p = paragraphs.get(line.text)
        home = next(p.iterancestors("article"), None) if p is not None else None
        # the main article, one wrapping it, or one inside it (a section) is the story
        if home is None or home in around_main or main in set(home.iterancestors("article")):
            kept.append(line)
    return kept


def _headline_article(tree: HtmlElement, headline: str | None) -> HtmlElement | None:
    """The innermost ``<article>`` holding the page's headline ``<h1>``, if any."""
    if not headline:
        return None
    wanted = _WORDS.findall(headline.casefold())
    for h1 in tree.iter("h1"):
        if wanted and _WORDS.findall(h1.text_content().casefold()) == wanted:
            return next(h1.iterancestors("article"), None)
    return None


_LINK_SOURCE_TAGS = ("li",)


def restore_link_share(
    tree: HtmlElement, lines: list[Line], paragraphs: dict[str, HtmlElement]
) -> list[Line]:
    """Give lines the link share their source element has in the original page.

    The extractor drops links whose markup it does not follow (an ``<a>``
    wrapping a whole teaser ``<li>`` with nested spans), so a related-story
    list reads as plain items. A list-item line whose source ``<li>`` is link
    text in the page is marked so (links within the page, ``#anchors``, do
    not count). Only list items are looked up: a page's sidebars hold
    hundreds of ``<li>``, and reading them all cost more than the rest.
    """
    wanted = {_bare(line.text) for line in lines if line.kind == "item" and line.link_ratio < 1.0}
    if not wanted:
        return lines
    sources: dict[str, HtmlElement] = {}
    for el in tree.iter(*_LINK_SOURCE_TAGS):
        text = _bare(el.text_content())
        if text in wanted:
            sources.setdefault(text, el)
    for line in lines:
        el = sources.get(_bare(line.text))
        if el is None:
            continue
        outer = next(el.iterancestors("a"), None)
        if outer is not None:
            linked = len(line.text) if leaves_page(outer) else 0
        else:
            linked = sum(len(_bare(a.text_content())) for a in el.iter("a") if leaves_page(a))
            linked = round(linked * len(line.text) / max(1, len(_bare(line.text))))
        line.link_chars = max(line.link_chars, min(linked, len(line.text)))
    return lines


def _bare(text: str) -> str:
    """``text`` without whitespace: spans set side by side lose or gain spaces."""
    return "".join(text.split())


_SIBLING_MIN = 80  # characters a skipped sibling paragraph needs to be story text


def _sibling_paragraphs(found: list[HtmlElement], have: set[str]) -> list[HtmlElement]:
    """``<p>`` and subheadings among the extracted ones (same parent, two or more) left out.

    trafilatura sometimes drops a plain ``<h2>`` set between two paragraphs it
    keeps ("Darum wartet Kiew ab"); it is part of the story's text.
    """
    counts: dict[HtmlElement, int] = {}
    for p in found:
        parent = p.getparent()
        if parent is not None:
            counts[parent] = counts.get(parent, 0) + 1
    out = []
    chosen = set(found)
    for parent, n in counts.items():
        if n < 2:
            continue
        children = list(parent)
        picked = [i for i, child in enumerate(children) if child in chosen]
        first, last = picked[0], picked[-1]
        for i, child in enumerate(children[:last]):  # after the last sit bios, promos
            if child not in chosen and _skipped_story(child, first < i, have):
                out.append(child)
    return out


def _skipped_story(child: HtmlElement, after_first: bool, have: set[str]) -> bool:
    """A story paragraph, or a subheading after the first extracted paragraph."""
    if child.tag == "p":
        return _story_paragraph(child, have)
    return after_first and child.tag in _SUBHEADS and _subheading(child, have)


_SUBHEADS = frozenset({"h2", "h3", "h4", "h5"})
_SUBHEAD_CHARS = (3, 150)


def _story_paragraph(p: HtmlElement, have: set[str]) -> bool:
    """A skipped ``<p>`` long enough and ending like a sentence."""
    text = squash(p.text_content())
    return len(text) >= _SIBLING_MIN and text not in have and text[-1:] in '.!?…"”»)'


def _subheading(heading: HtmlElement, have: set[str]) -> bool:
    """A skipped subheading set between extracted paragraphs, not a link (a teaser)."""
    text = squash(heading.text_content())
    low, high = _SUBHEAD_CHARS
    if not low <= len(text) <= high or text in have:
        return False
    return not any(squash(a.text_content()) for a in heading.iter("a"))


_CARD_LINK_SHARE = 0.8  # a hover card is at least this much link text
_CAPTION_CLASS = re.compile(r"caption|bildunterschrift|legende|legend", re.IGNORECASE)
_IMAGE_CLASS = re.compile(r"image|img|photo|bild|foto|picture|media|figure", re.IGNORECASE)
_BOX_CLASS = re.compile(r"fact-?box|info-?box|fakta|fakten", re.IGNORECASE)
_BOX_XPATH = (
    ".//*[contains(@class, 'fact') or contains(@class, 'Fact') or contains(@class, 'info')"
    " or contains(@class, 'Info') or contains(@class, 'fakt') or contains(@class, 'Fakt')]"
)
_BOX_ITEMS = 20  # paragraphs, items and headings; a bigger "box" is the story itself
_CAPTION_DEPTH = 3  # a caption's class sits on the <p> or on a wrapper close above it


def drop_side_content(
    tree: HtmlElement, lines: list[Line], paragraphs: dict[str, HtmlElement]
) -> list[Line]:
    """Lines that are a teaser card's excerpt, a fact box's text or an image caption.

    Related-story cards are often one ``<a>`` wrapping picture, headline and
    a long excerpt; the excerpt has no link of its own, so link share does
    not see it. Story paragraphs contain links; they are never inside one.
    trafilatura drops ``<figcaption>`` but not ``<p class="imageCaption">``,
    a ``<div class="wp-caption">`` or an image widget holding a picture and
    one line of text, so a caption reads as a paragraph of the story.
    """
    found = [p for p in (paragraphs.get(ln.text) for ln in lines) if p is not None]
    boxed = fact_box_texts(_story_region(found) if found else tree)
    kept = []
    for line in lines:
        p = paragraphs.get(line.text)
        if line.text not in boxed and not _inside_link(p) and not _is_caption(p):
            kept.append(line)
    return kept


def cut_inline_cards(
    lines: list[Line], paragraphs: dict[str, HtmlElement]
) -> tuple[list[Line], list[str]]:
    """Lines without the hover cards printed inside them, and the cards' texts.

    Some sites follow a person's name in a paragraph with a card shown on
    hover: the name again (linked to the same page), a photo and links to
    the latest stories about them. Hidden on screen, it is text in the HTML,
    so the paragraph reads "Rep. Ilhan OmarIlhan OmarHillicon Valley: …
    MORE (D-Minn.), the U.S. Attorney's Office …". Such a card is the element
    right after a link, with no text between, that holds two or more links,
    the first to the same address as that link (or starting with its text),
    and is mostly link text. Only the story's own paragraphs are looked at.
    """
    cut: list[str] = []
    out = []
    for line in lines:
        p = paragraphs.get(line.text)
        cards = _inline_cards(p) if p is not None else []
        text = line.text
        for card in cards:
            text = text.replace(card, "", 1)
        if cards and text != line.text:
            cut += cards
            line = Line(squash(text), line.kind, max(0, line.link_chars - sum(map(len, cards))))
        out.append(line)
    return out, cut


def _inline_cards(p: HtmlElement) -> list[str]:
    """Texts of the hover cards inside paragraph ``p`` (see ``cut_inline_cards``)."""
    cards = []
    for a in p.iter("a"):
        card = a.getnext()
        if card is None or card.tag == "a" or (a.tail or "").strip():
            continue
        links = list(card.iter("a"))
        if len(links) < 2:
            continue
        name, text = squash(a.text_content()), squash(card.text_content())
        same = a.get("href") and links[0].get("href") == a.get("href")
        if not (same or (name and text.startswith(name))) or len(text) <= len(name) + 20:
            continue
        if sum(len(squash(x.text_content())) for x in links) >= _CARD_LINK_SHARE * len(text):
            cards.append(text)
    return cards


def _story_region(found: list[HtmlElement]) -> HtmlElement:
    """The parent of the lowest element holding every located paragraph.

    Fact boxes sit inside the story's container or beside its text block;
    looking only there keeps the search to a small part of a large page.
    """
    chain = [found[0], *found[0].iterancestors()]
    depth = 0
    for p in found[1:]:
        above = {p, *p.iterancestors()}
        while chain[depth] not in above:
            depth += 1
    common = chain[depth]
    parent = common.getparent()
    return parent if parent is not None else common


def fact_box_texts(tree: HtmlElement) -> set[str]:
    """Texts of the paragraphs, items and headings of small fact boxes beside the story.

    "Fakten", "Infobox", "fact-box": background the reader may skip, which
    labelled sets leave out of the article text. A "box" of more than twenty
    paragraphs, items and headings is the story's own container, whatever its
    class says.
    """
    texts: set[str] = set()
    for box in tree.xpath(_BOX_XPATH):
        if box.tag in ("article", "main", "body") or not _BOX_CLASS.search(box.get("class")):
            continue
        parts = list(box.iter("p", "li", "h2", "h3", "h4", "h5", "h6", "dt", "dd"))
        if len(parts) <= _BOX_ITEMS:
            texts.update(t for t in (squash(el.text_content()) for el in parts) if t)
    return texts


def _inside_link(p: HtmlElement | None) -> bool:
    """True when ``p`` sits in a link that holds little else: a card, not a broken wrapper.

    An unclosed ``<a>`` in sloppy markup can swallow a whole story when
    parsed; such a "link" holds many paragraphs and is not a teaser.
    """
    link = next(p.iterancestors("a"), None) if p is not None else None
    return link is not None and not wraps_story(link)


def _is_caption(p: HtmlElement | None) -> bool:
    """True when ``p``, or a close wrapper holding no other paragraph, is a caption.

    That is: a ``<figcaption>``, an element classed as a caption, or an
    image-classed element with a picture in it.
    """
    if p is None:
        return False
    node: HtmlElement | None = p
    for _ in range(_CAPTION_DEPTH + 1):
        if node is None:
            return False
        if node.tag == "figcaption" or _CAPTION_CLASS.search(node.get("class") or ""):
            return True
        if _IMAGE_CLASS.search(node.get("class") or "") and _has_picture(node):
            return True
        node = node.getparent()
        if node is not None and sum(1 for _ in node.iter("p")) > 1:
            return False
    return False


def _has_picture(node: HtmlElement) -> bool:
    """True when ``node`` holds an image."""
    return next(node.iter("img", "picture", "figure"), None) is not None
