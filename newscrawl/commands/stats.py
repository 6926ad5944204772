"""``newscrawl stats``: what is in a crawl's output, as text, JSON or an HTML report."""

from __future__ import annotations

import argparse
import json
import sys
from itertools import chain
from pathlib import Path

from newscrawl.commands.common import CommandError, read_lines
from newscrawl.report import html, text
from newscrawl.report.stats import summarise

EPILOG = """\
Reports articles per agency (metadata.spider, else publisher), language and
publication day; body length (min, quartiles, max, histogram); the share of
records missing each field; duplicates (duplicateOf set, repeated URLs and
contentHash); and reject reasons, from --rejects FILE or from reject lines
found among the records. Gzipped files are read as they are.

examples:
  newscrawl stats azertac.jsonl
  newscrawl stats out/*.jsonl.gz --rejects azertac.rejects.jsonl --html report.html
  newscrawl stats articles.jsonl --json | jq .coverage

exit status: 0 done, 1 some lines were not JSON records (counted as unreadable),
2 usage, 3 a file is missing"""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``stats`` parser."""
    p = sub.add_parser(
        "stats",
        help="summarise crawl output (text, JSON or an HTML report)",
        usage="newscrawl stats [-h] [--rejects FILE] [--json] [--html REPORT.html] FILE.jsonl ...",
        description="Summarise article JSON Lines files: counts, lengths, coverage, duplicates.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="articles JSON Lines (.gz, - = stdin)")
    p.add_argument("--rejects", action="append", metavar="FILE", help="rejects file, repeatable")
    p.add_argument("--json", action="store_true", help="print the numbers as one JSON object")
    p.add_argument("--html", metavar="REPORT", help="also write a self-contained HTML report")
    p.add_argument("--title", default="newscrawl report", help="title of the HTML report")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Summarise; print text or JSON; write the HTML report when asked."""
    if args.html and Path(args.html).is_dir():
        raise CommandError(f"{args.html}: is a folder; --html wants a file name", 2)
    articles = chain.from_iterable(read_lines(path) for path in args.files)
    rejects = (
        chain.from_iterable(read_lines(path) for path in args.rejects) if args.rejects else None
    )
    summary = summarise(articles, rejects)
    summary.sources = list(args.files) + [f"rejects: {r}" for r in args.rejects or ()]
    if args.json:
        print(json.dumps(summary.to_json(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(text.render(summary))
    if args.html:
        Path(args.html).write_text(html.render(summary, args.title), encoding="utf-8")
        print(f"newscrawl: wrote {args.html}", file=sys.stderr)
    return 1 if summary.bad_lines else 0
