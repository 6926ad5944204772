"""ANSA, Agenzia Nazionale Stampa Associata (ansa.it), Italy.

See ../shared/docs/agency-anatomy.md for the page anatomy this encodes.

One host, two editions by path: Italian under ``/sito/notizie/`` and English
under ``/english/news/``. Article pages:
``/sito/notizie/<section>/YYYY/MM/DD/<slug>_<uuid>.html`` and
``/english/news/<section>/YYYY/MM/DD/<slug>_<uuid>.html``. The header holds
the section label (``div.news-sect``), the title ``h1.news-title``, the
subtitle ``h2.news-stit`` (a standfirst, repeated in the meta description,
not part of the body), the byline (``Redazione ANSA`` or "di <name>") and the
date ``span.news-date`` ("27 novembre 2026, 14:05" / "27 November 2026 14:05",
Rome time). The body ``div.news-txt`` opens with the dateline
"(ANSA) - ROMA, 27 NOV -" / "(ANSA) - ROME, NOV 27 -"; inside it sit photos
with "(ANSA)" / "© ANSA" credits, "Leggi anche" / "Read also" inserts,
newsletter and WhatsApp prompts and ad slots; after it the "Riproduzione
riservata © Copyright ANSA" / "ALL RIGHTS RESERVED © Copyright ANSA" notice,
tags, share buttons and the "Ultima ora" / "Latest news" lists.
"""

from newscrawl.profiles.base import AgencyProfile, Listing, has_class

_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

PROFILE = AgencyProfile(
    name="ansa",
    title="ANSA",
    home="https://www.ansa.it/",
    domains=("ansa.it",),
    editions={"it": "/sito/notizie", "en": "/english/news"},
    default_language="it",
    article_url=(
        r"^https?://(?:www\.)?ansa\.it/(?:sito/notizie|english/news)/(?:[a-z0-9_\-]+/)+"
        rf"\d{{4}}/\d{{2}}/\d{{2}}/[^/?#]+_{_UUID}\.html$"
    ),
    listings=(
        Listing(
            url="https://www.ansa.it{prefix}/topnews/index.shtml",
            page_url="https://www.ansa.it{prefix}/topnews/index.shtml?pag={page}",
            item_xpath=f"//article[{has_class('article-teaser')}]",
            link_xpath=f".//*[{has_class('title')}]//a/@href",
            date_xpath=f".//*[{has_class('date')}]",
        ),
    ),
    feeds=("https://www.ansa.it{prefix}/topnews/topnews_rss.xml",),
    timezone="Europe/Rome",
    agency_names=("ANSA",),
    headline_xpaths=(f"//h1[{has_class('news-title')}]",),
    body_xpaths=(f"//div[{has_class('news-txt')}]",),
    date_xpaths=(f"//div[{has_class('news-info')}]//*[{has_class('news-date')}]",),
    # "27 November 2026 14:05"; the Italian "27 novembre 2026, 14:05" goes to dateparser
    date_formats=("%d %B %Y %H:%M", "%d %B %Y, %H:%M"),
    section_xpaths=(f"//div[{has_class('news-sect')}]//a",),
    tag_xpaths=(f"//div[{has_class('news-tags')}]//a",),
    prune_xpaths=(
        # "Leggi anche" / "Read also" boxes inside the text
        f"//*[{has_class('news-related-inline')}]",
        # photos with "(ANSA)" / "© ANSA" credits, ad slots, newsletter boxes
        "//figure",
        f"//*[{has_class('adv')}]",
        f"//*[{has_class('news-newsletter')}]",
        "//script",
    ),
    # no furniture of its own: the copyright notices ("Riproduzione riservata © Copyright
    # ANSA"), "Leggi anche:" / "Read also:" and the WhatsApp prompt are in the generic lexicon
    dateline_patterns=(
        # "(ANSA) - ROMA, 27 NOV -", "(ANSA) - ROME, NOV 27 -", "(ANSA-AFP) - PARIGI, 26 NOV -"
        r"^\((?P<agency>ANSA(?:-[A-Z]{2,10})?|ANSAmed)\)\s*[-–—]\s*"
        # places and months are in capitals: "CITTA' DEL VATICANO", "L'AQUILA", "NOV."
        r"(?P<place>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\- ]{0,40}?)\s*,\s*"
        r"(?P<date>\d{1,2}\s+[A-Z]{3,4}\.?|[A-Z]{3,4}\.?\s+\d{1,2})\s*[-–—]+\s*",
    ),
    settings={"DOWNLOAD_DELAY": 2.0, "CONCURRENT_REQUESTS_PER_DOMAIN": 2},
)
