"""APA, the Azeri-Press Agency (apa.az).

See ../shared/docs/agency-anatomy.md for the page anatomy this encodes:
articles at ``/<category>/<slug>-<id>`` (Azerbaijani at the root, ``/en/`` and
``/ru/`` editions), a paginated "all news" listing (``?page=N``) and ``/rss``
feeds without bodies. The visible date is split over two spans, the time
("17:44") and the day ("21 fevral 2026"); the date XPath reads their common
container, so the text is "17:44 21 fevral 2026".

APA's own dateline names the correspondent between the place and the agency
("Bakı. Kəmalə Əliyeva – APA."), a shape the generic dateline rules do not
know; datelines in the comma style ("Ankara, 20 fevral, APA.") and stories
with no dateline at all (", APA reports.") are common too.
"""

from newscrawl.profiles.base import AgencyProfile, Listing

PROFILE = AgencyProfile(
    name="apa",
    title="APA",
    home="https://apa.az/",
    domains=("apa.az",),
    editions={"az": "", "en": "/en", "ru": "/ru"},
    default_language="az",
    article_url=r"^https?://(?:www\.)?apa\.az(?:/(?:az|en|ru))?/[a-z0-9_-]+/[^/?#]+-\d+/?$",
    listings=(
        Listing(
            url="https://apa.az{prefix}/all-news",
            page_url="https://apa.az{prefix}/all-news?page={page}",
            item_xpath="//div[contains(@class, 'four_columns_block')]"
            "//a[contains(concat(' ', normalize-space(@class), ' '), ' item ')]",
            link_xpath="@href",
            date_xpath=".//div[contains(concat(' ', normalize-space(@class), ' '), ' date ')]",
        ),
    ),
    feeds=("https://apa.az{prefix}/rss",),
    timezone="Asia/Baku",
    agency_names=("APA", "АПА"),
    headline_xpaths=(
        "//div[contains(@class, 'content_main')]//h1[contains(@class, 'title_news')]",
        "//h1[contains(@class, 'title_news')]",
        "//h2[contains(@class, 'title_news')]",
    ),
    body_xpaths=(
        "//div[contains(@class, 'news_content')]//div[contains(concat(' ', normalize-space(@class), ' '), ' texts ')]",
        "//div[@itemprop='articleBody']",
    ),
    date_xpaths=(
        "//div[contains(@class, 'date_news')]//div[contains(concat(' ', normalize-space(@class), ' '), ' date ')]",
        "//div[contains(@class, 'content_main')]//div[contains(concat(' ', normalize-space(@class), ' '), ' date ')]",
    ),
    date_formats=("%H:%M %d %B %Y", "%d %B %Y %H:%M", "%d.%m.%Y %H:%M"),
    section_xpaths=("//div[contains(@class, 'content_main')]//h3[contains(@class, 'category')]",),
    tag_xpaths=("//div[contains(@class, 'content_main')]//div[contains(@class, 'tags')]//a",),
    prune_xpaths=(
        "//*[contains(@class, 'read_also')]",
        "//*[contains(@class, 'subscribe')]",
        "//*[contains(@class, 'share')]",
        "//*[contains(@class, 'banner')]",
        "//*[contains(@class, 'related')]",
        "//figure",
    ),
    furniture=(
        "APA-nın Telegram kanalına abunə olun",
        "APA-nın WhatsApp kanalına qoşulun",
        "Subscribe to APA's Telegram channel",
        "Join APA's WhatsApp channel",
        "Подписывайтесь на Telegram-канал APA",
        "Присоединяйтесь к WhatsApp-каналу APA",
    ),
    dateline_patterns=(
        # Bakı. Kəmalə Əliyeva – APA.   /   Baku. Kamala Aliyeva – APA.
        r"^(?P<place>[^\W\d_][^.,\n]{0,30}?)\.\s+"
        r"(?P<author>[^\W\d_][^\d.,\n–—-]{2,60}?)\s*[–—-]\s*(?P<agency>APA|АПА)\.\s*",
    ),
    settings={"DOWNLOAD_DELAY": 2.0, "CONCURRENT_REQUESTS_PER_DOMAIN": 2},
)
