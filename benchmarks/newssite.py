"""A benchmark news site: N article pages built from our fixtures, served fast on loopback.

Usage::

    python benchmarks/newssite.py --pages 20000 [--seed 7] [--measure 5]   # build, serve, time it
    python benchmarks/newssite.py serve --pages 20000 [--port 0]           # serve until killed

The site is generated in memory, deterministically from ``--seed``: article
pages made from hand-written fixture pages (the AZERTAC-like ones under
``fixtures/azertag.az/en/`` and the generic sites' articles) whose headline,
URL, dates and body are replaced by new text: paragraphs of the fixture pages
shuffled and recombined, plus sentences from a word list, 2 to 40 paragraphs
a page. Around them: a home page, a paginated listing (``/news/?page=k``, 50
links a page), an RSS feed of the latest 100, and a sitemap index with
sitemaps of 5,000 URLs that ``robots.txt`` names.

The server is a raw asyncio HTTP/1.1 protocol with keep-alive that answers
every request with pre-rendered bytes from a dict, so a request costs a few
microseconds of Python; ``--measure`` prints its own requests per second
with a keep-alive client in another process (the client, not the server, is
usually the limit of that number). ``serve`` prints ``listening on <URL>``
once ready, for ``benchmarks/crawl.py``. A benchmark tool, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import calendar
import html
import json
import math
import multiprocessing
import random
import re
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
TEMPLATE_GLOBS = (
    "azertag.az/en/xeber/*.html",
    "www.dailyplanet-news.example/*/2026/*/*/*.html",
    "www.riverton-gazette.example/news/2026/*/*/*.html",
)
PER_LISTING = 50
PER_SITEMAP = 5_000
FEED_ITEMS = 100
WEIGHT_SIGMA = 0.6  # log-normal spread of page weights with --page-kb
START = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)
_WORD_LIST = (
    "government minister council agreement economy growth percent exports energy gas oil "
    "pipeline region cooperation delegation meeting summit talks president parliament budget "
    "project investment company market prices inflation bank report data survey university "
    "students research climate water river bridge railway port airport flights tourism "
    "festival museum exhibition team match season championship coach players medal record "
    "city residents officials police court ruling election campaign voters committee plan"
)
WORDS = tuple(_WORD_LIST.split())
CITIES = ("Baku", "Ankara", "Tbilisi", "Astana", "Tashkent", "Metropolis", "Riverton", "Geneva")
MONTHS = tuple(calendar.month_name)[1:]
P_LINE = re.compile(r"^\s*<p>(?!&nbsp;).*</p>\s*$", re.M)


@dataclass
class Template:
    """A fixture article page cut around what each generated page replaces."""

    text: str  # the page, with {URL} {HEADLINE} {DATE} {BODY} {DESCRIPTION} placeholders
    dateline: bool  # the first paragraph is an agency dateline ("Baku, May 2, AZERTAC")


def fixture_url(path: Path) -> str:
    """The URL a fixture file stands for (fixtures/README.md: host + path + .html)."""
    rel = path.relative_to(FIXTURES).with_suffix("")
    return "https://" + rel.as_posix()


def make_template(path: Path) -> tuple[Template, list[str]] | None:
    """A template and the plain paragraphs of a fixture page (None if it has no body)."""
    page = path.read_text("utf-8")
    paragraphs = P_LINE.findall(page)
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    if len(paragraphs) < 3 or not h1 or path.with_name(path.name + ".meta.json").exists():
        return None  # a sidecar makes the fixture a bad page (404, wall): not a template
    url = fixture_url(path)
    page = page.replace("{", "{{").replace("}", "}}")
    page = page.replace(url, "{URL}")
    page = page.replace(h1.group(0), h1.group(0).replace(h1.group(1), "{HEADLINE}"))
    page = re.sub(r"<title>.*?</title>", "<title>{HEADLINE}</title>", page, flags=re.S)
    page = re.sub(r'(property="og:title" content=")[^"]*', r"\1{HEADLINE}", page)
    page = re.sub(r'("headline":\s*")[^"]*', r"\1{HEADLINE}", page)
    page = re.sub(r'((?:og:|name=")description" content=")[^"]*', r"\1{DESCRIPTION}", page)
    page = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?([+-]\d\d:\d\d|Z)", "{DATE}", page)
    first = P_LINE.search(page)
    assert first is not None
    body_start, body_end = first.start(), first.end()
    if page.rfind("<form", 0, body_start) > page.rfind("</form>", 0, body_start):
        return None  # the first plain paragraph sits in a form: the story's are styled
    rest = P_LINE.sub("", page[body_end:])
    page = page[:body_start] + "{BODY}\n" + rest
    texts = [re.sub(r"<[^>]+>", "", p).strip() for p in paragraphs]
    dateline = bool(re.fullmatch(r"[\w .'-]+, \w+ \d+, [A-Z]+", html.unescape(texts[0])))
    return Template(page, dateline), [t for t in texts[1 if dateline else 0 :] if len(t) > 40]


def load_templates() -> tuple[list[Template], list[str]]:
    """Every usable fixture article as a template, and all their paragraphs as text."""
    templates, paragraphs = [], []
    for pattern in TEMPLATE_GLOBS:
        for path in sorted(FIXTURES.glob(pattern)):
            made = make_template(path)
            if made:
                templates.append(made[0])
                paragraphs += made[1]
    if not templates:
        raise SystemExit(f"no template pages found under {FIXTURES}")
    return templates, paragraphs


def sentence(rng: random.Random) -> str:
    """A made-up sentence from the word list (varies text, so no two pages are alike)."""
    words = rng.choices(WORDS, k=rng.randint(8, 24))
    return " ".join(words).capitalize() + "."


@dataclass
class Article:
    """One generated article: where it lives and what it says."""

    id: int
    path: str
    headline: str
    date: datetime


def article_meta(i: int, rng: random.Random) -> Article:
    """URL path, headline and date of article ``i`` (newest first, 7 minutes apart)."""
    date = START - timedelta(minutes=7 * i)
    headline = " ".join(rng.choices(WORDS, k=rng.randint(5, 11))).capitalize()
    slug = "-".join(headline.lower().split())[:80]
    path = f"/news/{date:%Y/%m/%d}/{slug}-{100000 + i}"
    return Article(i, path, headline, date)


def article_paths(pages: int, seed: int) -> list[str]:
    """The article URL paths of the site for ``pages`` and ``seed`` (no page rendered)."""
    rng = random.Random(seed)
    return [article_meta(i, rng).path for i in range(pages)]


def article_page(
    art: Article,
    origin: str,
    templates: list[Template],
    pool: list[str],
    rng: random.Random,
    teasers: int = 0,
    page_kb: float = 0,
) -> bytes:
    """The page of one article, in a template picked by the article's number.

    With ``page_kb``, the page gets as many sidebar teasers as bring it to a
    weight drawn for it from a log-normal distribution with that median
    (sigma 0.6: the spread of the fundus test pages, quartiles 135, 248 and
    409 KiB), which overrides ``teasers``.
    """
    template = templates[art.id % len(templates)]
    count = min(40, max(2, int(rng.lognormvariate(2.0, 0.6))))
    paragraphs = []
    for _ in range(count):
        if rng.random() < 0.3:
            paragraphs.append(" ".join(sentence(rng) for _ in range(rng.randint(2, 5))))
        else:
            paragraphs.append(html.unescape(rng.choice(pool)))
    if template.dateline:
        place = rng.choice(CITIES)
        paragraphs.insert(0, f"{place}, {MONTHS[art.date.month - 1]} {art.date.day}, AZERTAC")
    body = "\n".join(f"          <p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
    page = template.text.format(
        URL=origin + art.path,
        HEADLINE=html.escape(art.headline),
        DATE=art.date.isoformat(timespec="seconds"),
        BODY=body,
        DESCRIPTION=html.escape(paragraphs[-1][:150]),
    )
    if page_kb:
        target = rng.lognormvariate(math.log(page_kb * 1024), WEIGHT_SIGMA)
        teasers = max(0, round((target - len(page)) / teaser_bytes()))
    if teasers:
        page = page.replace("</body>", furniture(art, teasers, rng) + "</body>", 1)
    return page.encode("utf-8")


def furniture(art: Article, teasers: int, rng: random.Random) -> str:
    """What real agency pages carry around the story: a teaser sidebar and page state.

    Our fixture templates are trimmed copies (13 KiB on average); live agency
    pages weigh 60–300 KiB, mostly such blocks, and extraction time grows with
    them. ``--teasers`` adds them, for a site closer to the real weight.
    """
    items = "".join(
        f'<li class="teaser"><a href="/news/2026/11/20/story-{art.id + k}">'
        f"{' '.join(rng.choices(WORDS, k=8)).capitalize()}</a><p>{sentence(rng)}</p>"
        f'<span class="meta">{rng.randint(1, 59)} min ago</span></li>'
        for k in range(1, teasers + 1)
    )
    state = json.dumps([{"id": art.id + k, "t": sentence(rng)} for k in range(teasers * 2)])
    return (
        f'<aside class="latest-news"><h2>Latest news</h2><ul>{items}</ul></aside>'
        f"<script>window.__STATE__ = {state};</script>"
    )


@cache
def teaser_bytes() -> float:
    """What one sidebar teaser adds to a page, on average."""
    sample = 200
    return len(furniture(article_meta(0, random.Random(0)), sample, random.Random(0))) / sample


def listing_page(arts: list[Article], origin: str, page: int, pages: int) -> bytes:
    """A paginated listing of article links, with ``rel=next``."""
    items = "\n".join(
        f'<li><a href="{origin}{a.path}">{html.escape(a.headline)}</a> '
        f'<time datetime="{a.date.isoformat()}">{a.date:%d.%m.%Y %H:%M}</time></li>'
        for a in arts
    )
    nxt = f'<link rel="next" href="{origin}/news/?page={page + 1}">' if page < pages else ""
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>News, page {page}</title>{nxt}</head>"
        f"<body><h1>Latest news</h1><ul>{items}</ul>"
        + (f'<a rel="next" href="/news/?page={page + 1}">Next</a>' if nxt else "")
        + "</body></html>"
    ).encode()


def home_page(arts: list[Article], origin: str) -> bytes:
    """Home: the feed link, the section, the 20 newest articles."""
    links = "".join(
        f'<li><a href="{origin}{a.path}">{html.escape(a.headline)}</a></li>' for a in arts
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><title>Benchmark News</title>"
        f'<link rel="alternate" type="application/rss+xml" href="{origin}/feed/rss.xml">'
        f'</head><body><nav><a href="{origin}/news/">News</a></nav><ul>{links}</ul></body></html>'
    ).encode()


def rss(arts: list[Article], origin: str) -> bytes:
    items = "".join(
        f"<item><title>{html.escape(a.headline)}</title><link>{origin}{a.path}</link>"
        f"<pubDate>{a.date:%a, %d %b %Y %H:%M:%S +0000}</pubDate></item>"
        for a in arts
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Benchmark News</title><link>{origin}/</link>{items}</channel></rss>"
    ).encode()


def sitemap(arts: list[Article], origin: str) -> bytes:
    urls = "".join(
        f"<url><loc>{origin}{a.path}</loc><lastmod>{a.date.isoformat()}</lastmod></url>"
        for a in arts
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    ).encode()


def sitemap_index(count: int, origin: str) -> bytes:
    maps = "".join(
        f"<sitemap><loc>{origin}/sitemaps/articles-{k}.xml</loc></sitemap>" for k in range(count)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{maps}</sitemapindex>'
    ).encode()


def http_response(body: bytes, content_type: str, status: str = "200 OK") -> bytes:
    """A whole pre-rendered HTTP/1.1 keep-alive response."""
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n"
    )
    return head.encode() + body


@dataclass
class Site:
    """Every response of the site by request target, and the article paths."""

    responses: dict[str, bytes]
    articles: list[str]
    page_bytes: int


def build_site(pages: int, seed: int, origin: str, teasers: int = 0, page_kb: float = 0) -> Site:
    """Generate the whole site (deterministic for a seed) for ``origin`` (scheme://host:port)."""
    templates, pool = load_templates()
    rng = random.Random(seed)
    arts = [article_meta(i, rng) for i in range(pages)]
    html_type, xml_type = "text/html; charset=utf-8", "application/xml; charset=utf-8"
    out: dict[str, bytes] = {}
    size = 0
    for art in arts:
        rng_page = random.Random(seed * 1_000_003 + art.id)
        body = article_page(art, origin, templates, pool, rng_page, teasers, page_kb)
        size += len(body)
        out[art.path] = http_response(body, html_type)
    listings = max(1, -(-pages // PER_LISTING))
    for k in range(1, listings + 1):
        chunk = arts[(k - 1) * PER_LISTING : k * PER_LISTING]
        page = http_response(listing_page(chunk, origin, k, listings), html_type)
        out[f"/news/?page={k}"] = page
        if k == 1:
            out["/news/"] = page
    maps = -(-pages // PER_SITEMAP)
    for k in range(maps):
        out[f"/sitemaps/articles-{k}.xml"] = http_response(
            sitemap(arts[k * PER_SITEMAP : (k + 1) * PER_SITEMAP], origin), xml_type
        )
    out["/sitemap_index.xml"] = http_response(sitemap_index(maps, origin), xml_type)
    out["/feed/rss.xml"] = http_response(rss(arts[:FEED_ITEMS], origin), "application/rss+xml")
    out["/"] = http_response(home_page(arts[:20], origin), html_type)
    robots = f"User-agent: *\nAllow: /\nSitemap: {origin}/sitemap_index.xml\n".encode()
    out["/robots.txt"] = http_response(robots, "text/plain")
    return Site(out, [a.path for a in arts], size)


NOT_FOUND = http_response(b"<html><body><h1>Not found</h1></body></html>", "text/html", "404 No")


class SiteProtocol(asyncio.Protocol):
    """HTTP/1.1 with keep-alive and pipelining; GET/HEAD of pre-rendered responses only."""

    def __init__(self, responses: dict[str, bytes]) -> None:
        self.responses = responses
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head, self.buffer = self.buffer[:end], self.buffer[end + 4 :]
            target = head.split(b" ", 2)[1].decode("latin-1") if b" " in head else "/"
            assert self.transport is not None
            self.transport.write(self.responses.get(target, NOT_FOUND))
            if b"\r\nconnection: close" in head.lower():
                self.transport.close()
                return


async def start_server(site_factory, host: str = "127.0.0.1", port: int = 0):  # type: ignore[no-untyped-def]
    """Bind first (the pages need the port in their URLs), then build and serve the site."""
    loop = asyncio.get_running_loop()
    holder: dict[str, bytes] = {}
    server = await loop.create_server(lambda: SiteProtocol(holder), host, port, backlog=1024)
    bound = server.sockets[0].getsockname()[1]
    origin = f"http://{host}:{bound}"
    site = site_factory(origin)
    holder.update(site.responses)
    return server, origin, site


def serve(pages: int, seed: int, port: int, teasers: int = 0, page_kb: float = 0) -> None:
    """Serve until killed; print ``listening on <origin>/ <pages> <bytes>`` once ready."""

    async def run() -> None:
        server, origin, site = await start_server(
            lambda origin: build_site(pages, seed, origin, teasers, page_kb), port=port
        )
        print(f"listening on {origin}/ {len(site.articles)} {site.page_bytes}", flush=True)
        async with server:
            await server.serve_forever()

    asyncio.run(run())


# -- measuring the server ------------------------------------------------------------------


class ClientProtocol(asyncio.Protocol):
    """A keep-alive client that requests ``paths`` one after another and counts responses."""

    def __init__(self, paths: list[str], host: str, deadline: float, done: asyncio.Future) -> None:
        self.paths, self.host, self.deadline, self.done = paths, host, deadline, done
        self.buffer = b""
        self.count = 0
        self.expect = -1

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport
        self.send()

    def send(self) -> None:
        path = self.paths[self.count % len(self.paths)]
        self.transport.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())  # type: ignore[attr-defined]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            if self.expect < 0:
                end = self.buffer.find(b"\r\n\r\n")
                if end < 0:
                    return
                length = int(re.search(rb"Content-Length: (\d+)", self.buffer[:end]).group(1))  # type: ignore[union-attr]
                self.expect = end + 4 + length
            if len(self.buffer) < self.expect:
                return
            self.buffer, self.expect = self.buffer[self.expect :], -1
            self.count += 1
            if time.monotonic() >= self.deadline:
                self.transport.close()
                if not self.done.done():
                    self.done.set_result(None)
                return
            self.send()


def client_run(origin: str, paths: list[str], connections: int, seconds: float, out) -> None:  # type: ignore[no-untyped-def]
    """In a child process: hammer the server, put the response count on ``out``."""

    async def run() -> int:
        loop = asyncio.get_running_loop()
        host, port = origin.removeprefix("http://").split(":")
        deadline = time.monotonic() + seconds
        protos = []
        for c in range(connections):
            done = loop.create_future()
            mine = paths[c::connections] or paths
            _, proto = await loop.create_connection(
                lambda mine=mine, done=done: ClientProtocol(mine, host, deadline, done),
                host,
                int(port),
            )
            protos.append(proto)
        await asyncio.gather(*(p.done for p in protos))
        return sum(p.count for p in protos)

    out.put(asyncio.run(run()))


def measure(origin: str, paths: list[str], seconds: float, clients: int = 2) -> float:
    """Requests per second the server answered, ``clients`` client processes × 16 connections."""
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs = [
        ctx.Process(target=client_run, args=(origin, paths[c::clients], 16, seconds, queue))
        for c in range(clients)
    ]
    start = time.perf_counter()
    for p in procs:
        p.start()
    total = sum(queue.get() for _ in procs)
    elapsed = time.perf_counter() - start
    for p in procs:
        p.join()
    return total / max(elapsed, seconds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", nargs="?", choices=("serve", "measure"), default="measure")
    parser.add_argument("--pages", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--measure", type=float, default=5.0, help="seconds of load")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--teasers", type=int, default=0, help="sidebar teasers a page (weight)")
    parser.add_argument(
        "--page-kb", type=float, default=0, help="median page weight in KiB (overrides --teasers)"
    )
    args = parser.parse_args()
    if args.mode == "serve":
        serve(args.pages, args.seed, args.port, args.teasers, args.page_kb)
        return 0
    return measure_main(args)


def measure_main(args: argparse.Namespace) -> int:
    """Build the site, serve it from a child process, and time it with client processes."""
    import subprocess

    started = time.perf_counter()
    cmd = [sys.executable, __file__, "serve", "--pages", str(args.pages), "--seed", str(args.seed)]
    proc = subprocess.Popen(
        [*cmd, "--teasers", str(args.teasers), "--page-kb", str(args.page_kb)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline().split()  # type: ignore[union-attr]
        origin, pages, size = line[2].rstrip("/"), int(line[3]), int(line[4])
        built = time.perf_counter() - started
        rps = measure(origin, article_paths(pages, args.seed), args.measure)
    finally:
        proc.terminate()
        proc.wait()
    result = {
        "pages": pages,
        "mean_page_kb": round(size / pages / 1024, 1),
        "build_and_start_s": round(built, 1),
        "server_rps": round(rps),
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"site: {pages} article pages, mean {result['mean_page_kb']} KiB, built and "
            f"listening in {built:.1f} s\nserver: {rps:,.0f} requests/s (2 client processes, "
            f"32 keep-alive connections, {args.measure:.0f} s; the clients share the cores)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
