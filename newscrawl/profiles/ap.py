"""The Associated Press (apnews.com), United States: English only.

See ../shared/docs/agency-anatomy.md for the page anatomy this describes.

Article pages: ``/article/<slug>-<32 hex>`` (lower-case words joined with
hyphens, then a 32-digit hexadecimal id; some older links carry the id
alone). AP publishes no public RSS feed; its articles are found through the
Google News sitemap ``/news-sitemap-content.xml`` (named in ``robots.txt``),
which also lists topic hubs (``/hub/<topic>``) that are not articles.

A Brightspot page: the title ``h1.Page-headline``; below it
``div.Page-authors`` ("By NAME and NAME", names in capitals, linked to
``/author/`` pages) and ``bsp-timestamp`` with the time in
``data-timestamp`` (milliseconds since the epoch) and the visible "Updated
9:41 AM EST, November 24, 2026"; then a share bar and the lead photo. The
body ``div.RichTextStoryBody`` is a run of ``<p>``: the first opens with the
dateline "TROMSOE, Norway (AP) —" / "BILLINGS, Mont. (AP) —" (place and
state or country, no date); ``div.Enhancement`` blocks between paragraphs
hold ad slots and photos whose captions end in "(AP Photo/Name)". A story
may end with a "___" rule and "Associated Press writer X in Y contributed to
this report.", and a funding note for sponsored beats. After it: "Related
Stories" and "Most read" lists with times, a newsletter sign-up, ad slots
and the footer's "Copyright 2026 The Associated Press. All rights reserved."
The head has ``og:*``, ``article:published_time`` / ``article:modified_time``
with an offset, ``article:section`` and, on most pages, a JSON-LD
``NewsArticle``.

This profile carries discovery knowledge only: no headline, body, date,
byline or furniture rules. AP's pages are in the extraction benchmark set,
so extraction rules written for them would be tuned on the benchmark; AP
pages go through the generic extraction (page metadata, JSON-LD and the
generic dateline and furniture rules) like any unknown news site.
"""

from newscrawl.profiles.base import AgencyProfile

PROFILE = AgencyProfile(
    name="ap",
    title="Associated Press",
    home="https://apnews.com/",
    domains=("apnews.com",),
    editions={"en": "https://apnews.com"},
    default_language="en",
    # /article/<slug>-<32 hex> (older links: /article/<32 hex>)
    article_url=r"^https?://(?:www\.)?apnews\.com/article/(?:[a-z0-9]+(?:-[a-z0-9]+)*-)?[0-9a-f]{32}/?$",
    # no public RSS: the Google News sitemap is the only list of new articles
    sitemaps=("{prefix}/news-sitemap-content.xml",),
    # a large site behind a CDN that rate-limits bursts: two slow connections
    settings={"DOWNLOAD_DELAY": 2.0, "CONCURRENT_REQUESTS_PER_DOMAIN": 2},
)
