"""Small helpers on Scrapy responses shared by middlewares and spiders."""

from __future__ import annotations

from scrapy.http import Response

from newscrawl.extraction.verdict import blocked_reason


def header_dict(response: Response) -> dict[str, str]:
    """Response headers as ``{lower-case name: last value}`` strings."""
    return {
        key.decode("latin-1").lower(): (response.headers.get(key) or b"").decode("latin-1")
        for key in response.headers
    }


def response_verdict(response: Response) -> str | None:
    """``challenge``/``captcha``/``unavailable`` when the response is such a page."""
    return blocked_reason(response.status, header_dict(response), response.body)
