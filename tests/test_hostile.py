"""The hostile web: every bad input replays through the real spider to a defined outcome.

The corpus is ``fixtures/www.hostile-news.example/`` (pages) and
``fixtures/xml.hostile-news.example/`` (feeds and sitemaps); its README lists
every page and its outcome. Inputs too big to commit (a 20 MB page, a 100 MB
sitemap) are written by these tests into a temporary copy, and trouble replay
cannot fake (timeouts, truncated bodies, waits between retries) is served by
a real local HTTP server (``tests/hostile_server.py``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from scrapy.http import XmlResponse
from scrapy.utils.test import get_crawler

from newscrawl.extensions.summary import OUTCOMES, account
from newscrawl.items import EXCERPT_CHARS, Reject
from newscrawl.spiders.agencies import AzertacSpider
from tests import hostile_server as live
from tests.conftest import FIXTURES, CrawlResult, run_crawl

WWW = "https://www.hostile-news.example"
XML = "https://xml.hostile-news.example"
BIG = "https://big.hostile-news.example"
CRASHES = ("Traceback", "Unhandled error", "Spider error", "ERROR:")

# Corpus articles and letters their headline or body must carry, decoded right.
ARTICLES = {
    "/2026/11/20/zheleznaya-doroga-do-murmanska-otkryta-posle-remonta": ("Ж", "ё", "Мурманска"),
    "/2026/11/20/istanbul-metrosunda-yeni-hat-hizmete-girdi": ("İ", "ş", "ğ", "ı"),
    "/2026/11/21/bakida-yeni-seher-kitabxanasi-acildi": ("ə", "ş", "ı", "Nəsimi"),
    "/2026/11/21/gencede-payiz-yarmarkasi-kecirilir": ("Gəncədə", "ə", "ş"),
    "/2026/11/22/zhiteli-petrozavodska-vybrali-proekt-naberezhnoy": ("Жители", "Ж"),
    "/2026/11/23/karadenizde-hamsi-sezonu-bereketli-geciyor": ("ğ", "ş", "ı", "küçük"),
    "/2026/11/24/city-council-votes-to-keep-old-tram-depot-as-market-hall": ("31 to 12",),
    "/2026/11/23/volunteers-count-record-number-of-grey-seals": ("1,412 pups",),
    "/2026/11/25/regional-airline-adds-winter-flights-to-ski-resorts": ("turboprop",),
    "/2026/11/25/library-fines-abolished-after-trial": ("overdue",),
    "/2026/11/26/water-company-to-replace-lead-pipes": ("lead supply pipes",),
}
# Corpus pages that must be rejects, with their reason.
REJECTS = {
    "/2026/11/25/mayor-announces-budget-for-winter-road-gritting": "empty_response",  # 200
    "/2026/11/26/harbour-authority-annual-report-2026": "not_html",  # a PDF as text/html
    "/2026/11/26/photo-of-the-day-harbour-at-dawn": "not_html",  # a JPEG as text/html
    "/2026/11/24/port-strike-talks-resume-after-weekend-walkout": "blocked",  # Cloudflare 403
    "/2026/11/24/ministers-agree-new-fishing-quotas-for-north-sea": "blocked",  # challenge, 200
    "/2026/11/25/election-commission-publishes-final-turnout-figures": "blocked",  # captcha
    "/2026/11/25/hospital-waiting-lists-fall-for-third-month": "unavailable",  # 503
    "/2026/11/25/rail-fares-to-rise-by-less-than-inflation": "unavailable",  # with status 200
    "/2026/11/26/council-tax-rebate-for-pensioners-extended": "soft_404",
    "/2026/11/26/new-cycle-lanes-open-on-ring-road": "empty_body",  # unrendered {{ }} template
    "/2026/11/26/storm-warning-issued-for-coastal-districts": "redirect_loop",  # A -> B -> A
    "/2026/11/26/storm-warning-issued-for-coastal-districts-update": "redirect_loop",
    "/2026/11/26/school-meals-menu-to-include-more-local-produce": "redirect_loop",  # A -> A
    "/2026/11/26/museum-returns-bronze-statue-to-greece": "offsite_redirect",
    "/2026/11/27/cloud-provider-outage-hits-online-shops": "offsite_redirect",  # to 169.254.…
    "/2026/11/27/town-hall-clock-restored-after-fire": "offsite_redirect",  # to file:///etc/passwd
    "/2026/11/27/ferry-timetable-changes-for-winter": "bad_redirect",  # Location: http://[::1
}
DETAILS = {  # what the reject's detail says for the blocked and not-HTML pages
    "/2026/11/24/ministers-agree-new-fishing-quotas-for-north-sea": "challenge",
    "/2026/11/25/election-commission-publishes-final-turnout-figures": "captcha",
    "/2026/11/25/rail-fares-to-rise-by-less-than-inflation": "unavailable",
    "/2026/11/24/port-strike-talks-resume-after-weekend-walkout": "HTTP 403 after 2 retries",
    "/2026/11/25/hospital-waiting-lists-fall-for-third-month": "HTTP 503 after 2 retries",
    "/2026/11/25/mayor-announces-budget-for-winter-road-gritting": "HTTP 200 with an empty body",
    "/2026/11/26/harbour-authority-annual-report-2026": "a PDF document served as text/html",
    "/2026/11/26/photo-of-the-day-harbour-at-dawn": "a JPEG image served as text/html",
}
NEVER_FETCHED = ("127.0.0.1", "localhost", "10.0.0.7", "192.168.", "169.254.", "[::1]",
                 "2130706433", "elsewhere.example", "ftp:", "file:", "data:", "mailto:",
                 "javascript:")  # fmt: skip


def assert_no_crash(result: CrawlResult) -> None:
    """The crawl ended normally and its log holds no unhandled exception or error line.

    The site-health alarm is an ERROR line and exit status 1 by design (a hostile corpus
    is mostly rejects); the tests that expect it say so.
    """
    alarm = any(key.startswith("newscrawl/health/") for key in result.stats)
    assert result.returncode == (1 if alarm else 0), result.log[-3000:]
    log = "\n".join(x for x in result.log.splitlines() if "ERROR: Site health:" not in x)
    for marker in CRASHES:
        assert marker not in log, f"{marker!r} in the crawl log:\n{result.log[-3000:]}"
    assert result.stats.get("newscrawl/unaccounted") == 0


def assert_summary_adds_up(result: CrawlResult) -> None:
    """Every scheduled article URL has exactly one outcome; article rejects add up by reason."""
    stats = result.stats
    numbers = account(stats)
    outcomes = sum(numbers[name] for name, _ in OUTCOMES)
    assert outcomes == numbers["scheduled"] == stats["newscrawl/scheduled"]
    assert numbers["unaccounted"] == 0
    by_reason = {k: v for k, v in stats.items() if k.startswith("newscrawl/rejected_articles/")}
    assert sum(by_reason.values()) == stats.get("newscrawl/rejected_articles", 0)
    assert numbers["emitted"] == len(result.records)
    article_rejects = [r for r in result.rejects if r["kind"] == "article"]
    assert numbers["rejected"] == len(article_rejects)
    assert "Crawl summary (finished)" in result.log


def by_path(items: list[dict], site: str) -> dict[str, dict]:
    return {item["url"].removeprefix(site): item for item in items}


# -- the page corpus, through the real news spider -------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    return run_crawl(tmp_path_factory.mktemp("hostile"), "-a", f"url={WWW}/", spider="news")


def test_corpus_crawl_ends_cleanly_and_accounts_for_every_url(corpus: CrawlResult) -> None:
    assert_no_crash(corpus)
    assert_summary_adds_up(corpus)
    sitemap = (FIXTURES / "www.hostile-news.example" / "sitemap.xml").read_text("utf-8")
    listed = sitemap.count("<loc>")
    # every URL of the sitemap is scheduled, but the one longer than URLLENGTH_LIMIT
    assert corpus.stats["newscrawl/scheduled"] == listed - 1 == len(ARTICLES) + len(REJECTS)
    assert corpus.stats["newscrawl/skipped/url_too_long"] == 1
    # every request was answered by a fixture: nothing was fetched that has none
    assert "newscrawl/replay/missing" not in corpus.stats
    # 17 of the 28 articles are rejects: the crawl says the site looks broken
    assert corpus.stats["newscrawl/health/articles_rejected"] == 1
    assert f"Site health: {len(REJECTS)} of {len(ARTICLES) + len(REJECTS)} article" in corpus.log


def test_encodings_come_out_as_the_right_letters(corpus: CrawlResult) -> None:
    records = by_path(corpus.records, WWW)
    for path in list(ARTICLES)[:6]:
        text = records[path]["headline"] + "\n" + records[path]["articleBody"]
        for letters in ARTICLES[path]:
            assert letters in text, (path, letters)
        for garbage in ("\ufffd", "Ã", "Ð", "Ä", "&#601;", "&#"):
            assert garbage not in text, (path, garbage)


def test_articles_survive_broken_html_and_http_trouble(corpus: CrawlResult) -> None:
    records = by_path(corpus.records, WWW)
    assert set(records) == set(ARTICLES)
    for path, words in ARTICLES.items():
        text = records[path]["headline"] + "\n" + records[path]["articleBody"]
        assert all(w in text for w in words), path
    unclosed = records["/2026/11/24/city-council-votes-to-keep-old-tram-depot-as-market-hall"]
    assert unclosed["headline"] == "City council votes to keep the old tram depot as a market hall"
    assert "upkeep of a listed building" in unclosed["articleBody"]  # in the unclosed <div>
    deep = records["/2026/11/23/volunteers-count-record-number-of-grey-seals"]
    assert "Nested reply" not in deep["articleBody"]  # 10,000 nested <div>s of comments
    truncated = records["/2026/11/25/regional-airline-adds-winter-flights-to-ski-resorts"]
    assert truncated["articleBody"].endswith("several chalets were")  # what arrived, kept
    # retried, then stored: 429 once (Retry-After), 502 and 503 once each
    assert corpus.stats["downloader/response_status_count/429"] == 1
    assert corpus.stats["downloader/response_status_count/502"] == 1


def test_bad_pages_are_rejects_with_their_reason(corpus: CrawlResult) -> None:
    rejects = by_path([r for r in corpus.rejects if r["kind"] == "article"], WWW)
    assert {path: r["reason"] for path, r in rejects.items()} == REJECTS
    for path, detail in DETAILS.items():
        assert detail in rejects[path]["detail"], path
    loop = rejects["/2026/11/26/storm-warning-issued-for-coastal-districts"]["detail"]
    assert loop.startswith("redirect loop: back to ") and loop.endswith("after 2 redirects")
    pdf = rejects["/2026/11/26/harbour-authority-annual-report-2026"]
    assert "Annual report" not in json.dumps(pdf)
    assert corpus.stats["retry/reason_count/403 Forbidden (challenge)"] == 2
    assert corpus.stats["retry/reason_count/200 OK (challenge)"] == 2


def test_links_off_the_web_or_off_the_site_are_never_followed(corpus: CrawlResult) -> None:
    assert corpus.stats["newscrawl/skipped/offsite"] == 7  # the article-shaped ones among them
    fetched = [r["url"] for r in corpus.records + corpus.rejects]
    assert all(url.startswith(WWW) for url in fetched)
    for needle in NEVER_FETCHED:
        assert not any(needle in url for url in fetched), needle
    served = corpus.stats["newscrawl/replay/served"]
    assert corpus.stats["downloader/request_count"] == served


# -- hostile XML: feeds and sitemaps ------------------------------------------------


def huge_sitemap(path: Path, size: int = 100 * 1024 * 1024) -> None:
    """A valid sitemap of ``size`` bytes (about a million URLs), written in chunks."""
    entry = f"  <url><loc>{XML}/2026/11/27/generated-story-number-%08d</loc></url>\n"
    count = size // len(entry % 0)
    with path.open("w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        fh.write('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n')
        for start in range(0, count, 10_000):
            fh.write("".join(entry % n for n in range(start, min(start + 10_000, count))))
        fh.write("</urlset>\n")


@pytest.fixture(scope="module")
def xml_crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[CrawlResult, Path]:
    """The XML site plus a generated 100 MB sitemap, crawled with a secret file at hand."""
    root = tmp_path_factory.mktemp("xml-fixtures")
    site = root / "xml.hostile-news.example"
    shutil.copytree(FIXTURES / "xml.hostile-news.example", site)
    huge_sitemap(site / "sitemaps" / "huge.xml")
    with (site / "robots.txt").open("a") as fh:
        fh.write(f"Sitemap: {XML}/sitemaps/huge.xml\n")
    workdir = tmp_path_factory.mktemp("xml-crawl")
    (workdir / "xxe-secret.txt").write_text("XXE-SECRET-7c1e5b0a\n")  # what &secret; names
    args = ("-a", f"url={XML}/", "-s", f"NEWSCRAWL_REPLAY={root}")
    return run_crawl(workdir, *args, spider="news"), workdir


def test_hostile_xml_is_refused_with_reasons(xml_crawl: tuple[CrawlResult, Path]) -> None:
    result, _ = xml_crawl
    assert_no_crash(result)
    assert_summary_adds_up(result)
    stats = result.stats
    assert stats["newscrawl/skipped/bad_sitemap"] == 3  # laughs.xml, xxe.xml, bomb.xml.gz
    assert stats["newscrawl/skipped/bad_feed"] == 2  # laughs.xml, xxe.xml
    assert "gzipped sitemap inflates beyond" in result.log
    assert result.log.count("declares XML entities") == 4
    rejects = {r["url"].removeprefix(XML): r for r in result.rejects}
    assert rejects["/sitemaps/bomb-encoded.xml"]["reason"] == "too_large"  # Content-Encoding
    assert rejects["/sitemaps/huge.xml"]["reason"] == "too_large"  # 100 MB > DOWNLOAD_MAXSIZE
    assert {r["kind"] for r in result.rejects} == {"sitemap"}
    # the good sitemap and feed still give their articles
    assert sorted(r["url"].removeprefix(XML) for r in result.records) == [
        "/2026/11/25/botanic-garden-giant-water-lily-flowers-for-first-time-in-decade",
        "/2026/11/26/old-lighthouse-keepers-cottage-opens-as-weather-museum",
    ]
    assert stats["newscrawl/scheduled"] == 2  # nothing from the hostile files


def test_hostile_xml_finishes_in_seconds_with_bounded_memory(
    xml_crawl: tuple[CrawlResult, Path],
) -> None:
    result, _ = xml_crawl
    assert result.seconds < 30, result.seconds
    # the 100 MB sitemap is held once as a response body; nothing expands beyond that
    assert result.maxrss_mb < 600, result.maxrss_mb


def test_external_entities_never_leak(xml_crawl: tuple[CrawlResult, Path]) -> None:
    result, workdir = xml_crawl
    everything = [result.log, json.dumps(result.stats, default=str)]
    everything += [p.read_text("utf-8", "replace") for p in workdir.glob("*.json*")]
    for text in everything:
        assert "XXE-SECRET-7c1e5b0a" not in text
        assert "root:x:0:0" not in text  # /etc/passwd
        assert "lollollol" not in text  # billion laughs, expanded
    assert "xxe-callback" not in result.log


# -- big pages ------------------------------------------------------------------------


def big_site(root: Path) -> None:
    """Two big pages: a 20 MB article (19.9 MB of comments), an untitled 8,000-entry blog."""
    site = root / "big.hostile-news.example"
    (site / "2026" / "11" / "27").mkdir(parents=True)
    comment = (
        '<li class="comment"><p class="who">Reader {n}</p><p>I have lived by the harbour for '
        "thirty years and the ferry has never once been on time in winter.</p></li>\n"
    )
    comments = "".join(comment.format(n=n) for n in range(20_000_000 // len(comment)))
    paras = (
        "<p>The harbour authority approved a night ferry service to the outer islands on "
        "Thursday, ending a two-year dispute between the operator and island councils.</p>"
        "<p>The first sailings are planned for March, from the central quay at 11 p.m.</p>"
    )
    head = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{t}</title>{m}'
    date = '<meta property="article:published_time" content="2026-11-27T09:00:00+00:00">'
    title = "Harbour authority approves night ferry service"
    article = (
        head.format(t=title, m=date) + f"</head><body><article><h1>{title}</h1>{paras}</article>"
        f'<ol class="comments">{comments}</ol></body></html>'
    )
    (site / "2026/11/27/harbour-authority-approves-night-ferry-service.html").write_text(article)
    entries = "".join(
        f"<p>Update {n}: the count at polling station {n} is in and has been added.</p>"
        for n in range(8_000)
    )
    blog = f'<html lang="en"><head><meta charset="utf-8"></head><body>{entries}'  # no title
    (site / "2026/11/27/election-night-live-updates-as-they-happen.html").write_text(blog)
    links = "".join(
        f'<a href="/2026/11/27/{slug}">{slug}</a>'
        for slug in (
            "harbour-authority-approves-night-ferry-service",
            "election-night-live-updates-as-they-happen",
        )
    )
    (site / "index.html").write_text(f"<html><body>{links}</body></html>")


@pytest.fixture(scope="module")
def big_crawl(tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    root = tmp_path_factory.mktemp("big-fixtures")
    big_site(root)
    args = ("-a", f"url={BIG}/", "-a", "discovery=links", "-s", f"NEWSCRAWL_REPLAY={root}")
    return run_crawl(tmp_path_factory.mktemp("big"), *args, spider="news", timeout=240)


def test_a_20_mb_page_is_extracted_without_its_comments(big_crawl: CrawlResult) -> None:
    assert_no_crash(big_crawl)
    assert_summary_adds_up(big_crawl)
    [record] = big_crawl.records
    assert record["headline"] == "Harbour authority approves night ferry service"
    assert record["articleBody"].startswith("The harbour authority approved a night ferry")
    assert "Reader 1" not in record["articleBody"]
    assert big_crawl.seconds < 120  # the untitled page has 8,000 paragraphs: linear work


def test_a_reject_of_a_huge_page_stays_short(big_crawl: CrawlResult) -> None:
    [reject] = big_crawl.rejects
    assert reject["url"] == f"{BIG}/2026/11/27/election-night-live-updates-as-they-happen"
    assert reject["reason"] == "missing_headline"
    assert 0 < len(reject["excerpt"]) <= EXCERPT_CHARS
    assert len(json.dumps(reject, ensure_ascii=False)) < 1000  # from a 620 KB page


def test_reject_fields_are_capped() -> None:
    reject = Reject("https://a.example/" + "x" * 10_000, "schema", "d" * 10**6, "word " * 10**6)
    assert len(reject.url) == 2083
    assert len(reject.detail) == len(reject.excerpt) == EXCERPT_CHARS
    assert Reject("https://a.example/", "empty_body", excerpt=" \n ").excerpt is None


# -- live HTTP trouble, from a real local server ---------------------------------------

LIVE = (
    "-s", "NEWSCRAWL_REPLAY=", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0",
    "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", "NEWSCRAWL_HONOUR_CRAWL_DELAY=0",
)  # fmt: skip


@pytest.fixture(scope="module")
def live_crawl(tmp_path_factory: pytest.TempPathFactory):
    """The local site crawled with private addresses allowed, a 1 s timeout and 1 MiB cap."""
    with live.local_site() as site:
        result = run_crawl(
            tmp_path_factory.mktemp("live"),
            "-a", f"url=http://127.0.0.1:{site.port}/", *LIVE,
            "-s", "NEWSCRAWL_ALLOW_PRIVATE=1", "-s", "DOWNLOAD_TIMEOUT=1",
            "-s", f"DOWNLOAD_MAXSIZE={1024 * 1024}", "-s", "NEWSCRAWL_BACKOFF_BASE=0.5",
            spider="news",
        )  # fmt: skip
        yield result, site, f"http://127.0.0.1:{site.port}"


def test_live_trouble_ends_in_articles_or_rejects_with_reasons(live_crawl) -> None:
    result, _, origin = live_crawl
    assert_no_crash(result)
    assert_summary_adds_up(result)
    assert sorted(r["url"].removeprefix(origin) for r in result.records) == sorted(
        [live.FLAKY, live.RATE_LIMITED]
    )
    rejects = {r["url"].removeprefix(origin): r for r in result.rejects if r["kind"] == "article"}
    assert {path: r["reason"] for path, r in rejects.items()} == {
        live.SLOW: "timeout",
        live.TRUNCATED: "truncated",
        live.HUGE: "too_large",
        live.OFFSITE: "offsite_redirect",
    }


def test_live_retries_wait_as_told(live_crawl) -> None:
    _, site, _ = live_crawl
    first, second = site.requests[live.RATE_LIMITED]
    assert second - first >= live.RETRY_AFTER  # Retry-After: 2 honoured
    one, two, three = site.requests[live.FLAKY]
    assert two - one >= 0.4 and three - two >= 0.8  # back-off 0.5 s, then 1 s (±20 %)
    assert len(site.requests[live.SLOW]) == 3  # timed out, retried twice
    assert len(site.requests[live.TRUNCATED]) == 3
    assert len(site.requests[live.HUGE]) == 1  # too large is final
    assert "/x" not in site.requests  # the off-site target was not fetched here either


def test_a_name_resolving_to_loopback_is_never_fetched(tmp_path: Path) -> None:
    """Without NEWSCRAWL_ALLOW_PRIVATE, ``localhost`` (resolved) is refused before any request."""
    with live.local_site() as site:
        result = run_crawl(
            tmp_path, "-a", f"url=http://localhost:{site.port}/", *LIVE, spider="news"
        )
        assert dict(site.requests) == {}
    assert_no_crash(result)
    assert result.stats["newscrawl/skipped/private_address"] == 2  # robots.txt and home
    assert "localhost resolves to 127.0.0.1" in result.log


def test_literal_private_addresses_are_refused_in_replay(tmp_path: Path) -> None:
    """No DNS in replay, yet a literal address is refused (other forms: tests/test_safety.py)."""
    result = run_crawl(tmp_path, "-a", "url=http://169.254.169.254/", spider="news")
    assert_no_crash(result)
    assert result.stats["newscrawl/skipped/private_address"] == 2
    assert "newscrawl/replay/served" not in result.stats
    assert result.rejects == []


def test_allow_private_lets_a_local_address_through(tmp_path: Path) -> None:
    result = run_crawl(
        tmp_path, "-a", "url=http://127.0.0.1/", "-s", "NEWSCRAWL_ALLOW_PRIVATE=1", spider="news"
    )
    assert "newscrawl/skipped/private_address" not in result.stats
    assert result.stats["newscrawl/replay/missing"] == 2  # the home page and /sitemap.xml


def test_agency_spiders_refuse_hostile_feeds_too() -> None:
    """The agency spiders read feeds through the same guard: a counted skip, no links."""
    crawler = get_crawler(AzertacSpider)
    spider = AzertacSpider.from_crawler(crawler)
    laughs = (FIXTURES / "xml.hostile-news.example" / "feed" / "laughs.xml").read_bytes()
    body = laughs.replace(b"https://xml.hostile-news.example", b"https://azertag.az/en/xeber")
    response = XmlResponse("https://azertag.az/en/rss", body=body)
    assert list(spider.parse_feed(response, lang="en")) == []
    assert crawler.stats.get_value("newscrawl/skipped/bad_feed") == 1
