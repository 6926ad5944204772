"""Interfax (www.interfax.ru in Russian, interfax.com in English): one host per edition.

See ../shared/docs/agency-anatomy.md for the page anatomy this encodes.

Article pages wrap the story in ``<article>``: the visible date is a
``<time datetime>`` ("14:05, 27 ноября 2026"; interfax.com "Nov 27, 2026
14:05", Moscow time), then the rubric link and the ``h1``; the body is
``div[itemprop=articleBody]`` on www.interfax.ru and ``div.article__text`` on
interfax.com. The body opens with the dateline: "Москва. 27 ноября.
INTERFAX.RU - …" and "MOSCOW. Nov 27 (Interfax) - …" (regional bureaus sign
"(Interfax-Kazakhstan)", "(Interfax-Ukraine)"). Inside the body sit photos
with "Фото: Интерфакс" credits, "Читайте также" boxes, linked-headline boxes,
ad slots and Telegram/Dzen prompts; tags, the share bar, the "Все новости"
list and the copyright footer follow it. www.interfax.ru serves
windows-1251.
"""

from newscrawl.profiles.base import AgencyProfile, Listing, has_class

PROFILE = AgencyProfile(
    name="interfax",
    title="Interfax",
    home="https://www.interfax.ru/",
    domains=("interfax.ru", "interfax.com"),
    editions={"ru": "https://www.interfax.ru", "en": "https://interfax.com"},
    default_language="ru",
    # www.interfax.ru/<section>/<6-7 digit id> (not its /amp/<id> copies);
    # interfax.com/newsroom/<rubric>/<id>/
    article_url=(
        r"^https?://(?:www\.)?interfax\.ru/(?!amp/)[a-z][a-z0-9\-]*/\d{6,7}/?$"
        r"|^https?://(?:www\.)?interfax\.com/newsroom/[a-z][a-z0-9\-]*/\d{5,7}/?$"
    ),
    listings=(
        Listing(
            # "Все новости" (www.interfax.ru/news/page_2) and "All news" (interfax.com)
            url="{prefix}/news/",
            page_url="{prefix}/news/page_{page}",
            # www.interfax.ru: div.timeline > div[data-id] ("14:05" under a day header);
            # interfax.com: div.news-list__item with a full date
            item_xpath=f"//div[{has_class('timeline')}]//div[@data-id] | //div[{has_class('news-list__item')}]",
            link_xpath=".//a/@href",
            # the time element's full date (www.interfax.ru), else the printed date
            date_xpath=f".//time/@datetime | .//*[{has_class('news-list__date')}]",
        ),
    ),
    feeds=("{prefix}/rss.asp",),
    timezone="Europe/Moscow",
    agency_names=("INTERFAX.RU", "Interfax", "Интерфакс"),
    headline_xpaths=(
        "//article//h1[@itemprop='headline']",
        f"//h1[{has_class('article__title')}]",
        "//article//h1",
    ),
    body_xpaths=(
        "//article//div[@itemprop='articleBody']",
        f"//div[{has_class('article__text')}]",
    ),
    date_xpaths=("//article//time[@datetime]",),
    # interfax.com prints "Nov 27, 2026 14:05"; "14:05, 27 ноября 2026" goes to dateparser
    date_formats=("%b %d, %Y %H:%M", "%B %d, %Y %H:%M"),
    section_xpaths=(
        f"//article//a[{has_class('rubric')}]",
        f"//div[{has_class('article__category')}]//a",
    ),
    tag_xpaths=(
        f"//div[{has_class('textMTags')}]//a",
        f"//div[{has_class('article__tags')}]//a",
    ),
    prune_xpaths=(
        # photos with captions and "Фото: Интерфакс" / "Photo: Interfax" credits
        "//figure",
        # "Читайте также" / "Read also" boxes and linked-headline boxes inside the text
        f"//*[{has_class('read-also')}]",
        f"//*[{has_class('related-box')}]",
        # ad slots ("Реклама") and messenger/Dzen prompts set inside the text
        f"//*[{has_class('adv-inline')}]",
        f"//*[{has_class('subscribe-box')}]",
        "//script",
    ),
    furniture=(
        "Хотите получать новости",
        "Telegram-канал «Интерфакса»",
        "«Интерфакс» в Дзене",
        "Follow Interfax on Telegram",
        "Все права на материалы",
    ),
    # "Москва. 27 ноября. INTERFAX.RU -" and "MOSCOW. Nov 27 (Interfax) -" are generic shapes
    settings={"DOWNLOAD_DELAY": 2.0, "CONCURRENT_REQUESTS_PER_DOMAIN": 2},
)
