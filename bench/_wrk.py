"""wrk (HTTP load generator) runs and the figures read from its ``--latency`` report."""

import re
import subprocess
import sys
from dataclasses import dataclass


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
