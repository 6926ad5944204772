"""Trend News Agency (trend.az): one host per language edition.

See ../shared/docs/agency-anatomy.md for the page anatomy this encodes.
Article pages: title ``h1.article-title`` in ``div.top-part`` with the visible
date ``span.date-time`` ("27 November 2026 14:05 (UTC +04:00)", az "6 Dekabr
2025 15:49 (UTC +04:00)") and ``meta[itemprop=datePublished]``; body
``div.article-content``. The body opens with the dateline: "Bakı. Trend:" (az),
"BAKU, Azerbaijan, November 27. Trend:" (en). Messenger prompts (WhatsApp,
Telegram, Google News) and "Follow the author on Twitter" sit inside the body.
"""

from newscrawl.profiles.base import AgencyProfile, Listing

PROFILE = AgencyProfile(
    name="trend",
    title="Trend News Agency",
    home="https://www.trend.az/",
    domains=("trend.az",),
    editions={
        "en": "https://en.trend.az",
        "az": "https://az.trend.az",
        "ru": "https://ru.trend.az",
    },
    default_language="en",
    # /<section>/<sub>/<id>.html (a few sections have no sub-section)
    article_url=r"^https?://(?:en|az|ru|www)\.trend\.az/[a-z0-9-]+/(?:[a-z0-9-]+/)?\d+\.html$",
    listings=(
        Listing(
            url="{prefix}/latest/",
            page_url="{prefix}/latest/?page={page}",
            item_xpath="//ul[contains(concat(' ', normalize-space(@class), ' '), ' news-list ')]/li",
            link_xpath="./a/@href",
            date_xpath=".//span[contains(@class, 'date-time')]",
        ),
    ),
    feeds=("{prefix}/feeds/index.rss",),
    timezone="Asia/Baku",
    agency_names=("Trend",),
    headline_xpaths=(
        "//h1[contains(@class, 'article-title')]",
        "//div[contains(@class, 'top-part')]//h1",
    ),
    body_xpaths=(
        "//div[contains(concat(' ', normalize-space(@class), ' '), ' article-content ')]",
    ),
    date_xpaths=("//div[contains(@class, 'top-part')]//span[contains(@class, 'date-time')]",),
    date_formats=(
        "%d %B %Y %H:%M (UTC +04:00)",
        "%d %B %Y %H:%M (UTC+04)",
        "%d %B %Y %H:%M",
    ),
    section_xpaths=("//div[contains(@class, 'article-category')]/a[last()]",),
    tag_xpaths=("//div[contains(@class, 'tags-block')]//a",),
    prune_xpaths=(
        "//*[contains(@class, 'image-source')]",
        "//*[contains(@class, 'messenger-prompt')]",
        "//*[contains(@class, 'banner-inline')]",
        "//script",
    ),
    furniture=(
        "Trend News Agency's WhatsApp channel",
        "Trend News Agency on Telegram",
        "Trend on Google News",
        "Follow the author on Twitter",
        "Trend-in WhatsApp kanal",
        "Trend-i Telegram-da izləyin",
        "Trend-i Google News-da izləyin",
        "Müəllifi Twitter-də izləyin",
        "Trend в Telegram",
        "Следите за автором в Twitter",
    ),
    # "BAKU, Azerbaijan, November 27. Trend:" (place with country, then day and month)
    dateline_patterns=(
        r"^(?P<place>[^\W\d_][^\W\d_'’-]*(?:[ -][^\W\d_]+){0,2}"
        r"(?:,\s*[^\W\d_]+(?:[ -][^\W\d_]+){0,2})?),\s*"
        r"(?P<date>[^\W\d_]+\.?\s+\d{1,2}|\d{1,2}\s+[^\W\d_]+)\.\s*"
        r"(?P<agency>Trend)\s*:\s*",
    ),
    settings={"DOWNLOAD_DELAY": 2.0, "CONCURRENT_REQUESTS_PER_DOMAIN": 2},
)
