"""Tables, worst-page diffs and the JSON form of an evaluation.

The diffs work on the metric's own tokens, so that what they show as missed
or leaked is exactly what cost shingles, but each snippet is cut from the
original text (punctuation and all) so that it can be found on the page.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from newscrawl.evaluation.metadata import Rate
from newscrawl.evaluation.runner import EvalResult, ExtractorResult, PageResult

_TOKEN = re.compile(r"\w+")
SNIPPET_WIDTH = 100
SNIPPETS = 3


def fmt(value: float | None, digits: int = 3) -> str:
    """A score for a table; ``-`` when undefined."""
    return "-" if value is None else f"{value:.{digits}f}"


def body_table(result: EvalResult) -> str:
    """One row per extractor: the benchmark's numbers, errors and speed."""
    head = (
        "extractor",
        "precision",
        "recall",
        "F1",
        "accuracy",
        "empty",
        "errors",
        "pages",
        "ms/page",
    )
    rows = [head]
    for body in result.bodies:
        agg = body.body()
        rows.append(
            (
                body.name,
                fmt(agg.precision),
                fmt(agg.recall),
                fmt(agg.f1),
                fmt(agg.accuracy),
                str(agg.empty),
                str(body.errors),
                str(agg.pages),
                fmt(body.median_ms, 1),
            )
        )
    return align(rows)


def metadata_table(result: EvalResult) -> str:
    """One row per metadata source: headline, dates and author-name scores."""
    head = (
        "metadata",
        "headline",
        "headline or alt.",
        "date (minute+offset)",
        "date (day)",
        "authors P",
        "authors R",
        "authors F1",
    )
    rows = [head]
    for item in result.metadata:
        summary = item.metadata()
        authors = summary.authors
        rows.append(
            (
                item.name,
                _rate(summary.headline),
                _rate(summary.headline_or_alt),
                _rate(summary.date_minute),
                _rate(summary.date_day),
                fmt(authors.precision),
                fmt(authors.recall),
                fmt(authors.f1),
            )
        )
    return align(rows)


def _rate(rate: Rate | None) -> str:
    """``0.812 (210/258)``, or ``n/a`` for a score the source cannot reach."""
    if rate is None:
        return "n/a"
    return f"{fmt(rate.value)} ({rate.correct}/{rate.total})"


def align(rows: list[tuple[str, ...]], left: int = 1) -> str:
    """Left-align the first ``left`` columns (names), right-align the rest (numbers)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [cell.ljust(w) for cell, w in zip(row[:left], widths[:left], strict=True)]
        cells += [cell.rjust(w) for cell, w in zip(row[left:], widths[left:], strict=True)]
        lines.append("  ".join(cells))
    return "\n".join(lines)


def worst_pages(body: ExtractorResult, n: int) -> list[dict[str, Any]]:
    """The ``n`` pages with the lowest page F1, with what was missed and leaked."""
    ranked = sorted(body.pages, key=lambda p: (p.score.f1, p.id))[:n]
    return [_worst_entry(page) for page in ranked]


def _worst_entry(page: PageResult) -> dict[str, Any]:
    """A worst page's scores and its diff."""
    missed, leaked = token_diff(page.expected, page.predicted)
    return {
        "id": page.id,
        "url": page.url,
        "f1": page.score.f1,
        "precision": page.score.precision,
        "recall": page.score.recall,
        "error": page.error,
        "missed": missed,
        "leaked": leaked,
    }


def token_diff(
    expected: str | None, predicted: str | None, limit: int = SNIPPETS
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The longest runs of tokens missed from the truth and leaked into the prediction."""
    exp, pred = list(_TOKEN.finditer(expected or "")), list(_TOKEN.finditer(predicted or ""))
    matcher = SequenceMatcher(None, [m[0] for m in exp], [m[0] for m in pred], autojunk=False)
    missed: list[tuple[int, int, str]] = []
    leaked: list[tuple[int, int, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            missed.append((i2 - i1, i1, _snippet(expected or "", exp[i1:i2])))
        if tag in ("replace", "insert"):
            leaked.append((j2 - j1, j1, _snippet(predicted or "", pred[j1:j2])))
    return _longest(missed, limit), _longest(leaked, limit)


def _longest(runs: list[tuple[int, int, str]], limit: int) -> list[dict[str, Any]]:
    """The ``limit`` longest runs, back in text order."""
    chosen = sorted(sorted(runs, key=lambda r: -r[0])[:limit], key=lambda r: r[1])
    return [{"tokens": size, "text": text} for size, _, text in chosen]


def _snippet(text: str, run: list[re.Match[str]]) -> str:
    """The original text of a token run, whitespace squashed, cut to width."""
    return clip(" ".join(text[run[0].start() : run[-1].end()].split()))


def clip(text: str, width: int = SNIPPET_WIDTH) -> str:
    """``text`` cut to ``width`` characters, an ellipsis showing the cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def worst_text(entries: list[dict[str, Any]], name: str) -> str:
    """The worst pages as readable text."""
    lines = [f"worst pages of {name}:"]
    for entry in entries:
        lines.append(
            f"- F1 {fmt(entry['f1'])} P {fmt(entry['precision'])} R {fmt(entry['recall'])}"
            f"  {entry['id']}  {entry['url'] or ''}".rstrip()
        )
        if entry["error"]:
            lines.append(f"    error: {entry['error']}")
        lines += [f"    missed ({s['tokens']} tok): {s['text']}" for s in entry["missed"]]
        lines += [f"    leaked ({s['tokens']} tok): {s['text']}" for s in entry["leaked"]]
    return "\n".join(lines)


def to_json(result: EvalResult, worst: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything measured, as plain JSON-ready data.

    ``worst`` is ``{"extractor": name, "pages": worst_pages(...)}`` or None.
    """
    return {
        "dataset": {
            "path": str(result.dataset.path),
            "format": result.dataset.format,
            "pages": result.pages,
            "pages_with_metadata": result.pages_with_metadata,
        },
        "extractors": {body.name: _body_json(body) for body in result.bodies},
        "metadata": {item.name: _metadata_json(item) for item in result.metadata},
        "worst": worst,
    }


def _body_json(body: ExtractorResult) -> dict[str, Any]:
    """Summary and per-page body scores of one extractor."""
    agg = body.body()
    return {
        "precision": agg.precision,
        "recall": agg.recall,
        "f1": agg.f1,
        "accuracy": agg.accuracy,
        "empty": agg.empty,
        "errors": body.errors,
        "pages": agg.pages,
        "ms_per_page_median": body.median_ms,
        "per_page": [_page_json(p) for p in body.pages],
    }


def _page_json(page: PageResult) -> dict[str, Any]:
    """One page's body score."""
    score = page.score
    return {
        "id": page.id,
        "url": page.url,
        "tp": score.tp,
        "fp": score.fp,
        "fn": score.fn,
        "precision": score.precision,
        "recall": score.recall,
        "f1": score.f1,
        "exact": score.exact,
        "empty": score.empty,
        "ms": round(page.ms, 3),
        "error": page.error,
    }


def _metadata_json(item: ExtractorResult) -> dict[str, Any]:
    """Metadata scores of one source."""
    summary = item.metadata()
    authors = summary.authors

    def rate(r: Rate | None) -> dict[str, Any] | None:
        return None if r is None else {"correct": r.correct, "total": r.total, "rate": r.value}

    return {
        "headline": rate(summary.headline),
        "headline_or_alt": rate(summary.headline_or_alt),
        "date_minute": rate(summary.date_minute),
        "date_day": rate(summary.date_day),
        "authors": {
            "tp": authors.tp,
            "fp": authors.fp,
            "fn": authors.fn,
            "pages": authors.pages,
            "precision": authors.precision,
            "recall": authors.recall,
            "f1": authors.f1,
        },
        "per_page": [_page_metadata_json(p) for p in item.pages],
    }


def _page_metadata_json(page: PageResult) -> dict[str, Any]:
    """One page's metadata outcomes beside the found and expected values."""
    found, truth = page.found, page.truth
    return {
        "id": page.id,
        "headline": page.headline,
        "headline_or_alt": page.headline_or_alt,
        "date_minute": page.date_minute,
        "date_day": page.date_day,
        "authors": None
        if page.authors is None
        else dict(zip(("tp", "fp", "fn"), page.authors, strict=True)),
        "found": {
            "headline": found.title,
            "alternativeHeadline": found.alt_title,
            "date": found.date,
            "authors": found.authors,
        },
        "expected": {"headline": truth.title, "date": truth.date, "authors": truth.authors},
        "error": page.error,
    }
