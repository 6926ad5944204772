"""Kazinform International News Agency (inform.kz), Kazakhstan.

See ../shared/docs/agency-anatomy.md for the page anatomy this encodes.

Article pages: ``/en/news/<slug>_a<id>/`` and ``/ru/news/<slug>_a<id>/``;
title ``h1.article__title``, date ``13:51, 25 November 2026`` /
``13:51, 25 ноября 2026`` (Astana time, UTC+05:00), a lead
``div.article__description`` above the photo (a standfirst, repeated in the
meta description, not part of the body) and the body
``div.article__body-text`` whose first paragraph opens with the dateline
"ASTANA. KAZINFORM -" / "АСТАНА. КАЗИНФОРМ -". Inside the body: "Read also"
inserts, photo credits and a closing messenger prompt; after it tags, share
buttons, related and latest news.
"""

from newscrawl.profiles.base import AgencyProfile, Listing, has_class

PROFILE = AgencyProfile(
    name="kazinform",
    title="Kazinform",
    home="https://www.inform.kz/",
    domains=("inform.kz",),
    # The Kazakh edition (/kz/) has no fixtures yet; add "kk": "/kz" with them.
    editions={"en": "/en", "ru": "/ru"},
    default_language="en",
    article_url=r"^https?://(?:www\.)?inform\.kz/(?:en|ru|kz)/news/[^/?#]+_a\d+/?$",
    listings=(
        Listing(
            url="https://www.inform.kz{prefix}/lenta",
            page_url="https://www.inform.kz{prefix}/lenta?page={page}",
            item_xpath=f"//div[{has_class('allNewsCard')}]",
            date_xpath=f".//*[{has_class('allNewsCard_time')}]",
        ),
    ),
    feeds=("https://www.inform.kz{prefix}/rss",),
    timezone="Asia/Almaty",
    agency_names=("KAZINFORM", "Kazinform", "КАЗИНФОРМ", "Казинформ", "ҚАЗАҚПАРАТ"),
    headline_xpaths=("//h1[contains(@class, 'article__title')]",),
    body_xpaths=(f"//div[{has_class('article__body-text')}]",),
    date_xpaths=(
        f"//div[{has_class('article__info')}]//*[{has_class('article__date')}]",
        f"//*[{has_class('article__date')}]",
    ),
    # "13:51, 25 November 2026"; the Russian month names go to dateparser
    date_formats=("%H:%M, %d %B %Y", "%H:%M, %d.%m.%Y"),
    section_xpaths=(f"//div[{has_class('article__category')}]//a",),
    tag_xpaths=(f"//div[{has_class('article__tags')}]//a",),
    prune_xpaths=(
        "//*[contains(@class, 'read-also')]",
        "//*[contains(@class, 'article__insert')]",
        "//*[contains(@class, 'subscribe')]",
        "//*[contains(@class, 'share')]",
        "//figure",
    ),
    furniture=(
        "Photo credit:",
        "Follow Kazinform on",
        "Kazinform's Telegram channel",
        "Telegram-канал Kazinform",
        "Читайте Kazinform в",
    ),
    settings={"DOWNLOAD_DELAY": 2.0, "CONCURRENT_REQUESTS_PER_DOMAIN": 2},
)
