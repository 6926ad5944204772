"""Crawl speed and memory: newscrawl against bare Scrapy and a naive trafilatura spider.

Usage::

    python benchmarks/crawl.py --pages 20000 [--json] [--seed 7] [--only newscrawl,...] [--rounds 3]

One invocation serves one generated site (``benchmarks/newssite.py``, on
loopback, in its own process) and runs on it, each crawl in its own
subprocess:

- ``ceiling``: a bare Scrapy ``SitemapSpider`` that fetches every article
  page and extracts nothing: what the downloader, the server and the
  loopback allow;
- ``naive``: the same spider calling ``trafilatura.extract`` in its
  callback (in the reactor thread) and writing JSON Lines with a feed export;
- ``newscrawl``: ``scrapy crawl news`` with the project's settings, spider
  and pipelines (validation, dedup, the SQLite crawl state, rejects,
  storage) and the extraction pool, politeness off (no delay, no
  AutoThrottle, no robots.txt wait, 32 concurrent requests);
- ``extract_limit``: no crawl at all, two processes running only
  ``extract_article`` over the same pages, each taking the next page as it
  finishes one: the most two cores can extract.

For each it prints article pages per second (pages / time from spider open
to close), the CPU it used (CPU seconds of its process tree per second of
wall time, and the busy share of each core from ``/proc/stat``, which also
counts the server and anything else on the machine; CPU ms per page of the
whole tree and of the main process alone, whose reactor thread is what a
pool is meant to relieve), and the peak memory of
its process tree (RSS summed over the crawl process and its children, the
pool's forkserver and workers included, sampled every 0.2 s; and the same
as PSS, which counts pages shared between forked workers once). ``--json``
prints one JSON object instead. A benchmark, not a test: it asserts nothing.
Needs ``psutil`` (the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MODES = ("ceiling", "naive", "newscrawl", "extract_limit")
CONCURRENCY = 32
SAMPLE_SECONDS = 0.2

BARE_SETTINGS = {
    "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
    "CONCURRENT_REQUESTS": CONCURRENCY,
    "CONCURRENT_REQUESTS_PER_DOMAIN": CONCURRENCY,
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "ROBOTSTXT_OBEY": False,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "WARNING",
}
NEWSCRAWL_SETTINGS = {
    **BARE_SETTINGS,
    "NEWSCRAWL_HONOUR_CRAWL_DELAY": False,
    "NEWSCRAWL_ALLOW_PRIVATE": True,  # the site is on loopback
    "DOWNLOAD_DELAY_JITTER": 0,
}


# -- the crawls, each run in a child process (``--child MODE``) ------------------------------


def bare_spider(origin: str, extract: bool, output: Path):  # type: ignore[no-untyped-def]
    """A plain Scrapy sitemap spider; with ``extract``, trafilatura in its callback."""
    import scrapy.spiders
    import trafilatura

    class BareSpider(scrapy.spiders.SitemapSpider):
        name = "naive" if extract else "ceiling"
        sitemap_urls = (f"{origin}/robots.txt",)
        custom_settings = (
            {"FEEDS": {str(output): {"format": "jsonlines", "encoding": "utf-8"}}}
            if extract
            else {}
        )

        def parse(self, response):  # type: ignore[no-untyped-def]
            self.crawler.stats.inc_value("bench/articles")
            if extract:
                text = trafilatura.extract(response.body, url=response.url)
                yield {"url": response.url, "text": text}

    return BareSpider


def run_child(mode: str, origin: str, workdir: Path) -> dict:
    """Run one crawl in this process; its timing and counts as a dict."""
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    times: dict[str, float] = {}
    if mode == "newscrawl":
        os.environ["SCRAPY_SETTINGS_MODULE"] = "newscrawl.settings"
        from scrapy.utils.project import get_project_settings

        settings = get_project_settings()
        settings.setdict(
            {
                **NEWSCRAWL_SETTINGS,
                "NEWSCRAWL_STATE": str(workdir / "state.sqlite3"),
                "NEWSCRAWL_OUTPUT": str(workdir / "articles.jsonl"),
                "NEWSCRAWL_REJECTS": str(workdir / "rejects.jsonl"),
            },
            priority="cmdline",
        )
        spider, kwargs = "news", {"url": f"{origin}/"}
    else:
        settings = Settings(BARE_SETTINGS)
        spider, kwargs = bare_spider(origin, mode == "naive", workdir / "naive.jsonl"), {}
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(spider)
    crawler.signals.connect(
        lambda: times.setdefault("open", time.perf_counter()), signals.spider_opened, weak=False
    )
    crawler.signals.connect(
        lambda: times.setdefault("close", time.perf_counter()), signals.spider_closed, weak=False
    )
    process.crawl(crawler, **kwargs)
    process.start()
    stats = crawler.stats.get_stats()
    if mode == "newscrawl":
        pages = int(stats.get("newscrawl/scheduled", 0))
        done = int(stats.get("item_scraped_count", 0))
    else:
        pages = done = int(stats.get("bench/articles", 0))
    return {
        "seconds": times["close"] - times["open"],
        "pages": pages,
        "records": done,
        "unaccounted": stats.get("newscrawl/unaccounted"),
        "rejected": stats.get("newscrawl/rejected_articles", 0),
    }


def extract_limit_child(
    origin: str, pages: int, seed: int, processes: int, teasers: int = 0, page_kb: float = 0
) -> dict:
    """``processes`` forked processes extract the site's pages between them; wall time.

    Each process takes the next page from a shared counter, as the pool's
    workers do, so both stay busy to the end whatever the pages weigh (a fixed
    half each came out within about 1% of even on log-normal weights).
    """
    import multiprocessing

    sys.path.insert(0, str(HERE))
    import newssite

    site = newssite.build_site(pages, seed, origin, teasers, page_kb)
    bodies = [
        (origin + path, site.responses[path].split(b"\r\n\r\n", 1)[1]) for path in site.articles
    ]
    ctx = multiprocessing.get_context("fork")  # the pages are shared copy-on-write
    barrier = ctx.Barrier(processes + 1)
    counter = ctx.Value("l", 0)
    procs = [
        ctx.Process(target=_extract_next, args=(bodies, counter, barrier)) for _ in range(processes)
    ]
    for p in procs:
        p.start()
    barrier.wait()  # every process has imported and warmed up
    start = time.perf_counter()
    for p in procs:
        p.join()
    return {"seconds": time.perf_counter() - start, "pages": len(bodies), "records": len(bodies)}


def _extract_next(bodies: list[tuple[str, bytes]], counter, barrier) -> None:  # type: ignore[no-untyped-def]
    from newscrawl.extraction import extract_article

    extract_article(bodies[0][1], url=bodies[0][0])  # one-time set-up outside the clock
    barrier.wait()
    while True:
        with counter.get_lock():
            k = counter.value
            counter.value = k + 1
        if k >= len(bodies):
            return
        url, body = bodies[k]
        extract_article(body, url=url)


# -- measuring a child from the parent --------------------------------------------------------


@dataclass
class Sampler:
    """Peak memory and CPU of a process tree, and the busy share of each core."""

    pid: int
    peak_rss: int = 0
    peak_pss: int = 0
    cpu_seconds: float = 0.0
    root_cpu_seconds: float = 0.0  # the crawl process alone (reactor thread and its helpers)
    core_busy: list[float] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._cpu_start = read_proc_stat()
        self._thread.start()

    def _run(self) -> None:
        import psutil

        root = psutil.Process(self.pid)
        cpu: dict[int, float] = {}
        while not self._stop.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            rss = pss = 0
            for proc in tree:
                try:
                    mem = proc.memory_full_info()
                    t = proc.cpu_times()
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                rss, pss = rss + mem.rss, pss + getattr(mem, "pss", mem.rss)
                cpu[proc.pid] = t.user + t.system  # each process once, dead ones as last seen
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self.cpu_seconds = sum(cpu.values())
            self.root_cpu_seconds = cpu.get(self.pid, self.root_cpu_seconds)
            self._stop.wait(SAMPLE_SECONDS)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        end = read_proc_stat()
        self.core_busy = [
            1 - (e[1] - s[1]) / max(e[0] - s[0], 1)
            for s, e in zip(self._cpu_start, end, strict=False)
        ]


def read_proc_stat() -> list[tuple[int, int]]:
    """(total, idle) jiffies of each core."""
    out = []
    with open("/proc/stat") as fh:
        for line in fh:
            if line.startswith("cpu") and line[3].isdigit():
                v = [int(x) for x in line.split()[1:]]
                out.append((sum(v[:8]), v[3] + v[4]))
    return out


def run_mode(mode: str, origin: str, args: argparse.Namespace, workdir: Path) -> dict:
    """Run one mode in a child process, sampled; its result with pps, CPU and memory."""
    (workdir / mode).mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, __file__, "--child", mode, "--origin", origin, "--workdir"]
    cmd += [str(workdir / mode), "--pages", str(args.pages), "--seed", str(args.seed)]
    cmd += weight_args(args.teasers, args.page_kb)
    path = os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "PYTHONPATH": path}
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    sampler = Sampler(proc.pid)
    out, err = proc.communicate()
    wall = time.perf_counter() - started
    sampler.stop()
    (workdir / mode / "stderr.log").write_text(err)
    if proc.returncode != 0 or not out.strip():
        raise SystemExit(f"{mode} failed ({proc.returncode}):\n{err[-4000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    result.update(
        mode=mode,
        pps=result["pages"] / result["seconds"],
        cores_used=sampler.cpu_seconds / wall,
        crawl_process_ms_per_page=sampler.root_cpu_seconds / max(result["pages"], 1) * 1000,
        total_cpu_ms_per_page=sampler.cpu_seconds / max(result["pages"], 1) * 1000,
        core_busy=[round(b, 2) for b in sampler.core_busy],
        peak_rss_mb=sampler.peak_rss / 2**20,
        peak_pss_mb=sampler.peak_pss / 2**20,
        wall_seconds=wall,
    )
    return result


def weight_args(teasers: int, page_kb: float) -> list[str]:
    """The page-weight options, passed on to the site and to every child."""
    return ["--teasers", str(teasers), "--page-kb", str(page_kb)]


def start_site(
    pages: int, seed: int, teasers: int, page_kb: float
) -> tuple[subprocess.Popen, str, float]:
    """The site server in its own process; its origin once it listens, and mean page KiB."""
    cmd = [sys.executable, str(HERE / "newssite.py"), "serve", "--pages", str(pages)]
    cmd += weight_args(teasers, page_kb)
    proc = subprocess.Popen([*cmd, "--seed", str(seed)], stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline().split()  # type: ignore[union-attr]
    if len(line) < 3:
        proc.kill()
        raise SystemExit("the site server did not start")
    return proc, line[2].rstrip("/"), int(line[4]) / max(1, int(line[3])) / 1024


def machine() -> str:
    load = os.getloadavg()
    return (
        f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )


def summary(results: dict[str, dict], server_rps: float | None) -> dict:
    """The JSON object: per mode numbers and the ratios the issue asks for."""
    out: dict[str, object] = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")}
    out["machine"] = machine()
    out["server_rps"] = round(server_rps) if server_rps else None
    for mode, r in results.items():
        out[f"{mode}_pps"] = round(r["pps"], 1)
        out[f"{mode}_peak_rss_mb"] = round(r["peak_rss_mb"], 1)
        out[f"{mode}_peak_pss_mb"] = round(r["peak_pss_mb"], 1)
        out[f"{mode}_cores_used"] = round(r["cores_used"], 2)
        out[f"{mode}_core_busy"] = r["core_busy"]
        out[f"{mode}_cpu_ms_per_page"] = round(r["total_cpu_ms_per_page"], 1)
        out[f"{mode}_main_process_cpu_ms_per_page"] = round(r["crawl_process_ms_per_page"], 1)
    if "newscrawl" in results:
        out["newscrawl_records"] = results["newscrawl"]["records"]
        out["newscrawl_rejected"] = results["newscrawl"]["rejected"]
        out["newscrawl_unaccounted"] = results["newscrawl"]["unaccounted"]
        for peer in ("naive", "extract_limit", "ceiling"):
            if peer in results:
                out[f"newscrawl_vs_{peer}"] = round(
                    results["newscrawl"]["pps"] / results[peer]["pps"], 2
                )
    return out


def print_table(results: dict[str, dict], summ: dict, pages: int, header: bool = True) -> None:
    if header:
        print(f"{pages} article pages (mean {summ.get('mean_page_kib')} KiB), {summ['date']}")
        print(summ["machine"])
    if header and summ.get("server_rps"):
        print(f"site server alone: {summ['server_rps']:,} requests/s")
    head = f"{'run':14} {'pages':>6} {'pages/s':>8} {'cores used':>10} {'core busy':>10}"
    print(head + f" {'CPU ms/page':>11} {'main ms/page':>12} {'peak RSS MB':>11} {'PSS MB':>7}")
    for mode, r in results.items():
        busy = "/".join(f"{b:.0%}" for b in r["core_busy"])
        print(
            f"{mode:14} {r['pages']:6d} {r['pps']:8.1f} {r['cores_used']:10.2f} {busy:>10}"
            f" {r['total_cpu_ms_per_page']:11.1f} {r['crawl_process_ms_per_page']:12.1f}"
            f" {r['peak_rss_mb']:11.0f} {r['peak_pss_mb']:7.0f}"
        )
    for key, value in summ.items():
        if key.startswith("newscrawl_vs_"):
            print(f"{key}: {value}" if isinstance(value, list) else f"{key}: {value:.2f}")
    if "newscrawl_unaccounted" in summ:
        print(
            f"newscrawl: {summ['newscrawl_records']} records, {summ['newscrawl_rejected']} "
            f"rejects, {summ['newscrawl_unaccounted']} unaccounted"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--only", help=f"comma-separated subset of {','.join(MODES)}")
    parser.add_argument("--teasers", type=int, default=0, help="heavier pages: see newssite.py")
    parser.add_argument(
        "--page-kb",
        type=float,
        default=250,
        help="median page weight in KiB, 0 for the bare templates (default: 250, as the "
        "fundus set's live news pages; overrides --teasers)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="run the modes this many times, alternating their order; the ratios are the "
        "median of each round's own ratios (steadier on a shared machine)",
    )
    parser.add_argument("--keep", type=Path, help="keep outputs, logs and state in this folder")
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--origin", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "extract_limit":
        print(
            json.dumps(
                extract_limit_child(
                    args.origin, args.pages, args.seed, 2, args.teasers, args.page_kb
                )
            )
        )
        return 0
    if args.child:
        print(json.dumps(run_child(args.child, args.origin, args.workdir)))
        return 0
    modes = args.only.split(",") if args.only else list(MODES)
    server, origin, page_kib = start_site(args.pages, args.seed, args.teasers, args.page_kb)
    try:
        sys.path.insert(0, str(HERE))
        import newssite

        rng_paths = newssite.article_paths(args.pages, args.seed)
        server_rps = newssite.measure(origin, rng_paths, 2.0)
        rounds: list[dict[str, dict]] = []
        with tempfile.TemporaryDirectory(prefix="newscrawl-bench-") as tmp:
            for k in range(args.rounds):
                rounds.append({})
                base = args.keep or Path(tmp)
                workdir = base / f"round-{k + 1}" if args.rounds > 1 else base  # fresh state
                for mode in modes if k % 2 == 0 else modes[::-1]:  # no mode always first
                    rounds[k][mode] = run_mode(mode, origin, args, workdir)
                    if not args.json:
                        pps = rounds[k][mode]["pps"]
                        print(f"  round {k + 1}, {mode}: {pps:.1f} pages/s", file=sys.stderr)
    finally:
        server.terminate()
        server.wait()
    results = {mode: median_run([r[mode] for r in rounds]) for mode in modes}
    summ = summary(results, server_rps)
    summ["mean_page_kib"] = round(page_kib, 1)
    if args.rounds > 1:
        add_round_ratios(summ, rounds)
    if args.json:
        print(json.dumps(summ))
    else:
        for k, one in enumerate(rounds if args.rounds > 1 else []):
            print(f"round {k + 1}:")
            print_table(one, summary(one, None), args.pages, header=False)
        if args.rounds > 1:
            print("median over the rounds:")
        print_table(results, summ, args.pages)
        print("json:", json.dumps(summ))
    return 0


def median_run(runs: list[dict]) -> dict:
    """The run with the median pages/s (the lower middle one of an even number)."""
    return sorted(runs, key=lambda r: r["pps"])[(len(runs) - 1) // 2]


def add_round_ratios(summ: dict, rounds: list[dict[str, dict]]) -> None:
    """Ratios from each round's own pair of runs, and their median as the headline ratio.

    Runs minutes apart on a shared machine see its speed change by a quarter
    or more; a ratio within a round, its two runs back to back, is steadier,
    and the median of several rounds steadier still.
    """
    summ["rounds"] = [{f"{m}_pps": round(r["pps"], 1) for m, r in one.items()} for one in rounds]
    if "newscrawl" not in rounds[0]:
        return
    for peer in ("naive", "extract_limit", "ceiling"):
        if peer in rounds[0]:
            ratios = sorted(one["newscrawl"]["pps"] / one[peer]["pps"] for one in rounds)
            summ[f"newscrawl_vs_{peer}_per_round"] = [round(x, 2) for x in ratios]
            summ[f"newscrawl_vs_{peer}"] = round(statistics.median(ratios), 2)


if __name__ == "__main__":
    sys.exit(main())
