"""Headline, authors and publication date of generic news pages (no agency profile)."""

from __future__ import annotations

import json

import pytest

from newscrawl.extraction import extract_article
from newscrawl.extraction import metadata as meta
from newscrawl.extraction.body import Body
from newscrawl.extraction.byline import split_names
from newscrawl.extraction.dates import iso, parse_machine_date_offset
from newscrawl.extraction.headline import clean_text, site_name_keys, strip_site_name
from newscrawl.extraction.page import Page, parse_page

URL = "https://www.example-zeitung.de/politik/artikel-123.html"


def page(head: str = "", body: str = "", ld: dict | None = None, url: str = URL) -> Page:
    """A page built from head and body snippets, with an optional JSON-LD article."""
    script = ""
    if ld is not None:
        data = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", **ld})
        script = f'<script type="application/ld+json">{data}</script>'
    html = f"<html><head>{head}{script}</head><body>{body}</body></html>"
    parsed = parse_page(html, url)
    assert parsed is not None
    return parsed


def headline(p: Page) -> str | None:
    return meta.titles(p, None).headline


def authors(p: Page) -> list[str]:
    found = meta.authors(p, None, None, Body([], ""))
    return [a["name"] for a in found or []]


# --- headline -------------------------------------------------------------------------------


def test_site_name_suffix_is_stripped_when_no_h1() -> None:
    p = page(
        '<meta property="og:title" content="Steigende Zinsen setzen Dax zu | Börsen-Zeitung">'
        '<meta property="og:site_name" content="Börsen-Zeitung">'
    )
    assert headline(p) == "Steigende Zinsen setzen Dax zu"


def test_domain_suffix_is_a_site_name() -> None:
    keys, domain = site_name_keys([], "www.golem.de")
    assert strip_site_name("Akkutechnik: Hat Quantumscape gebaut? - Golem.de", keys, domain) == (
        "Akkutechnik: Hat Quantumscape gebaut?"
    )
    keys, domain = site_name_keys([], "www.mirror.co.uk")
    assert strip_site_name("Mirror Online | Riots: three injured", keys, domain) == (
        "Riots: three injured"
    )


def test_a_byline_after_the_site_name_goes_with_it() -> None:
    keys, domain = site_name_keys(["Harbour Post"], "www.harbourpost.example")
    title = "Roommate agrees to interview | Harbour Post | by Jane Doe"
    assert strip_site_name(title, keys, domain) == "Roommate agrees to interview"
    # a "Von …" part that follows the title itself, not the site's name, is the title's own
    title = "Zwei Rücktritte - Von A bis Z | Harbour Post"
    assert strip_site_name(title, keys, domain) == "Zwei Rücktritte - Von A bis Z"


def test_a_date_after_a_site_that_names_itself_by_its_host_goes_too() -> None:
    keys, domain = site_name_keys(["HP.COM"], "www.hp.com")  # "HP" alone is its name too
    for title in ("Port traffic up | HP | 28.04.2023", "Port traffic up – HP – 13.06.2023"):
        assert strip_site_name(title, keys, domain) == "Port traffic up"
    keys, domain = site_name_keys(["Harbour Post"], "www.hp.com")
    assert strip_site_name("Port traffic up | HP | 28.04.2023", keys, domain) == (
        "Port traffic up | HP | 28.04.2023"  # "HP" is not a name this site gives itself
    )


def test_a_full_width_colon_before_a_cjk_site_name_is_a_separator() -> None:
    keys, domain = site_name_keys(["朝日新聞デジタル"], "www.asahi.com")
    assert (
        strip_site_name("津波注意報 気象庁：朝日新聞デジタル", keys, domain) == "津波注意報 気象庁"
    )
    assert strip_site_name("速報：津波注意報", keys, domain) == "速報：津波注意報"


def test_a_hangul_bar_before_the_site_name_is_a_separator() -> None:
    p = page(
        '<meta property="og:title" content="장동혁, 한동훈 제명했지만… 부담 커졌다ㅣ한국일보">'
        '<meta property="og:site_name" content="한국일보">',
        url="https://www.hankookilbo.com/news/article/A2026012914320005196",
    )
    assert headline(p) == "장동혁, 한동훈 제명했지만… 부담 커졌다"


def test_dash_inside_a_real_title_is_kept() -> None:
    p = page(
        '<meta property="og:title" content="Zwei Rücktritte - und viele offene Fragen">'
        "<title>Zwei Rücktritte - und viele offene Fragen | tagesschau.de</title>"
    )
    assert headline(p) == "Zwei Rücktritte - und viele offene Fragen"


def test_entities_escaped_twice_are_decoded() -> None:
    p = page(ld={"headline": "Verstappen: &quot;No le soporto&quot; &#8211; Russell&#8217;s reply"})
    assert headline(p) == 'Verstappen: "No le soporto" – Russell’s reply'
    assert clean_text("Selbst\u00adbestimmung\u200b") == "Selbstbestimmung"


def test_visible_h1_wins_over_declared_variants() -> None:
    p = page(
        '<meta property="og:title" content="Chelsea send clear message - Evening Standard">'
        '<meta property="og:site_name" content="Evening Standard">',
        "<article><h1>Chelsea send clear message</h1><p>Text.</p></article>",
        ld={"headline": "Chelsea send clear message"},
    )
    assert headline(p) == "Chelsea send clear message"


def test_a_differently_worded_declared_title_is_kept_as_the_alternative() -> None:
    shown = "Nahost-Ticker: Palästinenser mutmaßlich von Siedlern erschossen"
    seo = "Krieg in Israel und Gaza im News-Ticker vom 26. August bis 1. September"
    p = page(
        f'<meta property="og:title" content="{shown} | BR24">'
        '<meta property="og:site_name" content="BR24">',
        f"<article><h1>{shown}</h1><p>Text.</p></article>",
        ld={"headline": seo},
    )
    assert headline(p) == shown
    assert meta.titles(p, None).alternative == seo
    # the same words with a site suffix, or the headline cut short, are no alternative
    p = page(
        f'<meta property="og:title" content="{shown} - BR24">'
        '<meta property="og:site_name" content="BR24">',
        f"<article><h1>{shown}</h1><p>Text.</p></article>",
        ld={"headline": "Nahost-Ticker: Palästinenser mutmaßlich …"},
    )
    assert meta.titles(p, None).alternative is None


def test_h1_that_is_no_headline_is_passed_over() -> None:
    p = page(
        '<meta property="og:title" content="Inside a Teamster Rebellion">',
        "<header><h1>Log In</h1></header><article><p>Text.</p></article>",
    )
    assert headline(p) == "Inside a Teamster Rebellion"


def test_the_confirmed_h1_among_several() -> None:
    p = page(
        "<title>Nam, SA hydrogen pipeline flagged - The Namibian</title>",
        '<h1><img src="logo.png" alt=""></h1><h1>Nam, SA hydrogen pipeline flagged</h1>'
        "<h1>… environmental groups concerned</h1>",
    )
    assert headline(p) == "Nam, SA hydrogen pipeline flagged"


def test_kicker_spans_in_the_h1_keep_their_separator() -> None:
    p = page(
        '<meta property="og:title" content="Bubi-Bomber wieder da: Thioune fordert Geduld">',
        '<h1><span class="kicker">Bubi-Bomber wieder da</span><span class="sep">: </span>'
        '<span class="headline">Thioune fordert Geduld</span></h1>',
    )
    assert headline(p) == "Bubi-Bomber wieder da: Thioune fordert Geduld"


def test_kicker_outside_the_h1_comes_from_the_declared_title() -> None:
    p = page(
        '<meta property="og:title" content="Kenia: Nairobi von unten">',
        '<article><p class="kicker">Kenia</p><h1>Nairobi von unten</h1></article>',
        ld={"headline": "Kenia: Nairobi von unten"},
    )
    assert headline(p) == "Kenia: Nairobi von unten"


def test_kicker_the_declared_title_drops_is_dropped() -> None:
    p = page(
        '<meta property="og:title" content="Drusen fordern Teilhabe">',
        "<h1><span>Minderheit in Syrien</span> - <span>Drusen fordern Teilhabe</span></h1>",
    )
    assert headline(p) == "Drusen fordern Teilhabe"


def test_words_glued_by_layout_get_their_space() -> None:
    p = page(body="<h1><span>Nationale Demo</span>Der 9. Juli naht</h1>")
    assert headline(p) == "Nationale Demo Der 9. Juli naht"


def test_soft_hyphens_in_the_h1_are_dropped() -> None:
    p = page(body="<h1>Verfas\u00adsungs\u00adbe\u00adschwerde eingelegt</h1>")
    assert headline(p) == "Verfassungsbeschwerde eingelegt"


# --- authors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("By Samya Kullab and Vasilisa Stepanenko", ["Samya Kullab", "Vasilisa Stepanenko"]),
        ("Felix Schröder und Jörg Soldwisch, dpa", ["Felix Schröder", "Jörg Soldwisch", "dpa"]),
        (
            "A. Modiba, C. Benit-Gbaffou, S. Charlton and T. Zack",
            ["A. Modiba", "C. Benit-Gbaffou", "S. Charlton", "T. Zack"],
        ),
        (
            "Trine Juncher Jørgensen og Tôrtia Reimer-Johansen",
            ["Trine Juncher Jørgensen", "Tôrtia Reimer-Johansen"],
        ),
        ("Elena Oberholzer (obe)", ["Elena Oberholzer"]),
        ("Von Seb Dumitru", ["Seb Dumitru"]),
        ("Autor: Monika Bolliger", ["Monika Bolliger"]),
        ("Por María López y Juan Pérez", ["María López", "Juan Pérez"]),
        ("Analysis by Chris Cillizza", ["Chris Cillizza"]),
        (
            "Finian Cunningham. Sputnik International",
            ["Finian Cunningham", "Sputnik International"],
        ),
        ("Dr. Max Kolter", ["Dr. Max Kolter"]),
        ("De Gaulle", ["De Gaulle"]),
        ("von der Leyen", ["von der Leyen"]),
    ],
)
def test_byline_strings_are_split_into_names(raw: str, names: list[str]) -> None:
    assert split_names(raw) == names


def test_jsonld_person_without_name_uses_given_and_family_name() -> None:
    ld = {
        "author": [
            {"@type": "Person", "givenName": "Birgit", "familyName": "Baumann"},
            {"@type": "Person", "givenName": "Anna Giulia", "familyName": "Fink"},
        ]
    }
    assert authors(page(ld=ld)) == ["Birgit Baumann", "Anna Giulia Fink"]


def test_publisher_organisation_is_no_author_but_an_agency_is() -> None:
    ld = {
        "author": [
            {"@type": "Person", "name": "Paula Steiger"},
            {"@type": "Organization", "name": "SDA"},
            {"@type": "Organization", "name": "Example Zeitung"},
        ],
        "publisher": {"@type": "Organization", "name": "Example Zeitung"},
    }
    assert authors(page(ld=ld)) == ["Paula Steiger", "SDA"]


def test_site_credited_alone_gives_no_author() -> None:
    ld = {"author": {"@type": "Organization", "name": "DER SPIEGEL"}}
    p = page(ld=ld, url="https://www.spiegel.de/politik/a-1.html")
    assert authors(p) == []


def test_a_person_whose_name_contains_the_site_name_stays() -> None:
    ld = {"author": {"@type": "Person", "name": "Hans Spiegel"}}
    p = page(ld=ld, url="https://www.spiegel.de/politik/a-1.html")
    assert authors(p) == ["Hans Spiegel"]


def test_jsonld_authors_win_over_meta_author() -> None:
    p = page(
        '<meta name="author" content="Condé Nast">',
        ld={"author": {"@type": "Person", "name": "Rachel Riederer"}},
    )
    assert authors(p) == ["Rachel Riederer"]


def test_meta_author_email_url_and_site_with_place_are_dropped() -> None:
    for content in (
        "d.kuckelkorn@example-zeitung.de",
        "https://www.facebook.com/example",
        "example-zeitung.de, Frankfurt, Germany",
        "Example Zeitung GmbH",
    ):
        p = page(f'<meta name="author" content="{content}">')
        assert authors(p) == [], content


def test_meta_author_names_are_split() -> None:
    p = page('<meta name="author" content="Anna Martel und Lea Wagner">')
    assert authors(p) == ["Anna Martel", "Lea Wagner"]


def test_byline_element_when_nothing_is_declared() -> None:
    body = (
        '<article><h1>Titel</h1><div class="article__byline">Von Eva Kirchner und Tom Lange'
        " | 25.04.2024, 14:07 Uhr</div><p>Text.</p></article>"
        '<div class="comments"><span class="comment-author">Kaffeetrinker</span></div>'
    )
    assert authors(page(body=body)) == ["Eva Kirchner", "Tom Lange"]


def test_byline_links_marked_up_alike_are_one_byline() -> None:
    body = (
        '<div class="bylines"><a rel="author" class="name" href="/a/1">Ingrid Treborg</a>'
        '<a rel="author" class="name" href="/a/2">Marlene Holm</a>'
        '<span class="author-title">Journalist</span></div>'
    )
    assert authors(page(body=body)) == ["Ingrid Treborg", "Marlene Holm"]


def test_a_byline_whose_by_and_and_are_its_own_elements_is_read_whole() -> None:
    """The inner "author" spans hold only "By" and "and": the names are in the block around them."""
    body = (
        '<div class="Page-authors"><span class="Page-authors-by">By&nbsp;</span>'
        '<a href="https://news.example/author/carmela-reyes">CARMELA REYES</a>'
        '<span class="Page-authors-and"> and </span>'
        '<a href="https://news.example/author/tomas-delgado">TOMAS DELGADO</a></div><p>Text.</p>'
    )
    assert authors(page(body=body)) == ["CARMELA REYES", "TOMAS DELGADO"]
    # a block around an inner element that names no one but is no connector stays unread
    other = '<div class="author-box"><span class="author-label">Published</span> Daily Desk</div>'
    assert authors(page(body=other)) == []


def test_photo_credits_and_teaser_authors_are_no_byline() -> None:
    body = (
        '<figure><figcaption class="image-author">Foto: Mads Rasmussen</figcaption></figure>'
        '<div class="teaser"><span class="teaser__author">von Marc Etzold</span></div>'
        '<p class="reader-meta">von <a href="/autoren/name/max-kolter">Dr. Max Kolter</a></p>'
    )
    assert authors(page(body=body)) == ["Dr. Max Kolter"]


def test_job_titles_degrees_and_dates_after_a_name_are_dropped() -> None:
    p = page('<meta name="author" content="STEVE PEOPLES, AP National Political Writer">')
    assert authors(p) == ["STEVE PEOPLES"]
    p = page('<meta name="author" content="Ilana Muhlstein, MS, RDN">')
    assert authors(p) == ["Ilana Muhlstein"]
    p = page('<meta name="author" content="JERUSALEM POST STAFF, NOVEMBER 20">')
    assert authors(p) == ["JERUSALEM POST STAFF"]


def test_a_desk_credit_alone_is_kept() -> None:
    ld = {"author": {"@type": "Person", "name": "Guardian staff reporter"}}
    assert authors(page(ld=ld)) == ["Guardian staff reporter"]


def test_cms_accounts_are_no_author() -> None:
    assert authors(page('<meta name="author" content="admin">')) == []


def test_byline_is_cut_at_its_date() -> None:
    body = (
        '<div class="article-byline">By Mike Wuerthele and Malcolm Owen'
        " Monday, November 18, 2019, 04:05 pm PT</div>"
    )
    assert authors(page(body=body)) == ["Mike Wuerthele", "Malcolm Owen"]


def test_date_words_in_a_byline_are_no_name() -> None:
    body = '<p class="text__byline">Veröffentlicht am 27.04.24 um 07:39 Uhr</p>'
    assert authors(page(body=body)) == []


# --- publication date -----------------------------------------------------------------------


def published(p: Page) -> str | None:
    when, _raw = meta.published(p, None, None)
    return iso(when) if when else None


def test_offset_flag_of_machine_dates() -> None:
    assert parse_machine_date_offset("2023-04-28T18:11:01+02:00")[1] is True
    assert parse_machine_date_offset("2023-04-28 18:11:01.0")[1] is False
    assert parse_machine_date_offset("Fri Apr 28 19:20:36 CEST 2023")[1] is False
    assert parse_machine_date_offset("Fri, 28 Apr 2023 19:20:36 +0200")[1] is True


def test_naive_date_borrows_the_offset_of_the_same_wall_time() -> None:
    p = page(
        '<meta name="date" content="2023-04-28T18:11:01+02:00">',
        ld={"datePublished": "2023-04-28 18:11:01.0"},
    )
    assert published(p) == "2023-04-28T18:11:01+02:00"


def test_time_element_gives_the_offset_of_a_zone_name_date() -> None:
    p = page(
        body='<time datetime="2023-04-28T19:20:36+0200">28.04.2023-19:20</time>',
        ld={"datePublished": "Fri Apr 28 19:20:36 CEST 2023"},
    )
    assert published(p) == "2023-04-28T19:20:36+02:00"


def test_a_time_element_shows_its_date_and_time_apart() -> None:
    """Spans that only CSS sets apart are read with a space: not "20264:45 PM"."""
    p = page(
        body='<time datetime="2026-11-20T16:45:10Z"><span>November 20, 2026</span>'
        "<span>4:45 PM GMT</span></time>"
    )
    when, raw = meta.published(p, None, None)
    assert iso(when) == "2026-11-20T16:45:10+00:00"
    assert raw == "November 20, 2026 4:45 PM GMT"


def test_unknown_site_prefers_a_date_with_offset_on_the_same_day() -> None:
    p = page(
        '<meta name="dc.date" content="2024-08-05T21:00:00+02:00">',
        ld={"datePublished": "2024-08-05"},
    )
    assert published(p) == "2024-08-05T21:00:00+02:00"


def test_a_date_with_offset_is_taken_as_stated() -> None:
    p = page(
        '<meta property="article:published_time" content="2024-04-23T07:56:00.000Z">',
        ld={"datePublished": "2024-04-23T09:56:00.000+02:00"},
    )
    assert published(p) == "2024-04-23T09:56:00+02:00"


def test_published_time_written_with_colons() -> None:
    p = page('<meta property="article:published:time" content="2024-10-23T15:48:15+00:00">')
    assert published(p) == "2024-10-23T15:48:15+00:00"


def test_page_without_machine_date_falls_back_to_the_url() -> None:
    p = page(body="<h1>Titel</h1>", url="https://www.example.it/2025/04/01/unermuedlicher-einsatz/")
    assert published(p) == "2025-04-01T00:00:00+00:00"


def test_jsonld_author_given_by_id_reference_is_resolved() -> None:
    from newscrawl import extract_article

    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "NewsArticle",
                "@id": "https://paper.example/a#article",
                "headline": "Council votes",
                "datePublished": "2026-11-24T09:30:00-05:00",
                "author": {"@id": "https://paper.example/#/schema/person/jd"},
            },
            {
                "@type": "Person",
                "@id": "https://paper.example/#/schema/person/jd",
                "name": "Jane Doe",
            },
        ],
    }
    import json as _json

    html = (
        f'<html><head><script type="application/ld+json">{_json.dumps(graph)}</script></head>'
        "<body><article><h1>Council votes</h1>"
        + "".join(
            f"<p>Paragraph {i} about the council vote and what it means for the town.</p>"
            for i in range(5)
        )
        + "</article></body></html>"
    )
    record = extract_article(html, "https://paper.example/news/2026/11/24/council-votes")
    assert record["authors"] == [{"name": "Jane Doe"}]


def test_places_and_editor_initials_in_a_byline_are_not_authors() -> None:
    from newscrawl.extraction.byline import Publisher, clean_names

    publisher = Publisher(["Example Zeitung"], "www.example-zeitung.example")
    assert clean_names(["Von Anna Sleegers, Frankfurt"], publisher) == ["Anna Sleegers"]
    assert clean_names(["ku Frankfurt"], publisher) == []
    assert clean_names(["amw"], publisher) == []
    assert clean_names(["Jane Doe, Reuters"], publisher) == ["Jane Doe", "Reuters"]
    assert clean_names(["dpa"], publisher) == ["dpa"]
    assert clean_names(["Ursula von der Leyen"], publisher) == ["Ursula von der Leyen"]
    # a name in Chinese, Japanese or Korean is one "word": the second of two is no place
    assert clean_names(["王鹏、赵琳"], publisher) == ["王鹏", "赵琳"]
    assert clean_names(["Wang Peng, Beijing"], publisher) == ["Wang Peng"]


def test_a_role_before_the_names_is_cut() -> None:
    from newscrawl.extraction.byline import Publisher, clean_names

    publisher = Publisher(["Example Wire"], "www.example-wire.example")
    assert clean_names(["by Xinhua writers Zhou Min, Gao Lei"], publisher) == [
        "Zhou Min",
        "Gao Lei",
    ]
    assert clean_names(["Staff reporter Jane Doe"], publisher) == ["Jane Doe"]
    # no name after the role: nothing to cut, and a role alone is no author
    assert clean_names(["The Writers Guild"], publisher) == ["The Writers Guild"]
    assert clean_names(["Reporter"], publisher) == []


_WIRE_STORY = "".join(
    f"<p>Paragraph {i} says how the port handled a record number of containers this autumn.</p>"
    for i in range(6)
)


def test_a_by_line_at_the_top_of_the_body_names_the_authors_when_nothing_else_does() -> None:
    byline = "<p>by Example Wire writers Zhou Min, Gao Lei</p>"
    html = f"<html><body><article><h1>Port sets record</h1>{byline}{_WIRE_STORY}</article></body></html>"
    record = extract_article(html, "https://www.example-wire.example/2026/11/27/port-record")
    assert record is not None
    assert "Zhou Min" not in record["articleBody"]
    assert [a["name"] for a in record["authors"]] == ["Zhou Min", "Gao Lei"]


@pytest.mark.parametrize(
    "lead",
    [
        "By Tuesday, the talks had collapsed.",
        "Par ailleurs, le ministre a démissionné.",
        "Von Montag an gilt die neue Regel.",
        "By Tuesday evening",
        "Published in 1925, the novel sold millions of copies.",
    ],
)
def test_a_lead_that_opens_with_by_is_story_and_names_no_one(lead: str) -> None:
    """A first line that opens like a byline or a date label but is a sentence stays."""
    html = f"<html><body><article><h1>Port sets record</h1><p>{lead}</p>{_WIRE_STORY}</article></body></html>"
    record = extract_article(html, "https://www.example-wire.example/2026/11/27/port-record")
    assert record is not None
    assert record["authors"] is None
    if lead.endswith("."):  # a sentence, not a bare time: it stays the story's first line
        assert record["articleBody"].startswith(lead)


def test_declared_authors_win_over_a_by_line_in_the_body() -> None:
    byline = "<p>By Jane Roe</p>"
    ld = json.dumps({"@type": "NewsArticle", "author": {"@type": "Person", "name": "John Doe"}})
    html = (
        f'<html><head><script type="application/ld+json">{ld}</script></head><body><article>'
        f"<h1>Port sets record</h1>{byline}{_WIRE_STORY}</article></body></html>"
    )
    record = extract_article(html, "https://www.example-wire.example/2026/11/27/port-record")
    assert record is not None
    assert [a["name"] for a in record["authors"]] == ["John Doe"]


def test_seo_plugin_written_by_pair_names_the_writer_when_meta_author_is_an_email() -> None:
    head = (
        '<meta name="author" content="d.kuckelkorn@example-zeitung.de">'
        '<meta name="twitter:label1" content="Written by">'
        '<meta name="twitter:data1" content="Dieter Kuckelkorn">'
        '<meta name="twitter:label2" content="Est. reading time">'
        '<meta name="twitter:data2" content="3 Minuten">'
    )
    assert authors(page(head)) == ["Dieter Kuckelkorn"]
    misc = '<meta name="twitter:misc:Verfasst von" content="Anna Sleegers">'
    assert authors(page(misc)) == ["Anna Sleegers"]
    other = '<meta name="twitter:label1" content="Est. reading time"><meta name="twitter:data1" content="3 Minuten">'
    assert authors(page(other)) == []


def test_author_label_in_a_fact_box_gives_the_name_after_it() -> None:
    body = (
        "<article><h1>Titel</h1><p>Der Autor des Buches, Karl Mai, sprach.</p></article>"
        '<ul class="smallList"><li><strong>Datum</strong> 28.04.2023</li>'
        "<li><strong>Autorin/Autor</strong> Roman Goncharenko</li></ul>"
    )
    assert authors(page(body=body)) == ["Roman Goncharenko"]
    assert authors(page(body="<dl><dt>Author:</dt><dd>Jane Roe</dd></dl>")) == ["Jane Roe"]
    assert authors(page(body="<p><strong>Author</strong> of the year awards were given.</p>")) == []


STORY = [
    "The council voted on Tuesday to close the old market hall after engineers found cracks in its roof.",
    "Traders will move to a temporary site near the station until repairs are finished next spring.",
    "The mayor said the decision was difficult but that the safety of shoppers came first.",
]


@pytest.mark.parametrize("where", ["first", "last"])
def test_a_bold_name_paragraph_at_the_body_edge_is_the_byline(where: str) -> None:
    from newscrawl import extract_article

    name = "<p><strong>Mohloai Mpesi</strong></p>"
    paras = "".join(f"<p>{t}</p>" for t in STORY)
    html = f"<html><body><article><h1>Market hall closes</h1>{name if where == 'first' else ''}{paras}{name if where == 'last' else ''}</article></body></html>"
    record = extract_article(html, "https://www.riverton-gazette.example/news/market-hall")
    assert record is not None
    assert "Mohloai Mpesi" not in (record["articleBody"] or "")
    assert [a["name"] for a in record["authors"] or []] == ["Mohloai Mpesi"]


def test_a_bold_subheading_is_no_byline() -> None:
    from newscrawl import extract_article

    paras = "".join(f"<p>{t}</p>" for t in STORY)
    html = f"<html><body><article><h1>Market hall closes</h1>{paras}<p><strong>Temporary Site</strong></p></article></body></html>"
    record = extract_article(html, "https://www.riverton-gazette.example/news/market-hall")
    assert record is not None
    assert record["authors"] is None
    assert record["articleBody"].endswith("Temporary Site")


def test_bold_names_after_a_standfirst_are_the_byline() -> None:
    from newscrawl import extract_article

    standfirst = "<p><em>…as quarry neighbours count the cracks in their walls</em></p>"
    names = "<p><strong>Mathatisi Sebusi/Mohalenyane Phakela</strong></p>"
    paras = "".join(f"<p>{t}</p>" for t in STORY)
    html = f"<html><body><article><h1>Blasts shatter homes</h1>{standfirst}{names}{paras}</article></body></html>"
    record = extract_article(html, "https://www.riverton-gazette.example/news/quarry")
    assert record is not None
    assert "Sebusi" not in record["articleBody"]
    assert [a["name"] for a in record["authors"]] == ["Mathatisi Sebusi", "Mohalenyane Phakela"]


# --- values that show nothing --------------------------------------------------------------


def test_metadata_that_shows_nothing_is_missing_not_an_invisible_string() -> None:
    """A byte-order mark or zero-width space in a meta tag is no keyword, author or section.

    Only U+FEFF also fails the schema's ``\\S`` for ECMA validators (ajv, jsonschema-rs)
    while Python's ``re`` passes it, so such a record was valid to us and not to them.
    """
    story = "".join(
        f"<p>Paragraph {i} of the harbour story tells how the ships came in at dawn.</p>"
        for i in range(6)
    )
    html = (
        '<html lang="en"><head><title>Harbour story</title>'
        '<meta name="keywords" content="&#65279;, ships, &#8203;">'
        '<meta name="author" content="&#65279;">'
        '<meta property="article:section" content="&#8203; &#65279;">'
        '<meta name="description" content="&#65279;">'
        '<meta property="og:image" content="&#8203;">'
        f"</head><body><article><h1>Harbour story</h1>{story}</article></body></html>"
    )
    record = extract_article(html, "https://news.example.com/2026/harbour-story")
    assert record["keywords"] == ["ships"]
    assert record["authors"] is None
    assert record["articleSection"] is None
    assert record["description"] is None
    assert record["mainImage"] is None
    assert record["headline"] == "Harbour story" and "ships came in" in record["articleBody"]


def test_every_value_of_a_repeated_author_meta_counts() -> None:
    """Open Graph's article:author is one tag per author; a site may print itself first."""
    two = page(
        '<meta property="og:site_name" content="NRK">'
        '<meta property="article:author" content="Mathias Hagen">'
        '<meta property="article:author" content="Anders Skjerdingstad">'
    )
    assert authors(two) == ["Mathias Hagen", "Anders Skjerdingstad"]
    site_first = page(
        '<meta property="og:site_name" content="한국일보">'
        '<meta name="author" content="한국일보"><meta name="author" content="신현주 기자">',
        url="https://www.hankookilbo.com/news/article/A2026012914190000817",
    )
    assert authors(site_first) == ["신현주"]  # the site is no author; 기자 ("reporter") goes
    assert authors(page('<meta name="author" content="山田太郎記者">')) == ["山田太郎"]


def test_a_desk_word_alone_is_no_author() -> None:
    for desk in ("Nachrichten", "Editorial", "Redaktion", "Staff", "Redazione", "Redacción"):
        assert authors(page(f'<meta name="author" content="{desk}">')) == [], desk
    assert authors(page('<meta name="author" content="Anna Martel">')) == ["Anna Martel"]


def test_the_extractor_id_names_the_extraction_code(tmp_path) -> None:
    """Two installs of one version from different commits must not look the same to the state."""
    import shutil
    from pathlib import Path

    from newscrawl.extraction import article

    package = Path(article.__file__).resolve().parent.parent
    for folder in ("extraction", "profiles"):
        shutil.copytree(package / folder, tmp_path / folder)
    assert article.code_digest(tmp_path) == article.code_digest()
    lexicon = tmp_path / "extraction" / "furniture.py"
    lexicon.write_text(lexicon.read_text("utf-8") + "\n# one more pattern\n", "utf-8")
    assert article.code_digest(tmp_path) != article.code_digest()
    assert f"+{article.code_digest()} " in article.extractor_id()


@pytest.mark.parametrize(
    ("head", "ld", "expected"),
    [
        ('<meta name="keywords" content="Spain, Europe,, World news">', None, ["Spain", "Europe", "World news"]),
        ('<meta property="article:tag" content="Gaza"><meta property="article:tag" content="Hamas">', None, ["Gaza", "Hamas"]),
        ('<meta property="article:tag" content="Spain,Europe,World news">', None, ["Spain", "Europe", "World news"]),
        ("", {"keywords": ["Aviation safety", "Montana"]}, ["Aviation safety", "Montana"]),
        ("", {"keywords": "Health, China, Health"}, ["Health", "China"]),
        ("", {"keywords": "Cooperative Governance &amp; Traditional Affairs"}, ["Cooperative Governance & Traditional Affairs"]),
        ('<meta name="keywords" content="ctp_video, @river, Day: Friday, Hong Kong">', None, ["Hong Kong"]),
        ('<meta name="keywords" content="sections/sverige, 26157981-b4f7-4929-adc1-e860c6f03636, Technik/Hardware">', None, ["Technik/Hardware"]),
        ('<meta name="keywords" content="_Prio_3">', {"keywords": ["Bitcoin"]}, ["Bitcoin"]),
        ("", None, None),
    ],
)  # fmt: skip
def test_keywords_come_from_the_first_source_that_has_any(head, ld, expected) -> None:
    assert meta.keywords(page(head, ld=ld), None) == expected
