"""Cleaning: pure functions from HTML to article text and metadata."""

from newscrawl.extraction.article import content_hash, extract_article

__all__ = ["content_hash", "extract_article"]
