"""Report.az, the Report News Agency (report.az).

See ../shared/docs/agency-anatomy.md for the page anatomy this encodes:
articles at ``/<category>/<slug>`` with no numeric id (Azerbaijani at the
root, ``/en/`` and ``/ru/`` editions), the "son xəbərlər" listing of
``a.news__item`` cards and ``/rss/`` feeds without bodies. The title is
``h1.section-title``, the text ``div.news-detail__desc``, and the date a
``ul.news__date`` of two items, the day ("21 fevral, 2026") and the time
("19:22").

Most stories open with no dateline (", Report informs."); older ones, and
some still, open with "Bakı. 21 fevral. REPORT.AZ/", a shape the generic
dateline rules do not know.
"""

from newscrawl.profiles.base import AgencyProfile, Listing

# Paths that look like /<category>/<slug> but are no article.
_NOT_ARTICLE = r"(?!(?:en|ru|az|rss|son-xeberler|news-feed|tag|tags|search|axtaris|infinity|static|photo|video|author)/)"

PROFILE = AgencyProfile(
    name="report",
    title="Report.az",
    home="https://report.az/",
    domains=("report.az",),
    editions={"az": "", "en": "/en", "ru": "/ru"},
    default_language="az",
    article_url=(
        r"^https?://(?:www\.)?report\.az/(?:(?:az|en|ru)/)?"
        + _NOT_ARTICLE
        + r"[a-z0-9-]+/[a-z0-9]+(?:-[a-z0-9]+){2,}/?$"
    ),
    listings=(
        Listing(
            url="https://report.az{prefix}/son-xeberler/",
            page_url="https://report.az{prefix}/son-xeberler/?page={page}",
            item_xpath="//a[contains(concat(' ', normalize-space(@class), ' '), ' news__item ')]",
            link_xpath="@href",
            date_xpath=".//ul[contains(@class, 'news__date')]",
        ),
    ),
    feeds=("https://report.az{prefix}/rss/",),
    timezone="Asia/Baku",
    agency_names=("REPORT.AZ", "Report.az", "Report", "Репорт"),
    headline_xpaths=(
        "//h1[contains(concat(' ', normalize-space(@class), ' '), ' section-title ')]",
        "//div[contains(@class, 'news-detail')]//h1",
    ),
    body_xpaths=(
        "//div[contains(concat(' ', normalize-space(@class), ' '), ' news-detail__desc ')]",
        "//div[contains(@class, 'news-detail')]//div[@itemprop='articleBody']",
    ),
    date_xpaths=(
        "//div[contains(@class, 'news-detail__info')]//ul[contains(@class, 'news__date')]",
        "//div[contains(@class, 'news-detail')]//ul[contains(@class, 'news__date')]",
    ),
    date_formats=("%d %B, %Y %H:%M", "%d %B %Y %H:%M", "%d.%m.%Y %H:%M"),
    section_xpaths=(
        "//div[contains(@class, 'news-detail__info')]//a[contains(@class, 'news__category')]",
    ),
    tag_xpaths=("//div[contains(@class, 'news-detail__tags')]//a",),
    prune_xpaths=(
        "//*[contains(@class, 'read-also')]",
        "//*[contains(@class, 'share')]",
        "//*[contains(@class, 'subscribe')]",
        "//*[contains(@class, 'latest-news')]",
        "//*[contains(@class, 'banner')]",
        "//figure",
    ),
    furniture=(
        "Sosial şəbəkələrdə paylaşın",
        "Share on social networks",
        "Поделиться в социальных сетях",
        "Report-un Telegram kanalına abunə olun",
        "Subscribe to Report's Telegram channel",
        "Подписывайтесь на Telegram-канал Report",
    ),
    dateline_patterns=(
        # Bakı. 21 fevral. REPORT.AZ/   /   Baku. 21 February. REPORT.AZ/
        r"^(?P<place>[^\W\d_][^.,\n]{0,30}?)\.\s*(?P<date>\d{1,2}\s+[^\W\d_]{3,12})\.\s*"
        r"(?P<agency>REPORT\.AZ|Report\.az)\s*/\s*",
    ),
    settings={"DOWNLOAD_DELAY": 2.0, "CONCURRENT_REQUESTS_PER_DOMAIN": 2},
)
