"""Scrapy extensions of newscrawl (crawl-wide bookkeeping)."""
