"""How far any choice among a page's own titles can go on the fundus headline labels.

Usage::

    python benchmarks/headlines.py [--limit N] [--learned]

A page states its title up to five times: the first ``<h1>``, JSON-LD
``headline``, ``og:title``, ``twitter:title`` and ``<title>``, each cleaned
here exactly as ``extract_article`` cleans it (entities, invisible
characters, the site's name). The fundus labels take one of them, and which
one depends on each publisher's parser. This script measures how much of
the issue's headline target (exact match ≥ 0.95) that leaves to a rule that
sees only the page:

- each source alone, and the record's ``headline`` (and "or alternative");
- the best fixed order of the five sources (chosen on these very pages);
- the best rule keyed on the *agreement pattern*: which sources are present
  and which of them carry the same words. "in-sample" picks the best source
  for each pattern on these pages, an upper bound for every rule that
  reads only which titles agree; "by publisher" learns the same table with
  the page's publisher held out, the honest estimate for a new site;
- the oracle: some source equals the label;
- with ``--learned`` (needs scikit-learn, ``pip install '.[bench]'``): a
  ranker learned from the labels themselves (each title's source, which
  sources it agrees with, its length against the others', kicker colon,
  quote style; logistic regression and gradient boosting), scored in-sample
  and with each publisher held out: the most a model of "which title do
  labellers pick" can reach on a publisher it has not seen.

A benchmark, not a test: it prints a table and asserts nothing. It reads
``../shared/datasets/fundus`` beside the repository and skips without it.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from newscrawl import extract_article
from newscrawl.evaluation.datasets import load_dataset
from newscrawl.evaluation.metadata import headline_correct
from newscrawl.extraction import headline
from newscrawl.extraction.metadata import ld_str, site_names
from newscrawl.extraction.page import parse_page

FUNDUS = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "fundus"
SOURCES = ("h1", "JSON-LD", "og:title", "twitter:title", "<title>")

Row = tuple[str, str, dict[str, str | None]]  # publisher, label, source -> title


def candidates(html: bytes, url: str | None) -> dict[str, str | None]:
    """The page's five titles, cleaned as ``extract_article`` cleans them, and its record's."""
    page = parse_page(html, url, None)
    keys, domain = headline.site_keys(page, site_names(page, None))

    def declared(raw: str | None) -> str | None:
        return headline.cleaned_title(raw, keys, domain)

    shown = headline.h1_texts(page)
    record = extract_article(html, url)
    return {
        "h1": shown[0] if shown else None,
        "JSON-LD": declared(ld_str(page.jsonld.get("headline"))),
        "og:title": declared(page.first_meta("og:title")),
        "twitter:title": declared(page.first_meta("twitter:title")),
        "<title>": declared(page.title),
        "headline": record.get("headline"),
        "alternative": record.get("alternativeHeadline"),
    }


def publisher(page_id: str) -> str:
    """``de/BR`` for ``test_data/de/BR_2024_08_27.html.gz``: country folder and name."""
    folder, _, name = page_id.rpartition("/")
    return f"{folder.rpartition('/')[2]}/{name.split('_')[0]}"


def pattern(titles: dict[str, str | None]) -> str:
    """Which sources are present and which agree: "01-02" = h1 and og:title alike, no tw."""
    seen: dict[tuple[str, ...], str] = {}
    marks = []
    for source in SOURCES:
        text = titles[source]
        marks.append(seen.setdefault(tuple(headline.words(text)), str(len(seen))) if text else "-")
    return "".join(marks)


def score(rows: list[Row], pick: Callable[[Row], str | None]) -> int:
    """How many rows the picked title matches exactly."""
    return sum(headline_correct(pick(row), row[1]) for row in rows)


def first_of(order: tuple[str, ...]) -> Callable[[Row], str | None]:
    """A rule taking the first present source of ``order``."""
    return lambda row: next((row[2][s] for s in order if row[2][s]), None)


def best_order(rows: list[Row]) -> tuple[int, tuple[str, ...]]:
    """The fixed source order that scores best on ``rows``."""
    return max((score(rows, first_of(o)), o) for o in itertools.permutations(SOURCES))


def pattern_table(rows: list[Row]) -> dict[str, str]:
    """For each agreement pattern, the source that matches most labels of its rows."""
    hits: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        counts = hits[pattern(row[2])]
        for source in SOURCES:
            counts[source] += headline_correct(row[2][source], row[1])
    return {p: max(SOURCES, key=lambda s, c=c: (c[s], -SOURCES.index(s))) for p, c in hits.items()}


def by_pattern(table: dict[str, str], fallback: tuple[str, ...]) -> Callable[[Row], str | None]:
    """A rule taking the table's source for the row's pattern, else the fallback order."""

    def pick(row: Row) -> str | None:
        source = table.get(pattern(row[2]))
        return row[2][source] if source else first_of(fallback)(row)

    return pick


def held_out(rows: list[Row]) -> int:
    """Pattern rule scored on each publisher's rows after learning it on all the others."""
    total = 0
    for name in {row[0] for row in rows}:
        train = [row for row in rows if row[0] != name]
        rule = by_pattern(pattern_table(train), best_order(train)[1])
        total += score([row for row in rows if row[0] == name], rule)
    return total


def report(rows: list[Row]) -> list[tuple[str, int]]:
    """The table's lines: a rule and how many labels it matches."""
    lines = [(f"{s} alone", score(rows, first_of((s,)))) for s in SOURCES]
    lines.append(("newscrawl headline", score(rows, lambda r: r[2]["headline"])))
    either = sum(
        headline_correct(r[2]["headline"], r[1]) or headline_correct(r[2]["alternative"], r[1])
        for r in rows
    )
    lines.append(("newscrawl headline or alternativeHeadline", either))
    hits, order = best_order(rows)
    lines.append((f"best fixed order, in-sample: {' > '.join(order)}", hits))
    lines.append(
        (
            "best rule per agreement pattern, in-sample",
            score(rows, by_pattern(pattern_table(rows), order)),
        )
    )
    lines.append(("best rule per agreement pattern, publisher held out", held_out(rows)))
    oracle = sum(any(headline_correct(r[2][s], r[1]) for s in SOURCES) for r in rows)
    lines.append(("oracle: some source equals the label", oracle))
    return lines


def features(titles: dict[str, str | None], source: str) -> list[float]:
    """What a ranker may know of one title: its source, its agreements, its shape."""
    text = titles[source] or ""
    present = [s for s in SOURCES if titles[s]]
    lengths = [len(titles[s] or "") for s in present]
    agree = [
        float(bool(titles[o]) and headline.words(titles[o]) == headline.words(text))
        for o in SOURCES
    ]
    return [
        *(float(source == s) for s in SOURCES),
        *agree,
        sum(agree) - 1,
        len(present),
        len(text),
        len(text) / max(1, len(titles["h1"] or text)),
        float(len(text) == min(lengths)),
        float(len(text) == max(lengths)),
        float(":" in text),
        float(bool(re.search("[‘’“”„«»]", text))),
        float(bool(re.search("['\"]", text))),
        float(any(sep in text for sep in (" - ", " – ", " | "))),
    ]


def learned(rows: list[Row]) -> list[tuple[str, int]]:
    """Rankers trained on the labels: in-sample, and with each publisher held out."""
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    X, y, groups, page = [], [], [], []
    for i, (name, label, titles) in enumerate(rows):
        for source in SOURCES:
            if titles[source]:
                X.append(features(titles, source))
                y.append(int(headline_correct(titles[source], label)))
                groups.append(name)
                page.append(i)

    def hits(make: Callable, folds: int | None) -> int:
        prob = [0.0] * len(y)
        splits = GroupKFold(folds).split(X, y, groups) if folds else [(range(len(y)),) * 2]
        for train, test in splits:
            model = make().fit([X[j] for j in train], [y[j] for j in train])
            for j, p in zip(test, model.predict_proba([X[j] for j in test])[:, 1], strict=True):
                prob[j] = p
        best: dict[int, int] = {}
        for j, i in enumerate(page):
            if i not in best or prob[j] > prob[best[i]]:
                best[i] = j
        return sum(y[j] for j in best.values())

    models = {
        "logistic regression": lambda: LogisticRegression(max_iter=2000),
        "gradient boosting": lambda: GradientBoostingClassifier(random_state=0),
    }
    publishers = len(set(groups))
    lines = []
    for name, make in models.items():
        lines.append((f"learned ranker ({name}), in-sample", hits(make, None)))
        lines.append((f"learned ranker ({name}), publisher held out", hits(make, publishers)))
    return lines


def main(argv: list[str] | None = None) -> int:
    """Read the fundus pages, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="at most N pages")
    parser.add_argument(
        "--learned", action="store_true", help="also rankers learned from the labels (sklearn)"
    )
    args = parser.parse_args(argv)
    if not FUNDUS.is_dir():
        print(f"skipped: {FUNDUS} is absent")
        return 0
    rows = [
        (publisher(p.id), p.expected_title, candidates(p.html, p.url))
        for p in load_dataset(FUNDUS).pages(args.limit)
        if p.expected_title
    ]
    patterns = len({pattern(r[2]) for r in rows})
    print(
        f"fundus: {len(rows)} pages with a labelled title, {len({r[0] for r in rows})} publishers, "
        f"{patterns} agreement patterns\n"
    )
    print("| rule | exact | pages |\n|---|---|---|")
    for name, hits in report(rows) + (learned(rows) if args.learned else []):
        print(f"| {name} | {hits / len(rows):.3f} | {hits}/{len(rows)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
