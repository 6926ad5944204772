"""``newscrawl crawl``: ``scrapy crawl`` with friendly options, for people who do not know Scrapy.

It builds the same project settings ``scrapy crawl`` would (``-s`` values win
over the options' translations) and runs one spider in a ``CrawlerProcess``,
with the progress extension (``newscrawl.extensions.progress``) switched on.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from newscrawl.commands.common import CommandError

PROGRESS_EXTENSION = "newscrawl.extensions.progress.Progress"

EPILOG = """\
Options translate to Scrapy settings (-s) and spider arguments (-a); both can
also be given directly, as with scrapy crawl. Output: articles are appended to
--output (a FEEDS-style template: %(name)s spider, %(day)s UTC day, %(part)d
part number with -s NEWSCRAWL_OUTPUT_MAX_BYTES=N; a .gz name is gzip-compressed).

On a terminal a progress line (pages, articles, rejects, rate) is redrawn in
place and only warnings are logged; when stderr is a pipe or a file, Scrapy's
INFO log is written with a progress line every 10 s.

examples:
  newscrawl crawl --list
  newscrawl crawl azertac --lang all --replay fixtures --no-state -o articles.jsonl
  newscrawl crawl azertac --lang en,ru --since 2026-11-01 --pages 20
  newscrawl crawl tass -o 'out/%(name)s-%(day)s.jsonl.gz'
  newscrawl crawl news --url https://www.example-news.org/ --limit 200
  newscrawl crawl report -s DOWNLOAD_DELAY=5 -a pages=2

exit status: 0 the crawl finished, 1 it stopped for another reason or finished with
a site health problem (no article links found, most article pages rejected: see the log),
2 usage (unknown agency, bad option value), 3 --replay folder missing,
130 interrupted (Ctrl-C; a second Ctrl-C stops at once)"""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``crawl`` parser."""
    p = sub.add_parser(
        "crawl",
        help="crawl an agency's website (a friendly scrapy crawl)",
        usage="newscrawl crawl [options] AGENCY\n       newscrawl crawl --list",
        description="Crawl one agency (or any site with 'news --url') into JSON Lines.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("agency", nargs="?", metavar="AGENCY", help="spider name (see --list)")
    p.add_argument("--list", action="store_true", help="list the agencies and exit")
    p.add_argument("--lang", metavar="L", help="language editions: en | en,ru | all")
    p.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="skip older articles")
    p.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="skip newer articles")
    p.add_argument("--pages", type=_positive, metavar="N", help="listing pages per edition")
    p.add_argument("--url", help="start URL (the generic 'news' spider)")
    p.add_argument("--limit", type=_positive, metavar="N", help="at most N articles ('news')")
    p.add_argument("-o", "--output", metavar="FILE", help="articles file (default AGENCY.jsonl)")
    p.add_argument("--rejects", metavar="FILE", help="rejects file (default AGENCY.rejects.jsonl)")
    p.add_argument("--replay", metavar="DIR", help="answer every request from a fixture folder")
    state = p.add_mutually_exclusive_group()
    state.add_argument("--no-state", action="store_true", help="no crawl state: write everything")
    state.add_argument("--state", metavar="PATH", help="crawl state file (SQLite)")
    p.add_argument("--full", action="store_true", help="emit every article, even unchanged ones")
    p.add_argument("-s", dest="settings", action="append", default=[], metavar="NAME=VALUE",
                   help="a Scrapy or NEWSCRAWL_* setting, repeatable")  # fmt: skip
    p.add_argument("-a", dest="spargs", action="append", default=[], metavar="NAME=VALUE",
                   help="a spider argument, repeatable")  # fmt: skip
    p.add_argument("-v", "--verbose", action="store_true", help="INFO log on a terminal too")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress line, errors only")
    p.set_defaults(func=run)


def _day(value: str) -> str:
    """A YYYY-MM-DD option."""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _positive(value: str) -> int:
    """A positive integer option."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return int(value)


def _pairs(values: list[str], option: str) -> dict[str, str]:
    """``NAME=VALUE`` strings to a dict; a usage error names the bad one."""
    pairs = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise CommandError(f"{option} wants NAME=VALUE, not {item!r}", 2)
        pairs[name] = value
    return pairs


def project_settings():  # type: ignore[no-untyped-def]
    """The project's Scrapy settings, wherever the command is run from."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newscrawl.settings")
    from scrapy.utils.project import get_project_settings

    return get_project_settings()


def agencies(settings) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Spider name -> one-line description, from Scrapy's spider loader."""
    from scrapy.spiderloader import get_spider_loader

    loader = get_spider_loader(settings)
    described = {}
    for name in sorted(loader.list()):
        doc = (loader.load(name).__doc__ or "").strip().splitlines()
        described[name] = doc[0] if doc else ""
    return described


def run(args: argparse.Namespace) -> int:
    """List agencies, or run one crawl and say where its output went."""
    settings = project_settings()
    known = agencies(settings)
    if args.list:
        width = max(map(len, known))
        print("\n".join(f"{name:<{width}}  {text}" for name, text in known.items()))
        return 0
    if not args.agency:
        raise CommandError("which agency? (newscrawl crawl --list names them)", 2)
    if args.agency not in known:
        raise CommandError(f"unknown agency {args.agency!r} (known: {', '.join(known)})", 2)
    if args.replay and not Path(args.replay).is_dir():
        raise CommandError(f"{args.replay}: no such folder (--replay wants a fixture folder)", 3)
    for name, value in _translate(args).items():
        settings.set(name, value, priority="cmdline")
    for name, value in _pairs(args.settings, "-s").items():
        settings.set(name, value, priority="cmdline")
    return _crawl(settings, args.agency, {**_spider_args(args), **_pairs(args.spargs, "-a")})


def _translate(args: argparse.Namespace) -> dict[str, Any]:
    """The settings the friendly options stand for."""
    out: dict[str, Any] = {}
    if args.output:
        out["NEWSCRAWL_OUTPUT"] = args.output
    if args.rejects:
        out["NEWSCRAWL_REJECTS"] = args.rejects
    if args.replay:
        out["NEWSCRAWL_REPLAY"] = str(Path(args.replay).resolve())
    if args.no_state:
        out["NEWSCRAWL_STATE"] = ""
    elif args.state:
        out["NEWSCRAWL_STATE"] = args.state
    if args.full:
        out["NEWSCRAWL_FULL"] = True
    if not args.quiet:
        out["NEWSCRAWL_PROGRESS"] = True
    out["LOG_LEVEL"] = _log_level(args)
    return out


def _log_level(args: argparse.Namespace) -> str:
    """Errors only with -q; warnings on a terminal (the progress line says the rest); else INFO."""
    if args.quiet:
        return "ERROR"
    if args.verbose or not sys.stderr.isatty():
        return "INFO"
    return "WARNING"


def _spider_args(args: argparse.Namespace) -> dict[str, str]:
    """Spider arguments (-a) from the options."""
    names = ("lang", "since", "until", "pages", "url", "limit")
    return {n: str(getattr(args, n)) for n in names if getattr(args, n) is not None}


def _crawl(settings, spider: str, spargs: dict[str, str]) -> int:  # type: ignore[no-untyped-def]
    """Run the crawl in this process; the exit code follows Scrapy's finish reason."""
    from scrapy.crawler import CrawlerProcess

    from newscrawl.extensions.health import problems

    extensions = dict(settings.getdict("EXTENSIONS"))
    extensions.setdefault(PROGRESS_EXTENSION, 510)
    settings.set("EXTENSIONS", extensions, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(spider)
    failures: list[str] = []
    deferred = process.crawl(crawler, **spargs)
    deferred.addErrback(lambda failure: failures.append(failure.getErrorMessage()))
    interrupted = _watch_signals()
    process.start()
    if failures:
        raise CommandError(f"{spider}: {failures[0]}", 2)
    reason = crawler.stats.get_value("finish_reason") if crawler.stats else None
    _say_where(crawler)
    if interrupted or reason == "shutdown":
        return 130
    if crawler.stats and problems(crawler.stats.get_stats()):
        return 1  # the site looks changed or blocks us (logged as "Site health: ...")
    return 0 if reason == "finished" else 1


def _watch_signals() -> list[int]:
    """A list that gets the signal number when Ctrl-C or SIGTERM stops the crawl.

    Scrapy installs its graceful-shutdown handlers in an "after startup"
    trigger added by ``start()``; ours is added to the same phase while the
    reactor starts, so it runs after Scrapy's and wraps them: Scrapy still
    shuts down as usual, and the exit status can say "interrupted" even when
    the engine had no finish reason to record yet.
    """
    import signal

    from twisted.internet import reactor

    seen: list[int] = []

    def wrap() -> None:
        for number in (signal.SIGINT, signal.SIGTERM):
            original = signal.getsignal(number)

            def handler(signum: int, frame: object, original: object = original) -> None:
                seen.append(signum)
                if callable(original):
                    original(signum, frame)

            signal.signal(number, handler)

    reactor.addSystemEventTrigger(
        "during", "startup", reactor.addSystemEventTrigger, "after", "startup", wrap
    )
    return seen


def _say_where(crawler) -> None:  # type: ignore[no-untyped-def]
    """One closing line: how many articles went where."""
    stats = crawler.stats.get_stats()
    files = getattr(crawler, "newscrawl_outputs", None)
    where = ", ".join(str(p) for p in files.paths) if files is not None else "the FEEDS target"
    stored = stats.get("newscrawl/stored", stats.get("item_scraped_count", 0))
    rejects = stats.get("newscrawl/rejected", 0)
    print(f"newscrawl: {stored} articles -> {where}; {rejects} rejects", file=sys.stderr)
