"""Properties that hold for every input: the cleaner, the dateline and date parsers, the
feed and sitemap readers and encoding detection never raise on junk, and what they return
keeps its contract (schema-valid records, body text taken from the page, aware dates).

Example counts are small so the file stays fast in CI; ``benchmarks/fuzz.py`` runs the
same strategies and checks for minutes. The strategies and what "present in the page"
means are in ``tests/strategies.py``.
"""

from __future__ import annotations

import codecs
import os
import re
from datetime import date, datetime, timedelta
from email.utils import format_datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newscrawl.extraction.article import extract_article
from newscrawl.extraction.dateline import find_dateline
from newscrawl.extraction.dates import (
    iso,
    parse_machine_date,
    parse_visible_date,
    resolve_day_month,
    zone,
)
from newscrawl.extraction.encoding import decode_html
from newscrawl.extraction.verdict import blocked_reason, soft_404
from newscrawl.profiles import all_profiles
from newscrawl.schema import article_schema
from newscrawl.spiders.sitemaps import Sitemap, SitemapError, parse_sitemap
from newscrawl.spiders.sources import parse_feed
from tests.strategies import (
    AGENCIES,
    DECLARED,
    MONTHS,
    TZ_NAMES,
    URLS,
    any_date_text,
    assert_aware_or_none,
    assert_links,
    assert_record,
    aware_datetimes,
    check_dateline,
    encoded_pages,
    feeds,
    html_inputs,
    missing_body_lines,
    news_pages,
    page_text,
    sentences,
    sitemaps,
)

# CI runs the same examples every time, so a red build means a code change, not luck;
# locally each run explores new inputs (and hypothesis replays past failures first).
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]
PAGES = settings(max_examples=10, deadline=None, suppress_health_check=SLOW)
JUNK = settings(max_examples=40, deadline=None, suppress_health_check=SLOW)
CHEAP = settings(max_examples=80, deadline=None, suppress_health_check=SLOW)
DATE_FORMATS = tuple(sorted({f for p in all_profiles() for f in p.date_formats}))
ISO_DATETIME = article_schema()["$defs"]["isoDateTime"]["pattern"]


# --- the cleaner -----------------------------------------------------------------------------


@JUNK
@given(st.one_of(st.binary(max_size=2000), st.text(max_size=2000)), st.sampled_from(URLS))
def test_junk_gives_a_valid_record_or_none(html: bytes | str, url: str) -> None:
    assert_record(extract_article(html, url))


@PAGES
@given(news_pages(), st.sampled_from(URLS))
def test_news_page_record_keeps_its_contract(html: str, url: str) -> None:
    record = extract_article(html, url)
    assert record is not None  # a page with <html> and paragraphs is HTML
    assert_record(record)
    assert not missing_body_lines(record, page_text(html, url))
    if record["articleBody"]:
        for line in record["articleBody"].split("\n"):
            assert line == " ".join(line.split()), repr(line)  # squashed, no blank lines


@PAGES
@given(encoded_pages(), st.sampled_from(URLS))
def test_encoded_page_record_keeps_its_contract(page: tuple[bytes, str | None], url: str) -> None:
    body, declared = page
    record = extract_article(body, url, encoding=declared)
    assert_record(record)
    assert not missing_body_lines(record, page_text(body, url, declared))


@settings(max_examples=4, deadline=None, suppress_health_check=SLOW)
@given(news_pages(), st.sampled_from(URLS))
def test_extraction_is_repeatable_and_utf8_bytes_read_as_text(html: str, url: str) -> None:
    """Extracting twice gives the same record (no state leaks between pages), and the
    page's UTF-8 bytes give the record its text gives (UTF-8 beats any label)."""
    first = extract_article(html, url)
    assert extract_article(html, url) == first
    if not html.isascii():
        assert extract_article(html.encode("utf-8"), url) == first


@settings(max_examples=12, deadline=None, suppress_health_check=SLOW)
@given(html_inputs(), st.sampled_from((None, "utf-8", "latin-1", "bogus", "utf-16")))
def test_without_url_nothing_raises(html: bytes | str, declared: str | None) -> None:
    record = extract_article(html, None, encoding=declared)
    assert record is None or record["url"] is None


# --- datelines -------------------------------------------------------------------------------


@CHEAP
@given(st.one_of(st.text(max_size=300), sentences()), st.sampled_from(((), AGENCIES)))
def test_dateline_of_any_text_is_none_or_from_the_text(text: str, agencies: tuple) -> None:
    check_dateline(find_dateline(text, agencies), text)


PLAIN_PLACES = ("Bakı", "Ankara", "Баку", "باكو", "Şəki", "Tromsø", "Gəncə", "Стамбул")


@CHEAP
@given(
    st.sampled_from(PLAIN_PLACES),
    st.integers(1, 31),
    st.sampled_from(sorted(MONTHS)),
    st.data(),
    st.sampled_from(AGENCIES),
    sentences(),
)
def test_a_comma_dateline_is_read_exactly(
    place: str, day: int, lang: str, data: st.DataObject, agency: str, rest: str
) -> None:
    month = data.draw(st.sampled_from(MONTHS[lang]))
    text = f"{place}, {day} {month}, {agency} – {rest}"
    found = find_dateline(text, (agency,))
    assert found is not None
    assert (found.place, found.date_text, found.agency) == (place, f"{day} {month}", agency)


# --- dates -----------------------------------------------------------------------------------


@CHEAP
@given(any_date_text(), st.sampled_from(TZ_NAMES))
def test_machine_dates_are_aware_or_none(text: str, tz: str | None) -> None:
    found = parse_machine_date(text, tz)
    assert_aware_or_none(found)
    if found is not None:
        assert 1900 < found.year < 2200


@CHEAP
@given(aware_datetimes())
def test_iso_and_rfc822_dates_read_back_the_same_instant(dt: datetime) -> None:
    dt = dt.replace(microsecond=0)
    assert parse_machine_date(dt.isoformat()) == dt
    if dt.utcoffset() % timedelta(minutes=1) == timedelta(0):  # RFC 822 has no offset seconds
        assert parse_machine_date(format_datetime(dt)) == dt
    naive = dt.replace(tzinfo=None)
    assert parse_machine_date(naive.isoformat(), "Asia/Baku") == naive.replace(
        tzinfo=zone("Asia/Baku")
    )


@CHEAP
@given(aware_datetimes())
def test_iso_output_fits_the_schema_and_keeps_the_instant(dt: datetime) -> None:
    text = iso(dt)
    assert re.match(ISO_DATETIME, text), text
    assert abs(datetime.fromisoformat(text) - dt) < timedelta(seconds=60)


@settings(max_examples=12, deadline=None, suppress_health_check=SLOW)
@given(
    any_date_text(),
    st.sampled_from(((), DATE_FORMATS)),
    st.sampled_from(TZ_NAMES),
    st.sampled_from(([], ["az"], ["ru"], ["en", "tr"], ["ar"], ["zz"])),
)
def test_visible_dates_are_aware_or_none(text: str, formats: tuple, tz: str | None, langs) -> None:
    assert_aware_or_none(parse_visible_date(text, formats, tz, langs))


@settings(max_examples=40, deadline=None, suppress_health_check=SLOW)
@given(any_date_text(), aware_datetimes(), st.sampled_from((None, "az", "ru", "en", "zz")))
def test_day_month_resolves_to_a_date_or_none(text: str, ref: datetime, lang: str | None) -> None:
    found = resolve_day_month(text, ref, lang)
    assert found is None or type(found) is date


# --- feeds, sitemaps, encodings, verdicts ----------------------------------------------------


@JUNK
@given(st.one_of(feeds(), st.binary(max_size=1000)), st.sampled_from(URLS))
def test_feeds_give_links_with_aware_dates(body: bytes, base: str) -> None:
    assert_links(parse_feed(body, base, "Asia/Baku"))


@JUNK
@given(st.one_of(sitemaps(), st.binary(max_size=1000)), st.sampled_from(URLS))
def test_sitemaps_give_links_or_a_reason(body: bytes, base: str) -> None:
    try:
        found = parse_sitemap(body, base, "Asia/Baku")
    except SitemapError as exc:
        assert str(exc)  # refused, with the reason
        return
    assert isinstance(found, Sitemap)
    assert_links(found.pages)
    assert all(isinstance(u, str) for u in found.sitemaps)


@CHEAP
@given(st.binary(max_size=2000), st.sampled_from(DECLARED))
def test_any_bytes_decode_with_a_real_codec(body: bytes, declared: str | None) -> None:
    text, name = decode_html(body, declared)
    assert isinstance(text, str)
    codecs.lookup(name)


@CHEAP
@given(st.text(min_size=1).filter(lambda s: not s.isascii()), st.sampled_from(DECLARED))
def test_utf8_text_comes_back_whatever_the_label(text: str, declared: str | None) -> None:
    body = text.encode("utf-8")
    expected = text[1:] if text.startswith("\ufeff") else text  # a leading BOM is the mark
    assert decode_html(body, declared)[0] == expected


@CHEAP
@given(st.integers(100, 599), st.binary(max_size=3000))
def test_verdicts_are_known_reasons(status: int, body: bytes) -> None:
    assert blocked_reason(status, {}, body) in (None, "challenge", "captcha", "unavailable")
    assert soft_404(body) in (True, False)


def test_the_presence_check_catches_text_that_is_not_on_the_page() -> None:
    """The body property above is only as good as this check: it must fail on made-up,
    twice-decoded or reordered text and pass on squashed, joined text."""
    html = (
        "<p>Tom &amp;quot;Jr&amp;quot; said</p><p>it&#xAD;self\u200b works</p><script>x y</script>"
    )
    texts = page_text(html)

    def missing(body: str) -> list[str]:
        return missing_body_lines({"articleBody": body}, texts)

    assert missing("Tom &quot;Jr&quot; said it self works") == []  # two blocks joined
    assert missing("Tom &quot;Jr&quot; said\nitself works") == []  # soft hyphen dropped
    assert missing('Tom "Jr" said') == ['Tom "Jr" said']  # entity decoded twice
    assert missing("works itself") == ["works itself"]  # out of page order
    assert missing("said x y") == ["said x y"]  # script text
