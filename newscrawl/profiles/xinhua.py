"""Xinhua News Agency (news.cn): English on english.news.cn, Chinese on www.news.cn.

See ../shared/docs/agency-anatomy.md for the page anatomy this encodes.

Article pages: ``english.news.cn/<YYYYMMDD>/<32 hex>/c.html`` and
``www.news.cn/<section>/<YYYYMMDD>/<32 hex>/c.html`` (some without the
section, leaders' pages one level deeper). English: title ``h1`` in
``div.conTop`` with the source line and the visible date ``span.time``
("2026-11-27 14:05:12", Beijing time, UTC+08:00); Chinese: ``h1 >
span.title`` in ``div.head-line`` with the date split over
``div.header-time`` ("2026" "11/27" "14:05:12"). The body is
``#detailContent``; its first paragraph opens with the dateline
"BEIJING, Nov. 27 (Xinhua) --" / "新华社北京11月27日电（记者王某）", and
features carry a "by Xinhua writers …" byline above it. Inside the body:
centred photos with "(Xinhua/Li Xin)" / "（新华社记者李欣摄）" captions,
"Related:" links, empty paragraphs and the editor line ("Editor: Liu Ziyu",
"【责任编辑：张某】", "【纠错】"); after it share buttons, related and
latest lists and the copyright footer.
"""

from newscrawl.profiles.base import AgencyProfile, Listing, has_class


def _starts(*prefixes: str) -> str:
    """An XPath test: the element's text starts with one of ``prefixes``.

    news.cn indents paragraphs with ideographic spaces (U+3000), which
    ``normalize-space`` keeps; they are made plain spaces first.
    """
    text = "normalize-space(translate(., '\u3000', ' '))"
    return " or ".join(f"starts-with({text}, '{p}')" for p in prefixes)


PROFILE = AgencyProfile(
    name="xinhua",
    title="Xinhua",
    home="https://www.news.cn/",
    domains=("news.cn",),
    editions={"en": "https://english.news.cn", "zh": "https://www.news.cn"},
    default_language="en",
    # /<YYYYMMDD>/<32 hex>/c.html, below up to two section folders (www.news.cn)
    article_url=(
        r"^https?://(?:english|www)\.news\.cn/(?:[a-z]+/){0,2}20\d{6}/[0-9a-f]{32}/c\.html$"
    ),
    listings=(
        Listing(
            url="{prefix}/latest/index.htm",
            page_url="{prefix}/latest/index_{page}.htm",
            item_xpath=f"//ul[{has_class('dataList')}]/li",
            link_xpath=".//a/@href",
            date_xpath=f".//*[{has_class('time')}]",
        ),
    ),
    feeds=("{prefix}/rss/latest.xml",),
    timezone="Asia/Shanghai",
    agency_names=("Xinhua", "新华社"),
    headline_xpaths=(
        f"//div[{has_class('conTop')}]//h1",
        f"//div[{has_class('head-line')}]//h1",
        f"//h1[{has_class('title')}] | //h1/span[{has_class('title')}]",
    ),
    body_xpaths=("//*[@id='detailContent']", "//*[@id='detail']"),
    date_xpaths=(
        f"//div[{has_class('conTop')}]//*[{has_class('time')}]",
        f"//div[{has_class('header-time')}]",
    ),
    # "2026-11-27 14:05:12" (English pages, listings); "2026 11/27 14:05:12" (news.cn header)
    date_formats=("%Y-%m-%d %H:%M:%S", "%Y %m/%d %H:%M:%S", "%Y-%m-%d %H:%M"),
    section_xpaths=(
        f"//div[{has_class('crumbs')}]/a[last()]",
        f"//div[{has_class('curPosition')}]/a[last()]",
    ),
    prune_xpaths=(
        # photos and their centred captions: "… (Xinhua/Li Xin)", "（新华社记者李欣摄）"
        "//p[.//img or .//video]",
        # the editor line and the report-a-mistake link
        "//*[@id='articleEdit']",
        f"//*[{has_class('editor')}]",
        f"//p[{_starts('Editor:', '[Editor:', '【责任编辑', '【纠错】')}]",
        "//*[contains(@class, 'share')]",
        "//script",
    ),
    furniture=(
        "(Xinhua/",
        "/Xinhua)",
        "摄）",
        "【纠错】",
        "【责任编辑",
        "相关阅读：",
        "相关新闻：",
        "延伸阅读：",
    ),
    dateline_patterns=(
        # the English "BEIJING, Nov. 27 (Xinhua) --" is a generic wire shape
        # "新华社北京11月27日电（记者王某、李某）", "新华社联合国11月26日电"
        r"^(?P<agency>新华社)(?P<place>[^\W\d_]{1,12}?)(?P<date>\d{1,2}月\d{1,2}日)电\s*"
        r"(?:[（(]\s*(?:新华社)?记者\s*(?P<author>[^）)\n]{1,40}?)\s*[）)])?\s*",
    ),
    settings={"DOWNLOAD_DELAY": 2.0, "CONCURRENT_REQUESTS_PER_DOMAIN": 2},
)
