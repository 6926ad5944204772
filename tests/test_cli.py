"""The ``newscrawl`` command line: help, errors and exit codes, extract, crawl, serve."""

from __future__ import annotations

import contextlib
import http.client
import io
import json
import os
import pty
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from newscrawl.cli import main
from tests.conftest import FIXTURES, ROOT

SEED = next((FIXTURES / "azertag.az" / "en" / "xeber").glob("Ankara_hosts*.html"))
SEED_URL = "https://azertag.az/en/xeber/" + SEED.stem


def test_extract_one_page_as_json(capsys) -> None:
    assert main(["extract", str(SEED), "--url", SEED_URL]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["headline"].startswith("Ankara hosts")
    assert record["articleBody"].startswith("Ankara, February 23, AZERTAC")


def test_extract_as_text(capsys) -> None:
    assert main(["extract", str(SEED), "--url", SEED_URL, "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Ankara hosts") and "Report a mistake" not in out


def test_extract_explain_lists_removed_lines_on_stderr(tmp_path: Path, capsys) -> None:
    from tests.test_audit import PAGE, URL

    page = tmp_path / "bridge.html"
    page.write_text(PAGE, encoding="utf-8")
    assert main(["extract", str(page), "--url", URL, "--explain"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["url"] == URL  # stdout is still the record alone
    assert f"{page}: 5 lines removed" in captured.err
    assert "  furniture: © Reuters" in captured.err
    assert "  metadata: By Jane Doe" in captured.err


def test_page_without_article_exits_1(tmp_path: Path, capsys) -> None:
    empty = next((FIXTURES / "azertag.az" / "en" / "xeber").glob("First_snow*.html"))
    assert main(["extract", str(empty), "--url", "https://azertag.az/en/xeber/" + empty.stem]) == 1
    assert "no article text found" in capsys.readouterr().err


def test_missing_file_is_one_clear_line(capsys) -> None:
    assert main(["extract", "/nonexistent/page.html"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file" in err


COMMAND_NAMES = ("extract", "crawl", "stats", "validate", "serve", "eval")


def newscrawl(
    *args: str, cwd: Path | None = None, timeout: int = 120, **kw
) -> subprocess.CompletedProcess:
    """Run the real console entry point in a subprocess, as a user would."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEWSCRAWL_STATE": ""}
    env.pop("NEWSCRAWL_REPLAY", None)
    return subprocess.run(
        [sys.executable, "-m", "newscrawl.cli", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False, **kw,
    )  # fmt: skip


def test_top_level_help_reads_like_a_unix_tool(capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: newscrawl [-h] [--version] COMMAND [ARGS...]")
    for name in COMMAND_NAMES:
        assert f"\n    {name} " in out, name
    assert "examples:" in out and "exit status:" in out
    for code in ("0 ", "1 ", "2 ", "3 ", "4 ", "70 ", "130 "):
        assert f"\n  {code}" in out


@pytest.mark.parametrize("name", COMMAND_NAMES)
def test_each_command_has_help_with_examples_and_exit_status(name: str, capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main([name, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: newscrawl {name}")
    assert "exit status" in out
    if name != "eval":
        assert "examples:" in out


def test_no_command_prints_help_and_exits_2(capsys) -> None:
    assert main([]) == 2
    assert "usage: newscrawl" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["frobnicate"], 2, "invalid choice: 'frobnicate'"),
        (["validate"], 2, "the following arguments are required: FILE"),
        (["crawl", "nosuchagency"], 2, "unknown agency 'nosuchagency' (known: "),
        (["crawl", "azertac", "--since", "yesterday"], 2, "not a date (YYYY-MM-DD): 'yesterday'"),
        (["crawl", "azertac", "--replay", "/nonexistent"], 3, "/nonexistent: no such folder"),
        (["stats", "/nonexistent.jsonl"], 3, "/nonexistent.jsonl: no such file"),
        (["validate", str(FIXTURES)], 3, "is a folder, not a JSON Lines file"),
        (["serve", "/nonexistent"], 3, "/nonexistent: no such folder"),
    ],
)
def test_errors_are_one_line_with_the_documented_code(args, code, words) -> None:
    proc = newscrawl(*args)
    assert proc.returncode == code, proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("newscrawl: "), proc.stderr
    assert words in proc.stderr
    assert "Traceback" not in proc.stderr


def test_crawl_list_names_the_agencies() -> None:
    proc = newscrawl("crawl", "--list")
    assert proc.returncode == 0
    names = [line.split()[0] for line in proc.stdout.splitlines()]
    assert {"azertac", "tass", "news"} <= set(names) and names == sorted(names)


def test_crawl_wrapper_piped_logs_plain_progress(tmp_path: Path) -> None:
    proc = newscrawl(
        "crawl", "azertac", "--lang", "en", "--replay", str(FIXTURES), "--no-state",
        "-o", "out.jsonl", "--rejects", "rejects.jsonl", cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    records = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert records and all(r["inLanguage"] == "en" for r in records)
    assert "\r" not in proc.stderr and "\x1b" not in proc.stderr
    assert "progress: pages " in proc.stderr and f"articles {len(records)} " in proc.stderr
    assert "[scrapy.core.engine] INFO: Spider closed (finished)" in proc.stderr
    rejects = (tmp_path / "rejects.jsonl").read_text().count("\n")
    assert proc.stderr.endswith(
        f"newscrawl: {len(records)} articles -> out.jsonl; {rejects} rejects\n"
    )


def test_crawl_wrapper_on_a_terminal_redraws_one_line(tmp_path: Path) -> None:
    """stderr is a real pseudo-terminal: the line is redrawn in place, INFO logs are off."""
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEWSCRAWL_STATE": ""}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newscrawl.cli", "crawl", "tass", "--lang", "all",
         "--replay", str(FIXTURES), "-o", "out.jsonl",
         "-s", "NEWSCRAWL_PROGRESS_INTERVAL=0.2", "-s", "DOWNLOAD_DELAY=0.3"],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=slave,
    )  # fmt: skip
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    assert proc.wait(timeout=120) == 0
    os.close(master)
    screen = b"".join(chunks).decode("utf-8", "replace")
    redraws = screen.count("\r\x1b[Kpages ")
    assert redraws >= 3, screen[-1500:]
    assert " INFO: " not in screen
    articles = (tmp_path / "out.jsonl").read_text().count("\n")
    assert f"articles {articles} · " in screen.rsplit("\r\x1b[K", 1)[1]


# --- extract: many files, formats, live URLs --------------------------------------------


def test_extract_many_files_gives_valid_json_lines(tmp_path: Path, capsys) -> None:
    italy = next((FIXTURES / "azertag.az" / "en" / "xeber").glob("*Italy*.html"))
    pages = [italy, SEED]  # no --url: each page's canonical link selects the agency rules
    assert main(["extract", *map(str, pages), "/nonexistent.html"]) == 3
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 2 and all(line.startswith('{"schemaVersion":') for line in lines)
    assert captured.err == "newscrawl: /nonexistent.html: no such file\n"
    out = tmp_path / "x.jsonl"
    out.write_text(captured.out)
    assert main(["validate", str(out)]) == 0


def test_extract_markdown(capsys) -> None:
    assert main(["extract", str(SEED), "--url", SEED_URL, "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Ankara hosts")
    assert "\n\n*2017-02-23T14:05:00+04:00 · " in out and "AZERTAC*\n\n" in out
    assert "\n\nAnkara, February 23, AZERTAC\n\n" in out
    assert out.rstrip().endswith(f"[Source]({SEED_URL})")


class _Site(BaseHTTPRequestHandler):
    """A small live site: robots.txt, an article, a 404, a slow and a huge page."""

    requests: ClassVar[list[tuple[str, str]]] = []

    def do_GET(self) -> None:
        self.requests.append((self.path, self.headers.get("User-Agent", "")))
        if self.path == "/robots.txt":
            return self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        if self.path in ("/news/story", "/private/story"):
            return self._send(200, SEED.read_bytes(), "text/html; charset=utf-8")
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/news/story")
            self.send_header("Content-Length", "0")
            return self.end_headers()
        if self.path == "/slow":
            time.sleep(2)
            return self._send(200, b"<html></html>", "text/html")
        if self.path == "/huge":
            return self._send(200, b"<p>x</p>" * 200_000, "text/html")
        return self._send(404, b"not here", "text/plain")

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # /slow: client gave up
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site():
    """A live HTTP site on 127.0.0.1 (a thread of this process); yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    _Site.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_extract_live_url_checks_robots_with_our_user_agent(site: str, capsys) -> None:
    from newscrawl import settings

    assert main(["extract", f"{site}/moved"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["url"] == f"{site}/news/story"  # after the redirect
    assert record["articleBody"].startswith("Ankara, February 23")
    assert record["metadata"]["dateDownloaded"] and record["metadata"]["spider"] is None
    assert [path for path, _ in _Site.requests] == ["/robots.txt", "/moved", "/news/story"]
    assert {agent for _, agent in _Site.requests} == {settings.USER_AGENT}


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/private/story", "robots.txt disallows it"),
        ("/gone", "HTTP 404"),
        ("/slow", "cannot fetch"),
        ("/huge", "page larger than 1000000 bytes"),
    ],
)
def test_extract_live_url_failures_exit_4(
    site: str, path: str, words: str, monkeypatch, capsys
) -> None:
    from newscrawl import settings

    monkeypatch.setattr(settings, "DOWNLOAD_MAXSIZE", 1_000_000)
    assert main(["extract", f"{site}{path}", "--timeout", "0.5"]) == 4
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"newscrawl: {site}{path}: ") and words in err
    if path.startswith("/private"):
        assert [p for p, _ in _Site.requests] == ["/robots.txt"]  # the page itself never asked


# --- serve --------------------------------------------------------------------------------


@pytest.fixture
def served(tmp_path: Path):
    """``newscrawl serve`` on a copy of some fixtures (plus a root robots.txt), any free port."""
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "azertag.az" / "en", root / "azertag.az" / "en")
    (root / "robots.txt").write_text(
        "User-agent: *\nDisallow: /azertag.az/en/xeber/Azerbaijani_judokas\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newscrawl.cli", "serve", str(root), "--port", "0"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    first = proc.stdout.readline()
    assert first.startswith(f"serving {root} (1 sites) on http://127.0.0.1:"), first
    base = first.split(" on ")[1].split("/ ")[0]
    yield base, proc
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def _get(url: str, **headers: str) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_serve_answers_like_replay(served) -> None:
    base, _ = served
    status, headers, body = _get(f"{base}/azertag.az/en/xeber/{SEED.stem}")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert body == SEED.read_bytes()
    gone = next((FIXTURES / "azertag.az/en/xeber").glob("Azerbaijani_judokas*.html"))
    status, _, _ = _get(f"{base}/azertag.az/en/xeber/{gone.stem}")
    assert status == json.loads(Path(f"{gone}.meta.json").read_text())["status"] == 404
    status, _, body = _get(f"{base}/azertag.az/en/no-such-page")
    assert status == 404 and b"no fixture for https://azertag.az/en/no-such-page" in body
    status, _, body = _get(f"{base}/en/xeber/{SEED.stem}", Host="azertag.az")
    assert status == 200 and body == SEED.read_bytes()
    status, _, body = _get(f"{base}/")
    assert status == 200 and b'href="/azertag.az/"' in body


def test_serve_answers_proxy_requests(served) -> None:
    base, _ = served
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("GET", f"http://azertag.az/en/xeber/{SEED.stem}")
    response = connection.getresponse()
    assert response.status == 200 and response.read() == SEED.read_bytes()
    connection.close()


def test_extract_from_serve_matches_the_golden(served, capsys) -> None:
    base, _ = served
    golden = json.loads(
        (
            ROOT / "tests" / "golden" / "azertag.az" / "en" / "xeber" / f"{SEED.name}.json"
        ).read_text()
    )
    assert main(["extract", f"{base}/azertag.az/en/xeber/{SEED.stem}", "--url", SEED_URL]) == 0
    record = json.loads(capsys.readouterr().out)
    assert {k: v for k, v in record.items() if k != "metadata"} == golden
    judokas = next((FIXTURES / "azertag.az/en/xeber").glob("Azerbaijani_judokas*.html")).stem
    assert main(["extract", f"{base}/azertag.az/en/xeber/{judokas}"]) == 4
    assert "robots.txt disallows it" in capsys.readouterr().err


def test_serve_stops_on_ctrl_c_with_130(served) -> None:
    base, proc = served
    assert _get(f"{base}/")[0] == 200
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=10) == 130
    assert proc.stderr.read().endswith("newscrawl: interrupted\n")


def test_extract_reads_stdin(monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED.read_bytes())))
    assert main(["extract", "-", "--url", SEED_URL, "--format", "text"]) == 0
    assert capsys.readouterr().out.startswith("Ankara hosts")


def test_crawl_interrupted_exits_130_and_leaves_whole_lines(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEWSCRAWL_STATE": ""}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newscrawl.cli", "crawl", "azertac", "--lang", "all",
         "--replay", str(FIXTURES), "-o", "out.jsonl", "-s", "NEWSCRAWL_BACKOFF_BASE=30",
         "-s", "NEWSCRAWL_BACKOFF_MAX=60"],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    log = []
    for line in proc.stderr:  # a 30 s back-off on the fixtures' 503 keeps the crawl going
        log.append(line)
        if "Spider opened" in line:
            break
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    log.append(proc.communicate(timeout=25)[1])  # graceful: no waiting out the back-off
    err = "".join(log)
    assert proc.returncode == 130, err[-2000:]
    assert "'finish_reason': 'shutdown'" in err
    lines = (tmp_path / "out.jsonl").read_text("utf-8").splitlines()
    assert len(lines) < 19  # stopped early (the full crawl has 19)
    assert all(json.loads(line)["schemaVersion"] for line in lines)  # every line whole


def test_extract_a_folder_reads_its_pages_only(tmp_path: Path, capsys) -> None:
    import gzip as gz

    (tmp_path / "sub").mkdir()
    shutil.copy(SEED, tmp_path / "a.html")
    (tmp_path / "sub" / "b.html.gz").write_bytes(gz.compress(SEED.read_bytes()))
    (tmp_path / "sitemap.xml.gz").write_bytes(gz.compress(b"<urlset/>"))
    (tmp_path / "a.html.meta.json").write_text('{"status": 200}')
    assert main(["extract", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and all(json.loads(x)["headline"].startswith("Ankara") for x in lines)
