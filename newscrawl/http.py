"""Small helpers on Scrapy responses shared by middlewares and spiders."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from scrapy.http import Response

from newscrawl.extraction.verdict import blocked_reason

_VERDICTS: WeakKeyDictionary[Response, str | None] = WeakKeyDictionary()


def header_dict(response: Response) -> dict[str, str]:
    """Response headers as ``{lower-case name: last value}`` strings."""
    return {
        key.decode("latin-1").lower(): (response.headers.get(key) or b"").decode("latin-1")
        for key in response.headers
    }


def content_type(response: Response) -> str:
    """The ``Content-Type`` header as text ("" when absent)."""
    return (response.headers.get("Content-Type") or b"").decode("latin-1")


def response_verdict(response: Response) -> str | None:
    """``blocked_reason`` of a response, worked out once per response.

    The retry middleware and the spider both ask; each answer scans the
    page's head in the reactor thread. A retried request gets a new
    response object, so a stale answer is never reused.
    """
    try:
        return _VERDICTS[response]
    except KeyError:
        verdict = blocked_reason(response.status, header_dict(response), response.body)
        _VERDICTS[response] = verdict
        return verdict


# Files that servers hand out as text/html by mistake; their first bytes say what they are.
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a RIFF file (WebP, WAV, AVI)"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip file"),
)


def binary_kind(body: bytes) -> str | None:
    """What a binary body is (``"a PDF document"``), or None when it is not a known file type."""
    return next((kind for magic, kind in _MAGIC if body.startswith(magic)), None)
