"""Work that leaves the reactor thread: page extraction in a pool of worker processes."""

from newscrawl.workers.pool import ExtractionFailed, ExtractionPool, pool_for

__all__ = ["ExtractionFailed", "ExtractionPool", "pool_for"]
