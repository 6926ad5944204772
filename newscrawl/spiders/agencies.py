"""One Scrapy spider per agency profile, made from the profile alone.

Adding ``newscrawl/profiles/<name>.py`` is enough for ``scrapy crawl <name>``
and ``scrapy list`` to know the agency: no spider code per agency.
"""

from newscrawl.profiles import all_profiles
from newscrawl.spiders.agency import AgencySpider

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
        },
    )
