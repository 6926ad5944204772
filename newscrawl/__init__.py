"""newscrawl: crawl news agency websites into clean JSON Lines articles."""

from newscrawl.extraction import extract_article

__all__ = ["extract_article"]
__version__ = "0.1.0"
