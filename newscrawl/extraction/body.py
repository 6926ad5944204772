"""The article body: locate it, turn it into lines, and strip what is not article.

Where the agency profile names the body container, that node is read
directly (its markup is known); otherwise trafilatura finds the main text.
Either way the same line rules then remove link lists, furniture, lines that
repeat page metadata (title, date, byline, category) and a closing
correspondent signature.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

import lxml.html
import trafilatura
from lxml.html import HtmlElement

from newscrawl.extraction import furniture
from newscrawl.extraction.hydration import embedded_article
from newscrawl.extraction.lines import (
    SENTENCE_END,
    Line,
    element_lines,
    mend_link_led_paragraphs,
    mend_split_paragraphs,
)
from newscrawl.extraction.page import CONTROL, Page, squash
from newscrawl.extraction.recover import (
    cut_inline_cards,
    drop_other_articles,
    drop_side_content,
    paragraph_index,
    recover_twins,
    restore_link_share,
)
from newscrawl.profiles.base import AgencyProfile

_EDGE = 3  # lines at the top and bottom where calls to action sit
_KICKER_TITLE_WORDS = 4  # a title this long repeated after a kicker is the header, not prose
_KICKER_CHARS = 60  # ... and the kicker before it is at most this many letters
_KICKER_WORDS = 5  # a label line above the title this short is its kicker
_KICKER_TAIL_WORDS = 3  # a title's end this long, printed without its kicker, is the title
_HEAD_WINDOW = 5  # metadata lines (title, byline, date) are looked for this far down
_PROSE_WORDS = 15  # ... but not past the first line this long, which is article text
_REPEAT_WORDS = 20  # a repeated line this long is a copy, not a refrain
_REFRAIN = 3  # a line this many times, with different lines after it, is a refrain
_COPY_WORDS = 60  # a line this long made of earlier text is a concatenated copy
_DECLARED_MIN = 500  # characters of a JSON-LD articleBody worth considering
_DECLARED_RATIO = 1.6  # ... when it has this many times the words we extracted
_DECLARED_AGREEMENT = 0.9  # ... and contains (nearly) all of them
_DECLARED_PARAGRAPHS = 3  # ... and keeps its paragraphs apart
_TEASER_LINES = 4  # a teaser list after a block opener has at least this many lines ...
_TEASER_WORDS = 30  # ... each a headline or a one-sentence summary
_TAIL_WINDOW = 16  # tail furniture blocks are only looked for in the last lines
_PROSE_AFTER_TAIL = 20  # words: a line this long after a block opener is story text
_LINK_LINE = 0.8  # a short line this much link text is a link, not prose
_LINK_LINE_WORDS = 25  # longer all-link paragraphs exist (deal posts): keep them
_LINK_RUN = 2  # this many short, mostly-link lines in a row are a related-stories list
_LINK_RUN_RATIO = 0.5  # ... each at least this much link text
_TEASERS = 3  # this many linked lines, each with a summary under it, ending the text: a news box
_DATEISH = re.compile(r"^[\W\d_]*\d{1,4}[./:\-]\d{1,2}(?:[./:\-]\d{1,4})?[\W\d_]*$", re.UNICODE)
_WORD = re.compile(r"\w+", re.UNICODE)
_DIGIT = re.compile(r"\d")
_NAME_LIST = re.compile(r"\s*(?:/|,|&|\band\b)\s*")  # "Jane Doe/John Roe"
_MIN_LINES_FOR_BYLINE = 3  # a name beside fewer paragraphs may be the story itself
_FAST_MIN_CHARS = 500  # a fast extraction shorter than this gets a second opinion,
_FAST_MIN_LINES = 3  # ... or one in fewer lines (a text dump, not paragraphs),
_FAST_MAX_LINK_SHARE = 0.3  # ... or with more link text than this,
_MENU_WORDS = 60  # ... or with a line of this many words per sentence,
_FAST_SHARE = (0.2, 5.0)  # ... or outside these multiples of the page's paragraph text
_MIN_BODY_WORDS = 5  # fewer words than any news flash: what is left of a page shell,
_MIN_BODY_CHARS = 16  # ... and fewer characters (a CJK sentence is one or two "words")
_EMBEDDED_RATIO = 3  # a script-borne story replaces a markup body this many times shorter
_FURNITURE_TAGS = frozenset({"aside", "nav", "footer", "header", "form", "li"})
# A hidden microdata block: the page's metadata written out for machines (keywords,
# publisher, dates), which trafilatura's fallback extractors read as text.
_HIDDEN_METADATA = "//*[@itemscope][contains(translate(@style, ' ', ''), 'display:none')]"
# Text for screen readers only, hidden on screen by a utility class ("sr-only",
# "visually-hidden", "VisuallyHidden", WordPress's "screen-reader-text", hashed
# "screen-reader-only__2Qb5H"):
# the ", opens new tab" of a link, "Advertisement", "Article continues below".
# (Tested on the class attribute itself: twice as fast as on every element's @class.)
_SCREEN_READER_ONLY = (
    "//*[@class[contains(., 'sr-only') or contains(., 'screen-reader') or contains(., 'isually')]]"
)
_MARKUP = re.compile(r"</?[a-zA-Z][^<>]*>|&(?:[a-zA-Z]{2,8}|#\d{1,7}|#x[0-9a-fA-F]{1,6});")
_TERMINATOR = re.compile(r"[.!?。！？…:;]")


class Removal(NamedTuple):
    """A line the cleaner took out, and the rule that took it (see ``RULES``)."""

    rule: str
    text: str


# Every rule that removes lines, so that a user can see why a line went
# (``explain_article``, ``newscrawl eval --audit``).
RULES = {
    "metadata": "a title, byline, date or label line among the first lines",
    "tail-block": "a related-news or tags block and what follows it, at the end",
    "tail-opener": "a block opener with story text after it (only the opener)",
    "tail-date": "a bare date, time or count line at the very end",
    "teaser-box": "a closing list of linked headlines with summaries",
    "link-run": "two or more short link lines in a row (related stories)",
    "link-line": "a short line that is mostly link text",
    "furniture": "a lexicon line: copyright, captcha, share, read-also, ...",
    "profile-furniture": "a phrase of the agency profile",
    "junk": "a script value, e-mail, handle, own or asset address, template",
    "edge-furniture": "a call to action or credit at the first or last lines",
    "repeat": "a second copy of a line, the headline again, a truncated teaser",
    "other-article": "text of another article on the page",
    "side-content": "a caption or fact box beside the story, a hover card inside a paragraph",
    "signature": "a closing correspondent signature",
    "bold-byline": "a paragraph of writers' names in bold",
    "author-bio": "a closing line introducing an author",
    "publisher-blurb": "a closing 'About' line of the publisher",
    "scrap": "a few words left of a page shell",
}


# "N a endlich": a capital alone before a lower-case letter, unless the capital is a word
# itself ("A man", "I was", "Y luego", "V Praze", "W poniedziałek", "О том"), where the
# space is right anyway
_SPLIT_INITIAL = re.compile(r"^(?![AIOEYUVZSKWÀÁÉÓАВИКОСУЯ] )[^\W\d_] [^\W\d_]")
_DROP_CAP_CLASSES = ("initial", "Initial", "drop", "Drop", "first-letter", "firstLetter")
_DROP_CAP_XPATH = (  # the class test first: it is cheap, the text length is not
    "//body//*[" + " or ".join(f"contains(@class, '{c}')" for c in _DROP_CAP_CLASSES) + "]"
    "[string-length(normalize-space(.)) = 1]"
)
_DROP_CAP_KEY = 40  # characters of a paragraph's start that identify it


@dataclass
class Body:
    """Lines of article text and what was learned while cleaning them."""

    lines: list[str]
    source: str
    signature_author: str | None = None
    removed: list[Removal] = field(default_factory=list)
    first_node: HtmlElement | None = None  # the page's <p> of the first line, when known

    @property
    def text(self) -> str:
        """Paragraphs joined by one newline."""
        return "\n".join(self.lines)

    def printed_byline(self) -> str | None:
        """The first "By …" line the cleaner took from the top of the text."""
        found = (
            r.text for r in self.removed if r.rule == "metadata" and furniture.is_byline(r.text)
        )
        return next(found, None)


def extract_body(
    page: Page,
    profile: AgencyProfile | None,
    repeats: tuple[str | None, ...] = (),
) -> Body:
    """Clean body lines for ``page``; ``repeats`` are metadata lines not to keep."""
    node = _profile_node(page.tree, profile)
    if node is not None:
        return clean_lines(element_lines(node), "profile", profile, repeats, page.url)
    paragraphs = paragraph_index(page.tree)  # one pass over the page's <p>, for both uses
    lines = _trafilatura_lines(page, profile, paragraphs)
    before = lines
    lines = drop_other_articles(page.tree, lines, repeats[0] if repeats else None, paragraphs)
    gone = _gone("other-article", before, lines)
    lines = restore_link_share(page.tree, lines, paragraphs)
    before = lines
    lines = drop_side_content(page.tree, lines, paragraphs)
    gone += _gone("side-content", before, lines)
    lines, cards = cut_inline_cards(lines, paragraphs)
    gone += [Removal("side-content", card) for card in cards]
    body = clean_lines(lines, "trafilatura", profile, repeats, page.url)
    body.removed[:0] = gone
    body = _prefer_declared_body(page, body, profile, repeats)
    if len(body.text) < _FAST_MIN_CHARS:  # an empty shell, or nearly: a client-rendered page?
        body = _embedded_body(page, profile, repeats, body) or body
    body.signature_author = body.signature_author or _cut_bold_byline(page.tree, body)
    body = _drop_scrap(body)
    body.first_node = paragraphs.get(body.lines[0]) if body.lines else None
    body.lines = mend_drop_caps(page.tree, body.lines)
    return body


def _split_initial(line: str) -> bool:
    """A line opening with a capital set apart from the lower-case rest of its word."""
    return bool(_SPLIT_INITIAL.match(line)) and line[0].isupper() and line[2].islower()


def mend_drop_caps(tree: HtmlElement, lines: list[str]) -> list[str]:
    """ "N a endlich!" as "Na endlich!": a drop cap the page set apart by a space.

    A paragraph's enlarged first letter sits in an element of its own
    (``class="initial-letter"``, ``drop-cap``); a space between that element
    and the rest is invisible on screen (the letter floats) but splits the
    first word in the text. Only lines that start with a lone letter before
    a lower-case one are looked up, and only where the page has such an
    element followed by a space before that very paragraph's text.
    """
    if not any(_split_initial(line) for line in lines):
        return lines
    split: set[str] = set()  # the openings of paragraphs whose drop cap has a space after it
    for cap in tree.xpath(_DROP_CAP_XPATH):
        top = cap
        while top.getparent() is not None and len(top.getparent().text_content().strip()) == 1:
            top = top.getparent()
        parent = top.getparent()
        if parent is not None and (top.tail or "")[:1].isspace():
            split.add(squash(parent.text_content())[:_DROP_CAP_KEY])
    if not split:
        return lines
    return [
        line[0] + line[2:] if line[:_DROP_CAP_KEY] in split and _split_initial(line) else line
        for line in lines
    ]


def _gone(rule: str, before: list[Line], after: list[Line]) -> list[Removal]:
    """The lines of ``before`` that a step left out of ``after``, credited to ``rule``."""
    if len(after) == len(before):
        return []
    kept = {id(line) for line in after}
    return [Removal(rule, line.text) for line in before if id(line) not in kept]


def _drop_scrap(body: Body) -> Body:
    """No body at all rather than a scrap: a few words left of a shell or an error page.

    A page whose cleaned text is shorter than the shortest news flash ("Home",
    "Loading…") holds no article; an empty body lets the caller reject it.
    """
    text = body.text
    if body.lines and len(_WORD.findall(text)) < _MIN_BODY_WORDS and len(text) < _MIN_BODY_CHARS:
        body.removed.extend(Removal("scrap", x) for x in body.lines)
        body.lines = []
    return body


def _cut_bold_byline(tree: HtmlElement, body: Body) -> str | None:
    """Remove a paragraph near the top or at the end that is only writers' names in bold.

    Many small sites print the byline as a paragraph of the story,
    ``<p><strong>Jane Doe</strong></p>`` (or "Jane Doe/John Roe"), first, after
    a standfirst, or last. It is taken for names only when each looks like
    one (two to four capitalised words, no sentence punctuation) and none of
    their words occurs in lower case in the story, which tells names from a
    bold subheading such as "Key Points". Returns the names as one credit.
    """
    if len(body.lines) < _MIN_LINES_FOR_BYLINE:
        return None
    words = set(_WORD.findall(body.text))
    for index in (*range(_EDGE), len(body.lines) - 1):
        line = body.lines[index]
        names = _NAME_LIST.split(line)
        if all(_name_shaped(n, words) for n in names) and _bold_paragraph(tree, line):
            body.removed.append(Removal("bold-byline", body.lines.pop(index)))
            return ", ".join(names)
    return None


def _name_shaped(name: str, story_words: set[str]) -> bool:
    """Two to four capitalised words, none of which the story uses in lower case."""
    parts = name.split()
    if not 2 <= len(parts) <= 4 or SENTENCE_END.search(name) or _DIGIT.search(name):
        return False
    return all(
        _WORD.fullmatch(w) and w[0].isupper() and w.lower() not in story_words for w in parts
    )


def _bold_paragraph(tree: HtmlElement, line: str) -> bool:
    """True when a ``<p>`` of the page holds exactly ``line``, all of it in bold."""
    for p in tree.iter("p"):
        if squash(p.text_content()) != line:
            continue
        bold = "".join(squash(b.text_content()) for b in p.iter("strong", "b"))
        if squash(bold) == line:
            return True
    return False


def _prefer_declared_body(
    page: Page, body: Body, profile: AgencyProfile | None, repeats: tuple[str | None, ...]
) -> Body:
    """The page's own JSON-LD ``articleBody`` when the extraction is a small part of it.

    An extractor that found one of several body containers returns text the
    publisher's declared body contains, but much less of it. Then the
    declared body (cleaned by the same rules) is the better article.
    """
    declared = page.jsonld.get("articleBody")
    if not isinstance(declared, str) or len(declared) < _DECLARED_MIN:
        return body
    if declared.count("\n") < _DECLARED_PARAGRAPHS:  # one glued blob: no better than ours
        return body
    extracted = _WORD.findall(body.text.casefold())
    words = _WORD.findall(declared.casefold())
    if len(words) < _DECLARED_RATIO * max(1, len(extracted)):
        return body
    known = set(words)
    inside = sum(w in known for w in extracted) / max(1, len(extracted))
    if extracted and inside < _DECLARED_AGREEMENT:
        return body
    lines = [Line(x) for x in _declared_lines(declared)]
    declared_body = clean_lines(lines, "jsonld", profile, repeats, page.url)
    return declared_body if declared_body.lines else body


def _declared_lines(declared: str) -> list[str]:
    """A JSON-LD ``articleBody``'s paragraphs as a reader sees them.

    It should be plain text, but some CMSs write HTML into it (links,
    ``<b>``, ``&amp;``): such a line is read as HTML, as a browser would show
    it. Control characters (a ``\\u0000`` in the JSON) are never text.
    """
    out = []
    for line in CONTROL.sub("", declared).split("\n"):
        if _MARKUP.search(line):
            line = lxml.html.fragment_fromstring(line, create_parent="p").text_content()
        if squash(line):
            out.append(squash(line))
    return out


def _embedded_body(
    page: Page,
    profile: AgencyProfile | None,
    repeats: tuple[str | None, ...],
    found: Body,
) -> Body | None:
    """The story of a client-rendered page, from the HTML its scripts carry.

    Taken when it is several times what the markup gave (``found``): the
    shell's few lines are then navigation, not a short story.
    """
    node = embedded_article(page.tree)
    if node is None:
        return None
    body = clean_lines(element_lines(node), "script", profile, repeats, page.url)
    return body if len(body.text) > _EMBEDDED_RATIO * len(found.text) else None


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
                    junk.drop_tree()
            return node
    return None


def _trafilatura_lines(
    page: Page, profile: AgencyProfile | None, paragraphs: dict[str, HtmlElement]
) -> list[Line]:
    """Main text found by trafilatura on the whole page, as lines with link features.

    trafilatura's fast mode skips its second opinion (readability and
    jusText run on the whole page, a fifth of its time) and is as good on
    most news pages. Its result is kept unless it looks like what that
    second opinion exists to fix: too little text, mostly link text, or a
    long run of words without sentences (a menu dump); then the full
    cascade runs.
    """
    lines = _bare_lines(page, profile, fast=True)
    if lines is None or _needs_second_opinion(lines, paragraphs):
        lines = _bare_lines(page, profile, fast=False) or []
    return recover_twins(page.tree, lines, paragraphs)


def _bare_lines(page: Page, profile: AgencyProfile | None, fast: bool) -> list[Line] | None:
    """One trafilatura run on the page's tree, as lines; None when it found nothing."""
    doc = trafilatura.bare_extraction(
        page.tree,
        url=page.url,
        fast=fast,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=True,
        deduplicate=False,
        with_metadata=False,
        prune_xpath=[
            _HIDDEN_METADATA,
            _SCREEN_READER_ONLY,
            *(profile.prune_xpaths if profile else ()),
        ],
    )
    body = getattr(doc, "body", None) if doc is not None else None
    if body is None:
        return None
    mend_split_paragraphs(body)
    mend_link_led_paragraphs(body)
    return element_lines(body)


def _needs_second_opinion(lines: list[Line], paragraphs: dict[str, HtmlElement]) -> bool:
    """A fast extraction that is short, mostly links, or a menu rather than prose.

    Or one out of proportion with the page's paragraph text (``paragraphs``,
    the page's substantial ``<p>`` by text): a small part of it (one block of
    a story split over several containers) or many times it (a text dump).
    """
    chars = sum(len(ln.text) for ln in lines)
    if chars < _FAST_MIN_CHARS or len(lines) < _FAST_MIN_LINES:
        return True
    if sum(ln.link_chars for ln in lines) > _FAST_MAX_LINK_SHARE * chars:
        return True
    if any(_menu_like(ln.text) for ln in lines):
        return True
    # last: it walks up from every paragraph of the page (hundreds in a teaser sidebar)
    page_chars = sum(len(text) for text, p in paragraphs.items() if not _in_furniture(p))
    return not _FAST_SHARE[0] * page_chars <= chars <= _FAST_SHARE[1] * page_chars


def _in_furniture(p: HtmlElement) -> bool:
    """A paragraph inside a sidebar, navigation, footer, form or list item (a teaser)."""
    return any(a.tag in _FURNITURE_TAGS for a in p.iterancestors())


def _menu_like(text: str) -> bool:
    """Many words with hardly a sentence among them: navigation flattened into a line."""
    words = len(_WORD.findall(text))
    return words >= _MENU_WORDS and words > _MENU_WORDS * (1 + len(_TERMINATOR.findall(text)))


def clean_lines(
    lines: list[Line],
    source: str,
    profile: AgencyProfile | None,
    repeats: tuple[str | None, ...],
    own_url: str | None = None,
) -> Body:
    """Apply the line rules: repeats, furniture, links, junk, tail, signature.

    ``own_url`` is the page's address: printed alone (a print header) it is
    junk, while other addresses are text.
    """
    removed: list[Removal] = []
    phrases = profile.furniture if profile else ()
    lines = _drop_edge_metadata(lines, repeats, removed)
    lines = _cut_tail(lines, removed)  # before noise removal takes away the block's opener
    lines = _drop_teaser_tail(lines, removed)
    lines = _drop_link_runs(lines, removed)
    lines = _drop(lines, removed, lambda ln, i, n: _noise(ln, phrases, own_url))
    lines = _drop_edge_furniture(lines, removed)  # the edges of what is left
    lines = _drop_repeats(lines, removed, repeats[0] if repeats else None)
    lines = _cut_tail(lines, removed)
    body = Body(lines=[ln.text for ln in lines], source=source, removed=removed)
    markers = profile.signature_markers if profile else ()
    body.signature_author = _cut_signature(body, markers, profile.agency_names if profile else ())
    return body


def _drop(
    lines: list[Line], removed: list[Removal], rule: Callable[[Line, int, int], str | None]
) -> list[Line]:
    """Lines for which ``rule(line, index, count)`` names no rule; the rest go to ``removed``."""
    kept = []
    for i, line in enumerate(lines):
        name = rule(line, i, len(lines))
        (removed.append(Removal(name, line.text)) if name else kept.append(line))
    return kept


def _noise(line: Line, phrases: tuple[str, ...], own_url: str | None = None) -> str | None:
    """The rule by which a line is never article text."""
    text = line.text
    if furniture.is_furniture(text):
        return "furniture"
    if furniture.has_phrase(text, phrases):
        return "profile-furniture"
    if furniture.is_junk(text, own_url):
        return "junk"
    return "link-line" if _is_link_line(line, _LINK_LINE) else None


def _drop_edge_furniture(lines: list[Line], removed: list[Removal]) -> list[Line]:
    """``lines`` without the calls to action and credits among the first and last few.

    Run after the lines that are never text are gone, so that the edge is
    the edge of the story: a newsletter pitch above a sign-up form's
    messages ("Thanks for signing up!", "Sorry!") is at the end too. Boxes
    stack (a credit above a funder note above a newsletter box), so the
    new edge is looked at again until nothing more goes.
    """
    while True:
        kept = _drop_edge_furniture_once(lines, removed)
        if len(kept) == len(lines):
            return kept
        lines = kept


def _drop_edge_furniture_once(lines: list[Line], removed: list[Removal]) -> list[Line]:
    n = len(lines)
    edges = sorted({*range(min(_EDGE, n)), *range(max(0, n - _EDGE), n)})
    gone = {i for i in edges if furniture.is_edge_furniture(lines[i].text)}
    gone |= {i for i in (0, n - 1) if n > 1 and furniture.is_rule(lines[i].text)}
    last = next((i for i in range(n - 1, 0, -1) if i not in gone), None)  # never the only line
    if last is not None and furniture.is_closing_appeal(lines[last].text):
        gone.add(last)
        last -= 1
    if last is not None and last + 1 < n and _box_heading(lines[last].text, lines[last + 1].text):
        gone.add(last)
    if not gone:
        return lines
    removed.extend(Removal("edge-furniture", lines[i].text) for i in sorted(gone))
    return [line for i, line in enumerate(lines) if i not in gone]


def _box_heading(text: str, below: str) -> bool:
    """The heading of a closing box ("The Morning Wire") above its appeal or offer."""
    boxed = furniture.is_closing_appeal(below) or furniture.is_pitch(below)
    return boxed and _short_unpunctuated(text)


def _is_link_line(line: Line, share: float) -> bool:
    """A short line at least ``share`` link text, unless the link shows its own address.

    A headline-shaped link is a teaser; a link that prints its address
    ("http://amzn.to/2iJF") is a reference the story gives its reader.
    """
    return line.link_ratio >= share and _short(line) and not furniture.is_address(line.text)


def _drop_teaser_tail(lines: list[Line], removed: list[Removal]) -> list[Line]:
    """Drop a closing list of teasers: linked headlines, each with a short summary under it.

    The summaries are not links, so such a list is no run of link lines;
    but linked line, summary, linked line, summary... to the very end of
    the text is a "latest news" box, not the story.
    """
    start, links, summaries = len(lines), 0, 0
    while start > 0:
        line = lines[start - 1]
        if _is_link_line(line, _LINK_RUN_RATIO):
            links += 1
        elif start >= 2 and _is_link_line(lines[start - 2], _LINK_RUN_RATIO) and _short(line):
            summaries += 1
        else:
            break
        start -= 1
    if min(links, summaries) < _TEASERS:
        return lines
    removed.extend(Removal("teaser-box", ln.text) for ln in lines[start:])
    return lines[:start]


def _short(line: Line) -> bool:
    """A line of at most a teaser's length."""
    return 0 < len(_WORD.findall(line.text)) <= _LINK_LINE_WORDS


def _drop_link_runs(lines: list[Line], removed: list[Removal]) -> list[Line]:
    """Drop runs of short lines that are mostly link text: a list of related stories.

    Teaser lists put a kicker ("Archäologie:") before each linked headline,
    so no single item is all link; several in a row give the list away.
    """
    linky = [_is_link_line(ln, _LINK_RUN_RATIO) for ln in lines]
    drop = [False] * len(lines)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and linky[j]:
            j += 1
        if j - i >= _LINK_RUN:
            drop[i:j] = [True] * (j - i)
        i = max(j, i + 1)
    return _drop(lines, removed, lambda ln, k, n: "link-run" if drop[k] else None)


def _drop_edge_metadata(
    lines: list[Line], repeats: tuple[str | None, ...], removed: list[Removal]
) -> list[Line]:
    """Remove title, date, byline, views and label lines around the text's start and end.

    Such lines sit among the first few (before the first real paragraph) and,
    for dates ("Updated at 1:23 p.m."), among the last two. A labelled date
    ("Published 18 November 2019") goes even after a standfirst. Tag and
    section links above the title, and a printed address, are not counted
    as lines of the story: they do not push the title out of the window,
    and an address is no paragraph however many words its path has.
    """
    wanted = [_tokens(r) for r in repeats if r]
    kept: list[Line] = []
    prose_seen = False  # kept so far holds a paragraph (tracked as it grows: O(n), not O(n^2))
    position = 0  # lines of the story so far, links and addresses left out
    for line in lines:
        title = position < _HEAD_WINDOW and not prose_seen and _is_title(line.text, wanted)
        if title or (
            position < _HEAD_WINDOW
            and (
                furniture.is_labelled_date(line.text)
                or (not prose_seen and _is_metadata_line(line.text))
            )
        ):
            if title and kept and _is_kicker(kept[-1].text):
                removed.append(Removal("metadata", kept.pop().text))  # the title's kicker
            removed.append(Removal("metadata", line.text))
            position += 1
            continue
        kept.append(line)
        if _is_link_line(line, _LINK_RUN_RATIO) or furniture.is_address(line.text):
            continue
        position += 1
        prose_seen = prose_seen or len(_WORD.findall(line.text)) >= _PROSE_WORDS
    while kept and len(kept) > 1 and furniture.is_date_line(kept[-1].text):
        removed.append(Removal("metadata", kept.pop().text))
    return kept


def _is_metadata_line(text: str) -> bool:
    """A line that only dates or credits the story, or counts its views."""
    return bool(
        _DATEISH.match(text)
        or text.isdigit()
        or furniture.is_date_line(text)
        or furniture.is_date_label(text)
        or furniture.is_byline(text)
    )


def _is_title(text: str, wanted: list[list[str]]) -> bool:
    """A line that repeats one of the page's titles (``wanted``), with or without its kicker."""
    line = _tokens(text)
    sentence = text.rstrip().endswith(".")  # a lead sentence, not a kicker and title
    return any(
        _same_tokens(line, w)
        or (not sentence and _kicker_and_title(line, w))
        or _title_without_kicker(line, w)
        for w in wanted
    )


def _is_kicker(text: str) -> bool:
    """A short label line, as set above a title ("Leben", "MIDDLE EAST CRISIS")."""
    words = _WORD.findall(text)
    return (
        0 < len(words) <= _KICKER_WORDS
        and len(text) <= _KICKER_CHARS
        and not text.rstrip().endswith((".", "!", "?"))
    )


def _title_without_kicker(line: list[str], title: list[str]) -> bool:
    """True when the tokens of ``line`` are the end of a title of the page, its kicker left off.

    "Nationaler Veteranentag: Orden fürs Morden" is declared, and the page
    prints the kicker apart from "Orden fürs Morden". At least three words,
    and the part left off short, as a kicker is.
    """
    if len(line) < _KICKER_TAIL_WORDS or len(line) >= len(title) or title[-len(line) :] != line:
        return False
    return len("".join(title[: -len(line)])) <= _KICKER_CHARS


def _kicker_and_title(tokens: list[str], title: list[str]) -> bool:
    """True when a line's ``tokens`` are a title of the page with a short kicker before it.

    "Kollaps der Silicon Valley Bank US-Notenbank räumt …" or, with the
    layout's spacing lost, "SVP-Sonderparteitag zur MigrationChiesa ruft …":
    the page's teaser header repeated above the story. Letters are compared
    run together, so a kicker glued to the title still matches. A line ending
    in a full stop is a lead sentence ("Ankara, 20 fevral, APA. Ankarada …
    başlayıb."), which agencies often write as the headline plus a dateline:
    ``_is_title`` does not ask for a line ending in a full stop.
    """
    if len(title) < _KICKER_TITLE_WORDS:
        return False  # a short title is too common a phrase
    line = "".join(tokens)
    whole = "".join(title)
    return line.endswith(whole) and len(line) - len(whole) <= _KICKER_CHARS


def _tokens(text: str) -> list[str]:
    return [t.casefold() for t in _WORD.findall(text)]


def _same_tokens(a: list[str], b: list[str]) -> bool:
    """True when two lines say the same thing (ignoring case and punctuation)."""
    if not a or not b:
        return False
    if a == b:
        return True
    shared = sum((Counter(a) & Counter(b)).values())
    return shared / max(len(a), len(b)) >= 0.9


def _drop_repeats(
    lines: list[Line], removed: list[Removal], headline: str | None = None
) -> list[Line]:
    """Drop second copies: a repeated paragraph, the headline again, a truncated teaser
    of an earlier line, or one long line that only concatenates earlier text.

    Pages carry copies of their text (pull quotes, hidden mobile or AMP copies,
    structured-data blocks rendered as text); a story does not say the same
    thing twice.
    """
    seen: dict[str, tuple[str, str]] = {}  # a line's key -> its neighbours where first seen
    refrains = _refrains(lines)
    earlier: list[str] = []
    shingles: set[tuple[str, ...]] = set()
    title = _tokens(headline) if headline else []

    def copy_of_earlier(line: Line, i: int, n: int) -> str | None:
        words = [w.casefold() for w in _WORD.findall(line.text)]
        key = line.text.casefold()
        grams = {tuple(words[k : k + 4]) for k in range(max(0, len(words) - 3))}
        around = _neighbours(lines, i)
        copy = (
            (
                len(words) >= _REPEAT_WORDS
                and key in seen
                and _refrain_key(line.text) not in refrains
                and not _recurring_item(around, seen[key])
            )
            or (i > _HEAD_WINDOW and title and words == title)
            or _truncated_copy(line.text, earlier)
            or (len(words) >= _COPY_WORDS and len(grams & shingles) >= 0.9 * len(grams))
        )
        if not copy:
            seen.setdefault(key, around)
            earlier.append(line.text)
            shingles.update(grams)
        return "repeat" if copy else None

    return _drop(lines, removed, copy_of_earlier)


def _neighbours(lines: list[Line], i: int) -> tuple[str, str]:
    """The texts of the lines before and after line ``i`` ("" at either end)."""
    before = lines[i - 1].text if i > 0 else ""
    after = lines[i + 1].text if i + 1 < len(lines) else ""
    return before, after


def _recurring_item(around: tuple[str, str], first: tuple[str, str]) -> bool:
    """A line repeated between the same two short lines as before: an item of a
    structure the story repeats (a plan's meal under its recurring "Eat 1–2 hours
    after your workout"), not a copy. A copied story repeats its long paragraphs
    around it; a pull quote or a teaser sits among other lines."""
    return around == first and all(0 < len(_WORD.findall(text)) < _REPEAT_WORDS for text in around)


def _refrains(lines: list[Line]) -> set[str]:
    """Lines a story repeats on purpose: a questionnaire's question, a plan's recurring item.

    Such a line comes back at least three times, with different lines
    before and after it each time (the answers). A copied story (desktop,
    mobile and print versions in one page) repeats its lines in the same
    order, so the copies of a line share their neighbour on one side at least.
    Lines are compared by their words (``_refrain_key``): an interviewer's
    question typed once without a comma is still the same question.
    """
    keys = ["", *(_refrain_key(line.text) for line in lines), ""]
    around: dict[str, list[tuple[str, str]]] = {}
    for i in range(1, len(keys) - 1):
        around.setdefault(keys[i], []).append((keys[i - 1], keys[i + 1]))
    return {
        key
        for key, pairs in around.items()
        if len(pairs) >= _REFRAIN and all(len(set(side)) > 1 for side in zip(*pairs, strict=True))
    }


def _refrain_key(text: str) -> str:
    """A line's words, case-folded: the key by which refrains are recognised."""
    return " ".join(w.casefold() for w in _WORD.findall(text))


def _truncated_copy(text: str, earlier: list[str]) -> bool:
    """ "Good morning! This is the tech news you need to..." after the full sentence."""
    if not text.endswith(("...", "…")):
        return False
    stem = text.rstrip(".… ")
    return len(stem) >= 20 and any(e.startswith(stem) and e != text for e in earlier)


def _cut_tail(lines: list[Line], removed: list[Removal]) -> list[Line]:
    """Drop a trailing related-news/tags block and bare time or count lines.

    A block opener ("Related news", "Most read") followed by paragraphs of
    prose is a widget set inside the story, not its end: then only the
    opener line goes. Unless every line after it is teaser-sized (four or
    more, none over 30 words): headlines with one-sentence summaries under
    them ("More from The Nation") are a box however long the summaries.
    """
    start = max(1, len(lines) - _TAIL_WINDOW)
    for i in range(start, len(lines)):
        if not furniture.opens_tail(lines[i].text):
            continue
        after = lines[i + 1 :]
        prose = sum(len(_WORD.findall(ln.text)) >= _PROSE_AFTER_TAIL for ln in after)
        if prose >= 2 and not _teaser_list(after):
            removed.append(Removal("tail-opener", lines[i].text))
            lines = lines[:i] + lines[i + 1 :]
        else:
            removed.extend(Removal("tail-block", ln.text) for ln in lines[i:])
            lines = lines[:i]
        break
    while lines and (_DATEISH.match(lines[-1].text) or lines[-1].text.isdigit()):
        removed.append(Removal("tail-date", lines.pop().text))
    return lines


def _teaser_list(lines: list[Line]) -> bool:
    """Lines after a block opener that read as teasers: every one short, four or more."""
    return len(lines) >= _TEASER_LINES and all(
        len(_WORD.findall(ln.text)) <= _TEASER_WORDS for ln in lines
    )


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
        body.removed.extend(Removal("signature", x) for x in lines[-size:])
        del lines[-size:]
        return name
    return None


def _short_unpunctuated(line: str) -> bool:
    """A line of at most six words that does not end like a sentence."""
    return 0 < len(line.split()) <= 6 and not SENTENCE_END.search(line)


_JOBS = (  # a journalist's job, in the languages of the bios seen
    r"reporter|correspondent|editor|journalist|columnist|writer|reporterin|"
    r"korrespondent(in)?|redakteur(in)?|journalist(in)?|journaliste|periodista|redaktør"
)
_BIO_JOB = re.compile(rf"\b({_JOBS})\b", re.IGNORECASE)
_BIO_CUES = re.compile(
    r"\b(is an?|is the|was an?|has (covered|written|reported)|ist|war|est|es|är|er)\b|'s book\b|"
    rf"\bis \w+['’]s\b|\b({_JOBS}|author)\b",
    re.IGNORECASE,
)
_BIO_MAX_CHARS = 500
_BIO_NAME_REACH = 80  # characters: the name of a bio's subject comes within its first words
_MIN_NAME_PART = 3  # a name part this long can stand for the author ("Lance has covered")
_BIO_VERB = re.compile(r"\s+(is|ist|was|war|est|es|är|er|has|hat|works|arbeitet|lives|lebt)\b")
_MIN_NAME = 3  # a site name this long can open its own "About" paragraph
# After the publisher's name, "(SIX: ASCN)" maybe: "is a …", "is headquartered in …".
_BLURB = re.compile(
    r"(\s+\([^)]{1,40}\))?,?\s+(is|was)\s+(an?|the|one of|headquartered|based|founded|listed)\b"
)
_BIO_WINDOW = 3  # bios sit among the last lines, sometimes above a closing prompt
_BIO_ROLE = re.compile(
    r"^(korrespondent(in)?|redakteur(in)?|reporter(in)?|autor(in)?|correspondent|reporter|"
    r"editor|author|columnist|kolumnist(in)?)\s+"
)


def drop_publisher_blurb(body: Body, names: list[str]) -> Body:
    """``body`` (changed in place) without closing lines in which the publisher describes itself.

    A press release ends with its "About" paragraphs ("Ascom is a global
    solutions provider …", "Ascom is headquartered in Baar …"): they open
    with the site's own name and say what it is. Such a line is looked for
    only among the last three, and only after the site's name.
    """
    keys = [n.casefold() for n in names if len(n) >= _MIN_NAME]
    if not keys or len(body.lines) < _MIN_LINES_FOR_BYLINE:
        return body

    def about_us(line: str) -> bool:
        low = line.casefold()
        return any(low.startswith(k) and bool(_BLURB.match(low[len(k) :])) for k in keys)

    return _drop_closing(body, "publisher-blurb", about_us)


def _drop_closing(body: Body, rule: str, matches: Callable[[str], bool]) -> Body:
    """``body`` (changed in place) without those of its last lines that ``matches`` finds.

    The first line always stays: a closing rule must not take a one-line story.
    """
    start = max(1, len(body.lines) - _BIO_WINDOW)
    for i in range(len(body.lines) - 1, start - 1, -1):
        if matches(body.lines[i]):
            body.removed.append(Removal(rule, body.lines.pop(i)))
    return body


def drop_author_bios(body: Body, names: list[str]) -> Body:
    """``body`` (changed in place) without closing lines that introduce one of its authors.

    "Manuela Conrad ist ZDF-Reporterin für …", "Jane Roe is a senior writer
    at …", "Der Berliner Imam Abdul Kamouss ist Gründer …", "A 38-year
    veteran and award-winning journalist, Lance has covered …" end many
    stories; the line names a known author near its start and says who they
    are, so it is about the writer, not the story.
    """
    full = [n.casefold() for n in names if len(n.split()) >= 2]
    if not full:
        return body
    parts = {p for n in full for p in n.split() if len(p) >= _MIN_NAME_PART}
    return _drop_closing(body, "author-bio", lambda line: _is_bio(line, full, parts))


def _is_bio(line: str, full: list[str], parts: set[str]) -> bool:
    """A line that introduces an author: "<name> is/ist/has …" near its start.

    The full name first, with any cue ("is a", "ist", "reporter"); or the
    full name a few words in, as the subject of "is", "ist", "has" ("Der
    Berliner Imam Abdul Kamouss ist …"); or one part of it so ("Lance has
    covered …") when the line also names a journalist's job, which tells
    the writer from a namesake in the story.
    """
    if len(line) > _BIO_MAX_CHARS:
        return False
    low = _BIO_ROLE.sub("", line.casefold(), count=1)
    if any(low.startswith(k) for k in full):
        return bool(_BIO_CUES.search(line))
    head = low[:_BIO_NAME_REACH]
    if any(_subject(k, head) for k in full):
        return True
    return any(_subject(p, head) for p in parts) and bool(_BIO_JOB.search(line))


def _subject(name: str, text: str) -> bool:
    """True when ``name`` stands in ``text`` as the subject of "is", "ist", "has" …

    String search plus one fixed pattern: a pattern made of each page's
    names would be compiled anew on every page.
    """
    at = text.find(name)
    while at >= 0:
        whole_word = at == 0 or not text[at - 1].isalnum()
        if whole_word and _BIO_VERB.match(text, at + len(name)):
            return True
        at = text.find(name, at + 1)
    return False
