"""``newscrawl extract``: saved pages to article records."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newscrawl.extraction import extract_article


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``extract`` parser."""
    p = sub.add_parser(
        "extract",
        help="extract clean articles from saved HTML pages",
        description="Print one JSON record per page (JSON Lines for several pages).",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="HTML file, or - for stdin")
    p.add_argument("--url", help="the URL the page was saved from (selects agency rules)")
    p.add_argument("--format", choices=("json", "text"), default="json")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Extract each page; exit 1 when any page held no article."""
    status = 0
    for path in args.paths:
        html = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        record = extract_article(html, url=args.url)
        if not record or not record.get("articleBody"):
            print(f"newscrawl: {path}: no article text found", file=sys.stderr)
            status = 1
            continue
        if args.format == "text":
            print(f"{record['headline'] or ''}\n\n{record['articleBody']}\n")
        else:
            indent = 2 if len(args.paths) == 1 else None
            print(json.dumps(record, ensure_ascii=False, indent=indent))
    return status
