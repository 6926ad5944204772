"""A real local HTTP server for the hostile-web tests: the trouble replay cannot fake.

Replay answers every request at once and whole; timeouts, truncated bodies,
a server that announces a too-large body and the time between retries need a
real socket. The server runs in a thread on 127.0.0.1, answers a small news
site whose article paths each misbehave in one way, and logs every request
with its arrival time so a test can check what was fetched and when.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW = "/2026/11/27/slow-server-keeps-readers-waiting"
RATE_LIMITED = "/2026/11/27/rate-limited-story-served-after-retry-after"
FLAKY = "/2026/11/27/flaky-backend-recovers-after-two-errors"
TRUNCATED = "/2026/11/27/connection-drops-halfway-through-story"
HUGE = "/2026/11/27/server-announces-an-enormous-page"
OFFSITE = "/2026/11/27/story-moved-to-a-partner-site"
PATHS = (SLOW, RATE_LIMITED, FLAKY, TRUNCATED, HUGE, OFFSITE)

RETRY_AFTER = 2  # seconds the rate-limited path asks for
SLEEP = 3.0  # seconds the slow path waits before answering (tests set DOWNLOAD_TIMEOUT=1)
HUGE_BYTES = 3 * 1024 * 1024  # what the huge path announces (tests set DOWNLOAD_MAXSIZE=1 MiB)


def page(title: str, text: str) -> bytes:
    """A small, complete article page."""
    paras = "".join(f"<p>{text} Paragraph {n} adds detail for the reader.</p>" for n in range(4))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        '<meta property="article:published_time" content="2026-11-27T09:00:00+00:00">'
        f'</head><body><article><h1>{title}</h1><p class="byline">By Local Desk</p>{paras}'
        "</article></body></html>"
    ).encode()


HOME = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Local Herald</title>'
    "</head><body><ul>"
    + "".join(f'<li><a href="{p}">{p.rsplit("/", 1)[1]}</a></li>' for p in PATHS)
    + "</ul></body></html>"
).encode()


class Handler(BaseHTTPRequestHandler):
    """Answers the local site; every path but the home page misbehaves its own way."""

    server: LocalSite

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        hits = self.server.record(self.path)
        route = {
            "/": lambda: self.send(200, HOME),
            SLOW: self.slow,
            RATE_LIMITED: lambda: self.rate_limited(hits),
            FLAKY: lambda: self.flaky(hits),
            TRUNCATED: self.truncated,
            HUGE: self.huge,
            OFFSITE: lambda: self.send(302, b"", {"Location": "http://www.elsewhere.example/x"}),
        }.get(self.path, lambda: self.send(404, b"not found"))
        with suppress(BrokenPipeError, ConnectionResetError):
            route()  # the crawler may hang up (timeout, size limit): that is the point

    def send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def slow(self) -> None:
        time.sleep(SLEEP)
        self.send(200, page("Slow server keeps readers waiting", "Late."))

    def rate_limited(self, hits: int) -> None:
        if hits == 1:
            self.send(429, b"Too Many Requests", {"Retry-After": str(RETRY_AFTER)})
        else:
            self.send(200, page("Rate-limited story served after Retry-After", "Patience."))

    def flaky(self, hits: int) -> None:
        if hits <= 2:
            self.send(503, b"<h1>Service Temporarily Unavailable</h1>")
        else:
            self.send(200, page("Flaky backend recovers after two errors", "Recovered."))

    def truncated(self) -> None:
        body = page("Connection drops halfway through story", "Cut.")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body) * 3))
        self.end_headers()
        self.wfile.write(body)  # a third of what was announced, then the connection closes
        self.close_connection = True

    def huge(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(HUGE_BYTES))
        self.end_headers()
        chunk = b"<p>" + b"x" * 65530 + b"</p>"
        for _ in range(HUGE_BYTES // len(chunk) + 1):
            self.wfile.write(chunk)


class LocalSite(ThreadingHTTPServer):
    """The threaded server and its log of (path, arrival time)."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.lock = threading.Lock()
        self.requests: dict[str, list[float]] = defaultdict(list)

    def record(self, path: str) -> int:
        """Log a request; how many times this path has been asked for, this one included."""
        with self.lock:
            self.requests[path].append(time.monotonic())
            return len(self.requests[path])

    @property
    def port(self) -> int:
        return self.server_address[1]


@contextmanager
def local_site() -> Iterator[LocalSite]:
    """The local site, serving in a thread until the block ends."""
    server = LocalSite()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
