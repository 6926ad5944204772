"""Extraction in a pool of worker processes, so a crawl uses every core.

Cleaning a page takes tens of milliseconds of pure Python (trafilatura, lxml
and our rules); run in Scrapy's reactor thread it keeps one core busy while
the others idle and stalls downloads meanwhile. ``ExtractionPool`` sends the
page (bytes, URL, declared encoding) to a ``ProcessPoolExecutor`` and hands
the record dict back to the spider callback, which awaits it, with the
SimHash of its text (``Fingerprinted``) that the crawl state would otherwise
compute in the reactor thread.

Settings:

- ``NEWSCRAWL_EXTRACT_WORKERS``: worker processes; unset = one per core the
  process may use, ``0`` = extract inline in the reactor thread (no pool).
- ``NEWSCRAWL_EXTRACT_IN_FLIGHT``: pages handed to the pool at once (default
  twice the workers): enough to keep every worker busy, few enough that
  pages wait in the reactor (where Scrapy counts them, see below) rather
  than in the pool's pipe.
- ``NEWSCRAWL_EXTRACT_TIMEOUT``: seconds one page may take in a worker
  (default 120); a page that takes longer (a pathological regex, a parser
  loop) becomes an ``extract_timeout`` reject and its worker is killed, so a
  hung page cannot stall the crawl or its shutdown.
- ``NEWSCRAWL_EXTRACT_RECYCLE_PAGES``: pages each worker extracts before
  the pool's workers are replaced by fresh ones (default 500, ``0`` = never).
  A worker's memory is a high-water mark: one 2 MB page leaves its heap
  (lxml's and Python's) fragmented at that size for the rest of its life, so
  a long crawl's workers grow with the largest pages they have met. Fresh
  workers fork in milliseconds from the warm forkserver; the pool lets the
  old ones finish their pages first, so old and new never run side by side
  (the crawl's memory never holds both) and nothing is lost.
- ``NEWSCRAWL_EXTRACT_FUNCTION``: dotted path of the pure function the
  workers run (``newscrawl.extraction.extract_article``); tests name a
  function that crashes on purpose.
- ``NEWSCRAWL_EXTRACT_START_METHOD``: ``forkserver`` (default), ``spawn`` or
  ``fork``. The forkserver imports the extraction code once and forks each
  worker from that clean process: workers never inherit the reactor, its
  sockets or the crawl state's database connection, and start in
  milliseconds once the server is up, already warm (``newscrawl.workers.warm``
  ran one extraction there). The server is started in a thread when the
  spider opens, so the reactor does not wait for its imports.

Back-pressure: a response waiting here is still "active" in Scrapy's scraper
slot, which stops the engine from sending new requests once the bodies it
holds exceed ``SCRAPER_SLOT_MAX_ACTIVE_SIZE`` (5 MB by default). So the
downloader never runs further ahead of extraction than that many bytes plus
``CONCURRENT_REQUESTS`` responses already on their way.

A worker that dies (a segfault in a C extension, the OOM killer, ``os._exit``)
breaks the whole ``ProcessPoolExecutor``: every page in it fails with
``BrokenProcessPool``. The pool is replaced at once, and each of those pages
is run again alone in a one-worker "quarantine" executor, one page at a
time, so that only the page that really kills a worker becomes a reject
(``extract_crashed``); a worker that raises gives ``extract_error``.
"""

from __future__ import annotations

import asyncio
import functools
import importlib
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.settings import BaseSettings
from scrapy.statscollectors import StatsCollector

from newscrawl.state.fingerprints import simhash

logger = logging.getLogger(__name__)

DEFAULT_FUNCTION = "newscrawl.extraction.extract_article"
DEFAULT_TIMEOUT = 120.0  # seconds a page may take; the slowest real page seen took 14 s
DEFAULT_RECYCLE_PAGES = 500  # per worker: ~25 s of work; a recycle costs well under 0.1 s
_ATTR = "_newscrawl_extraction_pool"


class ExtractionFailed(Exception):
    """A page the extraction could not handle: ``reason`` becomes the reject's reason."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@functools.cache
def load_function(path: str) -> Callable[..., dict | None]:
    """The function named by a dotted path (imported once per process)."""
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)


class Fingerprinted(dict):
    """A record with the SimHash of its text, computed where the record was made.

    The crawl state needs each new text's SimHash (a few ms of pure Python); a
    worker computes it next to the extraction, so the reactor thread does not.
    A dict subclass pickles with its attribute and is still a plain record to
    Scrapy, the pipelines and the exporters.
    """

    fingerprint: int | None = None


def run_extraction(path: str, body: bytes, url: str, encoding: str | None) -> dict | None:
    """What a worker runs for one page: a pure function, a picklable dict back."""
    record = load_function(path)(body, url=url, encoding=encoding)
    if record is None:
        return None
    record = Fingerprinted(record)
    if isinstance(record.get("articleBody"), str):
        record.fingerprint = simhash(record["articleBody"])
    return record


def _kill_workers(executor: Executor) -> None:
    """Kill an executor's worker processes: its pages then fail with ``BrokenProcessPool``.

    ``ProcessPoolExecutor`` cannot cancel a running call; killing the workers
    breaks the pool, which ``extract`` already recovers from (restart, and the
    other pages rerun alone).
    """
    for process in list(getattr(executor, "_processes", {}).values()):
        process.kill()


def default_workers() -> int:
    """One worker per core this process may run on (``taskset``/cgroups respected)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def describe(exc: BaseException) -> str:
    """A one-line reject detail for an exception raised by the extraction."""
    return f"{type(exc).__name__}: {exc}"


class ExtractionPool:
    """Extract pages in worker processes (or inline), one awaitable call per page."""

    def __init__(self, settings: BaseSettings, stats: StatsCollector | None = None) -> None:
        workers = settings.get("NEWSCRAWL_EXTRACT_WORKERS")
        self.workers = default_workers() if workers in (None, "") else int(workers)
        in_flight = settings.get("NEWSCRAWL_EXTRACT_IN_FLIGHT")
        self.in_flight = int(in_flight) if in_flight not in (None, "") else 2 * self.workers
        self.function = settings.get("NEWSCRAWL_EXTRACT_FUNCTION") or DEFAULT_FUNCTION
        self.timeout = settings.getfloat("NEWSCRAWL_EXTRACT_TIMEOUT", DEFAULT_TIMEOUT)
        self.start_method = settings.get("NEWSCRAWL_EXTRACT_START_METHOD") or "forkserver"
        recycle = settings.get("NEWSCRAWL_EXTRACT_RECYCLE_PAGES")
        recycle = DEFAULT_RECYCLE_PAGES if recycle in (None, "") else int(recycle)
        self.recycle_after = max(recycle, 0) * self.workers  # pages per executor; 0 = never
        self.stats = stats
        self.held = 0  # pages in extract(): waiting for a slot, in a worker, or rerun
        self._executor: Executor | None = None
        self._generation = 0  # bumped at each new executor, so one crash restarts once
        self._given = 0  # pages given to the current executor
        self._busy = 0  # pages now in the current executor
        self._idle: asyncio.Event | None = None  # set while _busy == 0
        self._retiring: asyncio.Future | None = None  # while old workers finish, before new
        self._solo: Executor | None = None
        self._slots: asyncio.Semaphore | None = None
        self._solo_lock: asyncio.Lock | None = None
        self._peaks: dict[str, int] = {}  # highest values given to _peak

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractionPool:
        """As an extension: the crawl's pool, started when the spider opens."""
        return pool_for(crawler)

    # -- life cycle ---------------------------------------------------------------

    def start(self) -> None:
        """Create the executor; its workers are forked on demand from a warm forkserver."""
        if self._executor is not None or self.workers <= 0:
            return
        self._executor = self._new_executor(self.workers)
        self._inc("workers", self.workers, set_value=True)
        if self.start_method == "forkserver":
            threading.Thread(target=self._warm_forkserver, daemon=True).start()
        logger.info(
            "Extraction pool: %d %s workers, %d pages in flight at most",
            self.workers,
            self.start_method,
            self.in_flight,
        )

    def close(self) -> None:
        """Stop the workers (idle by now: the spider closes once its pages are done)."""
        for executor in (self._executor, self._solo):
            if executor is not None:
                executor.shutdown(wait=True, cancel_futures=True)
        self._executor = self._solo = None

    def _context(self) -> multiprocessing.context.BaseContext:
        ctx = multiprocessing.get_context(self.start_method)
        if self.start_method == "forkserver":
            # __main__ too, as the stdlib default does: a worker re-imports the main script
            # (e.g. the `scrapy` console script) unless its forkserver already has it; and
            # one extraction run in the forkserver (warm) so workers start warm.
            modules = ["__main__", self.function.rpartition(".")[0], "newscrawl.workers.warm"]
            ctx.set_forkserver_preload(modules)
        return ctx

    def _new_executor(self, workers: int) -> Executor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=self._context())

    def _warm_forkserver(self) -> None:
        """Start the forkserver and its imports off the reactor thread (about 0.5 s)."""
        try:
            from multiprocessing import forkserver

            forkserver.ensure_running()
        except Exception:  # the first submit will start it, or fail with the reason
            logger.debug("Could not warm the forkserver", exc_info=True)

    # -- extraction -------------------------------------------------------------------

    async def extract(self, body: bytes, url: str, encoding: str | None) -> dict | None:
        """The record of one page; raises ``ExtractionFailed`` with a reject reason."""
        self.held += 1
        self._peak("peak_held", self.held)
        try:
            if self.workers <= 0:
                return self._inline(body, url, encoding)
            self.start()
            if self._slots is None:
                self._slots = asyncio.Semaphore(self.in_flight)
            async with self._slots:
                await self._recycle_if_due()
                generation = self._generation
                self._enter()
                try:
                    return await self._submit(self._executor, body, url, encoding)
                except BrokenProcessPool:
                    self._restart(generation)
                finally:
                    self._leave(generation)
            return await self._rerun_alone(body, url, encoding)
        finally:
            self.held -= 1

    def _enter(self) -> None:
        """Count a page given to the current executor."""
        if self._idle is None:
            self._idle = asyncio.Event()
        self._given += 1
        self._busy += 1
        self._idle.clear()

    def _leave(self, generation: int) -> None:
        """Count a page back from the executor it was given to (if that is still current)."""
        if generation != self._generation:
            return  # its executor was replaced (a crash): the new one's counts start afresh
        self._busy -= 1
        if self._busy == 0 and self._idle is not None:
            self._idle.set()

    async def _recycle_if_due(self) -> None:
        """Replace the workers once they have had their share of pages.

        The first page over the limit retires the executor: it waits until the
        old workers have finished every page they hold, stops them, and only
        then lets the new executor fork fresh workers; pages arriving meanwhile
        wait for it (they hold their slots, so the reactor is not flooded).
        """
        while self._retiring is not None:
            await asyncio.shield(self._retiring)
        if not self.recycle_after or self._given < self.recycle_after:
            return
        self._retiring = asyncio.get_running_loop().create_future()
        try:
            if self._busy and self._idle is not None:
                await self._idle.wait()
            try:
                if self._executor is not None:
                    await asyncio.to_thread(self._executor.shutdown, wait=True)
            finally:  # even if cancelled meanwhile: never leave a shut-down executor in place
                self._executor = self._new_executor(self.workers)
                self._generation += 1
                self._given = self._busy = 0
            self._inc("recycled")
        finally:
            self._retiring.set_result(None)
            self._retiring = None

    def _inline(self, body: bytes, url: str, encoding: str | None) -> dict | None:
        """Workers = 0: extract in the reactor thread, as a plain Scrapy spider would."""
        try:
            return run_extraction(self.function, body, url, encoding)
        except Exception as exc:
            logger.exception("Extraction failed on %s", url)
            raise ExtractionFailed("extract_error", describe(exc)) from exc

    async def _submit(
        self, executor: Executor | None, body: bytes, url: str, encoding: str | None
    ) -> dict | None:
        """Run one page in ``executor``; a worker's exception becomes ``extract_error``."""
        assert executor is not None
        future = executor.submit(run_extraction, self.function, body, url, encoding)
        try:
            async with asyncio.timeout(self.timeout):  # no extra task per page, as wait_for
                return await asyncio.wrap_future(future)
        except BrokenProcessPool:
            raise
        except TimeoutError as exc:
            _kill_workers(executor)  # the only way to stop a running worker; others rerun
            self._inc("timeouts")
            logger.error("Extraction of %s took over %.0f s; worker killed", url, self.timeout)
            detail = f"extraction took longer than {self.timeout:g} s"
            raise ExtractionFailed("extract_timeout", detail) from exc
        except Exception as exc:
            logger.warning("Extraction failed on %s: %s", url, describe(exc))
            raise ExtractionFailed("extract_error", describe(exc)) from exc

    def _restart(self, generation: int) -> None:
        """Replace a broken executor (once, however many of its pages report it)."""
        if generation != self._generation:
            return
        self._generation += 1
        self._given = self._busy = 0
        if self._idle is not None:
            self._idle.set()
        broken, self._executor = self._executor, self._new_executor(self.workers)
        if broken is not None:
            broken.shutdown(wait=False, cancel_futures=True)
        self._inc("restarts")
        logger.warning("An extraction worker died; pool restarted, its pages rerun one by one")

    async def _rerun_alone(self, body: bytes, url: str, encoding: str | None) -> dict | None:
        """A page that was in a pool when a worker died, run again with no other page.

        Alone, a crash can only be this page's: it becomes ``extract_crashed``.
        """
        if self._solo_lock is None:
            self._solo_lock = asyncio.Lock()
        async with self._solo_lock:
            self._inc("rerun_alone")
            if self._solo is None:
                self._solo = self._new_executor(1)
            try:
                return await self._submit(self._solo, body, url, encoding)
            except ExtractionFailed as exc:
                if exc.reason == "extract_timeout":
                    self._solo = None  # its worker was killed
                raise
            except BrokenProcessPool as exc:
                self._solo.shutdown(wait=False, cancel_futures=True)
                self._solo = None
                self._inc("crashed")
                logger.error("The extraction worker died on %s", url)
                detail = "the extraction worker process died on this page"
                raise ExtractionFailed("extract_crashed", detail) from exc

    # -- stats -------------------------------------------------------------------------

    def _inc(self, key: str, n: int = 1, set_value: bool = False) -> None:
        if self.stats is None:
            return
        if set_value:
            self.stats.set_value(f"newscrawl/pool/{key}", n)
        else:
            self.stats.inc_value(f"newscrawl/pool/{key}", n)

    def _peak(self, key: str, value: int) -> None:
        """A new high only: a stats call costs ~5 µs in the reactor thread, on every page."""
        if self.stats is not None and value > self._peaks.get(key, -1):
            self._peaks[key] = value
            self.stats.max_value(f"newscrawl/pool/{key}", value)


def pool_for(crawler: Crawler) -> ExtractionPool:
    """The crawl's extraction pool: created on first use, stopped when the spider closes."""
    pool = getattr(crawler, _ATTR, None)
    if pool is None:
        pool = ExtractionPool(crawler.settings, crawler.stats)
        crawler.signals.connect(pool.start, signal=signals.spider_opened, weak=False)
        crawler.signals.connect(pool.close, signal=signals.spider_closed, weak=False)
        setattr(crawler, _ATTR, pool)
    return pool
