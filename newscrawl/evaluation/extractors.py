"""The extractors ``newscrawl eval`` can score, behind one calling convention.

Each takes the page bytes and its URL (or None) and returns an
``Extraction``. The trafilatura variants are the reference points of the
published benchmark figures, called exactly as those figures were measured.
Imports happen when an extractor is built, not per page, so a broken install
fails once and loudly instead of showing up as every page being empty.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Extraction:
    """What one extractor found on one page; None where it found nothing."""

    body: str | None
    title: str | None = None
    date: str | None = None
    authors: tuple[str, ...] | None = None
    alt_title: str | None = None  # a second title the extractor keeps (newscrawl's alternative)
    removed: tuple[tuple[str, str], ...] = ()  # (rule, line) newscrawl's cleaner took out


ExtractFn = Callable[[bytes, "str | None"], Extraction]


@dataclass(frozen=True)
class Extractor:
    """A named extractor; ``metadata`` says whether its title/date/authors count."""

    name: str
    extract: ExtractFn
    metadata: bool = False
    dates_to_the_minute: bool = True
    alternative_titles: bool = False  # keeps a second title, scored as "headline or alt."


def newscrawl_extractor() -> Extractor:
    """Our ``extract_article``: body and metadata from one call."""
    from newscrawl.extraction import explain_article

    def extract(html: bytes, url: str | None) -> Extraction:
        found, removed = explain_article(html, url=url)
        record = found or {}
        authors = record.get("authors")
        return Extraction(
            body=record.get("articleBody"),
            title=record.get("headline"),
            alt_title=record.get("alternativeHeadline"),
            date=record.get("datePublished"),
            authors=None if authors is None else tuple(a.get("name", "") for a in authors),
            removed=tuple(removed),
        )

    return Extractor("newscrawl", extract, metadata=True, alternative_titles=True)


def trafilatura_extractor(favor_precision: bool = False) -> Extractor:
    """``trafilatura.extract`` without comments, as in the published figures."""
    import trafilatura

    def extract(html: bytes, url: str | None) -> Extraction:
        return Extraction(
            body=trafilatura.extract(
                html, url=url, include_comments=False, favor_precision=favor_precision
            )
        )

    name = "trafilatura-precision" if favor_precision else "trafilatura"
    return Extractor(name, extract)


def trafilatura_metadata() -> Extractor:
    """``bare_extraction`` metadata: the reference column of the metadata table.

    Its date is a day-only string and its authors one ``"; "``-separated string.
    """
    import trafilatura

    def extract(html: bytes, url: str | None) -> Extraction:
        found = trafilatura.bare_extraction(html, url=url, with_metadata=True)
        doc = found.as_dict() if found is not None else {}
        author = doc.get("author")
        return Extraction(
            body=doc.get("text"),
            title=doc.get("title"),
            date=doc.get("date"),
            authors=None if not author else tuple(a.strip() for a in author.split(";")),
        )

    return Extractor("trafilatura", extract, metadata=True, dates_to_the_minute=False)


BUILDERS: dict[str, Callable[[], Extractor]] = {
    "newscrawl": newscrawl_extractor,
    "trafilatura": trafilatura_extractor,
    "trafilatura-precision": lambda: trafilatura_extractor(favor_precision=True),
}
"""Body extractors by the name ``--extractor`` takes, in table order."""


def build(names: list[str]) -> list[Extractor]:
    """The named body extractors, ready to call."""
    return [BUILDERS[name]() for name in names]
