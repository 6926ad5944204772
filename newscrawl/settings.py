"""Scrapy settings of the newscrawl project.

Every ``NEWSCRAWL_*`` setting can be given with ``-s NAME=value``; those
marked (env) may also come from an environment variable of the same name.
"""

from __future__ import annotations

import os

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"

# Politeness: identify ourselves, obey robots.txt, adapt to the server.
USER_AGENT = "newscrawl/0.1 (+https://github.com/newscrawl/newscrawl; news research crawler)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024

# Retries: anti-bot walls (403) and overload (429, 5xx) are retried with back-off.
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_GIVE_UP_LOG_LEVEL = "WARNING"
RETRY_HTTP_CODES = [403, 408, 429, 500, 502, 503, 504, 520, 521, 522, 524]
NEWSCRAWL_BACKOFF_BASE = 2.0
NEWSCRAWL_BACKOFF_MAX = 60.0
NEWSCRAWL_HONOUR_CRAWL_DELAY = True  # robots.txt Crawl-delay raises the host's delay
NEWSCRAWL_MAX_CRAWL_DELAY = 60.0
# Safety (env): links to loopback/private addresses are refused unless this is set
# (tests, a crawler pointed at a local server); other schemes than http(s) always are.
NEWSCRAWL_ALLOW_PRIVATE = os.environ.get("NEWSCRAWL_ALLOW_PRIVATE", "") not in ("", "0")

DOWNLOADER_MIDDLEWARES = {
    "newscrawl.middlewares.safety.SafetyMiddleware": 50,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newscrawl.middlewares.retry.BackoffRetryMiddleware": 550,
    "newscrawl.middlewares.crawldelay.CrawlDelayMiddleware": 560,
    "newscrawl.middlewares.redirects.OffsiteRedirectMiddleware": 610,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "newscrawl.middlewares.metarefresh.MetaRefreshMiddleware": 580,
    "newscrawl.replay.middleware.RecordMiddleware": 580,
    "newscrawl.replay.middleware.ReplayMiddleware": 950,
}

EXTENSIONS = {
    "newscrawl.extensions.malloc.FixedMmapThreshold": 0,
    "newscrawl.extensions.summary.CrawlSummary": 500,
    "newscrawl.extensions.health.SiteHealth": 510,
    "newscrawl.workers.pool.ExtractionPool": 400,
}

# Site health (newscrawl/extensions/health.py): an ERROR when a finished crawl read index
# pages but found no article link, or when at least this share of at least this many
# article pages were rejects (a redesign or a block).
NEWSCRAWL_HEALTH_ENABLED = True
COMMANDS_MODULE = "newscrawl.scrapy_commands"  # `scrapy crawl` exits 1 on a health alarm
NEWSCRAWL_HEALTH_MIN_ARTICLES = 5
NEWSCRAWL_HEALTH_MAX_REJECT_SHARE = 0.5

# glibc's mmap threshold held at 128 KiB, so page bodies do not pile up in the heap on long
# crawls (newscrawl/extensions/malloc.py); 0 = glibc's sliding threshold.
NEWSCRAWL_MALLOC_MMAP_THRESHOLD = 128 * 1024

# Extraction in worker processes (newscrawl/workers/pool.py) (env): None = one per core,
# 0 = inline in the reactor thread. Pages wait in the reactor beyond IN_FLIGHT (None =
# 2 per worker), where SCRAPER_SLOT_MAX_ACTIVE_SIZE holds the downloader back.
NEWSCRAWL_EXTRACT_WORKERS = os.environ.get("NEWSCRAWL_EXTRACT_WORKERS") or None
NEWSCRAWL_EXTRACT_IN_FLIGHT = None
NEWSCRAWL_EXTRACT_FUNCTION = "newscrawl.extraction.extract_article"
NEWSCRAWL_EXTRACT_START_METHOD = "forkserver"
# Scrapy runs the output of each response through this many asyncio tasks at once (100 by
# default), each started and ended for every response: an article page yields one record,
# the pipelines are synchronous and scheduling a request never waits, so a second task
# never has anything to overlap with and only costs the reactor thread (~0.4 ms a response
# at 16, ~2 ms at 100). Responses are still processed concurrently with each other.
CONCURRENT_ITEMS = 1
# Sitemaps yield their article requests no faster than the queue drains below this:
# memory stays flat however many URLs a site lists (newscrawl/spiders/base.py, paced).
NEWSCRAWL_MAX_QUEUED = 2000

ITEM_PIPELINES = {
    "newscrawl.pipelines.ValidationPipeline": 100,
    "newscrawl.pipelines.DuplicatesPipeline": 200,
    "newscrawl.pipelines.state.StatePipeline": 250,
    "newscrawl.pipelines.RejectsPipeline": 300,
    "newscrawl.pipelines.JsonLinesStoragePipeline": 900,
    "newscrawl.pipelines.state.StateCommitPipeline": 950,
}

# Output. NEWSCRAWL_OUTPUT is a FEEDS-style template; with -o/-O and no explicit
# NEWSCRAWL_OUTPUT, Scrapy's feed exports write the articles instead.
NEWSCRAWL_OUTPUT = "%(name)s.jsonl"
NEWSCRAWL_REJECTS = "%(name)s.rejects.jsonl"
NEWSCRAWL_FSYNC = False

# Crawl state (env): what earlier runs emitted, so each run emits only new or changed
# articles. "default" = $XDG_DATA_HOME/newscrawl/state.sqlite3; empty = no state.
NEWSCRAWL_STATE = os.environ.get("NEWSCRAWL_STATE", "default")
NEWSCRAWL_STATE_MAX_CONTENTS = 1_000_000  # text fingerprints kept for duplicate detection
NEWSCRAWL_FULL = False  # True (or -a full=1): emit everything once, ignoring the state
FEED_EXPORT_ENCODING = "utf-8"

# Distributed mode (env): with a Redis URL, the scheduler queue, the request duplicate
# filter and the crawl state live in Redis, and N workers of one spider share the crawl
# (newscrawl/distributed/). The add-on applies scrapy-redis' settings only when it is set.
NEWSCRAWL_REDIS_URL = os.environ.get("NEWSCRAWL_REDIS_URL") or None
NEWSCRAWL_REDIS_PREFIX = "newscrawl"  # namespace of every key: several deployments, one server
NEWSCRAWL_REDIS_IDLE_SECONDS = 10.0  # a worker stops once the shared queue is empty this long
NEWSCRAWL_REDIS_RETRY_SECONDS = 60.0  # how long each Redis command is retried on a lost server
NEWSCRAWL_REDIS_WORKER_TIMEOUT = 60.0  # a worker without a heartbeat this long is dead
ADDONS = {"newscrawl.distributed.addon.RedisAddon": 0}

# Replay (env): answer every request from a fixture folder; record (env): save live responses.
NEWSCRAWL_REPLAY = os.environ.get("NEWSCRAWL_REPLAY") or None
NEWSCRAWL_RECORD = os.environ.get("NEWSCRAWL_RECORD") or None

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = os.environ.get("NEWSCRAWL_LOG_LEVEL", "INFO")
# Scrapy's "Crawled"/"Scraped from" DEBUG lines are not built unless LOG_LEVEL is DEBUG.
LOG_FORMATTER = "newscrawl.extensions.quietlog.QuietLogFormatter"
TELNETCONSOLE_ENABLED = False
