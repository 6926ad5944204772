"""The ``newscrawl`` command line.

Each sub-command lives in ``newscrawl/commands/<name>.py`` and exposes
``register(subparsers)``, which adds its parser and sets ``func``; ``func``
returns the process exit code. Exit codes: 0 success, 1 the command ran but
found problems (e.g. invalid records), 2 usage error, 3 input not found or
unreadable.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = ("extract", "eval")


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every sub-command registered."""
    parser = argparse.ArgumentParser(
        prog="newscrawl",
        description="Crawl news agency websites into clean JSON Lines articles.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"newscrawl.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except FileNotFoundError as exc:
        print(f"newscrawl: {exc.filename or exc}: no such file", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
