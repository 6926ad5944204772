"""A real headless Chromium for the report tests, driven over the DevTools protocol.

Chromium is Debian's ``chromium`` package. When it is missing it is installed
with apt-get where that is allowed (root, and ``CI=true`` or
``NEWSCRAWL_INSTALL_CHROMIUM=1``), as ``tests/redis_support.py`` does for
redis; otherwise the tests skip saying so (and fail under CI).

The protocol runs over ``--remote-debugging-pipe`` (JSON messages ending in
NUL on the browser's file descriptors 3 and 4), so no websocket library and no TCP port
are needed.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--hide-scrollbars", "--mute-audio", "--remote-debugging-pipe",
)  # fmt: skip


def _runs(binary: str | None) -> str | None:
    """``binary`` if it answers ``--version`` like a Chromium."""
    if not binary:
        return None
    try:
        out = subprocess.run(
            [binary, "--version"], capture_output=True, text=True, timeout=60, check=False
        )
    except OSError:
        return None
    return binary if "Chromium" in out.stdout or "Chrome" in out.stdout else None


def _from_apt() -> str | None:
    """Install Debian's chromium where allowed: root, and CI or an explicit opt-in."""
    allowed = os.environ.get("CI") == "true" or os.environ.get("NEWSCRAWL_INSTALL_CHROMIUM") == "1"
    if not (allowed and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get")):
        return None
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        subprocess.run(cmd, env=env, capture_output=True, timeout=900, check=False)
    return _runs(shutil.which("chromium") or "/usr/bin/chromium")


def find_chromium() -> str:
    """A runnable Chromium, or skip (fail under CI) saying how to get one."""
    found = _runs(shutil.which("chromium") or shutil.which("chromium-browser")) or _from_apt()
    if found:
        return found
    message = "no chromium (apt-get install chromium, or NEWSCRAWL_INSTALL_CHROMIUM=1 as root)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@dataclass
class PageVisit:
    """What loading one page showed: console errors, exceptions, requests, a value, a PNG."""

    value: Any = None
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    png: bytes = b""


class Browser:
    """One headless Chromium process and a DevTools session on one page."""

    def __init__(self, binary: str) -> None:
        self.profile = tempfile.mkdtemp(prefix="newscrawl-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # the child gets them as 3 and 4; lift them above 9 first so that moving one
        # cannot overwrite the other
        high = tuple(_above_nine(fd) for fd in (to_browser_r, from_browser_w))
        to_browser_r, from_browser_w = high
        cmd = [binary, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"]
        log = open(os.path.join(self.profile, "stderr.log"), "wb")  # noqa: SIM115
        self.proc = subprocess.Popen(
            cmd,
            preexec_fn=lambda: (os.dup2(high[0], 3), os.dup2(high[1], 4)),
            pass_fds=(3, 4),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        log.close()
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._next_id = 0
        self._inbox: queue.Queue[dict] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        try:
            target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        except OSError as exc:
            log = Path(self.profile, "stderr.log").read_text(errors="replace")
            lines = [x for x in log.splitlines() if "dbus" not in x]
            raise RuntimeError(f"chromium did not start: {exc}; log: {lines[-5:]}") from exc
        attached = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})
        self.session = attached["sessionId"]

    def _read(self) -> None:
        """Split the browser's NUL-terminated messages into the inbox."""
        buffer = b""
        while chunk := os.read(self._from_browser, 1 << 16):
            buffer += chunk
            while b"\0" in buffer:
                message, buffer = buffer.split(b"\0", 1)
                self._inbox.put(json.loads(message))

    def call(
        self, method: str, params: dict | None = None, *, session: bool = False, events=None
    ) -> dict:
        """Send one command and wait for its answer; other messages go to ``events``."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            reply = self._inbox.get(timeout=max(0.1, deadline - time.monotonic()))
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if events is not None:
                events.append(reply)
        raise TimeoutError(method)

    def visit(self, url: str, expression: str, width: int = 1200) -> PageVisit:
        """Load ``url``, evaluate ``expression`` after the load event, screenshot the page."""
        events: list[dict] = []
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=True, events=events)
        metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}
        self.call("Emulation.setDeviceMetricsOverride", metrics, session=True, events=events)
        self.call("Page.navigate", {"url": url}, session=True, events=events)
        self._wait_for(events, "Page.loadEventFired")
        result = self.call(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True},
            session=True, events=events,
        )  # fmt: skip
        shot = self.call(
            "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True},
            session=True, events=events,
        )  # fmt: skip
        visit = PageVisit(value=result.get("result", {}).get("value"))
        visit.png = base64.b64decode(shot["data"])
        _collect(events, visit)
        return visit

    def _wait_for(self, events: list[dict], method: str, timeout: float = 30) -> None:
        """Block until an event named ``method`` arrived (it may already be in ``events``)."""
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == method for e in events):
            if time.monotonic() > deadline:
                raise TimeoutError(method)
            try:
                events.append(self._inbox.get(timeout=0.2))
            except queue.Empty:
                continue

    def close(self) -> None:
        """Stop the browser and remove its profile."""
        with contextlib.suppress(OSError, RuntimeError, TimeoutError, queue.Empty):
            self.call("Browser.close")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_browser)
        if os.environ.get("NEWSCRAWL_KEEP_BROWSER_LOG"):
            print(Path(self.profile, "stderr.log").read_text(errors="replace"))
        shutil.rmtree(self.profile, ignore_errors=True)


def _above_nine(fd: int) -> int:
    """A duplicate of ``fd`` numbered 10 or more (the original is closed)."""
    import fcntl

    high = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return high


def _collect(events: list[dict], visit: PageVisit) -> None:
    """Console errors, uncaught exceptions, error log entries and request URLs."""
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            args = [str(a.get("value", a.get("description", ""))) for a in params.get("args", [])]
            visit.errors.append("console: " + " ".join(args))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            text = details.get("exception", {}).get("description") or details.get("text")
            visit.errors.append(f"exception: {text}")
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            visit.errors.append("log: " + params["entry"].get("text", ""))
        elif method == "Network.requestWillBeSent":
            visit.requests.append(params.get("request", {}).get("url", ""))


def png_size_and_colours(png: bytes) -> tuple[int, int, int]:
    """Width, height and the number of distinct colours of a PNG (8-bit RGB/RGBA).

    Decoded with zlib alone, so the check that a screenshot is not blank needs
    no imaging library.
    """
    import struct
    import zlib

    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", b""
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        chunk = png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = chunk
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, colour_type = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour_type in (2, 6), f"unexpected PNG format {depth}/{colour_type}"
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    colours: set[bytes] = set()
    previous = bytearray(stride)
    for row in range(height):
        start = row * (stride + 1)
        line = _unfilter(
            raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous, channels
        )
        if row % 4 == 0:
            colours.update(bytes(line[i : i + 3]) for i in range(0, stride, channels * 4))
        previous = line
    return width, height, len(colours)


def _unfilter(kind: int, line: bytearray, prev: bytearray, bpp: int) -> bytearray:
    """Undo one PNG scanline filter (types 0-4)."""
    for i in range(len(line)):
        left = line[i - bpp] if i >= bpp else 0
        up = prev[i]
        corner = prev[i - bpp] if i >= bpp else 0
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 2:
            line[i] = (line[i] + up) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            pred = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
            line[i] = (line[i] + pred) & 0xFF
    return line


def visit_page(path: Path, expression: str, binary: str) -> PageVisit:
    """Open a local file in a fresh browser and report what happened."""
    browser = Browser(binary)
    try:
        return browser.visit(path.resolve().as_uri(), expression)
    finally:
        browser.close()
