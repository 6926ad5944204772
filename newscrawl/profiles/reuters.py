"""Reuters (reuters.com): English only, discovered through its news sitemap index.

See ../shared/docs/agency-anatomy.md for the page anatomy this describes.

Article pages: ``www.reuters.com/<section>/[<sub>/]<slug>-YYYY-MM-DD/``
(``/world/uk/…-2026-11-26/``, ``/technology/…-2026-11-26/``). The site is an
Arc XP (Fusion) React application with hashed class names
(``text__text__1FZLe``) and ``data-testid`` hooks: a kicker link above the
title ``h1[data-testid="Heading"]``, the byline "By NAME and NAME" with links
to ``/authors/<name>/``, the date in ``time[datetime]`` (UTC, ``…Z``) printed
as "November 26, 2026", "9:14 AM GMT", "Updated 2 hours ago", share and save
buttons, and the lead photo with its "REUTERS/Name" credit and a "Purchase
Licensing Rights" link. The body is a run of ``div[data-testid="paragraph-N"]``;
the first opens with the dateline "LONDON, Nov 26 (Reuters) -". Between the
paragraphs: "Advertisement · Scroll to continue" ad slots, newsletter
registration prompts ending "Sign up here." ("Get a quick look at the day's
breaking legal news…" on legal stories), "Read more:" link lists, and links
to other sites and instrument codes ("(BRNM.OL)") carrying a hidden ", opens
new tab". After it: the "Reporting by …; Editing by …" credit (a sign-off,
not story text), the "Our Standards: The Thomson Reuters Trust Principles."
link, author cards, "Read Next" lists, ad slots and the footer. Pages carry
``article:published_time``/``article:modified_time``, ``og:*`` and usually a
JSON-LD ``NewsArticle``; anonymous or too-fast clients get a DataDome
"Please enable JS and disable any ad blocker" page with HTTP 403 instead.

Discovery only: no listing pages (they are rendered from an API) and no
public RSS; the news sitemap index
(``/arc/outboundfeeds/news-sitemap-index/?outputType=xml``) lists Google News
sitemaps of 100 URLs each (``…/news-sitemap/?outputType=xml&from=0``, ``…&from=100``),
each with its ``lastmod``.

No extraction fields (headline, body, date, section, tag and prune XPaths,
furniture, dateline patterns, agency names): Reuters pages are part of the
extraction benchmark set, so describing their markup here would tune the
extractor on benchmark pages. Reuters pages go through the generic
extraction, as a page of an unknown site does; so a page that declares no
section (no JSON-LD, no ``article:section``) has none in its record, though
its kicker link shows one.
"""

from newscrawl.profiles.base import AgencyProfile

PROFILE = AgencyProfile(
    name="reuters",
    title="Reuters",
    home="https://www.reuters.com/",
    domains=("reuters.com",),
    editions={"en": "https://www.reuters.com"},
    default_language="en",
    # /<section>/[<sub>/]<slug>-YYYY-MM-DD/: /world/uk/…-2026-11-26/, /technology/…-2026-11-26/
    article_url=(
        r"^https?://(?:www\.)?reuters\.com/[a-z][a-z0-9\-]*/(?:[a-z][a-z0-9\-]*/)?"
        r"[a-z0-9][a-z0-9\-]*-20\d{2}-[01]\d-[0-3]\d/?$"
    ),
    sitemaps=("{prefix}/arc/outboundfeeds/news-sitemap-index/?outputType=xml",),
    # Reuters answers bursts from one client with a DataDome wall; two slow connections.
    settings={"DOWNLOAD_DELAY": 2.0, "CONCURRENT_REQUESTS_PER_DOMAIN": 2},
)
