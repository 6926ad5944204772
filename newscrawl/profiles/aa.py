"""Anadolu Agency (aa.com.tr): language editions under path prefixes.

See ../shared/docs/agency-anatomy.md for the page anatomy this encodes.
Article pages: ``div.detay-bg`` holds the title (``div.detay-spot-category >
h1``), the summary (``h4``, the meta description: not story text), the byline
and ``span.tarih`` ("26.11.2026 - Update : 26.11.2026", tr "Güncelleme"; a day
without a time). The story is ``div.detay-icerik``: photo, paragraphs opening
with "LONDON (AA) –" / "ANKARA (AA) -", the subscriber notice ("Anadolu Agency
website contains only a portion of the news stories offered to subscribers…")
and the "Share News" bar.
"""

from newscrawl.profiles.base import AgencyProfile, Listing

PROFILE = AgencyProfile(
    name="aa",
    title="Anadolu Agency",
    home="https://www.aa.com.tr/",
    domains=("aa.com.tr",),
    editions={
        "en": "/en",
        "tr": "/tr",
        "ar": "/ar",
        "fr": "/fr",
        "ru": "/ru",
        "es": "/es",
        "de": "/de",
    },
    default_language="en",
    # /<lang>/<category>/<slug>/<numeric id>
    article_url=(
        r"^https?://(?:www\.)?aa\.com\.tr/(?:en|tr|ar|fr|ru|es|de)/[a-z0-9-]+/[^/?#]+/\d+/?$"
    ),
    listings=(
        Listing(
            url="https://www.aa.com.tr{prefix}/guncel",
            page_url="https://www.aa.com.tr{prefix}/guncel?page={page}",
            item_xpath="//div[contains(concat(' ', normalize-space(@class), ' '), ' kategori-haber ')]",
            link_xpath=".//h3/a/@href",
            date_xpath=".//span[contains(@class, 'tarih')]",
        ),
    ),
    feeds=("https://www.aa.com.tr{prefix}/rss/default?cat=guncel",),
    timezone="Europe/Istanbul",
    agency_names=("AA", "АА", "الأناضول"),
    headline_xpaths=(
        "//div[contains(@class, 'detay-spot-category')]/h1",
        "//div[contains(@class, 'detay-bg')]//h1",
    ),
    body_xpaths=("//div[contains(concat(' ', normalize-space(@class), ' '), ' detay-icerik ')]",),
    date_xpaths=("//div[contains(@class, 'detay-bg')]//span[contains(@class, 'tarih')]",),
    date_formats=("%d.%m.%Y",),
    section_xpaths=("//div[contains(@class, 'detay-kategori')]/a[last()]",),
    tag_xpaths=("//div[contains(@class, 'detay-etiket')]//a",),
    prune_xpaths=(
        "//div[contains(@class, 'detay-paylas')]",
        "//div[contains(@class, 'detay-foto-editor')]",
        "//script",
    ),
    furniture=(
        "website contains only a portion of the news stories offered to subscribers",
        "üzerinden abonelere sunulan haberler",
        "Subscription Transactions",
        "Abonelik İşlemleri",
        "Share News",
        "Haberi paylaş",
    ),
    # Arabic edition: "أنقرة/ الأناضول"
    dateline_patterns=(r"^(?P<place>[^\W\d_][^/\n]{0,40}?)\s*/\s*(?P<agency>الأناضول)\s*",),
    settings={"DOWNLOAD_DELAY": 2.0, "CONCURRENT_REQUESTS_PER_DOMAIN": 2},
)
