"""Cleaning: pure functions from HTML to article text and metadata."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newscrawl.extraction.article import content_hash, explain_article, extract_article

__all__ = ["content_hash", "explain_article", "extract_article"]


def __getattr__(name: str) -> Any:
    """The article functions on first use, so importing a light module of this
    package (``page.squash``, ``dates``) does not import trafilatura."""
    if name in __all__:
        return getattr(importlib.import_module("newscrawl.extraction.article"), name)
    raise AttributeError(f"module 'newscrawl.extraction' has no attribute {name!r}")
