"""Agency knowledge: one declarative module per agency, found by name or URL.

To add an agency, write ``newscrawl/profiles/<name>.py`` defining ``PROFILE``
and list the module in ``_MODULES``.
"""

from __future__ import annotations

import importlib
from functools import cache

from newscrawl.profiles.base import AgencyProfile, Listing

__all__ = ["AgencyProfile", "Listing", "all_profiles", "get_profile", "profile_for_url"]

_MODULES = ("azertac",)


@cache
def all_profiles() -> tuple[AgencyProfile, ...]:
    """Every known agency profile, in registration order."""
    return tuple(importlib.import_module(f"{__name__}.{m}").PROFILE for m in _MODULES)


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
