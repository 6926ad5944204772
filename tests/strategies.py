"""Hypothesis strategies for news pages, dates and feeds, and the invariants a record keeps.

Shared by ``tests/test_properties.py`` (small, fast runs in CI) and
``benchmarks/fuzz.py`` (long runs): the strategies build *plausible* pages
(realistic tags, paragraphs in Latin with Azerbaijani/Turkish letters,
Cyrillic, Arabic and CJK, meta tags, valid and broken JSON-LD, datelines,
odd charsets) so that generated inputs reach the body, date and dateline
code rather than stopping at "not HTML".

What "present in the page" means for the body (``missing_body_lines``): the
whitespace-separated pieces of every body line are found, in order, in one of
the page's texts, once whitespace, table-cell bars ``|`` and invisible
characters (Unicode control and format characters: soft hyphens, zero-width
spaces, BOMs, NULs, which the engine may drop) are removed from both. The
page's texts are the parsed tree's text outside ``<script>``/``<style>``
(entities decoded once, by the parser) and each JSON-LD ``articleBody``
string, which the engine may legitimately take as the body (docs/record.md),
as written, and read as HTML (tags dropped) both as a browser shows it
(entities decoded once: ``A&amp;quot;`` as ``A&quot;``, as the engine reads a
declared body that holds markup) and as trafilatura's fallback reads it
(decoded, then parsed: ``A&#8217;s`` comes out as ``A’s``, ``A&lt;b&gt;B`` as
``AB``).
Removing whitespace tolerates the squashing and line-joining the engine does
(``<p>a</p><p>b</p>`` reads ``ab`` in the page, ``a b`` in a line); allowing
gaps between pieces tolerates trafilatura's fallback extraction, which glues
blocks that were apart on the page (a heading and a ``<noscript>`` further
down) into one paragraph. Text that is not on the page, such as an entity of
the page's markup decoded twice (``&amp;quot;`` shown as ``"``), or pieces out
of page order, still fail.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from html import unescape
from zoneinfo import ZoneInfo

from hypothesis import strategies as st
from lxml import etree
from lxml.html import fragment_fromstring

from newscrawl.extraction.dateline import Dateline
from newscrawl.extraction.page import parse_page
from newscrawl.profiles import all_profiles
from newscrawl.schema import schema_errors
from newscrawl.spiders.sources import Link

# --- letters and text ------------------------------------------------------------------------

AZ_TR = "abcçdeəfgğhxıijkqlmnoöprsştuüvyzABCÇDEƏFGĞHXIİJKQLMNOÖPRSŞTUÜVYZ"
CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئ"
CJK = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自日本語新聞記者"
SCRIPTS = (AZ_TR, CYRILLIC, ARABIC, CJK, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
ENTITIES = ("&amp;", "&nbsp;", "&#8217;", "&quot;", "&lt;b&gt;", "&amp;quot;", "&#xAD;", "&#0;")
ODD = ("\u200b", "\xad", "\x00", "\x0b", "\x1b", "\ufeff", "\u2028", "\r", "\t", "\xa0")
PUNCT = (".", ",", "!", "?", ":", ";", " –", "«", "»", "“", "”", "(", ")", "…", "|")


@st.composite
def words(draw: st.DrawFn, script: str | None = None) -> str:
    """One word in one script."""
    alphabet = script or draw(st.sampled_from(SCRIPTS))
    return draw(st.text(alphabet=alphabet, min_size=1, max_size=10))


@st.composite
def sentences(draw: st.DrawFn, min_words: int = 1, max_words: int = 30) -> str:
    """A run of words in one script, with punctuation, entities and odd characters."""
    script = draw(st.sampled_from(SCRIPTS))
    parts = draw(st.lists(words(script), min_size=min_words, max_size=max_words))
    out = []
    for part in parts:
        extra = draw(st.sampled_from(("", "", "", "", *PUNCT, *ENTITIES, *ODD, " 2026", " 23")))
        out.append(part + extra)
    return " ".join(out)


def escape(text: str) -> str:
    """Text made safe for HTML (but keeping the entities ``sentences`` put in)."""
    return text.replace("<", "&lt;").replace(">", "&gt;")


# --- dates -----------------------------------------------------------------------------------

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "az": ["yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr",
           "oktyabr", "noyabr", "dekabr"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
           "сентября", "октября", "ноября", "декабря"],
    "tr": ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül",
           "Ekim", "Kasım", "Aralık"],
    "ar": ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
           "أكتوبر", "نوفمبر", "ديسمبر"],
}  # fmt: skip
ZONES = ("UTC", "Asia/Baku", "Europe/Moscow", "Europe/Istanbul", "Asia/Almaty", "America/New_York")
TZ_NAMES = (*ZONES, None, "", "Not/AZone", "CEST", "+04:00")


@st.composite
def aware_datetimes(draw: st.DrawFn, min_year: int = 1902, max_year: int = 2198) -> datetime:
    """A timezone-aware datetime: an IANA zone or a fixed offset."""
    naive = draw(st.datetimes(datetime(min_year, 1, 1), datetime(max_year, 12, 31)))
    if draw(st.booleans()):
        return naive.replace(tzinfo=ZoneInfo(draw(st.sampled_from(ZONES))))
    minutes = draw(st.integers(-14 * 60, 14 * 60))
    return naive.replace(tzinfo=timezone(timedelta(minutes=minutes)))


def mutate(text: str, data: st.DrawFn) -> str:
    """``text`` with a few characters dropped, doubled or replaced."""
    for _ in range(data(st.integers(0, 3))):
        if not text:
            break
        i = data(st.integers(0, len(text) - 1))
        op = data(st.sampled_from(("drop", "double", "replace")))
        new = data(st.sampled_from(("9", "-", ":", "+", "Z", "T", " ", "٣", "\x00", "é", "99")))
        text = {
            "drop": text[:i] + text[i + 1 :],
            "double": text[:i] + text[i] + text[i:],
            "replace": text[:i] + new + text[i + 1 :],
        }[op]
    return text


@st.composite
def date_strings(draw: st.DrawFn) -> str:
    """A date as pages write it: ISO, RFC 822, numeric, month names; sometimes mangled."""
    dt = draw(aware_datetimes())
    lang = draw(st.sampled_from(sorted(MONTHS)))
    month = MONTHS[lang][dt.month - 1]
    forms = [
        dt.isoformat(),
        dt.isoformat(timespec="seconds").replace("+00:00", "Z"),
        re.sub(r"([+-]\d\d):(\d\d)$", r"\1\2", dt.isoformat(timespec="seconds")),
        dt.replace(tzinfo=None).isoformat(sep=" "),
        dt.date().isoformat(),
        format_datetime(dt),
        dt.strftime("%d.%m.%Y [%H:%M]"),
        dt.strftime("%d.%m.%Y %H:%M"),
        dt.strftime("%H:%M, %d.%m.%Y"),
        f"{dt.day} {month} {dt.year} {dt:%H:%M}",
        f"{dt.day} {month}, {dt.year} {dt:%H:%M} (UTC +04:00)",
        f"{month} {dt.day}, {dt.year}",
        f"{dt.month}月{dt.day}日",
        f"{dt:%d.%m.%Y} GMT+5",
    ]
    text = draw(st.sampled_from(forms))
    if draw(st.integers(0, 4)) == 0:
        text = mutate(text, draw)
    return text


def any_date_text() -> st.SearchStrategy[str]:
    """Structured date strings, mangled ones, and arbitrary text."""
    return st.one_of(date_strings(), st.text(max_size=60), sentences(max_words=5))


# --- pages -----------------------------------------------------------------------------------

PROFILE_URLS = tuple(p.home.rstrip("/") + "/2026/11/27/a-story-1234567" for p in all_profiles())
OTHER_URLS = (
    "https://news.example/2026/11/27/a-story-about-the-city",
    "http://example.com/a",
    "https://xn--80ak6aa92e.example/путь/статья?id=5",
)
URLS = (*PROFILE_URLS, *OTHER_URLS)
_CLASS = re.compile(r"'\s*([A-Za-z][\w-]+)\s*'")
PROFILE_CLASSES = tuple(
    sorted(
        {
            name
            for p in all_profiles()
            for xp in (*p.body_xpaths, *p.headline_xpaths, *p.date_xpaths, *p.section_xpaths)
            for name in _CLASS.findall(xp)
        }
    )
)  # class names the agency profiles select, so profile paths are reached too
CLASSES = (*PROFILE_CLASSES, "article-body", "entry-content", "byline", "author", "related",
           "share", "tags", "date", "caption", "comments")  # fmt: skip
AGENCIES = (*sorted({n for p in all_profiles() for n in p.agency_names}), "REUTERS", "AP")
PLACES = ("Bakı", "Ankara", "Баку", "MOSCOW", "باكو", "Şəki", "ST. PETERSBURG", "北京", "Tromsø")
META_KEYS = (
    "description", "og:title", "og:description", "og:image", "og:url", "og:site_name",
    "article:published_time", "article:modified_time", "article:section", "keywords",
    "news_keywords", "author", "article:author", "date", "dc.date", "pubdate", "twitter:title",
    "twitter:image", "datePublished", "content-language",
)  # fmt: skip
CHARSETS = ("utf-8", "UTF-8", "windows-1251", "windows-1254", "iso-8859-9", "latin-1", "utf-7",
            "utf-16", "koi8-r", "bogus-charset", "", "x-user-defined", "cp1252\"")  # fmt: skip
LD_TYPES = ("NewsArticle", "Article", "WebPage", "ReportageNewsArticle", "Person", "BlogPosting")


def attr(text: str) -> str:
    """``text`` quoted for an attribute value."""
    return '"' + text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;") + '"'


@st.composite
def inline(draw: st.DrawFn) -> str:
    """A paragraph's content: text with links, emphasis and line breaks."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        text = escape(draw(sentences()))
        kind = draw(st.sampled_from(("text", "text", "a", "b", "span", "br", "anchor")))
        if kind == "a":
            href = draw(st.sampled_from(("/other/story-1", "https://elsewhere.example/x", "")))
            parts.append(f"<a href={attr(href)}>{text}</a>")
        elif kind == "anchor":
            parts.append(f"<a href='#top'>{text}</a>")
        elif kind in ("b", "span"):
            parts.append(f"<{kind}>{text}</{kind}>")
        elif kind == "br":
            parts.append(f"{text}<br>")
        else:
            parts.append(text)
    return " ".join(parts)


@st.composite
def datelined(draw: st.DrawFn) -> str:
    """A first paragraph opening with a dateline in one of the wire styles."""
    place = draw(st.sampled_from(PLACES))
    agency = draw(st.sampled_from(AGENCIES))
    lang = draw(st.sampled_from(sorted(MONTHS)))
    day_month = f"{draw(st.integers(1, 31))} {draw(st.sampled_from(MONTHS[lang]))}"
    style = draw(
        st.sampled_from(
            (
                f"{place}, {day_month}, {agency}",
                f"{place}, {day_month}, {draw(words())} {draw(words())}, {agency}",
                f"{place.upper()}, {day_month}. /{agency}/.",
                f"{place.upper()} ({agency}) –",
                f"{place}. {agency}:",
            )
        )
    )
    return escape(style) + " " + draw(inline())


def _leaf_blocks(draw: st.DrawFn) -> str:
    kind = draw(
        st.sampled_from(
            ("p", "p", "p", "p", "h", "ul", "table", "script", "style", "comment", "cdata",
             "template", "noscript", "figure", "mustache", "time", "empty")
        )
    )  # fmt: skip
    if kind == "p":
        return f"<p>{draw(inline())}</p>"
    if kind == "h":
        level = draw(st.integers(1, 3))
        return f"<h{level}>{escape(draw(sentences(max_words=12)))}</h{level}>"
    if kind == "ul":
        items = draw(st.lists(inline(), min_size=1, max_size=5))
        return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
    if kind == "table":
        rows = draw(st.lists(st.lists(sentences(max_words=4), min_size=1, max_size=3), max_size=3))
        cells = ("".join(f"<td>{escape(c)}</td>" for c in row) for row in rows)
        return "<table>" + "".join(f"<tr>{r}</tr>" for r in cells) + "</table>"
    if kind == "script":
        return f"<script>var s = {json.dumps(draw(sentences()))};</script>"
    if kind == "style":
        return "<style>p { color: red } /* " + draw(sentences(max_words=3)) + " */</style>"
    if kind == "comment":
        return f"<!-- {draw(sentences(max_words=8))} -->"
    if kind == "cdata":
        return f"<![CDATA[ {draw(sentences(max_words=8))} ]]>"
    if kind == "template":
        return f"<template><p>{escape(draw(sentences()))}</p></template>"
    if kind == "noscript":
        return f"<noscript>{escape(draw(sentences(max_words=6)))}</noscript>"
    if kind == "figure":
        return f"<figure><img src='/i.jpg'><figcaption>{escape(draw(sentences()))}</figcaption></figure>"
    if kind == "mustache":
        return "<p>{{ article.title }} {{ body }}</p>"
    if kind == "time":
        return f"<time datetime={attr(draw(date_strings()))}>{escape(draw(date_strings()))}</time>"
    return draw(st.sampled_from(("<p></p>", "<p>&nbsp;</p>", "<br><br>", "<div> </div>")))


@st.composite
def blocks(draw: st.DrawFn, depth: int = 0) -> str:
    """Block content, nested at random in containers with realistic class names."""
    out = []
    for _ in range(draw(st.integers(1, 4))):
        if depth < 6 and draw(st.integers(0, 3)) == 0:
            tag = draw(
                st.sampled_from(("div", "section", "article", "main", "aside", "nav", "footer",
                                 "header", "div", "span", "blockquote"))
            )  # fmt: skip
            cls = draw(st.sampled_from(("", *CLASSES)))
            attrs = f" class={attr(cls)}" if cls else ""
            if draw(st.integers(0, 9)) == 0:
                attrs += " id='selectedtext'"
            inner = draw(blocks(depth + 1))
            closed = draw(st.integers(0, 15)) != 0  # sometimes left unclosed
            out.append(f"<{tag}{attrs}>{inner}" + (f"</{tag}>" if closed else ""))
        else:
            out.append(_leaf_blocks(draw))
    return "".join(out)


@st.composite
def jsonld(draw: st.DrawFn, paragraphs: list[str]) -> str:
    """A JSON-LD script: an article object (sometimes in a @graph), or broken JSON."""
    obj: dict[str, object] = {"@context": "https://schema.org"}
    obj["@type"] = draw(st.one_of(st.sampled_from(LD_TYPES), st.lists(st.sampled_from(LD_TYPES))))
    if draw(st.booleans()):
        obj["headline"] = draw(st.one_of(sentences(max_words=10), st.just(""), st.integers()))
    if draw(st.booleans()):
        obj["datePublished"] = draw(st.one_of(date_strings(), st.lists(date_strings())))
    if draw(st.booleans()):
        obj["dateModified"] = draw(date_strings())
    if draw(st.booleans()):
        obj["author"] = draw(
            st.one_of(
                sentences(max_words=3),
                st.fixed_dictionaries({"@type": st.just("Person"), "name": sentences(max_words=3)}),
                st.lists(st.fixed_dictionaries({"name": sentences(max_words=3)}), max_size=3),
                st.just({"@id": "#author"}),
                st.none(),
            )
        )
    if draw(st.booleans()):
        body = "\n".join(paragraphs) if draw(st.booleans()) else draw(sentences(max_words=80))
        obj["articleBody"] = body * draw(st.integers(1, 4))
    if draw(st.booleans()):
        obj["image"] = draw(st.sampled_from(("/img.jpg", {"url": "https://x.example/i.png"}, [])))
    if draw(st.booleans()):
        obj["publisher"] = {"@type": "Organization", "name": draw(sentences(max_words=2))}
    if draw(st.booleans()):
        obj = {"@context": "https://schema.org", "@graph": [obj, {"@id": "#author", "name": "A B"}]}
    text = json.dumps(obj, ensure_ascii=draw(st.booleans()))
    broken = draw(st.sampled_from(("", "", "", "truncate", "comma", "script")))
    if broken == "truncate":
        text = text[: draw(st.integers(0, len(text)))]
    elif broken == "comma":
        text = text[:-1] + ",}"
    elif broken == "script":
        text = text.replace('"', '"</script><p>', 1)
    return f"<script type='application/ld+json'>{text}</script>"


@st.composite
def head(draw: st.DrawFn, paragraphs: list[str]) -> str:
    """A ``<head>``: charset, title, meta tags, canonical and hreflang links, JSON-LD."""
    parts = []
    if draw(st.booleans()):
        parts.append(f"<meta charset={attr(draw(st.sampled_from(CHARSETS)))}>")
    if draw(st.booleans()):
        parts.append(f"<title>{escape(draw(sentences(max_words=12)))}</title>")
    for key in draw(st.lists(st.sampled_from(META_KEYS), max_size=8)):
        value = draw(st.one_of(date_strings(), sentences(max_words=8), st.sampled_from(URLS)))
        name = draw(st.sampled_from(("name", "property", "itemprop")))
        parts.append(f"<meta {name}={attr(key)} content={attr(value)}>")
    if draw(st.booleans()):
        href = draw(st.sampled_from((*URLS, "/relative/path", "", " javascript:x", "http://[::1")))
        parts.append(f"<link rel='canonical' href={attr(href)}>")
    for lang in draw(
        st.lists(st.sampled_from(("en", "ru", "x-default", "", "zz-ZZ", "123")), max_size=3)
    ):
        parts.append(
            f"<link rel='alternate' hreflang={attr(lang)} href={attr(draw(st.sampled_from(URLS)))}>"
        )
    for _ in range(draw(st.integers(0, 2))):
        parts.append(draw(jsonld(paragraphs)))
    return "<head>" + "".join(parts) + "</head>"


@st.composite
def news_pages(draw: st.DrawFn) -> str:
    """A plausible news page as text: head, headline, dateline paragraph, nested body."""
    first = draw(st.one_of(datelined(), inline()))
    paragraphs = [first, *draw(st.lists(inline(), max_size=5))]
    lang = draw(st.sampled_from(("az", "ru", "en", "tr", "ar", "zh", "en-US", "", "x", "AZE")))
    page_head = draw(head(paragraphs))
    h1 = f"<h1 class={attr(draw(st.sampled_from(CLASSES)))}>{escape(draw(sentences(max_words=12)))}</h1>"
    story = "".join(f"<p>{p}</p>" for p in paragraphs)
    container = draw(st.sampled_from(("article", "div", "main")))
    cls = draw(st.sampled_from(("", *CLASSES)))
    around = draw(blocks())
    after = draw(blocks())
    body = (
        f"{around}{h1}<{container} class={attr(cls)}>{story}{draw(blocks())}</{container}>{after}"
    )
    doctype = draw(st.sampled_from(("<!DOCTYPE html>", "", "<?xml version='1.0'?>")))
    return f"{doctype}<html lang={attr(lang)}>{page_head}<body>{body}</body></html>"


ENCODINGS = ("utf-8", "utf-16", "cp1251", "cp1254", "iso-8859-9", "cp1252", "koi8-r", "utf-8-sig")
DECLARED = (None, "utf-8", "iso-8859-1", "windows-1251", "utf-16", "bogus", "", "utf-7")


@st.composite
def encoded_pages(draw: st.DrawFn) -> tuple[bytes, str | None]:
    """A news page as bytes in some encoding, with the charset an HTTP header claims."""
    page = draw(news_pages())
    encoding = draw(st.sampled_from(ENCODINGS))
    return page.encode(encoding, errors="xmlcharrefreplace"), draw(st.sampled_from(DECLARED))


def html_inputs() -> st.SearchStrategy[bytes | str]:
    """Anything a caller might pass as a page: junk bytes, junk text, plausible pages."""
    return st.one_of(
        st.binary(max_size=3000),
        st.text(max_size=3000),
        news_pages(),
        encoded_pages().map(lambda pair: pair[0]),
    )


# --- feeds and sitemaps ----------------------------------------------------------------------


@st.composite
def feeds(draw: st.DrawFn) -> bytes:
    """An RSS or Atom feed (sometimes broken) with odd links, titles and dates."""
    items = []
    atom = draw(st.booleans())
    for _ in range(draw(st.integers(0, 5))):
        link = draw(
            st.sampled_from((*URLS, "/rel/1", "", "javascript:x", " http://a b/", "http://[::1"))
        )
        title = escape(draw(sentences(max_words=8)))
        when = escape(draw(any_date_text()))
        if atom:
            items.append(
                f"<entry><title>{title}</title><link href={attr(link)}/><updated>{when}</updated></entry>"
            )
        else:
            items.append(
                f"<item><title>{title}</title><link>{escape(link)}</link><pubDate>{when}</pubDate></item>"
            )
    inner = "".join(items)
    doc = (
        f"<feed xmlns='http://www.w3.org/2005/Atom'>{inner}</feed>"
        if atom
        else f"<rss version='2.0'><channel>{inner}</channel></rss>"
    )
    if draw(st.integers(0, 4)) == 0:
        doc = doc[: draw(st.integers(0, len(doc)))]
    return ("<?xml version='1.0' encoding='utf-8'?>" + doc).encode("utf-8")


@st.composite
def sitemaps(draw: st.DrawFn) -> bytes:
    """A sitemap, sitemap index or Google News sitemap (sometimes broken)."""
    index = draw(st.booleans())
    entries = []
    for _ in range(draw(st.integers(0, 5))):
        loc = escape(draw(st.sampled_from((*URLS, "/rel/1", "", " ", "http://[::1"))))
        when = escape(draw(any_date_text()))
        if index:
            entries.append(f"<sitemap><loc>{loc}</loc><lastmod>{when}</lastmod></sitemap>")
        elif draw(st.booleans()):
            title = escape(draw(sentences(max_words=6)))
            entries.append(
                f"<url><loc>{loc}</loc><news:news><news:publication_date>{when}"
                f"</news:publication_date><news:title>{title}</news:title></news:news></url>"
            )
        else:
            entries.append(f"<url><loc>{loc}</loc><lastmod>{when}</lastmod></url>")
    root = "sitemapindex" if index else "urlset"
    ns = "xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'"
    doc = f"<{root} {ns}>{''.join(entries)}</{root}>"
    if draw(st.integers(0, 4)) == 0:
        doc = doc[: draw(st.integers(0, len(doc)))]
    return doc.encode("utf-8")


# --- invariants ------------------------------------------------------------------------------

PIPELINE_FIELDS = ("url", "headline", "articleBody", "datePublished")
# a character a reader sees: no space to Python or to ECMA (U+FEFF), not zero-width
SHOWN = re.compile(r"[^\s\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def strings(value: object) -> list[str]:
    """Every string inside a record, in lists and objects too."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


"""Required fields a record may lack: the validation pipeline rejects it with a reason."""
_INVISIBLE = ("script", "style")
_NO_SPACE = re.compile(r"[\s|]+")


def _compact(text: str) -> str:
    """``text`` without whitespace, table bars and invisible (control and format) characters."""
    text = _NO_SPACE.sub("", text)
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf"))


def assert_record(record: dict | None) -> None:
    """A record, when there is one, is schema-valid (but for the pipeline's reject fields),
    shows something in every string, and all its dates are ISO 8601 with a UTC offset."""
    if record is None:
        return
    assert isinstance(record, dict)
    full = {
        **record,
        "metadata": {**record["metadata"], "dateDownloaded": "2026-11-27T23:00:00+00:00",
                     "spider": "test"},
    }  # fmt: skip
    allowed = [f"{f}: None " for f in PIPELINE_FIELDS]
    if record["articleBody"] is None:  # no body, no hash: rejected as empty_body
        allowed.append("metadata/contentHash: None ")
    errors = [e for e in schema_errors(full) if not e.startswith(tuple(allowed))]
    fields = ", ".join(sorted({e.split(":", 1)[0] for e in errors}))
    assert not errors, f"schema errors in {fields}\n{errors}"
    blank = [s for s in strings(record) if not SHOWN.search(s)]
    assert not blank, f"strings that show nothing (null is missing): {blank!r}"
    for key in ("datePublished", "dateModified"):
        if record[key] is not None:
            assert datetime.fromisoformat(record[key]).tzinfo is not None, record[key]
    if record["dateline"] and record["dateline"]["date"]:
        date.fromisoformat(record["dateline"]["date"])


def page_text(
    html: bytes | str, url: str | None = None, encoding: str | None = None
) -> tuple[str, ...]:
    """The page's texts as defined in the module docstring (the tree's visible text, then
    each JSON-LD ``articleBody``), compacted by ``_compact``."""
    page = parse_page(html, url, encoding)
    if page is None:
        return ()
    declared = []
    for script in page.tree.xpath("//script[@type='application/ld+json']"):
        declared.extend(_ld_bodies(script.text or ""))
    etree.strip_elements(page.tree, *_INVISIBLE, with_tail=False)
    return tuple(_compact(t) for t in (page.tree.text_content(), *declared))


def _as_html(text: str, decoded: bool = True) -> str:
    """``text`` read as an HTML fragment, control characters (which lxml refuses) and
    tags dropped: after its entities are decoded, as trafilatura's fallback reads it
    (``A&lt;b&gt;B`` as ``AB``), or as it stands, as a browser would show it
    (``A&amp;quot;`` as ``A&quot;``)."""
    text = "".join(
        ch for ch in (unescape(text) if decoded else text) if ch in "\t\n\r" or not _control(ch)
    )
    try:
        return fragment_fromstring(text, create_parent="div").text_content()
    except (ValueError, etree.ParserError):
        return text


def _control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc"


def _ld_bodies(text: str) -> list[str]:
    """Every ``articleBody`` string in a JSON-LD blob (none when it does not parse)."""
    try:
        data = json.loads(text, strict=False)
    except ValueError:
        return []
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("articleBody"), str):
                body = value["articleBody"]
                found.extend((body, unescape(body), _as_html(body), _as_html(body, False)))
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(data)
    return found


def missing_body_lines(record: dict | None, texts: tuple[str, ...]) -> list[str]:
    """Body lines not present (see the module docstring) in any of the page's ``texts``."""
    if not record or not record["articleBody"]:
        return []
    lines = record["articleBody"].split("\n")
    return [line for line in lines if not any(_in_order(line, text) for text in texts)]


def _in_order(line: str, text: str) -> bool:
    """Whether the pieces of ``line`` occur in ``text`` one after the other."""
    pos = 0
    for piece in line.split():
        piece = _compact(piece)
        if not piece:
            continue
        found = text.find(piece, pos)
        if found < 0:
            return False
        pos = found + len(piece)
    return True


def assert_aware_or_none(value: datetime | None) -> None:
    """A date a parser returns is timezone-aware, or there is none."""
    assert value is None or (value.tzinfo is not None and value.utcoffset() is not None), value


def check_dateline(found: Dateline | None, text: str) -> None:
    """A dateline's parts are non-empty and taken from the head of ``text``."""
    if found is None:
        return
    head = text.strip()[:200]
    assert found.place and found.place == found.place.strip() and found.place in head
    assert found.agency and found.agency in head
    assert 0 < found.end <= len(head)
    assert found.date_text is None or found.date_text in head
    assert found.author is None or found.author in head


def assert_links(links: list[Link]) -> None:
    """Links from a feed or sitemap: string URLs, aware dates, trimmed non-empty titles."""
    for link in links:
        assert isinstance(link.url, str)
        assert_aware_or_none(link.date)
        assert link.title is None or link.title.strip() == link.title != ""
