"""``newscrawl serve``: a fixture folder (or a recorded crawl) as a web server on loopback.

The folder is read with the replay store (``newscrawl/replay/store.py``), so
a URL maps to the same file as in replay mode and ``.meta.json`` sidecars set
the status and headers (a 503, a redirect, a ``Retry-After``, a sequence of
answers). Which site a request means is found, in order, from:

1. an absolute URL in the request line, as a client sends to a proxy
   (``http_proxy=http://127.0.0.1:8000 curl http://azertag.az/en/``);
2. a first path segment naming a site folder
   (``http://127.0.0.1:8000/azertag.az/en/`` for ``https://azertag.az/en/``), which
   is how a browser or a test reaches a site; redirects are rewritten to stay
   under the same prefix;
3. a ``Host`` header naming a site folder (``curl -H 'Host: azertag.az' ...``);
4. the ``Referer`` of a path-prefixed page, for its root-relative links
   (``/en/xeber/...`` clicked on ``/azertag.az/en/``).

``/`` lists the sites; ``/robots.txt`` is ``DIR/robots.txt`` (404 without one), so
a client that checks robots.txt can be tested against path-prefixed URLs.
Unknown URLs are 404 with the file that was looked for.
"""

from __future__ import annotations

import argparse
import sys
import threading
from functools import partial
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from newscrawl.commands.common import CommandError
from newscrawl.replay.store import FixtureStore, MissingFixture

EPILOG = """\
URLs: http://HOST:PORT/<site>/<path> serves https://<site>/<path> (e.g.
/azertag.az/en/xeber/...); a request with an absolute URL (proxy style:
http_proxy=http://127.0.0.1:8000) or a Host header naming a site folder is
served as that site. / lists the sites; /robots.txt is DIR/robots.txt.
Status and headers come from .meta.json sidecars, as in replay mode.

To crawl a folder, use replay, which needs no server:
  newscrawl crawl azertac --replay fixtures --no-state
serve is for looking at fixtures in a browser, for fetching single pages
(newscrawl extract http://127.0.0.1:8000/azertag.az/en/xeber/...), and for
end-to-end tests of HTTP clients. It binds to loopback only unless --host says
otherwise; it is not meant to face a network.

examples:
  newscrawl serve fixtures                   # http://127.0.0.1:8000/
  newscrawl serve recorded/ --port 0         # any free port, printed on start
  http_proxy=http://127.0.0.1:8000 curl -s http://azertag.az/robots.txt

exit status: 0 stopped, 2 usage, 3 folder missing or port unavailable, 130 Ctrl-C"""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``serve`` parser."""
    p = sub.add_parser(
        "serve",
        help="serve a fixture folder or recorded crawl over HTTP on loopback",
        usage="newscrawl serve [-h] [--port N] [--host ADDR] [--quiet] DIR",
        description="Serve saved pages with their recorded status and headers (demos, tests).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("root", metavar="DIR", help="fixture folder (as for --replay)")
    p.add_argument(
        "--port", type=int, default=8000, help="TCP port (0 = any free one; default 8000)"
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("-q", "--quiet", action="store_true", help="do not log each request")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted."""
    root = Path(args.root)
    if not root.is_dir():
        raise CommandError(f"{args.root}: no such folder", 3)
    handler = partial(FixtureHandler, FixtureStore(root.resolve()), threading.Lock(), args.quiet)
    try:
        server = ThreadingHTTPServer((args.host, args.port), handler)
    except OSError as exc:
        raise CommandError(f"cannot listen on {args.host}:{args.port}: {exc.strerror}", 3) from None
    host, port = server.server_address[:2]
    sites = len(list(site_folders(root)))
    print(f"serving {root} ({sites} sites) on http://{host}:{port}/ (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0


def site_folders(root: Path) -> list[str]:
    """The site (host) folders of a fixture folder: names with a dot, like hosts."""
    return sorted(p.name for p in root.iterdir() if p.is_dir() and "." in p.name)


class FixtureHandler(BaseHTTPRequestHandler):
    """Answers GET and HEAD from the fixture store."""

    server_version = "newscrawl-serve"
    protocol_version = "HTTP/1.1"

    def __init__(self, store: FixtureStore, lock: threading.Lock, quiet: bool, *args, **kw):
        self.store, self.lock, self.quiet = store, lock, quiet
        super().__init__(*args, **kw)

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        url, prefix = self._target()
        if url is None and self.path == "/robots.txt":  # the server's own, for prefixed URLs
            robots = self.store.root / "robots.txt"
            found = robots.is_file()
            body = robots.read_bytes() if found else b""
            self._send(200 if found else 404, {"Content-Type": "text/plain"}, body, send_body)
            return
        if url is None:
            self._send(200, {"Content-Type": "text/html; charset=utf-8"}, self._index(), send_body)
            return
        try:
            with self.lock:  # sidecar sequences count hits: one request at a time
                served = self.store.serve(url)
        except MissingFixture as exc:
            body = f"{exc}\n".encode()
            self._send(404, {"Content-Type": "text/plain; charset=utf-8"}, body, send_body)
            return
        headers = dict(served.headers)
        location = next((k for k in headers if k.lower() == "location"), None)
        if location and prefix:
            headers[location] = _under_prefix(headers[location], url)
        self._send(served.status, headers, served.body, send_body)

    def _target(self) -> tuple[str | None, bool]:
        """The site URL a request means, and whether it came path-prefixed (None: the index)."""
        if self.path.startswith(("http://", "https://")):
            return self.path, False
        first, _, rest = self.path.lstrip("/").partition("/")
        sites = site_folders(self.store.root)
        if first in sites:
            return f"https://{first}/{rest}", True
        host = (self.headers.get("Host") or "").split(":")[0].lower()
        if host in sites:
            return f"https://{host}{self.path}", False
        referer = urlsplit(self.headers.get("Referer") or "").path.lstrip("/").split("/")[0]
        if referer in sites and self.path != "/":  # a root-relative link on a served page
            return f"https://{referer}{self.path}", True
        return None, False

    def _index(self) -> bytes:
        links = "".join(
            f'<li><a href="/{escape(s)}/">{escape(s)}</a></li>'
            for s in site_folders(self.store.root)
        )
        return (
            f"<!DOCTYPE html><meta charset=utf-8><title>newscrawl serve</title>"
            f"<h1>{escape(str(self.store.root))}</h1><ul>{links}</ul>"
        ).encode()

    def _send(self, status: int, headers: dict[str, str], body: bytes, send_body: bool) -> None:
        self.send_response(status)
        for name, value in headers.items():
            if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        if not self.quiet:
            sys.stderr.write(f"{self.address_string()} {format % args}\n")


def _under_prefix(location: str, base: str) -> str:
    """A redirect target rewritten to ``/<site>/<path>`` so a browser stays on this server."""
    parts = urlsplit(location)
    if not parts.scheme:
        parts = urlsplit(f"https://{urlsplit(base).hostname}{location}")
    query = f"?{parts.query}" if parts.query else ""
    return f"/{parts.hostname}{parts.path or '/'}{query}"
