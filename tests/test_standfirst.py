"""The standfirst a page shows between headline and text opens the body, once."""

from __future__ import annotations

from newscrawl import extract_article

URL = "https://www.harbourpost.example/city/2026/11/27/tram-extension-approved"
LEAD = (
    "After two years of hearings the council backs the eastern line; construction "
    "could start next spring if the region pays its share."
)
PARAGRAPHS = [
    "The city council approved the extension of the eastern tram line on Thursday evening, "
    "with 31 votes in favour and 12 against, after a debate that lasted almost five hours.",
    "The new section will add six stops between the central station and the university "
    "campus, cutting the journey for about 14,000 daily commuters by a quarter of an hour.",
    "Opponents argued that the 180 million euro budget should have gone to bus lanes in the "
    "outer districts, which they said would serve more residents for a fraction of the cost.",
    "The transport department said the first trams could run on the new tracks in 2029, "
    "provided the regional government confirms its share of the funding before March.",
]
RELATED = (
    "<aside class='related'><h2>More from the city</h2><ul>"
    "<li><a href='/city/bridge'>Harbour bridge reopens after six months of repairs</a></li>"
    "<li><a href='/city/library'>City library extends opening hours for exam season</a></li>"
    "</ul></aside>"
)


def _page(header_extra: str = "", after_first: str = "", description: str = LEAD) -> str:
    body = f"<p>{PARAGRAPHS[0]}</p>{after_first}" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:])
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Council approves tram extension | Harbour Post</title>
<meta property="og:title" content="Council approves tram extension">
<meta property="og:description" content="{description}">
<meta property="og:site_name" content="Harbour Post">
</head><body>
<nav><ul><li><a href="/city">City</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article>
<header><span class="kicker">Transport</span><h1>Council approves tram extension</h1>
{header_extra}<p class="byline">By Jane Doe</p></header>
<div class="article-body">{body}</div>
</article>{RELATED}</main>
<footer><p>© 2026 Harbour Post Media Ltd.</p></footer></body></html>"""


def _body(html: str) -> list[str]:
    return extract_article(html, URL)["articleBody"].split("\n")


def test_the_standfirst_shown_under_the_headline_opens_the_body() -> None:
    html = _page(f'<p class="standfirst">{LEAD}</p>')
    assert _body(html) == [LEAD, *PARAGRAPHS]


def test_only_the_standfirst_and_not_the_share_buttons_beside_it() -> None:
    share = '<div class="share"><a href="#">Facebook</a><a href="#">Email</a></div>'
    html = _page(f'<div class="intro"><div class="dek">{LEAD}</div>{share}</div>')
    assert _body(html) == [LEAD, *PARAGRAPHS]


def test_a_description_that_is_the_first_paragraph_is_not_repeated() -> None:
    html = _page(description=PARAGRAPHS[0])
    assert _body(html) == PARAGRAPHS


def test_a_description_shown_only_as_a_teaser_elsewhere_is_not_a_standfirst() -> None:
    # a "top stories" box above the article, and a footer below it
    teaser = f"<aside><ul><li><a href='/city/tram'>{LEAD}</a></li></ul></aside>"
    assert _body(_page().replace("<main>", f"{teaser}<main>")) == PARAGRAPHS
    footer = _page().replace("<footer>", f"<footer><p>{LEAD}</p>")
    assert _body(footer) == PARAGRAPHS


def test_a_description_shown_below_the_first_paragraph_is_not_a_standfirst() -> None:
    box = f'<div class="summary-box"><p>{LEAD}</p></div>'
    body = _body(_page(after_first=box))
    assert body[0] == PARAGRAPHS[0]  # the box may stay where it is, but nothing is put first
    assert body.count(LEAD) <= 1


def test_a_page_without_a_shown_description_is_unchanged() -> None:
    assert _body(_page()) == PARAGRAPHS  # declared only in the head: not shown, not added
