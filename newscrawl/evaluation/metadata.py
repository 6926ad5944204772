"""Scores of headline, publication date and authors against labelled values.

Definitions (each is a rate over the pages that have an expected value; a
missing prediction counts as wrong):

* headline: equal after whitespace is squashed (case and punctuation count,
  because a record's headline is meant to be the title exactly as shown);
  "headline or alternative" also accepts the record's ``alternativeHeadline``,
  a diagnostic of how often the labelled title is among the two we keep;
* date to the minute: the expected date must carry a UTC offset (fundus gives
  none for a few pages, which then count only for the day); correct when the
  prediction carries the same offset and the same wall time to the minute, so
  a right instant written in the wrong zone is wrong;
* date to the day: the predicted instant converted to the expected date's own
  offset falls on the expected calendar day (a day-only or naive value is
  compared as written);
* authors: micro-averaged precision, recall and F1 of name sets (whitespace
  squashed, case folded) summed over all pages with expected authors. Micro
  rather than macro because it needs no convention for pages where both sides
  are empty, and a page with five authors tells more than a page with one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from newscrawl.extraction.page import squash

_DAY_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def headline_correct(predicted: str | None, expected: str) -> bool:
    """Same title once whitespace is squashed."""
    return bool(predicted) and squash(predicted) == squash(expected)


def parse_when(value: str | None) -> datetime | date | None:
    """An ISO 8601 string as an (aware or naive) datetime, or a date if day-only.

    Accepts the record's ``2024-05-03T18:19:00+02:00``, fundus's
    ``2024-05-03 18:19:08.721370+02:00`` and trafilatura's ``2024-05-03``.
    """
    if not value:
        return None
    value = value.strip()
    try:
        if _DAY_ONLY.match(value):
            return date.fromisoformat(value)
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def date_minute_correct(predicted: str | None, expected: str) -> bool | None:
    """Same UTC offset and wall time to the minute; None if not scorable.

    Not scorable when the expected date has no offset (nothing to check the
    zone against) or cannot be parsed.
    """
    exp = parse_when(expected)
    if not isinstance(exp, datetime) or exp.utcoffset() is None:
        return None
    pred = parse_when(predicted)
    if not isinstance(pred, datetime) or pred.utcoffset() != exp.utcoffset():
        return False
    return _to_minute(pred) == _to_minute(exp)


def date_day_correct(predicted: str | None, expected: str) -> bool | None:
    """Calendar day right, seen in the expected date's own offset; None if not scorable."""
    exp = parse_when(expected)
    if exp is None:
        return None
    pred = parse_when(predicted)
    if pred is None:
        return False
    return _day(pred, exp) == _day(exp, exp)


def _to_minute(when: datetime) -> datetime:
    """Seconds and below dropped."""
    return when.replace(second=0, microsecond=0)


def _day(when: datetime | date, reference: datetime | date) -> date:
    """``when``'s calendar day in ``reference``'s zone when both are aware."""
    if not isinstance(when, datetime):
        return when
    ref_zone = reference.tzinfo if isinstance(reference, datetime) else None
    if when.utcoffset() is not None and ref_zone is not None:
        return when.astimezone(ref_zone).date()
    return when.date()


def author_counts(predicted: Sequence[str] | None, expected: Sequence[str]) -> tuple[int, int, int]:
    """``(tp, fp, fn)`` of normalised name sets on one page."""
    pred = {squash(n).casefold() for n in predicted or () if squash(n)}
    true = {squash(n).casefold() for n in expected if squash(n)}
    tp = len(pred & true)
    return tp, len(pred) - tp, len(true) - tp


@dataclass(frozen=True)
class Rate:
    """Correct pages out of scorable pages."""

    correct: int
    total: int

    @property
    def value(self) -> float | None:
        """The share, or None when no page was scorable."""
        return self.correct / self.total if self.total else None


def rate(outcomes: Iterable[bool | None]) -> Rate:
    """Count the True outcomes among those that are not None."""
    scored = [o for o in outcomes if o is not None]
    return Rate(sum(scored), len(scored))


@dataclass(frozen=True)
class AuthorScore:
    """Micro-averaged author-name scores over a set of pages."""

    tp: int
    fp: int
    fn: int
    pages: int

    @property
    def precision(self) -> float | None:
        """Share of predicted names that were right."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """Share of expected names that were found."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """``2TP / (2TP + FP + FN)``."""
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None


def author_score(counts: Iterable[tuple[int, int, int]]) -> AuthorScore:
    """Sum per-page ``(tp, fp, fn)`` into one micro-averaged score."""
    tp = fp = fn = pages = 0
    for t, f, n in counts:
        tp, fp, fn, pages = tp + t, fp + f, fn + n, pages + 1
    return AuthorScore(tp, fp, fn, pages)
