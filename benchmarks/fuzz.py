"""Fuzz the cleaner, the dateline and date parsers, feeds, sitemaps and encoding detection.

Usage::

    python benchmarks/fuzz.py --minutes 10 [--targets extract_page,dates] [--out DIR]

Not a test and not run in CI: it runs for the given wall-clock time, split
evenly between the targets, and prints a table (target, examples run,
failing examples, unique failures). Inputs come from the hypothesis
strategies of ``tests/strategies.py`` (plausible news pages in many
scripts, encodings and charsets, date strings, feeds, sitemaps) and from
raw bytes and text; each target checks the same properties as
``tests/test_properties.py``.

A failure is told apart from others by its signature (the exception type and
the innermost ``newscrawl`` line, or an assertion's message with its values
blanked). The first example of each new signature is shrunk by hypothesis for
up to ``--shrink-seconds``, and the smallest failing input found is written to
``--out`` (default ``benchmarks/fuzz-findings/``, git-ignored) as
``<target>-<signature hash>.json`` (the arguments, the signature, the
traceback) plus the page itself as ``.html``/``.bin`` when there is one, to be
turned into a regression test in ``tests/test_fuzz_regressions.py``.
Known signatures are counted, not shrunk again, so one run finds many bugs.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import re
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tests.strategies when run from anywhere

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.errors import HypothesisException  # noqa: E402

from newscrawl.extraction.article import extract_article  # noqa: E402
from newscrawl.extraction.dateline import find_dateline  # noqa: E402
from newscrawl.extraction.dates import (  # noqa: E402
    parse_machine_date,
    parse_visible_date,
    resolve_day_month,
)
from newscrawl.extraction.encoding import decode_html  # noqa: E402
from newscrawl.profiles import all_profiles  # noqa: E402
from newscrawl.spiders.sitemaps import SitemapError, parse_sitemap  # noqa: E402
from newscrawl.spiders.sources import parse_feed  # noqa: E402
from tests.strategies import (  # noqa: E402
    AGENCIES,
    DECLARED,
    TZ_NAMES,
    URLS,
    any_date_text,
    assert_aware_or_none,
    assert_links,
    assert_record,
    aware_datetimes,
    check_dateline,
    encoded_pages,
    feeds,
    missing_body_lines,
    news_pages,
    page_text,
    sentences,
    sitemaps,
)

DATE_FORMATS = tuple(sorted({f for p in all_profiles() for f in p.date_formats}))
BATCH = 100  # examples per hypothesis run; runs repeat until the target's time is up


def _extract_page(html: str, url: str) -> None:
    record = extract_article(html, url)
    assert record is not None, "a news page gave no record"
    assert_record(record)
    missing = missing_body_lines(record, page_text(html, url))
    assert not missing, f"body text not on the page\n{missing}"


def _extract_bytes(page: tuple[bytes, str | None], url: str) -> None:
    body, declared = page
    record = extract_article(body, url, encoding=declared)
    assert_record(record)
    missing = missing_body_lines(record, page_text(body, url, declared))
    assert not missing, f"body text not on the page\n{missing}"


def _extract_junk(html: bytes | str, url: str | None) -> None:
    record = extract_article(html, url)
    if url:  # without a URL the record is not meant to be valid, only not to raise
        assert_record(record)


def _dateline(text: str, agencies: tuple[str, ...]) -> None:
    check_dateline(find_dateline(text, agencies), text)


def _dates(text: str, tz: str | None, langs: list[str], ref: datetime) -> None:
    found = parse_machine_date(text, tz)
    assert_aware_or_none(found)
    assert found is None or 1900 < found.year < 2200, found
    assert_aware_or_none(parse_visible_date(text, DATE_FORMATS, tz, langs))
    day = resolve_day_month(text, ref, langs[0] if langs else None)
    assert day is None or not isinstance(day, datetime), day


def _feed(body: bytes, base: str) -> None:
    assert_links(parse_feed(body, base, "Asia/Baku"))


def _sitemap(body: bytes, base: str) -> None:
    try:
        assert_links(parse_sitemap(body, base, "Asia/Baku").pages)
    except SitemapError as exc:
        assert str(exc), "a sitemap refused without a reason"


def _encoding(body: bytes, declared: str | None) -> None:
    text, name = decode_html(body, declared)
    assert isinstance(text, str) and name


LANGS = st.sampled_from(([], ["az"], ["ru"], ["en", "tr"], ["ar"], ["zz"]))
TARGETS: dict[str, tuple[Callable[..., None], tuple[st.SearchStrategy, ...]]] = {
    "extract_page": (_extract_page, (news_pages(), st.sampled_from(URLS))),
    "extract_bytes": (_extract_bytes, (encoded_pages(), st.sampled_from(URLS))),
    "extract_junk": (
        _extract_junk,
        (
            st.one_of(st.binary(max_size=5000), st.text(max_size=5000)),
            st.sampled_from((None, *URLS)),
        ),
    ),
    "dateline": (
        _dateline,
        (st.one_of(st.text(max_size=300), sentences()), st.sampled_from(((), AGENCIES))),
    ),
    "dates": (_dates, (any_date_text(), st.sampled_from(TZ_NAMES), LANGS, aware_datetimes())),
    "feed": (_feed, (st.one_of(feeds(), st.binary(max_size=2000)), st.sampled_from(URLS))),
    "sitemap": (_sitemap, (st.one_of(sitemaps(), st.binary(max_size=2000)), st.sampled_from(URLS))),
    "encoding": (_encoding, (st.binary(max_size=5000), st.sampled_from(DECLARED))),
}


@dataclass
class Finding:
    """The smallest failing input seen for one signature."""

    signature: str
    args: tuple
    trace: str
    size: int


@dataclass
class Tally:
    """What one target's run saw."""

    examples: int = 0
    failures: int = 0
    findings: dict[str, Finding] = field(default_factory=dict)


def signature(exc: BaseException) -> str:
    """Tell failures apart: exception type and innermost newscrawl line; for an
    assertion, its message with quoted values and numbers blanked."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "newscrawl" in f.filename and "/tests/" not in f.filename]
    where = ours[-1] if ours else (frames[-1] if frames else None)
    place = f"{Path(where.filename).name}:{where.lineno}" if where else "?"
    if isinstance(exc, AssertionError):
        message = str(exc).split("\n", 1)[0]
        message = re.sub(r"'[^']*'|\"[^\"]*\"|\d+", "…", message)[:160]
        return f"AssertionError: {message}"
    return f"{type(exc).__name__} at {place}"


def fuzz_target(name: str, seconds: float, shrink_seconds: float) -> Tally:
    """Run one target for ``seconds``; new failures are shrunk, known ones counted.

    Hypothesis stops a run at the first failure it lets through, so only the
    first example of a new signature is raised (and shrunk, for at most
    ``shrink_seconds``); the rest are recorded and the run goes on. Examples
    and failures are counted while generating, not while shrinking.
    """
    check, strategies = TARGETS[name]
    tally = Tally()
    stop = time.monotonic() + seconds
    known: set[str] = set()
    state: dict[str, object] = {"current": None, "until": 0.0}

    @settings(
        max_examples=BATCH,
        deadline=None,
        database=None,
        phases=(Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
    )
    @given(st.tuples(*strategies))
    def run(args: tuple) -> None:
        now = time.monotonic()
        generating = state["current"] is None
        if generating and now > stop:
            return
        tally.examples += generating
        try:
            check(*args)
        except Exception as exc:  # every failure is a finding; only a new one is shrunk
            sig = _record(tally, exc, args)
            tally.failures += generating
            if sig in known:
                return
            if generating:
                state["current"], state["until"] = sig, now + shrink_seconds
            if sig == state["current"] and now < state["until"]:
                raise

    while time.monotonic() < stop:
        with contextlib.suppress(Exception, HypothesisException):  # shrunk failure, flaky replay
            run()
        if state["current"] is not None:
            known.add(str(state["current"]))
            state["current"] = None
    return tally


def _record(tally: Tally, exc: BaseException, args: tuple) -> str:
    """Keep the smallest failing input of ``exc``'s signature; return the signature."""
    sig = signature(exc)
    size = len(repr(args))
    best = tally.findings.get(sig)
    if best is None or size < best.size:
        trace = "".join(traceback.format_exception(exc))
        tally.findings[sig] = Finding(sig, args, trace, size)
    return sig


def save(name: str, tally: Tally, out: Path) -> list[Path]:
    """Write each finding's smallest input and traceback under ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for sig, finding in tally.findings.items():
        key = hashlib.sha256(sig.encode()).hexdigest()[:10]
        stem = out / f"{name}-{key}"
        args = [_jsonable(a) for a in finding.args]
        data = {"target": name, "signature": sig, "args": args, "traceback": finding.trace}
        stem.with_suffix(".json").write_text(json.dumps(data, ensure_ascii=False, indent=1))
        first = finding.args[0] if finding.args else None
        if isinstance(first, tuple) and first and isinstance(first[0], bytes):
            first = first[0]
        if isinstance(first, bytes):
            stem.with_suffix(".bin").write_bytes(first)
        elif isinstance(first, str):
            stem.with_suffix(".html").write_text(first, "utf-8", errors="surrogatepass")
        written.append(stem.with_suffix(".json"))
    return written


def _jsonable(value: object) -> object:
    """Arguments as JSON: bytes as their ``repr`` (exact and pasteable into a test)."""
    if isinstance(value, bytes):
        return {"bytes": repr(value)}
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    return value if isinstance(value, str | int | float | bool | None) else repr(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="total wall-clock time")
    parser.add_argument("--targets", default=",".join(TARGETS), help="comma-separated names")
    parser.add_argument("--shrink-seconds", type=float, default=60.0)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "fuzz-findings")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.targets.split(",") if n.strip()]
    unknown = [n for n in names if n not in TARGETS]
    if unknown:
        parser.error(f"unknown targets {unknown}; known: {', '.join(TARGETS)}")
    per_target = args.minutes * 60 / len(names)
    started = datetime.now(UTC)
    print(f"fuzz {started:%Y-%m-%d %H:%M} UTC, {platform.platform()}, {os.cpu_count()} CPUs")
    print(f"{args.minutes:g} min over {len(names)} targets ({per_target:.0f} s each)\n")
    rows = []
    for name in names:
        t0 = time.monotonic()
        tally = fuzz_target(name, per_target, args.shrink_seconds)
        save(name, tally, args.out)
        rows.append((name, tally, time.monotonic() - t0))
        print(f"  {name}: {tally.examples} examples, {len(tally.findings)} unique failures")
    print("\n| target | seconds | examples | failing examples | unique failures |")
    print("|---|---:|---:|---:|---:|")
    for name, tally, secs in rows:
        print(
            f"| {name} | {secs:.0f} | {tally.examples} | {tally.failures} | {len(tally.findings)} |"
        )
    total = sum(len(t.findings) for _, t, _ in rows)
    for name, tally, _ in rows:
        for sig in tally.findings:
            print(f"- {name}: {sig}")
    print(f"\n{total} unique failures; inputs in {args.out}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
