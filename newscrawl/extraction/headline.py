"""The headline: the visible title, checked against what the page declares.

A page states its title up to five times: the ``<h1>``, JSON-LD ``headline``,
``og:title``, ``twitter:title`` and ``<title>``. The declared values are often
decorated (a " | Site" suffix, HTML entities escaped twice) and the ``<h1>``
is sometimes not the headline at all (a logo, a "Log in" box, a breadcrumb).
So the visible ``<h1>`` wins when a declared title confirms it, and a declared
title, cleaned, is used when no ``<h1>`` is confirmed.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newscrawl.extraction.furniture import is_byline, is_date_line
from newscrawl.extraction.page import INVISIBLE, Page, squash

_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
# " | ", " - ", "｜", the Hangul letter "ㅣ" Korean sites use as a bar ("제목ㅣ한국일보") and the
# full-width colon before a Japanese site name ("見出し：朝日新聞デジタル")
_SEPARATOR = re.compile(r"\s+(?:[|\-–—·•:/]|::|»|«)\s+|\s*[|｜ㅣ：]\s*")
_WORD = re.compile(r"\w+")
_QUOTES = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'}
)
_COMBINING = re.compile("[\u0300-\u036f]")
_MAX_H1 = 6
_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "or", "ne", "go", "edu"}
_GENERIC = {
    "the", "der", "die", "das", "le", "la", "les", "el", "il", "de", "redaktion", "redaction",
    "online", "news", "nachrichten", "digital", "web", "gmbh", "ag", "ltd", "inc", "staff",
    "team", "editorial", "newsroom", "desk", "media", "group", "international", "business",
    "redazione", "redaccion", "redacao", "redactie", "redakcja", "redakce", "redaktionen",
    "редакция",
}  # fmt: skip
_ROLES = (
    "editor",
    "reporter",
    "correspondent",
    "writer",
    "columnist",
    "redakteur",
    "korrespondent",
)
_SEP_CHARS = "|-–—:·•/"
_PUNCT = re.compile(r"[^\w\s]")
_ORDER = {"same": 0, "kicker_out": 1, "kicker_in": 1, "suffix": 2, "short": 2}


def clean_text(text: str | None) -> str:
    """Text with leftover entities decoded, invisible characters dropped, spaces squashed.

    JSON-LD and meta values are sometimes escaped twice (``&amp;quot;``), so
    after the parser's own decoding ``&quot;`` is still there; soft hyphens and
    zero-width spaces are invisible on the page and only break comparisons.
    """
    if not text:
        return ""
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    return squash(INVISIBLE.sub("", text))


def fold(text: str) -> str:
    """A comparison key: case folded, accents and typographic quotes unified, spaces squashed."""
    text = text.translate(_QUOTES).casefold()
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return " ".join(text.split())


def alnum_key(text: str) -> str:
    """Letters and digits only, folded: "Börsen-Zeitung" and "boersen-zeitung.de" compare."""
    folded = fold(text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue"))
    return "".join(c for c in folded if c.isalnum())


def site_keys(page: Page, names: Iterable[str]) -> tuple[set[str], str]:
    """Keys of the site's own names and host, and the key of its domain's main label.

    ``names`` are the publisher names the caller knows (``og:site_name``,
    JSON-LD publisher, the agency profile); the host gives more, because
    many sites write their domain as the title suffix ("Golem.de").
    """
    host = (urlsplit(page.url).hostname or "") if page.url else ""
    return site_name_keys(names, host)


def site_name_keys(names: Iterable[str], host: str | None) -> tuple[set[str], str]:
    """``site_keys`` from the publisher's names and its host name."""
    host = (host or "").lower().removeprefix("www.")
    keys = {alnum_key(n) for n in (*names, host) if n} - {""}
    labels = host.split(".")
    if len(labels) > 1:
        labels.pop()  # the top-level domain
    if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels.pop()  # ".co.uk", ".com.na"
    main = alnum_key(labels[-1]) if labels else ""
    if main and any(alnum_key(n) == alnum_key(host) for n in names if n):
        keys.add(main)  # the site calls itself by its host ("DW.COM"): "DW" is its name too
    return keys, main if len(main) >= 4 else ""


def names_site(text: str, keys: set[str], domain: str, strict: bool = False) -> bool:
    """True when ``text`` is the site's name, or contains it as whole words.

    "DER SPIEGEL" on spiegel.de, "Mirror Online" on mirror.co.uk and
    "Frankfurter Allgemeine Zeitung GmbH" name the site; "Sternberg" on
    stern.de does not (the name must be whole words). ``strict`` also asks
    that the other words be generic ("Redaktion", "Online", "GmbH"), so that
    "Hans Spiegel" stays a person.
    """
    targets = keys | ({domain} if domain else set())
    parts = [k for k in (alnum_key(w) for w in text.split()) if k]
    for start in range(len(parts)):
        run = ""
        for end in range(start, len(parts)):
            run += parts[end]
            if run in targets and (
                not strict or all(generic(p) for p in parts[:start] + parts[end + 1 :])
            ):
                return True
    return False


def generic(word_key: str) -> bool:
    """True for a word that can stand beside a site's name in its credit ("Online", "Editor")."""
    return word_key in _GENERIC or word_key.startswith(_ROLES)


def is_site_name(part: str, keys: set[str], domain: str) -> bool:
    """True when a title part names the site; a part of over five words is a sentence."""
    return len(part.split()) <= 5 and names_site(part, keys, domain)


def strip_site_name(text: str, keys: set[str], domain: str) -> str:
    """``text`` without a leading or trailing separator-delimited part naming the site.

    "Title | Börsen-Zeitung", "Title - Golem.de", "BBC News - Title": the part
    is removed only when it is the site's own name or domain, so that a real
    title containing " - " ("Zwei Rücktritte - und viele offene Fragen") keeps
    its second half. A byline or a date after the site's name goes with it.
    Besides spaced separators, the bars and the full-width colon that CJK
    titles write without spaces ("…ㅣ한국일보", "…：朝日新聞デジタル") count.
    """
    parts = _SEPARATOR.split(text)
    seps = _SEPARATOR.findall(text)
    if len(parts) < 2:
        return text
    if len(parts) > 2 and _credit(parts[-1]) and is_site_name(parts[-2], keys, domain):
        parts.pop()  # "Title | Site | by Jane Doe", "Title | DW | 28.04.2023"
        seps.pop()
    while len(parts) > 1 and is_site_name(parts[-1], keys, domain):
        parts.pop()
        seps.pop()
    while len(parts) > 1 and is_site_name(parts[0], keys, domain):
        parts.pop(0)
        seps.pop(0)
    out = parts[0]
    for sep, part in zip(seps, parts[1:], strict=True):
        out += sep + part
    return out.strip()


def _credit(part: str) -> bool:
    """A title part that credits or dates the page: "by Jane Doe", "28.04.2023"."""
    return is_byline(part) or is_date_line(part)


def inline_text(node: HtmlElement) -> str:
    """An element's text, with a space where two inline children's words would touch.

    ``<span>Nationale Demo</span>Der 9. Juli`` reads "Nationale Demo Der 9.
    Juli" on screen (the spans are laid out as blocks), not "DemoDer"; a
    lowercase-to-uppercase join across an element boundary is such a case,
    while ``Helikopter<wbr>landeplatz`` stays one word.
    """
    pieces: list[str] = []
    for piece in node.itertext():
        if not piece:
            continue
        if pieces and _glued(pieces[-1][-1:], piece[:1]):
            pieces.append(" ")
        pieces.append(piece)
    return clean_text("".join(pieces))


def _glued(left: str, right: str) -> bool:
    """True when two texts meeting at an element boundary need a space between them.

    "Demo" + "Der" (lower to upper) and "gepackt:" + "Zwei" (a separator
    then a word) are laid out apart; "Helikopter" + "landeplatz" is one word.
    """
    if not right[:1].isalnum():
        return False
    if left in ":|":
        return True
    return (left.islower() or left.isdigit()) and right.isupper()


def h1_texts(page: Page) -> list[str]:
    """Texts of the page's first few ``<h1>`` elements, those inside an article first."""
    nodes = list(page.tree.iter("h1"))
    inside = [n for n in nodes if any(a.tag in ("article", "main") for a in n.iterancestors())]
    texts: list[str] = []
    for node in [*inside, *(n for n in nodes if n not in inside)][:_MAX_H1]:
        text = inline_text(node)
        if text and text not in texts:
            texts.append(text)
    return texts


def words(text: str) -> list[str]:
    """Folded word tokens."""
    return _WORD.findall(fold(text))


def _joined(head: str, tail: str, whole: str) -> bool:
    """True when ``whole`` is ``head`` and ``tail`` joined by a separator (all folded)."""
    if not (whole.startswith(head) and whole.endswith(tail)):
        return False
    middle = whole[len(head) : len(whole) - len(tail)] if tail else whole[len(head) :]
    return bool(middle.strip()) and all(c in _SEP_CHARS or c.isspace() for c in middle)


def relation(declared: str, visible: str) -> str | None:
    """How a declared title relates to a visible one, if it names the same headline.

    ``same``: the same words; ``suffix``: declared = visible + separator +
    decoration; ``short``: visible = declared + separator + more;
    ``kicker_out``: declared = kicker + separator + visible (the kicker sits
    outside the ``<h1>``); ``kicker_in``: visible = kicker + separator + declared.
    """
    d, v = fold(declared), fold(visible)
    if words(declared) == words(visible):
        return "same"
    if len(d) > len(v):
        if d.startswith(v) and _joined(v, "", d):
            return "suffix"
        if d.endswith(v) and _joined(d[: len(d) - len(v)].rstrip(_SEP_CHARS + " "), v, d):
            return "kicker_out"
    elif len(v) > len(d):
        if v.startswith(d) and _joined(d, "", v):
            return "short"
        if v.endswith(d) and _joined(v[: len(v) - len(d)].rstrip(_SEP_CHARS + " "), d, v):
            return "kicker_in"
    return None


def _pick(kind: str, declared: str, visible: str) -> str:
    """The headline a confirmed pair gives: the visible text unless the declared one is truer.

    A kicker the ``<h1>`` lacks or carries is decided by the declared title;
    a visible title whose kicker and title were glued by layout (no separator)
    takes the declared punctuation.
    """
    if kind in ("kicker_out", "kicker_in"):
        return declared
    if kind == "same" and (
        len(_PUNCT.findall(declared)) > len(_PUNCT.findall(visible))
        or len(declared.split()) > len(visible.split())
    ):
        return declared
    return visible


def choose(visible: list[str], declared: list[str], title: str | None) -> str | None:
    """The headline from the visible ``<h1>`` texts and the cleaned declared titles."""
    references = [*declared, *([title] if title else [])]
    for text in visible:
        found = [(kind, ref) for ref in references if (kind := relation(ref, text))]
        if found:
            kind, ref = min(found, key=lambda f: _ORDER[f[0]])
            return _pick(kind, ref, text)
    if declared:
        return declared[0]
    if visible:
        return visible[0]
    return title or None


def cleaned_title(raw: str | None, keys: set[str], domain: str) -> str | None:
    """A declared title as the record would show it: entities, invisibles and site name gone.

    ``keys`` and ``domain`` are the site's name keys (``site_keys``), for suffix stripping.
    """
    return strip_site_name(clean_text(raw), keys, domain) or None


def declared_titles(page: Page, keys: set[str], domain: str, ld_headline: str | None) -> list[str]:
    """The titles the page declares for machines, cleaned: JSON-LD, og:, twitter:, in that order."""
    raws = (ld_headline, page.first_meta("og:title"), page.first_meta("twitter:title"))
    return [text for raw in raws if (text := cleaned_title(raw, keys, domain))]


@dataclass(frozen=True)
class Titles:
    """A page's titles, read in one pass: the headline, its alternative, the printed h1."""

    headline: str | None
    alternative: str | None
    printed: str | None


def titles(
    page: Page, site_names: Iterable[str], ld_headline: str | None, known: str | None = None
) -> Titles:
    """The article's headline as shown, confirmed by the page's declared titles, and the rest.

    ``site_names`` are the publisher's names (for suffix stripping),
    ``ld_headline`` the JSON-LD ``headline`` and ``known`` a headline read
    where an agency profile says it is. ``printed`` is the first ``<h1>``:
    a title line in the body even when the headline is a declared title.
    """
    keys, domain = site_keys(page, site_names)
    declared = declared_titles(page, keys, domain, ld_headline)
    shown = h1_texts(page)
    title = cleaned_title(page.title, keys, domain)
    best = known or choose(shown, declared, title)
    return Titles(best, alternative(best, declared), shown[0] if shown else None)


def alternative(headline: str | None, declared: list[str]) -> str | None:
    """The first declared title that is another wording of the story's title, if any.

    Publishers often write a second title for search engines and social
    media ("Krieg in Israel und Gaza im News-Ticker …" above "Nahost-Ticker:
    Palästinenser …"); datasets and readers differ on which is "the"
    headline, so the record keeps both. A declared title with the same words
    as the headline, or cut short of it ("…"), is no alternative.
    """
    if not headline:
        return None
    shown, folded = words(headline), fold(headline)
    for text in declared:
        stem = fold(text).rstrip(".… ")
        if words(text) != shown and not (text.endswith(("…", "...")) and folded.startswith(stem)):
            return text
    return None
