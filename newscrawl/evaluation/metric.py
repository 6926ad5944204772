"""The article-body metric of the article-extraction-benchmark, exactly.

Published results for 30+ extractors (trafilatura, readability, newspaper,
AutoExtract...) use this metric on the same pages, so our numbers are only
comparable with theirs if it is reproduced to the letter, including its
quirks (see ``shared/datasets/README.md``):

* tokens are ``re.findall(r"\\w+", text)``: case kept, punctuation dropped;
* shingles are 4-grams of tokens at every ``i in range(max(1, n - 3))``,
  counted as a multiset. A text of 1-3 tokens therefore has one (shorter)
  shingle, an empty text has none;
* per page: ``tp`` = shared shingles (min of both counts), ``fp`` = surplus
  predicted, ``fn`` = surplus expected;
* precision = mean page precision over pages with a non-empty prediction,
  recall = mean page recall over all pages, F1 = harmonic mean of those two
  means (not the mean of page F1s), accuracy = share of pages whose token
  list equals the truth's.

Two cases the benchmark never meets are given a convention here: a page whose
truth has no tokens has recall 1 (nothing was missed), and a run where no page
has a prediction has precision (and so F1) ``None``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+")

Shingle = tuple[str, ...]


def tokens(text: str | None) -> list[str]:
    """The benchmark's tokens: runs of word characters, nothing normalised."""
    return _TOKEN.findall(text) if text else []


def shingles(toks: Sequence[str], size: int = SHINGLE_SIZE) -> Counter[Shingle]:
    """Multiset of ``size``-grams; a short non-empty text is one shingle.

    ``range(max(1, n - size + 1))`` is the benchmark's own loop: it keeps a
    text of fewer than ``size`` tokens from scoring nothing at all.
    """
    if not toks:
        return Counter()
    return Counter(tuple(toks[i : i + size]) for i in range(max(1, len(toks) - size + 1)))


@dataclass(frozen=True)
class PageScore:
    """Shingle counts of one page, from which every per-page number follows."""

    tp: int
    fp: int
    fn: int
    exact: bool
    """The predicted token list equals the truth's."""

    @property
    def empty(self) -> bool:
        """No predicted shingle: the page is left out of precision."""
        return self.tp + self.fp == 0

    @property
    def precision(self) -> float | None:
        """``tp / (tp + fp)``, or None for an empty prediction."""
        return None if self.empty else self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        """``tp / (tp + fn)``; 1.0 when the truth has nothing to recall."""
        return 1.0 if self.tp + self.fn == 0 else self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        """Page F1, used to rank pages (an empty prediction scores 0)."""
        return harmonic(self.precision or 0.0, self.recall)


def score_page(predicted: str | None, expected: str | None) -> PageScore:
    """Compare one predicted body with its truth."""
    pred_toks, true_toks = tokens(predicted), tokens(expected)
    pred, true = shingles(pred_toks), shingles(true_toks)
    tp = sum((pred & true).values())
    return PageScore(
        tp=tp,
        fp=pred.total() - tp,
        fn=true.total() - tp,
        exact=pred_toks == true_toks,
    )


@dataclass(frozen=True)
class Aggregate:
    """The benchmark's summary numbers for one extractor over one data set."""

    precision: float | None
    recall: float
    f1: float | None
    accuracy: float
    empty: int
    pages: int


def aggregate(scores: Iterable[PageScore]) -> Aggregate:
    """Combine page scores the benchmark's way (F1 of the means)."""
    scores = list(scores)
    if not scores:
        return Aggregate(None, 0.0, None, 0.0, 0, 0)
    precisions = [s.precision for s in scores if s.precision is not None]
    precision = mean(precisions) if precisions else None
    recall = mean([s.recall for s in scores])
    return Aggregate(
        precision=precision,
        recall=recall,
        f1=None if precision is None else harmonic(precision, recall),
        accuracy=sum(s.exact for s in scores) / len(scores),
        empty=len(scores) - len(precisions),
        pages=len(scores),
    )


def mean(values: Sequence[float]) -> float:
    """Arithmetic mean of a non-empty sequence."""
    return sum(values) / len(values)


def harmonic(p: float, r: float) -> float:
    """``2PR / (P + R)``, 0 when both are 0."""
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)
