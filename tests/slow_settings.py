"""The project's settings plus a per-request pause, for crawls a test must interrupt."""

from newscrawl.settings import *  # noqa: F403
from newscrawl.settings import DOWNLOADER_MIDDLEWARES

DOWNLOADER_MIDDLEWARES = {**DOWNLOADER_MIDDLEWARES, "tests.redis_support.SlowDownloads": 940}
