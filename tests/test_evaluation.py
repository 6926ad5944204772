"""Tests of ``newscrawl eval``: the metric, the readers, the runner and the command.

Every data set is written into ``tmp_path`` by the test itself: the labelled
sets in ``../shared/datasets`` are not needed (and not present in every run).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newscrawl.cli import main
from newscrawl.evaluation import extractors
from newscrawl.evaluation.datasets import (
    DatasetError,
    LabelledPage,
    detect_format,
    fundus_body_text,
    load_dataset,
)
from newscrawl.evaluation.extractors import Extraction, Extractor
from newscrawl.evaluation.metadata import (
    author_counts,
    author_score,
    date_day_correct,
    date_minute_correct,
    headline_correct,
)
from newscrawl.evaluation.metric import aggregate, harmonic, score_page, shingles, tokens
from newscrawl.evaluation.report import token_diff, worst_pages
from newscrawl.evaluation.runner import evaluate, score_metadata

# --- metric -----------------------------------------------------------------


def test_tokens_keep_case_and_drop_punctuation():
    assert tokens("Don't stop—now! Zürich, 2024.") == ["Don", "t", "stop", "now", "Zürich", "2024"]
    assert tokens("") == []
    assert tokens(None) == []


def test_shingles_of_short_and_empty_texts():
    assert shingles([]) == {}
    assert shingles(["Hello", "world"]) == {("Hello", "world"): 1}
    assert shingles(list("abcd")) == {("a", "b", "c", "d"): 1}
    assert sum(shingles(list("abcdefg")).values()) == 4


def test_identical_texts_score_one():
    text = "The quick brown fox jumps over the lazy dog."
    score = score_page(text, text)
    assert (score.tp, score.fp, score.fn) == (6, 0, 0)
    assert score.precision == score.recall == score.f1 == 1.0
    assert score.exact
    agg = aggregate([score])
    assert (agg.precision, agg.recall, agg.f1, agg.accuracy, agg.empty) == (1.0, 1.0, 1.0, 1.0, 0)


def test_disjoint_texts_score_zero():
    score = score_page("alpha beta gamma delta", "one two three four")
    assert (score.tp, score.fp, score.fn) == (0, 1, 1)
    assert score.precision == 0.0 and score.recall == 0.0 and score.f1 == 0.0
    assert not score.exact


def test_partial_overlap_exact_counts():
    # truth shingles: abcd bcde cdef; predicted: abcd bcde cdex dexy
    score = score_page("a b c d e x y", "a b c d e f")
    assert (score.tp, score.fp, score.fn) == (2, 2, 1)
    assert score.precision == 0.5
    assert score.recall == pytest.approx(2 / 3)


def test_exactness_ignores_punctuation_and_whitespace_only():
    assert score_page("Hello,\n\nworld!", "Hello world").exact
    assert not score_page("hello world", "Hello world").exact


@pytest.mark.parametrize("prediction", [None, "", " — … "])
def test_empty_prediction_is_left_out_of_precision(prediction):
    score = score_page(prediction, "a b c d e")
    assert score.empty and score.precision is None
    assert score.recall == 0.0 and score.f1 == 0.0
    agg = aggregate([score, score_page("a b c d e", "a b c d e")])
    assert agg.precision == 1.0  # the empty page does not lower it
    assert agg.recall == 0.5
    assert agg.empty == 1 and agg.pages == 2 and agg.accuracy == 0.5


def test_repeated_shingles_count_as_a_multiset():
    # truth "a b c d a b c d": abcd x2, bcda, cdab, dabc (5); prediction abcd x1
    short = score_page("a b c d", "a b c d a b c d")
    assert (short.tp, short.fp, short.fn) == (1, 0, 4)
    assert short.precision == 1.0 and short.recall == pytest.approx(0.2)
    # prediction repeated three times: abcd x3, bcda x2, cdab x2, dabc x2 (9)
    long = score_page("a b c d " * 3, "a b c d")
    assert (long.tp, long.fp, long.fn) == (1, 8, 0)
    assert long.precision == pytest.approx(1 / 9) and long.recall == 1.0


def test_aggregate_is_f1_of_the_means():
    pages = [
        score_page("a b c d e f", "a b c d e f"),  # P 1, R 1
        score_page("a b c d e x y", "a b c d e f"),  # P 1/2, R 2/3
        score_page(None, "a b c d e f"),  # empty: R 0
    ]
    agg = aggregate(pages)
    assert agg.precision == pytest.approx(0.75)
    assert agg.recall == pytest.approx(5 / 9)
    assert agg.f1 == pytest.approx(30 / 47)  # 2 * 3/4 * 5/9 / (3/4 + 5/9)
    assert agg.f1 != pytest.approx(sum(p.f1 for p in pages) / 3)
    assert agg.accuracy == pytest.approx(1 / 3)
    assert (agg.empty, agg.pages) == (1, 3)


def test_aggregate_without_any_prediction():
    agg = aggregate([score_page(None, "a b c d")])
    assert agg.precision is None and agg.f1 is None and agg.recall == 0.0
    assert aggregate([]).pages == 0


def test_harmonic():
    assert harmonic(0.0, 0.0) == 0.0
    assert harmonic(0.5, 1.0) == pytest.approx(2 / 3)


# --- metadata ---------------------------------------------------------------


def test_headline_squashes_whitespace_only():
    assert headline_correct("  Harbour bridge\n reopens ", "Harbour bridge reopens")
    assert not headline_correct("Harbour Bridge reopens", "Harbour bridge reopens")
    assert not headline_correct(None, "Harbour bridge reopens")


def test_date_to_the_minute_needs_the_same_offset():
    expected = "2024-05-03 18:19:08.721370+02:00"
    assert date_minute_correct("2024-05-03T18:19:00+02:00", expected)
    assert not date_minute_correct("2024-05-03T16:19:00+00:00", expected)  # same instant
    assert not date_minute_correct("2024-05-03T18:20:00+02:00", expected)
    assert not date_minute_correct("2024-05-03T18:19:00", expected)
    assert not date_minute_correct("2024-05-03", expected)
    assert not date_minute_correct(None, expected)
    assert date_minute_correct("2024-05-03T18:19:00+02:00", "2024-05-03 18:19:00") is None


def test_date_to_the_day_in_the_expected_offset():
    expected = "2024-05-04 01:30:00+02:00"
    assert date_day_correct("2024-05-03T23:30:00+00:00", expected)  # 01:30 on the 4th at +02
    assert date_day_correct("2024-05-04", expected)
    assert not date_day_correct("2024-05-03", expected)
    assert not date_day_correct(None, expected)
    assert date_day_correct("2024-04-25T10:00:00+02:00", "2024-04-25 00:00:00")
    assert date_day_correct("x", "not a date") is None


def test_author_names_micro_f1():
    assert author_counts(["Jane  Doe", "AP"], ["jane doe", "John Roe"]) == (1, 1, 1)
    assert author_counts(None, ["John Roe"]) == (0, 0, 1)
    score = author_score([(1, 1, 1), (0, 0, 1), (2, 0, 0)])
    assert (score.tp, score.fp, score.fn, score.pages) == (3, 1, 2, 3)
    assert score.precision == 0.75 and score.recall == 0.6
    assert score.f1 == pytest.approx(6 / 9)
    assert author_score([]).f1 is None


# --- data set readers -------------------------------------------------------

PAGE = b"<html><body><p>Hello</p></body></html>"


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")


def test_aeb_reader(tmp_path):
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "b2.html.gz").write_bytes(gzip.compress(PAGE))
    (tmp_path / "html" / "a1.html.gz").write_bytes(gzip.compress(b"<p>A</p>"))
    truth = {
        "b2": {"articleBody": "Hello", "url": "https://b.example/2"},
        "a1": {"articleBody": "A", "url": "https://a.example/1"},
    }
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth))
    dataset = load_dataset(tmp_path)
    assert dataset.format == "aeb"
    pages = list(dataset.pages())
    assert [p.id for p in pages] == ["a1", "b2"]
    assert pages[1].html == PAGE and pages[1].expected_body == "Hello"
    assert pages[1].url == "https://b.example/2" and not pages[1].has_metadata
    assert [p.id for p in dataset.pages(limit=1)] == ["a1"]


def test_fundus_reader(tmp_path):
    (tmp_path / "test_data" / "de").mkdir(parents=True)
    (tmp_path / "test_data" / "de" / "Paper_2024_05_03.html.gz").write_bytes(gzip.compress(PAGE))
    expected = {
        "V1": {"title": "old", "body": {"summary": [], "sections": []}},
        "V2": {
            "title": "Bridge reopens",
            "authors": ["Jane Doe"],
            "publishing_date": "2024-05-03 18:19:08+02:00",
            "topics": ["city"],
            "body": {
                "summary": ["The bridge is open again."],
                "sections": [
                    {"headline": [], "paragraphs": ["First.", "Second."]},
                    {"headline": ["Traffic"], "paragraphs": ["Third."]},
                ],
            },
        },
    }
    (tmp_path / "test_data" / "de" / "Paper.json").write_text(json.dumps(expected))
    _write_jsonl(
        tmp_path / "manifest.jsonl",
        [
            {
                "html": "test_data/de/Paper_2024_05_03.html.gz",
                "expected": "test_data/de/Paper.json",
                "version": "V2",
                "url": "https://paper.example/bridge",
                "crawl_date": "2024-05-03",
            }
        ],
    )
    dataset = load_dataset(tmp_path)
    assert dataset.format == "fundus"
    (page,) = dataset.pages()
    assert page.html == PAGE and page.url == "https://paper.example/bridge"
    assert page.expected_body == (
        "The bridge is open again.\n\nFirst.\n\nSecond.\n\nTraffic\n\nThird."
    )
    assert page.expected_title == "Bridge reopens"
    assert page.expected_date == "2024-05-03 18:19:08+02:00"
    assert page.expected_authors == ("Jane Doe",)


def test_fundus_body_text_with_missing_keys():
    assert fundus_body_text({}) == ""
    assert fundus_body_text({"sections": [{"paragraphs": ["Only."]}]}) == "Only."


def test_simple_reader_plain_and_gzip(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "one.html").write_bytes(PAGE)
    (tmp_path / "pages" / "two.html.gz").write_bytes(gzip.compress(PAGE))
    _write_jsonl(
        tmp_path / "expected.jsonl",
        [
            {
                "file": "pages/one.html",
                "url": "https://x.example/1",
                "articleBody": "Hello",
                "headline": "One",
                "datePublished": "2024-05-03T18:19:00+02:00",
                "authors": ["Jane Doe"],
            },
            {"file": "pages/two.html.gz", "articleBody": "Hello", "authors": [{"name": "R"}]},
        ],
    )
    dataset = load_dataset(tmp_path)
    assert dataset.format == "simple"
    one, two = dataset.pages()
    assert one.html == two.html == PAGE
    assert (one.id, one.expected_title, one.expected_authors) == (
        "pages/one.html",
        "One",
        ("Jane Doe",),
    )
    assert two.url is None and two.expected_date is None and two.expected_authors == ("R",)


def test_unrecognised_or_missing_folder(tmp_path):
    assert detect_format(tmp_path) is None
    with pytest.raises(DatasetError):
        load_dataset(tmp_path)
    with pytest.raises(DatasetError):
        load_dataset(tmp_path / "absent")


# --- runner and report ------------------------------------------------------


def _simple_dataset(root: Path, pages: dict[str, tuple[str, str]]) -> Path:
    """Write ``{name: (html, articleBody)}`` as a simple-format data set."""
    (root / "pages").mkdir(parents=True)
    rows = []
    for name, (html, body) in pages.items():
        (root / "pages" / f"{name}.html").write_text(html, encoding="utf-8")
        rows.append(
            {
                "file": f"pages/{name}.html",
                "url": f"https://news.example/{name}",
                "articleBody": body,
            }
        )
    _write_jsonl(root / "expected.jsonl", rows)
    return root


def test_raising_extractor_counts_as_empty(tmp_path):
    root = _simple_dataset(
        tmp_path / "ds", {"a": ("<p>x</p>", "a b c d"), "b": ("<p>boom</p>", "e f g h")}
    )

    def fragile(html: bytes, url: str | None) -> Extraction:
        if b"boom" in html:
            raise RuntimeError("parser fell over")
        return Extraction(body="a b c d")

    result = evaluate(load_dataset(root), [Extractor("fragile", fragile)])
    (body,) = result.bodies
    assert body.errors == 1
    agg = body.body()
    assert (agg.empty, agg.pages, agg.precision, agg.recall) == (1, 2, 1.0, 0.5)
    assert body.pages[1].error == "RuntimeError: parser fell over"
    assert result.metadata == []
    assert all(p.ms >= 0 for p in body.pages)


def test_worst_pages_show_missed_and_leaked_runs(tmp_path):
    root = _simple_dataset(
        tmp_path / "ds",
        {
            "good": ("<p/>", "one two three four five"),
            "bad": ("<p/>", "Keep this part. Lost sentence here, sadly. And the end."),
        },
    )
    outputs = {
        "https://news.example/good": "one two three four five",
        "https://news.example/bad": "Keep this part. And the end. Share on Facebook!",
    }

    def canned(html: bytes, url: str | None) -> Extraction:
        return Extraction(body=outputs[url])

    (body,) = evaluate(load_dataset(root), [Extractor("canned", canned)]).bodies
    (worst,) = worst_pages(body, 1)
    assert worst["id"] == "pages/bad.html"
    assert worst["missed"] == [{"tokens": 4, "text": "Lost sentence here, sadly"}]
    assert worst["leaked"] == [{"tokens": 3, "text": "Share on Facebook"}]


def test_token_diff_keeps_the_three_longest_runs_in_order():
    expected = "a1 x b1 b2 x c1 c2 c3 x d1 d2 d3 d4 x"
    missed, leaked = token_diff(expected, "x x x x")
    assert [m["text"] for m in missed] == ["b1 b2", "c1 c2 c3", "d1 d2 d3 d4"]
    assert leaked == []
    assert token_diff("", None) == ([], [])


# --- the command, end to end ------------------------------------------------

HEADER = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | Harbour Post</title>
<meta property="og:site_name" content="Harbour Post">
<meta property="article:published_time" content="{date}">
<meta name="author" content="{author}">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "{title}", "datePublished": "{date}",
 "author": {{"@type": "Person", "name": "{author}"}}}}</script>
</head><body>
<header class="site-header"><a href="/">Harbour Post</a>
<nav><ul><li><a href="/city">City</a></li><li><a href="/business">Business</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<form class="search"><input name="q" placeholder="Search the Harbour Post"></form></header>
<main><article>
<h1>{title}</h1>
<p class="byline">By <a href="/authors/x">{author}</a> · <time datetime="{date}">{day}</time></p>
"""
FOOTER = """
<div class="share">Share on Facebook · Share on X · Email this article</div>
</article>
<aside class="related"><h2>Read more</h2><ul>
<li><a href="/city/tram">Tram line extension approved after long debate</a></li>
<li><a href="/business/port">Port reports record container traffic for the spring</a></li>
</ul></aside></main>
<footer><p>© 2024 Harbour Post Media Ltd. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> · <a href="/terms">Terms of use</a> ·
<a href="/contact">Contact the newsroom</a></p></footer>
</body></html>
"""

STORIES = {
    "bridge": (
        "Harbour bridge reopens after six months of repairs",
        "2024-05-03T18:19:00+02:00",
        "Jane Doe",
        [
            "The Harbour Bridge reopened to traffic on Friday evening after six months of "
            "repairs to its steel deck, the city's transport department said.",
            "Engineers replaced more than 400 corroded plates and resurfaced both carriageways, "
            "work that cost about 38 million euros and ran two weeks over schedule.",
            "Commuters who had faced detours of up to forty minutes welcomed the reopening, "
            "although cyclists complained that the new lanes were narrower than promised.",
            "The department said a final inspection would take place in June and that "
            "overnight lane closures could still be needed until the end of the summer.",
        ],
    ),
    "library": (
        "City library extends opening hours for exam season",
        "2024-05-06T09:30:00+02:00",
        "Omar Haddad",
        [
            "The central library will stay open until midnight on weekdays from next Monday, "
            "giving students more room to prepare for their final examinations.",
            "Library director Anna Berg said the reading rooms had been full by ten in the "
            "morning during the last three weeks, with queues forming outside the entrance.",
            "The extra hours are funded by the university for a trial period of six weeks, "
            "after which the council will decide whether to keep the longer schedule.",
        ],
    ),
    "ferry": (
        "Ferry operator adds evening sailings to the islands",
        "2024-05-07T14:05:00+02:00",
        "Li Wei",
        [
            "The island ferry company will add two evening sailings on weekends from June, "
            "answering complaints from residents who work late shifts on the mainland.",
            "The new departures leave the harbour at nine and eleven in the evening and call "
            "at all four islands, the company said in a statement on Tuesday.",
            "Fares will not change, but passengers with cars are asked to book in advance "
            "because the vessels used at night carry fewer vehicles.",
        ],
    ),
}


def _write_news_dataset(root: Path) -> None:
    """Three hand-written article pages with header, paragraphs and footer."""
    (root / "pages").mkdir(parents=True)
    rows = []
    for slug, (title, date, author, paragraphs) in STORIES.items():
        html = HEADER.format(title=title, date=date, author=author, day=date[:10])
        html += "\n".join(f"<p>{p}</p>" for p in paragraphs) + FOOTER
        name = f"pages/{slug}.html" + (".gz" if slug == "ferry" else "")
        data = html.encode("utf-8")
        (root / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
        rows.append(
            {
                "file": name,
                "url": f"https://harbourpost.example/city/{slug}",
                "articleBody": "\n".join(paragraphs),
                "headline": title,
                "datePublished": date,
                "authors": [author],
            }
        )
    _write_jsonl(root / "expected.jsonl", rows)


def _in_unit_range(value: float | None) -> bool:
    return value is not None and 0.0 <= value <= 1.0


def test_eval_command_end_to_end(tmp_path, capsys):
    root, out = tmp_path / "news", tmp_path / "out.json"
    _write_news_dataset(root)
    assert main(["eval", str(root), "--json", str(out), "--worst", "2"]) == 0
    printed = capsys.readouterr().out
    assert "precision" in printed and "newscrawl" in printed and "metadata" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["dataset"] == {
        "path": str(root),
        "format": "simple",
        "pages": 3,
        "pages_with_metadata": 3,
    }
    assert list(data["extractors"]) == ["newscrawl", "trafilatura", "trafilatura-precision"]
    for summary in data["extractors"].values():
        _check_body_summary(summary)
    assert set(data["metadata"]) == {"newscrawl", "trafilatura"}
    for item in data["metadata"].values():
        assert item["headline"]["total"] == 3 and item["date_day"]["total"] == 3
        assert _in_unit_range(item["headline"]["rate"])
        assert item["authors"]["pages"] == 3 and len(item["per_page"]) == 3
    assert data["metadata"]["trafilatura"]["date_minute"] is None  # day-only dates
    assert all(p["date_minute"] is None for p in data["metadata"]["trafilatura"]["per_page"])
    assert data["metadata"]["newscrawl"]["date_minute"]["total"] == 3
    assert data["metadata"]["newscrawl"]["headline_or_alt"]["total"] == 3
    assert data["metadata"]["trafilatura"]["headline_or_alt"] is None  # keeps one title
    assert data["worst"]["extractor"] == "newscrawl" and len(data["worst"]["pages"]) == 2


def _check_body_summary(summary: dict) -> None:
    """Ranges, and the summary re-derived from the per-page numbers."""
    pages = summary["per_page"]
    assert summary["pages"] == len(pages) == 3
    assert summary["errors"] == 0 and summary["ms_per_page_median"] >= 0
    for key in ("precision", "recall", "f1", "accuracy"):
        assert _in_unit_range(summary[key]), key
    assert summary["empty"] == sum(p["empty"] for p in pages)
    precisions = [p["precision"] for p in pages if not p["empty"]]
    assert summary["precision"] == pytest.approx(sum(precisions) / len(precisions))
    assert summary["recall"] == pytest.approx(sum(p["recall"] for p in pages) / 3)
    assert summary["f1"] == pytest.approx(harmonic(summary["precision"], summary["recall"]))
    assert summary["accuracy"] == pytest.approx(sum(p["exact"] for p in pages) / 3)
    for page in pages:
        assert page["tp"] + page["fn"] > 0 and page["error"] is None


def test_eval_command_json_to_stdout_and_one_extractor(tmp_path, capsys):
    root = tmp_path / "news"
    _write_news_dataset(root)
    assert (
        main(["eval", str(root), "--extractor", "trafilatura", "--json", "-", "--limit", "2"]) == 0
    )
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert list(data["extractors"]) == ["trafilatura"] and data["dataset"]["pages"] == 2
    assert "precision" in captured.err


def test_eval_command_reports_extractor_errors(tmp_path, capsys, monkeypatch):
    root = tmp_path / "news"
    _write_news_dataset(root)

    def crash(html: bytes, url: str | None) -> Extraction:
        raise ValueError("bad page")

    monkeypatch.setitem(
        extractors.BUILDERS, "newscrawl", lambda: Extractor("newscrawl", crash, metadata=True)
    )
    out = tmp_path / "out.json"
    assert main(["eval", str(root), "--extractor", "newscrawl", "--json", str(out)]) == 1
    summary = json.loads(out.read_text())["extractors"]["newscrawl"]
    assert summary["errors"] == summary["empty"] == 3 and summary["precision"] is None
    assert summary["recall"] == 0.0
    assert "errors" in capsys.readouterr().out


def test_eval_command_bad_folder(tmp_path, capsys):
    assert main(["eval", str(tmp_path / "absent")]) == 3
    assert main(["eval", str(tmp_path)]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(line.startswith("newscrawl: ") for line in err)


def test_the_alternative_title_counts_only_in_its_own_column():
    page = LabelledPage(
        id="p1",
        url="https://harbourpost.example/city/ferry",
        html=b"",
        expected_body="",
        expected_title="Ferry company adds late sailings",
    )
    shown = "More evening ferries for the islands"
    found = Extraction(body=None, title=shown, alt_title="Ferry company adds late sailings")
    assert score_metadata(found, page) == {"headline": False, "headline_or_alt": True}
    found = Extraction(body=None, title=shown, alt_title="Islands get ferries")
    assert score_metadata(found, page) == {"headline": False, "headline_or_alt": False}
    found = Extraction(body=None, title="Ferry company adds late sailings")
    assert score_metadata(found, page) == {"headline": True, "headline_or_alt": True}
