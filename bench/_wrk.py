"""wrk (HTTP load generator) runs and the figures read from its ``--latency`` report."""

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class WrkFigures:
    requests: int
    rate: str
    p50: str
    p99: str
    problems: list[str]


def wrk(arguments: list[str]) -> str:
    result = subprocess.run(["wrk", "--latency", *arguments], capture_output=True, text=True, check=True)  # noqa: S603, S607
    if not re.search(r"Requests/sec:\s+[1-9]", result.stdout):
        print(f"wrk got no answers:\n{result.stdout}\n{result.stderr}", file=sys.stderr)
    return result.stdout


def wrk_figures(text: str) -> WrkFigures:
    rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
    total = re.search(r"(\d+) requests in", text)
    p50, p99 = re.search(r"50%\s+([\d.]+\w+)", text), re.search(r"99%\s+([\d.]+\w+)", text)
    return WrkFigures(
        requests=int(total.group(1)) if total else 0,
        rate=rate.group(1) if rate else "?",
        p50=p50.group(1) if p50 else "?",
        p99=p99.group(1) if p99 else "?",
        problems=re.findall(r"(Non-2xx or 3xx responses: \d+|Socket errors: .*)", text),
    )


@contextmanager
def gunicorn(
    env: dict[str, str],
    workers: int,
    *,
    threads: int = 1,
    app: str = "config.wsgi:application",
    chdir: Path = ROOT,
    log: Path | None = None,
) -> Iterator[str]:
    """Serve ``app`` with gunicorn on a free local port (loaded once, before the workers fork); yields
    the base URL once it accepts connections."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    command = [str(ROOT / ".venv/bin/gunicorn"), app, "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--threads", str(threads), "--preload"]
    errors = log.open("w") if log else subprocess.DEVNULL
    server = subprocess.Popen(command, cwd=chdir, env={**os.environ, **env}, stderr=errors)  # noqa: S603
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)
        if log:
            errors.close()  # type: ignore[union-attr]
