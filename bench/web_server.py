"""Start and stop a `parley serve` process for the web benchmarks (127.0.0.1, a free port)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(store: str, extra_env: dict[str, str] | None = None, workers: int = 1) -> Iterator[str]:
    port = free_port()
    env = {**{k: v for k, v in os.environ.items() if k != "PARLEY_TOKEN"}, **(extra_env or {})}
    log = tempfile.NamedTemporaryFile("w+", prefix="parley-serve-", suffix=".log", delete=False)
    proc = subprocess.Popen([sys.executable, "-m", "parley", "--store", store, "serve", "--port", str(port),
                             "--workers", str(workers)], env=env, stderr=log, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    try:
        while True:
            try:
                with urllib.request.urlopen(base + "/api/status", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"parley serve did not start: {Path(log.name).read_text()}")
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        errors = Path(log.name).read_text().count("Traceback")
        print(f"(server log {log.name}: {errors} tracebacks)")


def server_ms(headers) -> float:
    """The app's own time for a response, from its Server-Timing header."""
    value = headers.get("server-timing", "")
    return float(value.split("dur=")[1]) if "dur=" in value else float("nan")


def load_line() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average (1/5/15 min): {one:.2f} / {five:.2f} / {fifteen:.2f} on {os.cpu_count()} cores"
