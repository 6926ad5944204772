"""Dates always come out timezone-aware, in the agency's zone when the page gives none."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from newscrawl.extraction.dates import (
    iso,
    parse_machine_date,
    parse_visible_date,
    resolve_day_month,
)

AZ_FORMATS = ("%d.%m.%Y [%H:%M]", "%d.%m.%Y | %H:%M")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2017-02-23T14:05:00+04:00", "2017-02-23T14:05:00+04:00"),
        ("2017-02-23T10:05:00Z", "2017-02-23T10:05:00+00:00"),
        ("2017-02-23T14:05:00+0400", "2017-02-23T14:05:00+04:00"),
        ("2017-02-23T14:05:00.123+04:00", "2017-02-23T14:05:00+04:00"),
        ("Thu, 23 Feb 2017 14:05:00 +0400", "2017-02-23T14:05:00+04:00"),
        ("2017-02-23T14:05:00", "2017-02-23T14:05:00+04:00"),  # naive: agency zone
        ("2017-02-23", "2017-02-23T00:00:00+04:00"),
    ],
)
def test_machine_dates(raw: str, expected: str) -> None:
    dt = parse_machine_date(raw, "Asia/Baku")
    assert dt is not None and iso(dt) == expected


@pytest.mark.parametrize("raw", ["", "yesterday-ish", "0000-00-00", "99.99.9999", None])
def test_bad_machine_dates_are_none(raw) -> None:
    assert parse_machine_date(raw, "Asia/Baku") is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("23.02.2017 [14:05]", "2017-02-23T14:05:00+04:00"),
        (" 23.02.2017  [14:05] ", "2017-02-23T14:05:00+04:00"),
        ("14.05.2019 | 11:20", "2019-05-14T11:20:00+04:00"),
        ("Published: 23.02.2017 [14:05] Views: 1245", "2017-02-23T14:05:00+04:00"),
    ],
)
def test_visible_dates_in_agency_formats(raw: str, expected: str) -> None:
    dt = parse_visible_date(raw, AZ_FORMATS, "Asia/Baku")
    assert dt is not None and iso(dt) == expected


def test_visible_date_falls_back_to_month_names() -> None:
    dt = parse_visible_date("6 Dekabr 2025 15:49", (), "Asia/Baku", ["az"])
    assert dt is not None
    assert (dt.year, dt.month, dt.day, dt.hour, dt.minute) == (2025, 12, 6, 15, 49)
    assert dt.utcoffset() == timedelta(hours=4)


@pytest.mark.parametrize(
    ("text", "lang", "published", "expected"),
    [
        ("February 23", "en", datetime(2017, 2, 23, 14, 5), "2017-02-23"),
        ("23 iyun", "az", datetime(2026, 6, 23, 14, 5), "2026-06-23"),
        ("5 ноября", "ru", datetime(2026, 11, 5, 11, 30), "2026-11-05"),
        ("1 مارس", "ar", datetime(2026, 3, 1, 10, 45), "2026-03-01"),
        # published just after new year, dateline from the last day of the old year
        ("December 31", "en", datetime(2027, 1, 1, 0, 30), "2026-12-31"),
    ],
)
def test_dateline_day_month_takes_the_publication_year(text, lang, published, expected) -> None:
    day = resolve_day_month(text, published, lang)
    assert day is not None and day.isoformat() == expected


def test_cjk_month_day() -> None:
    day = resolve_day_month("10月12日", datetime(2026, 10, 12, 9, 0), "zh")
    assert day is not None and day.isoformat() == "2026-10-12"


def test_offset_printed_with_the_date_wins() -> None:
    dt = parse_visible_date("27 Noyabr 2026 14:05 (UTC +04:00)", (), "UTC", ["az"])
    assert dt is not None and iso(dt) == "2026-11-27T14:05:00+04:00"
    dt = parse_visible_date("13:51, 15 августа 2025 GMT+5", (), "UTC", ["ru"])
    assert dt is not None and iso(dt) == "2025-08-15T13:51:00+05:00"
