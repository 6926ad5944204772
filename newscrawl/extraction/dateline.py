"""Datelines: the "Ankara, February 23, AZERTAC" that opens an agency story.

``find_dateline`` recognises the shapes agencies use, in any script:

- comma style:  "Ankara, February 23, AZERTAC", "Bakı, 27 sentyabr, Rabil Kətanov, AZƏRTAC",
  "باكو، 1 مارس، أذرتاج"
- slash style:  "MOSCOW, September 23. /TASS/."
- bracket style: "LONDON (AA) –", "TROMSOE, Norway (AP) —", and with a date:
  "BEIJING, Nov. 27 (Xinhua) --", "MOSCOW. Nov 27 (Interfax) -"
- colon style:  "Bakı. Trend:"
- dash style:   "ASTANA. KAZINFORM -", "Москва. 27 ноября. INTERFAX.RU -"

Known agency names (from the profiles) make the match exact; without them an
all-capitals word stands in for the agency, so unknown wires still parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_CAPS = "A-ZÀ-ÖØ-ÞƏİĞŞÇÜÖА-ЯЁ"
_GENERIC_AGENCY = rf"[{_CAPS}][{_CAPS}0-9&.\-]{{1,15}}(?:[ -][{_CAPS}]{{2,15}}){{0,2}}"
_SEP = r"\s*[,،，]\s*"


@dataclass(frozen=True)
class Dateline:
    """The parts of a dateline as written; ``end`` is where the story text starts."""

    place: str
    date_text: str | None
    agency: str
    author: str | None
    end: int


@cache
def _patterns(agencies: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """Compile the dateline shapes for a set of agency names."""
    names = sorted({re.escape(a) for a in agencies if a}, key=len, reverse=True)
    agency = "|".join(names) if names else _GENERIC_AGENCY
    place = r"(?:[^\W\d_]{1,3}\.\s+)?[^\W\d_][^,،，.\n()/:]{0,40}?"  # "ST. PETERSBURG" too
    day_month = r"[^,،，\n]{0,20}\d[^,،，\n]{0,20}?"
    # after a place in capitals and a date, a wire in brackets may be "(Xinhua)", "(Reuters)"
    named = rf"{agency}|[{_CAPS}][a-zà-ÿ]+(?:-[{_CAPS}][a-zà-ÿ]+)?"
    caps = rf"(?:[{_CAPS}]{{1,3}}\.\s+)?[{_CAPS}][{_CAPS} '’\-]{{1,40}}?"  # "ST. PETERSBURG"
    return tuple(
        re.compile(p, re.UNICODE)
        for p in (
            # Ankara, February 23, [Correspondent,] AZERTAC
            rf"^(?P<place>{place}){_SEP}(?P<date>{day_month}){_SEP}"
            rf"(?:(?P<author>[^,،，\n\d]{{3,60}}?){_SEP})?(?P<agency>{agency})\b\.?\s*(?:[-–—:]\s*)?",
            # MOSCOW, September 23. /TASS/.
            rf"^(?P<place>{place}),\s*(?P<date>{day_month})\.\s*/(?P<agency>{agency})/\.?\s*",
            # BEIJING, Nov. 27 (Xinhua) --   /   SAO PAULO, Brazil, Nov. 26 (Reuters) -
            rf"^(?P<place>{caps}(?:,\s*[^\W\d_][^,()\n]{{0,30}}?)?),\s*(?P<date>{day_month})"
            rf"\s*\((?P<agency>{named})\)\s*[-–—]+\s*",
            # MOSCOW. Nov 27 (Interfax) -
            rf"^(?P<place>{caps})\.\s*(?P<date>{day_month})\s*\((?P<agency>{named})\)\s*[-–—]+\s*",
            # LONDON (AA) –   /   TROMSOE, Norway (AP) —
            rf"^(?P<place>[^\W\d_][^()\n]{{0,50}}?)\s*\((?P<agency>{agency})\)\s*[-–—]+\s*",
            # Bakı. Trend:
            rf"^(?P<place>{place})\.\s*(?P<agency>{agency})\s*:\s*",
            # Москва. 27 ноября. INTERFAX.RU -
            rf"^(?P<place>{place})\.\s*(?P<date>{day_month})\.\s*(?P<agency>{agency})\s*[-–—]+\s*",
            # ASTANA. KAZINFORM -
            rf"^(?P<place>{place})\.\s*(?P<agency>{agency})\s*[-–—]+\s*",
        )
    )


def find_dateline(
    text: str | None, agencies: tuple[str, ...] = (), extra: tuple[str, ...] = ()
) -> Dateline | None:
    """The dateline opening ``text`` (a story's first paragraph), or None.

    ``extra`` are an agency's own patterns (named groups ``place``, ``agency``
    and optionally ``date`` and ``author``), tried before the generic shapes.
    """
    if not text:
        return None
    head = text.strip()[:200]
    for pattern in (*_extra(tuple(extra)), *_patterns(tuple(agencies))):
        m = pattern.match(head)
        if m and _plausible(m):
            groups = m.groupdict()
            return Dateline(
                place=groups["place"].strip(),
                date_text=(groups.get("date") or "").strip() or None,
                agency=groups["agency"].strip(),
                author=(groups.get("author") or "").strip() or None,
                end=m.end(),
            )
    return None


_DAY = re.compile(r"(?<!\d)\d{1,2}(?!\d)")
# a state or region abbreviated after the city: "BILLINGS, Mont.", "ALBANY, N.Y."
_ABBREVIATED = re.compile(r",\s*[A-Z][a-z]{0,4}\.(?:\s?[A-Z]\.)*$")


@cache
def _extra(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.UNICODE) for p in patterns)


def _plausible(m: re.Match[str]) -> bool:
    """Reject matches that are a sentence rather than place, date and byline."""
    groups = m.groupdict()
    place = groups["place"].strip()
    sentence_end = place.endswith(":") or (place.endswith(".") and not _ABBREVIATED.search(place))
    if not 0 < len(place.split()) <= 5 or sentence_end or _has_digit(place):
        return False
    date = groups.get("date")
    if date is not None and (len(date.split()) > 3 or not _DAY.search(date)):
        return False
    author = groups.get("author")
    return author is None or len(author.split()) <= 4


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)
