"""``newscrawl validate``: check every line of JSON Lines files against the record schema."""

from __future__ import annotations

import argparse
import sys

from newscrawl.commands.common import read_lines
from newscrawl.schema import SCHEMA_VERSION, schema_errors

EPILOG = f"""\
Each line must be one JSON object that fits newscrawl/schema/article.schema.json
(contract version {SCHEMA_VERSION}; see docs/record.md). Every bad line is reported as
  FILE:LINE: FIELD: message
on stdout, and a summary line on stderr. Gzipped files (.jsonl.gz) are read
as they are.

examples:
  newscrawl validate articles.jsonl
  newscrawl validate out/*.jsonl.gz --max-errors 0 && echo all good
  zcat old.jsonl.gz | newscrawl validate -

exit status: 0 every line is valid, 1 some line is not, 2 usage, 3 a file is missing"""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``validate`` parser."""
    p = sub.add_parser(
        "validate",
        help="check JSON Lines output against the record schema",
        usage="newscrawl validate [-h] [--max-errors N] [--quiet] FILE.jsonl [FILE ...]",
        description="Check every line of article files against the shipped JSON Schema.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="JSON Lines file, .gz, or - (stdin)")
    p.add_argument(
        "--max-errors",
        type=int,
        default=3,
        metavar="N",
        help="schema messages shown per bad line (default 3; 0 = only the first)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print only the summary line")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Validate each file; exit 1 when any line is bad."""
    total = bad = 0
    for path in args.files:
        name = "<stdin>" if path == "-" else path
        for line in read_lines(path):
            total += 1
            problems = [line.error] if line.error else _problems(line.record)
            if not problems:
                continue
            bad += 1
            if not args.quiet:
                for message in problems[: max(1, args.max_errors)]:
                    print(f"{name}:{line.number}: {message}")
    files = f"{len(args.files)} file{'s' if len(args.files) != 1 else ''}"
    verdict = "all valid" if not bad else f"{bad} invalid"
    print(f"{total} lines in {files}: {verdict}", file=sys.stderr)  # stdout: only problems
    return 1 if bad else 0


def _problems(record: object) -> list[str]:
    """Schema messages for one parsed line."""
    if not isinstance(record, dict):
        return [f"not a JSON object but {type(record).__name__}"]
    return schema_errors(record)
