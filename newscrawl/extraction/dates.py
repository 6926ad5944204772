"""Dates as ISO 8601 strings that always carry a UTC offset.

Machine-readable dates (JSON-LD, ``article:published_time``) go through
``datetime.fromisoformat``; dates as a reader sees them go through the agency's
own formats first (fast, exact) and dateparser last (many languages).
A date without an offset is read in the agency's time zone, or UTC for an
unknown site, so every date we emit is timezone-aware.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import cache, lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_ISO_Z = re.compile(r"Z$", re.I)
_ISO_COMPACT_OFFSET = re.compile(r"([+-]\d{2})(\d{2})$")
_ISO_START = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d")
_MINUTE = timedelta(minutes=1)


@cache
def zone(name: str | None) -> ZoneInfo:
    """The IANA zone ``name``, falling back to UTC for unknown names."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def iso(dt: datetime) -> str:
    """``dt`` as ISO 8601 with seconds and offset (``2017-02-23T14:05:00+04:00``).

    An offset with seconds (local mean time, which IANA zones use before
    about 1920: Baku was +03:19:24) is not ISO 8601; the same instant is
    written with the offset rounded to the minute.
    """
    offset = dt.utcoffset()
    if offset is not None and offset % _MINUTE:
        dt = dt.astimezone(timezone(_MINUTE * round(offset / _MINUTE)))
    return dt.replace(microsecond=0).isoformat(timespec="seconds")


def parse_machine_date(value: str | None, tz: str | None = None) -> datetime | None:
    """An aware datetime from an ISO 8601 or RFC 822 string, or None.

    A value with no time of day is taken as midnight in ``tz``; a value with
    no offset is read in ``tz``.
    """
    return parse_machine_date_offset(value, tz)[0]


def parse_machine_date_offset(
    value: str | None, tz: str | None = None
) -> tuple[datetime | None, bool]:
    """Like ``parse_machine_date``, and whether the value carried its own UTC offset.

    The flag lets a caller prefer a source that states its zone over one
    whose zone had to be assumed ("2023-04-28 18:11:01" beside
    "2023-04-28T18:11:01+02:00"). An unknown zone name ("CEST" in an RFC 822
    date) counts as no offset.
    """
    if not value or not isinstance(value, str):
        return None, False
    text = value.strip()
    text = _ISO_Z.sub("+00:00", text)
    if _ISO_START.match(text):  # "+0400" -> "+04:00" for fromisoformat; not in RFC 822
        text = _ISO_COMPACT_OFFSET.sub(r"\1:\2", text)
    dt: datetime | None
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        dt = _rfc822(text)
    if dt is None or not 1900 < dt.year < 2200:
        return None, False
    if dt.tzinfo is None:
        return dt.replace(tzinfo=zone(tz)), False
    return dt, True


def _rfc822(text: str) -> datetime | None:
    """Parse an RFC 822 date as found in RSS ``pubDate``."""
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def parse_visible_date(
    text: str | None,
    formats: tuple[str, ...] = (),
    tz: str | None = None,
    languages: list[str] | None = None,
) -> datetime | None:
    """An aware datetime from a date as printed on a page, or None.

    The agency's ``formats`` (strptime patterns) are tried first on the exact
    text, then on the first date-looking run inside it; dateparser handles
    the rest (month names in many languages). An offset printed with the
    date ("(UTC +04:00)", "GMT+5") wins over the zone ``tz``.
    """
    if not text:
        return None
    text, offset = _printed_offset(" ".join(text.split()))
    for fmt in formats:
        for candidate in (text, *_date_runs(text)):
            try:
                parsed = datetime.strptime(candidate, fmt)
            except ValueError:
                continue
            return parsed.replace(tzinfo=offset or zone(tz))
    found = _dateparser(text, tz, tuple(languages or ()))
    if found is not None and offset is not None:
        found = found.replace(tzinfo=offset)
    return found


_PRINTED_OFFSET = re.compile(
    r"\(?\s*(?:UTC|GMT)\s*([+-−])\s*(\d{1,2})(?::?(\d{2}))?\s*\)?\s*$", re.IGNORECASE
)


def _printed_offset(text: str) -> tuple[str, timezone | None]:
    """Split "27 Noyabr 2026 14:05 (UTC +04:00)" into the date and its offset."""
    m = _PRINTED_OFFSET.search(text)
    if not m:
        return text, None
    sign = -1 if m.group(1) in "-−" else 1
    delta = timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0))
    return text[: m.start()].strip(), timezone(sign * delta)


_DATE_RUN = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?:\D{1,4}\d{1,2}:\d{2}\]?)?")


def _date_runs(text: str) -> list[str]:
    """Substrings of ``text`` that look like a numeric date (and time)."""
    return [m.group(0) for m in _DATE_RUN.finditer(text)]


def _dateparser(text: str, tz: str | None, languages: tuple[str, ...]) -> datetime | None:
    """dateparser as a last resort, with the zone applied to naive results."""
    import dateparser  # imported lazily: its first import costs ~0.3 s

    settings = {"TIMEZONE": tz or "UTC", "RETURN_AS_TIMEZONE_AWARE": True}
    try:
        dt = dateparser.parse(text, languages=list(languages) or None, settings=settings)
    except Exception:  # dateparser raises many types on odd input
        return None
    if dt is None or not 1900 < dt.year < 2200:
        return None
    return dt


def resolve_day_month(text: str, reference: datetime | None, language: str | None) -> date | None:
    """The date of a day-and-month string ("February 23", "23 iyun") near ``reference``.

    Datelines carry no year: take the year that puts the date closest before
    (or at most a few days after) the publication date.
    """
    if not text or reference is None:
        return None
    return _day_month_before(text, reference.date() + timedelta(days=2), language)


@lru_cache(maxsize=4096)
def _day_month_before(text: str, base: date, language: str | None) -> date | None:
    """``text`` as the latest matching day on or before ``base``.

    Cached: dateparser needs ~2 ms a call, and an agency's stories of one day
    share a handful of datelines ("November 20").
    """
    import dateparser

    settings = {
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "REQUIRE_PARTS": ["day", "month"],
    }
    try:
        dt = dateparser.parse(text, languages=[language] if language else None, settings=settings)
    except Exception:  # dateparser raises many types on odd input
        dt = None
    if dt is None:
        dt = _cjk_month_day(text, settings["RELATIVE_BASE"])
    return dt.date() if dt else None


_CJK_MONTH_DAY = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def _cjk_month_day(text: str, base: datetime) -> datetime | None:
    """ "10月12日" (Chinese and Japanese month-day), in the year closest before ``base``."""
    m = _CJK_MONTH_DAY.search(text)
    if not m:
        return None
    month, day = int(m.group(1)), int(m.group(2))
    for year in (base.year, base.year - 1):
        try:
            candidate = datetime(year, month, day)
        except ValueError:
            return None
        if candidate <= base:
            return candidate
    return None
