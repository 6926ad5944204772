"""Run extractors over a labelled set and keep every per-page outcome.

Pages are read once and handed to each extractor in turn, so a large set is
never held in memory as HTML. Only the extract call itself is timed, so that
reading and gunzipping the page or scoring it do not blur the comparison.
An extractor that raises on a page is scored as an empty prediction and the
error kept: one bad page must not hide the numbers of the others.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from newscrawl.evaluation import metadata as meta
from newscrawl.evaluation.datasets import Dataset, LabelledPage
from newscrawl.evaluation.extractors import Extraction, Extractor
from newscrawl.evaluation.metric import Aggregate, PageScore, aggregate, score_page


@dataclass(frozen=True)
class PageResult:
    """One extractor on one page: body score, timing, error, metadata outcomes."""

    id: str
    url: str | None
    score: PageScore
    ms: float
    found: Extraction
    truth: Extraction
    error: str | None = None
    headline: bool | None = None
    headline_or_alt: bool | None = None
    date_minute: bool | None = None
    date_day: bool | None = None
    authors: tuple[int, int, int] | None = None

    @property
    def predicted(self) -> str | None:
        """The extracted body."""
        return self.found.body

    @property
    def expected(self) -> str:
        """The labelled body."""
        return self.truth.body or ""


@dataclass(frozen=True)
class MetadataSummary:
    """Metadata scores of one extractor; ``date_minute`` None for day-only dates."""

    headline: meta.Rate
    headline_or_alt: meta.Rate | None
    date_minute: meta.Rate | None
    date_day: meta.Rate
    authors: meta.AuthorScore


@dataclass
class ExtractorResult:
    """All page results of one extractor."""

    extractor: Extractor
    pages: list[PageResult] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The extractor's name, as shown in tables."""
        return self.extractor.name

    @property
    def errors(self) -> int:
        """Pages on which the extractor raised."""
        return sum(p.error is not None for p in self.pages)

    @property
    def median_ms(self) -> float | None:
        """Median time of one extract call, in milliseconds."""
        return statistics.median(p.ms for p in self.pages) if self.pages else None

    def body(self) -> Aggregate:
        """The benchmark's summary of the body scores."""
        return aggregate(p.score for p in self.pages)

    def metadata(self) -> MetadataSummary:
        """Headline, date and author scores over pages that have expected values."""
        minute = meta.rate(p.date_minute for p in self.pages)
        return MetadataSummary(
            headline=meta.rate(p.headline for p in self.pages),
            headline_or_alt=meta.rate(p.headline_or_alt for p in self.pages)
            if self.extractor.alternative_titles
            else None,
            date_minute=minute if self.extractor.dates_to_the_minute else None,
            date_day=meta.rate(p.date_day for p in self.pages),
            authors=meta.author_score(p.authors for p in self.pages if p.authors is not None),
        )


@dataclass
class EvalResult:
    """Body results of each extractor plus the rows of the metadata table."""

    dataset: Dataset
    bodies: list[ExtractorResult]
    metadata: list[ExtractorResult]
    pages: int = 0
    pages_with_metadata: int = 0


Progress = Callable[[int, LabelledPage], None]


def evaluate(
    dataset: Dataset,
    extractors: list[Extractor],
    *,
    metadata_reference: Extractor | None = None,
    limit: int | None = None,
    progress: Progress | None = None,
) -> EvalResult:
    """Score every extractor on every page of ``dataset``.

    ``metadata_reference`` is run only on pages with expected metadata and
    only for the metadata table (its body is not scored).
    """
    bodies = [ExtractorResult(e) for e in extractors]
    reference = ExtractorResult(metadata_reference) if metadata_reference else None
    result = EvalResult(dataset, bodies, [])
    for n, page in enumerate(dataset.pages(limit), start=1):
        if progress:
            progress(n, page)
        result.pages += 1
        for body in bodies:
            body.pages.append(run_page(body.extractor, page))
        if page.has_metadata:
            result.pages_with_metadata += 1
            if reference:
                reference.pages.append(run_page(reference.extractor, page))
    if result.pages_with_metadata:
        rows = [b for b in bodies if b.extractor.metadata]
        result.metadata = rows + ([reference] if reference else [])
    return result


def run_page(extractor: Extractor, page: LabelledPage) -> PageResult:
    """Time one extract call and score what it returned."""
    error = None
    start = time.perf_counter()
    try:
        found = extractor.extract(page.html, page.url)
    except Exception as exc:
        found, error = Extraction(body=None), f"{type(exc).__name__}: {exc}"
    ms = (time.perf_counter() - start) * 1000
    metadata = {}
    if extractor.metadata:
        metadata = score_metadata(found, page, extractor.dates_to_the_minute)
    return PageResult(
        id=page.id,
        url=page.url,
        score=score_page(found.body, page.expected_body),
        ms=ms,
        found=found,
        truth=truth(page),
        error=error,
        **metadata,
    )


def truth(page: LabelledPage) -> Extraction:
    """The page's labels in the shape of an extraction, for side-by-side output."""
    return Extraction(
        body=page.expected_body,
        title=page.expected_title,
        date=page.expected_date,
        authors=page.expected_authors,
    )


def score_metadata(
    found: Extraction, page: LabelledPage, to_the_minute: bool = True
) -> dict[str, object]:
    """Per-page metadata outcomes; None where the page has no expected value.

    A source whose dates are day-only (``to_the_minute`` False) is not scored
    to the minute at all rather than marked wrong on every page.
    """
    scores: dict[str, object] = {}
    if page.expected_title is not None:
        scores["headline"] = meta.headline_correct(found.title, page.expected_title)
        scores["headline_or_alt"] = scores["headline"] or meta.headline_correct(
            found.alt_title, page.expected_title
        )
    if page.expected_date is not None:
        if to_the_minute:
            scores["date_minute"] = meta.date_minute_correct(found.date, page.expected_date)
        scores["date_day"] = meta.date_day_correct(found.date, page.expected_date)
    if page.expected_authors is not None:
        scores["authors"] = meta.author_counts(found.authors, page.expected_authors)
    return scores
