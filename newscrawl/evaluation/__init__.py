"""Measuring extraction quality on labelled pages (``newscrawl eval``).

``metric`` is the article-extraction-benchmark's body metric, ``metadata``
the headline/date/author scores, ``datasets`` the readers of labelled sets,
``extractors`` the extractors compared, ``runner`` the loop and ``report``
the tables and JSON.
"""

from newscrawl.evaluation.datasets import DatasetError, LabelledPage, load_dataset
from newscrawl.evaluation.metric import aggregate, score_page
from newscrawl.evaluation.runner import evaluate

__all__ = ["DatasetError", "LabelledPage", "aggregate", "evaluate", "load_dataset", "score_page"]
