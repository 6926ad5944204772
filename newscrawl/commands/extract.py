"""``newscrawl extract``: saved pages, live URLs or stdin to article records."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from newscrawl.commands.common import CommandError
from newscrawl.commands.fetch import fetch

if TYPE_CHECKING:
    from newscrawl.extraction.body import Removal  # trafilatura: not at start-up

NO_ARTICLE, MISSING, FETCH_FAILED = 1, 3, 4

EPILOG = """\
Inputs are HTML files (gzipped or not), folders (every .html/.htm file in
them, also .html.gz), http(s):// URLs, or - for stdin. One input prints one JSON record
(indented); several print JSON Lines, one record per line, in input order.
A live URL is fetched politely: the crawler's User-Agent, robots.txt obeyed,
DOWNLOAD_TIMEOUT and DOWNLOAD_MAXSIZE from the settings (--timeout overrides).
--url names where a saved page came from: it selects the agency's rules,
makes links absolute and is the record's url; without it, the page's own
canonical link (or og:url) stands in, and a page with neither has url null.

formats:
  json      the record (docs/record.md); metadata.dateDownloaded is the fetch
            time, or a saved file's modification time
  text      headline, a blank line, the body
  markdown  # headline, a line of date, authors and publisher, the paragraphs,
            a source link

--explain lists on stderr each line the cleaner removed from the page's
text and the rule that removed it (the rules: newscrawl.extraction.body.RULES),
so stdout stays the record.

examples:
  newscrawl extract page.html --url https://azertag.az/en/xeber/...-3873764
  newscrawl extract saved/*.html > articles.jsonl && newscrawl validate articles.jsonl
  newscrawl extract https://www.example.org/news/story.html --format markdown
  curl -s https://www.example.org/story | newscrawl extract - --url https://www.example.org/story
  newscrawl extract page.html --format text --explain

exit status: 0 every input gave an article, 1 some page held no article,
2 usage, 3 an input file is missing, 4 a URL could not be fetched (network,
HTTP error, robots.txt); with several inputs, the highest one that happened"""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``extract`` parser."""
    p = sub.add_parser(
        "extract",
        help="extract clean articles from saved pages or live URLs",
        usage="newscrawl extract [-h] [--url URL] [--format FMT] [--timeout S] [--explain] "
        "PATH|URL|- ...",
        description="Print the clean article of each page: JSON, plain text or Markdown.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="PATH|URL|-", help="HTML file, folder, URL or -")
    p.add_argument("--url", help="the URL the page was saved from (selects agency rules)")
    p.add_argument(
        "--format",
        choices=("json", "text", "markdown"),
        default="json",
        metavar="FMT",
        help="json (default), text or markdown",
    )
    p.add_argument("--timeout", type=float, metavar="S", help="seconds to wait for a live page")
    p.add_argument(
        "--explain", action="store_true", help="list removed lines and their rules on stderr"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Extract each input; the exit code is the worst problem met (see EPILOG)."""
    inputs = list(_expand(args.inputs))
    if args.url and len(inputs) > 1:
        raise CommandError("--url names one page; give one input with it", 2)
    status = 0
    for source in inputs:
        try:
            record = _extract(source, args)
        except CommandError as exc:
            print(f"newscrawl: {exc}", file=sys.stderr)
            status = max(status, exc.code)
            continue
        if record is None:
            print(f"newscrawl: {source}: no article text found", file=sys.stderr)
            status = max(status, NO_ARTICLE)
            continue
        sys.stdout.write(render(record, args.format, pretty=len(inputs) == 1))
    return status


def _expand(inputs: list[str]) -> Iterator[str]:
    """Inputs with each folder replaced by its HTML files, sorted."""
    for item in inputs:
        path = Path(item)
        if item != "-" and "://" not in item and path.is_dir():
            yield from sorted(str(p) for p in path.rglob("*") if _is_page(p))
        else:
            yield item


def _is_page(path: Path) -> bool:
    """A saved HTML page in a folder: .html or .htm, gzipped or not."""
    return path.is_file() and path.name.lower().endswith((".html", ".htm", ".html.gz", ".htm.gz"))


def _extract(source: str, args: argparse.Namespace) -> dict | None:
    """One input to a record with its metadata filled, or None when it holds no article."""
    charset = None
    if source.startswith(("http://", "https://")):
        page = fetch(source, timeout=args.timeout)
        html, url, downloaded, charset = (
            page.body,
            args.url or page.url,
            datetime.now(UTC),
            page.charset,
        )
    elif source == "-":
        html, url, downloaded = sys.stdin.buffer.read(), args.url, datetime.now(UTC)
    else:
        path = Path(source)
        if not path.is_file():
            raise CommandError(f"{source}: no such file", MISSING)
        html, url = _read_page(path), args.url
        downloaded = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    from newscrawl.extraction import explain_article  # trafilatura: only when extracting

    record, removed = explain_article(html, url=url, encoding=charset)
    if record and url is None and record.get("canonicalUrl"):  # a saved page names itself
        record, removed = explain_article(html, url=record["canonicalUrl"], encoding=charset)
    if args.explain:
        _print_removed(source, removed)
    if not record or not record.get("articleBody"):
        return None
    record["metadata"] = {
        "dateDownloaded": downloaded.replace(microsecond=0).isoformat(),
        "spider": None,
        **record["metadata"],
    }
    return record


def _print_removed(source: str, removed: list[Removal]) -> None:
    """Each removed line with its rule, on stderr, so that stdout stays the record."""
    from newscrawl.evaluation.report import clip

    print(f"{source}: {len(removed)} lines removed", file=sys.stderr)
    for rule, text in removed:
        print(f"  {rule}: {clip(text, 160)}", file=sys.stderr)


def _read_page(path: Path) -> bytes:
    """A saved page's bytes, gunzipped when it is a .gz."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        import gzip

        return gzip.decompress(data)
    return data


def render(record: dict, fmt: str, pretty: bool) -> str:
    """A record as the chosen output format, newline-terminated."""
    if fmt == "text":
        return f"{record['headline'] or ''}\n\n{record['articleBody']}\n\n"
    if fmt == "markdown":
        return markdown(record)
    indent = 2 if pretty else None
    separators = None if pretty else (",", ":")
    return json.dumps(record, ensure_ascii=False, indent=indent, separators=separators) + "\n"


def markdown(record: dict) -> str:
    """The article as Markdown: title, a byline of date, authors and publisher, paragraphs."""
    byline = [record.get("datePublished") or ""]
    if record.get("authors"):
        byline.append(", ".join(a["name"] for a in record["authors"]))
    if record.get("publisher"):
        byline.append(record["publisher"]["name"])
    paragraphs = "\n\n".join(_escape_md(p) for p in record["articleBody"].split("\n"))
    source = f"\n\n[Source]({record['url']})" if record.get("url") else ""
    meta = " · ".join(b for b in byline if b)
    return f"# {_escape_md(record['headline'] or '')}\n\n*{meta}*\n\n{paragraphs}{source}\n\n"


def _escape_md(text: str) -> str:
    """Escape what would turn a plain paragraph into Markdown syntax (a leading #, -, 1.)."""
    stripped = text.lstrip()
    if stripped[:1] in ("#", "-", "+", "*", ">") or stripped.split(".", 1)[0].isdigit():
        return "\\" + stripped
    return text
