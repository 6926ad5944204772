"""AZERTAC, the Azerbaijan State News Agency (azertag.az).

See ../shared/docs/agency-anatomy.md for the page anatomy this encodes.
"""

from newscrawl.profiles.base import AgencyProfile, Listing

PROFILE = AgencyProfile(
    name="azertac",
    title="AZERTAC",
    home="https://azertag.az/",
    domains=("azertag.az",),
    editions={
        "az": "",
        "en": "/en",
        "ru": "/ru",
        "fr": "/fr",
        "de": "/de",
        "es": "/es",
        "ar": "/ar",
        "zh": "/zh",
    },
    default_language="en",
    article_url=r"^https?://(?:www\.)?azertag\.az(?:/(?:en|ru|fr|de|es|ar|zh))?/xeber/[^/?#]+-\d+/?$",
    listings=(
        Listing(
            url="https://azertag.az{prefix}/xeber",
            page_url="https://azertag.az{prefix}/xeber?page={page}",
            item_xpath="//div[contains(concat(' ', @class, ' '), ' news-item ')]",
            date_xpath=".//*[contains(@class, 'news-date')]",
        ),
    ),
    archives=(
        Listing(  # the site search, filtered by date: 50 results a page
            url="https://azertag.az{prefix}/axtarish?search=&tarixden={since}&tarixe={until}",
            page_url="https://azertag.az{prefix}/axtarish?search=&tarixden={since}&tarixe={until}&page={page}",
            item_xpath="//div[contains(concat(' ', @class, ' '), ' news-item ')]",
            date_xpath=".//*[contains(@class, 'news-date')]",
            date_param_format="%Y/%m/%d",
        ),
    ),
    feeds=("https://azertag.az{prefix}/rss",),
    timezone="Asia/Baku",
    agency_names=("AZERTAC", "AZƏRTAC", "AZERTAG", "АЗЕРТАДЖ", "أذرتاج", "阿塞拜疆国家通讯社"),
    headline_xpaths=(
        "//h1[contains(@class, 'entry-title')]",
        "//h1[contains(@class, 'content-title')]",
    ),
    body_xpaths=(
        "//div[contains(concat(' ', @class, ' '), ' news-body ')]",
        "//div[@id='selectedtext']",
    ),
    date_xpaths=(
        "//ul[contains(@class, 'global-list')]/li[1]",
        "//div[contains(@class, 'news-date')]",
    ),
    date_formats=("%d.%m.%Y [%H:%M]", "%d.%m.%Y | %H:%M", "%d.%m.%Y %H:%M"),
    section_xpaths=("//div[contains(@class, 'post-category')]",),
    tag_xpaths=("//div[contains(@class, 'tags')]//a",),
    prune_xpaths=(
        "//*[contains(@class, 'hyperlink-note')]",
        "//*[contains(@class, 'mistake-note')]",
        "//form",
        "//*[contains(@class, 'share')]",
        "//*[contains(@class, 'related-news')]",
    ),
    furniture=(
        "Content from this site must be hyperlinked when used",
        "Report a mistake by marking it and pressing ctrl + enter",
        "Saytdakı materiallardan istifadə edərkən hiperlinklə istinad mütləqdir",
        "При использовании материалов гиперссылка обязательна",
    ),
    signature_markers=("müxbiri", "correspondent", "корреспондент", "correspondant", "مراسل"),
    # Cloudflare challenges clients that come faster than about one request in 8 s.
    settings={"CONCURRENT_REQUESTS_PER_DOMAIN": 2, "DOWNLOAD_DELAY": 8.0},
)
