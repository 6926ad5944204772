"""newscrawl: crawl news agency websites into clean JSON Lines articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newscrawl.extraction import extract_article

__all__ = ["extract_article"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """``newscrawl.extract_article`` on first use: the command line and the
    Scrapy project import this package without paying for trafilatura's imports."""
    if name == "extract_article":
        from newscrawl.extraction import extract_article

        return extract_article
    raise AttributeError(f"module 'newscrawl' has no attribute {name!r}")
