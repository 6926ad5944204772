"""Storage side: validate, de-duplicate, record rejects, write JSON Lines.

Order in ``ITEM_PIPELINES``: validation (turns bad articles into rejects),
duplicates (drops repeats of a canonical URL), rejects (writes and drops
``Reject`` items), storage (appends articles to the output file).
"""

from newscrawl.pipelines.dedup import DuplicatesPipeline
from newscrawl.pipelines.rejects import RejectsPipeline
from newscrawl.pipelines.storage import JsonLinesStoragePipeline
from newscrawl.pipelines.validate import ValidationPipeline

__all__ = [
    "DuplicatesPipeline",
    "JsonLinesStoragePipeline",
    "RejectsPipeline",
    "ValidationPipeline",
]
