"""One Scrapy spider per agency profile, made from the profile alone.

Adding ``newscrawl/profiles/<name>.py`` is enough for ``scrapy crawl <name>``,
``scrapy list`` and ``scrapy check <name>`` to know the agency: no spider
code per agency. The contracts ``scrapy check`` runs are written from the
profile: the default edition's first listing page, first feed and first
sitemap must each yield at least one request: an article, or a sitemap
index's child. Run live, or offline with ``-s NEWSCRAWL_REPLAY=fixtures``,
it shows a redesign that hides the article links before an hourly crawl
finds nothing.
"""

from collections.abc import AsyncIterator, Callable, Iterator
from inspect import isasyncgenfunction

import scrapy
from scrapy.http import Response

from newscrawl.profiles import AgencyProfile, all_profiles
from newscrawl.spiders.agency import AgencySpider


def _checked(method: Callable, url: str, what: str) -> Callable:
    """``method`` under a docstring that holds its ``scrapy check`` contract for ``url``."""

    def callback(
        self: AgencySpider, response: Response, *args: object, **kwargs: object
    ) -> Iterator[scrapy.Request]:
        return method(self, response, *args, **kwargs)

    async def async_callback(
        self: AgencySpider, response: Response, *args: object, **kwargs: object
    ) -> AsyncIterator[scrapy.Request]:
        async for request in method(self, response, *args, **kwargs):
            yield request

    if isasyncgenfunction(method):  # scrapy check runs an async callback only if it is one
        callback = async_callback  # type: ignore[assignment]
    callback.__name__ = method.__name__
    callback.__doc__ = f"{what}\n\n@url {url}\n@returns requests 1\n"
    return callback


def _contracts(profile: AgencyProfile) -> dict[str, Callable]:
    """Callbacks carrying the profile's contracts: its first listing, feed and sitemap."""
    lang = profile.default_language
    methods: dict[str, Callable] = {}
    listings, feeds = profile.listings_for(lang), profile.feeds_for(lang)
    sitemaps = profile.sitemaps_for(lang)
    if listings:
        url = profile.edition_urls(listings[0].url, lang)
        methods["parse_listing"] = _checked(
            AgencySpider.parse_listing, url, f"Article links of {profile.title}'s listing."
        )
    if feeds:
        url = profile.edition_urls(feeds[0], lang)
        methods["parse_feed"] = _checked(
            AgencySpider.parse_feed, url, f"Article links of {profile.title}'s feed."
        )
    if sitemaps:
        url = profile.edition_urls(sitemaps[0], lang)
        methods["parse_sitemap"] = _checked(
            AgencySpider.parse_sitemap, url, f"Article links of {profile.title}'s sitemap."
        )
    return methods


for _profile in all_profiles():
    _name = "".join(part.title() for part in _profile.name.split("_")) + "Spider"
    globals()[_name] = type(
        _name,
        (AgencySpider,),
        {
            "name": _profile.name,
            "profile": _profile,
            "__module__": __name__,
            "__doc__": f"Crawl {_profile.title} ({_profile.home}).",
            **_contracts(_profile),
        },
    )
