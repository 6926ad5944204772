"""TASS, the Russian News Agency (tass.com in English, tass.ru in Russian).

See ../shared/docs/agency-anatomy.md for the page anatomy this encodes.

The two editions are separate sites with their own markup: tass.com is an
AngularJS application (``data-ng-app="tassApp"``) with BEM classes
(``h1.news-header__title``, lead ``div.news-header__lead``, body
``div.text-block``, the date in a ``<dateformat>`` element); tass.ru is a
React application with hashed class names (``NewsHeader_titles__…``,
``PublishedMark_date__…``) around a ``div.text-content`` body. The lead is a
standfirst above the story (repeated in the meta description), not part of
the body: the body starts with the dateline paragraph
("MOSCOW, November 25. /TASS/. …", "МОСКВА, 25 ноября. /ТАСС/. …").
When the AngularJS shell is served unrendered the page holds only template
placeholders (``{{::news.title}}``); they are pruned, so such a page has no
body and is rejected instead of stored.
"""

from newscrawl.profiles.base import AgencyProfile, Listing, has_class

PROFILE = AgencyProfile(
    name="tass",
    title="TASS",
    home="https://tass.com/",
    domains=("tass.com", "tass.ru"),
    editions={"en": "https://tass.com", "ru": "https://tass.ru"},
    default_language="en",
    # /<section>/<numeric id>: tass.com/economy/2041187, tass.ru/ekonomika/25871234
    article_url=r"^https?://(?:www\.)?tass\.(?:com|ru)/[a-z][a-z0-9\-]*/\d{5,}/?$",
    listings=(
        Listing(
            url="{prefix}/news",
            page_url="{prefix}/news?page={page}",
            # tass.com: div.news-list__item; tass.ru: div.Listing_item__<hash>
            item_xpath=f"//div[{has_class('news-list__item')}] | //div[contains(@class, 'Listing_item')]",
            date_xpath=(
                ".//*[contains(@class, 'news-preview__date')"
                " or contains(@class, 'MaterialCardTime_time')]"
            ),
        ),
    ),
    feeds=("{prefix}/rss/v2.xml",),
    timezone="Europe/Moscow",
    agency_names=("TASS", "ТАСС", "ITAR-TASS", "ИТАР-ТАСС"),
    headline_xpaths=(
        "//h1[contains(@class, 'news-header__title')]",
        "//h1[contains(@class, 'NewsHeader_titles')]",
    ),
    body_xpaths=(
        f"//div[{has_class('text-block')}]",
        f"//div[{has_class('text-content')}]",
    ),
    date_xpaths=(
        "//div[contains(@class, 'news-header__date')]//dateformat",
        "//div[contains(@class, 'news-header__date')]",
        "//*[contains(@class, 'PublishedMark_date')]",
    ),
    # tass.com prints "25 NOV 2026, 14:37"; tass.ru's "25 ноября 2026, 14:37" goes to dateparser
    date_formats=("%d %b %Y, %H:%M", "%d %B %Y, %H:%M", "%B %d, %Y, %H:%M"),
    section_xpaths=(
        "//div[contains(@class, 'news-header__tags')]//a",
        "//*[contains(@class, 'NewsHeader_rubric')]",
    ),
    tag_xpaths=(
        "//div[contains(@class, 'tags-block')]//a",
        "//*[contains(@class, 'Tags_container')]//a",
    ),
    prune_xpaths=(
        # in-body "Read also <headline>" inserts (tass.com, tass.ru)
        "//*[contains(@class, 'text-include')]",
        "//*[contains(@class, 'ReadAlso_')]",
        # photos with captions and "© Name/TASS" credits
        "//*[contains(@class, 'text-image')]",
        "//*[contains(@class, 'ImageWithCaption_')]",
        # messenger and subscription prompts inside the body
        "//*[contains(@class, 'text-block__subscribe')]",
        "//*[contains(@class, 'Subscribe_')]",
        "//*[contains(@class, 'share')]",
        "//*[contains(@class, 'Share_')]",
        # unrendered AngularJS placeholders: {{::news.text}}
        "//*[contains(text(), '{{') and contains(text(), '}}')]",
    ),
    furniture=(
        "{{",
        "Follow TASS on",
        "TASS English-language Telegram channel",
        "Больше новостей в Telegram-канале ТАСС",
        "Подписывайтесь на ТАСС",
        "Full or partial use of materials is allowed only with a hyperlink",
        "При полном или частичном использовании материалов ссылка на ТАСС обязательна",
    ),
    dateline_patterns=(
        # "ST. PETERSBURG, November 23. /TASS/." (a place with a full stop in it)
        r"^(?P<place>[A-ZА-ЯЁ][A-ZА-ЯЁ.\-' ]{1,40}?),\s*(?P<date>[^\W\d_]{3,12}\.? \d{1,2}|"
        r"\d{1,2} [^\W\d_]{3,12})\.\s*/(?P<agency>TASS|ТАСС|ITAR-TASS|ИТАР-ТАСС)/\.?\s*",
    ),
    # TASS throttles bursts from one client; two slow connections per host.
    settings={"DOWNLOAD_DELAY": 2.0, "CONCURRENT_REQUESTS_PER_DOMAIN": 2},
)
