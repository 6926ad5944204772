"""Datelines in every edition and wire style."""

from __future__ import annotations

import pytest

from newscrawl.extraction.dateline import find_dateline
from newscrawl.profiles import get_profile

AZERTAC = get_profile("azertac").agency_names


@pytest.mark.parametrize(
    ("text", "place", "date", "agency", "author"),
    [
        ("Ankara, February 23, AZERTAC", "Ankara", "February 23", "AZERTAC", None),
        ("Bakı, 23 iyun, AZƏRTAC", "Bakı", "23 iyun", "AZƏRTAC", None),
        ("Bakı, 27 sentyabr, Rabil Kətanov, AZƏRTAC", "Bakı", "27 sentyabr", "AZƏRTAC", "Rabil Kətanov"),
        ("Баку, 5 ноября, Фарид Мамедов, АЗЕРТАДЖ", "Баку", "5 ноября", "АЗЕРТАДЖ", "Фарид Мамедов"),
        ("Bakou, 27 septembre, AZERTAC", "Bakou", "27 septembre", "AZERTAC", None),
        ("باكو، 1 مارس، أذرتاج", "باكو", "1 مارس", "أذرتاج", None),
    ],
)  # fmt: skip
def test_agency_datelines(text, place, date, agency, author) -> None:
    found = find_dateline(text, AZERTAC)
    assert found is not None
    assert (found.place, found.date_text, found.agency, found.author) == (
        place,
        date,
        agency,
        author,
    )
    assert found.end == len(text)


@pytest.mark.parametrize(
    ("text", "place", "agency", "rest"),
    [
        ("MOSCOW, September 23. /TASS/. The Kremlin said", "MOSCOW", "TASS", "The Kremlin said"),
        ("LONDON (AA) – Britain's prime minister said", "LONDON", "AA", "Britain's prime minister said"),
        ("TROMSOE, Norway (AP) — Arctic ice", "TROMSOE, Norway", "AP", "Arctic ice"),
        ("BILLINGS, Mont. (AP) — The FAA", "BILLINGS, Mont.", "AP", "The FAA"),
        ("ALBANY, N.Y. (AP) — Lawmakers", "ALBANY, N.Y.", "AP", "Lawmakers"),
        ("ASTANA. KAZINFORM - The President", "ASTANA", "KAZINFORM", "The President"),
        ("BEIJING, Nov. 27 (Xinhua) -- China's profits", "BEIJING", "Xinhua", "China's profits"),
        ("SAO PAULO, Brazil, Nov. 26 (Xinhua) -- The bank", "SAO PAULO, Brazil", "Xinhua", "The bank"),
        ("LONDON, Nov 27 (Reuters) - House prices", "LONDON", "Reuters", "House prices"),
        ("ST. PETERSBURG. Nov 27 (Interfax) - The forum", "ST. PETERSBURG", "Interfax", "The forum"),
        ("Москва. 27 ноября. INTERFAX.RU - Минэнерго", "Москва", "INTERFAX.RU", "Минэнерго"),
    ],
)  # fmt: skip
def test_wire_datelines_without_known_names(text, place, agency, rest) -> None:
    found = find_dateline(text)
    assert found is not None
    assert (found.place, found.agency) == (place, agency)
    assert text[found.end :] == rest


def test_colon_style_needs_the_agency_name() -> None:
    found = find_dateline("Bakı. Trend: Prezident İlham Əliyev", ("Trend",))
    assert found is not None and found.place == "Bakı" and found.agency == "Trend"


@pytest.mark.parametrize(
    "text",
    [
        "An international conference entitled “Khojaly Genocide” has been held in Ankara.",
        "The minister said, on February 23, that AZERTAC reported it.",
        "",
        "In 2017, 25 years after the war, the region remained occupied, AZERTAC reports.",
        "On Nov. 27 (Thursday) - the council met again.",
        "The vote, on Nov. 27 (Thursday) - passed easily.",
        "John Smith (Labour) — said the plan would fail.",
        "The plan failed. (AP) — a wire credit after a sentence",
        "He met Mr. (AP) — no place",
    ],
)
def test_ordinary_sentences_are_no_dateline(text) -> None:
    assert find_dateline(text, AZERTAC) is None


def test_abbreviated_place_names() -> None:
    found = find_dateline("ST. PETERSBURG, November 23. /TASS/. The forum opened", ("TASS",))
    assert found is not None and (found.place, found.agency) == ("ST. PETERSBURG", "TASS")
