"""JSON Lines files keep whole lines, even when the writer is killed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from newscrawl.pipelines.jsonl import JsonLinesFile, repair_tail

WRITER = """
import sys
from newscrawl.pipelines.jsonl import JsonLinesFile
out = JsonLinesFile(sys.argv[1])
i = 0
while True:
    out.append({"n": i, "articleBody": "Bakı, 23 iyun, AZƏRTAC\\n" + "ə" * (i % 5000)})
    i += 1
"""


def test_killed_writer_leaves_only_complete_lines(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    for _ in range(3):  # kill it at three arbitrary moments, appending each time
        before = path.stat().st_size if path.exists() else 0
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], env=env)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (
            not path.exists() or path.stat().st_size < before + 200_000
        ):
            time.sleep(0.05)  # let it write a good amount first, however slow the machine
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    JsonLinesFile(path).close()  # reopening repairs a torn tail, if any
    lines = path.read_text("utf-8").splitlines()
    assert len(lines) > 100
    records = [json.loads(line) for line in lines]
    assert all(r["articleBody"].startswith("Bakı, 23 iyun, AZƏRTAC") for r in records)


def test_torn_last_line_is_cut_on_open(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"n": 1}\n{"n": 2}\n{"n": 3, "articleBody": "Ba')
    assert repair_tail(path) == len(b'{"n": 3, "articleBody": "Ba')
    out = JsonLinesFile(path)
    out.append({"n": 4})
    out.close()
    assert [json.loads(x)["n"] for x in path.read_text().splitlines()] == [1, 2, 4]


def test_records_are_utf8_not_ascii_escaped(tmp_path: Path) -> None:
    out = JsonLinesFile(tmp_path / "b.jsonl")
    out.append({"headline": "Bakıda “forum” — Баку"})
    out.close()
    raw = (tmp_path / "b.jsonl").read_text("utf-8")
    assert raw == '{"headline":"Bakıda “forum” — Баку"}\n'
