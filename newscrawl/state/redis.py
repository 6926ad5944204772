"""Crawl state in Redis, shared by every worker of a distributed crawl.

The same methods as ``SQLiteState``, over these keys (``<p>`` is
``<prefix>:state:``):

- ``<p>articles``: a hash, canonical URL -> the ``Seen`` entry as JSON;
- ``<p>contents``: a hash, content id -> fingerprint entry as JSON, with
  ``<p>contents:order`` (a sorted set of ids, oldest first) capping it at
  ``max_contents`` entries; ``<p>hash:<content hash>`` (ids with that exact
  text) and ``<p>band:<n>`` (ids whose SimHash has the tagged 16-bit band
  ``n``, as in ``sqlite.py``) index it;
- ``<p>journal``: a hash, canonical URL -> the record being emitted, with
  the worker that claimed it. A claim is what keeps two workers from both
  emitting revision 1 of one article: it is taken atomically (Lua) and
  refused while another live worker holds the article;
- ``<p>version``: the schema version, refused when newer than this code's.

Every multi-key change is one Lua script, so a Redis restart (with
``appendonly yes``) leaves either all of it or none of it.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import redis
from scrapy.crawler import Crawler

from newscrawl.distributed.connection import connect, prefix, redact
from newscrawl.distributed.worker import NOW, Worker, worker_for
from newscrawl.state.base import Seen
from newscrawl.state.fingerprints import NEAR_BITS, bands

SCHEMA_VERSION = 1

# Lua helpers shared by the scripts below. ARGV[1] is always the state prefix.
PRELUDE = (
    NOW
    + """
local S = ARGV[1]
local function alive(worker, timeout)
  local beat = redis.call('ZSCORE', KEYS[1], worker)
  return beat and tonumber(beat) >= now - timeout
end
local function put(key, seen)
  local old = redis.call('HGET', S .. 'articles', key)
  if old then
    local entry = cjson.decode(seen)
    entry.first_seen = cjson.decode(old).first_seen
    seen = cjson.encode(entry)
  end
  redis.call('HSET', S .. 'articles', key, seen)
end
local function bands_at(i) return {ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]} end
local function add_content(max, hash, fp, key, url, b)
  local id = redis.call('INCR', S .. 'contents:seq')
  local entry = cjson.encode({h = hash, f = fp, k = key, u = url, b = b})
  redis.call('HSET', S .. 'contents', id, entry)
  redis.call('ZADD', S .. 'contents:order', id, id)
  redis.call('ZADD', S .. 'hash:' .. hash, id, id)
  for _, band in ipairs(b) do redis.call('SADD', S .. 'band:' .. band, id) end
  local over = redis.call('ZCARD', S .. 'contents:order') - max
  if over <= 0 then return 0 end
  for _, old in ipairs(redis.call('ZRANGE', S .. 'contents:order', 0, over - 1)) do
    local raw = redis.call('HGET', S .. 'contents', old)
    if raw then
      local e = cjson.decode(raw)
      redis.call('ZREM', S .. 'hash:' .. e.h, old)
      for _, band in ipairs(e.b) do redis.call('SREM', S .. 'band:' .. band, old) end
      redis.call('HDEL', S .. 'contents', old)
    end
  end
  redis.call('ZREMRANGEBYRANK', S .. 'contents:order', 0, over - 1)
  return over
end
"""
)

# KEYS[1] is always the workers' heartbeat set (for ``alive``).
PUT = PRELUDE + "put(ARGV[2], ARGV[3]) return 1"
# ARGV: S, max, hash, fingerprint, key, url, band, band, band, band
ADD_CONTENT = (
    PRELUDE
    + "return add_content(tonumber(ARGV[2]), ARGV[3], ARGV[4], ARGV[5], ARGV[6], bands_at(7))"
)
# ARGV: S, key, seen, with fingerprint ('1'/'0'), max, hash, fingerprint, url, 4 bands
COMMIT = (
    PRELUDE
    + """
put(ARGV[2], ARGV[3])
if ARGV[4] == '1' then
  add_content(tonumber(ARGV[5]), ARGV[6], ARGV[7], ARGV[2], ARGV[8], bands_at(9))
end
redis.call('HDEL', S .. 'journal', ARGV[2])
return 1
"""
)
# ARGV: S, key, entry (JSON), worker, timeout. 1 = the article is ours to decide.
CLAIM = (
    PRELUDE
    + """
local raw = redis.call('HGET', S .. 'journal', ARGV[2])
if raw then
  local e = cjson.decode(raw)
  if e.worker ~= ARGV[4] then
    if alive(e.worker, tonumber(ARGV[5])) then return 0 end
    if e.output ~= '' then return 0 end
  end
end
redis.call('HSET', S .. 'journal', ARGV[2], ARGV[3])
return 1
"""
)
# ARGV: S, key, worker, timeout. Only our own entry, or a dead worker's, is dropped.
SETTLE = (
    PRELUDE
    + """
local raw = redis.call('HGET', S .. 'journal', ARGV[2])
if not raw then return 0 end
local owner = cjson.decode(raw).worker
if owner == ARGV[3] or not alive(owner, tonumber(ARGV[4])) then
  redis.call('HDEL', S .. 'journal', ARGV[2])
  return 1
end
return 0
"""
)


class RedisState:
    """A ``CrawlState`` in Redis, safe for several workers at once."""

    def __init__(self, client: redis.Redis, worker: Worker, max_contents: int = 1_000_000) -> None:
        self.client = client
        self.worker = worker
        self.max_contents = max_contents
        self.prefix = f"{worker.prefix}:state:"
        self.path = f"Redis ({self.prefix}*)"  # what the log names as the state's location
        self._scripts = {
            name: client.register_script(source)
            for name, source in {
                "put": PUT,
                "add_content": ADD_CONTENT,
                "commit": COMMIT,
                "claim": CLAIM,
                "settle": SETTLE,
            }.items()
        }
        self.check_version()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisState:
        """The state of a distributed crawl, for ``state_for``."""
        settings = crawler.settings
        state = cls(
            connect(settings),
            worker_for(crawler),
            settings.getint("NEWSCRAWL_STATE_MAX_CONTENTS", 1_000_000),
        )
        state.path = f"{redact(settings.get('NEWSCRAWL_REDIS_URL'))} ({prefix(settings)}:state:*)"
        return state

    def _run(self, script: str, *args: object) -> int:
        """Run one of the Lua scripts (KEYS[1] = the workers' heartbeats)."""
        keys = [self.worker.all_key]
        return self._scripts[script](keys=keys, args=[self.prefix, *args])

    # -- schema ---------------------------------------------------------------

    @property
    def version(self) -> int:
        return int(self.client.get(self.prefix + "version") or 0)

    def check_version(self) -> None:
        """Refuse a state written by a newer newscrawl; stamp a new one."""
        self.client.set(self.prefix + "version", SCHEMA_VERSION, nx=True)
        if self.version > SCHEMA_VERSION:
            raise RuntimeError(
                f"the Redis crawl state {self.prefix}* was written by a newer newscrawl "
                f"(schema {self.version} > {SCHEMA_VERSION}); upgrade newscrawl or change "
                "NEWSCRAWL_REDIS_PREFIX"
            )

    # -- articles ---------------------------------------------------------------

    def get(self, key: str) -> Seen | None:
        raw = self.client.hget(self.prefix + "articles", key)
        return Seen(**json.loads(raw)) if raw else None

    def put(self, seen: Seen) -> None:
        self._run("put", seen.key, json.dumps(asdict(seen)))

    def count(self) -> int:
        return self.client.hlen(self.prefix + "articles")

    # -- content fingerprints -------------------------------------------------------

    def find_content(self, content_hash: str, fingerprint: int, key: str) -> str | None:
        exact = self.client.zrange(self.prefix + "hash:" + content_hash, 0, -1)
        for entry in self._contents(exact):
            if entry["k"] != key:
                return entry["u"]
        band_keys = [f"{self.prefix}band:{band}" for band in bands(fingerprint)]
        near = sorted(self.client.sunion(band_keys), key=int)
        for entry in self._contents(near):
            distance = (int(entry["f"]) ^ fingerprint).bit_count()
            if entry["k"] != key and distance <= NEAR_BITS:
                return entry["u"]
        return None

    def _contents(self, ids: list[str]) -> list[dict]:
        """Fingerprint entries by id, oldest first (ids pruned meanwhile are skipped)."""
        if not ids:
            return []
        raws = self.client.hmget(self.prefix + "contents", ids)
        return [json.loads(raw) for raw in raws if raw]

    def add_content(self, content_hash: str, fingerprint: int, key: str, url: str) -> None:
        self._run(
            "add_content", self.max_contents, content_hash, str(fingerprint), key, url,
            *bands(fingerprint),
        )  # fmt: skip

    def prune(self) -> int:
        """Nothing to do: ``add_content`` keeps the store within ``max_contents``."""
        return 0

    # -- claims and journal: decided, maybe written ----------------------------------------

    def claim(self, key: str, content_hash: str) -> bool:
        """Take the article ``key``: False while another live worker holds it.

        A dead worker's claim is taken over, unless it had already handed its
        record to storage (then only its own machine can tell whether the
        record was written: see ``journaled``).
        """
        entry = self._entry(key, "", 0, content_hash, "")
        return bool(self._run("claim", key, entry, self.worker.id, self.worker.timeout))

    def journal(self, key: str, url: str, revision: int, content_hash: str, output: str) -> None:
        output = str(Path(output).resolve()) if output else ""
        entry = self._entry(key, url, revision, content_hash, output)
        self.client.hset(self.prefix + "journal", key, entry)

    def _entry(self, key: str, url: str, revision: int, content_hash: str, output: str) -> str:
        return json.dumps(
            {
                "url": url, "revision": revision, "content_hash": content_hash, "output": output,
                "worker": self.worker.id, "host": self.worker.host,
            }
        )  # fmt: skip

    def journaled(self) -> list[tuple[str, str, int, str, str]]:
        """Entries left by dead workers that this worker can settle.

        Those with an output file only on the machine that wrote it (the
        file is read to tell whether the record made it); claims that never
        reached storage from anywhere.
        """
        raws = self.client.hgetall(self.prefix + "journal")
        if not raws:
            return []
        since = self.worker.alive_since()
        alive = set(self.client.zrangebyscore(self.worker.all_key, since, "+inf"))
        found = []
        for key, raw in raws.items():
            e = json.loads(raw)
            mine = e["host"] == self.worker.host or not e["output"]
            if e["worker"] not in alive and e["worker"] != self.worker.id and mine:
                found.append((key, e["url"], e["revision"], e["content_hash"], e["output"]))
        return found

    def settle(self, key: str) -> None:
        self._run("settle", key, self.worker.id, self.worker.timeout)

    def commit_emitted(self, seen: Seen, fingerprint: int | None) -> None:
        """Remember an emitted record and its fingerprints, release its claim: one script."""
        with_fp = fingerprint is not None
        fp = fingerprint or 0
        self._run(
            "commit", seen.key, json.dumps(asdict(seen)), "1" if with_fp else "0",
            self.max_contents, seen.content_hash, str(fp), seen.url, *bands(fp),
        )  # fmt: skip

    def close(self) -> None:
        self.client.close()
