"""Body cleaning rules on small realistic pages, agency and generic."""

from __future__ import annotations

from lxml.html import fromstring

from newscrawl import extract_article
from newscrawl.extraction import explain_article
from newscrawl.extraction.furniture import is_furniture, opens_tail

AZ_URL = "https://azertag.az/en/xeber/Test_story-3999999"


def _azertac_page(body: str, after: str = "") -> str:
    return f"""<!DOCTYPE html><html lang="en"><head><title>Test story | AZERTAC</title>
<meta property="article:published_time" content="2026-11-20T10:00:00+04:00"></head>
<body><header class="site-header"><a href="/">AZERTAC</a><div class="ticker">
<a href="/en/xeber/x-1">Ticker headline one</a></div></header>
<main><div class="sa-post app-post"><div class="post-category"><a>ECONOMY</a></div>
<h1 class="entry-title">Test story</h1>
<ul class="global-list"><li>20.11.2026 [10:00]</li><li>317</li></ul>
<div class="news-body">{body}</div>{after}</div></main>
<footer>© 2026 AZERTAC. All rights reserved.</footer></body></html>"""


def test_empty_paragraphs_and_stray_breaks_make_no_blank_lines() -> None:
    html = _azertac_page(
        "<p>Baku, November 20, AZERTAC</p><p>&nbsp;</p><p></p><p><br></p>"
        "<p>First sentence of the story.<br></p><p> <br> <br> </p>"
        "<p>Second paragraph,<br>continued after a line break.</p>"
    )
    record = extract_article(html, AZ_URL)
    assert record["articleBody"] == (
        "Baku, November 20, AZERTAC\nFirst sentence of the story.\n"
        "Second paragraph,\ncontinued after a line break."
    )


def test_furniture_inside_the_body_container_is_removed() -> None:
    html = _azertac_page(
        "<p>Baku, November 20, AZERTAC</p><p>The story itself.</p>"
        "<p><strong>Read also:</strong> <a href='/en/xeber/y-2'>Another story</a></p>"
        "<figure><img src='/a.jpg'><figcaption>Photo: AZERTAC</figcaption></figure>"
        "<p>The end of the story.</p>"
        "<p class='hyperlink-note'>© Content from this site must be hyperlinked when used.</p>",
        after="<div class='mistake-note'>Report a mistake by marking it and pressing ctrl + enter</div>",
    )
    record = extract_article(html, AZ_URL)
    assert record["articleBody"] == (
        "Baku, November 20, AZERTAC\nThe story itself.\nThe end of the story."
    )


def test_title_date_and_category_lines_do_not_lead_the_body() -> None:
    html = _azertac_page(
        "<p>ECONOMY</p><p>Test story</p><p>20.11.2026 [10:00]</p>"
        "<p>Baku, November 20, AZERTAC</p><p>The story itself.</p>"
    )
    assert extract_article(html, AZ_URL)["articleBody"] == (
        "Baku, November 20, AZERTAC\nThe story itself."
    )


def test_closing_signature_becomes_the_author() -> None:
    html = _azertac_page(
        "<p>Kyiv, October 14, AZERTAC</p><p>The exhibition opened on Monday.</p>"
        "<p>Emil Huseynli<br>AZERTAC special correspondent<br>Kyiv</p>"
    )
    record = extract_article(html, AZ_URL)
    assert record["articleBody"] == "Kyiv, October 14, AZERTAC\nThe exhibition opened on Monday."
    assert record["authors"] == [{"name": "Emil Huseynli"}]


def test_a_short_last_paragraph_that_is_text_is_kept() -> None:
    html = _azertac_page(
        "<p>Baku, November 20, AZERTAC</p><p>The talks went on for hours.</p>"
        "<p>The sides will meet again in Kyiv</p>"
    )
    assert extract_article(html, AZ_URL)["articleBody"].endswith(
        "The sides will meet again in Kyiv"
    )


def test_empty_body_container_gives_no_body() -> None:
    html = _azertac_page(
        "<p>&nbsp;</p><p class='hyperlink-note'>© Content from this site must be hyperlinked.</p>"
    )
    record = extract_article(html, AZ_URL)
    assert record["articleBody"] is None
    assert record["headline"] == "Test story"


def test_not_html_gives_none() -> None:
    assert extract_article(b"", AZ_URL) is None
    assert extract_article(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", AZ_URL) is None


def test_unknown_site_uses_the_generic_path() -> None:
    paragraphs = "".join(
        f"<p>Paragraph {i} of the council story tells what happened at the meeting, "
        f"who spoke, and what the vote on item {i} means for residents.</p>"
        for i in range(1, 7)
    )
    html = f"""<html lang="en"><head><title>Council votes | Riverton Gazette</title>
    <meta property="og:site_name" content="Riverton Gazette"></head><body>
    <nav><a href="/">Home</a><a href="/news">News</a><a href="/sport">Sport</a></nav>
    <article><h1>Council votes on flood budget</h1>{paragraphs}
    <p>Share this article</p></article>
    <aside><h3>Related stories</h3><ul><li><a href="/a">Other story one</a></li></ul></aside>
    <footer>© 2026 Riverton Gazette. All rights reserved.</footer></body></html>"""
    record = extract_article(html, "https://www.riverton-gazette.example/news/council")
    body = record["articleBody"].split("\n")
    assert body[0].startswith("Paragraph 1 of the council story")
    assert body[-1].startswith("Paragraph 6 of the council story")
    assert len(body) == 6
    assert record["publisher"] == {
        "name": "Riverton Gazette",
        "url": "https://www.riverton-gazette.example/",
    }


def test_furniture_lexicon_is_multilingual() -> None:
    for line in (
        "© Content from this site must be hyperlinked when used.",
        "Report a mistake by marking it and pressing ctrl + enter",
        "Fields with * are required.",
        "Please enter the letters as they are shown in the image above.",
        "Letters are not case-sensitive.",
        "© При использовании материалов гиперссылка обязательна.",
        "Читайте также: В Баку открылся форум",
        "Lire aussi : Le ministre a rencontré",
        "Share",
        "Paylaş:",
        "Iscriviti al canale WhatsApp di ANSA per ricevere le notizie più importanti",
        "Únete a nuestro canal de WhatsApp",
        "Rejoignez notre chaîne Telegram pour suivre l'actualité",
        "Siga o nosso canal no WhatsApp",
        "Join our WhatsApp channel for the latest news",
        "Подписывайтесь на наш Telegram-канал",
    ):
        assert is_furniture(line), line
    for line in (
        "The minister said the copyright law would change.",
        "Share prices rose 3 percent on Monday, traders said.",
        "Читайте внимательно: так сказал министр.",
        # a story that names a channel asks the reader nothing: it stays
        "Zelensky said on his Telegram channel that the troops had pulled back overnight.",
        "El ministerio publicó en su canal de Telegram que las tropas se retiraron.",
        "Il ministro ha scritto sul suo canale Telegram che le truppe si sono ritirate.",
        "Губернатор написал в своем Telegram-канале, что обстрел продолжался всю ночь.",
        "Il ministro ha detto che il governo seguirà da vicino il caso di WhatsApp in Europa, "
        "dove l'Antitrust ha aperto un'indagine sul trattamento dei dati degli utenti italiani "
        "e sulle condizioni imposte ai fornitori.",
    ):
        assert not is_furniture(line), line
    assert opens_tail("Related news")
    assert not opens_tail("Related news agencies reported the talks.")


def test_appeals_and_notices_speak_to_the_reader_and_stories_about_them_stay() -> None:
    """Promotions, appeals and comment notices address the reader; news about the same
    things (a price, a rapporteur, a union's newsletter, a council's approval) does not."""
    for line in (
        "Unabhängiger Journalismus braucht deine Unterstützung.",
        "Our journalism needs your support.",
        "Get unlimited access: subscriptions from $1 a month, cancel any time you like.",
        "Digital subscriptions for as little as $1 a week.",
        "Sign up for our weekly politics newsletter to get it in your inbox every Monday.",
        "Der Newsletter informiert Sie montags bis freitags über das Wichtigste vom Tag.",
        "ATENÇÃO: Comentários ofensivos não serão aprovados pelo moderador.",
        "Comments are moderated and will be published after review.",
    ):
        assert is_furniture(line), line
    for line in (
        "Netflix raised the price of its standard subscription to $15.49 a month on Tuesday.",
        "Subscriptions to the service cost $9.99 per month in the United States, it said.",
        "Journalism needs protection more than ever, the UN special rapporteur told the forum.",
        "Independent journalism needs support from the state, the minister said in Baku.",
        "In a newsletter sent by email to members, the union said the strike would go ahead.",
        "The comments were approved by the council on Monday after a long debate.",
        "Os comentários foram publicados na rede social do ministro na segunda-feira.",
        "Die Kommentare wurden freigeschaltet, nachdem die Moderatoren sie geprüft hatten.",
        "Copyright holders said the ruling would hurt artists across Europe.",
        "Die AfD auf Social Media erreicht Millionen junger Wähler.",
        "Comments on the new rules were mixed, the ministry said, citing the policy review.",
        "Kommentare zu den Regeln der EU gab es viele, sagte sie.",
    ):
        assert not is_furniture(line), line
    for notice in (
        "Copyright: Project Syndicate, 2025",
        "Copyright 2019 Hawaii News Now.",
        "Comments are subject to our community guidelines",
        "Kommentare: Bitte beachten Sie unsere Regeln",
    ):
        assert is_furniture(notice), notice


def test_closing_calls_to_action_are_edge_furniture() -> None:
    from newscrawl.extraction.furniture import is_edge_furniture

    for line in (
        "Got a story? Get in touch with our news team by emailing us at news@example.com.",
        "For more stories like this, check our news page.",
        "For the latest news, follow us on Telegram",
        "Get access to the Harbour Post's premium markets service for as little as 5 euros a "
        "month for the first year. Use the code HARBOUR. Premium offers you all the "
        "information you need, including investment ideas, independent research and analysis.",
        "If you enjoyed this article, we have a proposition for you: join our members' club. "
        "Members get all of our content (including the weekly magazine), no paywalls or "
        "meters, fewer advertisements, and unique access to our writers and editors (calls, "
        "groups, events). And members help keep us going. Consider it?",
    ):
        assert is_edge_furniture(line), line
    for credit in (
        "Jane Doe contributed to this report.",
        "Reuters contributed reporting.",
        "(Reporting by Jane Doe in Kyiv; Editing by John Roe)",
        "Reporting by Olena Harmash; Writing by Lidia Kelly; Editing by Gerry Doyle and Diane Craft",
        "— With files from The Associated Press",
    ):
        assert is_edge_furniture(credit), credit
    for sentence in (  # a story's first or last line that opens like a credit
        "Several agencies contributed reporting to the UN inquiry, officials said.",
        "Reporting by the BBC showed the payments were made in 2019.",
        "Writing by candlelight, the prisoners kept a diary.",
        "With reporting from Kyiv, the team documented 40 cases.",
    ):
        assert not is_edge_furniture(sentence), sentence
    assert not is_edge_furniture("For more than a decade the mill employed half the town.")
    assert not is_edge_furniture("Getting access to the archive took the reporters two years.")
    # a funder's disclosure is furniture; a story about who answers for content is not
    assert is_edge_furniture(
        "The Associated Press receives support from the Walton Family Foundation for coverage "
        "of water and environmental policy. The AP is solely responsible for all content."
    )
    assert not is_edge_furniture(
        "The platform said users are solely responsible for the content they post."
    )


def test_link_lists_calls_to_action_and_bylines_leave_a_generic_body() -> None:
    story = "".join(
        f"<p>Paragraph {i} explains the plan in detail, with numbers, names and the "
        f"reasons the council gave for the decision it took on item {i}.</p>"
        for i in range(1, 6)
    )
    html = f"""<html lang="en"><head><title>Budget passes | Example Times</title></head><body>
    <nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <article><h1>Budget passes</h1>
    <p>By Jane Doe and John Roe</p><p>Published 18 November 2019</p>
    {story}
    <p><a href="/a">Council to vote again on parking fees next month</a></p>
    <p><a href="/b">Mayor opens new library branch in the east end</a></p>
    <p>Follow us on Twitter and Facebook for the latest news updates.</p>
    <p>jane.doe@example-times.example</p>
    </article><footer>© 2019 Example Times</footer></body></html>"""
    body = extract_article(html, "https://www.example-times.example/news/budget")["articleBody"]
    lines = body.split("\n")
    assert lines[0].startswith("Paragraph 1 explains") and lines[-1].startswith("Paragraph 5")
    assert len(lines) == 5


def test_paragraph_split_around_a_link_is_mended() -> None:
    from lxml import etree

    from newscrawl.extraction.lines import element_lines, mend_split_paragraphs

    body = etree.fromstring(
        "<body><p>Analysts predicted that the company will </p>"
        '<ref target="/x">move all laptops to new keyboards in 2020</ref>'
        "<p>, including the cheapest models.</p><p>Next paragraph.</p></body>"
    )
    mend_split_paragraphs(body)
    lines = element_lines(body)
    assert [ln.text for ln in lines] == [
        "Analysts predicted that the company will move all laptops to new keyboards in 2020"
        ", including the cheapest models.",
        "Next paragraph.",
    ]
    assert lines[0].link_chars == len("move all laptops to new keyboards in 2020")


def test_unrendered_template_text_is_never_article_text() -> None:
    html = _azertac_page(
        "<p>Baku, November 20, AZERTAC</p><p>{{::news.lead}}</p><p>{{ article.body | html }}</p>"
    )
    assert extract_article(html, AZ_URL)["articleBody"] == "Baku, November 20, AZERTAC"


def test_split_visible_date_keeps_its_parts_apart() -> None:
    from newscrawl.extraction.page import parse_page

    page = parse_page(
        "<html><body><div class='date'><span>11:20</span><span>20 fevral 2026</span></div></body></html>"
    )
    assert page.xpath_text(["//div[@class='date']"]) == "11:20 20 fevral 2026"


def test_declared_body_replaces_an_extraction_that_found_only_part_of_it() -> None:
    import json as _json

    from newscrawl.extraction.body import Body, _prefer_declared_body
    from newscrawl.extraction.page import parse_page

    paragraphs = [
        f"Paragraph {i} of the long feature follows the engineers through the winter, "
        f"the tests and the failures that came before the shield worked at last ({i})."
        for i in range(1, 13)
    ]
    ld = {"@type": "NewsArticle", "headline": "Shield", "articleBody": "\n\n".join(paragraphs)}
    html = f'<html><head><script type="application/ld+json">{_json.dumps(ld)}</script></head><body></body></html>'
    page = parse_page(html, "https://www.example-magazine.example/news/shield")
    partial = Body(lines=paragraphs[:4], source="trafilatura")
    assert _prefer_declared_body(page, partial, None, ()).lines == paragraphs
    unrelated = Body(
        lines=["A different story about football transfers and a cup final."] * 2, source="t"
    )
    assert _prefer_declared_body(page, unrelated, None, ()) is unrelated


def test_teaser_articles_nested_in_the_story_are_not_its_text() -> None:
    teaser = "".join(
        f"<article class='postbox'><h2><a href='/p{i}'>Other post {i}</a></h2>"
        f"<p>Teaser {i}: a different story about gratitude, family and faith that the site "
        f"shows under every post to keep readers on the page a little longer.</p></article>"
        for i in range(1, 5)
    )
    story = "".join(
        f"<p>Paragraph {i} of the post itself, about loving oneself before loving others, "
        f"and why that order matters in every friendship and family.</p>"
        for i in range(1, 4)
    )
    html = f"""<html><head><title>Only who loves himself… | Messages</title></head><body>
    <main><article class='articlebox'><h1>Only who loves himself…</h1>{story}</article>
    <section class='more'>{teaser}</section></main></body></html>"""
    body = extract_article(html, "https://messages.example/only-who-loves-himself")["articleBody"]
    assert "Teaser" not in body
    assert body.count("Paragraph") == 3


def test_kicker_teaser_lists_and_page_anchors() -> None:
    import lxml.html
    from lxml import etree

    from newscrawl.extraction.body import _drop_link_runs
    from newscrawl.extraction.lines import Line, element_lines
    from newscrawl.extraction.recover import restore_link_share

    # a jump heading (<a name>, <a href="#...">) is no link; a link to a page is
    lines = element_lines(
        etree.fromstring(
            '<doc><head><ref name="s1">Prices keep falling</ref></head>'
            '<p><ref target="#s2">Jump to the end</ref></p><p><ref target="/x">Other story</ref></p></doc>'
        )
    )
    assert [ln.link_chars for ln in lines] == [0, 0, len("Other story")]
    # an <li> that is one link in the page, read by the extractor as plain text
    tree = lxml.html.fromstring(
        "<html><body><ul><li><a href='/a'><span>Energy:</span><span>Prices fall</span></a></li>"
        "<li><a href='#top'>Back to top</a></li></ul></body></html>"
    )
    items = restore_link_share(tree, [Line("Energy: Prices fall", "item"), Line("Back to top")], {})
    assert items[0].link_ratio == 1.0 and items[1].link_ratio == 0.0
    # kicker + linked headline, twice in a row: a related-stories list
    story = Line("The council passed the budget on Tuesday after a long debate about fees.")
    teasers = [Line("Energy: Prices fall again", "item", 17), Line("Rail: Strike ends", "item", 11)]
    removed: list[str] = []
    kept = _drop_link_runs([story, *teasers, story], removed)
    assert kept == [story, story] and len(removed) == 2
    assert _drop_link_runs([story, teasers[0], story], []) == [story, teasers[0], story]


def test_skipped_paragraphs_between_extracted_ones_are_recovered() -> None:
    import lxml.html

    from newscrawl.extraction.lines import Line
    from newscrawl.extraction.recover import paragraph_index, recover_twins

    texts = [
        f"Paragraph {i} tells one more part of the story, with enough words in it to count as text."
        for i in range(4)
    ]
    html = "<html><body><div class='story'>" + "".join(f"<p>{t}</p>" for t in texts)
    html += "<p>Jane Doe is a reporter who covers the city council and its budget fights.</p></div></body></html>"
    tree = lxml.html.fromstring(html)
    got = recover_twins(
        tree, [Line(texts[0]), Line(texts[1]), Line(texts[3])], paragraph_index(tree)
    )
    assert [ln.text for ln in got] == texts  # the one after the last extracted is not taken


# -- trafilatura's fast mode and the second opinion ------------------------------------------

_STORY = (
    "The port authority said on Tuesday that container traffic rose for a third month, "
    "helped by new rail links to the interior and a shorter customs procedure."
)


def _generic_page(paragraphs: list[str], nav_items: int = 0) -> str:
    nav = "".join(f"<li><a href='/s/{i}'>Section {i}</a></li>" for i in range(nav_items))
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<html><head><title>Port traffic up</title></head><body>"
        f"<nav><ul>{nav}</ul></nav><article><h1>Port traffic up</h1>{body}</article>"
        "<footer>Contact us</footer></body></html>"
    )


def _trafilatura_modes(monkeypatch, html: str) -> tuple[list[bool], dict | None]:  # type: ignore[no-untyped-def]
    """The ``fast`` flag of each trafilatura run while extracting ``html``."""
    import trafilatura

    modes: list[bool] = []
    real = trafilatura.bare_extraction

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        modes.append(kwargs.get("fast", False))
        return real(*args, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", spy)
    return modes, extract_article(html, "https://news.example/2026/port-traffic")


def test_a_well_formed_story_is_extracted_in_one_fast_pass(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    paragraphs = [f"{_STORY} Paragraph {i} adds detail." for i in range(6)]
    modes, record = _trafilatura_modes(monkeypatch, _generic_page(paragraphs, nav_items=12))
    assert modes == [True]
    assert record["articleBody"].count("\n") == 5
    assert "Section 3" not in record["articleBody"]


def test_a_short_story_gets_the_full_cascade_as_a_second_opinion(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    modes, record = _trafilatura_modes(monkeypatch, _generic_page([_STORY]))
    assert modes == [True, False]
    assert record["articleBody"] == _STORY


def test_second_opinion_triggers() -> None:
    from newscrawl.extraction.body import _needs_second_opinion
    from newscrawl.extraction.lines import Line

    prose = [Line(f"{_STORY} ({i})") for i in range(6)]
    page = {ln.text: fromstring(f"<div><p>{ln.text}</p></div>")[0] for ln in prose}
    assert not _needs_second_opinion(prose, page)
    assert _needs_second_opinion(prose[:1], page)  # too short
    blob = Line(" ".join(ln.text for ln in prose))
    assert _needs_second_opinion([blob], page)  # one text dump, not paragraphs
    menu = Line(" ".join(f"Section {i} News" for i in range(40)))
    assert _needs_second_opinion([*prose, menu], page)  # a flattened navigation bar
    linked = [Line(ln.text, link_chars=len(ln.text)) for ln in prose[:3]]
    assert _needs_second_opinion(prose[3:] + linked, page)  # half of it link text


def test_second_opinion_when_the_story_has_far_more_paragraphs_than_were_found() -> None:
    from newscrawl.extraction.body import _needs_second_opinion
    from newscrawl.extraction.lines import Line

    found = [Line(f"{_STORY} ({i})") for i in range(4)]
    more = [f"{_STORY} [{i}]" for i in range(20)]
    story = {t: fromstring(f"<div><p>{t}</p></div>")[0] for t in [ln.text for ln in found] + more}
    assert _needs_second_opinion(found, story)  # 4 of 24 story paragraphs: a split body
    teasers = fromstring(
        "<aside><ul>" + "".join(f"<li><p>{t}</p></li>" for t in more) + "</ul></aside>"
    )
    sidebar = {ln.text: story[ln.text] for ln in found} | {p.text: p for p in teasers.iter("p")}
    assert not _needs_second_opinion(found, sidebar)  # the rest is a teaser sidebar


# -- paywall notices, CJK date lines, breaking-story notes ----------------------------------

_JA_STORY = (
    "気象庁は十三日、日向灘を震源とする地震があったと発表した。震源の深さは約三十キロで、"
    "地震の規模はマグニチュード六・六と推定される。"
)


def test_a_paywall_notice_and_the_offer_after_it_leave_the_body() -> None:
    paragraphs = [f"{_JA_STORY}（{i}）" for i in range(5)]
    tail = [
        "この記事は会員限定です。",
        "紙の新聞の定期購読者の方は、無料で会員登録できます。",
        "会員向け記事が読み放題",
    ]
    html = _generic_page(["2025年1月14日 01時28分 (1月14日 01時40分更新)", *paragraphs, *tail])
    body = extract_article(html, "https://news.example/article/1011185")["articleBody"]
    assert body.split("\n") == paragraphs


def test_cjk_date_lines_are_told_from_sentences_that_start_with_a_date() -> None:
    from newscrawl.extraction.furniture import is_date_line, opens_tail

    assert is_date_line("2025年1月14日 01時28分 (1月14日 01時40分更新)")
    assert not is_date_line("2025年1月14日、気象庁は臨時情報を発表した")
    assert opens_tail("有料会員になると会員限定の有料記事もお読みいただけます。")
    assert opens_tail("This article is only available to subscribers.")
    assert not opens_tail("This article is part of a series on the election.")


def test_breaking_story_and_comment_prompts_are_edge_furniture() -> None:
    from newscrawl.extraction.furniture import is_edge_furniture

    assert is_edge_furniture("This is a breaking new story - more to follow")
    assert is_edge_furniture("Breaking news, updates to follow.")
    assert is_edge_furniture("Join thought-provoking conversations, follow other readers")
    assert not is_edge_furniture("Breaking the deadlock took the negotiators three weeks.")


def test_edge_furniture_is_looked_for_at_the_edges_of_what_is_left() -> None:
    """A newsletter pitch above a sign-up form's messages ends the story once they are gone."""
    paragraphs = [f"{_STORY} Part {i} of the report." for i in range(8)]
    tail = [
        "Harbour Briefing Newsletter",
        "Thanks for signing up!",
        "Keep an eye on your inbox for the latest port news.",
        "Sorry!",
        "There was an error processing your subscription.",
    ]
    html = _generic_page([*paragraphs, *tail])
    record, removed = explain_article(html, "https://news.example/2026/port-traffic")
    assert record["articleBody"].split("\n") == paragraphs
    assert ("edge-furniture", "Harbour Briefing Newsletter") in removed
    # mid-story, the same line is text: the edge is still only the first and last lines
    html = _generic_page([*paragraphs[:4], "Harbour Briefing Newsletter", *paragraphs[4:]])
    assert (
        "Harbour Briefing Newsletter"
        in extract_article(html, "https://news.example/a")["articleBody"]
    )


def test_tag_links_and_a_printed_address_above_the_title_do_not_hide_it() -> None:
    from newscrawl.extraction.body import clean_lines
    from newscrawl.extraction.lines import Line

    title = "Cat found in New Mexico after going missing in Oregon"
    story = [f"{_STORY} Part {i} of the report." for i in range(3)]
    tags = [Line(t, link_chars=len(t)) for t in ("Edendale", "Msunduzi", "News", "Local", "Crime")]
    address = "https://www.harbourpost.example/news/article/cat-found-in-new-mexico-after-going-missing-14848175.php"
    for head in (tags, [Line(address)]):
        lines = [*head, Line(title), *(Line(p) for p in story)]
        body = clean_lines(lines, "trafilatura", None, (title,), address)  # its own address
        assert body.lines == story, head
        assert ("metadata", title) in body.removed
    # the title as a line of the story's own text, after its first paragraph, stays
    lines = [Line(story[0]), Line(title), *(Line(p) for p in story[1:])]
    assert clean_lines(lines, "trafilatura", None, (title,)).lines[1] == title


_TRAM = [
    "The city council approved the extension of the eastern tram line on Thursday evening, "
    "with 31 votes in favour and 12 against, after a debate that lasted almost five hours.",
    "The new section will add six stops between the central station and the university "
    "campus, cutting the journey for about 14,000 daily commuters by a quarter of an hour.",
]


def _tram_page(printed: str) -> str:
    """A page whose declared title differs from its h1, with ``printed`` above the text."""
    return (
        '<html lang="en"><head><title>Council approves tram extension | Harbour Post</title>'
        '<meta property="og:title" content="Council approves tram extension">'
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "Council approves tram extension"}</script></head><body><main><article>'
        "<header><h1>Eastern line: six new stops after the vote</h1></header>"
        f'<div class="text">{printed}' + "".join(f"<p>{p}</p>" for p in _TRAM) + "</div>"
        "</article></main></body></html>"
    )


def test_the_printed_title_is_metadata_even_when_the_headline_is_a_declared_one() -> None:
    url = "https://www.harbourpost.example/city/tram"
    for printed in (
        "<h2>Eastern line: six new stops after the vote</h2>",  # the h1 again
        "<h2>Six new stops after the vote</h2>",  # ... without its kicker
    ):
        record = extract_article(_tram_page(printed), url)
        assert record["headline"] == "Council approves tram extension"
        assert record["articleBody"].split("\n") == _TRAM, printed
    # the kicker printed above the title goes with it; a short line above the text does not
    record = extract_article(
        _tram_page("<p>TRANSPORT</p><h2>Six new stops after the vote</h2>"), url
    )
    assert record["articleBody"].split("\n") == _TRAM
    record = extract_article(_tram_page("<p>TRANSPORT</p>"), url)
    assert record["articleBody"].split("\n")[0] == "TRANSPORT"
    # a line that is only the title's last two words is text (a subheading, say)
    record = extract_article(_tram_page("<h2>The vote</h2>"), url)
    assert record["articleBody"].split("\n")[0] == "The vote"


# -- client-rendered pages: the story in the scripts ----------------------------------------


def _shell_page(payload: str) -> str:
    return (
        "<html><head><title>Budget talks resume</title></head><body>"
        '<div id="__next"><header><a href="/">Home</a></header><main></main></div>'
        f"<script>self.__next_f.push([1,{payload}])</script></body></html>"
    )


def test_a_client_rendered_page_gives_the_story_its_script_carries() -> None:
    import json

    story = [f"{_STORY} Part {i}." for i in range(4)]
    html = "".join(f"<p>{p}</p>" for p in story)
    html = '<div class="caption"><p>Photo: the port at dawn</p></div>$$ARTICLEAD$$' + html
    payload = json.dumps(html).replace("<", "\\u003c").replace(">", "\\u003e")
    record = extract_article(_shell_page(payload), "https://news.example/article/A2026")
    assert record["articleBody"].split("\n") == story


def test_a_shell_page_whose_scripts_hold_no_story_stays_empty() -> None:
    payload = '"\\u003cp\\u003eOne teaser paragraph only.\\u003c/p\\u003e"'
    record = extract_article(_shell_page(payload), "https://news.example/article/A2027")
    assert record["articleBody"] is None


def test_a_scrap_is_no_body_but_a_one_sentence_flash_is() -> None:
    shell = "<html><body><header><a href='/'>Home</a></header><main></main></body></html>"
    assert extract_article(shell, "https://news.example/a/1")["articleBody"] is None
    flash = "気象庁は十三日、日向灘で地震があったと発表した。"
    page = f"<html><body><article><h1>地震</h1><p>{flash}</p></article></body></html>"
    assert extract_article(page, "https://news.example/a/2")["articleBody"] == flash


def test_more_read_also_paywall_and_promo_lines_in_more_languages() -> None:
    from newscrawl.extraction.furniture import is_edge_furniture

    for line in (
        "Czytaj więcej Niemiecki parlament przyjął wniosek o zaostrzenie przepisów",
        "Zobacz też: Sejm przyjął ustawę",
        "Läs också: Regeringen presenterar budgeten",
        "Zum Artikel: Tarifrunde im ÖPNV: Das wird verhandelt",
        "Auch interessant",
        "Folgst du schon 20 Minuten auf Whatsapp? Eine Newsübersicht am Morgen.",
        "Check out more of our travel stories by signing up to our free weekly newsletter",
        "Tu suscripción se está usando en otro dispositivo",
        "Esta funcionalidad es sólo para suscriptores",
        "Mehr zur Lage im Nahen Osten lesen Sie in unserem Liveblog: Die Entwicklungen",
        "FUNDA OLUNYE UDABA LAPHA | Kuboshwe abahlanu besolwa",
        "This is a breaking new story - more to follow",
        "Related Roundup: MacBook Pro",
        "Follow @GadgetDeals on Twitter to keep up with the latest and greatest deals",
        "Quantities may be limited. Prices are subject to change without notice.",
        "05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde - Tags: trânsito",
        "Jane Roe (jane@spacenews.example) is the editor and publisher of Space Weekly.",
    ):
        assert is_furniture(line), line
    for line in (
        "Czytaj uważnie: minister podpisał ustawę w piątek.",
        "Lees ookal mee, zei de minister niet.",
        "Les membres du conseil ont voté mardi.",
        "Die Abonnenten des Newsletters erhielten die Nachricht am Montag.",
        "Readers who signed up for the newsletter in 2020 got the offer first.",
        "Mehr zur Lage sagte der Minister nicht.",
        "Related companies reported higher prices: the index rose 2 percent.",
        "Follow-up talks are planned for March, the ministry said.",
        "Fuel prices are subject to a new tax from January, the minister said.",
    ):
        assert not is_furniture(line), line
    assert opens_tail("More from The Nation")
    assert opens_tail("Tags")
    assert not opens_tail("More from the interview was released on Tuesday.")
    assert opens_tail(
        "Il vous reste 57.09% de cet article à lire. La suite est réservée aux abonnés."
    )
    assert not opens_tail("Il vous reste trois jours pour voter, a rappelé le maire.")
    for line in (
        "mit dpa",
        "Mit Material von AFP und Reuters",
        "Aktuelle Nachrichten aufs Handy? Hier geht es zur neuen Gazette-News-App – für Android und iOS.",
    ):
        assert is_edge_furniture(line), line
    assert not is_edge_furniture("Mit dpa-Informationen zufolge stieg der Umsatz um drei Prozent.")


def test_screen_reader_link_labels_leave_the_text() -> None:
    html = """<html lang="de"><head><title>Akkus</title></head><body><article>
    <h1>Hat Quantumscape genug Akkus?</h1>
    <p>Vor fünf Jahren versprach Quantumscape seinen <a href="https://example.org/ir">Investoren
    <span class="vh">(öffnet im neuen Fenster)</span></a>, zu denen Volkswagen gehörte, einen
    revolutionären Akku. Die Firma nannte damals Werte für Energiedichte und Ladezeit, die bis
    heute kein Serienauto erreicht hat, und sammelte damit Milliarden an der Börse ein.</p>
    <p>Etwa zur gleichen Zeit nutzte Tesla Akkus von <a href="https://example.org/p">Panasonic
    <span class="vh">(öffnet im neuen Fenster)</span></a> mit 271 Wh/kg, und chinesische Firmen
    lieferten Autos mit LFP-Akkus aus, deren Zellen zwar weniger Energie speichern, aber billiger
    sind und länger halten, was für viele Käufer am Ende wichtiger ist als die Reichweite.</p>
    </article></body></html>"""
    record = extract_article(html, "https://www.akku-news.example/news/quantumscape-1.html")
    assert "Fenster" not in record["articleBody"]
    assert "Investoren, zu denen Volkswagen" in record["articleBody"]
    assert "Akkus von Panasonic mit 271 Wh/kg" in record["articleBody"]


def test_subheadings_between_kept_paragraphs_are_kept() -> None:
    """trafilatura drops plain ``<h2>`` subheads in some layouts; they are story text."""

    def para(i: int) -> str:
        return (
            f"<p>Paragraph {i} of the report describes the preparations for the offensive in "
            "detail, with the names of the units, the places they were seen and what the "
            "officers said about the weeks ahead.</p>"
        )

    story = (
        para(1) + para(2) + "<h2>Why Kyiv is waiting</h2>" + para(3)
        + '<div class="ad">Advertisement</div>' + para(4)
        + '<h2><a href="/en/other/a-9">Teaser: another story entirely</a></h2>'
        + "<h5>11.04: Fighting for time near the city</h5>" + para(5) + para(6)
        + "<h2>Related stories</h2>"
    )  # fmt: skip
    html = (
        '<html lang="en"><head><title>Offensive | Example Wave</title></head><body>'
        '<div class="col3"><div class="group"><h1>The offensive is coming</h1>'
        f'<div class="longText">{story}</div></div></div></body></html>'
    )
    record = extract_article(html, "https://www.example-wave.example/en/offensive/a-123")
    lines = record["articleBody"].split("\n")
    assert lines[2] == "Why Kyiv is waiting"
    assert lines[5] == "11.04: Fighting for time near the city"  # a live ticker entry
    assert len(lines) == 8
    assert "Teaser" not in record["articleBody"]
    assert "Related stories" not in record["articleBody"]


def test_a_closing_bio_of_the_author_is_not_story_text() -> None:
    story = "".join(
        f"<p>Paragraph {i} on the river port: the cranes, the ships waiting at anchor and what "
        f"the harbour master said about the season's cargo, item {i}.</p>"
        for i in range(1, 5)
    )
    ld = '{"@type": "NewsArticle", "headline": "Port", "author": {"@type": "Person", "name": "Manuela Conrad"}}'

    def page(last: str) -> str:
        return (
            f'<html lang="en"><head><title>Port</title><script type="application/ld+json">{ld}'
            f"</script></head><body><article><h1>Port</h1>{story}<p>{last}</p></article>"
            "</body></html>"
        )

    bio = "Manuela Conrad is a correspondent for Russia, the Caucasus and Central Asia."
    record = extract_article(page(bio), "https://www.port-news.example/news/port-1.html")
    assert record["authors"][0]["name"] == "Manuela Conrad"
    assert "correspondent" not in record["articleBody"]
    assert record["articleBody"].split("\n")[-1].startswith("Paragraph 4")
    story_end = (
        "Manuela Conrad's ship, the harbour master said, was the last to leave before the ice."
    )
    record = extract_article(page(story_end), "https://www.port-news.example/news/port-2.html")
    assert record["articleBody"].split("\n")[-1] == story_end  # no bio cue: the story's own line
    for story_end in (  # the name, but not as the subject of a bio, or a namesake without a job
        'Conrad sagte im Gespräch mit Port News: "Wir machen das nicht aus Spaß."',
        "Captain Manuela has covered the last mile of the river without a pilot since May.",
    ):
        record = extract_article(page(story_end), "https://www.port-news.example/news/port-5.html")
        assert record["articleBody"].split("\n")[-1] == story_end
    other = "Boris Ilyin is a correspondent who covered the port for twenty years before retiring."
    record = extract_article(page(other), "https://www.port-news.example/news/port-3.html")
    assert record["articleBody"].split("\n")[-1] == other  # not an author of this story
    # a job title before the name, a possessive cue, a prompt below the bio
    for bio in (
        "Korrespondentin Manuela Conrad ist bei der Zeitung für den Hafen zuständig.",
        "Manuela Conrad is Port News's shipping editor and sails on weekends.",
        # the name a few words in, as the subject; a first name alone beside a job title
        "Die Hamburger Kapitänin Manuela Conrad ist Gründerin der Stiftung Hafenkultur.",
        "A 30-year veteran and award-winning journalist, Manuela has covered shipping since "
        "the first container cranes came to the river.",
    ):
        last = f"{bio}</p><p>Aktuelle Meldungen zum Hafen finden Sie in unserem Liveblog:"
        record = extract_article(page(last), "https://www.port-news.example/news/port-4.html")
        assert "Manuela Conrad" not in record["articleBody"], bio
        assert record["articleBody"].split("\n")[-1].startswith("Aktuelle Meldungen")


_FLOOD_URL = "https://www.river-news.example/news/flood-walls"


def _flood_body(article_inner: str) -> list[str]:
    """The body lines of a page whose ``<article>`` holds ``article_inner`` after its title."""
    html = (
        '<html lang="en"><head><title>Flood walls</title></head><body><article>'
        f"<h1>Flood walls</h1>{article_inner}</article></body></html>"
    )
    return extract_article(html, _FLOOD_URL)["articleBody"].split("\n")


def _flood_story(n: int) -> list[str]:
    return [
        f"Paragraph {i} on the flood defences: the new walls, the pumps and what the engineers "
        f"said about the river levels expected this spring, item {i}."
        for i in range(1, n + 1)
    ]


def test_image_captions_between_paragraphs_are_not_story_text() -> None:
    story = _flood_story(6)
    html = (
        '<html lang="en"><head><title>Flood walls</title></head><body><article>'
        f"<h1>Flood walls</h1><p>{story[0]}</p><p>{story[1]}</p>"
        '<div class="artSplitter"><img src="/a.jpg">'
        '<p class="imageCaption">Engineers inspect the new flood wall on the east bank of the '
        "river on Monday morning</p></div>"
        f"<p>{story[2]}</p><p>{story[3]}</p>"
        '<div class="image-widget"><picture><img src="/b.jpg"></picture>'
        "<p><span>Pictured from left are the mayor, the chief engineer and two residents of the "
        "riverside estate</span></p></div>"
        f"<p>{story[4]}</p><p>{story[5]}</p></article></body></html>"
    )
    url = "https://www.river-news.example/news/flood-walls"
    assert extract_article(html, url)["articleBody"].split("\n") == story
    # a story wrapped in a media-classed container beside a picture is still the story
    wrapped = (
        '<html lang="en"><head><title>Flood walls</title></head><body>'
        '<article class="media-article"><h1>Flood walls</h1><img src="/a.jpg">'
        '<div class="media-body">' + "".join(f"<p>{p}</p>" for p in story) + "</div>"
        "</article></body></html>"
    )
    assert extract_article(wrapped, url)["articleBody"].split("\n") == story


def test_credit_disclaimer_consent_and_appeal_lines_are_furniture() -> None:
    for line in (
        "Image: Fouzia Van Der Fort",
        "(Quelle: APA/sda/dpa)",
        "SDA/sep",
        "(dmk)",
        "Please read our Comment Policy before commenting.",
        "Would you like to comment on this article?",
        "Ähnliche Artikel",
        "Noticia relacionada",
        "Dies ist eine maschinelle Übersetzung eines Artikels unserer US-Kollegen.",
        "Lest den Originalartikel auf Englisch hier.",
        "Redaktion: Marcus Bensmann, Elena Müller",
        "Aus dem Englischen von Jan Doolan",
        "Dieses Thema im Programm: MDR THÜRINGEN - Das Radio | Nachrichten | 28. April 2023",
        "Mit Informationen der ARD-Korrespondenten sowie der Nachrichtenagenturen AFP, AP, dpa.",
        "Gastkommentare wie dieser hier müssen nicht der Meinung der Redaktion entsprechen.",
        "The views expressed in this article are the author's own and do not reflect ours.",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "Waffenlieferungen: In: Legal Tribune Online, 20.10.2025 (abgerufen am: 20.10.2025 )",
        "Eigene Recherchen",
        "Hat Ihnen dieser Artikel gefallen? Dann unterstützen Sie uns bitte mit einer Spende.",
        "Ihre Meinung ist uns wichtig. Senden Sie uns Ihr Feedback an: briefe@example.de",
        "Do you have a story to tell? Email: news@example.co.uk",
        "Link copied to clipboard",
        "기사 URL이 복사되었습니다.",
        "The next issue of NP Posted will soon be in your inbox.",
        "Advertisement 1Story continues below",
        "Sign up for breaking news, reviews, opinion, top tech deals, and more",
        "Lesedauer: 4 Minuten",
        "Si continúas leyendo en este dispositivo, no se podrá leer en el otro.",
        "An dieser Stelle finden Sie einen von unseren Redakteuren ausgewählten, externen Inhalt,"
        " der den Artikel für Sie mit zusätzlichen Informationen anreichert.",
        "Ein Klick für den Datenschutz",
        "Link zum YouTube-Inhalt",
        "We want to hear from you: Are you planning to vote early? Tell us why.",
        "You can check out at any time. Read our Privacy Policy",
        "Read More",
        ">> Hier finden Sie außerdem alle EZB-Termine für 2025 im Überblick",
        "Get the latest headlines, breaking news and columns.",
        "신현주 기자 spicy@hankookilbo.com",
        "박준석 기자 외 1명",
        "AA",
        "Die Autorin",
        "DALLA NOSTRA CORRISPONDENTE",
        "关注",
        "おすすめ情報",
        "Nach dem Angriff wurden schärfere Sanktionen gegen Iran beschlossen. 18.04.2024 | 0:21 min",
        "Nizaar Kinsella2 minutes ago",
        "Log in or create an account to continue",
        "You must confirm your public display name before commenting",
        "Please logout and then login again, you will then be prompted to enter your name.",
        "Eine Newsübersicht am Morgen und zum Feierabend, überraschende Storys und Breaking News:"
        " Abonniere den Whatsapp-Kanal von 20 Minuten.",
    ):
        assert is_furniture(line), line
    for line in (
        "Image: the minister said the picture was taken before the vote, not after it.",
        "(Reuters) - The central bank held rates on Tuesday, as expected by most economists.",
        "Redaktion: Die Zeitung hat den Bericht am Montag nach langer Prüfung veröffentlicht.",
        "With files from the archive, the historian rebuilt the town's story of the flood.",
        "Sign up for the vaccine opens on Monday at every pharmacy in the district.",
        "The views expressed by the minister drew criticism from the opposition on Monday.",
        "Eigene Recherchen des Senders ergaben, dass die Firma die Mittel zweckentfremdet hat.",
        "Lesedauer und Schwierigkeit der Texte wurden in der Studie ebenfalls untersucht.",
        "Do you have a story like hers? The ministry asked other victims to come forward.",
        "Read more books, the minister told pupils at the opening of the new library.",
        "The fire broke out 20 minutes ago",
        "Get the latest vaccine before winter, the health minister urged pensioners.",
        "AA batteries ran out in the town within hours of the storm warning.",
        "Die Autorin hat das Buch in nur drei Monaten geschrieben, sagte ihr Verlag.",
        "Am 18.04.2024 lief der Film 90 Minuten lang, danach sprach die Regisseurin.",
    ):
        assert not is_furniture(line), line
    assert opens_tail("Schlagwörter zu diesem Artikel")
    assert opens_tail("Etiketler :") and opens_tail("Enjoying our latest content?")


def test_closing_credits_are_edge_furniture() -> None:
    from newscrawl.extraction.furniture import is_edge_furniture

    for line in (
        "With files from The Associated Press and Mohamed El Saife",
        "— With reporting by Associated Press writer Sheikh Saaliq",
        "Additional reporting from PA",
    ):
        assert is_edge_furniture(line), line
        assert not is_furniture(line), line  # mid-story, "With files from ..." may be prose
    assert is_edge_furniture(
        "Associated Press writers Alan Fram, Zeke Miller, Laurie Kellman, Colleen Long, Eric "
        "Tucker, Lolita Baldor and Jill Colvin contributed to this report."
    )
    assert is_edge_furniture("Reach the reporters on Twitter at http://twitter.com/example")
    assert is_furniture("This article has been sent to")
    assert not is_edge_furniture("Reach the summit before noon, the guides told the climbers.")


def test_a_teaser_header_of_kicker_and_declared_title_is_not_story_text() -> None:
    story = [
        f"Paragraph {i} on the bank's collapse: what the regulator found, which warnings were "
        f"missed and what the report asks supervisors to change, item {i}."
        for i in range(1, 5)
    ]
    ld = '{"@type": "NewsArticle", "headline": "Notenbank räumt Fehler bei der Aufsicht ein"}'
    html = (
        f'<html lang="de"><head><title>Bank</title><script type="application/ld+json">{ld}'
        "</script></head><body><article><h1>Notenbank räumt Fehler bei der Aufsicht ein</h1>"
        "<p><span>Kollaps der Bank</span>Notenbank räumt Fehler bei der Aufsicht ein</p>"
        + "".join(f"<p>{p}</p>" for p in story)
        + "</article></body></html>"
    )
    body = extract_article(html, "https://www.example-news.example/wirtschaft/bank-1")
    assert body["articleBody"].split("\n") == story
    short = "<p>Kurz notiert Zinsen</p>"  # a title under four words is not matched
    html = html.replace(
        "<p><span>Kollaps der Bank</span>Notenbank räumt Fehler bei der Aufsicht ein</p>", short
    )
    html = html.replace("Notenbank räumt Fehler bei der Aufsicht ein", "Zinsen")
    body = extract_article(html, "https://www.example-news.example/wirtschaft/bank-2")
    assert body["articleBody"].split("\n")[0] == "Kurz notiert Zinsen"


def test_an_agency_lead_that_repeats_the_headline_after_its_dateline_is_kept() -> None:
    lead = "Ankara, 20 fevral, APA. Ankarada Azərbaycan mədəniyyəti günləri başlayıb."
    rest = [
        f"Tədbirlər çərçivəsində {i}-ci gün sərgi, konsert və film nümayişi keçiriləcək, "
        f"təşkilatçılar proqramın geniş olduğunu bildiriblər, bölmə {i}."
        for i in range(1, 4)
    ]
    html = (
        '<html lang="az"><head><title>Mədəniyyət</title></head><body><article>'
        "<h1>Ankarada Azərbaycan mədəniyyəti günləri başlayıb</h1>"
        + "".join(f"<p>{p}</p>" for p in [lead, *rest])
        + "</article></body></html>"
    )
    body = extract_article(html, "https://news.example/medeniyyet/ankara-918377")["articleBody"]
    assert body.split("\n")[0] == lead


def test_story_parts_in_twin_wrapper_stacks_are_recovered() -> None:
    import lxml.html

    from newscrawl.extraction.lines import Line
    from newscrawl.extraction.recover import paragraph_index, recover_twins

    parts = [
        [f"Part {k} paragraph {i} goes on with the debate in parliament, who spoke for the "
         f"bill, who against it, and what the vote on the border controls means." for i in range(2)]
        for k in range(3)
    ]  # fmt: skip

    def section(texts: list[str], body_class: str) -> str:
        paragraphs = "".join(f"<p>{t}</p>" for t in texts)
        return (
            "<section class='paywall sections'><div class='row'><div class='col'>"
            f"<div class='content'><div class='{body_class}'>{paragraphs}</div></div>"
            "</div></div></section>"
        )

    teaser = (
        "<section class='paywall sections'><div class='row'><div class='col'><div class='teaser'>"
        "<p>Read more: another story about parliament and its long debates this week, with "
        "the speeches of the party leaders.</p><p>Read more: a further story about the "
        "opposition and its plans for the vote on the border, and the polls before it.</p>"
        "</div></div></div></section>"
    )
    html = (
        "<html><body><main>"
        + section(parts[0], "body articleBody -bottom-space")
        + "<div class='ad'>Advertisement</div>"
        + section(parts[1], "body articleBody -bottom-space")
        + teaser
        + section(parts[2], "body articleBody")
        + "</main></body></html>"
    )
    tree = lxml.html.fromstring(html)
    got = recover_twins(tree, [Line(t) for t in parts[0]], paragraph_index(tree))
    assert [ln.text for ln in got] == [t for part in parts for t in part]


def test_excerpts_inside_linked_teaser_cards_are_not_story_text() -> None:
    story = _flood_story(4)
    story[1] = (
        'Paragraph 2 cites <a href="/report">the engineers\' report</a> on the river levels '
        "expected this spring, with the pumps and walls they asked for, item 2."
    )
    card = (
        '<a href="/news/other-story"><div><h3>Storm warning</h3>'
        "<p>ALERT: The weather office warned of gales along the coast, the third such warning "
        "this month, and asked harbours to secure their boats before the evening tide.</p>"
        "</div></a>"
    )
    html = (
        '<html lang="en"><head><title>Flood walls</title></head><body><article>'
        "<h1>Flood walls</h1>" + "".join(f"<p>{p}</p>" for p in story) + card + "</article>"
        "</body></html>"
    )
    body = extract_article(html, "https://www.river-news.example/news/flood-walls")["articleBody"]
    assert "ALERT" not in body
    assert body.split("\n")[1].startswith("Paragraph 2 cites the engineers' report")
    assert len(body.split("\n")) == 4


def test_a_story_swallowed_by_an_unclosed_link_is_kept() -> None:
    story = _flood_story(5)
    paragraphs = "".join(f"<p>{p}</p>" for p in story)
    assert _flood_body(f'<a href="/photos/flood">{paragraphs}') == story


def test_a_fact_box_beside_the_story_is_not_story_text() -> None:
    story = _flood_story(4)
    box = (
        '<div class="article-infobox"><h3>Facts</h3><p>The river rose 4.2 metres in 2021, '
        "the highest level since records began, and flooded 300 homes in the old town.</p>"
        "<p>Helpline: call the council's flood line for sandbags and advice on insurance.</p>"
        "</div>"
    )
    paragraphs = [f"<p>{p}</p>" for p in story]
    assert _flood_body("".join(paragraphs[:2]) + box + "".join(paragraphs[2:])) == story
    assert _flood_body(f'<div class="text">{"".join(paragraphs)}</div>{box}') == story  # beside
    # a "box" class on the story's own container (over twenty paragraphs) keeps the story
    long_story = _flood_story(22)
    inner = "".join(f"<p>{p}</p>" for p in long_story)
    wrapped = f'<div class="content-infobox-layout"><div class="text">{inner}</div></div>'
    assert _flood_body(wrapped) == long_story


def test_the_keyword_gate_answers_as_the_full_lexicon_does() -> None:
    from newscrawl.extraction.furniture import LINE_PATTERNS, _compiled, _keywords

    assert _keywords(r"\bnewsletters?\b.{0,120}$") == ("newsletter",)
    assert _keywords(r"\b(comments?|kommentare?)\b.{0,160}") == ("comment", "kommentar")
    assert _keywords(r"\b(sign(ing)? up|subscrib\w*) (to|for) our\b") is None  # nested: always run
    assert _keywords(r"\b\d{1,2}\.\d{1,2}") is None
    assert _keywords(r"\b(breaking|urgent)?\s*news\b") is None  # an optional group requires nothing
    full = _compiled(LINE_PATTERNS)
    for line in (
        "SIGN UP FOR OUR NEWSLETTERS to get the best stories in your inbox every morning.",
        "Externer Inhalt: Sie können sich hier den externen Inhalt anzeigen lassen.",
        "Comments are moderated and will be approved before publication.",
        "The Newsletter of the party was approved by its members on Monday.",
        "Subscriptions rose 4% in the quarter, the company said in its report.",
        "Nach dem Gipfel wurden Sanktionen beschlossen. 18.04.2024 | 0:21 min",
        "Copyright 2026 Example Wire. All rights reserved.",
        "The journalism school needs new teachers, the dean said on Friday.",
    ):
        assert is_furniture(line) == bool(full.match(line)), line


def test_addresses_printed_in_the_story_stay_but_the_print_header_goes() -> None:
    story = _flood_story(4)
    sources = [
        "http://www.river-agency.example/reports/2026/flood-walls.pdf#page=3",
        "www.pump-works.example",
    ]
    inner = (
        f"<p>{_FLOOD_URL}</p><p>{story[0]}</p><p>{story[1]}</p>"
        f"<p><a href='{sources[0]}'>{sources[0]}</a></p>"  # a link showing its own address
        f"<p>{sources[1]}</p>"  # printed, not linked
        "<p>https://cdn.river-news.example/img/flood-walls-1200x630.jpg</p>"
        f"<p>{story[2]}</p><p>{story[3]}</p>"
        "<p><a href='/news/rain'>More rain expected</a></p>"  # a teaser link still goes
        "<p><a href='/news/dams'>Dams hold for now</a></p>"
    )
    assert _flood_body(inner) == [*story[:2], *sources, *story[2:]]


def test_junk_lines_tell_a_profile_or_file_from_a_reference() -> None:
    from newscrawl.extraction.furniture import is_junk

    page = "https://www.river-news.example/news/flood-walls?ref=rss"
    for junk in (
        "https://twitter.com/janedoe",
        "instagram.com/river.news/",
        "@janedoe",
        "jane.doe@river-news.example",
        "http://river-news.example/news/flood-walls/",  # the page itself, in a print header
        "https://cdn.river-news.example/logo.png?v=3",
        "2026-11-20T10:00:00+01:00",
    ):
        assert is_junk(junk, page), junk
    for text in (
        "https://x.com/POTUS/status/1810478997442101422?lang=de",
        "https://www.river-news.example/news/dams",  # another story of the site, cited
        "www.pump-works.example",
    ):
        assert not is_junk(text, page), text


def test_a_questionnaire_keeps_its_question_but_copies_of_the_story_go() -> None:
    question = (
        "What would you change first about the flood defences in your street, and who do "
        "you think should pay for the work the engineers propose this spring?"
    )
    answers = [
        f"Resident {name} answered at length about the pumps, the walls and the insurance."
        for name in ("Ann", "Bob", "Cem")
    ]
    inner = "".join(f"<p>{question}</p><p>{a}</p>" for a in answers)
    assert _flood_body(inner) == [question, answers[0], question, answers[1], question, answers[2]]
    # the question typed twice without its comma is still the question, not a copy
    typo = question.replace("street, and", "street and")
    more = [
        f"Resident {name} worried mostly about the cost of the pumps." for name in ("Dan", "Eve")
    ]
    inner += "".join(f"<p>{typo}</p><p>{a}</p>" for a in more)
    assert _flood_body(inner)[6:] == [typo, more[0], typo, more[1]]
    # the same story three times over (desktop, mobile and print copies) is one story
    story = _flood_story(3)
    copies = "".join(
        f"<div class='copy-{k}'>" + "".join(f"<p>{p}</p>" for p in story) + "</div>"
        for k in range(3)
    )
    assert _flood_body(copies) == story


def test_a_plan_that_repeats_its_items_keeps_them_but_a_stray_copy_goes() -> None:
    """Two meal plans list the same meal under the same short heading: both stay."""
    meal = (
        "Asian Chicken Zoodles with one cup of zucchini noodles, four ounces of cooked chicken, "
        "half a cup of edamame, a teaspoon of sesame oil and fresh ginger"
    )
    plans = "".join(
        f"<h3>Meal plan {name}</h3><p>{_flood_story(2)[0]}</p><p>Post-workout meal</p>"
        f"<p>Eat one to two hours after your workout</p><p>{meal}</p><p>Containers: 1 Green</p>"
        for name in ("A", "B")
    )
    lines = _flood_body(plans)
    assert lines.count(meal) == 2
    # the same long line set among other lines is a copy (a standfirst repeated by a widget)
    story = _flood_story(4)
    stray = "".join(f"<p>{p}</p>" for p in story) + f"<p>Summary</p><p>{story[1]}</p><p>Share</p>"
    assert _flood_body(stray).count(story[1]) == 1


def test_a_closing_news_box_of_linked_headlines_with_summaries_goes() -> None:
    story = _flood_story(4)
    teasers = [
        ("Dam repairs finished early", "The work took four weeks less than planned"),
        ("Insurers raise flood premiums", "Riverside homes will pay most"),
        ("Pump station opens", "It can move ten tonnes of water a second"),
    ]
    box = "".join(
        f"<li><a href='/news/t{i}'><img src='/t{i}.jpg'></a><div class='headlines'>"
        f"<h3><a href='/news/t{i}'>{head}</a></h3><h4>{dek}</h4></div></li>"
        for i, (head, dek) in enumerate(teasers)
    )
    inner = "".join(f"<p>{p}</p>" for p in story) + f"<div class='latest-box'><ul>{box}</ul></div>"
    assert _flood_body(inner) == story
    # one line between two link lists is the story's ("Originally published on ...")
    links = "".join(f"<p><a href='/news/r{i}'>{h}</a></p>" for i, (h, _) in enumerate(teasers))
    note = "Originally published on River News Weekly."
    inner = "".join(f"<p>{p}</p>" for p in story) + f"{links}<p>{note}</p>{links}"
    assert _flood_body(inner) == [*story, note]


def test_a_hidden_microdata_block_is_not_read_as_text() -> None:
    story = _flood_story(2)
    hidden = (
        '<div style="display: none" itemscope itemtype="http://schema.org/NewsArticle">'
        '<div itemprop="keywords">flood walls,flood walls RIVER</div>'
        '<div itemprop="datePublished">2026-11-19T08:57:40+01:00</div>'
        '<div itemprop="publisher" itemscope><div itemprop="name">RiverNewsDe</div></div>'
        '<div itemprop="articleBody">' + " ".join(story) + "</div>"
        '<div itemprop="contentLocation">international</div></div>'
    )
    inner = "".join(f"<p>{p}</p>" for p in story) + hidden
    assert _flood_body(inner) == story
    assert _flood_body(inner.replace("itemscope", "ITEMSCOPE")) == story  # any letter case


def test_a_link_in_text_written_between_line_breaks_stays_inside_its_sentence() -> None:
    story = _flood_story(3)
    inner = (
        f"<span><span class='leader'>{story[0]}<br></span><br><div class='img'>"
        "<img src='/w.jpg'></div><br><br>\nJust weeks after the last storm the "
        "<a href='/topic/flood-walls'>flood walls</a> were raised again, and the "
        "<a href='/topic/pumps'>pumps</a> ran all night.<br><br>\n"
        f"{story[1]}<br><br><div class='video'><iframe src='/v'></iframe></div><br><br>\n"
        f"<h2>What comes next</h2><br><br>{story[2]}<br><br></span>"
    )
    assert _flood_body(inner) == [
        story[0],
        "Just weeks after the last storm the flood walls were raised again, and the pumps ran "
        "all night.",
        story[1],
        "What comes next",
        story[2],
    ]


def test_a_labelled_date_line_after_the_standfirst_goes() -> None:
    story = _flood_story(3)
    standfirst = (
        "The new walls held back the river for the first time this week, and the town is "
        "counting what it saved."
    )
    inner = f"<p>{standfirst}</p><p>Published 18 November 2026</p>" + "".join(
        f"<p>{p}</p>" for p in story
    )
    assert _flood_body(inner) == [standfirst, *story]
    # a sentence that mentions publishing is the story's
    line = "Published 18 November 2026, the report names the three streets at most risk."
    assert line in _flood_body(f"<p>{standfirst}</p><p>{line}</p><p>{story[0]}</p>")


def test_a_date_label_left_without_its_date_goes() -> None:
    """The date sat in a ``<time>`` the extraction dropped: "-Aktualisiert am" stood alone."""
    story = _flood_story(3)
    paragraphs = "".join(f"<p>{p}</p>" for p in story)
    for label in ("-Aktualisiert am", "Updated:", "Publié le"):
        assert _flood_body(f"<p>{label}</p>{paragraphs}") == story
    # words that only start like a label stay
    for line in ("Stand by me", "Posted at the door"):
        assert _flood_body(f"<p>{line}</p>{paragraphs}")[0] == line


def test_a_drop_cap_set_apart_by_a_space_is_joined_to_its_word() -> None:
    story = _flood_story(3)
    rest = "".join(f"<p>{p}</p>" for p in story[1:])
    cap = '<span class="initial-letter-outer"><span class="initial-letter">N</span></span>'
    first = f"<p>{cap} <span>a endlich! {story[0]}</span></p>"
    assert _flood_body(first + rest)[0] == f"Na endlich! {story[0]}"
    # without a drop-cap element a lone first letter is a word: "A man", kept as written
    assert _flood_body(f"<p>A man {story[0]}</p>{rest}")[0] == f"A man {story[0]}"
    # a drop cap written against its word needs no mending
    glued = f'<p><span class="dropcap">T</span>he {story[0]}</p>'
    assert _flood_body(glued + rest)[0] == f"The {story[0]}"


def test_a_closing_support_appeal_and_its_heading_go() -> None:
    story = _flood_story(4)
    appeal = (
        "Gerade jetzt braucht es Zusammenhalt. Eine offene Gesellschaft braucht guten, frei "
        "zugänglichen Journalismus. Finden Sie auch? Dann machen Sie mit und unterstützen Sie "
        "unsere Aktion. Sind Sie dabei? Jetzt unterstützen"
    )
    paragraphs = "".join(f"<p>{p}</p>" for p in story)
    box = f"<p>Links lesen, Rechts bekämpfen</p><p>{appeal}</p>"
    assert _flood_body(paragraphs + box) == story
    # a story's own last paragraph about donations, and an appeal mid-story, stay
    donors = "The town asked residents to donate to the repair fund, and 300 did so."
    assert _flood_body(paragraphs + f"<p>{donors}</p>")[-1] == donors
    middle = f"<p>{story[0]}</p><p>{appeal}</p>" + "".join(f"<p>{p}</p>" for p in story[1:])
    assert appeal in _flood_body(middle)


def test_a_hover_card_inside_a_paragraph_is_cut_out_of_it() -> None:
    """A person's name followed by the card shown on hover: the name again, photo, links."""
    story = _flood_story(3)
    rest = "".join(f"<p>{p}</p>" for p in story)

    def card(name: str, href: str) -> str:
        return (
            f'<span class="card"><img src="/p.jpg" alt=""><a href="{href}">{name}</a>'
            '<a href="/1">Council votes to keep the old tram depot as a market hall</a> '
            '<a href="/2">Mayor opens new library branch in the east end</a> '
            f'<a class="more" href="{href}">MORE</a></span>'
        )

    same_page = (
        '<p>The flood walls were opened by Mayor <a href="/people/ann-lee">Ann Lee</a>'
        f"{card('Ann Lee', '/people/ann-lee')} (Labour), who thanked the engineers.</p>"
    )
    longer_name = (
        '<p>The flood walls were opened by Mayor <a href="/people/ann-lee">Ann Lee</a>'
        f"{card('Ann Marie Lee', '/people/ann-lee')} (Labour), who thanked the engineers.</p>"
    )
    for first in (same_page, longer_name):
        assert _flood_body(first + rest)[0] == (
            "The flood walls were opened by Mayor Ann Lee (Labour), who thanked the engineers."
        )
    # links that follow a link as part of the sentence are the story's
    linked = (
        '<p>The flood walls were designed by <a href="/people/ann-lee">Ann Lee</a><span> '
        'with <a href="/people/bo-ek">Bo Ek</a> and <a href="/firms/ove">Ove Arup</a>, '
        "who built the pumps on the east bank as well.</span></p>"
    )
    assert _flood_body(linked + rest)[0] == (
        "The flood walls were designed by Ann Lee with Bo Ek and Ove Arup, "
        "who built the pumps on the east bank as well."
    )


def test_a_closing_teaser_list_after_its_opener_goes_whole() -> None:
    """Headline, one-sentence summary, headline, summary ...: a box, though the summaries
    are as long as a short paragraph."""
    story = _flood_story(4)
    teasers = [
        "The Harbour Debate Was a Tedious Mess The Harbour Debate Was a Tedious Mess",
        "The two candidates clearly despise each other, but neither emerged as the obvious "
        "choice for the council seat this spring.",
        "Can the New Pumps Save the Lower Town? Can the New Pumps Save the Lower Town?",
        "The effect of these large engineering works is going to be felt well beyond the "
        "borders of the town and its river.",
    ]
    paragraphs = "".join(f"<p>{p}</p>" for p in story)
    box = "<p>More from The Courier</p>" + "".join(f"<p>{t}</p>" for t in teasers)
    assert _flood_body(paragraphs + box) == story
    # story paragraphs after a widget's opener are longer: only the opener goes
    longer = [f"{p} It was the longest day of the year on the river." for p in story[:2]]
    tail = [*teasers[1::2], *longer]
    inner = paragraphs + "<p>More from The Courier</p>" + "".join(f"<p>{t}</p>" for t in tail)
    assert _flood_body(inner) == [*story, *tail]


def test_filing_contact_coverage_and_subscription_lines_are_furniture() -> None:
    for line in (
        "Filed under: Khawarij |",
        "Write to Al Root at allen.root@dowjones.com",
        "Write to Jane Roe at jane.roe@example.com and John Doe at john.doe@example.com",
        "Follow AP's full coverage of Brexit and British politics at https://www.apnews.com/Brexit",
        "More AP NBA: https://apnews.com/NBA and https://twitter.com/AP_Sports",
        "Note: we are temporarily moderating all comments submitted to deal with a surge in spam.",
        "Our website is the place for the latest breaking news, exclusive scoops, longreads and "
        "provocative commentary. Please bookmark nationalpost.com and sign up for our newsletters.",
        "2 Wochen kostenlos testen",
        "Nouveau : découvrez nos offres Premium !",
        "Die WAZ auch bei Social Media – ob WhatsApp, Instagram oder Facebook.",
        "À lire aussi La natalité russe menacée d’effondrement",
        "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service "
        "apply.",
        "For more stories like this, check our news page.",
        "Are protests breaking out in your area? Get in touch at webnews@example.com",
        "Related post: Pickled Brussels Sprouts Recipe",
        "hier. Wir freuen uns über Ihr Feedback zu diesem Angebot.",
        "The Times is committed to publishing a diversity of letters to the editor. We’d like to "
        "hear what you think about this or any of our articles.",
    ):
        assert is_furniture(line), line
    for line in (
        "Filed under the old rules, the complaint was dismissed within a week.",
        "Write to your MP, the campaign urged, and attach the council's letter.",
        "Follow the money, the prosecutor told the jury on Tuesday.",
        "More than 200 people attended the vigil on Sunday evening.",
        "We are moderating our expectations for growth, the finance minister said.",
        "Our website was hacked on Monday, the council admitted.",
        "Zwei Wochen kostenlos testen konnten die Kunden den neuen Dienst schon im Frühjahr.",
        "Découvrez nos offres, disait la publicité, mais les prix ont doublé.",
        "Die Polizei ist auch bei Social Media aktiv und warnt dort vor Betrügern.",
        "For more than a decade the council has ignored the flood warnings.",
        "Residents who saw the fire were asked to contact police at tips@police.example.",
        "Related posts on the forum were deleted after the complaint, the moderators said.",
    ):
        assert not is_furniture(line), line
    for opener in (
        "Explore further",
        "Weiterführende Links",
        "Mehr Themen auf VOGUE.de:",
        "Entermedia 주요뉴스",
        "관련기사",
        "関連記事",
        "相关阅读：",
    ):
        assert opens_tail(opener), opener
    assert not opens_tail("관련기사를 쓴 기자는 이번 주 내내 현장을 지켰다.")
    assert not opens_tail("Mehr Themen auf der Tagesordnung der Konferenz sorgten für Streit.")


def test_a_press_release_loses_the_about_paragraphs_of_its_own_publisher() -> None:
    story = _flood_story(3)
    url = "https://www.pump-works.example/news/new-pump-station.html"
    blurbs = [
        "Pump Works is a global provider of flood pumps and river engineering, with a vision "
        "of dry streets in every river town.",
        "Pump Works (PWX) is headquartered in Leeds and employs around 1,300 people worldwide.",
    ]

    def body(closing: list[str]) -> list[str]:
        paragraphs = "".join(f"<p>{p}</p>" for p in [*story, *closing])
        html = (
            '<html lang="en"><head><title>New pump station</title>'
            '<meta property="og:site_name" content="Pump Works"></head><body><article>'
            f"<h1>New pump station</h1>{paragraphs}</article></body></html>"
        )
        return extract_article(html, url)["articleBody"].split("\n")

    assert body(blurbs) == story
    # the name of another firm, or the publisher doing something, is the story
    other = "Siemens is a supplier of the control systems and will service them for ten years."
    did = "Pump Works is planning two more stations on the river next year, its chief said."
    assert body([other]) == [*story, other]
    assert body([did]) == [*story, did]


def test_text_for_screen_readers_only_is_not_article_text() -> None:
    """A link's hidden ", opens new tab" is read aloud, never shown: not in the body."""
    hidden = '<span class="screen-reader-only__2Qb5H">, opens new tab</span>'
    paragraphs = [
        "Shares of the Oslo-listed producer "
        f'<a href="https://example.org/q/BRNM.OL">(BRNM.OL){hidden}</a> fell 4 percent on Thursday'
        " after the company said it would shut its oldest field two years early.",
        f'The decision was set out in a <a href="https://example.org/s">statement{hidden}</a>.',
        "Analysts had expected the field to produce until the end of the decade, three said.",
        '<span class="sr-only">Advertisement · Scroll to continue</span>'
        "Output from the field fell by a fifth last year as water flooded its oldest wells.",
    ]
    body = extract_article(
        _generic_page(paragraphs), "https://wire.example/business/x-2026-11-26/"
    )["articleBody"]
    assert "opens new tab" not in body and "Advertisement" not in body
    assert "producer (BRNM.OL) fell 4 percent" in body
    assert "set out in a statement." in body
    assert body.endswith(
        "Output from the field fell by a fifth last year as water flooded its oldest wells."
    )


def test_stacked_closing_boxes_go_down_to_the_story() -> None:
    """A credit above a funder note above a newsletter box under its own heading:
    each box's removal makes the next one the edge, and the story's last line stays."""
    story = [
        "TROMSOE, Norway (AP) — Norway will cut its Arctic cod quota by a fifth next year, the "
        "fisheries ministry said Wednesday, the fourth cut in a row.",
        "Fishermen in Tromsoe said the cut would cost the town's fleet about a third of its income.",
        "Scientists blame warmer water for pushing the cod stock north and east into Russian waters.",
        "Cod is Norway's most valuable wild fish.",
    ]
    tail = [
        "___",
        "Associated Press writer Lise Andersen in Oslo contributed to this report.",
        "* * *",
        "The Associated Press’ climate and environmental coverage receives financial support "
        "from multiple private foundations. AP is solely responsible for all content.",
        "The Morning Wire",
        "Get the day’s top stories from The Associated Press in your inbox every weekday morning.",
    ]
    record = extract_article(_generic_page(story + tail), "https://wire.example/article/cod-quota")
    assert record["articleBody"].split("\n") == story


def test_a_short_last_line_before_a_credit_is_story() -> None:
    """Only an offer comes in a box under a heading; a credit has none to take along."""
    story = [
        "The council voted on Tuesday to close the old harbour bridge to lorries from January, "
        "after engineers found cracks in two of its supports.",
        "Repairs are expected to take at least eighteen months and cost about 4 million euros.",
        "Drivers will be sent through the ring road, adding ten minutes to most journeys.",
        "The vote was 31 to 4",
    ]
    html = _generic_page([*story, "Jane Doe contributed to this report."])
    assert (
        extract_article(html, "https://wire.example/article/bridge")["articleBody"].split("\n")
        == story
    )


def test_a_newsletter_pitch_inside_the_body_ends_in_its_link() -> None:
    from newscrawl.extraction.furniture import is_furniture

    assert is_furniture(
        "Get a quick look at the days breaking legal news and analysis as well as the stories to "
        "watch in the coming week with The Afternoon Docket newsletter. Sign up here."
    )
    assert not is_furniture(
        "The union's newsletter told members to sign up for the strike fund before Friday."
    )
    assert not is_furniture("The newsletter had 40,000 readers. Sign-ups doubled in a year.")


def test_a_rule_inside_the_story_stays_and_one_at_its_end_goes() -> None:
    """Readers (and the labels) see "___" between a story's parts; after the last part it
    separates nothing. A rule of symbols alone ("* * *") is never text."""
    story = [
        "Ten candidates will take the stage in Atlanta on Wednesday for the fifth debate of the "
        "Democratic primary, the party said.",
        "___",
        "ELECTABILITY: Voters in early states say beating the president matters more than any "
        "single policy, according to a new poll.",
        "* * *",
        "HEALTH CARE: The front-runners disagree over how fast to expand public insurance.",
        "___",
    ]
    body = extract_article(_generic_page(story), "https://wire.example/article/debate")[
        "articleBody"
    ].split("\n")
    assert body == [story[0], "___", story[2], story[4]]
