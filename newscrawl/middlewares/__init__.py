"""Downloader middlewares of the engine (politeness, retries)."""
