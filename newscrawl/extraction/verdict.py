"""Is this response a page at all? Anti-bot walls and error pages, told apart.

Sites answer with challenge pages, captcha walls and "temporarily unavailable"
pages, sometimes with status 200. ``blocked_reason`` recognises them from the
status, headers and the first kilobytes of the body so that they are retried
or rejected, and never stored as articles.
"""

from __future__ import annotations

import re

# Patterns are lower case: they are matched against the lower-cased head of the body.
_CHALLENGE = re.compile(
    rb"<title>\s*(attention required!? \| cloudflare|just a moment\.\.\.|"
    rb"access denied|ddos-guard|checking your browser)|"
    rb"cf-browser-verification|cf_chl_opt|challenge-platform|"
    rb"sorry, you have been blocked|/cdn-cgi/challenge|"
    # other bot-management vendors: DataDome, HUMAN (PerimeterX), Imperva (Incapsula)
    rb"captcha-delivery\.com|px-captcha|incapsula incident id",
)
_CAPTCHA_WALL = re.compile(
    rb"(g-recaptcha|h-captcha|hcaptcha\.com|are you a robot|verify you are human|"
    rb"unusual traffic from your (computer )?network)",
)
# Literals that every match of the pattern above contains: a page with none of them
# (nearly every page) is passed over by ``in`` tests, without the regex's scan.
_CHALLENGE_HINTS = (
    b"attention required", b"just a moment", b"access denied", b"ddos-guard",
    b"checking your browser", b"cf-browser-verification", b"cf_chl_opt",
    b"challenge-platform", b"sorry, you have been blocked", b"/cdn-cgi/challenge",
    b"captcha-delivery.com", b"px-captcha", b"incapsula incident id",
)  # fmt: skip
# Response headers that only a bot-management front sets ("X-DataDome: protected").
_BOT_FRONT_HEADERS = ("x-datadome", "x-datadome-cid", "x-px-block")
_CAPTCHA_HINTS = (
    b"g-recaptcha", b"h-captcha", b"hcaptcha.com", b"are you a robot", b"verify you are human",
    b"unusual traffic from your",
)  # fmt: skip
_UNAVAILABLE = re.compile(
    rb"<title>\s*(503 )?service (temporarily )?unavailable|"
    rb"<h1>\s*service (temporarily )?unavailable",
)


def blocked_reason(status: int, headers: dict[str, str], body: bytes) -> str | None:
    """``challenge``, ``captcha`` or ``unavailable`` when the page is one, else None.

    A captcha wall is only a wall on a short page: article pages carry
    captcha forms for comments, so a long page with a captcha is not blocked.
    """
    # Lower-cased once, matched case-sensitively: the same ASCII folding as IGNORECASE,
    # five times faster (this runs twice on every response, in the reactor thread).
    head = body[:16384].lower()
    server = headers.get("server", headers.get("Server", "")).lower()
    refused = status in (403, 429, 503)
    if _matches(_CHALLENGE, _CHALLENGE_HINTS, head) or (
        refused and ("cloudflare" in server or _bot_front(headers))
    ):
        return "challenge"
    if status == 503 or _matches(_UNAVAILABLE, (b"unavailable",), head):
        return "unavailable"
    if len(body) < 20000 and _matches(_CAPTCHA_WALL, _CAPTCHA_HINTS, head):
        return "captcha"
    return None


def _bot_front(headers: dict[str, str]) -> bool:
    """True when a header names a bot-management service (whatever the name's case)."""
    return any(name.lower() in _BOT_FRONT_HEADERS for name in headers)


def _matches(pattern: re.Pattern[bytes], hints: tuple[bytes, ...], head: bytes) -> bool:
    """``pattern`` found in ``head``, tried only when one of its literal ``hints`` is there."""
    return any(hint in head for hint in hints) and pattern.search(head) is not None


_SOFT_404 = re.compile(
    r"<(title|h1)[^>]*>[^<]{0,80}("
    r"\b404\b[^<]{0,30}(not found|error|fehler|hata|ошибка|xəta|page|seite|sayfa|страница)|"
    r"(error|fehler|hata|ошибка|xəta)\s*404|page not found|could not be found|"
    r"seite nicht gefunden|página no encontrada|page introuvable|sayfa bulunamadı|"
    r"страница не найдена|səhifə tapılmadı)",
    re.IGNORECASE,
)


_HEADING = re.compile(rb"<(?:title|h1)\b")
_HEADINGS_READ = 4  # a page's title and first headings; a 404 page says it there


def soft_404(body: bytes) -> bool:
    """A "page not found" page served with status 200 (its title or heading says so).

    Only the title and the first ``<h1>`` are read (decoding the whole head
    and scanning it cost more than the rest of the checks together).
    """
    head = body[:32768].lower()
    for found, _ in zip(_HEADING.finditer(head), range(_HEADINGS_READ), strict=False):
        region = body[found.start() : found.start() + 400].decode("utf-8", "ignore")
        if _SOFT_404.match(region):
            return True
    return False
