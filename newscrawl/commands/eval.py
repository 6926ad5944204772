"""``newscrawl eval``: score article extraction on a labelled page set."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from newscrawl.evaluation import audit, extractors, report
from newscrawl.evaluation.datasets import DatasetError, LabelledPage, load_dataset
from newscrawl.evaluation.runner import EvalResult, evaluate

EPILOG = """\
data set layouts (recognised from the folder's contents):
  simple  expected.jsonl + pages/ (HTML files, gzipped or not). One object a line:
            {"file": "pages/x.html", "url": "https://...", "articleBody": "...",
             "headline": "...", "datePublished": "2024-05-03T18:19:00+02:00",
             "authors": ["Jane Doe"]}
          url, headline, datePublished and authors are optional; metadata is
          scored only where given.
  aeb     html/<id>.html.gz + ground-truth.json (article-extraction-benchmark)
  fundus  manifest.jsonl + test_data/ (fundus per-publisher test pages)

body metric (article-extraction-benchmark): tokens \\w+, multisets of 4-token
shingles; precision = mean page precision over pages with a prediction ("empty"
pages do not lower it), recall = mean page recall over all pages, F1 of the two
means, accuracy = share of pages whose tokens equal the truth's exactly.
ms/page is the median time of the extract call alone.

metadata: headline exact after whitespace squash ("headline or alt." also counts
our alternativeHeadline, the page's differently worded declared title: a
diagnostic, not the headline score); date to the minute with the
same UTC offset (pages whose expected date has an offset); date to the day in
the expected date's offset; author names micro-averaged P/R/F1 (case-folded).
trafilatura's bare_extraction is the reference row (its dates are day-only).

--audit: for each of newscrawl's cleaning rules (lexicon rules split by
pattern), the lines it removed, how many of them the labels keep as article
text ("story"), and on how many pages and sites: a rule that removes story
text, or fires on one site only, is the one to look at.

exit status: 0 done, 1 done but an extractor raised on some page (scored as
empty), 2 usage error, 3 data set folder missing or not recognised."""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``eval`` parser."""
    p = sub.add_parser(
        "eval",
        help="score article extraction on a labelled page set",
        description="Score extractors on a folder of pages labelled with their article text.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("dataset", metavar="DATASET_DIR", help="folder of labelled pages")
    p.add_argument(
        "--extractor",
        action="append",
        choices=list(extractors.BUILDERS),
        metavar="NAME",
        help=f"extractor to score, repeatable (default: all of {', '.join(extractors.BUILDERS)})",
    )
    p.add_argument(
        "--worst",
        type=_count,
        default=0,
        metavar="N",
        help="list the N pages with the lowest F1 of newscrawl, with a diff",
    )
    p.add_argument(
        "--audit",
        action="store_true",
        help="count the lines each newscrawl cleaning rule removed, and how many the labels keep",
    )
    p.add_argument("--json", metavar="FILE", help="write all results as JSON to FILE (- = stdout)")
    p.add_argument("--limit", type=_count, metavar="N", help="score only the first N pages")
    p.set_defaults(func=run)


def _count(value: str) -> int:
    """A non-negative integer option."""
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {number}")
    return number


def run(args: argparse.Namespace) -> int:
    """Evaluate, print the tables, write the JSON; see EPILOG for exit codes."""
    try:
        dataset = load_dataset(args.dataset)
    except DatasetError as exc:
        print(f"newscrawl: {exc}", file=sys.stderr)
        return 3
    names = list(dict.fromkeys(args.extractor or extractors.BUILDERS))
    chosen = extractors.build(names)
    reference = (
        extractors.trafilatura_metadata()
        if any(n.startswith("trafilatura") for n in names)
        else None
    )
    result = evaluate(
        dataset,
        chosen,
        metadata_reference=reference,
        limit=args.limit,
        progress=_progress if sys.stderr.isatty() else None,
    )
    out = sys.stderr if args.json == "-" else sys.stdout
    worst = _worst(result, args.worst)
    _print_tables(result, worst, out)
    rows = _audit(result) if args.audit else None
    if rows is not None:
        print("\n" + audit.audit_text(rows), file=out)
    if args.json:
        data = report.to_json(result, worst)
        if rows is not None:
            data["audit"] = audit.audit_json(rows)
        _write_json(data, args.json)
    return 1 if any(body.errors for body in result.bodies) else 0


def _progress(n: int, page: LabelledPage) -> None:
    """A one-line counter on an interactive terminal."""
    print(f"\r{n} pages...", end="", file=sys.stderr, flush=True)


def _worst(result: EvalResult, n: int) -> dict[str, Any] | None:
    """Worst pages of newscrawl (else of the first extractor), or None."""
    if not n or not result.bodies:
        return None
    body = next((b for b in result.bodies if b.name == "newscrawl"), result.bodies[0])
    return {"extractor": body.name, "pages": report.worst_pages(body, n)}


def _audit(result: EvalResult) -> list[audit.RuleAudit]:
    """The rule audit of newscrawl's pages (empty when newscrawl was not scored)."""
    body = next((b for b in result.bodies if b.name == "newscrawl"), None)
    return audit.audit(body) if body else []


def _print_tables(result: EvalResult, worst: dict[str, Any] | None, out: TextIO) -> None:
    """The body table, then the metadata table and worst pages when present."""
    if sys.stderr.isatty():
        print("\r", end="", file=sys.stderr)
    ds = result.dataset
    print(f"{ds.path} ({ds.format}): {result.pages} pages", file=out)
    print(report.body_table(result), file=out)
    if result.metadata:
        print(f"\nmetadata ({result.pages_with_metadata} pages with expected values)", file=out)
        print(report.metadata_table(result), file=out)
    if worst:
        print("\n" + report.worst_text(worst["pages"], worst["extractor"]), file=out)


def _write_json(data: dict[str, Any], target: str) -> None:
    """JSON to a file, or to stdout for ``-``."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if target == "-":
        print(text)
    else:
        Path(target).write_text(text + "\n", encoding="utf-8")
