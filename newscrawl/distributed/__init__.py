"""Distributed mode: several workers of one spider share a crawl through Redis.

With ``NEWSCRAWL_REDIS_URL=redis://host:port/db`` (a setting or an
environment variable) the add-on in ``addon.py`` switches Scrapy to
scrapy-redis' scheduler and duplicate filter, and ``state_for`` opens the
crawl state in Redis (``newscrawl.state.redis``). Start the same
``scrapy crawl`` command on as many machines as wanted: they pull requests
from one shared queue, each article page is fetched once, each article is
emitted once, and every worker stops by itself once the queue has stayed
empty for ``NEWSCRAWL_REDIS_IDLE_SECONDS``.

Redis keys (``NEWSCRAWL_REDIS_PREFIX``, default ``newscrawl``):

- ``<prefix>:<spider>:requests``: the shared request queue (a sorted set);
- ``<prefix>:<spider>:dupefilter``: request fingerprints seen in this crawl,
  dropped by the last worker to leave a finished crawl;
- ``<prefix>:<spider>:workers`` and ``<prefix>:workers``: worker heartbeats;
- ``<prefix>:<spider>:popped:<worker>``: the last request a worker took,
  so that a pop retried after a lost reply returns the same request;
- ``<prefix>:state:*``: the crawl state (articles, fingerprints, journal).
"""
