"""Agency knowledge: one declarative module per agency, found by name or URL.

To add an agency, write ``newscrawl/profiles/<name>.py`` defining ``PROFILE``
(an ``AgencyProfile``). Every module in this package that defines one is
picked up: no registration, no engine change.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from newscrawl.profiles.base import AgencyProfile, Feed, Listing

__all__ = ["AgencyProfile", "Feed", "Listing", "all_profiles", "get_profile", "profile_for_url"]


@cache
def all_profiles() -> tuple[AgencyProfile, ...]:
    """Every agency profile in this package, sorted by name."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_") or info.name == "base":
            continue
        profile = getattr(importlib.import_module(f"{__name__}.{info.name}"), "PROFILE", None)
        if isinstance(profile, AgencyProfile):
            found.append(profile)
    return tuple(sorted(found, key=lambda p: p.name))


def get_profile(name: str) -> AgencyProfile:
    """The profile called ``name``; KeyError names the known ones."""
    for profile in all_profiles():
        if profile.name == name:
            return profile
    known = ", ".join(p.name for p in all_profiles())
    raise KeyError(f"unknown agency {name!r} (known: {known})")


def profile_for_url(url: str | None) -> AgencyProfile | None:
    """The profile of the agency that owns ``url``, or None for any other site."""
    if not url:
        return None
    return next((p for p in all_profiles() if p.owns(url)), None)
