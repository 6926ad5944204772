"""Summaries of crawl output: numbers (``stats``), text tables (``text``), a page (``html``)."""
