"""Small helpers on Scrapy responses shared by middlewares and spiders."""

from __future__ import annotations

from scrapy.http import Response


def header_dict(response: Response) -> dict[str, str]:
    """Response headers as ``{lower-case name: last value}`` strings."""
    return {
        key.decode("latin-1").lower(): (response.headers.get(key) or b"").decode("latin-1")
        for key in response.headers
    }
