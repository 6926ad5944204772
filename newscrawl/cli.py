"""The ``newscrawl`` command line.

Each sub-command lives in ``newscrawl/commands/<name>.py`` and exposes
``register(subparsers)``, which adds its parser and sets ``func``; ``func``
returns the process exit code (``EXIT_CODES`` below, shown by ``--help``).
A command reports an error by raising ``CommandError``; ``main`` turns it,
and the usual OS errors, into one line on stderr, never a traceback, because
the command line is used by people and scripts that cannot read a Python
stack (set ``NEWSCRAWL_DEBUG=1`` to get one).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import NoReturn

from newscrawl.commands.common import CommandError

COMMANDS = ("extract", "crawl", "stats", "validate", "serve", "eval")

EXIT_CODES = {
    0: "success",
    1: "the command ran and found problems (invalid records, pages without an article)",
    2: "usage error (unknown option, agency or argument)",
    3: "input missing or unreadable (file, folder)",
    4: "a live page could not be fetched (network error, HTTP error, robots.txt disallows)",
    70: "internal error (a bug: please report it with NEWSCRAWL_DEBUG=1 output)",
    130: "interrupted (Ctrl-C)",
}

EPILOG = """\
examples:
  newscrawl crawl azertac --lang en --replay fixtures --no-state -o articles.jsonl
  newscrawl validate articles.jsonl
  newscrawl stats articles.jsonl --rejects azertac.rejects.jsonl --html report.html
  newscrawl extract saved-page.html --url https://azertag.az/en/xeber/...
  newscrawl extract https://www.example.org/news/2026/11/27/story.html --format text
  newscrawl serve fixtures --port 8000

Run 'newscrawl COMMAND --help' for the options of one command.

exit status:
""" + "\n".join(f"  {code:<4} {text}" for code, text in EXIT_CODES.items())


class Parser(argparse.ArgumentParser):
    """An argparse parser whose usage errors are one ``newscrawl: ...`` line, exit 2."""

    def error(self, message: str) -> NoReturn:
        hint = f"see '{self.prog} --help'"
        self.exit(2, f"newscrawl: {message} ({hint})\n")


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every sub-command registered."""
    parser = Parser(
        prog="newscrawl",
        usage="newscrawl [-h] [--version] COMMAND [ARGS...]",
        description=(
            "Crawl news agency websites into clean article records (JSON Lines),\n"
            "extract single pages, check and summarise the output."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"newscrawl {_version()}")
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", title="commands", prog="newscrawl"
    )
    for name in COMMANDS:
        importlib.import_module(f"newscrawl.commands.{name}").register(sub)
    return parser


def _version() -> str:
    """The installed package version."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newscrawl")
    except PackageNotFoundError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script: run one command, map errors to exit codes."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except CommandError as exc:
        return _fail(str(exc), exc.code)
    except KeyboardInterrupt:
        print("newscrawl: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `newscrawl stats x | head`: the reader left; not an error
        _silence_stdout()
        return 0
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError) as exc:
        return _fail(f"{exc.filename or exc}: {_os_reason(exc)}", 3)
    except Exception as exc:
        if os.environ.get("NEWSCRAWL_DEBUG"):
            raise
        return _fail(f"internal error: {type(exc).__name__}: {exc}", 70)


def _fail(message: str, code: int) -> int:
    """Print one error line and return ``code``."""
    print(f"newscrawl: {message}", file=sys.stderr)
    return code


def _os_reason(exc: OSError) -> str:
    """A short reason for a file error, as ls or cat would say it."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    if isinstance(exc, NotADirectoryError):
        return "not a folder"
    return "permission denied"


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not raise again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
