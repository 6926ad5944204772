"""Distributed mode: N workers, one real redis-server, each article emitted once.

The crawls are real ``scrapy crawl azertac -a lang=all`` processes in replay
mode, against a ``redis-server`` started on a free loopback port with its
append-only file in a temporary folder (see ``redis_support``).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

redis = pytest.importorskip("redis", reason="distributed mode needs the 'distributed' extra")
pytest.importorskip("scrapy_redis", reason="distributed mode needs the 'distributed' extra")

from newscrawl.distributed.scheduler import POP  # noqa: E402
from newscrawl.distributed.worker import Worker  # noqa: E402
from newscrawl.state.base import Seen  # noqa: E402
from newscrawl.state.fingerprints import simhash  # noqa: E402
from newscrawl.state.redis import RedisState  # noqa: E402
from tests.conftest import FIXTURES, GOLDEN, ROOT, CrawlResult, read_jsonl, run_crawl  # noqa: E402
from tests.redis_support import RedisServer, find_redis_server  # noqa: E402

IDLE_SECONDS = "1"  # workers stop at the engine's next idle check (every 5 s) after this


@pytest.fixture(scope="session")
def redis_binary() -> str:
    return find_redis_server()


@pytest.fixture
def server(redis_binary: str, tmp_path: Path) -> Iterator[RedisServer]:
    """A fresh redis-server (appendonly, appendfsync always) for one test."""
    srv = RedisServer(redis_binary, tmp_path / "redis")
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def single(tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    """The same crawl on one machine, without Redis: what the workers must do together."""
    result = run_crawl(tmp_path_factory.mktemp("single"), "-a", "lang=all")
    assert result.returncode == 0, result.log[-3000:]
    return result


@pytest.fixture(scope="module")
def clean_urls(single: CrawlResult) -> set[str]:
    """The URLs a single-machine crawl emits."""
    urls = [r["url"] for r in single.records]
    assert len(urls) == len(set(urls)) > 10
    return set(urls)


@dataclass
class Worker_:
    """One ``scrapy crawl`` worker process and its folder."""

    folder: Path
    proc: subprocess.Popen

    def wait(self, timeout: float) -> int:
        return self.proc.wait(timeout=timeout)

    @property
    def records(self) -> list[dict]:
        return read_jsonl(self.folder / "articles.jsonl")

    @property
    def stats(self) -> dict:
        path = self.folder / "stats.json"
        return json.loads(path.read_text()) if path.exists() else {}

    @property
    def log(self) -> str:
        return (self.folder / "crawl.log").read_text("utf-8", "replace")


def start_worker(folder: Path, url: str, delay: float, *args: str) -> Worker_:
    """Start ``scrapy crawl azertac -a lang=all`` against ``url``, each request ``delay`` s slow."""
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "tests.slow_settings"}
    env.pop("NEWSCRAWL_REPLAY", None)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    cmd = [
        sys.executable, "-m", "scrapy", "crawl", "azertac", "-a", "lang=all",
        "-s", f"NEWSCRAWL_REPLAY={FIXTURES}",
        "-s", f"NEWSCRAWL_REDIS_URL={url}",
        "-s", f"NEWSCRAWL_REDIS_IDLE_SECONDS={IDLE_SECONDS}",
        "-s", "NEWSCRAWL_OUTPUT=articles.jsonl",
        "-s", "NEWSCRAWL_REJECTS=rejects.jsonl",
        "-s", "STATS_CLASS=tests.support.JsonDumpStatsCollector",
        "-s", f"NEWSCRAWL_STATS_DUMP={folder / 'stats.json'}",
        "-s", f"NEWSCRAWL_TEST_DELAY={delay}",
        "-s", "CONCURRENT_REQUESTS=2",
        *args,
    ]  # fmt: skip
    log = (folder / "crawl.log").open("wb")
    proc = subprocess.Popen(cmd, cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)
    return Worker_(folder, proc)


def assert_split_exactly_once(workers: list[Worker_], clean_urls: set[str]) -> None:
    """Every clean URL emitted by exactly one worker, no line twice, every worker done."""
    for w in workers:
        assert w.wait(timeout=60) == 0, w.log[-3000:]
        assert "this worker stops" in w.log, w.log[-3000:]  # left by itself, not killed
    emitted = [[r["url"] for r in w.records] for w in workers]
    everything = [url for urls in emitted for url in urls]
    assert len(everything) == len(set(everything)), "an article was emitted twice"
    assert set(everything) == clean_urls
    assert all(w.stats.get("newscrawl/claimed_elsewhere", 0) == 0 for w in workers)


def test_two_workers_split_the_crawl_and_emit_each_article_once(
    server: RedisServer, single: CrawlResult, clean_urls: set[str], tmp_path: Path
) -> None:
    workers = [start_worker(tmp_path / f"w{i}", server.url, 0.1) for i in (1, 2)]
    assert_split_exactly_once(workers, clean_urls)
    assert all(w.records for w in workers), "one worker did all the work"
    extracted = sum(w.stats.get("newscrawl/extracted", 0) for w in workers)
    assert extracted == single.stats["newscrawl/extracted"]  # each article page parsed once

    client = redis.Redis.from_url(server.url, decode_responses=True)
    assert not client.exists("newscrawl:azertac:dupefilter")  # the last worker out cleared it
    assert client.zcard("newscrawl:azertac:workers") == 0
    assert client.hlen("newscrawl:state:journal") == 0
    assert client.hlen("newscrawl:state:articles") == len(clean_urls)

    again = start_worker(tmp_path / "again", server.url, 0.0)  # the next hourly run
    assert again.wait(timeout=60) == 0, again.log[-3000:]
    assert again.records == []
    assert again.stats["newscrawl/unchanged"] == len(clean_urls)  # pages fetched again


def test_a_redis_restart_mid_crawl_loses_nothing(
    server: RedisServer, clean_urls: set[str], tmp_path: Path
) -> None:
    workers = [start_worker(tmp_path / f"w{i}", server.url, 0.3) for i in (1, 2)]
    deadline = time.monotonic() + 30
    while sum(len(w.records) for w in workers) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    server.stop()
    emitted_before = sum(len(w.records) for w in workers)
    time.sleep(1.0)  # an outage, not just a blink
    server.start()
    assert 0 < emitted_before < len(clean_urls), "the restart was not in the middle of the crawl"
    assert_split_exactly_once(workers, clean_urls)
    logs = "".join(w.log for w in workers)
    assert "Traceback" not in logs, logs[-3000:]


def test_a_killed_worker_duplicates_nothing_and_the_next_crawl_completes(
    server: RedisServer, clean_urls: set[str], tmp_path: Path
) -> None:
    fast_timeout = ("-s", "NEWSCRAWL_REDIS_WORKER_TIMEOUT=2")  # dead after 2 s without a beat
    victim, survivor = (
        start_worker(tmp_path / name, server.url, 0.3, *fast_timeout) for name in ("w1", "w2")
    )
    deadline = time.monotonic() + 30
    while len(victim.records) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    victim.proc.send_signal(signal.SIGKILL)
    victim.wait(timeout=10)
    assert survivor.wait(timeout=60) == 0, survivor.log[-3000:]
    assert "Last worker out" in survivor.log  # the dead worker no longer counts

    # the next scheduled crawl, on the victim's machine: its journal is settled there
    nxt = start_worker(tmp_path / "w3", server.url, 0.0, *fast_timeout)
    assert nxt.wait(timeout=60) == 0, nxt.log[-3000:]
    urls = [r["url"] for w in (victim, survivor, nxt) for r in w.records]
    assert len(urls) == len(set(urls)), "an article was emitted twice"
    assert set(urls) == clean_urls


# -- the state and the queue against the real server, without a crawl -----------------


@pytest.fixture
def client(server: RedisServer) -> redis.Redis:
    return redis.Redis.from_url(server.url, decode_responses=True)


def make_state(client: redis.Redis, host: str = "here", max_contents: int = 1000) -> RedisState:
    worker = Worker(client=client, prefix="t", spider="s", timeout=60.0, host=host)
    worker.beat()
    return RedisState(client, worker, max_contents)


def seen(key: str, content_hash: str, revision: int = 1, stamp: str = "2026-01-01") -> Seen:
    return Seen(key, key, content_hash, revision, None, None, stamp, stamp)


def test_claims_let_one_worker_decide_an_article(client: redis.Redis) -> None:
    a, b = make_state(client), make_state(client)
    assert a.claim("k", "sha256:1")
    assert not b.claim("k", "sha256:1")  # a is alive and holds it
    assert a.claim("k", "sha256:1")  # a claim is re-entrant for its holder
    a.journal("k", "https://x.example/k", 1, "sha256:1", "out.jsonl")
    a.commit_emitted(seen("k", "sha256:1"), simhash("some text"))
    assert b.claim("k", "sha256:1")  # released by the commit
    assert b.get("k").revision == 1
    b.settle("k")

    a.claim("j", "sha256:2")
    a.worker.leave("t:s:requests", "t:s:dupefilter")  # a stops without settling
    assert b.claim("j", "sha256:2")  # a dead worker's bare claim is taken over


def test_a_dead_workers_journal_is_repaired_only_where_its_output_is(client: redis.Redis) -> None:
    dead, elsewhere, here = make_state(client), make_state(client, "there"), make_state(client)
    dead.claim("k", "sha256:1")
    dead.journal("k", "https://x.example/k", 1, "sha256:1", "out.jsonl")
    assert here.journaled() == []  # its writer is alive
    dead.worker.leave("t:s:requests", "t:s:dupefilter")
    assert not elsewhere.claim("k", "sha256:1")  # maybe written: only its host can tell
    assert elsewhere.journaled() == []
    ((key, url, revision, _hash, output),) = here.journaled()
    assert (key, url, revision) == ("k", "https://x.example/k", 1)
    assert Path(output).is_absolute()
    here.settle(key)
    assert elsewhere.claim("k", "sha256:1")


def test_commit_keeps_first_seen_and_counts(client: redis.Redis) -> None:
    state = make_state(client)
    state.commit_emitted(seen("k", "sha256:1", 1, "2026-01-01"), None)
    state.commit_emitted(seen("k", "sha256:2", 2, "2026-02-01"), None)
    known = state.get("k")
    assert (known.revision, known.first_seen, known.last_seen) == (2, "2026-01-01", "2026-02-01")
    assert state.count() == 1
    client.set("t:state:version", 99)
    with pytest.raises(RuntimeError, match="newer newscrawl"):
        make_state(client)


def test_the_extractor_is_remembered_and_older_entries_read_as_unknown(
    client: redis.Redis,
) -> None:
    state = make_state(client)
    state.commit_emitted(replace(seen("k", "sha256:1"), extractor="newscrawl/9"), None)
    assert state.get("k").extractor == "newscrawl/9"
    older = {"key": "o", "url": "o", "content_hash": "sha256:2", "revision": 3,
             "date_published": None, "date_modified": None,
             "first_seen": "2026-01-01", "last_seen": "2026-01-01"}  # fmt: skip
    client.hset("t:state:articles", "o", json.dumps(older))  # from before extractors were kept
    known = state.get("o")
    assert (known.revision, known.extractor) == (3, None)


def test_content_duplicates_exact_and_near_in_redis(client: redis.Redis) -> None:
    state = make_state(client)
    goldens = sorted((GOLDEN / "azertag.az" / "en" / "xeber").glob("*.json"))
    body, other = (json.loads(p.read_text("utf-8"))["articleBody"] for p in goldens[1:3])
    state.add_content("sha256:aa", simhash(body), "agency-a/story", "https://a.example/story")
    story = "https://a.example/story"
    assert state.find_content("sha256:aa", simhash(body), "agency-b/copy") == story
    copy = "WASHINGTON, Nov 27 (Wire) – " + body.split("\n", 1)[1]
    assert state.find_content("sha256:bb", simhash(copy), "agency-b/copy") == story
    assert state.find_content("sha256:cc", simhash(other), "agency-b/other") is None
    assert state.find_content("sha256:aa", simhash(body), "agency-a/story") is None


def test_fingerprint_store_in_redis_is_bounded(client: redis.Redis) -> None:
    state = make_state(client, max_contents=100)
    for i in range(250):
        state.add_content(f"sha256:{i}", simhash(f"text number {i} " * 20), f"k{i}", f"u{i}")
    assert client.hlen("t:state:contents") == 100
    assert client.zcard("t:state:contents:order") == 100
    band_ids = set().union(*(client.smembers(k) for k in client.scan_iter("t:state:band:*")))
    assert band_ids == set(client.hkeys("t:state:contents"))  # pruned ids leave the index
    assert len(list(client.scan_iter("t:state:hash:*"))) == 100


def test_a_retried_pop_returns_the_same_request(client: redis.Redis) -> None:
    for i, data in enumerate(("a", "b")):
        client.zadd("q", {data: i})
    pop = client.register_script(POP)
    first = pop(keys=["q", "popped"], args=["token-1", 60])
    assert pop(keys=["q", "popped"], args=["token-1", 60]) == first == "a"  # reply lost, retried
    assert pop(keys=["q", "popped"], args=["token-2", 60]) == "b"
    assert pop(keys=["q", "popped"], args=["token-3", 60]) is None
